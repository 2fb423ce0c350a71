import { randomUUID } from 'node:crypto';
import { patientAuthBot, patientServicesBot } from '../../bots';
import { AUTH_RESULTS, INTENTS, IVR_NEXT, SESSION_ATTRIBUTES } from '../../fulfillment/src/constants';
import { PHRASES } from '../../fulfillment/src/dialog/phrases';
import type { LexHandler } from '../../fulfillment/src/handler';
import type { PatientSearchStrategy } from '../../fulfillment/src/epic';
import { toPlainText } from '../../fulfillment/src/lex/speech';
import { LexRuntime, type BotStep } from './lexRuntime';
import { toCallerInput } from './matcher';
import { ssmlToText } from './render';

/** Where the caller's lines come from: a script, or the terminal. `undefined` = the caller hung up. */
export interface LineSource {
  next(): Promise<string | undefined>;
}

/** Where the simulator prints: what the caller hears, what they say, what the system decided. */
export interface CallPrinter {
  ivr(text: string): void;
  caller(text: string): void;
  trace(text: string): void;
}

/** How the call ended, for the exit status and tests. */
export interface CallResult {
  readonly ending: 'goodbye' | 'transfer' | 'hangup' | 'limit';
  readonly authResult: string | undefined;
  readonly turns: number;
}

/** Caller lines one call may take before the simulator stops it. */
export const MAX_CALLER_LINES = 60;

/**
 * Plays one phone call the way the contact flow runs it: greeting, PatientAuth with the calling
 * number as a session attribute, a branch on `authResult`, then the PatientServices loop until the
 * caller is transferred or says goodbye. The session token lives only in the flow's own state, as a
 * flow attribute would.
 */
export async function playCall(options: {
  handler: LexHandler;
  callerNumber: string;
  lines: LineSource;
  print: CallPrinter;
  searchStrategy: PatientSearchStrategy;
}): Promise<CallResult> {
  const { handler, lines, print } = options;
  const contactId = randomUUID();
  let turns = 0;
  const hear = (step: BotStep) => {
    for (const message of step.spoken) print.ivr(message.startsWith('<speak>') ? ssmlToText(message) : message);
    print.trace(step.decisions.join(' -> '));
  };
  const converse = async (runtime: LexRuntime, first: BotStep): Promise<BotStep | undefined> => {
    let step = first;
    hear(step);
    while (!step.closed) {
      if (turns >= MAX_CALLER_LINES) return undefined;
      const line = await lines.next();
      if (line === undefined) return undefined;
      turns += 1;
      print.caller(line);
      step = await runtime.say(toCallerInput(line));
      hear(step);
    }
    return step;
  };

  print.ivr('Thank you for calling the clinic. To protect your privacy, I need to verify who you are.');
  print.trace(`flow: contact ${contactId}, calling number passed to PatientAuth as ${SESSION_ATTRIBUTES.callerNumber}`);
  for (;;) {
    const auth = new LexRuntime({
      bot: patientAuthBot({ searchStrategy: options.searchStrategy }),
      handler,
      sessionId: contactId,
      attributes: { [SESSION_ATTRIBUTES.callerNumber]: options.callerNumber },
    });
    const authEnd = await converse(auth, await auth.begin(INTENTS.verifyIdentity));
    if (!authEnd) return { ending: turns >= MAX_CALLER_LINES ? 'limit' : 'hangup', authResult: undefined, turns };
    const authResult = auth.attributes[SESSION_ATTRIBUTES.authResult];
    print.trace(`flow: authResult=${authResult ?? '(none)'}`);
    if (authResult !== AUTH_RESULTS.ok) {
      print.ivr('Transferring you to the clinic staff.');
      return { ending: 'transfer', authResult, turns };
    }
    const token = auth.attributes[SESSION_ATTRIBUTES.sessionToken] ?? '';
    const services = new LexRuntime({ bot: patientServicesBot(), handler, sessionId: contactId, attributes: { [SESSION_ATTRIBUTES.sessionToken]: token } });
    let menu: BotStep = { spoken: [toPlainText(PHRASES.menu())], decisions: ['flow: PatientServices'] };
    for (;;) {
      const end = await converse(services, menu);
      if (!end) return { ending: turns >= MAX_CALLER_LINES ? 'limit' : 'hangup', authResult, turns };
      const next = services.attributes[SESSION_ATTRIBUTES.ivrNext];
      print.trace(`flow: ivrNext=${next ?? '(none)'}`);
      if (next === IVR_NEXT.record) {
        const message = await lines.next();
        if (message === undefined) return { ending: 'hangup', authResult, turns };
        turns += 1;
        print.caller(message);
        print.trace('flow: message captured; the symptom-note pipeline is not built yet, so it is not stored');
        print.ivr('Thank you. Your message has been recorded.');
      } else if (next === IVR_NEXT.authenticate) {
        break;
      } else if (next === IVR_NEXT.goodbye) {
        return { ending: 'goodbye', authResult, turns };
      } else {
        print.ivr('Transferring you to the clinic staff.');
        return { ending: 'transfer', authResult, turns };
      }
      delete services.attributes[SESSION_ATTRIBUTES.ivrNext];
      menu = { spoken: [toPlainText(PHRASES.menu())], decisions: ['flow: back to the menu'] };
    }
  }
}
