import { describe, expect, it } from 'vitest';
import { CAPTURE_CONFIG_VARIABLES, CONFIG_VARIABLES, ConfigError, loadCaptureConfig } from '../../fulfillment/runtime/config';

const INSTANCE = 'arn:aws:connect:us-east-1:111122223333:instance/9e2f7a0c-4b1d-4a55-8f3e-2c6d1b0a7e41';

describe('capture function configuration', () => {
  it('lists its variables among the ones the README documents', () => {
    // Assess
    expect(CAPTURE_CONFIG_VARIABLES).toEqual([
      'SYMPTOM_NOTES_TABLE_NAME',
      'CAPTURE_QUEUE_URL',
      'CONNECT_INSTANCE_ARN',
      'KVS_STREAM_NAME_PREFIX',
      'LIVE_TRANSCRIBER_FUNCTION',
      'SYMPTOM_NOTIFY_TOPIC_ARN',
      'CONNECT_TASK_FLOW_ARN',
      'INBOX_BASE_URL',
    ]);
    for (const name of CAPTURE_CONFIG_VARIABLES) expect(CONFIG_VARIABLES).toContain(name);
    expect(new Set(CONFIG_VARIABLES).size).toBe(CONFIG_VARIABLES.length);
  });

  it('reads the table, queue and instance', () => {
    // Act
    const config = loadCaptureConfig({
      SYMPTOM_NOTES_TABLE_NAME: 'clinic-ivr-symptom-notes',
      CAPTURE_QUEUE_URL: 'https://sqs.us-east-1.amazonaws.com/111122223333/clinic-ivr-capture',
      CONNECT_INSTANCE_ARN: INSTANCE,
    });
    // Assess
    expect(config).toEqual({
      notesTable: 'clinic-ivr-symptom-notes',
      queueUrl: 'https://sqs.us-east-1.amazonaws.com/111122223333/clinic-ivr-capture',
      connectInstanceArn: INSTANCE,
      triage: { notifyTopicArn: undefined, taskFlowArn: undefined, inboxBaseUrl: undefined },
    });
  });

  it('requires the table, queue and instance in Lambda, naming each, and only the table for a reader of jobs', () => {
    // Prepare
    const env = { AWS_LAMBDA_FUNCTION_NAME: 'capture' };
    // Act
    const load = (): unknown => loadCaptureConfig(env);
    // Assess
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(/SYMPTOM_NOTES_TABLE_NAME.*CAPTURE_QUEUE_URL.*CONNECT_INSTANCE_ARN/);
    expect(() => loadCaptureConfig(env, 'read')).toThrow(/SYMPTOM_NOTES_TABLE_NAME is required/);
    expect(loadCaptureConfig({ ...env, SYMPTOM_NOTES_TABLE_NAME: 'notes' }, 'read').notesTable).toBe('notes');
  });

  it("reads the name prefix of the instance's Kinesis video streams, requires it in Lambda and refuses one Kinesis Video Streams could not name", () => {
    // Prepare
    const lambda = {
      AWS_LAMBDA_FUNCTION_NAME: 'capture',
      SYMPTOM_NOTES_TABLE_NAME: 'clinic-ivr-symptom-notes',
      CAPTURE_QUEUE_URL: 'https://sqs.us-east-1.amazonaws.com/111122223333/clinic-ivr-capture',
      CONNECT_INSTANCE_ARN: INSTANCE,
    };
    // Act
    const config = loadCaptureConfig({ ...lambda, KVS_STREAM_NAME_PREFIX: 'clinic-ivr-connect-my-clinic-contact-' });
    // Assess
    expect(config.kvsStreamNamePrefix).toBe('clinic-ivr-connect-my-clinic-contact-');
    expect(() => loadCaptureConfig(lambda)).toThrow(/KVS_STREAM_NAME_PREFIX is required in AWS Lambda/);
    expect(() => loadCaptureConfig({ ...lambda, KVS_STREAM_NAME_PREFIX: 'clinic ivr/*' })).toThrow(/KVS_STREAM_NAME_PREFIX must be a Kinesis video stream name prefix/);
  });

  it('reads the live-transcriber function by name or ARN, leaves it optional, and refuses anything else', () => {
    // Act
    const byName = loadCaptureConfig({ LIVE_TRANSCRIBER_FUNCTION: 'clinic-ivr-LiveTranscriber-AbC123' });
    const byArn = loadCaptureConfig({ LIVE_TRANSCRIBER_FUNCTION: 'arn:aws:lambda:us-east-1:111122223333:function:clinic-ivr-live' });
    // Assess
    expect(byName.liveTranscriberFunction).toBe('clinic-ivr-LiveTranscriber-AbC123');
    expect(byArn.liveTranscriberFunction).toBe('arn:aws:lambda:us-east-1:111122223333:function:clinic-ivr-live');
    expect(loadCaptureConfig({}).liveTranscriberFunction).toBeUndefined();
    expect(() => loadCaptureConfig({ LIVE_TRANSCRIBER_FUNCTION: 'not a function/name' })).toThrow(/LIVE_TRANSCRIBER_FUNCTION must be a Lambda function name or ARN/);
  });

  it('refuses a value that is not an instance ARN or a queue URL, without echoing it', () => {
    // Act
    const load = (): unknown => loadCaptureConfig({ CONNECT_INSTANCE_ARN: 'my-instance', CAPTURE_QUEUE_URL: 'http://queue.example.com/q' });
    // Assess
    expect(load).toThrow(/CONNECT_INSTANCE_ARN must be an Amazon Connect instance ARN/);
    expect(load).toThrow(/CAPTURE_QUEUE_URL/);
    expect(load).not.toThrow(/my-instance/);
  });
});
