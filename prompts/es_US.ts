/**
 * US Spanish: every word a caller hears, with the same keys as `en_US.ts`. Written for callers, not
 * translated word for word: "usted", short sentences, one question at a time, speech first with the
 * keys a help or a miss away. Many callers are elderly and on poor lines, so numbers that matter are
 * said plainly ("9 1 1", "ocho dígitos") and every keypad date says which part comes first.
 */

import { CONFIRM_KEYS, ENGLISH_INSTRUCTIONS_KEYS, GENDER_KEYS, MENU_KEYS } from '../contract';
import { key, keyed } from './keyed';
import type { KeyedText, NamePart, PromptCatalog } from './types';

// Fragments several prompts share, so each is worded once.
const DIDNT_GET_THAT = 'Perdone, no le entendí.';
const DIDNT_CATCH_THAT = 'Perdone, no le escuché bien.';
const CONNECTING_YOU = 'Le voy a comunicar con alguien que le pueda ayudar.';
const IF_EMERGENCY_DIAL_911 = 'Si es una emergencia, cuelgue y marque el 9 1 1.';
const CALL_BACK_LATER = 'Por favor, vuelva a llamar más tarde.';
const PRESS_FOR_GENDER = keyed`oprima ${key(GENDER_KEYS.female)} para femenino, ${key(GENDER_KEYS.male)} para masculino, o ${key(GENDER_KEYS.other)} para otro.`;
// The code hook reads eight keyed digits as month, day, year (as in en_US): Spanish speakers write the
// day first, so every keypad prompt says the month comes first.
const ASK_BIRTH_DATE_AGAIN =
  'Por favor, diga su fecha de nacimiento, por ejemplo: 14 de marzo de 1948. O márquela con ocho dígitos: primero el mes, luego el día y luego el año.';
const ASK_GENDER = keyed`¿El sexo en su expediente médico es femenino, masculino u otro? O, si prefiere, ${PRESS_FOR_GENDER}`;
const ASK_GENDER_AGAIN = keyed`Por favor, diga femenino, masculino u otro. O, si prefiere, ${PRESS_FOR_GENDER}`;
const SAY_YES_OR_NO = keyed`Diga sí, u oprima ${key(CONFIRM_KEYS.yes)}. O diga no, u oprima ${key(CONFIRM_KEYS.no)}.`;
const HEAR_AGAIN = keyed`Para volver a escuchar, diga repetir, u oprima ${key(MENU_KEYS.repeat)}.`;

/** Digits spaced so they are said one by one ("1 2 3 4"): a phone number's last four are not a keypad key. */
const spaced = (digits: string): string => digits.split('').join(' ');

/** "a la 1:30", but "a las 2:30": the hour one is singular in Spanish. */
const atTime = (time: string): string => `${/^1\b/.test(time) ? 'a la' : 'a las'} ${time}`;

/** The first ask of a name slot: Lex's own, and the code hook's. */
const spellAsk = (which: string): string => `Por favor, deletree su ${which}, una letra a la vez.`;
/** The retry of a name slot: Lex's own, and the code hook's after a name it did not get or cannot search with. */
const spellAgain = (which: string): string => `${DIDNT_GET_THAT} Por favor, deletree su ${which} despacio, una letra a la vez. Por ejemplo: M, A, R, T, A.`;

/** The word for each name slot: "nombre" is the given name, "apellido" the family name. */
const NAME_WORDS: Readonly<Record<NamePart, string>> = { first: 'nombre', last: 'apellido' };

/** The es_US catalog. */
export const ES_US: PromptCatalog = {
  birthDate: {
    slotPrompts: [
      'Por favor, diga su fecha de nacimiento, por ejemplo: 14 de marzo de 1948. O márquela con ocho dígitos: mes, día y año.',
      `${DIDNT_GET_THAT} ${ASK_BIRTH_DATE_AGAIN}`,
      {
        instruction: 'Vamos a usar el teclado. Marque su fecha de nacimiento con ocho dígitos: primero el mes, luego el día y luego el año.',
        example: keyed`Para el 14 de marzo de 1948, marque ${key('03141948')}.`,
      },
    ],
    askAgain: ASK_BIRTH_DATE_AGAIN,
  },
  gender: {
    slotPrompts: [
      ASK_GENDER,
      keyed`${DIDNT_CATCH_THAT} ${ASK_GENDER_AGAIN}`,
      keyed`Por favor, ${PRESS_FOR_GENDER} Si no sabe, diga: no sé.`,
    ],
    ask: ASK_GENDER,
    askAgain: ASK_GENDER_AGAIN,
  },
  spellName: (part) => {
    const which = NAME_WORDS[part];
    return [
      spellAsk(which),
      spellAgain(which),
      `Intentemos una vez más. Deletree su ${which}, y haga una pequeña pausa después de cada letra.`,
    ];
  },
  spellNameAsk: (part) => spellAsk(NAME_WORDS[part]),
  spellNameAgain: (part) => spellAgain(NAME_WORDS[part]),
  waiting: {
    findingRecord: 'Un momento, por favor, mientras busco su expediente.',
    lookingUp: 'Un momento, por favor, mientras busco esa información.',
    stillWorking: 'Sigo buscando. Gracias por esperar.',
  },
  verification: {
    verified: (givenName) => (givenName ? `Gracias, ${givenName}. Ya confirmé su identidad.` : 'Gracias. Ya confirmé su identidad.'),
    noCallerId: 'Lo siento, no puedo ver el número desde el que llama, así que no puedo buscar su expediente por teléfono.',
    connectingYou: CONNECTING_YOU,
    firstNameToo: 'Para encontrar su expediente, también necesito su nombre.',
    notConfirmed: 'Lo siento, no pude confirmar su identidad con esas respuestas. Intentemos una vez más.',
    failedTransfer: `Lo siento, todavía no pude confirmar su identidad. ${CONNECTING_YOU}`,
    lockedOut: 'Por su seguridad, la verificación por teléfono está en pausa para este número por un rato.',
    needVerification: 'Para proteger su privacidad, necesito confirmar quién es usted antes de darle esa información.',
  },
  menu: {
    options: 'Puede preguntar por sus medicamentos, sus citas o sus resurtidos, o dejar un mensaje para su médico. ¿Qué desea hacer?',
    keys: keyed`En el teclado, oprima ${key(MENU_KEYS.medications)} para medicamentos, ${key(MENU_KEYS.messageForDoctor)} para dejar un mensaje, ${key(MENU_KEYS.appointments)} para citas, ${key(MENU_KEYS.refills)} para resurtir una receta, ${key(MENU_KEYS.person)} para hablar con una persona, o ${key(MENU_KEYS.repeat)} para escuchar esto otra vez.`,
    whatNext: '¿Qué desea hacer?',
    help: 'Puedo leerle sus medicamentos, darle información de sus citas, pedir un resurtido de su receta, tomar un mensaje para su médico, o comunicarle con una persona.',
    // Short on purpose, as in en_US: the flow's recording prompt right after it explains the rest.
    recordConfirm: 'Muy bien, vamos a grabar un mensaje para su equipo médico.',
    transfer: 'Por favor, espere mientras le comunico con alguien que le pueda ayudar.',
    goodbye: 'Gracias por llamar. Cuídese mucho. Adiós.',
    notUnderstood: DIDNT_CATCH_THAT,
    notUnderstoodOfferPerson: keyed`Perdone, todavía no le entiendo. Para hablar con una persona, diga agente, u oprima ${key(MENU_KEYS.person)}.`,
    nothingToRepeat: 'Todavía no hay nada que repetir.',
    noMoreItems: 'No hay nada más que leer.',
  },
  medications: {
    count: (count, atLeast) =>
      atLeast
        ? `Tiene por lo menos ${count} medicamentos activos en su expediente.`
        : count === 1
          ? 'Tiene un medicamento activo en su expediente.'
          : `Tiene ${count} medicamentos activos en su expediente.`,
    more: keyed`Para escuchar más, diga más. ${HEAR_AGAIN}`,
    endPartial: (read) =>
      keyed`${read === 1 ? 'Ese es el primer medicamento' : `Esos son los primeros ${read} medicamentos`} que puedo leerle por teléfono; su lista tiene más. El personal de la clínica puede repasar el resto con usted: diga agente, u oprima ${key(MENU_KEYS.person)}. ${HEAR_AGAIN}`,
    end: keyed`Esos son todos sus medicamentos. Para escucharlos otra vez, diga repetir, u oprima ${key(MENU_KEYS.repeat)}.`,
    none: 'No veo medicamentos activos en su expediente. Si cree que es un error, diga agente para hablar con una persona.',
    instructionsInEnglish: (name) => `Las instrucciones de ${name} están solamente en inglés.`,
  },
  englishChoice: {
    hearInEnglishOrPerson: keyed`Para escucharlas en inglés, diga inglés, u oprima ${key(ENGLISH_INSTRUCTIONS_KEYS.english)}. Para hablar con una persona, diga agente, u oprima ${key(ENGLISH_INSTRUCTIONS_KEYS.person)}.`,
    englishFollows: 'Aquí están en inglés.',
  },
  appointments: {
    count: (count) => (count === 1 ? 'Tiene una cita programada.' : `Tiene ${count} citas programadas.`),
    // Followed by the first appointment: "Su próxima cita es el martes, 10 de marzo, a las 2:30 p. m."
    nextOne: 'Su próxima cita es el',
    when: (date, time) => `${date}, ${atTime(time)}`,
    withProviders: (names) => `con ${names}`,
    and: 'y',
    department: (department) => `en ${department}`,
    place: (place) => `en ${place}`,
    video: 'Es una consulta por video.',
    inPerson: 'Es una consulta en persona.',
    instructions: (text) => `Instrucciones: ${text}`,
    instructionsInEnglish: 'Las instrucciones de esta cita están solamente en inglés.',
    more: keyed`Para escuchar más, diga más. ${HEAR_AGAIN} Para cambiar una cita, diga cambiar.`,
    end: keyed`Esas son todas sus citas programadas. Para escucharlas otra vez, diga repetir, u oprima ${key(MENU_KEYS.repeat)}. Para cancelar o reprogramar una, diga cambiar.`,
    endPartial: (read) =>
      keyed`${read === 1 ? 'Esa es la primera cita' : `Esas son las primeras ${read} citas`} que puedo leerle por teléfono; tiene más. El equipo de citas puede repasar el resto con usted: diga cambiar. ${HEAR_AGAIN}`,
    none: keyed`No veo citas programadas para usted. Para hacer una cita, diga agente, u oprima ${key(MENU_KEYS.person)}.`,
    whichOne: '¿Qué cita desea cambiar? Puede decir la primera, la segunda, y así.',
    noSuchOne: (count) => `Solo tengo ${count === 1 ? 'una cita' : `${count} citas`} para usted. ¿Cuál desea cambiar?`,
    // `when` is the date and time as `when` above words them: "su cita del martes, 10 de marzo, a las 2:30 p. m."
    toScheduling: (when) => `Muy bien. Sobre su cita del ${when}, le voy a comunicar con nuestro equipo de citas. Por favor, espere.`,
    // Whole words only, and none that starts or ends with an accented letter or "ª" (the dialog
    // matches them between \b word boundaries, which JavaScript draws around ASCII letters only).
    // "una" is left out: "cambiar una cita" names no position.
    positions: [
      ['primera', 'primero', 'primer', 'uno', 'próxima'],
      ['segunda', 'segundo', 'dos'],
      ['tercera', 'tercero', 'tres'],
      ['cuarta', 'cuarto', 'cuatro'],
      ['quinta', 'quinto', 'cinco'],
      ['sexta', 'sexto', 'seis'],
      ['séptima', 'séptimo', 'siete'],
      ['octava', 'octavo', 'ocho'],
      ['novena', 'noveno', 'nueve'],
      ['décima', 'décimo', 'diez'],
    ],
    changeWords: ['cambiar', 'cambio', 'cancelar', 'cancelo', 'reprogramar', 'reprogramo', 'mover', 'posponer', 'no puedo ir', 'no voy a poder ir', 'otro día', 'otra fecha'],
  },
  refills: {
    whichOne: (options, keys) => {
      const choices = options.reduce<KeyedText>((text, option, index) => keyed`${text}${index === 0 ? '' : ' '}Para ${option}, oprima ${key(keys[index] ?? '')}.`, keyed``);
      return keyed`¿Para qué medicamento desea un resurtido? ${choices} O diga el nombre del medicamento.`;
    },
    confirm: (medication) => keyed`Usted desea un resurtido de ${medication}. ¿Envío la solicitud a su equipo médico? ${SAY_YES_OR_NO}`,
    refillsLeft: (medication) =>
      keyed`Es posible que su receta de ${medication} todavía tenga resurtidos. Su farmacia se la puede surtir directamente. ¿Todavía desea que envíe una solicitud de resurtido a su equipo médico? ${SAY_YES_OR_NO}`,
    confirmAgain: keyed`${DIDNT_CATCH_THAT} ${SAY_YES_OR_NO}`,
    sent: (medication) => `Su solicitud de resurtido de ${medication} se envió a su equipo médico. La van a revisar.`,
    alreadySent: (medication) => `Ya envié una solicitud de resurtido de ${medication} en esta llamada.`,
    notSent: 'Muy bien. No envié ninguna solicitud de resurtido.',
    notOnList: 'No veo ese medicamento en su lista de medicamentos activos, así que no puedo pedir un resurtido por teléfono.',
    listUnavailable: 'Lo siento, ahora no puedo leer su lista de medicamentos, así que no puedo pedir un resurtido.',
    noMedications: 'No veo medicamentos activos en su expediente, así que no puedo pedir un resurtido por teléfono.',
    stillUnclear: 'Perdone, todavía no sé de qué medicamento me habla.',
    sendFailed: 'Lo siento, no pude enviar su solicitud de resurtido.',
  },
  texts: {
    offer: 'Si quiere estos datos por mensaje de texto, diga mándeme un texto.',
    askAppointment: (lastFour) =>
      `Puedo enviarle la fecha, la hora y la dirección por mensaje de texto al número desde el que llama, que termina en ${spaced(lastFour)}. ¿Se lo envío?`,
    askRequest: (lastFour) =>
      `Puedo enviarle un mensaje de texto para confirmar que recibimos su solicitud, al número desde el que llama, que termina en ${spaced(lastFour)}. ¿Se lo envío?`,
    sent: 'Listo. Le envié el mensaje de texto.',
    declined: 'Muy bien, no se lo envío.',
    notSent: 'Lo siento, ahora no pude enviar el mensaje de texto. No se envió.',
    optedOut: 'Lo siento, este número canceló nuestros mensajes de texto, así que no se envió.',
    cannotTextNumber: 'Lo siento, no puedo enviar un mensaje de texto al número desde el que llama.',
    alreadySent: 'Ya le envié ese mensaje de texto en esta llamada.',
    nothingToText: 'Todavía no hay nada que enviarle. Puedo mandarle los datos por texto después de que escuche una cita o haga una solicitud.',
    defaultSender: 'Su clínica',
    appointment: ({ sender, date, time, address }) =>
      address ? `${sender}: su cita es el ${date} ${atTime(time)}, en ${address}.` : `${sender}: su cita es el ${date} ${atTime(time)}.`,
    requestReceived: (sender) => `${sender}: recibimos su solicitud.`,
    // STOP stays the keyword in every language: it is the one End User Messaging honours on every US
    // number type (https://docs.aws.amazon.com/sms-voice/latest/userguide/opt-out-list-keywords.html).
    optOut: 'Responda STOP para no recibir más mensajes.',
  },
  problems: {
    recordsUnavailable: 'Lo siento, ahora no puedo consultar su expediente médico. Intente más tarde, o diga agente para hablar con una persona.',
    recordsSlow: 'Lo siento, su expediente está tardando demasiado. Intente de nuevo en unos minutos, o diga agente para hablar con una persona.',
    apology: 'Lo siento, algo falló de nuestro lado.',
  },
  emergency: {
    advice: 'Si es una emergencia, cuelgue y marque el 9 1 1 ahora mismo.',
    personInstead: 'Si prefiere hablar con una persona aquí, diga agente.',
    check: {
      'chest-pain': '¿Tiene dolor de pecho ahora mismo? Por favor, diga sí o no.',
      breathing: '¿Le está costando respirar ahora mismo? Por favor, diga sí o no.',
      suicidal: '¿Está pensando en hacerse daño ahora mismo? Por favor, diga sí o no.',
      overdose: '¿Alguien acaba de tomar demasiado de un medicamento o de una droga? Por favor, diga sí o no.',
      stroke: '¿Usted, o alguien que está con usted, tiene señales de un derrame cerebral ahora mismo? Por favor, diga sí o no.',
      'heart-attack': '¿Cree que está teniendo un ataque al corazón ahora mismo? Por favor, diga sí o no.',
      unresponsive: '¿Hay alguien con usted que está inconsciente o que no despierta? Por favor, diga sí o no.',
      'severe-bleeding': '¿Alguien está sangrando mucho ahora mismo? Por favor, diga sí o no.',
      seizure: '¿Alguien está teniendo una convulsión ahora mismo? Por favor, diga sí o no.',
    },
    mentioned: {
      'chest-pain': 'Usted mencionó dolor de pecho.',
      breathing: 'Usted mencionó dificultad para respirar.',
      suicidal: 'Usted mencionó pensamientos de hacerse daño.',
      overdose: 'Usted mencionó una sobredosis.',
      stroke: 'Usted mencionó señales de un derrame cerebral.',
      'heart-attack': 'Usted mencionó un ataque al corazón.',
      unresponsive: 'Usted mencionó a alguien que está inconsciente o que no despierta.',
      'severe-bleeding': 'Usted mencionó un sangrado fuerte.',
      seizure: 'Usted mencionó una convulsión.',
    },
  },
  flow: {
    greeting: 'Gracias por llamar a la clínica. Para proteger su privacidad, necesito confirmar quién es usted.',
    offerLanguage: (choice) => keyed`Para español, oprima ${key(choice)}.`,
    askBirthDate: 'Por favor, diga o marque su fecha de nacimiento. Por ejemplo: 14 de marzo de 1948.',
    recordingInstructions:
      'Después de este mensaje, díganos cómo se siente y qué quiere que sepa su equipo médico. Su mensaje se graba y se envía a su equipo médico. No es para emergencias: si es una emergencia, cuelgue y marque el 9 1 1. Tiene hasta dos minutos. Cuando termine, oprima la tecla numeral.',
    messageSent: 'Gracias. Su mensaje se envió a su equipo médico.',
    messageSaved: 'Gracias. Su mensaje se guardó, y se enviará a su equipo médico en unos minutos.',
    messageNotConfirmed: keyed`Lo siento, no pude confirmar que su mensaje llegó a su equipo médico. Si es urgente, diga agente, u oprima ${key(MENU_KEYS.person)}, para hablar con una persona.`,
    alreadyLeftMessage: 'Ya dejó un mensaje para su equipo médico en esta llamada. Puede dejar un mensaje por llamada.',
    verifyAgainForMessage: 'Para proteger su privacidad, necesito confirmar otra vez quién es usted antes de que deje un mensaje.',
    cannotTakeMessage: 'Lo siento, ahora no puedo tomar un mensaje. Volvamos al menú.',
    somethingWentWrong: 'Lo siento, algo falló de nuestro lado. Le voy a comunicar con alguien que le pueda ayudar.',
    officeClosed: `Nuestra oficina está cerrada en este momento. Por favor, llame durante nuestro horario de oficina. ${IF_EMERGENCY_DIAL_911}`,
    staffBusy: `Lo siento, todo nuestro personal está ocupado y no podemos tomar más llamadas en este momento. ${CALL_BACK_LATER} ${IF_EMERGENCY_DIAL_911}`,
    couldNotConnect: `Lo siento, no pudimos comunicarle con nuestro personal. ${CALL_BACK_LATER} ${IF_EMERGENCY_DIAL_911}`,
    urgentAdvice: 'Si es una emergencia, cuelgue y marque el 9 1 1 ahora mismo. Si no, por favor, no cuelgue: le estoy comunicando con una enfermera.',
    urgentAfterHours: `Nuestras enfermeras no pueden atender su llamada en este momento, así que le voy a transferir a nuestra línea de enfermería fuera de horario. ${IF_EMERGENCY_DIAL_911}`,
    urgentNoNurse:
      'Lo siento, ninguna enfermera puede atender su llamada en este momento. Si es una emergencia, cuelgue y marque el 9 1 1 ahora mismo. Su mensaje se envió a su equipo médico como urgente, y le van a llamar lo antes posible. Adiós.',
  },
};
