import { TASK_ATTRIBUTES, TASK_INBOX_REFERENCE, TASK_KINDS, TASK_URGENCIES, type TaskKind } from '../../contract';
import { TaskContentError } from './errors';
import type { CareTeamTask } from './ports';

/**
 * What a care-team task says, as `StartTaskContact` takes it, without the AWS SDK: both the Connect
 * adapter and the local stand-in send exactly this. Built from the kind, the urgency, the item id and
 * the inbox link only, so no patient name, birth date, MRN, phone number or clinical text can be in
 * it (the tests check it against every sandbox patient).
 */
export interface TaskContent {
  /** `Name`: what the agent sees in the task list. */
  readonly name: string;
  /** `Description`: kind, urgency, item id and where to read it. */
  readonly description: string;
  /** `Attributes`: what the `care-team-task` flow routes on (`$.Attributes.kind`, `$.Attributes.urgency`) and the item id. */
  readonly attributes: Readonly<Record<string, string>>;
  /** `References`: the inbox page, when known. */
  readonly references?: Readonly<Record<string, { readonly Type: 'URL'; readonly Value: string }>>;
  /** `RelatedContactId`: the call the item came from. */
  readonly relatedContactId: string;
  /** `ClientToken`: the item id. */
  readonly clientToken: string;
}

/**
 * Limits of `StartTaskContact` (Amazon Connect API reference and service model): `Name` up to 512
 * characters (older models; newer ones allow 1024), `Description` up to 4096, `ClientToken` up to
 * 500, `RelatedContactId` 1 to 256, the references together up to 4096 UTF-8 bytes.
 */
export const TASK_LIMITS = { name: 512, description: 4096, clientToken: 500, contactId: 256, referencesBytes: 4096 } as const;

/** What an item id may look like: a note id's syntax, so it can carry nothing but an id. */
const ITEM_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** What the agent calls each kind of work. */
const KIND_WORDS: Readonly<Record<TaskKind, string>> = {
  [TASK_KINDS.message]: 'phone message',
  [TASK_KINDS.refill]: 'refill request',
  [TASK_KINDS.urgent]: 'urgent message',
};

/**
 * The content of a task: fixed words, the kind, the urgency, the item id and the link.
 *
 * @throws TaskContentError for an item id or contact id of the wrong shape, a link that is not http(s),
 * or content over Connect's limits
 * @example
 * taskContent({ kind: 'message', urgency: 'urgent', itemId: noteId, relatedContactId: contactId, inboxUrl });
 * // { name: 'URGENT: phone message', attributes: { kind: 'message', urgency: 'urgent', itemId: noteId }, … }
 */
export function taskContent(task: CareTeamTask): TaskContent {
  if (!ITEM_ID.test(task.itemId)) throw new TaskContentError('A task item id must match [A-Za-z0-9._-]{1,64}');
  if (task.relatedContactId.length < 1 || task.relatedContactId.length > TASK_LIMITS.contactId) throw new TaskContentError(`Task ${task.itemId}: the related contact id must be 1 to 256 characters`);
  if (!Object.values(TASK_KINDS).includes(task.kind) || !Object.values(TASK_URGENCIES).includes(task.urgency)) {
    throw new TaskContentError(`Task ${task.itemId}: unknown kind or urgency`);
  }
  if (task.inboxUrl !== undefined && !/^https?:\/\//.test(task.inboxUrl)) throw new TaskContentError(`Task ${task.itemId}: the inbox link must be an http(s) URL`);
  const urgent = task.urgency === TASK_URGENCIES.urgent;
  const what = KIND_WORDS[task.kind];
  const name = urgent ? `URGENT: ${what}` : `${what.charAt(0).toUpperCase()}${what.slice(1)}`;
  const description = [
    `${urgent ? 'Urgent' : 'Routine'} ${what} for the care team.`,
    task.inboxUrl === undefined
      ? 'Open it in the care-team inbox (sign-in required).'
      : `Open it in the care-team inbox from the "${TASK_INBOX_REFERENCE}" link (sign-in required).`,
    `Kind: ${task.kind}. Urgency: ${task.urgency}. Item id: ${task.itemId}.`,
  ].join(' ');
  const references = task.inboxUrl === undefined ? undefined : { [TASK_INBOX_REFERENCE]: { Type: 'URL' as const, Value: task.inboxUrl } };
  if (references !== undefined && Buffer.byteLength(JSON.stringify(references), 'utf8') > TASK_LIMITS.referencesBytes) {
    throw new TaskContentError(`Task ${task.itemId}: the inbox link is longer than Connect's references allow`);
  }
  if (name.length > TASK_LIMITS.name || description.length > TASK_LIMITS.description) throw new TaskContentError(`Task ${task.itemId}: name or description too long`);
  return {
    name,
    description,
    attributes: { [TASK_ATTRIBUTES.kind]: task.kind, [TASK_ATTRIBUTES.urgency]: task.urgency, [TASK_ATTRIBUTES.itemId]: task.itemId },
    ...(references ? { references } : {}),
    relatedContactId: task.relatedContactId,
    clientToken: task.itemId,
  };
}
