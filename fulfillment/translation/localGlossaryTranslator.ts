import { LOCAL_STAND_IN_LABEL } from './constants';
import type { SourceLanguage, Translation, Translator } from './port';

/**
 * LOCAL MODE ONLY: a STAND-IN for Amazon Translate. It is not a translator: it replaces the Spanish
 * phrases of a small glossary (what callers most often say about symptoms and medications, and the
 * words around them) by English ones and leaves every other word as it is, so that the local
 * vocabulary extractor finds the symptoms of a Spanish message. Its output says what it is
 * (`engine: 'local-stand-in'` and a label the note prints), so no one takes it for a translation.
 */

/** Spanish phrase (a regular expression source, matched case-insensitively on word boundaries) and its English words, longest first. */
const GLOSSARY: readonly (readonly [spanish: string, english: string])[] = [
  ['dolor(?:es)? de pecho', 'chest pain'],
  ['presi[oó]n en el pecho', 'chest pressure'],
  ['no puedo respirar', "can't breathe"],
  ['me falta el aire', 'I am short of breath'],
  ['falta de aire', 'shortness of breath'],
  ['dificultad para respirar', 'difficulty breathing'],
  ['dolor(?:es)? de cabeza', 'headache'],
  ['dolor de garganta', 'sore throat'],
  ['dolor de est[oó]mago', 'stomach ache'],
  ['dolor de espalda', 'back pain'],
  ['dolor de o[ií]do', 'ear pain'],
  ['dolor(?:es)? (?:de|en las) articulaciones', 'joint pain'],
  ['dolor(?:es)? de cuerpo', 'body aches'],
  ['nariz tapada', 'stuffy nose'],
  ['escalofr[ií]os', 'chills'],
  ['fiebre', 'fever'],
  ['tos', 'cough'],
  ['n[aá]useas?', 'nausea'],
  ['v[oó]mitos?', 'vomiting'],
  ['diarrea', 'diarrhea'],
  ['mareos?', 'dizziness'],
  ['mareado|mareada', 'dizzy'],
  ['sarpullido', 'rash'],
  ['me estoy desmayando', 'I am passing out'],
  ['me desmay[eé]', 'I passed out'],
  ['ataque al coraz[oó]n|infarto', 'heart attack'],
  ['derrame cerebral', 'stroke'],
  ['convulsi[oó]n', 'seizure'],
  ['sangrando mucho', 'bleeding heavily'],
  ['sangrado (?:fuerte|abundante)', 'heavy bleeding'],
  ['quiero hacerme da[nñ]o', 'I want to hurt myself'],
  ['quitarme la vida', 'end my life'],
  ['sobredosis', 'overdose'],
  ['emergencia', 'emergency'],
  ['desde ayer', 'since yesterday'],
  ['desde hace (\\w+) d[ií]as', 'for $1 days'],
  ['ibuprofeno', 'ibuprofen'],
  ['paracetamol|acetaminof[eé]n', 'acetaminophen'],
  ['no tengo', "I don't have"],
  ['tengo', 'I have'],
  ['estoy tomando|tomo', 'I am taking'],
  ['pero', 'but'],
  ['y', 'and'],
  ['no', 'no'],
];

const PATTERNS = GLOSSARY.map(([spanish, english]) => [new RegExp(`(?<![\\p{L}])(?:${spanish})(?![\\p{L}])`, 'giu'), english] as const);

/**
 * STAND-IN for Amazon Translate in local mode (see the file's comment).
 *
 * @example
 * const { text, label } = await new LocalGlossaryTranslator().translate('Tengo fiebre y tos desde ayer.', 'es');
 * // text: 'I have fever and cough since yesterday.', label: 'local stand-in translation (…)'
 */
export class LocalGlossaryTranslator implements Translator {
  public async translate(text: string, _from: SourceLanguage): Promise<Translation> {
    let english = text;
    for (const [pattern, replacement] of PATTERNS) english = english.replace(pattern, replacement);
    return { text: english, engine: 'local-stand-in', label: LOCAL_STAND_IN_LABEL };
  }
}
