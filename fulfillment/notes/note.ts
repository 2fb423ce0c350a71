import type { MessageLanguage } from '../../contract';
import type { Extraction } from './extraction';
import { hasTrait, type ConditionFinding, type Finding, type FindingAttribute, type Icd10Mention, type MedicationFinding, type RxNormMention } from './finding';
import { RED_FLAG_RULES_VERSION, type RedFlagId } from './redFlags';
import { judgeRedFlags } from './triage';

export { renderNoteText } from './render';

/** One attribute of a finding or medication, as extracted, with both of its scores. */
export interface NoteAttribute {
  /** Attribute type, as extracted (`TIME_TO_DX_NAME`, `ACUITY`, `DOSAGE` …). */
  readonly type: string;
  readonly text: string;
  readonly score: number;
  /** Confidence that the attribute belongs to this entity. */
  readonly relationshipScore: number;
}

/** A symptom, sign or condition the caller mentioned, present or denied. */
export interface NoteFinding {
  readonly text: string;
  /** From the traits: `symptom` (patient-reported), `sign`, `diagnosis`, else `condition`. */
  readonly kind: 'symptom' | 'sign' | 'diagnosis' | 'condition';
  readonly negated: boolean;
  /** Other context traits: `PERTAINS_TO_FAMILY`, `HYPOTHETICAL`, `PAST_HISTORY`, `LOW_CONFIDENCE`. */
  readonly context: readonly string[];
  readonly score: number;
  readonly begin: number;
  readonly end: number;
  /** From TIME_EXPRESSION (related by OVERLAP). */
  readonly duration?: NoteAttribute;
  /** From ACUITY. */
  readonly severity?: NoteAttribute;
  readonly quality?: NoteAttribute;
  /** From SYSTEM_ORGAN_SITE. */
  readonly site?: NoteAttribute;
  readonly direction?: NoteAttribute;
  /** Every attribute, the ones above included. */
  readonly attributes: readonly NoteAttribute[];
}

/** An RxNorm concept a medication mention was linked to. */
export interface RxNormCandidate {
  readonly code: string;
  readonly description: string;
  readonly score: number;
}

/** A medication the caller mentioned (taking, or not taking). */
export interface NoteMedication {
  readonly text: string;
  readonly negated: boolean;
  readonly score: number;
  readonly begin: number;
  readonly end: number;
  /** From DOSAGE, else STRENGTH. */
  readonly dose?: NoteAttribute;
  readonly frequency?: NoteAttribute;
  readonly route?: NoteAttribute;
  readonly form?: NoteAttribute;
  readonly attributes: readonly NoteAttribute[];
  /** Best first. */
  readonly rxnorm: readonly RxNormCandidate[];
}

/** An ICD-10-CM code suggested for review (never a diagnosis). */
export interface Icd10Candidate {
  readonly code: string;
  readonly description: string;
  readonly score: number;
  /** The words it was inferred from. */
  readonly text: string;
}

/** A red-flag phrase and whether every mention of it was denied (or, `past`, denied or long past). */
export interface RedFlagFinding {
  readonly id: RedFlagId;
  readonly label: string;
  readonly negated: boolean;
  /** Set when no mention was affirmed and at least one was long past ("I had chest pain last year"). */
  readonly past?: true;
}

/**
 * The English machine translation of a message left in another language (issue 18): what Comprehend
 * Medical read, so the findings' offsets point into {@link NoteTranslation.text}, never into the
 * caller's words.
 */
export interface NoteTranslation {
  /** The English text. */
  readonly text: string;
  /** Who translated it: Amazon Translate, or the local stand-in. */
  readonly engine: 'amazon-translate' | 'local-stand-in';
  /** How the note labels it, e.g. "machine translation (Amazon Translate)". */
  readonly label: string;
}

/** Which transcript a note was built from: the batch Transcribe Medical job (today) or the live stream. */
export type TranscriptSource = 'live' | 'batch';

/**
 * The care team was paged for this message at `#`, from the live transcript (issue 17): the pipeline
 * pages no second time (no second notification when `notified`, the same task when `taskContactId`).
 */
export interface LivePage {
  /** ISO 8601 instant the page was claimed. */
  readonly claimedAt: string;
  readonly notified?: boolean;
  readonly taskContactId?: string;
}

/**
 * What a stored note is: a symptom `message` the caller recorded, or a `refill` request they made
 * from their medication list. Notes stored before refill requests existed have no kind: messages.
 */
export const NOTE_KINDS = ['message', 'refill'] as const;

/** One of {@link NOTE_KINDS}. */
export type NoteKind = (typeof NOTE_KINDS)[number];

/** The medication of a refill request, as the caller confirmed it on the phone. */
export interface RefillDetails {
  /** Epic id of the MedicationRequest the caller asked to refill. */
  readonly medicationRequestId: string;
  /** The medication as the caller heard and confirmed it (e.g. `atorvastatin 20 milligram oral tablet`). */
  readonly medication: string;
}

/** The kind of a stored note: its own, or `message` for a note stored before kinds existed. */
export function noteKind(note: Pick<SymptomNote, 'kind'>): NoteKind {
  return note.kind ?? 'message';
}

/**
 * The structured note of one symptom message, or of a refill request (`kind: 'refill'`: no
 * transcript or findings, the medication in `refill`). One model, so the store, the task, the Epic
 * delivery and the inbox serve both.
 */
export interface SymptomNote {
  /** @default 'message' */
  readonly kind?: NoteKind;
  /** Set on a refill request. */
  readonly refill?: RefillDetails;
  readonly noteId: string;
  readonly contactId: string;
  readonly patientId: string;
  /** ISO 8601 instant the note was built. */
  readonly createdAt: string;
  /** `empty` for a silent or near-silent recording: nothing a clinician could act on was said. */
  readonly form: 'complete' | 'empty';
  /** True when a red flag was mentioned and not denied. */
  readonly urgent: boolean;
  readonly chiefComplaint: string;
  readonly findings: readonly NoteFinding[];
  readonly medications: readonly NoteMedication[];
  /** Above `minIcd10Score`, one per code, best first. */
  readonly icd10Candidates: readonly Icd10Candidate[];
  readonly redFlags: readonly RedFlagFinding[];
  readonly minIcd10Score: number;
  /** The caller's words, in the caller's language ({@link SymptomNote.language}). */
  readonly transcript: string;
  /** The language the caller spoke (absent on notes built before languages: `en-US`). */
  readonly language?: MessageLanguage;
  /** For a message not in English: the English machine translation the findings and codes come from. */
  readonly translation?: NoteTranslation;
  /** `RED_FLAG_RULES_VERSION` of the red-flag rules that judged it (absent on notes built before it was recorded). */
  readonly redFlagRulesVersion?: string;
  /** Which transcript the note was built from (absent on notes built before it was recorded: batch). */
  readonly transcriptSource?: TranscriptSource;
  /** The page sent at `#` for this message, when the live triage found it urgent. */
  readonly livePage?: LivePage;
}

/** Input of {@link buildSymptomNote}. */
export interface SymptomNoteInput {
  readonly noteId: string;
  readonly contactId: string;
  readonly patientId: string;
  /** The caller's words. */
  readonly transcript: string;
  /** What was extracted: from {@link SymptomNoteInput.translation} when there is one, else from the transcript. */
  readonly extraction: Extraction;
  /** The caller's language. @default 'en-US' (then no translation, and none is recorded) */
  readonly language?: MessageLanguage;
  /** The English translation of a message not in English. @default none */
  readonly translation?: NoteTranslation;
  /** ISO 8601 instant. */
  readonly createdAt: string;
  /** ICD-10-CM concepts scoring below this are left out. @default 0.5 (config `SYMPTOM_ICD10_MIN_SCORE`) */
  readonly minIcd10Score: number;
  /** Which transcript `transcript` is. @default 'batch' */
  readonly transcriptSource?: TranscriptSource;
  /** The page sent at `#`, from the capture job. @default none */
  readonly livePage?: LivePage;
}

/**
 * Note ids: letters, digits, `.`, `-`, `_`, at most 64 characters (FHIR id syntax), so an id is safe
 * unescaped in an identifier search, a DynamoDB key and a Transcribe job name.
 */
export const NOTE_ID_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;

/** @throws RangeError when `noteId` does not match {@link NOTE_ID_PATTERN}. */
export function assertNoteId(noteId: string): void {
  if (typeof noteId !== 'string' || !NOTE_ID_PATTERN.test(noteId)) throw new RangeError('A note id must match [A-Za-z0-9._-]{1,64}');
}

/** What the note says when no symptom was stated. */
export const NO_COMPLAINT = 'no specific complaint stated';

/** Sounds a near-silent recording transcribes to; they carry no content. */
const FILLER = /^(?:uh+|um+|mm+|hm+|hmm+|ah+|oh|er+|hello|hi|hey|yes|yeah|no|okay|ok|bye|goodbye|thanks?|thank you|eh+|este|bueno|hola|s[ií]|adi[oó]s|gracias|pues)$/u;
/** Fewer content words than this, and no entity: the recording is treated as empty. */
const MIN_CONTENT_WORDS = 3;

/**
 * Builds the structured note of a symptom message from its transcript and extraction. Pure: the same
 * input always gives the same note.
 *
 * @example
 * const note = buildSymptomNote({ noteId, contactId, patientId, transcript, extraction, createdAt, minIcd10Score: 0.5 });
 */
export function buildSymptomNote(input: SymptomNoteInput): SymptomNote {
  assertNoteId(input.noteId);
  if (!(input.minIcd10Score >= 0 && input.minIcd10Score <= 1)) throw new RangeError('minIcd10Score must be within 0..1');
  const { transcript, extraction } = input;
  const findings = dedupe(extraction.findings.filter((finding): finding is ConditionFinding => finding.kind === 'condition').map(toNoteFinding));
  const medications = toMedications(extraction.findings, extraction.rxnorm);
  // Red flags are judged on the caller's words AND on the translation: urgent if either says so (issue 18).
  const redFlags = redFlagFindings([transcript, ...(input.translation ? [input.translation.text] : [])]);
  const contentWords = (transcript.toLowerCase().match(/[\p{L}']+/gu) ?? []).filter((word) => !FILLER.test(word));
  const empty = findings.length === 0 && medications.length === 0 && redFlags.length === 0 && contentWords.length < MIN_CONTENT_WORDS;
  const present = findings.filter((finding) => !finding.negated && !finding.context.some((trait) => trait === 'PERTAINS_TO_FAMILY' || trait === 'HYPOTHETICAL'));
  const chief = present.find((finding) => finding.kind === 'symptom' || finding.kind === 'sign') ?? present[0];
  return {
    noteId: input.noteId,
    contactId: input.contactId,
    patientId: input.patientId,
    createdAt: input.createdAt,
    form: empty ? 'empty' : 'complete',
    urgent: redFlags.some((flag) => !flag.negated && !flag.past),
    chiefComplaint: chief ? chief.text.toLowerCase() : NO_COMPLAINT,
    findings,
    medications,
    icd10Candidates: icd10Candidates(extraction.icd10, input.minIcd10Score),
    redFlags,
    minIcd10Score: input.minIcd10Score,
    transcript,
    ...(input.language && input.language !== 'en-US' ? { language: input.language } : {}),
    ...(input.translation ? { translation: { ...input.translation } } : {}),
    redFlagRulesVersion: RED_FLAG_RULES_VERSION,
    transcriptSource: input.transcriptSource ?? 'batch',
    ...(input.livePage ? { livePage: { ...input.livePage } } : {}),
  };
}

function toAttribute(attribute: FindingAttribute): NoteAttribute {
  return { type: attribute.type, text: attribute.text, score: attribute.score, relationshipScore: attribute.relationshipScore };
}

/** The most credible attribute of the first type present (attribute score times relationship score). */
function pick<K extends string>(key: K, attributes: readonly NoteAttribute[], ...types: string[]): Partial<Record<K, NoteAttribute>> {
  for (const type of types) {
    const top = attributes.filter((attribute) => attribute.type === type).sort((a, b) => b.score * b.relationshipScore - a.score * a.relationshipScore)[0];
    if (top) return { [key]: top } as Partial<Record<K, NoteAttribute>>;
  }
  return {};
}

function toNoteFinding(finding: ConditionFinding): NoteFinding {
  const attributes = finding.attributes.map(toAttribute);
  const kind = hasTrait(finding, 'SYMPTOM') ? 'symptom' : hasTrait(finding, 'SIGN') ? 'sign' : hasTrait(finding, 'DIAGNOSIS') ? 'diagnosis' : 'condition';
  const context = finding.traits.map((trait) => trait.name).filter((name) => ['PERTAINS_TO_FAMILY', 'HYPOTHETICAL', 'PAST_HISTORY', 'LOW_CONFIDENCE'].includes(name));
  return {
    text: finding.text,
    kind,
    negated: hasTrait(finding, 'NEGATION'),
    context,
    score: finding.score,
    begin: finding.begin,
    end: finding.end,
    ...pick('duration', attributes, 'TIME_TO_DX_NAME', 'TIME_EXPRESSION'),
    ...pick('severity', attributes, 'ACUITY'),
    ...pick('quality', attributes, 'QUALITY'),
    ...pick('site', attributes, 'SYSTEM_ORGAN_SITE'),
    ...pick('direction', attributes, 'DIRECTION'),
    attributes,
  };
}

/** One finding per wording and polarity ("headache … the headache"), in order of first mention. */
function dedupe(findings: readonly NoteFinding[]): NoteFinding[] {
  const byKey = new Map<string, NoteFinding>();
  for (const finding of [...findings].sort((a, b) => a.begin - b.begin)) {
    const key = `${finding.text.toLowerCase()}|${finding.negated}`;
    const first = byKey.get(key);
    if (!first) byKey.set(key, finding);
    else byKey.set(key, { ...finding, ...first, attributes: [...first.attributes, ...finding.attributes] });
  }
  return [...byKey.values()];
}

const overlaps = (a: { readonly begin: number; readonly end: number }, b: typeof a): boolean => a.begin < b.end && b.begin < a.end;

function toMedications(findings: readonly Finding[], rxnorm: readonly RxNormMention[]): NoteMedication[] {
  const detected = findings.filter((finding): finding is MedicationFinding => finding.kind === 'medication');
  // InferRxNorm mentions DetectEntitiesV2 missed still count; the ones it shares only add codes.
  const extra = rxnorm.filter((linked) => !detected.some((entity) => overlaps(entity, linked)));
  return [...detected, ...extra]
    .map((entity) => {
      const linked = rxnorm.filter((candidate) => overlaps(candidate, entity));
      const own = entity.attributes.map(toAttribute);
      const attributes = own.length > 0 ? own : linked.flatMap((candidate) => candidate.attributes.map(toAttribute));
      const concepts = linked
        .flatMap((candidate) => candidate.concepts)
        .sort((a, b) => b.score - a.score);
      return {
        text: entity.text,
        negated: hasTrait(entity, 'NEGATION') || linked.some((candidate) => hasTrait(candidate, 'NEGATION')),
        score: entity.score,
        begin: entity.begin,
        end: entity.end,
        ...pick('dose', attributes, 'DOSAGE', 'STRENGTH'),
        ...pick('frequency', attributes, 'FREQUENCY'),
        ...pick('route', attributes, 'ROUTE_OR_MODE'),
        ...pick('form', attributes, 'FORM'),
        attributes,
        rxnorm: concepts,
      };
    })
    .sort((a, b) => a.begin - b.begin);
}

/** Codes of conditions the caller has (not denied, not a relative's, not hypothetical), one per code. */
function icd10Candidates(mentions: readonly Icd10Mention[], minScore: number): Icd10Candidate[] {
  const byCode = new Map<string, Icd10Candidate>();
  for (const mention of mentions) {
    if ((['NEGATION', 'PERTAINS_TO_FAMILY', 'HYPOTHETICAL'] as const).some((name) => hasTrait(mention, name))) continue;
    for (const concept of mention.concepts) {
      if (concept.score < minScore) continue;
      const known = byCode.get(concept.code);
      if (!known || known.score < concept.score) byCode.set(concept.code, { code: concept.code, description: concept.description, score: concept.score, text: mention.text });
    }
  }
  return [...byCode.values()].sort((a, b) => b.score - a.score || a.code.localeCompare(b.code));
}

/**
 * Red flags of the texts (the caller's words, and their translation when there is one), judged by the
 * one red-flag rule set (`redFlagRules.ts`), as the bots and the live triage judge them; a flag is
 * affirmed when any text affirms it: the extractor's own negation (Comprehend's NEGATION trait) no longer
 * decides, so a message is never urgent live and routine in its note. A flag is negated only when
 * every mention is ("no chest pain … the chest pain is back" stays urgent); past when none is
 * affirmed and one is long past.
 */
function redFlagFindings(texts: readonly string[]): RedFlagFinding[] {
  const byId = new Map<RedFlagId, { label: string; affirmed: boolean; past: boolean }>();
  for (const { match, status } of texts.flatMap((text) => judgeRedFlags(text).mentions)) {
    const known = byId.get(match.rule.id) ?? { label: match.rule.label, affirmed: false, past: false };
    byId.set(match.rule.id, { label: known.label, affirmed: known.affirmed || status === 'affirmed', past: known.past || status === 'past' });
  }
  return [...byId.entries()].map(([id, flag]) => ({
    id,
    label: flag.label,
    negated: !flag.affirmed && !flag.past,
    ...(!flag.affirmed && flag.past ? { past: true as const } : {}),
  }));
}
