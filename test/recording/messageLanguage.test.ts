import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CAPTURE_PARAMETERS, CAPTURE_RESULTS } from '../../contract';
import { createCaptureHandler, MemoryCaptureJobStore, MemoryCaptureQueue } from '../../fulfillment/recording';
import { parseMessageLanguage } from '../../fulfillment/recording/controlEvents';
import { SessionTokenService } from '../../fulfillment/session';
import { FakeClock } from '../support/fakeClock';
import { FIXTURE_STREAMS, fixture, INSTANCE_ARN, newContactId } from '../support/recordingJobs';

/** The recording-control function on memory adapters, and a start that passes `language` as the flow's parameter (or none). */
function control() {
  const clock = new FakeClock();
  const key = randomBytes(32);
  const store = new MemoryCaptureJobStore();
  const handler = createCaptureHandler(async () => ({
    sessions: new SessionTokenService({ key, clock }),
    store,
    queue: new MemoryCaptureQueue(),
    clock,
    connectInstanceArn: INSTANCE_ARN,
    connectStreams: FIXTURE_STREAMS,
  }));
  const start = async (contactId: string, language: string | undefined) => {
    const sessionToken = await new SessionTokenService({ key, clock }).issue({ patientId: 'eRt9Gm3kYp2Qw8vX1zL0aBc3' }, { sessionId: contactId });
    const event = fixture('flow-start', { contactId, sessionToken });
    if (language !== undefined) (event['Details'] as { Parameters: Record<string, string> }).Parameters[CAPTURE_PARAMETERS.language] = language;
    return handler(event);
  };
  return { store, start };
}

describe('the language of a message', () => {
  it('records the contact language the flow passes on the capture job', async () => {
    // Prepare
    const { store, start } = control();
    const contactId = newContactId();
    // Act
    const response = await start(contactId, 'es-US');
    // Assess
    expect(response).toEqual({ captureResult: CAPTURE_RESULTS.started });
    expect((await store.get(contactId))?.language).toBe('es-US');
  });

  it('records en-US when the flow passes no language (a flow deployed before languages existed)', async () => {
    // Prepare
    const { store, start } = control();
    const contactId = newContactId();
    // Act
    await start(contactId, undefined);
    // Assess
    expect((await store.get(contactId))?.language).toBe('en-US');
  });

  it('reads a locale in any case or with an underscore, and takes any language it does not know as en-US', () => {
    // Prepare
    const given = ['es-US', 'ES_us', 'en-US', 'fr-CA', 'es-ES', '', undefined];
    // Act
    const languages = given.map(parseMessageLanguage);
    // Assess
    expect(languages).toEqual(['es-US', 'es-US', 'en-US', 'en-US', 'en-US', 'en-US', 'en-US']);
  });
});
