/**
 * What a care-team work item in Amazon Connect (a task, `StartTaskContact`) carries and what the
 * `care-team-task` flow routes on: the contact attribute names, their values, and the name of the
 * link to the inbox. The fulfillment code sets them, the flow reads them (`$.Attributes.<name>`),
 * the simulator and the tests check both against this one list. Nothing here is patient data: a
 * task says what kind of work waits, how urgent it is and which inbox item it is, never whose.
 */

/** Contact attributes of a care-team task (all strings, as Connect's attribute map holds them). */
export const TASK_ATTRIBUTES = {
  /** What waits: one of {@link TASK_KINDS}. */
  kind: 'kind',
  /** How fast: one of {@link TASK_URGENCIES}. */
  urgency: 'urgency',
  /** Id of the item in the care-team inbox (a symptom message's note id); also the task's `ClientToken`. */
  itemId: 'itemId',
} as const;

/**
 * Kinds of care-team work. `message`: a symptom message a caller left (built now); `refill`: a
 * refill request, `urgent`: an urgent message (the later issues add them and only call the task
 * creation). The flow routes every kind; `urgent` goes to the urgent queue whatever its urgency.
 */
export const TASK_KINDS = {
  message: 'message',
  refill: 'refill',
  urgent: 'urgent',
} as const;

/** One of {@link TASK_KINDS}. */
export type TaskKind = (typeof TASK_KINDS)[keyof typeof TASK_KINDS];

/** Urgencies of care-team work: `urgent` goes to the urgent queue, whatever the kind. */
export const TASK_URGENCIES = {
  routine: 'routine',
  urgent: 'urgent',
} as const;

/** One of {@link TASK_URGENCIES}. */
export type TaskUrgency = (typeof TASK_URGENCIES)[keyof typeof TASK_URGENCIES];

/** Key of the task's `References` entry that links to the item's page in the care-team inbox (type `URL`). */
export const TASK_INBOX_REFERENCE = 'inbox';
