/**
 * Helpers for the `test/infra` tests: the CDK app exactly as `cdk synth` builds it (nag packs on,
 * context from cdk.json), synthesized offline, and typed reading of its template.
 */

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { buildClinicIvrApp } from '../../infra/lib/clinicIvrApp';
import type { ClinicIvrStack } from '../../infra/lib/ClinicIvrStack';
import { cdkJsonContext } from './cdkJson';
import type { JsonObject } from './lexTemplate';
import { arr, obj } from './lexTemplate';


/** A synthesized ClinicIvr app. */
export interface SynthesizedApp {
  readonly app: App;
  readonly stack: ClinicIvrStack;
  readonly template: Template;
  /** Directory of the cloud assembly (assets, validation report). */
  readonly outdir: string;
}

/**
 * Builds and synthesizes the app with cdk.json's context plus `context`. Without `bundle`, the
 * Lambda code is not bundled (CDK's `aws:cdk:bundling-stacks` set to none): templates are the
 * same, only the asset is a placeholder, and synthesis takes a second instead of esbuild's run.
 * Validation (the nag packs) runs either way, and a violation throws.
 */
export function synthesizeClinicIvr(context: Record<string, unknown> = {}, options: { readonly bundle?: boolean } = {}): SynthesizedApp {
  const outdir = mkdtempSync(join(tmpdir(), 'clinic-ivr-cdk-'));
  const app = new App({
    outdir,
    context: {
      ...cdkJsonContext(),
      ...(options.bundle === true ? {} : { 'aws:cdk:bundling-stacks': [] }),
      // Validation failures throw from synth() with the full report (not just exit code 1).
      '@aws-cdk/core:appMode': 'inmemory',
      ...context,
    },
  });
  const stack = buildClinicIvrApp(app);
  const template = Template.fromStack(stack);
  return { app, stack, template, outdir };
}

/**
 * An empty stack in the example account and region (those of cdk.json's instance), for testing one
 * construct on its own: no nag packs, and Lambda code is not bundled (the template is the same).
 */
export function constructTestStack(): Stack {
  // cdk.json's context carries the feature flags (partition literals) the app synthesizes with.
  const app = new App({ context: { ...cdkJsonContext(), 'aws:cdk:bundling-stacks': [] } });
  return new Stack(app, 'ConstructTest', { env: { account: '111122223333', region: 'us-east-1' } });
}

/** A template resource: logical id, type, properties and the rest of its attributes. */
export interface TemplateResource {
  readonly id: string;
  readonly type: string;
  readonly props: JsonObject;
  readonly resource: JsonObject;
}

/** Every resource of `type` (all resources when omitted). */
export function resources(template: Template, type?: string): readonly TemplateResource[] {
  const all = obj(template.toJSON()['Resources']);
  return Object.entries(all)
    .map(([id, value]) => {
      const resource = obj(value);
      return { id, type: String(resource['Type']), props: obj(resource['Properties'] ?? {}), resource };
    })
    .filter((resource) => type === undefined || resource.type === type);
}

/** The one resource of `type` whose logical id starts with `idPrefix`. */
export function resourceById(template: Template, type: string, idPrefix: string): TemplateResource {
  const found = resources(template, type).filter((resource) => resource.id.startsWith(idPrefix));
  if (found.length !== 1) throw new Error(`expected one ${type} with id ${idPrefix}*, found ${found.map((r) => r.id).join(', ') || 'none'}`);
  const [only] = found;
  if (only === undefined) throw new Error('unreachable');
  return only;
}

/** `{ "Fn::GetAtt": [id, "Arn"] }`. */
export function arnOf(id: string): JsonObject {
  return { 'Fn::GetAtt': [id, 'Arn'] };
}

/** Statements of an IAM policy document. */
export function statements(policyDocument: unknown): readonly JsonObject[] {
  return arr(obj(policyDocument)['Statement']).map(obj);
}

/** One acknowledged cdk-nag finding: the rule (with its finding, if any), where, and why. */
export interface NagAcknowledgement {
  readonly rule: string;
  readonly path: string;
  readonly reason: string;
}

/** Rule ids of the two packs the app runs. */
const NAG_RULE = /^(AwsSolutions|HIPAA\.Security)-/;

/**
 * Every cdk-nag acknowledgement in the construct tree under `scope`, sorted by path and rule. They
 * are `Validations.of(construct).acknowledge()` calls, which CDK records as construct metadata
 * (cdk-nag 3 reads the same metadata). Acknowledgements of CDK's own template checks, which some
 * aws-cdk-lib constructs add to themselves, are not cdk-nag's and are left out.
 */
export function nagAcknowledgements(scope: IConstruct): readonly NagAcknowledgement[] {
  return scope.node
    .findAll()
    .flatMap((construct) =>
      construct.node.metadata
        .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
        .flatMap((entry) =>
          Object.entries(obj(entry.data)).map(([id, reason]) => ({
            // aws-cdk-lib records an id without a known prefix as an annotation rule ("Annotation::…").
            rule: id.replace(/^annotation::/i, ''),
            path: construct.node.path,
            reason: String(reason),
          })),
        ),
    )
    .filter((acknowledgement) => NAG_RULE.test(acknowledgement.rule))
    .sort((a, b) => a.path.localeCompare(b.path) || a.rule.localeCompare(b.rule));
}
