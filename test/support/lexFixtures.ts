/**
 * The `expect` part of Lex event fixtures (`test/fixtures/lex/*.json`) and how it is checked against
 * a handler response and what the turn did to Epic and the audit trail.
 */

import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { z } from 'zod';
import { readFixtureFile, type FixtureFile } from '../../sandbox/fixtures/setup';
import { DIALOG_ACTION_TYPES, INTENT_STATES, responseText, type LexResponse } from './lexResponseSchema';

/** Directory of the fixture files. */
export const FIXTURE_DIR = new URL('../fixtures/lex/', import.meta.url);

const count = z.union([z.int().min(0), z.strictObject({ min: z.int().min(0), max: z.int().min(0) })]);

/** What a fixture expects of the turn. Every field is optional; an empty `expect` only checks validity. */
export const fixtureExpectSchema = z.strictObject({
  dialogActionType: z.enum(DIALOG_ACTION_TYPES).optional(),
  intentName: z.string().optional(),
  intentState: z.enum(INTENT_STATES).optional(),
  slotToElicit: z.string().optional(),
  /** How Lex must listen for the elicited slot (`dialogAction.slotElicitationStyle`); absent means Lex's default. */
  slotElicitationStyle: z.enum(['SpellByLetter', 'SpellByWord']).optional(),
  /** Slots the response must send back empty (`null`), so the caller is asked again. */
  slotsNull: z.array(z.string()).optional(),
  /** Slots the response must carry, by their original value. */
  slotOriginalValues: z.record(z.string(), z.string()).optional(),
  messageContentType: z.enum(['SSML', 'PlainText']).optional(),
  /** When true, the response must carry no message (Lex speaks the bot's own prompt). */
  noMessages: z.boolean().optional(),
  /** Phrases the caller must hear, matched against the text without SSML tags. */
  messageIncludes: z.array(z.string()).optional(),
  /** Phrases the caller must not hear (case-insensitive). */
  messageExcludes: z.array(z.string()).optional(),
  /** Scenario names whose active medications must not be named in the response. */
  noMedicationsOf: z.array(z.string()).optional(),
  sessionAttributes: z.record(z.string(), z.string()).optional(),
  sessionAttributesPresent: z.array(z.string()).optional(),
  sessionAttributesAbsent: z.array(z.string()).optional(),
  /** Sandbox FHIR requests during the turn: an exact count or a range. */
  epicRequests: count.optional(),
  /** Audit events written during the turn. */
  auditEvents: count.optional(),
  /** Texts the local stand-in "sent" during the turn. */
  textsSent: count.optional(),
  /** Phrases the text sent during the turn must hold (it is checked only when one was sent). */
  textIncludes: z.array(z.string()).optional(),
  /**
   * es_US fixtures only: English phrases the answer may hold on purpose (a line the caller chose to
   * hear in English). Every other English word fails the fixture; the clinic's own data in English
   * (departments, places, instructions, drug names) is always allowed.
   */
  englishAllowed: z.array(z.string()).optional(),
});

/** A fixture's `expect`. */
export type FixtureExpect = z.infer<typeof fixtureExpectSchema>;

/** A fixture file with its name and parsed `expect`. */
export interface LoadedFixture extends FixtureFile {
  readonly file: string;
  readonly expected: FixtureExpect;
}

/** Every fixture file, sorted by name; throws on a file that is not a valid fixture. */
export function loadFixtures(dir: URL = FIXTURE_DIR): LoadedFixture[] {
  const names = readdirSync(dir).filter((name) => name.endsWith('.json')).sort();
  return names.map((file) => {
    const fixture = readFixtureFile(fileURLToPath(new URL(file, dir)));
    const expected = fixtureExpectSchema.safeParse(fixture.expect);
    if (!expected.success) throw new Error(`${file}: bad expect (${expected.error.issues.map((issue) => issue.path.join('.')).join(', ')})`);
    return { ...fixture, file, expected: expected.data };
  });
}

/** What the turn did besides answering. */
export interface TurnEffects {
  readonly epicRequests: number;
  readonly auditEvents: number;
  /** Bodies of the texts "sent" during the turn. */
  readonly texts: readonly string[];
}

/** Words that name a medication in speech: the first word of each name, as the IVR says it. */
export function medicationWords(names: readonly string[]): string[] {
  return names.map((name) => (name.toLowerCase().match(/[a-z]{4,}/)?.[0] ?? '')).filter(Boolean);
}

function checkCount(label: string, actual: number, expected: z.infer<typeof count> | undefined): void {
  if (expected === undefined) return;
  if (typeof expected === 'number') expect(actual, label).toBe(expected);
  else {
    expect(actual, label).toBeGreaterThanOrEqual(expected.min);
    expect(actual, label).toBeLessThanOrEqual(expected.max);
  }
}

/** Asserts every field of `expected` against the response and the turn's effects. */
export function checkExpectations(
  expected: FixtureExpect,
  response: LexResponse,
  effects: TurnEffects,
  medicationsOf: (scenario: string) => readonly string[],
): void {
  const { dialogAction, intent, sessionAttributes = {} } = response.sessionState;
  if (expected.dialogActionType) expect(dialogAction.type, 'dialogAction.type').toBe(expected.dialogActionType);
  if (expected.intentName) expect(intent?.name, 'intent.name').toBe(expected.intentName);
  if (expected.intentState) expect(intent?.state, 'intent.state').toBe(expected.intentState);
  if (expected.slotToElicit) expect(dialogAction.slotToElicit, 'slotToElicit').toBe(expected.slotToElicit);
  if (expected.slotElicitationStyle) expect(dialogAction['slotElicitationStyle'], 'slotElicitationStyle').toBe(expected.slotElicitationStyle);
  for (const name of expected.slotsNull ?? []) expect(intent?.slots?.[name], `slot ${name}`).toBeNull();
  for (const [name, value] of Object.entries(expected.slotOriginalValues ?? {})) {
    expect(intent?.slots?.[name]?.value?.originalValue, `slot ${name}`).toBe(value);
  }
  if (expected.noMessages) expect(response.messages ?? [], 'messages').toEqual([]);
  if (expected.messageContentType) {
    expect(response.messages?.length, 'messages').toBeGreaterThan(0);
    for (const item of response.messages ?? []) expect(item.contentType, 'contentType').toBe(expected.messageContentType);
  }
  const text = responseText(response);
  for (const phrase of expected.messageIncludes ?? []) expect(text, 'message').toContain(phrase);
  for (const phrase of expected.messageExcludes ?? []) expect(text.toLowerCase(), 'message').not.toContain(phrase.toLowerCase());
  for (const scenario of expected.noMedicationsOf ?? []) {
    for (const word of medicationWords(medicationsOf(scenario))) expect(text.toLowerCase(), `medication of ${scenario}`).not.toContain(word);
  }
  if (expected.sessionAttributes) expect(sessionAttributes, 'sessionAttributes').toMatchObject(expected.sessionAttributes);
  for (const name of expected.sessionAttributesPresent ?? []) expect(sessionAttributes[name], `attribute ${name}`).toBeTruthy();
  for (const name of expected.sessionAttributesAbsent ?? []) expect(sessionAttributes, 'sessionAttributes').not.toHaveProperty(name);
  checkCount('Epic FHIR requests during the turn', effects.epicRequests, expected.epicRequests);
  checkCount('audit events during the turn', effects.auditEvents, expected.auditEvents);
  checkCount('texts sent during the turn', effects.texts.length, expected.textsSent);
  for (const phrase of expected.textIncludes ?? []) expect(effects.texts.join('\n'), 'text').toContain(phrase);
}
