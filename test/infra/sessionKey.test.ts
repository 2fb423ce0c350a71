import { Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import { describe, expect, it } from 'vitest';
import { NodeFunction } from '../../infra/lib/NodeFunction';
import { SessionKey } from '../../infra/lib/SessionKey';
import { arnOf, constructTestStack, resourceById, statements } from '../support/infraApp';

/** A stack with a session key read by one function. */
function sessionKeyStack() {
  const stack = constructTestStack();
  const encryptionKey = new kms.Key(stack, 'DataKey');
  const sessionKey = new SessionKey(stack, 'SessionKey', { encryptionKey });
  const fn = new NodeFunction(stack, 'Fn', {
    entry: 'fulfillment/functions/jwks/handler.ts',
    description: 'test function',
    encryptionKey,
    environment: { SESSION_KEY_SECRET_ARN: sessionKey.secretArn },
  });
  sessionKey.grantRead(fn);
  const template = Template.fromStack(stack);
  return { template, dataKey: resourceById(template, 'AWS::KMS::Key', 'DataKey').id, secret: resourceById(template, 'AWS::SecretsManager::Secret', 'SessionKey') };
}

describe('SessionKey', () => {
  it('generates 64 letters and digits, encrypted with the customer-managed key', () => {
    // Act
    const { secret, dataKey } = sessionKeyStack();
    // Assess
    expect(secret.props).toMatchObject({
      KmsKeyId: arnOf(dataKey),
      GenerateSecretString: { PasswordLength: 64, ExcludePunctuation: true },
    });
  });

  it('grantRead lets a function read this secret\'s value and nothing else', () => {
    // Act
    const { template, secret } = sessionKeyStack();
    const granted = statements(resourceById(template, 'AWS::IAM::ManagedPolicy', 'FnPolicy').props['PolicyDocument']);
    // Assess
    expect(granted).toEqual([{ Sid: 'ReadSessionKey', Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: { Ref: secret.id } }]);
  });
});
