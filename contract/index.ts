/**
 * Names shared by the bot definitions (`bots/`), the fulfillment handler, the contact flows, the
 * simulator and the tests, so a rename is one edit. Values are what Lex and Connect see.
 *
 * - `bots.ts`: bots, intents, slots, slot types, Gender values, patient search strategies
 * - `session.ts`: session attributes, `authResult` and `ivrNext` values
 * - `keypad.ts`: keys the caller is told to press
 * - `recordingControl.ts`: parameters and results of the capture function the flow invokes
 *
 * The flow's ARN placeholders stay with the flow templates (`contact-flows/render.ts`), which
 * declare and render them.
 */

export * from './bots';
export * from './keypad';
export * from './recordingControl';
export * from './session';
