import { performance } from 'node:perf_hooks';
import { EpicGateway, type Signer } from '../fulfillment/epic';
import { loadConfig } from '../fulfillment/runtime/config';
import { logger } from '../fulfillment/runtime/logger';
import { generateSessionKey } from '../fulfillment/session';
import { DEMO_CALLER } from '../sandbox/data/scenarios';
import { startSandbox } from '../sandbox/server';
import { generateLocalSigningIdentity } from '../sandbox/localKey';
import { percentile, round, type Figure } from './stats';

/** Wraps a signer to count `sign` calls. */
class CountingSigner implements Signer {
  public readonly alg;
  public signCalls = 0;
  public constructor(private readonly inner: Signer) {
    this.alg = inner.alg;
  }
  public keyId() {
    return this.inner.keyId();
  }
  public publicJwk() {
    return this.inner.publicJwk();
  }
  public sign(data: Uint8Array) {
    this.signCalls += 1;
    return this.inner.sign(data);
  }
}

/**
 * Foundation benchmarks: the warm token path (must make no network or signing call) and the FHIR
 * medication lookup with injected Epic latency (requests per lookup, client overhead beyond it).
 */
export async function runEpicBench(): Promise<Figure[]> {
  logger.setLogLevel('ERROR');
  const identity = await generateLocalSigningIdentity();
  const signer = new CountingSigner(identity.signer);
  const clientId = 'bench-client';
  const sandbox = await startSandbox({ clients: [{ clientId, jwks: identity.jwks }] });
  try {
    const config = loadConfig({
      EPIC_CLIENT_ID: clientId,
      EPIC_TOKEN_URL: sandbox.tokenUrl,
      EPIC_FHIR_BASE_URL: sandbox.fhirR4BaseUrl,
      SIGNING_KMS_KEY_ID: 'unused-signer-is-injected',
      SESSION_KEY: generateSessionKey(),
    });
    const gateway = new EpicGateway(config.epic, config.phoneDefaultRegion, { signer });

    // Warm getToken x 1000.
    await gateway.tokens.getToken();
    sandbox.resetStats();
    const signBefore = signer.signCalls;
    const warmStart = performance.now();
    for (let i = 0; i < 1000; i += 1) await gateway.tokens.getToken();
    const warmMicros = ((performance.now() - warmStart) * 1000) / 1000;
    const warmTokenRequests = sandbox.stats.tokenRequests;
    const warmSignCalls = signer.signCalls - signBefore;

    // Medication lookup at 0 ms and 150 ms injected latency.
    const lookup = async (latencyMs: number, runs: number) => {
      sandbox.setFaults({ fhirLatencyMs: latencyMs });
      await gateway.activeMedications(DEMO_CALLER.patientId); // warm connection
      sandbox.resetStats();
      const overheads: number[] = [];
      for (let i = 0; i < runs; i += 1) {
        const before = sandbox.stats.fhirRequests;
        const started = performance.now();
        await gateway.activeMedications(DEMO_CALLER.patientId);
        const elapsed = performance.now() - started;
        overheads.push(elapsed - latencyMs * (sandbox.stats.fhirRequests - before));
      }
      return { requestsPerLookup: sandbox.stats.fhirRequests / runs, overheads };
    };
    const fast = await lookup(0, 200);
    const slow = await lookup(150, 20);
    const overheads = [...fast.overheads, ...slow.overheads];

    return [
      { key: 'warmGetTokenTokenRequests', label: 'warm getToken x1000: token requests', value: warmTokenRequests, bar: '= 0', pass: warmTokenRequests === 0 },
      { key: 'warmGetTokenSignCalls', label: 'warm getToken x1000: sign calls', value: warmSignCalls, bar: '= 0', pass: warmSignCalls === 0 },
      { key: 'warmGetTokenMicrosPerCall', label: 'warm getToken: microseconds per call', value: round(warmMicros, 3) },
      { key: 'fhirRequestsPerMedicationLookup', label: 'FHIR requests per medication lookup (150 ms)', value: round(slow.requestsPerLookup), bar: '= 1', pass: slow.requestsPerLookup === 1 },
      { key: 'lookupMsP50At0msLatency', label: 'medication lookup p50 at 0 ms latency (ms)', value: round(percentile(fast.overheads, 50)) },
      { key: 'lookupOverheadMsP50', label: 'lookup overhead beyond injected latency p50 (ms)', value: round(percentile(overheads, 50)) },
      { key: 'lookupOverheadMsP99', label: 'lookup overhead beyond injected latency p99 (ms)', value: round(percentile(overheads, 99)) },
    ];
  } finally {
    await sandbox.close();
  }
}
