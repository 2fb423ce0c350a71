import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ClientRegistry } from './assertion';
import { sandboxSchedule } from './data/appointments';
import { loadSandboxResources } from './data/load';
import { FaultInjector } from './faults';
import { handleFhirRequest, type FhirContext } from './fhir';
import { HttpError, sendOutcome } from './http';
import { handleTokenRequest, type TokenEndpointContext } from './oauth';
import { ResourceStore } from './store';
import type { FhirRelease } from './stu3';
import { AccessTokens, JtiStore } from './tokens';
import type { Sandbox, SandboxOptions, SandboxStats } from './types';

export type { FaultOptions, Sandbox, SandboxClient, SandboxOptions, SandboxStats } from './types';

/** Path of the token endpoint, as on an Epic instance. */
export const TOKEN_PATH = '/oauth2/token';

/** Paths of the FHIR bases, as on an Epic instance. */
export const FHIR_PATHS: Record<FhirRelease, string> = { R4: '/api/FHIR/R4', STU3: '/api/FHIR/STU3' };

function emptyStats(): SandboxStats {
  return { tokenRequests: 0, tokensIssued: 0, fhirRequests: 0, fhirRequestsByType: {} };
}

function checkPositiveInteger(name: string, value: number): number {
  if (!Number.isInteger(value) || value <= 0) throw new RangeError(`${name} must be a positive integer, got ${value}`);
  return value;
}

/** The FHIR release and path segments of `pathname`, when it lies under a FHIR base. */
function fhirTarget(pathname: string): { release: FhirRelease; segments: string[] } | undefined {
  for (const release of ['R4', 'STU3'] as const) {
    const prefix = FHIR_PATHS[release];
    if (pathname === prefix || pathname.startsWith(`${prefix}/`)) {
      const segments = pathname.slice(prefix.length).split('/').filter(Boolean).map(decodeURIComponent);
      return { release, segments };
    }
  }
  return undefined;
}

/**
 * Starts the Epic-like sandbox: an OAuth 2.0 token endpoint for SMART Backend Services and FHIR R4
 * and STU3 APIs over in-memory synthetic data, on loopback by default.
 */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const host = options.host ?? '127.0.0.1';
  const tokens = new AccessTokens(checkPositiveInteger('tokenTtlSeconds', options.tokenTtlSeconds ?? 3600));
  const pageSize = checkPositiveInteger('pageSize', options.pageSize ?? 10);
  const faults = new FaultInjector(options.faults);
  const clients = new ClientRegistry();
  for (const client of options.clients ?? []) clients.register(client);
  const store = new ResourceStore(options.resources ?? [...loadSandboxResources(), ...sandboxSchedule(new Date())]);
  const stats = emptyStats();
  const jtis = new JtiStore();

  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const baseUrl = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  const tokenUrl = `${baseUrl}${TOKEN_PATH}`;
  const bases: Record<FhirRelease, string> = { R4: `${baseUrl}${FHIR_PATHS.R4}`, STU3: `${baseUrl}${FHIR_PATHS.STU3}` };

  const tokenContext: TokenEndpointContext = {
    tokenUrl,
    clients,
    jtis,
    tokens,
    onTokenRequest: () => {
      stats.tokenRequests += 1;
    },
    onTokenIssued: () => {
      stats.tokensIssued += 1;
    },
    delay: () => faults.tokenDelay(),
  };
  const fhirContext: FhirContext = {
    store,
    tokens,
    faults,
    stats,
    tokenUrl,
    pageSize,
    relaxedPatientSearch: options.relaxedPatientSearch ?? false,
    notes: options.notes ?? {},
    refuseInclude: options.refuseInclude ?? false,
    refuseMultiIdSearch: options.refuseMultiIdSearch ?? false,
    emptyCreateBody: options.emptyCreateBody ?? false,
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    let url: URL;
    try {
      url = new URL(req.url ?? '/', baseUrl);
    } catch {
      throw new HttpError(400, 'invalid', 'malformed request URL');
    }
    if (url.pathname === TOKEN_PATH) return handleTokenRequest(req, res, tokenContext);
    let target: ReturnType<typeof fhirTarget>;
    try {
      target = fhirTarget(url.pathname);
    } catch {
      throw new HttpError(400, 'invalid', 'malformed request path');
    }
    if (!target) throw new HttpError(404, 'not-found', `no route for ${url.pathname}`);
    return handleFhirRequest(req, res, { ...target, base: bases[target.release], url }, fhirContext);
  };
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch((error: unknown) => {
      sendOutcome(res, error instanceof HttpError ? error : new HttpError(500, 'exception', 'internal sandbox error'));
    });
  });

  let closing: Promise<void> | undefined;
  return {
    baseUrl,
    tokenUrl,
    fhirR4BaseUrl: bases.R4,
    fhirStu3BaseUrl: bases.STU3,
    registerClient: (client) => clients.register(client),
    setFaults: (next) => faults.set(next),
    failNextFhir: (count, status, retryAfterSeconds) => faults.failNext(count, status, retryAfterSeconds),
    revokeAllTokens: () => tokens.revokeAll(),
    stats,
    resetStats: () => {
      Object.assign(stats, emptyStats());
    },
    close: () => {
      closing ??= new Promise<void>((resolve) => {
        faults.close();
        server.close(() => resolve());
        // Keep-alive and hung requests would otherwise hold close() open indefinitely.
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
