import { UNNAMED_MEDICATION, type CodedText, type DoseQuantity, type MedicationSummary, type StructuredDosage } from '../epic';
import {
  AS_NEEDED,
  GTS_ABBREVIATION,
  NAME_WORDS,
  NO_INSTRUCTIONS,
  PER_ONE,
  PERIOD_UNITS,
  ROUTES_BY_SNOMED,
  ROUTES_BY_TEXT,
  SNOMED,
  THEN,
  TIMES,
  TIMING_CODES,
  UCUM,
  UNITS_BY_TEXT,
  UNITS_BY_UCUM,
  UNNAMED,
  WHEN,
  type RouteWords,
  type UnitWords,
} from './medicationVocabularyEs';

/**
 * Why a medication's instructions cannot be said in Spanish (dosing safety: never machine-translated,
 * never half-translated):
 * - `free-text-only`: the chart has instructions only as English text;
 * - `unread-element`: the dosage has an element the Spanish sentence would leave out ("with meals",
 *   a dose range, a duration, a second dose line …);
 * - `incomplete`: no dose, no route, or no timing (nor "as needed") in the structured fields;
 * - `unknown-unit`, `unknown-route`, `unknown-timing`, `unknown-timing-code`: a code or unit with no
 *   Spanish rendering in `medicationVocabularyEs.ts`;
 * - `too-long`: the whole sentence is longer than the caller may be read at once (a cut sentence
 *   would be a half instruction).
 */
export type EnglishOnlyReason =
  | 'free-text-only'
  | 'unread-element'
  | 'incomplete'
  | 'unknown-unit'
  | 'unknown-route'
  | 'unknown-timing'
  | 'unknown-timing-code'
  | 'too-long';

/** Options of {@link describeMedicationEs}. */
export interface DescribeEsOptions {
  /** Longest sentence returned; a longer one is `too-long`, never cut. @default no bound */
  readonly maxLength?: number;
}

/**
 * One medication for a Spanish-speaking caller: a whole Spanish sentence, or, when any part of its
 * instructions has no Spanish rendering, nothing Spanish but the drug's name, so the caller can be told
 * the instructions are in English and choose to hear the English sentence or a person.
 */
export type SpanishMedication =
  | { readonly englishOnly: false; readonly sentence: string }
  | { readonly englishOnly: true; readonly reason: EnglishOnlyReason; /** The drug name as said in Spanish. */ readonly name: string };

/** A rendered part, or why it could not be rendered. */
type Part = { readonly words: string } | { readonly refused: EnglishOnlyReason };

/**
 * Drug name as the chart writes it, with its units and dose forms said in Spanish:
 * `atorvastatin 20 MG Oral Tablet` becomes `atorvastatin 20 miligramos, tableta oral`.
 */
export function speakableEs(name: string): string {
  let spoken = name;
  for (const [pattern, words] of NAME_WORDS) spoken = spoken.replace(pattern, words);
  return spoken
    .replace(/\s+,/g, ',')
    .replace(/(,\s*)+,/g, ',')
    .replace(/^\s*,\s*/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * One medication as a Spanish sentence from the structured dosage only ("metformin 500 miligramos,
 * tableta oral: tome 500 miligramos por vía oral dos veces al día."), or `englishOnly` with the reason.
 *
 * @example
 * describeMedicationEs(summary); // { englishOnly: true, reason: 'free-text-only', name: 'lisinopril 10 miligramos, tableta' }
 */
export function describeMedicationEs(medication: MedicationSummary, options: DescribeEsOptions = {}): SpanishMedication {
  const name = medication.name === UNNAMED_MEDICATION ? UNNAMED : speakableEs(medication.name);
  const said = (sentence: string): SpanishMedication =>
    options.maxLength !== undefined && sentence.length > options.maxLength ? { englishOnly: true, reason: 'too-long', name } : { englishOnly: false, sentence };
  if (!medication.dosage) {
    if (medication.instructions) return { englishOnly: true, reason: 'free-text-only', name };
    return said(`${name}: ${NO_INSTRUCTIONS}.`);
  }
  const lines: string[] = [];
  for (const dosage of medication.dosage) {
    const line = instructionOf(dosage);
    if ('refused' in line) return { englishOnly: true, reason: line.refused, name };
    lines.push(line.words);
  }
  return said(`${name}: ${lines.join(THEN)}.`);
}

/**
 * "tome 1 tableta por vía oral dos veces al día", from one dosage's structured fields. A code with no
 * rendering is named before a missing field, so the reason says what the tables lack.
 */
function instructionOf(dosage: StructuredDosage): Part {
  if (dosage.unread.length > 0) return { refused: 'unread-element' };
  const dose = dosage.dose ? doseWords(dosage.dose) : undefined;
  if (dose && 'refused' in dose) return dose;
  const route = dosage.route ? routeWords(dosage.route) : undefined;
  if (dosage.route && !route) return { refused: 'unknown-route' };
  const timing = timingWords(dosage);
  if ('refused' in timing) return timing;
  if (!dose || !route) return { refused: 'incomplete' };
  return { words: `${route.verb} ${dose.words} ${route.how} ${timing.words}` };
}

/** "20 miligramos", "una tableta", "media tableta". */
function doseWords(dose: DoseQuantity): Part {
  const words = unitOf(dose);
  if (!words) return { refused: 'unknown-unit' };
  const { value } = dose;
  if (!(value > 0)) return { refused: 'unknown-unit' };
  if (value === 1) return { words: `${words.gender === 'f' ? 'una' : 'un'} ${words.one}` };
  if (value === 0.5) return { words: `${words.gender === 'f' ? 'media' : 'medio'} ${words.one}` };
  return { words: `${value} ${words.many}` };
}

/**
 * The unit by its UCUM code when it has one (a code outside the table is unknown, even if its display
 * text would be: the code is what the order means), else by its display text.
 */
function unitOf(dose: DoseQuantity): UnitWords | undefined {
  if (dose.code && (dose.system === undefined || dose.system === UCUM)) return UNITS_BY_UCUM[dose.code];
  return dose.unit ? UNITS_BY_TEXT[dose.unit.trim().toLowerCase()] : undefined;
}

/** A SNOMED CT route by its code, else any route by its text (Epic's own route codes are local to Epic). */
function routeWords(route: CodedText): RouteWords | undefined {
  for (const coding of route.codings) {
    if (coding.system === SNOMED && coding.code && ROUTES_BY_SNOMED[coding.code]) return ROUTES_BY_SNOMED[coding.code];
  }
  return route.text ? ROUTES_BY_TEXT[route.text.trim().toLowerCase()] : undefined;
}

/** "dos veces al día, a la hora de acostarse, según sea necesario". */
function timingWords(dosage: StructuredDosage): Part {
  const parts: string[] = [];
  const hasRepeat = dosage.frequency !== undefined || dosage.period !== undefined || dosage.periodUnit !== undefined;
  // A code is checked even when `repeat` says the same: a code with no Spanish rendering is never dropped.
  const coded = dosage.timingCode ? timingCodeWords(dosage.timingCode) : undefined;
  if (coded && 'refused' in coded) return coded;
  if (hasRepeat) {
    const repeat = repeatWords(dosage);
    if ('refused' in repeat) return repeat;
    parts.push(repeat.words);
  } else if (coded) {
    parts.push(coded.words);
  }
  const events: string[] = [];
  for (const event of dosage.when ?? []) {
    const words = WHEN[event];
    if (!words) return { refused: 'unknown-timing' };
    events.push(words);
  }
  // Several events are one time each: "por la mañana y por la noche".
  if (events.length > 0) parts.push(events.join(' y '));
  if (dosage.asNeeded) parts.push(AS_NEEDED);
  if (parts.length === 0) return { refused: 'incomplete' };
  return { words: parts.join(', ') };
}

/** "una vez al día", "dos veces al día", "cada 8 horas", "3 veces cada 2 días". */
function repeatWords(dosage: StructuredDosage): Part {
  const { frequency, period, periodUnit } = dosage;
  if (frequency === undefined || period === undefined || periodUnit === undefined) return { refused: 'unknown-timing' };
  const unit = PERIOD_UNITS[periodUnit];
  if (!unit || !Number.isInteger(frequency) || frequency < 1 || !(period > 0)) return { refused: 'unknown-timing' };
  const times = TIMES[frequency] ?? `${frequency} veces`;
  const perOne = PER_ONE[periodUnit];
  if (period === 1) {
    if (frequency === 1 && periodUnit === 'h') return { words: 'cada hora' };
    return { words: perOne ? `${times} ${perOne}` : `${times} cada ${unit.one}` };
  }
  const every = `cada ${period} ${unit.many}`;
  return { words: frequency === 1 ? every : `${times} ${every}` };
}

/** A TimingAbbreviation code (`BID`, `Q8H` …); any other code system or code has no rendering. */
function timingCodeWords(code: CodedText): Part {
  for (const coding of code.codings) {
    if (coding.system === GTS_ABBREVIATION && coding.code && TIMING_CODES[coding.code]) return { words: TIMING_CODES[coding.code]! };
  }
  return { refused: 'unknown-timing-code' };
}
