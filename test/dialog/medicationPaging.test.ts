/**
 * Long medication lists through the real handler: the list kept for paging must fit the sealed
 * attribute whatever the chart holds, and a caller must be told when the phone cannot read it all.
 */
import { randomUUID } from 'node:crypto';
import type { LexV2Result } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { INTENTS, SESSION_ATTRIBUTES } from '../../contract';
import { MAX_KEPT_MEDICATIONS, PAGE_SIZE } from '../../fulfillment/dialog/medications';
import { MAX_MESSAGES } from '../../fulfillment/lex/response';
import type { MedicationList, MedicationSummary } from '../../fulfillment/epic';
import { createHandler, type LexHandler } from '../../fulfillment/dialog/codeHook';
import { DEFAULT_MAX_SEALED_LENGTH } from '../../fulfillment/session';
import { useLocalRuntime } from '../support/localRuntime';
import { servicesEvent as builtEvent } from '../support/servicesEvent';
import { expectValidLexResponse, responseText } from '../support/lexResponseSchema';

const servicesEvent = (intent: string, sessionId: string, attributes: Record<string, string>, voice = false) =>
  builtEvent({ intent, sessionId, attributes, voice, transcript: intent === INTENTS.moreItems ? 'more' : intent === INTENTS.repeatThat ? 'repeat' : 'my medications' });

const PATIENT_ID = 'pat-long-list';

/** A medication whose name and instructions run to the 240-character sentence cap. */
function longMedication(index: number): MedicationSummary {
  return {
    name: `medication number ${index} ${'extended release combination '.repeat(6)}`.trim(),
    doseText: `${index} mg`,
    instructions: `take one tablet by mouth every morning with food and plenty of water, number ${index}`,
    authoredOn: undefined,
  };
}


const spoken = (result: LexV2Result): string => (result.messages ?? []).map((message) => ('content' in message ? (message.content ?? '') : '')).join(' ');

describe('long medication lists', () => {
  const runtime = useLocalRuntime();

  /** A handler whose Epic returns `list` for every patient, and a verified session for it. */
  async function callWith(list: MedicationList): Promise<{ handler: LexHandler; sessionId: string; token: string }> {
    const handler = createHandler(async () => ({ ...runtime.deps, epic: { ...runtime.deps.epic, activeMedications: async () => list } }));
    const sessionId = randomUUID();
    const token = await runtime.deps.sessions.issue({ patientId: PATIENT_ID }, { sessionId });
    return { handler, sessionId, token };
  }

  /** Reads the whole list, page after page; returns every answer. */
  async function readAll(list: MedicationList): Promise<LexV2Result[]> {
    const { handler, sessionId, token } = await callWith(list);
    const answers: LexV2Result[] = [];
    let attributes: Record<string, string> = { [SESSION_ATTRIBUTES.sessionToken]: token };
    let intent: string = INTENTS.getMedications;
    for (let turn = 0; turn < 20; turn += 1) {
      const result = await handler(servicesEvent(intent, sessionId, attributes));
      expectValidLexResponse(result);
      answers.push(result);
      attributes = result.sessionState.sessionAttributes ?? {};
      if (!spoken(result).includes('say more')) break;
      intent = INTENTS.moreItems;
    }
    return answers;
  }

  it('keeps a list of 35 long medications for paging within the sealed-attribute bound', async () => {
    // Prepare
    const list = Array.from({ length: 35 }, (_, index) => longMedication(index + 1));
    // Act
    const [first] = await readAll(list);
    // Assess
    const sealed = first?.sessionState.sessionAttributes?.[SESSION_ATTRIBUTES.medicationPager] ?? '';
    expect(spoken(first as LexV2Result)).toContain('You have 35 active medications on file.');
    expect(sealed.length).toBeGreaterThan(0);
    expect(sealed.length).toBeLessThanOrEqual(DEFAULT_MAX_SEALED_LENGTH);
  });

  it('tells the caller when the phone reads only the first part of the list, and offers a person', async () => {
    // Prepare
    const list = Array.from({ length: 35 }, (_, index) => longMedication(index + 1));
    // Act
    const answers = await readAll(list);
    // Assess
    const last = spoken(answers.at(-1) as LexV2Result);
    const read = answers.flatMap((answer) => spoken(answer).match(/medication number \d+ /g) ?? []).length;
    expect(read).toBeLessThan(35);
    expect(read).toBeLessThanOrEqual(MAX_KEPT_MEDICATIONS);
    expect(last).toContain(`That's the first ${read} medications I can read on the phone; your list has more.`);
    expect(last).toContain('say agent');
  });

  it('says "at least" when Epic had more pages than were read', async () => {
    // Prepare
    const list: MedicationList = Object.assign(
      Array.from({ length: 4 }, (_, index) => ({ name: `drug ${index}`, doseText: undefined, instructions: 'daily', authoredOn: undefined })),
      { incomplete: true as const },
    );
    // Act
    const answers = await readAll(list);
    // Assess
    expect(spoken(answers[0] as LexV2Result)).toContain('You have at least 4 active medications on file.');
    expect(spoken(answers.at(-1) as LexV2Result)).toContain("That's the first 4 medications I can read on the phone");
  });

  it('reads a short list to its end as the whole list', async () => {
    // Prepare
    const list = Array.from({ length: 2 }, (_, index) => ({ name: `drug ${index}`, doseText: undefined, instructions: 'daily', authoredOn: undefined }));
    // Act
    const answers = await readAll(list);
    // Assess
    expect(answers).toHaveLength(1);
    expect(spoken(answers[0] as LexV2Result)).toContain("That's all of your medications.");
  });

  it('puts fewer medications on a page whose escaped SSML would not fit, and reads every one in order with more and repeat', async () => {
    // Prepare: seven medications written in `'`, as odd chart text can be: each escapes to about
    // 1,400 characters of SSML, so three on a page would take more than five messages.
    const list = Array.from({ length: 7 }, (_, index) => ({ name: `medication number ${index + 1} ${"'".repeat(200)}`, doseText: undefined, instructions: "'".repeat(60), authoredOn: undefined }));
    const { handler, sessionId, token } = await callWith(list);
    const numbers = (result: LexV2Result): number[] => [...responseText(expectValidLexResponse(result)).matchAll(/medication number (\d+)/g)].map((match) => Number(match[1]));
    let attributes: Record<string, string> = { [SESSION_ATTRIBUTES.sessionToken]: token };
    const pages: number[][] = [];
    // Act
    for (let turn = 0; turn < 10; turn += 1) {
      const result = await handler(servicesEvent(turn === 0 ? INTENTS.getMedications : INTENTS.moreItems, sessionId, attributes, true));
      expect(result.messages?.length ?? 0).toBeLessThanOrEqual(MAX_MESSAGES);
      attributes = result.sessionState.sessionAttributes ?? {};
      const page = numbers(result);
      if (page.length === 0) break;
      pages.push(page);
      if (pages.length === 2) {
        const again = await handler(servicesEvent(INTENTS.repeatThat, sessionId, attributes, true));
        expect(numbers(again)).toEqual(page);
        attributes = again.sessionState.sessionAttributes ?? {};
      }
    }
    // Assess
    expect(pages.flat()).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(Math.min(...pages.map((page) => page.length))).toBeLessThan(PAGE_SIZE);
  });
});
