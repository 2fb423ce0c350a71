import { CfnResource } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/**
 * Gives the CloudFormation resource of `construct` the logical id `logicalId` instead of the one its
 * construct path would give. For a stateful resource whose construct moved: CloudFormation knows a
 * resource by its logical id, so a new id would create a new, empty resource and delete (or, when
 * retained, orphan) the deployed one with its data. `infra/stateful-logical-ids.json` lists the ids
 * to keep; `test/infra/statefulIds.test.ts` checks them.
 *
 * @example
 * keepLogicalId(sessionKey.secret, 'FulfillmentSessionKeySecret7B090428');
 */
export function keepLogicalId(construct: IConstruct, logicalId: string): void {
  const resource = construct.node.defaultChild;
  if (!CfnResource.isCfnResource(resource)) throw new Error(`keepLogicalId: ${construct.node.path} has no CloudFormation resource`);
  resource.overrideLogicalId(logicalId);
}
