import type { MessageLanguage } from '../../contract';
import type { NoteAttribute, NoteFinding, NoteMedication, SymptomNote } from './note';

/** How the note names each message language. */
const LANGUAGE_NAMES: Readonly<Record<MessageLanguage, string>> = { 'en-US': 'English', 'es-US': 'Spanish' };

/** Above this many characters a transcript line is wrapped, so the note reads in narrow EHR panes. */
const WRAP_AT = 100;

/**
 * The plain-text body a clinician reads in Epic: the urgent banner first (when any red flag was not
 * denied), then what the caller reported, what they denied, medications, candidate codes, and the
 * full transcript. It says plainly that it is machine-generated and unreviewed.
 *
 * @example
 * const body = renderNoteText(note); // "*** URGENT …" or "Symptom message left on the clinic phone line …"
 */
export function renderNoteText(note: SymptomNote): string {
  if (note.refill) return renderRefillText(note, note.refill);
  const lines: string[] = [];
  const raised = note.redFlags.filter((flag) => !flag.negated && !flag.past);
  if (note.urgent) {
    lines.push(`*** URGENT: the caller mentioned ${list(raised.map((flag) => flag.label))}. Review now and call the patient back. ***`, '');
  }
  const language = note.language ?? 'en-US';
  lines.push(
    'Symptom message left on the clinic phone line.',
    note.translation
      ? `Machine transcription, ${note.translation.label} and entity extraction; NOT reviewed or signed by a clinician.`
      : 'Machine transcription and entity extraction; NOT reviewed or signed by a clinician.',
    `Received: ${note.createdAt}`,
    ...(language === 'en-US' ? [] : [`Language of the message: ${LANGUAGE_NAMES[language]} (${language}). Findings and codes are from the English translation.`]),
    '',
  );
  if (note.form === 'empty') {
    lines.push('No symptoms could be understood: the recording was empty or nearly silent. Consider calling the patient back.', '');
  } else {
    lines.push(`Chief complaint: ${note.chiefComplaint}`, '');
    section(lines, 'Reported', note.findings.filter((finding) => !finding.negated).map(describeFinding));
    section(lines, 'Denied', note.findings.filter((finding) => finding.negated).map((finding) => finding.text.toLowerCase()));
    section(lines, 'Medications mentioned', note.medications.map(describeMedication));
    section(
      lines,
      `Possible ICD-10-CM codes (score ≥ ${note.minIcd10Score}; suggestions for review, not diagnoses)`,
      note.icd10Candidates.map((candidate) => `${candidate.code} ${candidate.description} (score ${candidate.score.toFixed(2)})`),
    );
    const denied = note.redFlags.filter((flag) => flag.negated).map((flag) => flag.label);
    if (denied.length > 0) lines.push(`Red flags denied by the caller: ${list(denied)}.`, '');
    const past = note.redFlags.filter((flag) => flag.past).map((flag) => flag.label);
    if (past.length > 0) lines.push(`Red flags the caller described as long past: ${list(past)}.`, '');
  }
  if (note.translation) {
    // The caller's own words first: the translation is a machine's reading of them, never the record.
    lines.push(
      `Caller's words (${LANGUAGE_NAMES[language]}, ${language}; transcript):`,
      ...wrap(note.transcript.trim() || '(empty)'),
      '',
      `English translation (${note.translation.label}; may contain errors, check against the caller's words):`,
      ...wrap(note.translation.text.trim() || '(empty)'),
    );
  } else {
    lines.push('Transcript:', ...wrap(note.transcript.trim() || '(empty)'));
  }
  lines.push('', `Reference: symptom note ${note.noteId}, contact ${note.contactId}`);
  return `${lines.join('\n')}\n`;
}

/** The body of a refill request: what was asked, by whom (the verified caller), and that nobody reviewed it. */
function renderRefillText(note: SymptomNote, refill: NonNullable<SymptomNote['refill']>): string {
  const lines = [
    'Refill request made on the clinic phone line.',
    'The caller was verified against the chart and chose this medication from their active medication list; NOT reviewed by a clinician.',
    `Received: ${note.createdAt}`,
    '',
    `Medication: ${refill.medication}`,
    `MedicationRequest: ${refill.medicationRequestId}`,
    '',
    `Reference: refill request ${note.noteId}, contact ${note.contactId}`,
  ];
  return `${lines.join('\n')}\n`;
}

function section(lines: string[], title: string, items: readonly string[]): void {
  if (items.length === 0) return;
  lines.push(`${title}:`, ...items.map((item) => `- ${item}`), '');
}

function describeFinding(finding: NoteFinding): string {
  const details = [
    detail('severity', finding.severity),
    detail('quality', finding.quality),
    detail('site', [finding.direction?.text, finding.site?.text].filter(Boolean).join(' ') || undefined),
    detail('duration', finding.duration),
    finding.context.includes('PERTAINS_TO_FAMILY') ? 'about a family member' : undefined,
    finding.context.includes('HYPOTHETICAL') ? 'hypothetical' : undefined,
  ].filter((item): item is string => item !== undefined);
  return details.length > 0 ? `${finding.text.toLowerCase()}: ${details.join('; ')}` : finding.text.toLowerCase();
}

function describeMedication(medication: NoteMedication): string {
  const concept = medication.rxnorm[0];
  const name = concept ? `${medication.text} (${concept.description}, RxNorm ${concept.code})` : medication.text;
  const details = [
    medication.negated ? 'NOT taking' : undefined,
    detail('dose', medication.dose),
    detail('frequency', medication.frequency),
    detail('route', medication.route),
    detail('form', medication.form),
  ].filter((item): item is string => item !== undefined);
  return details.length > 0 ? `${name}: ${details.join('; ')}` : name;
}

function detail(label: string, value: NoteAttribute | string | undefined): string | undefined {
  const text = typeof value === 'string' ? value : value?.text;
  return text ? `${label} ${text}` : undefined;
}

function list(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1] as string}`;
}

function wrap(text: string): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + word.length + 1 > WRAP_AT) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines;
}
