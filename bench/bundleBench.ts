import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Metafile } from 'esbuild';
import { BUNDLING, FUNCTION_NODE_OPTIONS } from '../infra/lib/NodeFunction';
import { percentile, round, type Figure } from './stats';

const ENTRY = fileURLToPath(new URL('../fulfillment/functions/lex-code-hook/handler.ts', import.meta.url));
const NODE_MODULES = fileURLToPath(new URL('../node_modules', import.meta.url));
const COLD_RUNS = 11;
/** Packages listed by size after the table: where the bytes (and most of the parse time) are. */
const LARGEST_SHOWN = 6;

/**
 * The fulfillment bundle exactly as Lambda gets it, and its cold import time.
 *
 * - Build: esbuild with NodeFunction's own settings (`BUNDLING`: minified ESM for node24, ESM entry
 *   points of dependencies first, the AWS SDK bundled but for the credential providers Lambda never
 *   loads, a linked source map), so a change there changes these figures.
 * - Cold import: a fresh Node process per run imports the bundle file itself, with the
 *   `NODE_OPTIONS` the function runs with (`--enable-source-maps`: Node then reads the .map file
 *   while it loads the module, a real part of Lambda's init). That is the part of Lambda's init
 *   phase the code controls; the runtime's own start is left out. The handler reads its
 *   configuration at the first invocation (the Parameters and Secrets extension does not answer
 *   during init), so no network is involved.
 * - Externals: the bundle directory gets a `node_modules` link to the project's, so anything left
 *   external resolves to an installed SDK the way Lambda resolves the runtime's copy (CommonJS
 *   `main` builds of separate packages). With today's settings nothing outside Node is imported at
 *   init; the table says so, and says which packages would be if that changed.
 * - Machine: figures are relative. Lambda at 1024 MB has about 0.6 vCPU, this bench all of one core.
 */
export async function runBundleBench(): Promise<Figure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'clinic-ivr-bundle-'));
  try {
    const outfile = join(dir, 'index.mjs');
    const { metafile } = await build({
      entryPoints: [ENTRY],
      outfile,
      bundle: true,
      platform: 'node',
      format: BUNDLING.format,
      target: BUNDLING.target,
      mainFields: [...BUNDLING.mainFields],
      banner: { js: BUNDLING.banner },
      minify: BUNDLING.minify,
      sourcemap: BUNDLING.sourceMap,
      sourcesContent: BUNDLING.sourcesContent,
      external: [...BUNDLING.externalModules],
      metafile: true,
      logLevel: 'silent',
    });
    symlinkSync(NODE_MODULES, join(dir, 'node_modules'), 'dir');
    const sizeKb = statSync(outfile).size / 1024;
    const probe = join(dir, 'probe.mjs');
    writeFileSync(
      probe,
      `const t = performance.now(); await import(${JSON.stringify(outfile)}); process.stdout.write(String(performance.now() - t));`,
    );
    const times: number[] = [];
    for (let i = 0; i < COLD_RUNS; i += 1) {
      const output = execFileSync(process.execPath, [...FUNCTION_NODE_OPTIONS.split(' '), probe], {
        encoding: 'utf8',
        env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
        timeout: 30_000,
      });
      times.push(Number(output));
    }
    const coldMs = percentile(times, 50);
    describeBundle(metafile);
    return [
      { key: 'fulfillmentBundleKB', label: 'fulfillment bundle (minified, ESM) KB', value: round(sizeKb, 1), bar: '< 1024 KB', pass: sizeKb < 1024 },
      { key: 'coldInitMs', label: `cold import of the bundle, median of ${COLD_RUNS} fresh processes (ms)`, value: round(coldMs, 1), bar: '< 300 ms', pass: coldMs < 300 },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Prints the largest packages in the bundle and the packages it imports from outside at init. */
function describeBundle(metafile: Metafile): void {
  const output = Object.entries(metafile.outputs).find(([path]) => path.endsWith('.mjs'))?.[1];
  if (output === undefined) return;
  const byPackage = new Map<string, number>();
  for (const [path, input] of Object.entries(output.inputs)) {
    const name = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path)?.[1] ?? 'project code';
    byPackage.set(name, (byPackage.get(name) ?? 0) + input.bytesInOutput);
  }
  const largest = [...byPackage].sort((a, b) => b[1] - a[1]).slice(0, LARGEST_SHOWN);
  process.stdout.write(`largest in the bundle (KB): ${largest.map(([name, bytes]) => `${name} ${round(bytes / 1024, 1)}`).join(', ')}\n`);
  const builtins = new Set(builtinModules);
  const atInit = new Set<string>();
  const onDemand = new Set<string>();
  for (const imported of output.imports) {
    if (!imported.external || builtins.has(imported.path.replace(/^node:/, ''))) continue;
    (imported.kind === 'dynamic-import' ? onDemand : atInit).add(imported.path);
  }
  process.stdout.write(`external packages imported at init: ${[...atInit].join(', ') || 'none'}; only on demand: ${[...onDemand].join(', ') || 'none'}\n`);
}
