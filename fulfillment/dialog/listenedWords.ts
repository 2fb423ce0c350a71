import { LOCALE_ID, type LocaleId } from '../../contract';
import type { AdministrativeGender } from '../epic';
import { normalizeSpeech } from '../notes/redFlags';

/**
 * The words the dialog LISTENS for, per locale: the counterpart of the prompt catalogs (`prompts/`),
 * which hold what the caller hears. Lists are written as callers say them, accents included; they are
 * matched on {@link foldSpeech} output (lower case, accents folded: "sí" and "si" are one word), as
 * whole words.
 */
export interface ListenedWordLists {
  /** Answers that begin a plain "yes" (matched at the start of the answer). */
  readonly yes: readonly string[];
  /** Words that make an answer anything but a plain "yes" ("yes, but…", "sí… no, espere"). */
  readonly notPlainYes: readonly string[];
  /** Answers that begin a plain "no" (matched at the start of the answer). */
  readonly no: readonly string[];
  /** Words that make an answer anything but a plain "no" ("no, but…", "no sé"). */
  readonly notPlainNo: readonly string[];
  /** Everyday words for the sex on the record, said alone (the whole answer). */
  readonly gender: Readonly<Record<string, AdministrativeGender>>;
  /** Ordinal words by position ("second" → 2), matched as whole words. */
  readonly ordinals: Readonly<Record<string, number>>;
  /** Cardinal words ("two" → 2): alone, or after {@link ListenedWordLists.numberWord}. */
  readonly cardinals: Readonly<Record<string, number>>;
  /** Words for the last one of a list heard ("last", "última"). */
  readonly last: readonly string[];
  /** The word before a spoken number ("number two", "número dos"). */
  readonly numberWord: string;
  /**
   * Words that name no medication in a refill request (how callers ask for one, and dose forms and
   * units): what is left, matching no kept name, is a medication that is not on the list.
   */
  readonly notAName: string;
  /** Answers choosing to hear a medication's English-only instructions in English ("inglés"). */
  readonly english: readonly string[];
  /** Answers asking for a person instead, said alone ("agent", "agente", "una persona"). */
  readonly person: readonly string[];
  /** Words that on their own say the call is an emergency ("emergency", "emergencia"). */
  readonly emergency: readonly string[];
  /** Words just before {@link ListenedWordLists.emergency} that deny it ("not an", "no es una"). */
  readonly notEmergency: readonly string[];
}

/** Lower case, accents folded, punctuation and digits as spaces, one space between words ("¡Sí, claro!" → "si claro"). */
export function foldSpeech(text: string): string {
  return normalizeSpeech(text).text.replace(/\s+/g, ' ').trim();
}

const EN_US: ListenedWordLists = {
  yes: [
    'yes', 'yeah', 'yep', 'yup', 'sure', 'please', 'please do', 'ok', 'okay', 'correct', "that's right", 'thats right', 'right', 'go ahead', 'do it',
    'send it', 'text me', 'text it', "that's fine", 'thats fine', 'that would be great', 'all right', 'alright', 'absolutely', 'of course',
  ],
  notPlainYes: ['no', 'not', "don't", 'dont', 'nope', 'wait', 'but', 'maybe', 'unsure', 'other', 'different', 'wrong', 'later', 'stop', 'cancel', 'never', 'agent', 'person'],
  no: ['no', 'nope', 'nah', 'not now', 'not right now', "i'm not", 'im not', 'i am not', "i don't", 'i dont', 'i do not', "i haven't", 'i havent', 'i have not'],
  notPlainNo: [
    'yes', 'yeah', 'yep', 'yup', 'maybe', 'perhaps', 'but', 'think', 'sort of', 'kind of', 'little', 'bit', 'sure', 'know', 'unsure', 'sometimes',
    'again', 'still', 'help', 'agent', 'person',
  ],
  gender: {
    female: 'female', woman: 'female', lady: 'female', girl: 'female', f: 'female',
    male: 'male', man: 'male', gentleman: 'male', boy: 'male', m: 'male',
    other: 'other', 'non-binary': 'other', nonbinary: 'other', 'non binary': 'other', another: 'other', 'something else': 'other',
    unknown: 'unknown', "don't know": 'unknown', 'prefer not to say': 'unknown', 'rather not say': 'unknown',
    one: 'female', two: 'male', three: 'other',
  },
  ordinals: {
    first: 1, second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9,
    '1st': 1, '2nd': 2, '3rd': 3, '4th': 4, '5th': 5, '6th': 6, '7th': 7, '8th': 8, '9th': 9,
  },
  cardinals: { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9 },
  last: ['last'],
  numberWord: 'number',
  notAName:
    'refill refills refilled fill filled renew renewal request requests reorder order need needs want wanted would like please ' +
    'prescription prescriptions medication medications medicine medicines meds pill pills drug drugs script ' +
    "the a an my me i i'd i'm im to for of on and or that this these those one ones it its is be can could you your get got " +
    'another again more some just also about with from have has had out run running ran almost nearly some thanks thank okay ' +
    'yeah yes sure so um uh hi hello number last which what send sent new ' +
    'tablet tablets capsule capsules oral inhaler metered dose spray nasal solution release extended delayed hour hours ' +
    'milligram milligrams microgram micrograms milliliter milliliters units unit per puff puffs actuation mcg mg ' +
    'hydrochloride sodium propionate succinate tartrate',
  english: ['english', 'in english'],
  person: ['agent', 'an agent', 'person', 'a person', 'operator', 'someone', 'representative'],
  emergency: ['emergency', 'an emergency'],
  notEmergency: ['not', "isn't", 'isnt', "it's not", 'its not', 'no', 'not an', "isn't an", 'isnt an'],
};

const ES_US: ListenedWordLists = {
  yes: [
    'sí', 'si', 'claro', 'claro que sí', 'por favor', 'está bien', 'de acuerdo', 'correcto', 'exacto', 'así es', 'ok', 'okay', 'bueno', 'perfecto',
    'mándelo', 'mándemelo', 'envíelo', 'envíemelo', 'mándeme un texto', 'adelante', 'ándale', 'órale', 'dale', 'cómo no', 'con gusto',
  ],
  notPlainYes: [
    'no', 'pero', 'espere', 'espera', 'todavía no', 'mejor no', 'tal vez', 'quizás', 'quizá', 'a lo mejor', 'después', 'luego', 'más tarde', 'otro', 'otra',
    'cancelar', 'nunca', 'agente', 'persona', 'operadora', 'equivocado', 'equivocada',
  ],
  no: ['no', 'no gracias', 'ahorita no', 'ahora no', 'para nada', 'negativo', 'nel', 'no tengo', 'no estoy', 'no me', 'nada', 'tampoco'],
  notPlainNo: [
    'sí', 'si', 'pero', 'tal vez', 'quizás', 'quizá', 'a lo mejor', 'creo', 'pienso', 'no sé', 'un poco', 'poquito', 'algo', 'a veces', 'todavía', 'aún',
    'otra vez', 'sigue', 'ayuda', 'agente', 'persona', 'operadora', 'seguro',
  ],
  gender: {
    femenino: 'female', femenina: 'female', mujer: 'female', dama: 'female', señora: 'female', f: 'female',
    masculino: 'male', masculina: 'male', hombre: 'male', varón: 'male', caballero: 'male', señor: 'male', m: 'male',
    otro: 'other', otra: 'other', 'no binario': 'other', 'no binaria': 'other', 'otra cosa': 'other',
    'no sé': 'unknown', 'prefiero no decir': 'unknown', 'prefiero no decirlo': 'unknown', desconocido: 'unknown',
    uno: 'female', dos: 'male', tres: 'other',
  },
  ordinals: {
    primera: 1, primero: 1, primer: 1, segunda: 2, segundo: 2, tercera: 3, tercero: 3, tercer: 3, cuarta: 4, cuarto: 4, quinta: 5, quinto: 5,
    sexta: 6, sexto: 6, séptima: 7, séptimo: 7, octava: 8, octavo: 8, novena: 9, noveno: 9,
  },
  cardinals: { uno: 1, una: 1, dos: 2, tres: 3, cuatro: 4, cinco: 5, seis: 6, siete: 7, ocho: 8, nueve: 9 },
  last: ['última', 'último'],
  numberWord: 'número',
  notAName:
    'resurtido resurtidos resurtir resurta surtir surta rellenar renovar pedir pido pida solicitud receta recetas medicamento medicamentos ' +
    'medicina medicinas pastilla pastillas quiero necesito quisiera favor por para que cual esta este estas estos ese esa ' +
    'el la los las lo un una unos unas mi mis me de del al en y o con mas otra otro vez se le su sus ya tambien gracias bueno ' +
    'numero ultima ultimo nueva nuevo enviar envie mande ' +
    'tableta tabletas capsula capsulas oral inhalador dosis medida aerosol nasal solucion liberacion prolongada retardada hora horas ' +
    'miligramo miligramos microgramo microgramos mililitro mililitros unidades unidad inhalacion inhalaciones aplicacion aplicaciones atomizacion',
  english: ['inglés', 'en inglés', 'quiero inglés', 'en inglés por favor', 'inglés por favor', 'english'],
  person: ['agente', 'un agente', 'persona', 'una persona', 'operadora', 'operador', 'alguien', 'con una persona', 'representante'],
  emergency: ['emergencia', 'una emergencia', 'emergency'],
  notEmergency: ['no', 'no es', 'no es una', 'no hay', 'no hay una', 'no tengo una', 'sin'],
};

/** The listened-for words of each locale the dialog speaks. */
export const LISTENED_WORDS: Readonly<Record<LocaleId, ListenedWordLists>> = { en_US: EN_US, es_US: ES_US };

/** One locale's words, folded and compiled once per container. */
export interface ListenedWords {
  readonly yes: RegExp;
  readonly notPlainYes: RegExp;
  readonly no: RegExp;
  readonly notPlainNo: RegExp;
  readonly gender: ReadonlyMap<string, AdministrativeGender>;
  readonly ordinals: ReadonlyMap<string, number>;
  readonly cardinals: ReadonlyMap<string, number>;
  readonly last: ReadonlySet<string>;
  readonly numberWord: string;
  /** Words of every locale that name no medication (a kept name may be in either language's words). */
  readonly notAName: ReadonlySet<string>;
  readonly english: RegExp;
  readonly person: RegExp;
  readonly emergency: RegExp;
  readonly notEmergency: RegExp;
}

/** Alternatives as one pattern: folded, escaped, longest first so "no gracias" wins over "no". */
function alternation(words: readonly string[]): string {
  const folded = [...new Set(words.map(foldSpeech).filter(Boolean))].sort((a, b) => b.length - a.length);
  return folded.map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
}

/** A table keyed by folded words; `keepDigits` for "2nd", which {@link foldSpeech} would make "nd". */
function folded<V>(record: Readonly<Record<string, V>>, keepDigits = false): Map<string, V> {
  const fold = keepDigits ? (word: string) => word.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').trim() : foldSpeech;
  return new Map(Object.entries(record).map(([word, value]) => [fold(word), value]));
}

const ALL_NOT_A_NAME = new Set(Object.values(LISTENED_WORDS).flatMap((words) => foldSpeech(words.notAName).split(' ')));

function compile(words: ListenedWordLists): ListenedWords {
  return {
    yes: new RegExp(`^(?:${alternation(words.yes)})\\b`),
    notPlainYes: new RegExp(`\\b(?:${alternation(words.notPlainYes)})\\b`),
    no: new RegExp(`^(?:${alternation(words.no)})\\b`),
    notPlainNo: new RegExp(`\\b(?:${alternation(words.notPlainNo)})\\b`),
    gender: folded(words.gender),
    ordinals: folded(words.ordinals, true),
    cardinals: folded(words.cardinals),
    last: new Set(words.last.map(foldSpeech)),
    numberWord: foldSpeech(words.numberWord),
    notAName: ALL_NOT_A_NAME,
    english: new RegExp(`^(?:${alternation(words.english)})$`),
    person: new RegExp(`^(?:${alternation(words.person)})(?: por favor| please)?$`),
    emergency: new RegExp(`\\b(?:${alternation(words.emergency)})\\b`),
    notEmergency: new RegExp(`\\b(?:${alternation(words.notEmergency)}) (?:${alternation(words.emergency)})\\b`),
  };
}

const compiled = new Map<LocaleId, ListenedWords>();

/**
 * The listened-for words of a locale, compiled once (memoized per container).
 *
 * @example
 * wordsFor('es_US').yes.test(foldSpeech('Sí, por favor')); // true
 */
export function wordsFor(locale: LocaleId = LOCALE_ID): ListenedWords {
  let words = compiled.get(locale);
  if (!words) {
    words = compile(LISTENED_WORDS[locale] ?? LISTENED_WORDS[LOCALE_ID]);
    compiled.set(locale, words);
  }
  return words;
}
