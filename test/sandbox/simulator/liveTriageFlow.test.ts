/**
 * The deployed patient-ivr flow, run by the flow interpreter, on each branch of the live triage at
 * `#`: the real recording-control handler with the real live triage (memory stores, a fake clock),
 * the live transcriber stand-in, and two scripted bots standing in for PatientAuth and PatientServices.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { FLOWS, renderContactFlow } from '../../../contact-flows/render';
import { IVR_NEXT, LOCALE_ID, SESSION_ATTRIBUTES, URGENT_MESSAGE_ATTRIBUTE } from '../../../contract';
import { MemoryNotifier } from '../../../fulfillment/filing';
import { createCaptureHandler, MemoryCaptureJobStore, MemoryCaptureQueue } from '../../../fulfillment/recording';
import { SessionTokenService } from '../../../fulfillment/session';
import { MemoryTaskCreator } from '../../../fulfillment/tasks';
import { MemoryLiveTranscriptStore } from '../../../fulfillment/transcription/live';
import { LiveMessageTriage } from '../../../fulfillment/triage';
import { CATALOGS, plainText } from '../../../prompts';
import { LocalLiveTranscriber } from '../../../sandbox/liveTranscriber';
import { localMediaStreaming, runFlow, type CallPrinter, type Clinic, type LexConversation, type LocalLambda, type LocalLexBot } from '../../../sandbox/simulator/connect';
import { FakeClock } from '../../support/fakeClock';

const QUEUE = 'arn:aws:connect:local:000000000000:instance/simulated-instance/queue/';
const ARNS = {
  PatientAuthBotAliasArn: 'arn:aws:lex:local:000000000000:bot-alias/auth/live',
  PatientServicesBotAliasArn: 'arn:aws:lex:local:000000000000:bot-alias/services/live',
  TransferQueueArn: `${QUEUE}front-desk`,
  SymptomCaptureFunctionArn: 'arn:aws:lambda:local:000000000000:function:recording-control',
  UrgentQueueArn: `${QUEUE}nurses`,
  SchedulingQueueArn: `${QUEUE}scheduling`,
} as const;
const AFTER_HOURS = '+16085550199';
const WORDS = CATALOGS[LOCALE_ID];
const say = (entry: Exclude<keyof typeof WORDS.flow, 'offerLanguage'>): string => plainText(WORDS.flow[entry]);

/** A bot that closes on every line with the session attributes `attributes(line, turn)` gives. */
function scriptedBot(name: string, attributes: (line: string, turn: number) => Record<string, string>): LocalLexBot {
  return {
    name,
    open: (): LexConversation => {
      let turn = 0;
      const conversation: LexConversation = {
        attributes: {},
        say: async (input) => {
          turn += 1;
          conversation.attributes = { ...conversation.attributes, ...attributes(input.transcript, turn) };
          return { spoken: [], decisions: ['Close'], closed: 'Fulfilled', intent: 'Scripted' };
        },
      };
      return conversation;
    },
  };
}

interface CallOptions {
  readonly message: string;
  readonly clinic?: Partial<Clinic>;
  readonly afterHoursNurseNumber?: string;
  /** The transcriber: starts and flushes (`ok`), is throttled, or never flushes (a decision later than 2 s). @default 'ok' */
  readonly transcriber?: 'ok' | 'throttled' | 'neverEnds';
  /** The recording-control function fails at the stop. */
  readonly stopThrows?: boolean;
}

/** One call: verify, ask to leave a message, say `message` and press #, then goodbye if back at the menu. */
async function call(options: CallOptions) {
  const clock = new FakeClock();
  const key = randomBytes(32);
  const contactId = randomUUID();
  const jobs = new MemoryCaptureJobStore();
  const transcripts = new MemoryLiveTranscriptStore();
  const notifier = new MemoryNotifier();
  const tasks = new MemoryTaskCreator();
  const live = new LocalLiveTranscriber({ store: transcripts, clock, ...(options.transcriber === 'throttled' ? { startOutcome: 'throttled' as const } : {}) });
  const sessions = new SessionTokenService({ key, clock });
  const token = await sessions.issue({ patientId: 'pat-1' }, { sessionId: contactId });
  const handler = createCaptureHandler(async () => ({
    sessions,
    store: jobs,
    queue: new MemoryCaptureQueue(),
    clock,
    connectInstanceArn: undefined,
    connectStreams: undefined,
    triage: new LiveMessageTriage({ transcripts, jobs, notifier, tasks, clock }),
  }));
  const capture: LocalLambda = async (event) => {
    if (options.stopThrows && event.Details.Parameters['action'] === 'stop') throw new Error('recording-control crashed');
    return handler(event);
  };
  const media = localMediaStreaming(() => clock.now());
  const heard: string[] = [];
  const print: CallPrinter = { ivr: (text) => heard.push(text), caller: () => undefined, trace: () => undefined };
  const lines = ['my birth date', 'leave a message', `${options.message} #`, 'goodbye'];
  let line = 0;
  const outcome = await runFlow({
    flow: renderContactFlow(FLOWS.patientIvr, ARNS, options.afterHoursNurseNumber ? { afterHoursNurseNumber: options.afterHoursNurseNumber } : {}),
    contact: { contactId, customerNumber: '+16085550142' },
    lines: { next: async () => lines[line++] },
    print,
    bots: {
      [ARNS.PatientAuthBotAliasArn]: scriptedBot('PatientAuth', () => ({ [SESSION_ATTRIBUTES.authResult]: 'ok', [SESSION_ATTRIBUTES.ivrNext]: IVR_NEXT.services, [SESSION_ATTRIBUTES.sessionToken]: token })),
      [ARNS.PatientServicesBotAliasArn]: scriptedBot('PatientServices', (_line, turn) => ({ [SESSION_ATTRIBUTES.ivrNext]: turn === 1 ? IVR_NEXT.record : IVR_NEXT.goodbye })),
    },
    functions: { [ARNS.SymptomCaptureFunctionArn]: capture },
    hooks: {
      media: options.transcriber === 'neverEnds' ? { start: async (id) => (await live.mediaHook(media).start(id)), stop: (id) => media.stop(id) } : live.mediaHook(media),
      recording: { heard: (message) => live.hear(message.contactId, message.transcript) },
    },
    ...(options.clinic ? { clinic: options.clinic } : {}),
  });
  const job = await jobs.get(contactId);
  return { outcome, heard, job, notifier, tasks };
}

const URGENT = 'I have crushing chest pain and I can not breathe.';
const ROUTINE = 'No chest pain. I would like a refill of my inhaler, please.';

describe('patient-ivr on the live triage at #', () => {
  it('urgent: names what the caller said, gives the 911 advice, sets the message id and transfers to the nurse queue', async () => {
    // Act
    const { outcome, heard, job, notifier, tasks } = await call({ message: URGENT });
    // Assess
    expect(heard).toEqual(expect.arrayContaining([plainText(WORDS.emergency.mentioned['chest-pain']), say('urgentAdvice')]));
    expect(heard).not.toContain(say('messageSent'));
    expect(outcome.ending).toBe('transferred');
    expect(outcome.contact.queue).toBe(ARNS.UrgentQueueArn);
    expect(outcome.record.Attributes).toEqual({ [URGENT_MESSAGE_ATTRIBUTE]: job?.noteId });
    expect(outcome.path).not.toContain('capture-sent');
    expect(notifier.messages).toHaveLength(1);
    expect(tasks.tasks).toHaveLength(1);
  });

  it('urgent when the transcript has not ended but its final segments are quiet (the transcriber ends 3 s after streaming in AWS)', async () => {
    // Act
    const { outcome, heard, job } = await call({ message: URGENT, transcriber: 'neverEnds' });
    // Assess
    expect(heard).toEqual(expect.arrayContaining([plainText(WORDS.emergency.mentioned['chest-pain']), say('urgentAdvice')]));
    expect(outcome.contact.queue).toBe(ARNS.UrgentQueueArn);
    expect(job?.triage).toMatchObject({ triage: 'urgent', reason: 'quiet' });
  });

  it.each([
    ['closed', { queues: { [ARNS.UrgentQueueArn]: { open: false } } }],
    ['full', { queues: { [ARNS.UrgentQueueArn]: { atCapacity: true } } }],
  ] as const)('urgent, nurse queue %s, after-hours number set: transfers the caller to that number', async (_state, clinic) => {
    // Act
    const { outcome, heard } = await call({ message: URGENT, clinic, afterHoursNurseNumber: AFTER_HOURS });
    // Assess
    expect(heard).toEqual(expect.arrayContaining([say('urgentAdvice'), say('urgentAfterHours')]));
    expect(outcome.ending).toBe('transferredOut');
    expect(outcome.path.at(-1)).toBe('triage-after-hours-transfer');
  });

  it('urgent, nurse queue closed, no after-hours number: the 911 advice again and a polite end, never silence or the menu', async () => {
    // Act
    const { outcome, heard } = await call({ message: URGENT, clinic: { queues: { [ARNS.UrgentQueueArn]: { open: false } } } });
    // Assess
    expect(heard.at(-1)).toBe(say('urgentNoNurse'));
    expect(say('urgentNoNurse')).toMatch(/9 1 1/);
    expect(outcome.ending).toBe('disconnected');
    expect(outcome.path.filter((id) => id === 'services-bot')).toHaveLength(1);
  });

  it('urgent, the after-hours number does not answer: the 911 advice again and a polite end', async () => {
    // Act
    const { outcome, heard } = await call({ message: URGENT, clinic: { queues: { [ARNS.UrgentQueueArn]: { open: false } }, thirdPartyAnswers: false }, afterHoursNurseNumber: AFTER_HOURS });
    // Assess
    expect(heard.at(-1)).toBe(say('urgentNoNurse'));
    expect(outcome.ending).toBe('disconnected');
  });

  it.each([
    ['routine', { message: ROUTINE }],
    ['unknown: the transcriber was throttled', { message: URGENT, transcriber: 'throttled' }],
    // No sentence end: the stand-in keeps the words unfinalized until the end, which never comes.
    ['unknown: no final segment and no end within 2 s', { message: URGENT.replace(/\.$/, ''), transcriber: 'neverEnds' }],
  ] as const)('%s: exactly as before (message sent, back to the menu, goodbye)', async (_case, options) => {
    // Act
    const { outcome, heard, job, notifier } = await call(options);
    // Assess
    expect(heard).toContain(say('messageSent'));
    expect(heard).not.toContain(say('urgentAdvice'));
    expect(outcome.path.filter((id) => id === 'services-bot')).toHaveLength(2);
    expect(outcome.ending).toBe('disconnected');
    expect(outcome.record.Attributes).toEqual({});
    expect(job?.triage?.triage).toBe(options.message === ROUTINE ? 'routine' : 'unknown');
    expect(notifier.messages).toHaveLength(0);
  });

  it('a failure of the recording-control function at the stop: as before (not confirmed, back to the menu)', async () => {
    // Act
    const { outcome, heard } = await call({ message: URGENT, stopThrows: true });
    // Assess
    expect(heard).toContain(say('messageNotConfirmed'));
    expect(outcome.path.filter((id) => id === 'services-bot')).toHaveLength(2);
  });

  it('puts no transcript words in contact attributes or in what the flow reads from the function', async () => {
    // Act
    const { outcome } = await call({ message: 'Mrs Thistlewood: crushing chest pain since breakfast.' });
    // Assess
    const exposed = JSON.stringify({ record: outcome.record, external: outcome.contact.external });
    for (const words of ['Thistlewood', 'crushing', 'breakfast', 'chest pain']) expect(exposed).not.toContain(words);
    expect(outcome.contact.external).toMatchObject({ triage: 'urgent', triageFlag: 'chest-pain' });
  });
});
