import { runAudioBench } from './audioBench';
import { runBundleBench } from './bundleBench';
import { runDialogBench } from './dialogBench';
import { runEpicBench } from './epicBench';
import { runInboxBench } from './inboxBench';
import { runInboxPageBench } from './inboxPageBench';
import { runLiveMkvBench } from './liveMkvBench';
import { printTable, type Figure } from './stats';
import { runTriageBench } from './triageBench';

/**
 * `npm run bench`: prints each benchmark's table; with `--json`, the last line of output is one flat
 * JSON object of every figure (unit in the key). Benchmarks print figures; tests assert behaviour.
 */
async function main(): Promise<void> {
  const json = process.argv.includes('--json');
  const figures: Figure[] = [];
  const epic = await runEpicBench();
  printTable('Epic client (sandbox on loopback)', epic);
  figures.push(...epic);
  const dialog = await runDialogBench();
  printTable('Simulated calls through the handler (150 ms Epic latency)', dialog);
  figures.push(...dialog);
  const bundle = await runBundleBench();
  printTable('Fulfillment bundle', bundle);
  figures.push(...bundle);
  const audio = await runAudioBench();
  printTable('Symptom audio: Connect MKV to 16 kHz WAV', audio);
  figures.push(...audio);
  const live = await runLiveMkvBench();
  printTable('Live transcription: Connect MKV read as it arrives, to 16 kHz chunks', live);
  figures.push(...live);
  const inbox = await runInboxBench();
  printTable('Care-team inbox service (memory note store, sandbox Epic at 0 ms)', inbox);
  figures.push(...inbox);
  const inboxPage = await runInboxPageBench();
  printTable('Care-team inbox in the browser (npm run inbox, headless Chromium)', inboxPage);
  figures.push(...inboxPage);
  const triage = await runTriageBench();
  printTable('Live triage at # (local: stand-in transcriber, 800 ms finalization)', triage);
  figures.push(...triage);
  if (json) {
    process.stdout.write(`${JSON.stringify(Object.fromEntries(figures.map((figure) => [figure.key, figure.value])))}\n`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exit(1);
});
