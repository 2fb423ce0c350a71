import { Template } from 'aws-cdk-lib/assertions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { describe, expect, it } from 'vitest';
import { keepLogicalId } from '../../infra/lib/logicalIds';
import { constructTestStack, resources } from '../support/infraApp';

describe('keepLogicalId', () => {
  it('gives a moved resource the logical id it was deployed with', () => {
    // Prepare
    const stack = constructTestStack();
    const queue = new sqs.Queue(new Construct(stack, 'NewHome'), 'Queue');
    // Act
    keepLogicalId(queue, 'OldHomeQueue12345678');
    // Assess
    expect(resources(Template.fromStack(stack), 'AWS::SQS::Queue').map((resource) => resource.id)).toEqual(['OldHomeQueue12345678']);
  });

  it('refuses a construct without a CloudFormation resource of its own', () => {
    // Prepare
    const stack = constructTestStack();
    // Act
    const keep = (): void => keepLogicalId(new Construct(stack, 'Empty'), 'Anything');
    // Assess
    expect(keep).toThrow(/ConstructTest\/Empty has no CloudFormation resource/);
  });
});
