import { describe, expect, it } from 'vitest';
import { readDeploymentContext } from '../../infra/lib/deploymentContext';
import { contextReaders } from '../support/cdkJson';

const { read, problem } = contextReaders(readDeploymentContext);

describe('deployment context', () => {
  it('reads the example values of cdk.json with the documented defaults, offline', () => {
    // Act
    const settings = read();
    // Assess
    expect(settings).toEqual({
      env: { account: '111122223333', region: 'us-east-1' },
      connectInstanceArn: 'arn:aws:connect:us-east-1:111122223333:instance/00000000-0000-4000-8000-000000000000',
      transferQueueArn:
        'arn:aws:connect:us-east-1:111122223333:instance/00000000-0000-4000-8000-000000000000/queue/11111111-1111-4111-8111-111111111111',
      schedulingQueueArn:
        'arn:aws:connect:us-east-1:111122223333:instance/00000000-0000-4000-8000-000000000000/queue/11111111-1111-4111-8111-111111111111',
      careTeamQueueArn:
        'arn:aws:connect:us-east-1:111122223333:instance/00000000-0000-4000-8000-000000000000/queue/44444444-4444-4444-8444-444444444444',
      urgentQueueArn:
        'arn:aws:connect:us-east-1:111122223333:instance/00000000-0000-4000-8000-000000000000/queue/55555555-5555-4555-8555-555555555555',
      epic: {
        clientId: 'your-epic-client-id',
        tokenUrl: 'https://fhir.epic.com/interconnect-fhir-oauth/oauth2/token',
        fhirBaseUrl: 'https://fhir.epic.com/interconnect-fhir-oauth/api/FHIR/R4',
        fhirVersion: 'R4',
        patientSearch: 'name',
      },
      signingKeyAlias: 'clinic-ivr/epic-signing',
      nextSigningKeyAlias: undefined,
      fulfillmentReservedConcurrency: 25,
      defaultLanguage: 'en-US',
      isExample: true,
    });
  });

  it('deploys the name search when epicPatientSearch is not given, and telecom only when asked for', () => {
    expect(read({ epicPatientSearch: undefined }).epic.patientSearch).toBe('name');
    expect(read({ epicPatientSearch: 'telecom' }).epic.patientSearch).toBe('telecom');
  });

  it('starts calls in English by default, in Spanish when defaultLanguage is es-US, and refuses another language', () => {
    // Act / Assess
    expect(read().defaultLanguage).toBe('en-US');
    expect(read({ defaultLanguage: 'es-US' }).defaultLanguage).toBe('es-US');
    expect(problem({ defaultLanguage: 'fr-CA' })).toContain('defaultLanguage');
  });

  it('takes an optional E.164 after-hours nurse number, and refuses anything else', () => {
    // Act / Assess
    expect(read().afterHoursNurseNumber).toBeUndefined();
    expect(read({ afterHoursNurseNumber: '+16085550199' }).afterHoursNurseNumber).toBe('+16085550199');
    expect(problem({ afterHoursNurseNumber: '608-555-0199' })).toContain('"afterHoursNurseNumber" is not an E.164 number ("608-555-0199")');
  });

  it('names a missing connectInstanceArn with what it is and an example -c flag', () => {
    // Act
    const message = problem({ connectInstanceArn: undefined });
    // Assess
    expect(message).toContain('"connectInstanceArn" is missing: the ARN of your Amazon Connect instance.');
    expect(message).toContain('-c connectInstanceArn=arn:aws:connect:us-east-1:111122223333:instance/00000000-0000-4000-8000-000000000000');
  });

  it('reports every bad value at once', () => {
    // Act
    const message = problem({ epicTokenUrl: 'http://fhir.example.org/token', epicPatientSearch: 'mrn', epicClientId: '' });
    // Assess
    expect(message).toMatch(/"epicClientId" is missing/);
    expect(message).toMatch(/"epicTokenUrl" is not valid \("http:\/\/fhir\.example\.org\/token"\)/);
    expect(message).toMatch(/"epicPatientSearch" is not valid \("mrn"\)/);
  });

  it('sends appointment changes to the transfer queue unless schedulingQueueArn names a queue of the instance', () => {
    // Prepare
    const scheduling = 'arn:aws:connect:us-east-1:111122223333:instance/00000000-0000-4000-8000-000000000000/queue/66666666-6666-4666-8666-666666666666';
    const foreign = 'arn:aws:connect:us-east-1:111122223333:instance/99999999-0000-4000-8000-000000000000/queue/66666666-6666-4666-8666-666666666666';
    // Act
    const defaulted = read({ schedulingQueueArn: undefined });
    const given = read({ schedulingQueueArn: scheduling });
    const message = problem({ schedulingQueueArn: foreign });
    // Assess
    expect(defaulted.schedulingQueueArn).toBe(defaulted.transferQueueArn);
    expect(given.schedulingQueueArn).toBe(scheduling);
    expect(message).toContain('"schedulingQueueArn" is a queue of another instance than connectInstanceArn');
  });

  it('refuses a transfer queue of another instance', () => {
    // Act
    const message = problem({
      transferQueueArn:
        'arn:aws:connect:us-east-1:111122223333:instance/99999999-0000-4000-8000-000000000000/queue/11111111-1111-4111-8111-111111111111',
    });
    // Assess
    expect(message).toContain('"transferQueueArn" is a queue of another instance than connectInstanceArn');
  });

  it('needs the care team\'s two task queues, each of the instance, and says how to find them', () => {
    // Act
    const missing = problem({ careTeamQueueArn: undefined });
    const foreign = problem({
      urgentQueueArn: 'arn:aws:connect:us-east-1:111122223333:instance/99999999-0000-4000-8000-000000000000/queue/55555555-5555-4555-8555-555555555555',
    });
    // Assess
    expect(missing).toContain('"careTeamQueueArn" is missing: the ARN of the Connect queue of the care team\'s routine tasks (Routing → Queues → the queue → Show additional queue information).');
    expect(foreign).toContain('"urgentQueueArn" is a queue of another instance than connectInstanceArn');
  });

  const realInstance = {
    connectInstanceArn: 'arn:aws:connect:eu-west-2:444455556666:instance/aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee',
    transferQueueArn:
      'arn:aws:connect:eu-west-2:444455556666:instance/aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee/queue/bbbbbbbb-cccc-4ddd-8eee-ffffffffffff',
    careTeamQueueArn:
      'arn:aws:connect:eu-west-2:444455556666:instance/aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee/queue/cccccccc-cccc-4ddd-8eee-ffffffffffff',
    urgentQueueArn:
      'arn:aws:connect:eu-west-2:444455556666:instance/aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee/queue/dddddddd-cccc-4ddd-8eee-ffffffffffff',
  };

  it('deploys to the account and region of the given instance, and it is no longer the example', () => {
    // Act
    const settings = read({ ...realInstance, epicClientId: '0f7a2c1e-real' });
    // Assess
    expect(settings.env).toEqual({ account: '444455556666', region: 'eu-west-2' });
    expect(settings.isExample).toBe(false);
  });

  it('refuses the placeholder client id of cdk.json for a real instance', () => {
    // Act
    const message = problem(realInstance);
    // Assess
    expect(message).toContain('"epicClientId" is still the placeholder of cdk.json');
  });

  it('takes -c strings for numbers and refuses a next signing key equal to the current one', () => {
    // Act
    const settings = read({ fulfillmentReservedConcurrency: '40', epicPatientSearch: 'name', epicFhirVersion: 'STU3' });
    const message = problem({ nextSigningKeyAlias: 'clinic-ivr/epic-signing' });
    // Assess
    expect(settings.fulfillmentReservedConcurrency).toBe(40);
    expect(settings.epic).toMatchObject({ patientSearch: 'name', fhirVersion: 'STU3' });
    expect(message).toContain('"nextSigningKeyAlias" is not valid');
  });
});
