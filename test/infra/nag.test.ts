import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks, HIPAASecurityChecks, NagPack } from 'cdk-nag';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addNagPacks } from '../../infra/lib/nag';
import { REQUIRE_BANNER } from '../../infra/lib/NodeFunction';
import { arr, obj } from '../support/lexTemplate';
import type { NagAcknowledgement, SynthesizedApp } from '../support/infraApp';
import { nagAcknowledgements, resourceById, synthesizeClinicIvr } from '../support/infraApp';

/** The reviewed list, as committed. */
function reviewedAcknowledgements(): readonly NagAcknowledgement[] {
  const file = obj(JSON.parse(readFileSync(new URL('../../infra/nag-acknowledgements.json', import.meta.url), 'utf8')));
  return arr(file['acknowledgements']).map((entry) => {
    const { rule, path, reason } = obj(entry);
    return { rule: String(rule), path: String(path), reason: String(reason) };
  });
}

/** A finding: a rule reported on the resource at a construct path. */
interface Finding {
  readonly rule: string;
  readonly path: string;
}

/**
 * What both packs report on `stack` when acknowledgements are ignored. cdk-nag 3.0.2 consults them
 * in its one private method `isAcknowledged`; replacing it on a pack instance turns them off.
 */
function findingsIgnoringAcknowledgements(stack: Stack): readonly Finding[] {
  const packs: NagPack[] = [new AwsSolutionsChecks(), new HIPAASecurityChecks()];
  return packs.flatMap((pack) => {
    if (!('isAcknowledged' in pack)) throw new Error('cdk-nag no longer has NagPack.isAcknowledged: update this test');
    Object.defineProperty(pack, 'isAcknowledged', { value: () => false });
    return pack
      .validateScope(stack)
      .violations.flatMap((violation) => violation.violatingResources.map((resource) => ({ rule: violation.ruleName, path: String(resource.constructPath) })));
  });
}

describe('cdk-nag', () => {
  describe('the packs really run', () => {
    const outdir = mkdtempSync(join(tmpdir(), 'nag-throwaway-'));
    afterAll(() => rmSync(outdir, { recursive: true, force: true }));

    it('fails synthesis of an app with an unencrypted, unlogged bucket, naming AwsSolutions and HIPAA Security rules', () => {
      // Prepare
      const app = new App({ outdir: join(outdir, 'failing'), context: { '@aws-cdk/core:appMode': 'inmemory' } });
      addNagPacks(app);
      new s3.Bucket(new Stack(app, 'NonCompliant'), 'Bucket');
      // Act
      const synth = (): unknown => app.synth();
      // Assess
      expect(synth).toThrow(/AwsSolutions-S1[^\n]*\n?[\s\S]*HIPAA\.Security-S3DefaultEncryptionKMS|HIPAA\.Security-S3DefaultEncryptionKMS[\s\S]*AwsSolutions-S1/);
    });

    it('lets an acknowledgement on the resource silence exactly that rule', () => {
      // Prepare
      const app = new App({ outdir: join(outdir, 'acknowledged'), context: { '@aws-cdk/core:appMode': 'inmemory' } });
      addNagPacks(app);
      const bucket = new s3.Bucket(new Stack(app, 'Acknowledged'), 'Bucket');
      Validations.of(bucket).acknowledge({ id: 'AwsSolutions-S1', reason: 'test: access logs not wanted' });
      // Act
      let message = '';
      try {
        app.synth();
      } catch (error) {
        message = error instanceof Error ? error.message : String(error);
      }
      // Assess
      expect(message).toMatch(/HIPAA\.Security-S3BucketLoggingEnabled/);
      expect(message).not.toMatch(/AwsSolutions-S1\b/);
    });
  });

  describe('the ClinicIvr app', () => {
    let synthesized: SynthesizedApp;

    beforeAll(() => {
      // The one synthesis with real bundling: esbuild from node_modules, forceDockerBundling false.
      synthesized = synthesizeClinicIvr({}, { bundle: true });
    }, 120_000);

    afterAll(() => rmSync(synthesized.outdir, { recursive: true, force: true }));

    it('synthesizes with both packs and no finding, bundling each function with local esbuild as ESM with a source map', () => {
      // Prepare
      const report = obj(JSON.parse(readFileSync(join(synthesized.outdir, 'validation-report.json'), 'utf8')));
      const violations = arr(report['pluginReports']).flatMap((plugin) => arr(obj(plugin)['violations'] ?? []));
      // Act
      const bundles = ['FulfillmentFunction', 'JwksFunction'].map((prefix) => {
        const code = obj(resourceById(synthesized.template, 'AWS::Lambda::Function', prefix).props['Code']);
        return join(synthesized.outdir, `asset.${String(code['S3Key']).replace(/\.zip$/, '')}`);
      });
      // Assess
      expect(violations).toEqual([]);
      for (const bundle of bundles) {
        expect(readFileSync(join(bundle, 'index.mjs'), 'utf8').slice(0, REQUIRE_BANNER.length)).toBe(REQUIRE_BANNER);
        expect(existsSync(join(bundle, 'index.mjs.map'))).toBe(true);
      }
    });

    it('produces bundles that Node loads as ES modules exporting handler', () => {
      // Prepare
      const bundles = ['FulfillmentFunction', 'JwksFunction'].map((prefix) => {
        const code = obj(resourceById(synthesized.template, 'AWS::Lambda::Function', prefix).props['Code']);
        return join(synthesized.outdir, `asset.${String(code['S3Key']).replace(/\.zip$/, '')}`, 'index.mjs');
      });
      // Act: a fresh Node process, as Lambda loads it (a missing require or a bad import fails here)
      const exported = bundles.map((bundle) =>
        execFileSync(process.execPath, ['--input-type=module', '-e', `const m = await import(${JSON.stringify(bundle)}); console.log(typeof m.handler);`], {
          encoding: 'utf8',
          cwd: tmpdir(),
        }).trim(),
      );
      // Assess
      expect(exported).toEqual(['function', 'function']);
    });

    it('acknowledges exactly the reviewed list in infra/nag-acknowledgements.json', () => {
      // Act
      const inApp = nagAcknowledgements(synthesized.app);
      // Assess
      expect(inApp).toEqual(reviewedAcknowledgements());
    });

    it('acknowledges on the constructs concerned, never on the stack or the app', () => {
      // Act
      const paths = nagAcknowledgements(synthesized.app).map((acknowledgement) => acknowledgement.path);
      // Assess
      for (const path of paths) expect(path.split('/').length).toBeGreaterThanOrEqual(3);
    });

    it('needs every acknowledgement: without them, the packs report each rule on its construct', () => {
      // Act
      const findings = findingsIgnoringAcknowledgements(synthesized.stack);
      // Assess
      const unneeded = nagAcknowledgements(synthesized.app).filter(
        (acknowledgement) =>
          !findings.some(
            (finding) => finding.rule === acknowledgement.rule && (finding.path === acknowledgement.path || finding.path.startsWith(`${acknowledgement.path}/`)),
          ),
      );
      expect(unneeded).toEqual([]);
      expect(findings.length).toBeGreaterThan(0);
    });
  });
});
