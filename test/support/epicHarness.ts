import type { Resource } from '@medplum/fhirtypes';
import type { Clock } from '../../fulfillment/runtime/clock';
import { loadConfig } from '../../fulfillment/runtime/config';
import { EpicGateway, type GatewayLogger } from '../../fulfillment/epic';
import { generateSessionKey } from '../../fulfillment/session';
import { generateLocalSigningIdentity, type LocalSigningIdentity } from '../../sandbox/localKey';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../sandbox/server';
import { useStarted } from './lifecycle';

/** A sandbox with one registered client and a gateway pointed at it, as the Lambda would be. */
export interface EpicHarness {
  readonly sandbox: Sandbox;
  readonly identity: LocalSigningIdentity;
  readonly clientId: string;
  gateway(overrides?: Record<string, string>, deps?: { clock?: Clock; logger?: GatewayLogger }): EpicGateway;
  close(): Promise<void>;
}

/** Starts the sandbox on a free loopback port with a fresh key registered for `clientId`. */
export async function startEpicHarness(
  options: Omit<SandboxOptions, 'clients'> & { resources?: Resource[] } = {},
): Promise<EpicHarness> {
  const identity = await generateLocalSigningIdentity();
  const clientId = 'test-client';
  const sandbox = await startSandbox({ relaxedPatientSearch: true, ...options, clients: [{ clientId, jwks: identity.jwks }] });
  return {
    sandbox,
    identity,
    clientId,
    gateway(overrides = {}, deps = {}) {
      const config = loadConfig({
        EPIC_CLIENT_ID: clientId,
        EPIC_TOKEN_URL: sandbox.tokenUrl,
        EPIC_FHIR_BASE_URL: sandbox.fhirR4BaseUrl,
        SIGNING_KMS_KEY_ID: 'not-used-the-signer-is-injected',
        SESSION_KEY: generateSessionKey(),
        ...overrides,
      });
      return new EpicGateway(config.epic, config.phoneDefaultRegion, { signer: identity.signer, random: () => 0.5, ...deps });
    },
    close: () => sandbox.close(),
  };
}

/** Real time for `now`, instant `sleep` that records what was asked: retries are observed, not waited for. */
export class InstantSleepClock implements Clock {
  public readonly slept: number[] = [];
  public now(): number {
    return Date.now();
  }
  public async sleep(ms: number): Promise<void> {
    this.slept.push(ms);
  }
}

/**
 * {@link startEpicHarness} for every test of the calling file or `describe`, with the sandbox's
 * faults and request counts cleared after each test.
 *
 * @example
 * const harness = useEpicHarness({ resources: [PATIENT] });
 */
export function useEpicHarness(options: Parameters<typeof startEpicHarness>[0] = {}): EpicHarness {
  return useStarted(
    () => startEpicHarness(options),
    (started) => {
      started.sandbox.setFaults({});
      started.sandbox.resetStats();
    },
  );
}
