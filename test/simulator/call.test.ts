import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { patientServicesBot } from '../../bots';
import { INTENTS } from '../../fulfillment/src/constants';
import { startLocalRuntime, type LocalRuntime } from '../../sandbox/localRuntime';
import { DEMO_CALLER, SCENARIOS } from '../../sandbox/data/scenarios';
import { playCall, type CallPrinter } from '../../sandbox/simulator/flow';
import { IntentMatcher, resolveSlot, toCallerInput } from '../../sandbox/simulator/matcher';

function scriptOf(lines: string[]) {
  let index = 0;
  return { next: async () => lines[index++] };
}

function recorder(): CallPrinter & { heard: string[]; said: string[] } {
  const heard: string[] = [];
  const said: string[] = [];
  return { heard, said, ivr: (text) => heard.push(text), caller: (text) => said.push(text), trace: () => undefined };
}

describe('call simulator', () => {
  let runtime: LocalRuntime;

  beforeAll(async () => {
    runtime = await startLocalRuntime();
  });
  afterAll(async () => {
    await runtime.close();
  });

  it('plays the bundled demo call to a goodbye, reading the real medication list', async () => {
    // Prepare
    const script = readFileSync(new URL('../../sandbox/simulator/demo-call.txt', import.meta.url), 'utf8')
      .split('\n')
      .filter((line) => line.trim() && !line.startsWith('#'));
    const print = recorder();
    // Act
    const result = await playCall({ handler: runtime.handler, callerNumber: DEMO_CALLER.callerNumber, lines: scriptOf(script), print, searchStrategy: 'telecom' });
    // Assess
    expect(result).toMatchObject({ ending: 'goodbye', authResult: 'ok' });
    const transcript = print.heard.join('\n');
    expect(transcript).toContain(`Thank you, ${DEMO_CALLER.given}.`);
    expect(transcript).toContain(`You have ${DEMO_CALLER.activeMedicationCount} active medications on file.`);
    const list = await runtime.epic.activeMedications(DEMO_CALLER.patientId);
    for (const medication of list) expect(transcript.toLowerCase()).toContain(medication.name.split(' ')[0]?.toLowerCase());
  });

  it('takes the birth date on the keypad', async () => {
    const [month, day] = [DEMO_CALLER.birthDate.slice(5, 7), DEMO_CALLER.birthDate.slice(8, 10)];
    const keyed = `${month}${day}${DEMO_CALLER.birthDate.slice(0, 4)}`;
    const result = await playCall({ handler: runtime.handler, callerNumber: DEMO_CALLER.callerNumber, lines: scriptOf([keyed, '1', 'goodbye']), print: recorder(), searchStrategy: 'telecom' });
    expect(result).toMatchObject({ ending: 'goodbye', authResult: 'ok' });
  });

  it('transfers a caller whose answers never match, without saying which was wrong', async () => {
    const print = recorder();
    const wrong = ['January 1, 1950', 'male'];
    const result = await playCall({
      handler: runtime.handler,
      callerNumber: SCENARIOS.harold.callerNumber,
      lines: scriptOf([...wrong, ...wrong, ...wrong]),
      print,
      searchStrategy: 'telecom',
    });
    expect(result.ending).toBe('transfer');
    expect(print.heard.join(' ')).not.toMatch(/birth date (was|is) (wrong|incorrect)|wrong gender/i);
  });

  it('sends an emergency straight to a person', async () => {
    const print = recorder();
    const result = await playCall({ handler: runtime.handler, callerNumber: DEMO_CALLER.callerNumber, lines: scriptOf(["I can't breathe"]), print, searchStrategy: 'telecom' });
    expect(result.ending).toBe('transfer');
    expect(print.heard.join(' ')).toContain('9 1 1');
  });

  it('stops a caller who never stops talking at the line limit', async () => {
    const endless = { next: async () => 'banana' };
    const result = await playCall({ handler: runtime.handler, callerNumber: DEMO_CALLER.callerNumber, lines: endless, print: recorder(), searchStrategy: 'telecom' });
    expect(['transfer', 'limit']).toContain(result.ending);
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
});
