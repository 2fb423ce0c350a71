import { Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import { describe, expect, it } from 'vitest';
import { EncryptedTopic } from '../../infra/lib/EncryptedTopic';
import { arnOf, constructTestStack, resourceById, resources, statements } from '../support/infraApp';

/** The template of a stack with one topic. */
function topicTemplate(email?: string): Template {
  const stack = constructTestStack();
  const encryptionKey = new kms.Key(stack, 'DataKey');
  new EncryptedTopic(stack, 'Notes', { displayName: 'Clinic IVR symptom notes', encryptionKey, email });
  return Template.fromStack(stack);
}

describe('EncryptedTopic', () => {
  it('encrypts the topic with the customer-managed key and refuses publishing without TLS', () => {
    // Act
    const template = topicTemplate();
    const topic = resourceById(template, 'AWS::SNS::Topic', 'NotesTopic');
    const [policy] = resources(template, 'AWS::SNS::TopicPolicy');
    // Assess
    expect(topic.props).toEqual({
      DisplayName: 'Clinic IVR symptom notes',
      KmsMasterKeyId: arnOf(resourceById(template, 'AWS::KMS::Key', 'DataKey').id),
    });
    expect(statements(policy?.props['PolicyDocument'])).toContainEqual(
      expect.objectContaining({ Effect: 'Deny', Action: 'sns:Publish', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
    );
  });

  it('subscribes an e-mail address only when one is given', () => {
    // Act
    const without = resources(topicTemplate(), 'AWS::SNS::Subscription');
    const withEmail = resources(topicTemplate('care-team@clinic.example'), 'AWS::SNS::Subscription');
    // Assess
    expect(without).toEqual([]);
    expect(withEmail.map((subscription) => [subscription.props['Protocol'], subscription.props['Endpoint']])).toEqual([
      ['email', 'care-team@clinic.example'],
    ]);
  });
});
