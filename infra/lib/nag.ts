import { Validations } from 'aws-cdk-lib';
import type { App } from 'aws-cdk-lib';
import { AwsSolutionsChecks, HIPAASecurityChecks } from 'cdk-nag';

/**
 * Runs the cdk-nag AWS Solutions and HIPAA Security packs on every synthesis of `app`.
 *
 * cdk-nag 3 is a CDK policy-validation plugin: after the templates are written, each pack walks the
 * construct tree, and any finding not acknowledged on the resource or one of its parents fails
 * synthesis with a report (also written to `cdk.out/validation-report.json`). Acknowledgements are
 * `Validations.of(construct).acknowledge({ id, reason })` next to the construct they concern; the
 * reviewed list is `infra/nag-acknowledgements.json`, which `test/infra/nag.test.ts` keeps exact.
 *
 * The acknowledgements are also written into each resource's template Metadata (`cdk_nag`), so the
 * deployed template carries its own audit trail.
 *
 * @example
 * const app = new App();
 * addNagPacks(app);
 */
export function addNagPacks(app: App): void {
  Validations.of(app).addPlugins(
    new AwsSolutionsChecks(app, { verbose: true, writeSuppressionsToCloudFormation: true }),
    // The metadata aspect is registered once, by the first pack; a second would write the same.
    new HIPAASecurityChecks(app, { verbose: true }),
  );
}
