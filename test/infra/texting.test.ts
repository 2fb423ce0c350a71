/**
 * Texts to callers in the stack: the context keys, the code hook's variables and its one SMS
 * permission, scoped to the origination identity whenever the stack can know its ARN.
 */
import { Stack } from 'aws-cdk-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { textingStatement } from '../../infra/lib/LexCodeHook';
import { readTextingContext } from '../../infra/lib/textingContext';
import { contextReaders } from '../support/cdkJson';
import { constructTestStack, resourceById, resources, statements, synthesizeClinicIvr, type SynthesizedApp } from '../support/infraApp';
import { rmSync } from 'node:fs';

const { read, problem } = contextReaders(readTextingContext);
const PHONE_ARN = 'arn:aws:sms-voice:us-east-1:111122223333:phone-number/phone-0123456789abcdef0123456789abcdef';

describe('texting context', () => {
  it('leaves texting off in the example cdk.json', () => {
    expect(read()).toEqual({ originationIdentity: undefined, configurationSet: undefined, clinicStreetAddress: undefined, clinicName: undefined });
  });

  it('reads the origination identity, configuration set, street address and clinic name', () => {
    expect(read({ smsOriginationIdentity: PHONE_ARN, smsConfigurationSet: 'clinic-ivr-texts', clinicStreetAddress: '1200 Lakeshore Drive, Madison, WI', clinicName: 'Lakeside Family Clinic' })).toEqual({
      originationIdentity: PHONE_ARN,
      configurationSet: 'clinic-ivr-texts',
      clinicStreetAddress: '1200 Lakeshore Drive, Madison, WI',
      clinicName: 'Lakeside Family Clinic',
    });
  });

  it('names a bad origination identity with what it is and an example', () => {
    expect(problem({ smsOriginationIdentity: 'arn:aws:sns:us-east-1:111122223333:topic' })).toContain('"smsOriginationIdentity" is not valid');
  });
});

describe('the code hook’s SMS permission', () => {
  const stack = (): Stack => constructTestStack();

  it('is absent while texting is off', () => {
    expect(textingStatement(stack(), undefined)).toBeUndefined();
    expect(textingStatement(stack(), { originationIdentity: undefined, configurationSet: 'x', clinicStreetAddress: undefined, clinicName: undefined })).toBeUndefined();
  });

  it('allows SendTextMessage on the identity ARN and the configuration set only', () => {
    // Act
    const granted = textingStatement(stack(), { originationIdentity: PHONE_ARN, configurationSet: 'clinic-ivr-texts', clinicStreetAddress: undefined, clinicName: undefined });
    // Assess
    expect(granted?.acknowledge).toBeUndefined();
    const json = granted?.statement.toStatementJson() as Record<string, unknown>;
    expect(json['Action']).toBe('sms-voice:SendTextMessage');
    expect(JSON.stringify(json['Resource'])).toContain(PHONE_ARN);
    expect(JSON.stringify(json['Resource'])).toContain(':configuration-set/clinic-ivr-texts');
  });

  it('turns a phone-number or pool id into its ARN', () => {
    const phone = textingStatement(stack(), { originationIdentity: 'phone-0123456789abcdef', configurationSet: undefined, clinicStreetAddress: undefined, clinicName: undefined });
    const pool = textingStatement(stack(), { originationIdentity: 'pool-0123456789abcdef', configurationSet: undefined, clinicStreetAddress: undefined, clinicName: undefined });
    expect(JSON.stringify(phone?.statement.toStatementJson())).toContain(':phone-number/phone-0123456789abcdef');
    expect(JSON.stringify(pool?.statement.toStatementJson())).toContain(':pool/pool-0123456789abcdef');
    expect(phone?.acknowledge).toBeUndefined();
  });

  it('covers the account and region, acknowledged with its reason, for an identity named by number', () => {
    // Act
    const granted = textingStatement(stack(), { originationIdentity: '+18005550199', configurationSet: undefined, clinicStreetAddress: undefined, clinicName: undefined });
    // Assess
    expect(granted?.acknowledge?.id).toBe('AwsSolutions-IAM5[Resource::arn:aws:sms-voice:us-east-1:111122223333:*]');
    expect(granted?.acknowledge?.reason).toContain('names no ARN');
  });
});

describe('a stack that texts', () => {
  let synthesized: SynthesizedApp;
  beforeAll(() => {
    synthesized = synthesizeClinicIvr({ smsOriginationIdentity: PHONE_ARN, clinicStreetAddress: '1200 Lakeshore Drive, Madison, WI', clinicName: 'Lakeside Family Clinic' });
  }, 120_000);
  afterAll(() => rmSync(synthesized.outdir, { recursive: true, force: true }));

  it('gives the code hook the texting variables and the clinic time zone', () => {
    // Act
    const fn = resourceById(synthesized.template, 'AWS::Lambda::Function', 'FulfillmentFunction');
    // Assess
    expect((fn.props['Environment'] as { Variables: Record<string, unknown> }).Variables).toMatchObject({
      SMS_ORIGINATION_IDENTITY: PHONE_ARN,
      CLINIC_STREET_ADDRESS: '1200 Lakeshore Drive, Madison, WI',
      CLINIC_NAME: 'Lakeside Family Clinic',
      CLINIC_TIME_ZONE: 'America/Chicago',
    });
  });

  it('lets the code hook send texts from that identity only', () => {
    // Act
    const sends = resources(synthesized.template, 'AWS::IAM::Policy')
      .concat(resources(synthesized.template, 'AWS::IAM::ManagedPolicy'))
      .flatMap((policy) => statements(policy.props['PolicyDocument']))
      .filter((statement) => JSON.stringify(statement['Action']).includes('sms-voice'));
    // Assess
    expect(sends).toEqual([{ Sid: 'SendTexts', Effect: 'Allow', Action: 'sms-voice:SendTextMessage', Resource: PHONE_ARN }]);
  });
});
