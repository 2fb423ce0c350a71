import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { patientServicesBot } from '../../../bots';
import { DEFAULT_PATIENT_SEARCH_STRATEGY, INTENTS } from '../../../contract';
import { useLocalRuntime } from '../../support/localRuntime';
import { DEMO_CALLER, SCENARIOS } from '../../../sandbox/data/scenarios';
import { UnknownActionTypeError, type SpokenMessage } from '../../../sandbox/simulator/connect';
import { PATIENT_IVR_PLACEHOLDERS, validateContactFlow } from '../../../contact-flows/render';
import { MAX_CALLER_LINES, playCall } from '../../../sandbox/simulator/flow';
import { localPatientIvr } from '../../../sandbox/simulator/localFlow';
import { IntentMatcher, resolveSlot, toCallerInput } from '../../../sandbox/simulator/matcher';
import { recorder, scriptOf } from '../../support/callRecorder';

const scriptFile = (name: string) =>
  readFileSync(new URL(`../../../sandbox/simulator/${name}`, import.meta.url), 'utf8')
    .split('\n')
    .filter((line) => line.trim() && !line.startsWith('#'));
const demoScript = () => scriptFile('demo-call.txt');

/** The strategy the simulated calls run with: the default, as `npm start` does. */
const STRATEGY = DEFAULT_PATIENT_SEARCH_STRATEGY;

/** A name as a caller spells it when asked: `H A R O L D`. */
const spelled = (name: string): string => name.toUpperCase().split('').join(' ');

/** Harold's own names, a wrong birth date: the first attempt answers the flow's birth date question first, the retries start with the names. */
const wrongAnswers = [
  'January 1, 1950', spelled(SCENARIOS.harold.given), spelled(SCENARIOS.harold.family), 'male',
  spelled(SCENARIOS.harold.given), spelled(SCENARIOS.harold.family), 'January 1, 1950', 'male',
  spelled(SCENARIOS.harold.given), spelled(SCENARIOS.harold.family), 'January 1, 1950', 'male',
];

describe('call simulator', () => {
  const runtime = useLocalRuntime();

  it('plays the bundled demo call through the deployed flow to a goodbye, reading the real medication list', async () => {
    // Prepare
    const print = recorder();
    const messages: SpokenMessage[] = [];
    // Act
    const result = await playCall({
      handler: runtime.handler,
      callerNumber: DEMO_CALLER.callerNumber,
      lines: scriptOf(demoScript()),
      print,
      searchStrategy: STRATEGY,
      hooks: { recording: { heard: (message) => void messages.push(message) } },
    });
    // Assess
    expect(result).toMatchObject({ ending: 'goodbye', authResult: 'ok' });
    const transcript = print.heard.join('\n');
    expect(transcript).toContain('Thank you for calling the clinic.');
    expect(transcript).toContain(`Thank you, ${DEMO_CALLER.given}.`);
    expect(transcript).toContain(`You have ${DEMO_CALLER.activeMedicationCount} active medications on file.`);
    const list = await runtime.epic.activeMedications(DEMO_CALLER.patientId);
    for (const medication of list) expect(transcript.toLowerCase()).toContain(medication.name.split(' ')[0]?.toLowerCase());
    // The flow's own steps, as deployed.
    expect(print.traces).toContain('flow: check-auth-result -> confirm-auth-handoff ($.Lex.SessionAttributes.authResult Equals ok)');
    expect(result.path.slice(0, 6)).toEqual(['disable-flow-logs', 'line-language', 'check-line-language', 'greeting', 'words-en-US', 'auth-bot']);
    expect(result.path.at(-1)).toBe('disconnect');
    // The spoken message reached the recording hook while the caller's audio streamed.
    expect(messages).toEqual([expect.objectContaining({ transcript: expect.stringContaining('dry cough'), streaming: true })]);
    // The session token was kept in a flow attribute: not in the contact record.
    expect(result.contactRecord.Attributes).not.toHaveProperty('sessionToken');
  });

  it('hands PatientServices the calling number through the deployed flow, so a text can go only to it', async () => {
    // Prepare: the handler as deployed, watching what each PatientServices turn is given.
    const seen: (string | undefined)[] = [];
    const handler: typeof runtime.handler = async (event, context) => {
      const { bot, sessionState } = event as { bot?: { name?: string }; sessionState?: { sessionAttributes?: Record<string, string> } };
      if (bot?.name === 'PatientServices') seen.push(sessionState?.sessionAttributes?.['callerNumber']);
      return runtime.handler(event, context);
    };
    // Act
    const result = await playCall({ handler, callerNumber: DEMO_CALLER.callerNumber, lines: scriptOf(scriptFile('menu-keys-call.txt')), print: recorder(), searchStrategy: STRATEGY });
    // Assess
    expect(result.ending).toBe('goodbye');
    expect(seen.length).toBeGreaterThan(0);
    expect(new Set(seen)).toEqual(new Set([DEMO_CALLER.callerNumber]));
  });

  it('gives every placeholder of the flow a fake local ARN with a local stand-in', () => {
    // Prepare / Act
    const local = localPatientIvr({ handler: runtime.handler, searchStrategy: STRATEGY });
    // Assess
    expect(Object.keys(local.arns).sort()).toEqual([...PATIENT_IVR_PLACEHOLDERS].sort());
    for (const arn of Object.values(local.arns)) expect(arn).toMatch(/^arn:aws:[a-z]+:local:000000000000:/);
    expect(validateContactFlow(local.json)).toEqual([]);
    expect(Object.values(local.bots).map((bot) => bot.name).sort()).toEqual(['PatientAuth', 'PatientServices']);
  });

  it('takes the birth date on the keypad', async () => {
    const [month, day] = [DEMO_CALLER.birthDate.slice(5, 7), DEMO_CALLER.birthDate.slice(8, 10)];
    const keyed = `${month}${day}${DEMO_CALLER.birthDate.slice(0, 4)}`;
    const result = await playCall({
      handler: runtime.handler,
      callerNumber: DEMO_CALLER.callerNumber,
      lines: scriptOf([keyed, spelled(DEMO_CALLER.given), spelled(DEMO_CALLER.family), '1', 'goodbye']),
      print: recorder(),
      searchStrategy: STRATEGY,
    });
    expect(result).toMatchObject({ ending: 'goodbye', authResult: 'ok' });
  });

  it('transfers a caller whose answers never match to the staff queue, without saying which was wrong', async () => {
    // Prepare
    const print = recorder();
    // Act
    const result = await playCall({ handler: runtime.handler, callerNumber: SCENARIOS.harold.callerNumber, lines: scriptOf(wrongAnswers), print, searchStrategy: STRATEGY });
    // Assess
    expect(result.ending).toBe('transfer');
    expect(result.authResult).toMatch(/^(failed|locked)$/);
    expect(result.path.slice(-3)).toEqual(['set-transfer-queue', 'check-hours', 'transfer-to-queue']);
    expect(result.contactRecord.QueueArn).toMatch(/^arn:aws:connect:local:000000000000:/);
    expect(print.heard.join(' ')).not.toMatch(/birth date (was|is) (wrong|incorrect)|wrong gender/i);
  });

  it('tells a caller the clinic is closed instead of transferring outside office hours', async () => {
    // Prepare
    const print = recorder();
    // Act
    const result = await playCall({
      handler: runtime.handler,
      callerNumber: DEMO_CALLER.callerNumber,
      lines: scriptOf(["I can't breathe"]),
      print,
      searchStrategy: STRATEGY,
      clinic: { open: false },
    });
    // Assess
    expect(result.ending).toBe('disconnect');
    expect(result.path.slice(-3)).toEqual(['check-hours', 'closed-message', 'disconnect']);
    expect(print.heard.at(-1)).toMatch(/^Our office is closed right now\./);
  });

  it('goes back to the menu when the capture function fails, and the call still ends with goodbye', async () => {
    // Prepare
    const messages: SpokenMessage[] = [];
    const failing = async () => {
      throw new Error('capture store unreachable');
    };
    // Act
    const result = await playCall({
      handler: runtime.handler,
      callerNumber: DEMO_CALLER.callerNumber,
      lines: scriptOf([DEMO_CALLER.birthDate, spelled(DEMO_CALLER.given), spelled(DEMO_CALLER.family), 'female', '2', 'goodbye']),
      print: recorder(),
      searchStrategy: STRATEGY,
      functions: { SymptomCaptureFunctionArn: failing },
      hooks: { recording: { heard: (message) => void messages.push(message) } },
    });
    // Assess
    expect(result.ending).toBe('goodbye');
    expect(messages).toEqual([]);
    expect(result.path.filter((id) => id === 'services-bot')).toHaveLength(2);
  });

  it('reports an action type it does not run in a changed copy of the flow, naming the action', async () => {
    // Prepare
    const print = recorder();
    const editFlow = (json: string) => json.replace('"Type": "GetParticipantInput"', '"Type": "PlayCarrierPigeon"');
    // Act
    const call = playCall({ handler: runtime.handler, callerNumber: DEMO_CALLER.callerNumber, lines: scriptOf(demoScript()), print, searchStrategy: STRATEGY, editFlow });
    // Assess
    await expect(call).rejects.toThrow(UnknownActionTypeError);
    await expect(call).rejects.toThrow(/action greeting: unknown action type PlayCarrierPigeon/);
    expect(print.heard).toEqual([]);
  });

  it('sends an emergency straight to a person', async () => {
    // Prepare
    const print = recorder();
    // Act
    const result = await playCall({ handler: runtime.handler, callerNumber: DEMO_CALLER.callerNumber, lines: scriptOf(["I can't breathe"]), print, searchStrategy: STRATEGY });
    // Assess
    expect(result.ending).toBe('transfer');
    expect(print.heard.join(' ')).toContain('9 1 1');
  });

  it('stops a caller who never stops talking at the line limit', async () => {
    // Prepare
    const endless = { next: async () => 'banana' };
    // Act
    const result = await playCall({ handler: runtime.handler, callerNumber: DEMO_CALLER.callerNumber, lines: endless, print: recorder(), searchStrategy: STRATEGY });
    // Assess
    expect(['transfer', 'limit']).toContain(result.ending);
    expect(result.turns).toBeLessThanOrEqual(MAX_CALLER_LINES);
  });
});

describe('call simulator against an Epic that enforces its Patient search minimum data sets', () => {
  const runtime = useLocalRuntime({ sandbox: { relaxedPatientSearch: false } });

  it('verifies the demo caller with the default configuration and the bundled demo call', async () => {
    // Prepare
    const print = recorder();
    // Act
    const result = await playCall({
      handler: runtime.handler,
      callerNumber: DEMO_CALLER.callerNumber,
      lines: scriptOf(demoScript()),
      print,
      searchStrategy: runtime.config.epic.patientSearch,
    });
    // Assess
    expect(runtime.config.epic.patientSearch).toBe('name');
    expect(result).toMatchObject({ ending: 'goodbye', authResult: 'ok' });
    expect(print.heard).toContain(`Thank you, ${DEMO_CALLER.given}. You are verified.`);
  });
});

describe('call simulator with the opt-in telecom strategy', () => {
  const runtime = useLocalRuntime({ env: { EPIC_PATIENT_SEARCH: 'telecom' } });

  it('plays the bundled telecom demo call (npm start -- --telecom-search) to a goodbye', async () => {
    // Act
    const result = await playCall({ handler: runtime.handler, callerNumber: DEMO_CALLER.callerNumber, lines: scriptOf(scriptFile('demo-call-telecom.txt')), print: recorder(), searchStrategy: 'telecom' });
    // Assess
    expect(result).toMatchObject({ ending: 'goodbye', authResult: 'ok' });
  });

  it('asks a twin who shares the number and birth date with her sister for her first name, and verifies her by it', async () => {
    // Prepare
    const { astrid } = SCENARIOS;
    const print = recorder();
    const lines = ['October 9, 1986', astrid.gender, spelled(astrid.given), 'goodbye'];
    // Act
    const result = await playCall({ handler: runtime.handler, callerNumber: astrid.callerNumber, lines: scriptOf(lines), print, searchStrategy: 'telecom' });
    // Assess
    expect(result).toMatchObject({ ending: 'goodbye', authResult: 'ok' });
    expect(print.heard).toContain('To find your record, I also need your first name. Please spell your first name, one letter at a time.');
    expect(print.heard).toContain(`Thank you, ${astrid.given}. You are verified.`);
  });
});

describe('simulator input', () => {
  it('turns digits into keypad presses and words into speech', () => {
    expect(toCallerInput(' 0 3 1 4 1 9 4 8 #')).toEqual({ transcript: '03141948', inputMode: 'DTMF' });
    expect(toCallerInput('my pills')).toEqual({ transcript: 'my pills', inputMode: 'Speech' });
  });

  it('matches phrasings to intents from the bot definition', () => {
    const matcher = new IntentMatcher(patientServicesBot());
    expect(matcher.match('What are my medications?').intent).toBe(INTENTS.getMedications);
    expect(matcher.match('1').intent).toBe(INTENTS.getMedications);
    expect(matcher.match('0').intent).toBe(INTENTS.talkToSomeone);
    expect(matcher.match('could I talk to someone please').intent).toBe(INTENTS.talkToSomeone);
    expect(matcher.match('purple elephants dancing').intent).toBe(INTENTS.fallback);
  });

  it('resolves spoken dates like AMAZON.Date, and leaves keyed dates to the Lambda', () => {
    const today = new Date(2026, 10, 25);
    expect(resolveSlot('AMAZON.Date', toCallerInput('March 14, 1948'), [], today)?.interpretedValue).toBe('1948-03-14');
    expect(resolveSlot('AMAZON.Date', toCallerInput('03141948'), [], today)).toBeUndefined();
  });

  it('joins spelled letters into the name only when Lex was asked to listen for spelling', () => {
    const today = new Date(2026, 10, 25);
    expect(resolveSlot('AMAZON.FirstName', toCallerInput('E, L, E A N O R'), [], today, 'SpellByLetter')?.interpretedValue).toBe('eleanor');
    expect(resolveSlot('AMAZON.FirstName', toCallerInput('Eleanor'), [], today, 'SpellByLetter')?.interpretedValue).toBe('Eleanor');
    expect(resolveSlot('AMAZON.FirstName', toCallerInput('E L E A N O R'), [], today)?.interpretedValue).toBe('E L E A N O R');
  });
});
