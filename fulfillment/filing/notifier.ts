import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import { NOTE_IDENTIFIER_SYSTEM } from './documentReference';
import { NotificationError } from './errors';

/**
 * What the care team is told about a new note: ids, the urgency flag and the link to the note's page
 * in the care-team inbox, nothing else. No name, no patient id, no symptom, no transcript: SNS fans
 * out to e-mail and SMS, which are not places for PHI; the inbox shows the rest after sign-in.
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
  /** Set for a refill request; absent for a symptom message. */
  readonly kind?: 'refill';
  /**
   * `live`: the page sent at `#` while the caller is still on the line (the live triage found a red
   * flag; the caller is being transferred to the nurse line); the note follows. @default the filed note's notification
   */
  readonly stage?: 'live';
}

/** Port: tells the care team a symptom note is waiting. */
export interface Notifier {
  notify(notification: NoteNotification): Promise<void>;
}

/** The JSON body published for a note (also what {@link MemoryNotifier} records). */
export interface NotificationMessage {
  readonly type: 'symptom-note';
  /** Set for a refill request (the note store's kind); absent for a symptom message. */
  readonly kind?: 'refill';
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
  /** The note's page in the care-team inbox (sign-in required); absent when no inbox is configured. */
  readonly inboxUrl?: string;
  readonly text: string;
}

/** Where the notifications point to. */
export interface NotificationOptions {
  /**
   * Public origin of the care-team inbox, no trailing slash (config `INBOX_BASE_URL`): the message
   * links to `<inboxBaseUrl>/messages/<noteId>`. @default no link: the text says to open the inbox
   */
  readonly inboxBaseUrl?: string;
}

/** The page of note `noteId` in the inbox at `inboxBaseUrl` (the id is URL-encoded, though note ids are UUIDs). */
export function inboxMessageUrl(inboxBaseUrl: string, noteId: string): string {
  return `${inboxBaseUrl.replace(/\/+$/, '')}/messages/${encodeURIComponent(noteId)}`;
}

/** What happened to the note, in one or two sentences: the same in the JSON text and the e-mail. */
function headline(notification: NoteNotification): string {
  const noteType = notification.noteType ?? 'Note';
  if (notification.kind === 'refill') {
    return notification.documentReferenceId === undefined
      ? 'A refill request is stored but not yet in the chart: filing it in Epic failed and is being retried.'
      : `A refill request was filed in Epic (Documents, "${noteType}", preliminary).`;
  }
  if (notification.stage === 'live') {
    return 'URGENT: a caller just left a message with a red flag and is being transferred to the nurse line now. The message is being transcribed and filed.';
  }
  if (notification.documentReferenceId === undefined) {
    return `${notification.urgent ? 'URGENT: a symptom message with a red flag' : 'A symptom message'} is stored but not yet in the chart: filing it in Epic failed and is being retried.`;
  }
  return notification.urgent
    ? `URGENT: a symptom message with a red flag was filed in Epic (Documents, "${noteType}", preliminary). Review it now.`
    : `A symptom message was filed in Epic (Documents, "${noteType}", preliminary).`;
}

/** The note's inbox page, when an inbox is configured. */
function inboxUrlOf(notification: NoteNotification, options: NotificationOptions): string | undefined {
  return options.inboxBaseUrl === undefined ? undefined : inboxMessageUrl(options.inboxBaseUrl, notification.noteId);
}

/** The message for a notification: the same for SNS and for tests. */
export function notificationMessage(notification: NoteNotification, options: NotificationOptions = {}): NotificationMessage {
  const inboxUrl = inboxUrlOf(notification, options);
  const text = `${headline(notification)} ${inboxUrl === undefined ? 'Open the care-team inbox to read it.' : `Open it in the care-team inbox: ${inboxUrl}`}`;
  const common = { type: 'symptom-note', ...(notification.kind ? { kind: notification.kind } : {}), noteId: notification.noteId, urgent: notification.urgent } as const;
  const link = inboxUrl === undefined ? {} : { inboxUrl };
  if (notification.documentReferenceId === undefined) return { ...common, inChart: false, ...link, text };
  return {
    ...common,
    inChart: true,
    readAt: {
      system: 'Epic',
      resourceType: 'DocumentReference',
      id: notification.documentReferenceId,
      identifier: `${NOTE_IDENTIFIER_SYSTEM}|${notification.noteId}`,
    },
    ...link,
    text,
  };
}

/**
 * The plain-text e-mail SNS sends an `email` subscription (e.g. a shared mailbox): what happened,
 * the inbox link on a line of its own (mail clients make it clickable) and the ids; no patient data.
 */
export function notificationEmail(notification: NoteNotification, options: NotificationOptions = {}): string {
  const inboxUrl = inboxUrlOf(notification, options);
  const lines = [
    headline(notification),
    '',
    ...(inboxUrl === undefined ? ['Open the care-team inbox to read it.'] : ['Open the message in the care-team inbox (sign-in required):', inboxUrl]),
    '',
    `Note id: ${notification.noteId}`,
    ...(notification.documentReferenceId === undefined ? [] : [`Epic DocumentReference: ${notification.documentReferenceId}`]),
    '',
    'This e-mail holds no patient data: the inbox shows who called and what they said.',
  ];
  return `${lines.join('\n')}\n`;
}

/** Options of {@link SnsNotifier}. */
export interface SnsNotifierOptions extends NotificationOptions {
  readonly client: SNSClient;
  readonly topicArn: string;
}

/**
 * Amazon SNS adapter: one `Publish` per note with a message per protocol (`MessageStructure: json`):
 * the JSON body ({@link NotificationMessage}) by default, for queues, functions and `email-json`,
 * and a readable text with the inbox link for `email` subscriptions ({@link notificationEmail});
 * plus an `urgent` message attribute so a subscription filter policy can page for urgent notes only.
 *
 * @example
 * const notifier = new SnsNotifier({ client: new SNSClient({}), topicArn: config.symptoms.notifyTopicArn, inboxBaseUrl: config.symptoms.inboxBaseUrl });
 */
export class SnsNotifier implements Notifier {
  readonly #client: SNSClient;
  readonly #topicArn: string;
  readonly #options: NotificationOptions;

  public constructor(options: SnsNotifierOptions) {
    // Standard topics only: a FIFO topic would need a MessageGroupId on every publish.
    if (!/^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}$/.test(options.topicArn)) {
      throw new TypeError('SnsNotifier needs a standard SNS topic ARN');
    }
    this.#client = options.client;
    this.#topicArn = options.topicArn;
    this.#options = options.inboxBaseUrl === undefined ? {} : { inboxBaseUrl: options.inboxBaseUrl };
  }

  public async notify(notification: NoteNotification): Promise<void> {
    const message = notificationMessage(notification, this.#options);
    try {
      await this.#client.send(
        new PublishCommand({
          TopicArn: this.#topicArn,
          // SNS e-mail subjects are limited to 100 ASCII characters; these are fixed and short.
          Subject: `${notification.kind === 'refill' ? 'New refill request' : notification.urgent ? 'URGENT symptom message' : 'New symptom message'}${notification.documentReferenceId === undefined ? ' (not yet in chart)' : ''}`,
          // SNS sends each protocol its key's string, and every other protocol `default`.
          MessageStructure: 'json',
          Message: JSON.stringify({ default: JSON.stringify(message), email: notificationEmail(notification, this.#options) }),
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
  readonly #options: NotificationOptions;

  /** @param options where the messages link to, e.g. the local inbox */
  public constructor(options: NotificationOptions = {}) {
    this.#options = options;
  }

  public async notify(notification: NoteNotification): Promise<void> {
    this.messages.push(notificationMessage(notification, this.#options));
  }
}
