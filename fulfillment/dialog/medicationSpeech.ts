import type { MedicationSummary } from '../epic';

/** Abbreviations charts use, as a person would say them. Matched as whole words, case-insensitive. */
const SPOKEN: readonly (readonly [RegExp, string])[] = [
  [/\bmg\/actuat(ion)?\b/gi, 'milligrams per puff'],
  [/\bmcg\/actuat(ion)?\b/gi, 'micrograms per puff'],
  [/\bunt\/ml\b/gi, 'units per milliliter'],
  [/\bmg\/ml\b/gi, 'milligrams per milliliter'],
  [/\bmg\b/gi, 'milligram'],
  [/\bmcg\b|\bug\b|µg/gi, 'microgram'],
  [/\bml\b/gi, 'milliliter'],
  [/\bunt\b/gi, 'units'],
  [/\biu\b/gi, 'international units'],
  [/\bmeq\b/gi, 'milliequivalents'],
  [/\bhr\b/gi, 'hour'],
  [/\bER\b/g, 'extended release'],
  [/\bXL\b/g, 'extended release'],
  [/\bDR\b/g, 'delayed release'],
  [/\bpo\b/gi, 'by mouth'],
  [/\bbid\b/gi, 'twice a day'],
  [/\btid\b/gi, 'three times a day'],
  [/\bqid\b/gi, 'four times a day'],
  [/\bqhs\b/gi, 'at bedtime'],
  [/\bqam\b/gi, 'every morning'],
  [/\bprn\b/gi, 'as needed'],
  [/\bq(\d+)h\b/gi, 'every $1 hours'],
  [/\btab(s)?\b/gi, 'tablet$1'],
  [/\bcap(s)?\b/gi, 'capsule$1'],
  [/\bpuff\b/gi, 'puff'],
];

/** Chart text in words a caller understands: `20 MG Oral Tablet` becomes `20 milligram oral tablet`. */
export function speakable(text: string): string {
  let spoken = text;
  for (const [pattern, words] of SPOKEN) spoken = spoken.replace(pattern, words);
  // Charts capitalize dose forms (`Oral Tablet`); spoken, they are ordinary words.
  return spoken.replace(/\b([A-Z])([a-z]+)\b/g, (_match, first: string, rest: string) => first.toLowerCase() + rest).replace(/\s+/g, ' ').trim();
}

/** One medication as a sentence: name, dose when the name lacks it, then the instructions. */
export function describeMedication(medication: MedicationSummary): string {
  const name = speakable(medication.name);
  const dose = medication.doseText && !nameStatesDose(medication.name, medication.doseText) ? `, ${speakable(medication.doseText)}` : '';
  const how = medication.instructions ? `: ${lowerFirst(speakable(medication.instructions))}` : ': no instructions are on file';
  return `${name}${dose}${how}.`;
}

/**
 * Whether the drug name already carries the dose's amount, as a whole number: "atorvastatin 20 MG"
 * states a dose of "20 mg", but not one of "2 mg" (a substring test would say it does).
 */
function nameStatesDose(name: string, doseText: string): boolean {
  const amount = doseText.trim().split(/\s+/)[0] ?? '';
  if (!/^\d+(\.\d+)?$/.test(amount)) return false;
  return new RegExp(`(^|[^\\d.])${amount.replace('.', '\\.')}(?![\\d.])`).test(name);
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
