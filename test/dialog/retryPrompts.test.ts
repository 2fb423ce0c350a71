/**
 * Which words a caller hears when a question is asked again. After a failed identity match nothing
 * was missed: the next questions are new questions, asked with their first-time prompts. Only an
 * answer that was not understood earns "Sorry, I didn't catch that".
 */
import { describe, expect, it } from 'vitest';
import { EN_US, plainText, type Spoken } from '../../prompts';
import { DEMO_CALLER } from '../../sandbox/data/scenarios';
import { playCall, type CallPrinter } from '../../sandbox/simulator/flow';
import { useLocalRuntime } from '../support/localRuntime';
import { spokenText } from '../support/lexResponseSchema';
import { scriptOf } from '../support/callRecorder';

function recorder(): CallPrinter & { heard: string[] } {
  const heard: string[] = [];
  return { heard, ivr: (text) => heard.push(spokenText(text)), caller: () => undefined, trace: () => undefined };
}

/** A catalog prompt as the caller hears it (keys read as their digits). */
const heardAs = (prompt: Spoken): string => spokenText(plainText(prompt));

const SPOKEN_BIRTH_DATE = new Date(`${DEMO_CALLER.birthDate}T00:00:00Z`).toLocaleDateString('en-US', { month: 'long', day: 'numeric', year: 'numeric', timeZone: 'UTC' });

describe('questions asked again after a failed identity match (telecom strategy)', () => {
  const runtime = useLocalRuntime({ env: { EPIC_PATIENT_SEARCH: 'telecom' } });

  it('asks for the gender with the first-time prompt after a wrong first attempt, not with "didn\'t catch that"', async () => {
    // Prepare: a wrong birth date first, then the right answers.
    const print = recorder();
    const lines = ['January 1, 1950', DEMO_CALLER.gender, SPOKEN_BIRTH_DATE, DEMO_CALLER.gender, 'goodbye'];
    const firstTime = heardAs(EN_US.gender.slotPrompts[0] as Spoken);
    const retry = heardAs(EN_US.gender.slotPrompts[1] as Spoken);
    // Act
    const result = await playCall({ handler: runtime.handler, callerNumber: DEMO_CALLER.callerNumber, lines: scriptOf(lines), print, searchStrategy: 'telecom' });
    // Assess
    expect(result.authResult).toBe('ok');
    const genderQuestions = print.heard.filter((text) => text.includes(firstTime) || text.includes(retry));
    expect(genderQuestions).toEqual([firstTime, firstTime]);
    expect(print.heard.join(' ')).not.toContain("Sorry, I didn't catch that");
  });

  it('still re-asks with a retry prompt when a gender answer after a failed match is not understood', async () => {
    // Prepare: a wrong first attempt, then an answer to the gender question that resolves to nothing.
    const print = recorder();
    const lines = ['January 1, 1950', DEMO_CALLER.gender, SPOKEN_BIRTH_DATE, 'banana', DEMO_CALLER.gender, 'goodbye'];
    const [firstTime = '', ...retries] = EN_US.gender.slotPrompts.map((prompt) => heardAs(prompt as Spoken));
    // Act
    const result = await playCall({ handler: runtime.handler, callerNumber: DEMO_CALLER.callerNumber, lines: scriptOf(lines), print, searchStrategy: 'telecom' });
    // Assess
    expect(result.authResult).toBe('ok');
    const genderQuestions = print.heard.filter((text) => text === firstTime || retries.includes(text));
    expect(genderQuestions).toHaveLength(3);
    expect(genderQuestions.slice(0, 2)).toEqual([firstTime, firstTime]);
    expect(retries).toContain(genderQuestions[2]);
  });
});

describe('questions asked again after a failed identity match (name strategy, the default)', () => {
  const runtime = useLocalRuntime();
  const spelled = (name: string): string => name.toUpperCase().split('').join(' ');

  it('asks to spell the names anew, then the birth date and the gender with their first-time prompts', async () => {
    // Prepare: a first name the chart does not have, then the right answers in the order they are asked.
    const print = recorder();
    const [given, family] = [spelled(DEMO_CALLER.given), spelled(DEMO_CALLER.family)];
    const lines = [SPOKEN_BIRTH_DATE, spelled('Elena'), family, DEMO_CALLER.gender, given, family, SPOKEN_BIRTH_DATE, DEMO_CALLER.gender, 'goodbye'];
    // Act
    const result = await playCall({ handler: runtime.handler, callerNumber: DEMO_CALLER.callerNumber, lines: scriptOf(lines), print, searchStrategy: runtime.config.epic.patientSearch });
    // Assess
    expect(result.authResult).toBe('ok');
    const heard = print.heard.join(' ');
    expect(heard).toContain(`${EN_US.verification.notConfirmed} ${EN_US.spellNameAsk('first')}`);
    expect(print.heard.filter((text) => text === EN_US.spellNameAsk('last'))).toHaveLength(2);
    expect(print.heard.filter((text) => text === heardAs(EN_US.gender.slotPrompts[0] as Spoken))).toHaveLength(2);
    expect(print.heard).toContain(heardAs(EN_US.birthDate.slotPrompts[0] as Spoken));
    expect(heard).not.toMatch(/Sorry, I didn't (catch|get) that/);
  });
});
