import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { obj } from '../support/lexTemplate';
import type { SynthesizedApp, TemplateResource } from '../support/infraApp';
import { resourceById, resources, statements, synthesizeClinicIvr } from '../support/infraApp';

/** Environment variables of a function. */
function environmentOf(fn: TemplateResource): Record<string, unknown> {
  return obj(obj(fn.props['Environment'])['Variables']);
}

/** The statements of a function's code policy (`<prefix>Policy…`). */
function policyOf(app: SynthesizedApp, prefix: string) {
  return statements(resourceById(app.template, 'AWS::IAM::ManagedPolicy', `${prefix}Policy`).props['PolicyDocument']);
}

describe('live transcriber (CDK)', () => {
  let app: SynthesizedApp;

  beforeAll(() => {
    app = synthesizeClinicIvr({ liveTranscriberConcurrency: '12' });
  }, 120_000);

  afterAll(() => rmSync(app.outdir, { recursive: true, force: true }));

  it('runs in the VPC long enough for a two-minute message, with the reserved concurrency of the context value', () => {
    // Act
    const fn = resourceById(app.template, 'AWS::Lambda::Function', 'LiveTranscriberFunction');
    // Assess
    expect(fn.props['Timeout']).toBe(240);
    expect(fn.props['ReservedConcurrentExecutions']).toBe(12);
    expect(obj(fn.props['VpcConfig'])['SubnetIds']).toBeDefined();
    expect(environmentOf(fn)).toMatchObject({ SYMPTOM_NOTES_TABLE_NAME: expect.anything() });
  });

  it('is never retried asynchronously and drops a start older than a minute', () => {
    // Act
    const config = resourceById(app.template, 'AWS::Lambda::EventInvokeConfig', 'LiveTranscriberFunctionEventInvokeConfig');
    // Assess
    expect(config.props).toMatchObject({ MaximumRetryAttempts: 0, MaximumEventAgeInSeconds: 60 });
  });

  it('may stream to Transcribe Medical, read only the instance streams and write only the notes table', () => {
    // Act
    const policy = policyOf(app, 'LiveTranscriber');
    // Assess
    const byAction = (action: string) => policy.filter((statement) => [statement['Action']].flat().includes(action));
    expect(byAction('transcribe:StartMedicalStreamTranscription')).toHaveLength(1);
    expect(byAction('kinesisvideo:GetMedia')[0]?.['Resource']).toMatch(/:stream\/clinic-ivr-connect-my-clinic-contact-\*\/\*$/);
    expect(JSON.stringify(byAction('dynamodb:PutItem')[0]?.['Resource'])).toContain('StorageNotesTable');
    expect(policy.flatMap((statement) => [statement['Action']].flat())).not.toContain('dynamodb:Scan');
  });

  it('lets the recording-control function start it, by name, and nothing else may', () => {
    // Act
    const control = resourceById(app.template, 'AWS::Lambda::Function', 'SymptomPipelineCaptureFunction');
    const invoke = policyOf(app, 'SymptomPipelineCaptureFunction').filter((statement) => statement['Action'] === 'lambda:InvokeFunction');
    const others = resources(app.template, 'AWS::IAM::ManagedPolicy')
      .filter((policy) => !policy.id.startsWith('SymptomPipelineCaptureFunction'))
      .flatMap((policy) => statements(policy.props['PolicyDocument']))
      .filter((statement) => JSON.stringify(statement['Resource'] ?? '').includes('LiveTranscriberFunction'));
    // Assess
    expect(environmentOf(control)['LIVE_TRANSCRIBER_FUNCTION']).toEqual({ Ref: resourceById(app.template, 'AWS::Lambda::Function', 'LiveTranscriberFunction').id });
    expect(invoke).toHaveLength(1);
    expect(JSON.stringify(invoke[0]?.['Resource'])).toContain('LiveTranscriberFunction');
    expect(others).toEqual([]);
  });

  it('alarms on its errors and on throttled starts', () => {
    // Act
    const alarms = resources(app.template, 'AWS::CloudWatch::Alarm').filter((alarm) => alarm.id.startsWith('LiveTranscriber'));
    // Assess
    expect(alarms.map((alarm) => alarm.props['MetricName']).sort()).toEqual(['Errors', 'Throttles']);
  });
});
