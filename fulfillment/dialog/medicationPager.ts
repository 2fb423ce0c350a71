import * as z from 'zod';
import { LOCALE_ID, SESSION_ATTRIBUTES, type LocaleId } from '../../contract';
import { catalogFor } from '../../prompts';
import { EpicError, UNNAMED_MEDICATION, type MedicationList, type MedicationSummary } from '../epic';
import type { SessionClaims } from '../session';
import { describeMedication, speakable } from './medicationSpeech';
import { describeMedicationEs, speakableEs } from './medicationSpeechEs';
import { UNNAMED } from './medicationVocabularyEs';
import { listJsonRoom, openList, sealList, type Paged, type SealedListKind } from './sealedList';
import type { Turn } from './turn';

/** At most this many medications are kept for paging, so the sealed state stays well under Lex's limits. */
export const MAX_KEPT_MEDICATIONS = 30;

/** Longest sentence kept per medication. */
const MAX_SENTENCE_LENGTH = 240;

/** Longest spoken drug name kept per medication (what a refill is matched against and confirmed with). */
const MAX_NAME_LENGTH = 100;

/**
 * Bytes of JSON the kept list may take before sealing. Sealing adds a third (base64url) and a small
 * header, so this keeps the sealed attribute under the session service's 8 KB bound
 * (`DEFAULT_MAX_SEALED_LENGTH`) whatever the sentences are: 30 sentences of 240 characters would not.
 */
export const MAX_PAGER_JSON_BYTES = 5600;


/** What is kept of one medication besides its sentence, for refill requests (short keys: the bytes count). */
const keptItemSchema = z.object({
  /** MedicationRequest id, when Epic gave one (a refill can be asked only then). */
  i: z.string().optional(),
  /** The drug name as spoken, for matching the caller's words and confirming. */
  n: z.string(),
  /** Refills the order allows (`dispenseRequest.numberOfRepeatsAllowed`), when stated. */
  r: z.number().int().nonnegative().optional(),
  /** End of the order's validity period, when stated. */
  e: z.string().optional(),
  /**
   * The English sentence (`describeMedication`), kept only for an item whose instructions exist only
   * in English for the caller's language: its sentence then says so, and this is what the caller hears
   * when they choose English (never machine-translated, never half-translated).
   */
  en: z.string().max(MAX_SENTENCE_LENGTH).optional(),
});

/** One kept medication's refill facts. */
export type KeptItem = z.infer<typeof keptItemSchema>;

const listSchema = z.object({
  patientId: z.string(),
  sentences: z.array(z.string()).max(MAX_KEPT_MEDICATIONS),
  /** Parallel to `sentences`; absent in a list sealed before refills existed. */
  items: z.array(keptItemSchema).max(MAX_KEPT_MEDICATIONS).optional(),
  total: z.number().int().nonnegative(),
  /** Epic had more than its pages that were read: `total` is then a lower bound. */
  incomplete: z.boolean().optional(),
});

/** The kept list, as sealed. */
export type KeptList = z.infer<typeof listSchema>;

const MEDICATION_LIST: SealedListKind<KeptList> = {
  schema: listSchema,
  purpose: 'medication-pager',
  listAttribute: SESSION_ATTRIBUTES.medicationPager,
  pageAttribute: SESSION_ATTRIBUTES.medicationPage,
};

/**
 * The caller's medication list as spoken sentences (sealed once, when it is read from Epic) and where
 * the last page began (a plain attribute: moving through the list needs no encryption).
 */
export type Pager = Paged<KeptList>;

/** One medication as kept: the sentence the caller hears, and the item's facts. */
function keptMedication(medication: MedicationSummary, locale: LocaleId): { sentence: string; item: KeptItem } {
  const facts = {
    ...(medication.id ? { i: medication.id } : {}),
    ...(medication.refillsAllowed !== undefined ? { r: medication.refillsAllowed } : {}),
    ...(medication.validUntil ? { e: medication.validUntil } : {}),
  };
  // The English sentence is made only where it is said or kept: an English call, or an English-only item.
  const english = () => describeMedication(medication).slice(0, MAX_SENTENCE_LENGTH);
  if (locale === LOCALE_ID) return { sentence: english(), item: { ...facts, n: speakable(medication.name).slice(0, MAX_NAME_LENGTH) } };
  // Spanish: the whole sentence from the structured dosage, never cut (a longer one is English only).
  const spanish = describeMedicationEs(medication, { maxLength: MAX_SENTENCE_LENGTH });
  if (!spanish.englishOnly) {
    const name = medication.name === UNNAMED_MEDICATION ? UNNAMED : speakableEs(medication.name);
    return { sentence: spanish.sentence, item: { ...facts, n: name.slice(0, MAX_NAME_LENGTH) } };
  }
  const name = spanish.name.slice(0, MAX_NAME_LENGTH);
  return { sentence: catalogFor(locale).medications.instructionsInEnglish(name), item: { ...facts, n: name, en: english() } };
}

/**
 * What is kept for paging: the first medications as sentences in the caller's language (with their
 * refill facts, and the English sentence of any whose instructions exist only in English), as many
 * as fit both {@link MAX_KEPT_MEDICATIONS} and `maxJsonBytes` ({@link MAX_PAGER_JSON_BYTES}, or less when
 * the session holds an appointment list too), with the real total, so the caller is told when the
 * phone cannot read them all rather than hearing a shorter list as the whole.
 *
 * @example
 * keptList(patientId, medications, 'es_US').sentences[0]; // 'atorvastatin 20 miligramos, tableta oral: tome …'
 */
export function keptList(patientId: string, medications: MedicationList, locale: LocaleId = LOCALE_ID, maxJsonBytes = MAX_PAGER_JSON_BYTES): KeptList {
  const list = {
    patientId,
    sentences: [] as string[],
    items: [] as KeptItem[],
    total: medications.length,
    ...(medications.incomplete ? { incomplete: true } : {}),
  };
  let bytes = Buffer.byteLength(JSON.stringify(list));
  for (const medication of medications.slice(0, MAX_KEPT_MEDICATIONS)) {
    const { sentence, item } = keptMedication(medication, locale);
    // The sentence and the item as JSON, plus the comma before each.
    const added = Buffer.byteLength(JSON.stringify(sentence)) + Buffer.byteLength(JSON.stringify(item)) + 2;
    if (bytes + added > maxJsonBytes) break;
    list.sentences.push(sentence);
    list.items.push(item);
    bytes += added;
  }
  return list;
}

/** The caller's medication list kept this call, or `undefined` (none, stale, foreign, or another patient's). */
export function openPager(turn: Turn, claims: SessionClaims): Promise<Pager | undefined> {
  return openList(turn, claims, MEDICATION_LIST);
}

/** Outcome of {@link readMedications}: the kept list (sealed into the session), or Epic's error. */
export type ReadOutcome = { readonly list: KeptList } | { readonly error: EpicError };

/**
 * Reads the active medications from Epic (one lookup), records the read in the audit trail and
 * seals the kept list into the session. An empty list is kept too (nothing to seal).
 */
export async function readMedications(turn: Turn, claims: SessionClaims): Promise<ReadOutcome> {
  let medications;
  try {
    medications = await turn.deps.epic.activeMedications(claims.patientId, { signal: turn.signal });
  } catch (error) {
    if (!(error instanceof EpicError)) throw error;
    return { error };
  }
  await turn.deps.audit.record({
    sessionId: turn.event.sessionId,
    patientId: claims.patientId,
    action: 'read',
    resourceTypes: ['MedicationRequest', 'Medication'],
    outcome: 'success',
    at: new Date(turn.deps.clock.now()).toISOString(),
  });
  const list = keptList(claims.patientId, medications, turn.locale, listJsonRoom(turn, MEDICATION_LIST, MAX_PAGER_JSON_BYTES));
  if (list.sentences.length > 0) {
    await sealList(turn, claims, MEDICATION_LIST, list);
  }
  return { list };
}
