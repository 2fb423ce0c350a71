import { randomUUID } from 'node:crypto';
import { taskContent, type TaskContent } from './content';
import type { CareTeamTask, CreatedTask, TaskCreator } from './ports';

/** A task the local stand-in made: what `StartTaskContact` would have been sent, and the contact id it got. */
export interface RecordedTask extends TaskContent {
  readonly contactId: string;
}

/** Options of {@link MemoryTaskCreator}. */
export interface MemoryTaskCreatorOptions {
  /** Contact ids of new tasks. @default crypto.randomUUID */
  readonly newContactId?: () => string;
}

/**
 * Local-mode adapter: records each task Connect would have been asked for (the same content as the
 * Connect adapter sends), in order, and answers a repeated item id with the task already made, as
 * Connect does with a repeated `ClientToken`. `npm start` runs the `care-team-task` flow for each.
 *
 * @example
 * const tasks = new MemoryTaskCreator();
 * await tasks.create({ kind: 'message', urgency: 'routine', itemId, relatedContactId });
 * tasks.tasks[0]?.contactId;
 */
export class MemoryTaskCreator implements TaskCreator {
  /** Every task made, in order (one per item id). */
  public readonly tasks: RecordedTask[] = [];
  readonly #newContactId: () => string;

  public constructor(options: MemoryTaskCreatorOptions = {}) {
    this.#newContactId = options.newContactId ?? randomUUID;
  }

  public async create(task: CareTeamTask): Promise<CreatedTask> {
    const content = taskContent(task);
    const existing = this.tasks.find((recorded) => recorded.clientToken === content.clientToken);
    if (existing) return { contactId: existing.contactId };
    const recorded: RecordedTask = { ...structuredClone(content), contactId: this.#newContactId() };
    this.tasks.push(recorded);
    return { contactId: recorded.contactId };
  }
}
