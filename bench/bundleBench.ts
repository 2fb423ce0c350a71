import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { percentile, round, type Figure } from './stats';

const ENTRY = fileURLToPath(new URL('../fulfillment/src/handler.ts', import.meta.url));
const NODE_MODULES = fileURLToPath(new URL('../node_modules', import.meta.url));
const COLD_RUNS = 7;

/**
 * The fulfillment bundle as Lambda gets it (esbuild, minified, ESM; `@aws-sdk/*` left out, as CDK's
 * NodejsFunction does by default for Node 18+ runtimes, which ship the AWS SDK v3) and its cold
 * import time in fresh Node processes, the SDK loaded from node_modules as the runtime loads its own:
 * the part of a cold start the code controls.
 */
export async function runBundleBench(): Promise<Figure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'clinic-ivr-bundle-'));
  try {
    const outfile = join(dir, 'index.mjs');
    await build({
      entryPoints: [ENTRY],
      outfile,
      bundle: true,
      minify: true,
      platform: 'node',
      target: 'node20',
      format: 'esm',
      // ESM bundles of CommonJS dependencies need `require`.
      banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
      external: ['@aws-sdk/*'],
      logLevel: 'silent',
    });
    // The left-out SDK resolves from the project's node_modules, as Lambda resolves the runtime's.
    symlinkSync(NODE_MODULES, join(dir, 'node_modules'), 'dir');
    const sizeKb = statSync(outfile).size / 1024;
    const probe = join(dir, 'probe.mjs');
    writeFileSync(
      probe,
      `const t = performance.now(); await import(${JSON.stringify(outfile)}); process.stdout.write(String(performance.now() - t));`,
    );
    const times: number[] = [];
    for (let i = 0; i < COLD_RUNS; i += 1) {
      times.push(Number(execFileSync(process.execPath, [probe], { encoding: 'utf8', env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' }, timeout: 30_000 })));
    }
    const coldMs = percentile(times, 50);
    return [
      { key: 'fulfillmentBundleKB', label: 'fulfillment bundle (minified, ESM) KB', value: round(sizeKb, 1), bar: '< 1024 KB', pass: sizeKb < 1024 },
      { key: 'coldInitMs', label: `cold import of the bundle, median of ${COLD_RUNS} fresh processes (ms)`, value: round(coldMs, 1), bar: '< 300 ms', pass: coldMs < 300 },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
