/**
 * The `${Placeholders}` of the contact flow templates, each filled with an ARN at deploy or import
 * time: what the flow, the CDK stack, the import script and the simulator must name alike. Queues
 * the nurse and scheduling work will route to join this list with that work.
 */
export const FLOW_PLACEHOLDERS = {
  /** Alias of the PatientAuth Lex V2 bot. */
  patientAuthBot: 'PatientAuthBotAliasArn',
  /** Alias of the PatientServices Lex V2 bot. */
  patientServicesBot: 'PatientServicesBotAliasArn',
  /** The queue callers are transferred to (its hours decide open or closed). */
  transferQueue: 'TransferQueueArn',
  /** The queue callers who want to cancel or reschedule an appointment are transferred to. */
  schedulingQueue: 'SchedulingQueueArn',
  /** The recording-control function the flow invokes to start and stop a message. */
  recordingControlFunction: 'SymptomCaptureFunctionArn',
  /** The queue of the care team's routine work items (tasks of the `care-team-task` flow). */
  careTeamQueue: 'CareTeamQueueArn',
  /** The queue of the care team's urgent work items (tasks of the `care-team-task` flow). */
  urgentQueue: 'UrgentQueueArn',
} as const;

/** One of {@link FLOW_PLACEHOLDERS}. */
export type FlowPlaceholder = (typeof FLOW_PLACEHOLDERS)[keyof typeof FLOW_PLACEHOLDERS];
