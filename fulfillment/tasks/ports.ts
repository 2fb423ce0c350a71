import type { TaskKind, TaskUrgency } from '../../contract';

/**
 * A piece of care-team work to put in front of the care team in Amazon Connect's agent workspace: what
 * kind, how urgent, which inbox item, which call it came from and where to read it. No patient data:
 * whose message it is, and what it says, are read in the inbox after sign-in.
 */
export interface CareTeamTask {
  /** What waits (`contract/tasks.ts`); the flow routes on it. */
  readonly kind: TaskKind;
  /** How fast; the flow routes on it. */
  readonly urgency: TaskUrgency;
  /** The inbox item's id (a note id): the task's `ClientToken`, so a retry never makes a second task. */
  readonly itemId: string;
  /** Contact id of the call the item came from (`RelatedContactId`): the task is linked to the call. */
  readonly relatedContactId: string;
  /** The item's page in the care-team inbox (a `URL` reference). @default none: the task says to open the inbox */
  readonly inboxUrl?: string;
}

/** What Connect answered: the task's own contact id. */
export interface CreatedTask {
  readonly contactId: string;
}

/**
 * Port: creates the care-team task of an item. Idempotent by `itemId`: asking again for the same item
 * answers the same task (Connect's `ClientToken`), so a retry after a lost answer makes no second one.
 */
export interface TaskCreator {
  /** @throws TaskError (TaskThrottledError when Connect refused for load) */
  create(task: CareTeamTask): Promise<CreatedTask>;
}
