import { describe, expect, it } from 'vitest';
import { DEFAULT_AUDIO_LIMITS, readCallerAudio } from '../../../fulfillment/recording/audio';
import { MediaSourceError, MediaStreamFormatError } from '../../../fulfillment/recording';
import { callerSource, CONTACT_A, fixture, fixtures, FRAGMENT_1_PRODUCER_MS, mediaOf, randomChunks } from '../../support/audioFixtures';
import { connectFragment, connectStream, tone } from '../../support/connectMkv';

const CALL = ['fragment-1-contact-a.mkv', 'fragment-2-contact-a.mkv', 'fragment-3-contact-b.mkv'];
const read = (chunks: Uint8Array[], stopTimestampMs?: number, contactId = CONTACT_A) =>
  readCallerAudio(mediaOf(...chunks), { contactId, streamArn: 'arn', startFragmentNumber: '1', stopTimestampMs }, DEFAULT_AUDIO_LIMITS);

describe('caller audio from a Connect stream (mkvmerge fixtures)', () => {
  it("takes the caller's track sample for sample, by its name, not by its track number", async () => {
    // Act
    const { audio } = await read([fixtures(...CALL)]);
    // Assess: the caller is track 2 in the fixtures; its samples are exactly the sox-made source.
    expect(audio.sampleRate).toBe(8000);
    expect(audio.samples).toEqual(callerSource());
  });

  it("stops at the other contact's fragment that follows this contact's", async () => {
    // Act
    const { audio } = await read([fixtures(...CALL)]);
    // Assess
    expect(audio).toMatchObject({ contactFragments: 2, stoppedBy: 'otherContact' });
  });

  it('gives the same samples when the bytes arrive in small chunks of random sizes', async () => {
    // Prepare
    const bytes = fixtures(...CALL);
    const whole = await read([bytes]);
    // Act
    const results = await Promise.all([1, 2, 3].map((seed) => read(randomChunks(bytes, seed, 97))));
    // Assess
    for (const { audio } of results) {
      expect(audio.samples).toEqual(whole.audio.samples);
      expect(audio.stoppedBy).toBe(whole.audio.stoppedBy);
    }
  });

  it("reads timecodes through each fragment's TimecodeScale when cutting at the stop timestamp", async () => {
    // Prepare: fragment 2 counts in 0.1 ms ticks; stop 250 ms into it.
    const stop = FRAGMENT_1_PRODUCER_MS + 1500 + 250;
    // Act
    const { audio } = await read([fixtures(...CALL)], stop);
    // Assess
    expect(audio.samples.length).toBe(8000 * 1.75);
    expect(audio.samples).toEqual(callerSource().subarray(0, 8000 * 1.75));
    expect(audio.stoppedBy).toBe('stopTimestamp');
  });

  it('keeps nothing for a contact the stream does not hold', async () => {
    // Act
    const { audio } = await read([fixtures(...CALL)], undefined, '00000000-5a49-4838-a7b6-c5d4e3f2a1b0');
    // Assess
    expect(audio).toMatchObject({ contactFragments: 0, stoppedBy: 'end' });
    expect(audio.samples).toHaveLength(0);
  });
});

describe("caller audio from a stream in KVS's own layout (unknown-size Segment and Cluster, tags first)", () => {
  it('reads fragments whose segment and cluster sizes are unknown', async () => {
    // Prepare
    const speech = callerSource();
    const stream = connectStream(CONTACT_A, speech, 5000);
    // Act
    const { audio } = await read(randomChunks(stream, 7, 4096));
    // Assess
    expect(audio.samples).toHaveLength(40_000);
    expect(audio.samples.subarray(0, 20_000)).toEqual(speech);
    expect(audio.contactFragments).toBe(3);
  });

  it('stops reading at the stop timestamp without waiting for the fragment to end', async () => {
    // Prepare: a stream that never ends after its first fragment (live), stop 1 s in.
    const first = connectFragment({ contactId: CONTACT_A, producerMs: FRAGMENT_1_PRODUCER_MS, caller: callerSource().subarray(0, 16_000), agent: tone(16_000) });
    const live = {
      async read() {
        return (async function* () {
          yield first;
          await new Promise<never>(() => undefined);
        })();
      },
    };
    // Act
    const { audio } = await readCallerAudio(live, { contactId: CONTACT_A, streamArn: 'arn', startFragmentNumber: '1', stopTimestampMs: FRAGMENT_1_PRODUCER_MS + 1000 }, { ...DEFAULT_AUDIO_LIMITS, idleTimeoutMs: 60_000 });
    // Assess
    expect(audio).toMatchObject({ stoppedBy: 'stopTimestamp' });
    expect(audio.samples).toHaveLength(8000);
  });

  it('reports an error GetMedia wrote into the stream as MediaSourceError', async () => {
    // Prepare: the tags GetMedia sends when the requested fragment is gone.
    const healthy = connectFragment({ contactId: CONTACT_A, producerMs: FRAGMENT_1_PRODUCER_MS, caller: callerSource().subarray(0, 1600), agent: tone(1600) });
    const marker = new TextEncoder().encode('AWS_KINESISVIDEO_FRAGMENT_NUMBER');
    const at = healthy.findIndex((_, i) => marker.every((byte, k) => healthy[i + k] === byte));
    const failing = healthy.slice();
    failing.set(new TextEncoder().encode('AWS_KINESISVIDEO_ERROR_ID\0\0\0\0\0\0\0'), at);
    // Act
    const reading = read([failing]);
    // Assess
    await expect(reading).rejects.toThrow(MediaSourceError);
  });

  it('refuses a caller track that is not 16-bit PCM', async () => {
    // Prepare: the same stream with the caller's codec renamed.
    const stream = connectStream(CONTACT_A, callerSource(), 500);
    const codec = new TextEncoder().encode('A_PCM/INT/LIT');
    const positions: number[] = [];
    stream.forEach((_, i) => {
      if (codec.every((byte, k) => stream[i + k] === byte)) positions.push(i);
    });
    stream.set(new TextEncoder().encode('A_PCM/INT/BIG'), positions[1] as number);
    // Act
    const reading = read([stream]);
    // Assess
    await expect(reading).rejects.toThrow(MediaStreamFormatError);
  });
});

describe('fixture sizes', () => {
  it('keeps the committed audio fixtures small', () => {
    // Act
    const total = ['caller-speech-8k.wav', ...CALL, 'silent-contact-a.mkv'].reduce((sum, name) => sum + fixture(name).length, 0);
    // Assess
    expect(total).toBeLessThan(300 * 1024);
  });
});
