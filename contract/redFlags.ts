/**
 * The red flags: what may mean a person needs emergency care now. The ids are stable across
 * releases; the phrases that find them and how a mention is judged live in the one rule file `fulfillment/notes/redFlagRules.ts`, the question the
 * dialog asks about each in the prompt catalog (`prompts/`).
 */
export const RED_FLAG_IDS = ['chest-pain', 'breathing', 'suicidal', 'overdose', 'stroke', 'heart-attack', 'unresponsive', 'severe-bleeding', 'seizure'] as const;

/** Identifier of a red flag (tests, notes and the prompt catalog refer to it). */
export type RedFlagId = (typeof RED_FLAG_IDS)[number];
