import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { ClinicIvrStack } from '../../infra/lib/ClinicIvrStack';

describe('CDK stack', () => {
  it('synthesizes offline with an RSA-2048 signing key kept on stack deletion', () => {
    // Prepare
    const app = new App();
    // Act
    const template = Template.fromStack(new ClinicIvrStack(app, 'Test'));
    // Assess
    template.hasResource('AWS::KMS::Key', {
      Properties: { KeySpec: 'RSA_2048', KeyUsage: 'SIGN_VERIFY' },
      DeletionPolicy: 'Retain',
    });
    template.hasResourceProperties('AWS::KMS::Alias', { AliasName: 'alias/clinic-ivr/epic-signing' });
    expect(Object.keys(template.findOutputs('*')).some((name) => name.includes('SigningKeyArn'))).toBe(true);
  });
});
