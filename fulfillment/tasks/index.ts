/**
 * Care-team work items as Amazon Connect tasks: what a task says (no patient data), the `TaskCreator`
 * port with its Connect adapter (`StartTaskContact`, the only place the Connect SDK is used for it)
 * and its local stand-in. Generic over the kind of work (`contract/tasks.ts`): the symptom pipeline
 * creates one per message (`filing/noteTask.ts`); refill requests and urgent messages will call the same.
 */
export { TASK_LIMITS, taskContent, type TaskContent } from './content';
export { ConnectTaskCreator, parseTaskFlowArn, type ConnectTaskCreatorOptions, type TaskFlowRef } from './connect';
export * from './errors';
export { MemoryTaskCreator, type MemoryTaskCreatorOptions, type RecordedTask } from './memory';
export type { CareTeamTask, CreatedTask, TaskCreator } from './ports';
