/**
 * THE RED-FLAG RULES: the one rule set the bots (every turn), the live triage at `#` and the symptom
 * pipeline (every note) use to decide whether a caller may need emergency care now. Written to be
 * read and reviewed by a clinician; a change here changes all three at once, so raise
 * {@link RED_FLAG_RULES_VERSION} with every change (every message and note records the version it
 * was judged with).
 *
 * How a transcript is judged (`triage.ts` applies it; tests in test/notes/redFlagRules.test.ts):
 * 1. Words are read in lower case, without punctuation or accents ("Chest-pain!" reads "chest pain",
 *    "daño" reads "dano"). Every rule has English and Spanish (es-US) phrases.
 * 2. Every phrase below that occurs is one MENTION of its red flag.
 * 3. Each mention is
 *    - NEGATED when clearly denied: a denial ("no", "not", "don't have", "denies", "never", "without" …)
 *      stands at most 5 words before it in the same clause ("no chest pain", "I don't have any chest
 *      pain"; in Spanish "no", "no tengo", "sin", "nunca", "ni", "ya no", "niego": "no tengo dolor de
 *      pecho"), or it "went away" / "stopped" / "resolved" ("se me quitó", "ya se pasó") just after;
 *    - but NOT negated when denied twice over ("I can't say I don't have chest pain", "I never said I
 *      don't have chest pain"): a double denial is unclear, and unclear is urgent;
 *    - PAST when the same clause says it happened long ago ("I had chest pain last year", "I had a
 *      stroke two years ago", "when I was a child") and nothing in the sentence says it is back or
 *      ongoing ("still", "again", "now", "today", "since", "back", "keeps" …). "Yesterday", "last
 *      night" and "last week" are NOT long ago: they stay urgent;
 *    - AFFIRMED otherwise (said plainly, or anything unclear).
 * 4. A message is URGENT when any mention is affirmed (mixed sentences: "no fever but chest pain" is
 *    urgent). Only when every mention is negated or past is it ROUTINE. No mention: ROUTINE.
 * When in doubt the rules err towards urgent: a missed emergency may cost a life, a false alarm costs
 * a nurse's minute.
 */

import type { RedFlagId } from '../../contract';

/**
 * Version of these rules, recorded on every message (capture job) and every note. Raise it with
 * every change to a phrase or to the judging rules above.
 */
export const RED_FLAG_RULES_VERSION = '2026.12.2';

/** One red flag: what a clinician reads, and the phrases that find it. */
export interface RedFlagRule {
  readonly id: RedFlagId;
  /** Plain label for the note, e.g. "chest pain". */
  readonly label: string;
  /** Phrases as patterns over normalized speech (lower case, letters, apostrophes and spaces only). */
  readonly patterns: readonly RegExp[];
  /** Sentences the rule must find (the tests read them): what callers say. */
  readonly examples: readonly string[];
}

/**
 * Every red flag, in the order a note lists them. Each rule holds its English phrases, then its
 * Spanish (es-US) ones (issue 18): a message in Spanish is judged in the caller's words and in its
 * English translation, and the bots hear Spanish callers with the same rules. Spanish phrases are
 * written without accents: `normalizeSpeech` (redFlags.ts) folds "daño" to "dano" and "corazón" to "corazon".
 */
export const RED_FLAG_RULES: readonly RedFlagRule[] = [
  {
    id: 'chest-pain',
    label: 'chest pain',
    patterns: [
      /\bchest (pain|pains|pressure|tightness)\b/,
      // es: "dolor de pecho", "presión en el pecho", "me duele el pecho"
      /\b(dolor|dolores|presion|opresion) (de|en el) pecho\b/,
      /\bme duele (mucho )?el pecho\b/,
    ],
    examples: ['I have crushing chest pain', 'there is a tightness, chest tightness', 'tengo dolor de pecho', 'me duele mucho el pecho desde anoche'],
  },
  {
    id: 'breathing',
    label: 'trouble breathing',
    patterns: [
      /\b(can'?t|cannot|can not|hard to|trouble|difficulty) breath(e|ing)\b/,
      /\bshort(ness)? of breath\b/,
      /\bnot breathing\b/,
      // es: "no puedo respirar", "me falta el aire", "dificultad para respirar", "no está respirando"
      /\bno puedo respirar\b/,
      /\bme falta (el )?aire\b/,
      /\bfalta de aire\b/,
      /\b(dificultad|problemas?) para respirar\b/,
      /\bno esta respirando\b/,
    ],
    examples: ["I can't breathe", 'I am short of breath', 'he is not breathing', 'no puedo respirar', 'me falta el aire'],
  },
  {
    id: 'suicidal',
    label: 'suicidal thoughts or self-harm',
    patterns: [
      /\bsuicid(e|al)\b/,
      /\b(kill|hurt|harm) (myself|me)\b/,
      /\bwant to die\b/,
      /\bend (my|it all)\b.*\blife\b|\bend it all\b/,
      // es: "quiero hacerme daño", "quitarme la vida", "matarme", "suicidarme", "quiero morir"
      /\bsuicid(a|io|arme)\b/,
      /\bhacerme dano\b/,
      /\bquitarme la vida\b/,
      /\bmatarme\b/,
      /\bquiero morir(me)?\b/,
    ],
    examples: ['I have been feeling suicidal', 'I want to hurt myself', 'quiero hacerme daño', 'he pensado en quitarme la vida'],
  },
  {
    id: 'overdose',
    label: 'overdose',
    patterns: [/\boverdos(e|ed)\b/, /\bsobredosis\b/],
    examples: ['I think I overdosed on my pills', 'creo que tomé una sobredosis de pastillas'],
  },
  {
    id: 'stroke',
    label: 'stroke signs',
    patterns: [
      /\bstroke\b/,
      /\b(face|arm) (is )?(drooping|numb)\b/,
      // es: "derrame cerebral", "embolia", "ictus", "la cara caída", "el brazo entumido"
      /\bderrame cerebral\b|\bembolia\b|\bictus\b/,
      /\b(cara|brazo) (esta )?(caida|caido|adormecida|adormecido|entumida|entumido)\b/,
    ],
    examples: ['my face is drooping', 'I think I am having a stroke', 'creo que es un derrame cerebral', 'tengo la cara caída'],
  },
  {
    id: 'heart-attack',
    label: 'heart attack',
    patterns: [/\bheart attack\b/, /\bataque (al corazon|cardiaco)\b|\binfarto\b/],
    examples: ['I think it is a heart attack', 'creo que es un ataque al corazón'],
  },
  {
    id: 'unresponsive',
    label: 'unconscious or unresponsive',
    patterns: [
      /\bunconscious\b|\bpassed out\b|\bwon'?t wake up\b/,
      // es: "me estoy desmayando", "se desmayó", "inconsciente", "no despierta"
      /\b(me|se) (esta |estoy )?desmay(o|e|a|ando)\b|\bdesmayandome\b/,
      /\binconsciente\b|\bno (se )?despierta\b/,
    ],
    examples: ["my husband won't wake up", 'she passed out', 'me estoy desmayando', 'mi esposo no despierta'],
  },
  {
    id: 'severe-bleeding',
    label: 'severe bleeding',
    patterns: [
      /\b(severe|heavy) bleeding\b|\bbleeding (a lot|heavily)\b/,
      // es: "sangrado" (issue 18 lists it alone: unclear is urgent), "estoy sangrando mucho", "mucha sangre"
      /\bsangrado\b|\bsangrando mucho\b|\bmucha sangre\b/,
    ],
    examples: ['there is heavy bleeding from the cut', 'estoy sangrando mucho', 'tengo un sangrado que no para'],
  },
  {
    id: 'seizure',
    label: 'seizure',
    patterns: [/\bseizure\b/, /\bconvulsion(es)?\b|\bconvulsionando\b|\bataque epileptico\b/],
    examples: ['my son just had a seizure', 'mi hijo tuvo una convulsión'],
  },
];

/**
 * Long ago, in the same clause as the mention: what makes a mention PAST (rule 3). Spanish: "el año
 * pasado", "hace dos años", "hace mucho", "cuando era niño", "de niño".
 */
export const LONG_AGO =
  /\b(?:last (?:year|month|spring|summer|fall|autumn|winter)|(?:years?|months?|decades?) ago|a (?:long )?(?:while|time) ago|long ago|back in|in (?:19|20)\d\d|when i was|as a (?:child|kid|teenager)|years back)\b|(?<!\p{L})(?:el (?:a[nñ]o|mes) pasado|hace (?:\p{L}+ )?(?:a[nñ]os|meses|d[eé]cadas)|hace (?:mucho|tiempo)|cuando era|de (?:ni[nñ][oa]|joven)|en (?:19|20)\d\d)(?!\p{L})/iu;

/** A verb of the past in the same clause (without it, "last year" may mean "since last year"). Spanish: "tuve", "tenía", "sufrí", "me dio". */
export const PAST_VERB = /\b(?:had|was|were|suffered|got|used to)\b|(?<!\p{L})(?:tuve|tuvo|ten[ií]a|sufr[ií]|sufri[oó]|me dio|le dio)(?!\p{L})/iu;

/**
 * Anything in the sentence saying the flag is back or ongoing: the mention is not PAST (rule 3).
 * Spanish: "todavía", "aún", "otra vez", "de nuevo", "ahora", "hoy", "desde", "sigue", "volvió", "tengo", "estoy".
 */
export const STILL_NOW =
  /\b(?:still|again|now|right now|today|tonight|this (?:morning|afternoon|evening)|currently|since|keeps?|kept|back|returned|coming|ongoing|started|starting|is|am|are|have been|has been|getting)\b|(?<!\p{L})(?:todav[ií]a|a[uú]n|otra vez|de nuevo|ahora|hoy|esta (?:ma[nñ]ana|tarde|noche)|desde|sigue|sigo|volvi[oó]|regres[oó]|empez[oó]|tengo|estoy|est[aá])(?!\p{L})/iu;
