import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_PATIENT_SEARCH_STRATEGY } from '../contract';
import { MemoryAuditLog } from '../fulfillment/audit';
import { systemClock, type Clock } from '../fulfillment/runtime/clock';
import { loadConfig, type Config } from '../fulfillment/runtime/config';
import type { DialogDeps } from '../fulfillment/dialog/turn';
import { EpicGateway } from '../fulfillment/epic';
import { depsFromConfig } from '../fulfillment/functions/lex-code-hook/deps';
import { createHandler, type LexHandler } from '../fulfillment/dialog/codeHook';
import { generateSessionKey, SessionTokenService } from '../fulfillment/session';
import { PrintingTextSender } from '../fulfillment/sms';
import { InMemoryLockoutStore, type LockoutStore } from '../fulfillment/verification';
import { MemoryRefillRequests } from '../fulfillment/refills';
import { generateLocalSigningIdentity, type LocalSigningIdentity } from './localKey';
import { startSandbox, type Sandbox, type SandboxOptions } from './server';
import type { SandboxClient } from './types';

/** What the runtime needs of the Epic stand-in: where it answers, and how to stop it. */
export interface SandboxEndpoints {
  readonly tokenUrl: string;
  readonly fhirR4BaseUrl: string;
  close(): Promise<void>;
}

/** The whole fulfillment side on one machine: the sandbox as Epic, the real handler, local stores. */
export interface LocalRuntime<S extends SandboxEndpoints = Sandbox> {
  readonly sandbox: S;
  readonly identity: LocalSigningIdentity;
  readonly config: Config;
  readonly deps: DialogDeps;
  /** The Epic client the handler uses, for checks against what the caller heard. */
  readonly epic: EpicGateway;
  /** The real Lex handler, wired to the sandbox. */
  readonly handler: LexHandler;
  /** Audit events written during the run (in memory). */
  readonly audit: MemoryAuditLog;
  /** Refill requests the caller confirmed, waiting to be filed (the local pipeline drains them after the call). */
  readonly refills: MemoryRefillRequests;
  /** Texts "sent" to callers: printed (once the simulator attaches its output) and kept, never sent. */
  readonly texts: PrintingTextSender;
  close(): Promise<void>;
}

/** Options of {@link startLocalRuntime}. */
export interface LocalRuntimeOptions {
  readonly sandbox?: Omit<SandboxOptions, 'clients'>;
  /** Extra environment for `loadConfig` (e.g. `EPIC_PATIENT_SEARCH`). */
  readonly env?: Record<string, string>;
  /** @default systemClock */
  readonly clock?: Clock;
  /** @default an in-memory store with the production policy (3 failures in 15 minutes) */
  readonly lockout?: LockoutStore;
}

/**
 * Starts the sandbox on loopback with a fresh signing key registered (as an admin registers one with
 * Epic), loads the configuration the Lambda would get, and builds the real handler on top of it.
 * The sandbox enforces Epic's Patient search minimum data sets, as a stock Epic does, unless the
 * `telecom` strategy is chosen (`env.EPIC_PATIENT_SEARCH`): its search only passes an Epic that
 * relaxed them. `options.sandbox` overrides either.
 */
export async function startLocalRuntime(options: LocalRuntimeOptions = {}): Promise<LocalRuntime> {
  const relaxedPatientSearch = (options.env?.['EPIC_PATIENT_SEARCH'] ?? DEFAULT_PATIENT_SEARCH_STRATEGY) === 'telecom';
  return wireLocalRuntime(options, (clients) => startSandbox({ relaxedPatientSearch, notes: LOCAL_NOTE_RULES, ...options.sandbox, clients }));
}

/**
 * Epic's clinical-note rules as local mode runs them: note type and `text/plain` content enforced, the
 * encounter relaxed: the local symptom pipeline files under no encounter (the pipeline's own default
 * `none`), since the synthetic patients have no visit on the day of a simulated call. `npm run
 * sandbox` (and `startSandbox`) enforce the rule, as a stock Epic does, and the deployed default
 * (`SYMPTOM_ENCOUNTER_STRATEGY=sameDay`, `SYMPTOM_ENCOUNTER_REQUIRED=true`) follows it.
 */
export const LOCAL_NOTE_RULES = { encounterRequired: false } as const;

/**
 * {@link startLocalRuntime} on an Epic stand-in that `start` runs (given the client registrations
 * it must accept), e.g. a sandbox in a worker thread (`startIsolatedSandbox`).
 */
export async function wireLocalRuntime<S extends SandboxEndpoints>(
  options: Omit<LocalRuntimeOptions, 'sandbox'>,
  start: (clients: SandboxClient[]) => Promise<S>,
): Promise<LocalRuntime<S>> {
  const identity = await generateLocalSigningIdentity();
  const clientId = 'clinic-ivr-local';
  const sandbox = await start([{ clientId, jwks: identity.jwks }]);
  const scratch = mkdtempSync(join(tmpdir(), 'clinic-ivr-'));
  const clock = options.clock ?? systemClock;
  const config = loadConfig({
    EPIC_CLIENT_ID: clientId,
    EPIC_TOKEN_URL: sandbox.tokenUrl,
    EPIC_FHIR_BASE_URL: sandbox.fhirR4BaseUrl,
    // The signer is injected below; the variable only satisfies the one-signer rule.
    SIGNING_KMS_KEY_ID: 'local-signer-injected',
    SESSION_KEY: generateSessionKey(),
    AUDIT_LOG_FILE: join(scratch, 'audit.jsonl'),
    // What the printed texts name: a made-up clinic in the synthetic patients' area code (608).
    CLINIC_NAME: 'Sandbox Family Clinic',
    CLINIC_STREET_ADDRESS: '1200 Lakeshore Drive, Madison, WI',
    ...options.env,
  });
  const epic = new EpicGateway(config.epic, config.phoneDefaultRegion, { signer: identity.signer, clock });
  const audit = new MemoryAuditLog();
  const refills = new MemoryRefillRequests();
  const texts = new PrintingTextSender();
  const deps: DialogDeps = {
    ...(await depsFromConfig(config, { epic, refills, texts })),
    sessions: new SessionTokenService({ key: config.session.key, clock }),
    lockout: options.lockout ?? new InMemoryLockoutStore({ clock }),
    audit,
    clock,
  };
  return {
    sandbox,
    identity,
    config,
    deps,
    epic,
    audit,
    refills,
    texts,
    handler: createHandler(async () => deps),
    close: async () => {
      await sandbox.close();
      rmSync(scratch, { recursive: true, force: true });
    },
  };
}
