import type { SymptomNote } from '../../notes/note';

/** What a marked stretch of the transcript is. */
export type MarkKind = 'symptom' | 'denied' | 'medication' | 'duration';

/** A stretch of the transcript, marked or plain; the parts joined give the transcript back. */
export interface TranscriptPart {
  readonly text: string;
  readonly mark?: {
    readonly kind: MarkKind;
    /** What a screen reader and the tooltip say, e.g. "denied symptom" or "medication, RxNorm 197361". */
    readonly label: string;
  };
}

interface Span {
  readonly begin: number;
  readonly end: number;
  readonly kind: MarkKind;
  readonly label: string;
}

/**
 * Splits the note's transcript into plain text and the entities the extraction found: symptoms,
 * findings the caller denied, medications (with their best RxNorm code) and how long a symptom has
 * lasted. Offsets come from the note; a duration has none, so its words are looked up in the sentence
 * of its finding. Overlapping entities keep the one that starts first (then the longer one).
 *
 * @example
 * markTranscript(note).map((part) => part.mark?.kind ?? 'text'); // ['text', 'symptom', 'text', 'duration', …]
 */
export function markTranscript(note: Pick<SymptomNote, 'transcript' | 'findings' | 'medications'>): TranscriptPart[] {
  const { transcript } = note;
  const spans: Span[] = [];
  for (const finding of note.findings) {
    spans.push({ begin: finding.begin, end: finding.end, kind: finding.negated ? 'denied' : 'symptom', label: finding.negated ? `denied ${finding.kind}` : finding.kind });
    const duration = finding.duration ? locate(transcript, finding.duration.text, finding.begin) : undefined;
    if (duration) spans.push({ ...duration, kind: 'duration', label: 'duration' });
  }
  for (const medication of note.medications) {
    const code = medication.rxnorm[0];
    const label = `${medication.negated ? 'medication not taken' : 'medication'}${code ? `, RxNorm ${code.code}` : ''}`;
    spans.push({ begin: medication.begin, end: medication.end, kind: 'medication', label });
  }
  const usable = spans
    .filter((span) => Number.isInteger(span.begin) && Number.isInteger(span.end) && span.begin >= 0 && span.end <= transcript.length && span.begin < span.end)
    .sort((a, b) => a.begin - b.begin || b.end - a.end);
  const parts: TranscriptPart[] = [];
  let at = 0;
  for (const span of usable) {
    if (span.begin < at) continue;
    if (span.begin > at) parts.push({ text: transcript.slice(at, span.begin) });
    parts.push({ text: transcript.slice(span.begin, span.end), mark: { kind: span.kind, label: span.label } });
    at = span.end;
  }
  if (at < transcript.length) parts.push({ text: transcript.slice(at) });
  return parts;
}

/** The first occurrence of `words` (any case) nearest after, else before, `near`, within the text. */
function locate(text: string, words: string, near: number): { begin: number; end: number } | undefined {
  const needle = words.trim().toLowerCase();
  if (needle === '') return undefined;
  const haystack = text.toLowerCase();
  const after = haystack.indexOf(needle, near);
  const begin = after >= 0 ? after : haystack.lastIndexOf(needle, near);
  return begin >= 0 ? { begin, end: begin + needle.length } : undefined;
}
