import { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { GetDataEndpointCommand, KinesisVideoClient } from '@aws-sdk/client-kinesis-video';
import { GetMediaCommand, KinesisVideoMediaClient } from '@aws-sdk/client-kinesis-video-media';
import {
  LimitExceededException,
  StartMedicalStreamTranscriptionCommand,
  StartStreamTranscriptionCommand,
  TranscribeStreamingClient,
  type StartStreamTranscriptionCommandInput,
  type TranscriptResultStream,
  type AudioStream,
  type MedicalTranscriptResultStream,
  type StartMedicalStreamTranscriptionCommandInput,
} from '@aws-sdk/client-transcribe-streaming';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { afterEach, describe, expect, it } from 'vitest';
import { KinesisVideoMediaSource, upsample2x } from '../../../fulfillment/recording';
import {
  ByLanguageStreamTranscriber,
  MemoryLiveTranscriptStore,
  TranscribeMedicalStreamTranscriber,
  TranscribeStandardStreamTranscriber,
  transcribeLive,
} from '../../../fulfillment/transcription/live';
import { callerSource, CONTACT_A, fixtures, randomChunks, START_FRAGMENT, STREAM_ARN } from '../../support/audioFixtures';
import { MemoryLogger } from '../../support/memoryLogger';

/**
 * The live path end to end from Matroska: the fixture fragments GetMedia would stream for a call,
 * read by the real KVS adapter, parser and caller-track rules, resampled, and streamed into a mocked
 * Transcribe Medical streaming client that answers with Transcribe-shaped events.
 */

const control = new KinesisVideoClient({ region: 'us-east-1' });
const media = new KinesisVideoMediaClient({ region: 'us-east-1' });
const streaming = new TranscribeStreamingClient({ region: 'us-east-1' });
const kvs = mockClient(control);
const kvsMedia = mockClient(media);
const transcribe = mockClient(streaming);

/** Fragments 1 and 2 of contact A, then the next call's fragment (contact B) on the reused stream. */
const CALL = fixtures('fragment-1-contact-a.mkv', 'fragment-2-contact-a.mkv', 'fragment-3-contact-b.mkv');

/** GetMedia's payload as the SDK gives it in Node: a Readable of Buffers, arriving in small pieces over time. */
function liveGetMedia(bytes: Uint8Array) {
  const pieces = randomChunks(bytes, 17, 4096);
  async function* arriving() {
    for (const piece of pieces) {
      await sleep(0);
      yield Buffer.from(piece);
    }
  }
  return { ContentType: 'video/webm', Payload: Readable.from(arriving()) as never };
}

/** A final (or partial) result event as Transcribe Medical streaming sends it. */
function resultEvent(text: string, startTime: number, endTime: number, isPartial = false): MedicalTranscriptResultStream {
  return { TranscriptEvent: { Transcript: { Results: [{ ResultId: `r-${startTime}`, IsPartial: isPartial, StartTime: startTime, EndTime: endTime, Alternatives: [{ Transcript: text }] }] } } };
}

/**
 * Mocks StartMedicalStreamTranscription: takes every audio chunk the client sends (as the service
 * reads the request stream), then answers with `events`. Returns the chunks it received.
 */
function transcribeAnswers(events: readonly MedicalTranscriptResultStream[]): { chunks: Uint8Array[]; input: () => StartMedicalStreamTranscriptionCommandInput | undefined } {
  const chunks: Uint8Array[] = [];
  let seen: StartMedicalStreamTranscriptionCommandInput | undefined;
  transcribe.on(StartMedicalStreamTranscriptionCommand).callsFake(async (input: StartMedicalStreamTranscriptionCommandInput) => {
    seen = input;
    async function* results(): AsyncIterable<MedicalTranscriptResultStream> {
      for await (const event of input.AudioStream as AsyncIterable<AudioStream>) if (event.AudioEvent?.AudioChunk) chunks.push(event.AudioEvent.AudioChunk);
      yield* events;
    }
    return { TranscriptResultStream: results() };
  });
  return { chunks, input: () => seen };
}

function deps(store = new MemoryLiveTranscriptStore(), logger = new MemoryLogger()) {
  const kvsSource = new KinesisVideoMediaSource({ client: control, mediaClientFor: () => media });
  return { store, logger, media: kvsSource, transcriber: new TranscribeMedicalStreamTranscriber({ client: streaming }), limits: { idleTimeoutMs: 500 } };
}

const START = { contactId: CONTACT_A, streamArn: STREAM_ARN, startFragmentNumber: START_FRAGMENT };

afterEach(() => {
  kvs.reset();
  kvsMedia.reset();
  transcribe.reset();
});

describe('live transcription from a Connect MKV stream', () => {
  it('streams a message in Spanish to standard Transcribe (StartStreamTranscription, es-US) and stores its segments alike', async () => {
    // Prepare
    kvs.on(GetDataEndpointCommand).resolves({ DataEndpoint: 'https://b-1234abcd.kinesisvideo.us-east-1.amazonaws.com' });
    kvsMedia.on(GetMediaCommand).resolves(liveGetMedia(CALL));
    let seen: StartStreamTranscriptionCommandInput | undefined;
    transcribe.on(StartStreamTranscriptionCommand).callsFake(async (input: StartStreamTranscriptionCommandInput) => {
      seen = input;
      async function* results(): AsyncIterable<TranscriptResultStream> {
        for await (const _event of input.AudioStream as AsyncIterable<AudioStream>) void _event;
        yield resultEvent('Tengo dolor de pecho', 0.1, 1.4) as TranscriptResultStream;
      }
      return { TranscriptResultStream: results() };
    });
    const { store, logger, media: source } = deps();
    const transcriber = new ByLanguageStreamTranscriber({
      'en-US': new TranscribeMedicalStreamTranscriber({ client: streaming }),
      'es-US': new TranscribeStandardStreamTranscriber({ client: streaming }),
    });
    // Act
    const outcome = await transcribeLive({ ...START, language: 'es-US' }, { store, logger, media: source, transcriber, limits: { idleTimeoutMs: 500 } });
    // Assess
    expect(seen).toMatchObject({ LanguageCode: 'es-US', MediaEncoding: 'pcm', MediaSampleRateHertz: 16_000 });
    expect(transcribe).not.toHaveReceivedCommand(StartMedicalStreamTranscriptionCommand);
    expect(outcome).toMatchObject({ outcome: 'complete', segments: 1 });
    expect((await store.read(CONTACT_A))?.segments).toEqual([{ index: 0, text: 'Tengo dolor de pecho', startMs: 100, endMs: 1400 }]);
    expect(logger.text()).not.toMatch(/dolor|pecho/);
  });

  it("streams only the caller's track of this contact, at 16 kHz in 100 ms chunks, and stores the final segments and the end", async () => {
    // Prepare
    kvs.on(GetDataEndpointCommand).resolves({ DataEndpoint: 'https://b-1234abcd.kinesisvideo.us-east-1.amazonaws.com' });
    kvsMedia.on(GetMediaCommand).resolves(liveGetMedia(CALL));
    const sent = transcribeAnswers([
      resultEvent('I have had', 0.1, 0.9, true),
      resultEvent('I have had a fever', 0.1, 1.4),
      resultEvent('and a dry cough since Monday.', 1.5, 2.45),
    ]);
    const { store, logger, ...rest } = deps();
    // Act
    const outcome = await transcribeLive(START, { store, logger, ...rest });
    // Assess: exactly the caller's speech of contact A, raised to 16 kHz by the recording stage's resampler.
    const pcm = Buffer.concat(sent.chunks);
    const expected = upsample2x(callerSource());
    expect(new Int16Array(pcm.buffer, pcm.byteOffset, pcm.byteLength / 2)).toEqual(expected);
    expect(sent.chunks.slice(0, -1).every((chunk) => chunk.byteLength === 3200)).toBe(true);
    expect(sent.input()).toMatchObject({ LanguageCode: 'en-US', Specialty: 'PRIMARYCARE', Type: 'DICTATION', MediaEncoding: 'pcm', MediaSampleRateHertz: 16_000 });
    expect(outcome).toEqual({ outcome: 'complete', contactId: CONTACT_A, segments: 2, audioMs: 2500 });
    const transcript = await store.read(CONTACT_A);
    expect(transcript?.segments).toEqual([
      { index: 0, text: 'I have had a fever', startMs: 100, endMs: 1400 },
      { index: 1, text: 'and a dry cough since Monday.', startMs: 1500, endMs: 2450 },
    ]);
    expect(transcript?.end).toMatchObject({ outcome: 'complete' });
    expect(logger.text()).not.toMatch(/fever|cough/);
    expect(logger.text()).toContain('"stoppedBy":"otherContact"');
  });

  it('starts once for a contact: a second or late start reads nothing', async () => {
    // Prepare
    kvs.on(GetDataEndpointCommand).resolves({ DataEndpoint: 'https://b-1234abcd.kinesisvideo.us-east-1.amazonaws.com' });
    kvsMedia.on(GetMediaCommand).callsFake(async () => liveGetMedia(CALL));
    transcribeAnswers([resultEvent('I have had a fever', 0.1, 1.4)]);
    const shared = deps();
    // Act
    const [first, second] = await Promise.all([transcribeLive(START, shared), transcribeLive(START, shared)]);
    // Assess
    expect([first.outcome, second.outcome].sort()).toEqual(['complete', 'duplicate']);
    expect(kvsMedia).toHaveReceivedCommandTimes(GetMediaCommand, 1);
    expect(transcribe).toHaveReceivedCommandTimes(StartMedicalStreamTranscriptionCommand, 1);
  });

  it('ends the transcript failed with the error name when GetMedia fails', async () => {
    // Prepare
    kvs.on(GetDataEndpointCommand).resolves({ DataEndpoint: 'https://b-1234abcd.kinesisvideo.us-east-1.amazonaws.com' });
    kvsMedia.on(GetMediaCommand).rejects(Object.assign(new Error('stream not found'), { name: 'ResourceNotFoundException' }));
    transcribeAnswers([]);
    const { store, ...rest } = deps();
    // Act
    const outcome = await transcribeLive(START, { store, ...rest });
    // Assess
    expect(outcome).toEqual({ outcome: 'failed', contactId: CONTACT_A, segments: 0, reason: 'MediaSourceError' });
    expect((await store.read(CONTACT_A))?.end).toMatchObject({ outcome: 'failed', reason: 'MediaSourceError' });
  });

  it('ends the transcript failed with LimitExceededException when Transcribe refuses the stream', async () => {
    // Prepare
    kvs.on(GetDataEndpointCommand).resolves({ DataEndpoint: 'https://b-1234abcd.kinesisvideo.us-east-1.amazonaws.com' });
    kvsMedia.on(GetMediaCommand).resolves(liveGetMedia(CALL));
    transcribe.on(StartMedicalStreamTranscriptionCommand).rejects(new LimitExceededException({ message: 'too many streams', $metadata: {} }));
    const { store, ...rest } = deps();
    // Act
    const outcome = await transcribeLive(START, { store, ...rest });
    // Assess
    expect(outcome).toMatchObject({ outcome: 'failed', reason: 'LimitExceededException' });
    expect((await store.read(CONTACT_A))?.end).toMatchObject({ outcome: 'failed', reason: 'LimitExceededException' });
  });

  it('keeps the segments stored before a BadRequestException in the result stream, and ends failed with its name', async () => {
    // Prepare
    kvs.on(GetDataEndpointCommand).resolves({ DataEndpoint: 'https://b-1234abcd.kinesisvideo.us-east-1.amazonaws.com' });
    kvsMedia.on(GetMediaCommand).resolves(liveGetMedia(CALL));
    transcribeAnswers([resultEvent('I have had a fever', 0.1, 1.4), { BadRequestException: { name: 'BadRequestException', message: 'bad', $fault: 'client', $metadata: {} } as never }]);
    const { store, logger, ...rest } = deps();
    // Act
    const outcome = await transcribeLive(START, { store, logger, ...rest });
    // Assess
    expect(outcome).toMatchObject({ outcome: 'failed', segments: 1, reason: 'BadRequestException' });
    const transcript = await store.read(CONTACT_A);
    expect(transcript?.segments).toHaveLength(1);
    expect(transcript?.end).toMatchObject({ outcome: 'failed', reason: 'BadRequestException' });
    expect(logger.text()).not.toContain('fever');
  });

  it('refuses a request that names no contact or stream, and claims nothing', async () => {
    // Prepare
    const { store, ...rest } = deps();
    // Act
    const outcome = await transcribeLive({ contactId: 'not-a-uuid', streamArn: 'arn:aws:s3:::bucket' }, { store, ...rest });
    // Assess
    expect(outcome).toEqual({ outcome: 'invalid' });
    expect(kvsMedia).toHaveReceivedCommandTimes(GetMediaCommand, 0);
  });
});
