import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Output } from '../../scripts/lib/cli';

/** Captures what a CLI prints. */
export function capture(): Output & { lines: string[]; errors: string[] } {
  const lines: string[] = [];
  const errors: string[] = [];
  return { lines, errors, out: (line) => lines.push(line), err: (line) => errors.push(line) };
}

/** A loopback stand-in for the presigned upload URL: records each PUT body. */
export async function startUploadServer(status = 200): Promise<{ url: string; bodies: Buffer[]; close(): Promise<void> }> {
  const bodies: Buffer[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      if (req.method === 'PUT') bodies.push(Buffer.concat(chunks));
      res.statusCode = req.method === 'PUT' ? status : 405;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/upload?X-Amz-Signature=example`,
    bodies,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
