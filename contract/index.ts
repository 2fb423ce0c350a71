/**
 * Names shared by the bot definitions (`bots/`), the fulfillment handler, the contact flows, the
 * simulator and the tests, so a rename is one edit. Values are what Lex and Connect see.
 *
 * - `bots.ts`: bots, locales, intents, slots, slot types, Gender values, patient search strategies
 * - `session.ts`: session attributes, `authResult` and `ivrNext` values
 * - `keypad.ts`: keys the caller is told to press
 * - `recordingControl.ts`: parameters and results of the recording-control function the flow invokes
 * - `redFlags.ts`: the ids of the red flags (emergencies) the dialog and the notes look for
 * - `flowPlaceholders.ts`: the ARN placeholders of the flow templates (`contact-flows/render.ts`
 *   declares which flow uses which, and renders them)
 * - `tasks.ts`: the attributes, kinds and urgencies of the care team's Amazon Connect tasks, which
 *   the `care-team-task` flow routes on
 */

export * from './bots';
export * from './flowPlaceholders';
export * from './keypad';
export * from './recordingControl';
export * from './redFlags';
export * from './session';
export * from './tasks';
