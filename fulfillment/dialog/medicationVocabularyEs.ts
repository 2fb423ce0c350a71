/**
 * The closed tables the Spanish medication sentence is built from. A code, unit or route that is not
 * in a table has no Spanish rendering: the sentence is then not built (see `medicationSpeechEs.ts`);
 * nothing is ever guessed or translated word by word. Every entry was written and checked by hand;
 * adding one is a reviewed change, like a prompt.
 */

/** Grammatical gender of a Spanish noun: it decides "un"/"una" and "medio"/"media". */
export type Gender = 'm' | 'f';

/** A countable unit: singular, plural, gender. */
export interface UnitWords {
  readonly one: string;
  readonly many: string;
  readonly gender: Gender;
}

const unit = (one: string, many: string, gender: Gender): UnitWords => ({ one, many, gender });

/** UCUM's code system (https://ucum.org); `Quantity.system` when a dose unit is coded. */
export const UCUM = 'http://unitsofmeasure.org';

/**
 * Dose units by UCUM code (`Quantity.code`), case-sensitive as UCUM is. Curly-brace units
 * (`{tbl}`, `{puff}`) are UCUM annotations that pharmacy systems use for dose forms.
 */
export const UNITS_BY_UCUM: Readonly<Record<string, UnitWords>> = {
  mg: unit('miligramo', 'miligramos', 'm'),
  ug: unit('microgramo', 'microgramos', 'm'),
  mcg: unit('microgramo', 'microgramos', 'm'),
  g: unit('gramo', 'gramos', 'm'),
  mL: unit('mililitro', 'mililitros', 'm'),
  'meq': unit('miliequivalente', 'miliequivalentes', 'm'),
  'meq{K}': unit('miliequivalente', 'miliequivalentes', 'm'),
  '[U]': unit('unidad', 'unidades', 'f'),
  '[IU]': unit('unidad internacional', 'unidades internacionales', 'f'),
  '[iU]': unit('unidad internacional', 'unidades internacionales', 'f'),
  '{tbl}': unit('tableta', 'tabletas', 'f'),
  '{tablet}': unit('tableta', 'tabletas', 'f'),
  '{cap}': unit('cápsula', 'cápsulas', 'f'),
  '{capsule}': unit('cápsula', 'cápsulas', 'f'),
  '{puff}': unit('inhalación', 'inhalaciones', 'f'),
  '{spray}': unit('atomización', 'atomizaciones', 'f'),
  '[drp]': unit('gota', 'gotas', 'f'),
  '{drop}': unit('gota', 'gotas', 'f'),
  '{patch}': unit('parche', 'parches', 'm'),
};

/** Dose units by their display text (`Quantity.unit`, lower-cased), for a dose sent without a UCUM code. */
export const UNITS_BY_TEXT: Readonly<Record<string, UnitWords>> = {
  mg: UNITS_BY_UCUM.mg!,
  mcg: UNITS_BY_UCUM.mcg!,
  g: UNITS_BY_UCUM.g!,
  ml: UNITS_BY_UCUM.mL!,
  meq: UNITS_BY_UCUM.meq!,
  unit: UNITS_BY_UCUM['[U]']!,
  units: UNITS_BY_UCUM['[U]']!,
  tab: UNITS_BY_UCUM['{tbl}']!,
  tablet: UNITS_BY_UCUM['{tbl}']!,
  tablets: UNITS_BY_UCUM['{tbl}']!,
  cap: UNITS_BY_UCUM['{cap}']!,
  capsule: UNITS_BY_UCUM['{cap}']!,
  capsules: UNITS_BY_UCUM['{cap}']!,
  puff: UNITS_BY_UCUM['{puff}']!,
  puffs: UNITS_BY_UCUM['{puff}']!,
  spray: UNITS_BY_UCUM['{spray}']!,
  sprays: UNITS_BY_UCUM['{spray}']!,
  drop: UNITS_BY_UCUM['[drp]']!,
  drops: UNITS_BY_UCUM['[drp]']!,
  patch: UNITS_BY_UCUM['{patch}']!,
};

/** How a drug is taken: the verb of the instruction and where it goes. */
export interface RouteWords {
  /** Formal imperative, e.g. `tome`. */
  readonly verb: string;
  /** E.g. `por vía oral`. */
  readonly how: string;
}

const ORAL: RouteWords = { verb: 'tome', how: 'por vía oral' };
const SUBCUTANEOUS: RouteWords = { verb: 'inyecte', how: 'debajo de la piel' };
const TOPICAL: RouteWords = { verb: 'aplique', how: 'sobre la piel' };

/** SNOMED CT's system URI. */
export const SNOMED = 'http://snomed.info/sct';

/**
 * Routes by SNOMED CT code (descendants of 284009009 "Route of administration values"; codes checked
 * against https://build.fhir.org/valueset-route-codes.html).
 */
export const ROUTES_BY_SNOMED: Readonly<Record<string, RouteWords>> = {
  '26643006': ORAL,
  '34206005': SUBCUTANEOUS,
  '6064005': TOPICAL,
};

/**
 * Routes by their text (`route.text` or the coding's display, lower-cased). Epic codes routes in its
 * own code system (`urn:oid:1.2.840.114350.1.13.0.1.7.4.698288.330`, e.g. code 15 "Oral"), whose codes
 * are local to Epic; its text is what is matched.
 */
export const ROUTES_BY_TEXT: Readonly<Record<string, RouteWords>> = {
  oral: ORAL,
  'by mouth': ORAL,
  'oral route': ORAL,
  subcutaneous: SUBCUTANEOUS,
  'subcutaneous route': SUBCUTANEOUS,
  topical: TOPICAL,
  'topical route': TOPICAL,
  sublingual: { verb: 'coloque', how: 'debajo de la lengua' },
  inhalation: { verb: 'use', how: 'por vía inhalatoria' },
  intramuscular: { verb: 'inyecte', how: 'en el músculo' },
  nasal: { verb: 'use', how: 'en la nariz' },
  'each nostril': { verb: 'use', how: 'en cada fosa nasal' },
  transdermal: { verb: 'aplique', how: 'sobre la piel' },
};

/** Units of `timing.repeat.periodUnit` (UCUM, per FHIR's UnitsOfTime): singular, plural, gender. */
export const PERIOD_UNITS: Readonly<Record<string, UnitWords>> = {
  min: unit('minuto', 'minutos', 'm'),
  h: unit('hora', 'horas', 'f'),
  d: unit('día', 'días', 'm'),
  wk: unit('semana', 'semanas', 'f'),
  mo: unit('mes', 'meses', 'm'),
  a: unit('año', 'años', 'm'),
};

/** "once a day", "once a week": the phrase after a frequency when the period is one unit. */
export const PER_ONE: Readonly<Record<string, string>> = {
  h: 'por hora',
  d: 'al día',
  wk: 'a la semana',
  mo: 'al mes',
  a: 'al año',
};

/** Small numbers of times as words ("dos veces"); larger ones are said as digits. */
export const TIMES: readonly string[] = ['', 'una vez', 'dos veces', 'tres veces', 'cuatro veces', 'cinco veces', 'seis veces'];

/** The v3 code system of FHIR's TimingAbbreviation value set. */
export const GTS_ABBREVIATION = 'http://terminology.hl7.org/CodeSystem/v3-GTSAbbreviation';

/** `timing.code` of the TimingAbbreviation value set (https://hl7.org/fhir/R4/valueset-timing-abbreviation.html). */
export const TIMING_CODES: Readonly<Record<string, string>> = {
  QD: 'una vez al día',
  BID: 'dos veces al día',
  TID: 'tres veces al día',
  QID: 'cuatro veces al día',
  QOD: 'cada dos días',
  AM: 'cada mañana',
  PM: 'cada tarde',
  Q1H: 'cada hora',
  Q2H: 'cada 2 horas',
  Q3H: 'cada 3 horas',
  Q4H: 'cada 4 horas',
  Q6H: 'cada 6 horas',
  Q8H: 'cada 8 horas',
  BED: 'a la hora de acostarse',
  WK: 'una vez a la semana',
  MO: 'una vez al mes',
};

/** `timing.repeat.when` codes of FHIR's EventTiming value set (https://hl7.org/fhir/R4/valueset-event-timing.html). */
export const WHEN: Readonly<Record<string, string>> = {
  HS: 'a la hora de acostarse',
  WAKE: 'al despertar',
  MORN: 'por la mañana',
  AFT: 'por la tarde',
  EVE: 'por la noche',
  NIGHT: 'por la noche',
  C: 'con las comidas',
  CM: 'con el desayuno',
  CD: 'con el almuerzo',
  CV: 'con la cena',
  AC: 'antes de las comidas',
  ACM: 'antes del desayuno',
  ACD: 'antes del almuerzo',
  ACV: 'antes de la cena',
  PC: 'después de las comidas',
  PCM: 'después del desayuno',
  PCD: 'después del almuerzo',
  PCV: 'después de la cena',
};

/** Said for `asNeededBoolean: true`. */
export const AS_NEEDED = 'según sea necesario';

/** Joins the sentences of an order with several dosage instructions, in sequence. */
export const THEN = '; después, ';

/**
 * Abbreviations and dose forms in a drug name as the chart writes it, in Spanish. Longest first; a
 * dose form is preceded by a comma, as it is said ("20 miligramos, tableta oral"). The drug's own
 * name is left as written.
 */
export const NAME_WORDS: readonly (readonly [RegExp, string])[] = [
  [/\bdelayed[- ]release oral capsule\b/gi, ', cápsula oral de liberación retardada'],
  [/\bdelayed[- ]release oral tablet\b/gi, ', tableta oral de liberación retardada'],
  [/\bextended[- ]release (oral )?tablet\b/gi, ', tableta de liberación prolongada'],
  [/\b24 hr (oral )?tablet\b/gi, ', tableta de 24 horas'],
  [/\boral tablet\b/gi, ', tableta oral'],
  [/\boral capsule\b/gi, ', cápsula oral'],
  [/\bmetered dose inhaler\b/gi, ', inhalador de dosis medida'],
  [/\binjectable solution\b/gi, ', solución inyectable'],
  [/\bnasal spray\b/gi, ', aerosol nasal'],
  [/\btablet\b/gi, ', tableta'],
  [/\bcapsule\b/gi, ', cápsula'],
  [/\binhaler\b/gi, ', inhalador'],
  [/\bmg\/actuat(ion)?\b/gi, 'miligramos por aplicación'],
  [/\bmcg\/actuat(ion)?\b/gi, 'microgramos por aplicación'],
  [/\b(unt|unit)\/ml\b/gi, 'unidades por mililitro'],
  [/\bmg\/ml\b/gi, 'miligramos por mililitro'],
  [/\bmg\b/gi, 'miligramos'],
  [/\bmcg\b|\bug\b|µg/gi, 'microgramos'],
  [/\bml\b/gi, 'mililitros'],
  [/\b(unt|units?)\b/gi, 'unidades'],
  [/\bmeq\b/gi, 'miliequivalentes'],
];

/** Said for a medication whose chart names no drug (the English summary's `UNNAMED_MEDICATION`). */
export const UNNAMED = 'medicamento sin nombre';

/** Said after the name when the order has no instructions at all. */
export const NO_INSTRUCTIONS = 'no hay instrucciones en el expediente';
