import type { App } from 'aws-cdk-lib';
import { ClinicIvrStack } from './ClinicIvrStack';
import { readDeploymentContext } from './deploymentContext';
import { addNagPacks } from './nag';

/** Id (and CloudFormation name) of the stack. */
export const STACK_ID = 'ClinicIvr';

/**
 * The CDK app of the IVR, as `cdk synth` builds it: the nag packs, then the stack configured from
 * the CDK context. `infra/bin/app.ts` and the tests both build it here, so the tests check exactly
 * what is deployed.
 *
 * @example
 * const stack = buildClinicIvrApp(new App());
 */
export function buildClinicIvrApp(app: App): ClinicIvrStack {
  addNagPacks(app);
  const deployment = readDeploymentContext(app.node);
  return new ClinicIvrStack(app, STACK_ID, {
    deployment,
    env: deployment.env,
    description: 'Clinic voice IVR on Amazon Connect and Lex V2, reaching Epic FHIR',
  });
}
