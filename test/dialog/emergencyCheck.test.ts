import { describe, expect, it } from 'vitest';
import { DEFAULT_PATIENT_SEARCH_STRATEGY } from '../../contract';
import { DEMO_CALLER } from '../../sandbox/data/scenarios';
import { playCall } from '../../sandbox/simulator/flow';
import { useLocalRuntime } from '../support/localRuntime';
import { recorder, scriptOf } from '../support/callRecorder';

const QUESTION = 'Are you having chest pain right now?';

/** A name as a caller spells it when asked: `E L E A N O R`. */
const spelled = (name: string): string => name.toUpperCase().split('').join(' ');

const verified = [DEMO_CALLER.birthDate, spelled(DEMO_CALLER.given), spelled(DEMO_CALLER.family), 'female'];

describe('an emergency the caller denies', () => {
  const runtime = useLocalRuntime();

  async function call(lines: string[]) {
    const print = recorder();
    const result = await playCall({ handler: runtime.handler, callerNumber: DEMO_CALLER.callerNumber, lines: scriptOf(lines), print, searchStrategy: DEFAULT_PATIENT_SEARCH_STRATEGY });
    return { result, heard: print.heard.join('\n') };
  }

  it('asks one yes/no question, and a plain "no" gets the medications the caller asked for', async () => {
    // Act
    const { result, heard } = await call([...verified, 'I do not have chest pain, I just want my medications', 'no', 'goodbye']);
    // Assess
    expect(heard).toContain(QUESTION);
    expect(heard).toContain(`You have ${DEMO_CALLER.activeMedicationCount} active medications on file.`);
    expect(heard).not.toContain('9 1 1 now');
    expect(result.ending).toBe('goodbye');
  });

  it.each([['yes'], ['I think so'], ['no, but it comes and goes'], ['']])('sends the caller to 911 advice and a person when the answer is "%s"', async (answer) => {
    // Act
    const { result, heard } = await call([...verified, "I don't have chest pain, I want my medications", answer]);
    // Assess
    expect(heard).toContain(QUESTION);
    expect(heard).toContain('If this is an emergency, hang up and dial 9 1 1 now.');
    expect(heard).not.toContain('active medications on file');
    expect(result.ending).toBe('transfer');
  });

  it('transfers at once when one red flag is denied and another is not', async () => {
    // Act
    const { result, heard } = await call([...verified, "I don't have chest pain but I can't breathe"]);
    // Assess
    expect(heard).not.toContain(QUESTION);
    expect(heard).toContain('If this is an emergency, hang up and dial 9 1 1 now.');
    expect(result.ending).toBe('transfer');
  });

  it('transfers at once on a double denial', async () => {
    // Act
    const { result, heard } = await call([...verified, "I never said I don't have chest pain"]);
    // Assess
    expect(heard).not.toContain(QUESTION);
    expect(result.ending).toBe('transfer');
  });

  it('asks during verification too, and after a "no" verification starts over', async () => {
    // Act
    // Verification picks up at the slot the code hook asks first: the spelled names.
    const { result, heard } = await call(["I don't have chest pain", 'no', spelled(DEMO_CALLER.given), spelled(DEMO_CALLER.family), DEMO_CALLER.birthDate, 'female', 'goodbye']);
    // Assess
    expect(heard).toContain(QUESTION);
    expect(result).toMatchObject({ ending: 'goodbye', authResult: 'ok' });
  });
});
