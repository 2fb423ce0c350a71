/**
 * Seeded mutations of Lex V2 events for the fuzz test: a tiny PRNG (mulberry32) and mutation
 * operators that break events the ways a bug upstream, a new Lex field or an attacker could.
 * Deterministic: the same seed gives the same events, so a failure can be replayed.
 */

/** mulberry32: a 32-bit seeded PRNG, uniform in [0, 1). */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Random choices on top of a PRNG. */
export class Dice {
  readonly #next: () => number;

  public constructor(seed: number) {
    this.#next = mulberry32(seed);
  }

  /** An integer in [0, n). */
  public int(n: number): number {
    return Math.floor(this.#next() * n);
  }

  public chance(probability: number): boolean {
    return this.#next() < probability;
  }

  public pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick from an empty list');
    return items[this.int(items.length)] as T;
  }

  /** A string of `length` characters from `alphabet`. */
  public text(length: number, alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_'): string {
    let result = '';
    for (let index = 0; index < length; index += 1) result += alphabet[this.int(alphabet.length)];
    return result;
  }
}

/** Values a mutation can plant; `tokens` are real ones (other sessions, other purposes) to misuse. */
export interface FuzzMaterial {
  readonly tokens: readonly string[];
}

type Json = Record<string, unknown>;
type Path = readonly (string | number)[];

/** A mutation: changes `event` in place and returns a short label for failure messages. */
export type Mutation = (event: Json, dice: Dice, material: FuzzMaterial) => string;

const WRONG_TYPES: readonly unknown[] = [42, -1, 0, 3.5, true, false, null, [], {}, [1, 'a'], '', '0', { value: {} }];
const UNICODE: readonly string[] = [
  '👩‍⚕️💊 chest 💔',
  'مرحبا أريد أدويتي',
  'e\u0301le\u0301anor',
  'nul\u0000byte',
  'lone \ud800 surrogate',
  '\u202eeman ym\u202c',
  'ｆｅｍａｌｅ',
  '<speak>&amp; & <break/></speak>',
  '"; DROP TABLE patients; --',
  '{{validToken:eleanor}}',
  '\n\t\r  ',
  '１９４８年３月１４日',
];

/** Every path to a value in `value`, depth-first, bounded in depth. */
export function pathsOf(value: unknown, prefix: Path = [], depth = 0): Path[] {
  if (depth > 8 || value === null || typeof value !== 'object') return [];
  const entries: [string | number, unknown][] = Array.isArray(value) ? value.map((item, index) => [index, item]) : Object.entries(value);
  return entries.flatMap(([key, inner]) => [[...prefix, key], ...pathsOf(inner, [...prefix, key], depth + 1)]);
}

function parentOf(root: Json, path: Path): Record<string | number, unknown> | undefined {
  let node: unknown = root;
  for (const key of path.slice(0, -1)) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, unknown>)[key];
  }
  return node !== null && typeof node === 'object' ? (node as Record<string | number, unknown>) : undefined;
}

function set(root: Json, path: Path, value: unknown): void {
  const parent = parentOf(root, path);
  const key = path[path.length - 1];
  if (parent && key !== undefined) parent[key] = value;
}

function randomPath(event: Json, dice: Dice, filter: (value: unknown) => boolean = () => true): Path | undefined {
  const candidates = pathsOf(event).filter((path) => {
    const parent = parentOf(event, path);
    const key = path[path.length - 1];
    return parent !== undefined && key !== undefined && filter(parent[key]);
  });
  return candidates.length ? dice.pick(candidates) : undefined;
}

function sessionState(event: Json): Json {
  if (event.sessionState === null || typeof event.sessionState !== 'object' || Array.isArray(event.sessionState)) event.sessionState = {};
  return event.sessionState as Json;
}

function attributes(event: Json): Json {
  const state = sessionState(event);
  if (state.sessionAttributes === null || typeof state.sessionAttributes !== 'object' || Array.isArray(state.sessionAttributes)) state.sessionAttributes = {};
  return state.sessionAttributes as Json;
}

function garbageToken(dice: Dice, material: FuzzMaterial): string {
  const real = material.tokens.length ? dice.pick(material.tokens) : 'x';
  return dice.pick([
    () => [dice.text(20), '', dice.text(16), dice.text(40), dice.text(22)].join('.'),
    () => 'a.b.c.d.e',
    () => real,
    () => `${real.slice(0, -4)}AAAA`,
    () => real.split('.').reverse().join('.'),
    () => `${real}.${real}`,
    () => dice.text(70_000),
    () => 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJwYXQtZWxlYW5vci13aGl0ZmllbGQifQ.',
  ])();
}

/** The mutation operators, by name. */
export const MUTATIONS: Readonly<Record<string, Mutation>> = {
  dropField: (event, dice) => {
    const path = randomPath(event, dice);
    const parent = path ? parentOf(event, path) : undefined;
    const key = path?.[path.length - 1];
    if (parent && key !== undefined) delete parent[key];
    return `drop ${path?.join('.')}`;
  },
  wrongType: (event, dice) => {
    const path = randomPath(event, dice);
    if (path) set(event, path, dice.pick(WRONG_TYPES));
    return `wrong type at ${path?.join('.')}`;
  },
  hugeString: (event, dice) => {
    const path = dice.chance(0.5) ? ['inputTranscript'] : randomPath(event, dice, (value) => typeof value === 'string');
    if (path) set(event, path, dice.pick(['x', 'more ', 'chest pain ', '9']).repeat(1000 + dice.int(30_000)));
    return `huge string at ${path?.join('.')}`;
  },
  unicode: (event, dice) => {
    const path = randomPath(event, dice, (value) => typeof value === 'string');
    if (path) set(event, path, dice.pick(UNICODE));
    return `unicode at ${path?.join('.')}`;
  },
  nullSlots: (event, dice) => {
    const intent = sessionState(event).intent as Json | undefined;
    if (intent && typeof intent === 'object') {
      if (dice.chance(0.3)) intent.slots = null;
      else if (intent.slots && typeof intent.slots === 'object') for (const name of Object.keys(intent.slots)) (intent.slots as Json)[name] = null;
      else intent.slots = { BirthDate: null, Gender: null };
    }
    return 'null slots';
  },
  unknownNames: (event, dice) => {
    const name = dice.pick(['', ' ', 'PatientAuth ', 'patientservices', 'AMAZON.FallbackIntent', dice.text(8), dice.text(300), '__proto__', 'constructor', 'toString', 'hasOwnProperty']);
    if (dice.chance(0.5)) {
      if (event.bot && typeof event.bot === 'object') (event.bot as Json).name = name;
    } else {
      const intent = sessionState(event).intent;
      if (intent && typeof intent === 'object') (intent as Json).name = name;
    }
    return `name ${JSON.stringify(name.slice(0, 20))}`;
  },
  randomAttributes: (event, dice, material) => {
    const attrs = attributes(event);
    const keys = ['sessionToken', 'medicationPager', 'medicationPage', 'authAttempts', 'fallbackCount', 'callerNumber', 'authResult', 'ivrNext', dice.text(6)];
    for (let count = 1 + dice.int(4); count > 0; count -= 1) {
      const key = dice.pick(keys);
      attrs[key] = key === 'sessionToken' || key === 'medicationPager' ? garbageToken(dice, material) : dice.pick(['-5', 'NaN', '1e9', '2.5', '', 'anonymous', '+1', '999', dice.text(12)]);
    }
    return 'random session attributes';
  },
  wrongInvocationSource: (event, dice) => {
    event.invocationSource = dice.pick(['Fulfillment', '', 'dialogcodehook', 7, null, ['DialogCodeHook']]);
    return 'invocationSource';
  },
  arrayForObject: (event, dice) => {
    const path = randomPath(event, dice, (value) => value !== null && typeof value === 'object' && !Array.isArray(value));
    if (path) set(event, path, dice.chance(0.5) ? [] : [{ name: 'x' }]);
    return `array at ${path?.join('.')}`;
  },
  swapBot: (event) => {
    if (event.bot && typeof event.bot === 'object') {
      const bot = event.bot as Json;
      bot.name = bot.name === 'PatientAuth' ? 'PatientServices' : 'PatientAuth';
    }
    return 'swap bot';
  },
  manyAttributes: (event, dice) => {
    const attrs = attributes(event);
    for (let index = 0; index < 300; index += 1) attrs[`k${index}_${dice.text(4)}`] = dice.text(20);
    return 'many attributes';
  },
  foreignSession: (event, dice) => {
    event.sessionId = dice.pick([`${String(event.sessionId)}x`, dice.text(36), '', dice.text(300)]);
    return 'sessionId';
  },
  oddSlotShapes: (event, dice) => {
    const intent = sessionState(event).intent as Json | undefined;
    if (intent && typeof intent === 'object') {
      intent.slots = {
        BirthDate: dice.pick([{ shape: 'List', values: [] }, { value: 'March' }, { value: { interpretedValue: 19480314 } }, { shape: 'Scalar', value: { originalValue: '99999999' } }]),
        Gender: dice.pick([{ value: { interpretedValue: ['female'] } }, { shape: 'Scalar', value: { originalValue: '7' } }, 'female']),
      };
    }
    return 'odd slot shapes';
  },
  /** Another locale for the same event: English events spoken in Spanish, and locales no catalog has. */
  locale: (event, dice) => {
    const localeId = dice.pick(['es_US', 'es_US', 'en_US', 'es_MX', 'fr_CA', '', 'ES_US', 'es-US', 7, null]);
    if (event.bot && typeof event.bot === 'object') (event.bot as Json).localeId = localeId;
    return `locale ${JSON.stringify(localeId)}`;
  },
  contentTypes: (event, dice) => {
    event.requestAttributes = dice.pick([null, {}, { 'x-amz-lex:accept-content-types': 'SSML' }, { 'x-amz-lex:accept-content-types': 5 }, 'PlainText']);
    event.inputMode = dice.pick(['Text', 'Speech', 'DTMF', 'Video', 3]);
    return 'content types';
  },
};

/** Applies 1–3 random mutations to a deep copy of `event`; returns the copy and what was done. */
export function mutate(event: Json, dice: Dice, material: FuzzMaterial): { event: Json; labels: string[] } {
  const copy = structuredClone(event);
  const names = Object.keys(MUTATIONS);
  const labels: string[] = [];
  for (let count = 1 + dice.int(3); count > 0; count -= 1) {
    const name = dice.pick(names);
    labels.push((MUTATIONS[name] as Mutation)(copy, dice, material));
  }
  return { event: copy, labels };
}
