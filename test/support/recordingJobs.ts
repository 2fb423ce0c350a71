import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { CaptureJob } from '../../fulfillment/recording';

/** The Connect instance of the fixtures (also what the handler under test accepts). */
export const INSTANCE_ARN = 'arn:aws:connect:us-east-1:111122223333:instance/9e2f7a0c-4b1d-4a55-8f3e-2c6d1b0a7e41';

/**
 * The Kinesis video streams Connect creates for the fixtures' instance: `<prefix>-connect-<alias>-contact-…`
 * (prefix `clinic-ivr`, alias `clinic`), in the instance's account and region.
 */
export const FIXTURE_STREAMS = { partition: 'aws', region: 'us-east-1', account: '111122223333', namePrefix: 'clinic-ivr-connect-clinic-contact-' } as const;

/** What the fixtures of test/fixtures/capture/ say about the caller's audio. */
export const FIXTURE_AUDIO = {
  streamArn: 'arn:aws:kinesisvideo:us-east-1:111122223333:stream/clinic-ivr-connect-clinic-contact-2f0c6b1e-8d3a-4c7e-9b5f-1a2d3e4f5a6b/1700000000000',
  startFragmentNumber: '91343852333181432392682062622220590765191907586',
  startTimestampMs: 1764072000250,
  stopFragmentNumber: '91343852333181432392682062622220590765191912345',
  stopTimestampMs: 1764072065750,
} as const;

/** The calling number in the flow fixtures (a sandbox patient's). */
export const FIXTURE_PHONE = '+16085550142';

/** A fresh contact id, so tests sharing one table never see each other's jobs. */
export const newContactId = (): string => randomUUID();

/**
 * A fixture of test/fixtures/capture/ with its `{{name}}` placeholders filled in (JSON-escaped);
 * `{{sessionToken}}` left without a value removes the parameter, as a flow that passed none would.
 */
export function fixture(name: string, values: Readonly<Record<string, string | undefined>>): Record<string, unknown> {
  const text = readFileSync(new URL(`../fixtures/capture/${name}.json`, import.meta.url), 'utf8');
  const filled = text.replace(/\{\{(\w+)\}\}/g, (match, key: string) => {
    const value = values[key];
    return value === undefined ? match : JSON.stringify(value).slice(1, -1);
  });
  const event = JSON.parse(filled) as Record<string, unknown>;
  const parameters = (event['Details'] as { Parameters?: Record<string, string> } | undefined)?.Parameters;
  if (parameters) for (const [key, value] of Object.entries(parameters)) if (value.startsWith('{{')) delete parameters[key];
  return event;
}

/** A job as the flow's start registers it for `contactId`, opened at `openedAt`, with `extra` on top. */
export function openJob(contactId: string, openedAt: string, extra: Partial<CaptureJob> = {}): CaptureJob {
  return {
    contactId,
    noteId: `note-${contactId}`,
    patientId: 'patient-1',
    streamArn: FIXTURE_AUDIO.streamArn,
    startFragmentNumber: FIXTURE_AUDIO.startFragmentNumber,
    status: 'open',
    openedAt,
    ...extra,
  };
}
