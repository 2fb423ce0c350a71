import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import { NOTE_IDENTIFIER_SYSTEM } from './documentReference';
import { NotificationError } from './errors';

/**
 * What the care team is told about a new note: ids and the urgency flag, nothing else. No name, no
 * patient id, no symptom, no transcript: SNS fans out to e-mail and SMS, which are not places for PHI.
 */
export interface NoteNotification {
  readonly noteId: string;
  readonly urgent: boolean;
  /**
   * Epic's id of the filed DocumentReference. Absent when an urgent note is stored but not yet in the
   * chart (its write-back keeps failing): the care team hears about it anyway.
   */
  readonly documentReferenceId?: string;
  /** Name of the note type the note is filed as, where the care team finds it in Epic. @default 'Note' */
  readonly noteType?: string;
}

/** Port: tells the care team a symptom note is waiting. */
export interface Notifier {
  notify(notification: NoteNotification): Promise<void>;
}

/** The JSON body published for a note (also what {@link MemoryNotifier} records). */
export interface NotificationMessage {
  readonly type: 'symptom-note';
  readonly noteId: string;
  readonly urgent: boolean;
  /** False when the note is stored but not yet filed in Epic (then `readAt` is absent). */
  readonly inChart: boolean;
  /** Where to read the note, without saying whose it is. */
  readonly readAt?: {
    readonly system: 'Epic';
    readonly resourceType: 'DocumentReference';
    readonly id: string;
    readonly identifier: string;
  };
  readonly text: string;
}

/** The message for a notification: the same for SNS and for tests. */
export function notificationMessage(notification: NoteNotification): NotificationMessage {
  if (notification.documentReferenceId === undefined) {
    return {
      type: 'symptom-note',
      noteId: notification.noteId,
      urgent: notification.urgent,
      inChart: false,
      text: `${notification.urgent ? 'URGENT: a symptom message with a red flag' : 'A symptom message'} is stored but not yet in the chart: filing it in Epic failed and is being retried. Look it up by its note id now.`,
    };
  }
  return {
    type: 'symptom-note',
    noteId: notification.noteId,
    urgent: notification.urgent,
    inChart: true,
    readAt: {
      system: 'Epic',
      resourceType: 'DocumentReference',
      id: notification.documentReferenceId,
      identifier: `${NOTE_IDENTIFIER_SYSTEM}|${notification.noteId}`,
    },
    text: notification.urgent
      ? `URGENT: a symptom message with a red flag was filed in Epic (Documents, "${notification.noteType ?? 'Note'}", preliminary). Review it now.`
      : `A symptom message was filed in Epic (Documents, "${notification.noteType ?? 'Note'}", preliminary).`,
  };
}

/** Options of {@link SnsNotifier}. */
export interface SnsNotifierOptions {
  readonly client: SNSClient;
  readonly topicArn: string;
}

/**
 * Amazon SNS adapter: one `Publish` per note, JSON body ({@link NotificationMessage}), and an `urgent`
 * message attribute so a subscription filter policy can page for urgent notes only.
 *
 * @example
 * const notifier = new SnsNotifier({ client: new SNSClient({}), topicArn: config.symptoms.notifyTopicArn });
 */
export class SnsNotifier implements Notifier {
  readonly #client: SNSClient;
  readonly #topicArn: string;

  public constructor(options: SnsNotifierOptions) {
    // Standard topics only: a FIFO topic would need a MessageGroupId on every publish.
    if (!/^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}$/.test(options.topicArn)) {
      throw new TypeError('SnsNotifier needs a standard SNS topic ARN');
    }
    this.#client = options.client;
    this.#topicArn = options.topicArn;
  }

  public async notify(notification: NoteNotification): Promise<void> {
    const message = notificationMessage(notification);
    try {
      await this.#client.send(
        new PublishCommand({
          TopicArn: this.#topicArn,
          // SNS e-mail subjects are limited to 100 ASCII characters; these are fixed and short.
          Subject: `${notification.urgent ? 'URGENT symptom message' : 'New symptom message'}${notification.documentReferenceId === undefined ? ' (not yet in chart)' : ''}`,
          Message: JSON.stringify(message),
          MessageAttributes: { urgent: { DataType: 'String', StringValue: String(notification.urgent) } },
        }),
      );
    } catch (error) {
      const name = error instanceof Error ? error.name : 'UnknownError';
      throw new NotificationError(`SNS publish for note ${notification.noteId} failed (${name})`, { cause: error });
    }
  }
}

/** Local-mode adapter: keeps the messages in memory, in order. */
export class MemoryNotifier implements Notifier {
  public readonly messages: NotificationMessage[] = [];

  public async notify(notification: NoteNotification): Promise<void> {
    this.messages.push(notificationMessage(notification));
  }
}
