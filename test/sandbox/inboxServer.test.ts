import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { LOCAL_INBOX_CLIENT_ID, startInboxServer } from '../../sandbox/inboxServer';
import { InboxServiceDouble } from '../support/inboxServiceDouble';
import { MemoryLogger } from '../support/memoryLogger';

/** A port nothing listens on right now. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

describe('the local inbox server', () => {
  it('serves on the port asked for, with its own issuer, and frees both on close', async () => {
    // Prepare
    const port = await freePort();
    // Act
    const inbox = await startInboxServer({ service: new InboxServiceDouble(), port, logger: new MemoryLogger() });
    const page = await fetch(`${inbox.url}/`);
    await inbox.close();
    // Assess
    expect(inbox.url).toBe(`http://127.0.0.1:${port}`);
    expect(page.status).toBe(401);
    await expect(fetch(`${inbox.url}/`)).rejects.toThrow();
    await expect(fetch(`${inbox.issuer.oauthUrl}/local-pool/.well-known/jwks.json`)).rejects.toThrow();
  });

  it("prints a link that signs the sandbox nurse in through the inbox's own sign-in", async () => {
    // Prepare
    const inbox = await startInboxServer({ service: new InboxServiceDouble(), logger: new MemoryLogger() });
    try {
      // Act
      const login = await fetch(inbox.signInUrl(), { redirect: 'manual' });
      const authorize = new URL(login.headers.get('location') as string);
      // Assess
      expect(inbox.signInUrl()).toBe(`${inbox.url}/auth/login?login_hint=nurse.rivera`);
      expect(inbox.signInUrl('dr.okafor', '/messages/n-1')).toBe(`${inbox.url}/auth/login?login_hint=dr.okafor&next=%2Fmessages%2Fn-1`);
      expect(authorize.searchParams.get('client_id')).toBe(LOCAL_INBOX_CLIENT_ID);
      expect(authorize.searchParams.get('redirect_uri')).toBe(`${inbox.url}/auth/callback`);
      expect(authorize.searchParams.get('login_hint')).toBe('nurse.rivera');
    } finally {
      await inbox.close();
    }
  });
});
