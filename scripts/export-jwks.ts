import { readFileSync } from 'node:fs';
import { KMSClient } from '@aws-sdk/client-kms';
import { buildJwks, KmsSigner, LocalSigner, type Signer } from '../fulfillment/epic';
import { CliError, describeAwsError, isMain, parseFlags, runCli, type Output } from './lib/cli';

export const USAGE = `npm run export-jwks -- --kms-key-id ID --region R [--next-kms-key-id ID]
npm run export-jwks -- --pem FILE [--pem FILE]

Prints the JWKS to register with Epic (or to serve at your JWKS URL): the public part of the KMS
signing key (GetPublicKey) or of a local PEM private key, with kid = RFC 7638 thumbprint. During a
key rotation, give the next key too: the JWKS then lists both. Nothing secret is printed.`;

/** `export-jwks`: the public key(s) as a JWKS on stdout. */
export async function exportJwks(argv: string[], output: Output, kmsClient?: (region: string) => KMSClient): Promise<void> {
  const flags = parseFlags(
    argv,
    {
      'kms-key-id': { type: 'string' },
      'next-kms-key-id': { type: 'string' },
      region: { type: 'string' },
      pem: { type: 'string', multiple: true },
      help: { type: 'boolean' },
    },
    USAGE,
  );
  if (flags.help) {
    output.out(USAGE);
    return;
  }
  const signers: Signer[] = [];
  const pems = flags.pem ?? [];
  if (flags['kms-key-id'] && pems.length > 0) throw new CliError(`give --kms-key-id or --pem, not both\n\n${USAGE}`, 2);
  if (flags['kms-key-id']) {
    if (!flags.region) throw new CliError(`--kms-key-id needs --region\n\n${USAGE}`, 2);
    const client = kmsClient?.(flags.region) ?? new KMSClient({ region: flags.region });
    for (const keyId of [flags['kms-key-id'], flags['next-kms-key-id']].filter((id): id is string => Boolean(id))) {
      signers.push(new KmsSigner({ keyId, client }));
    }
  } else if (pems.length > 0) {
    for (const file of pems) {
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch {
        throw new CliError(`cannot read ${file}`);
      }
      signers.push(LocalSigner.fromPem(text));
    }
  } else {
    throw new CliError(`give --kms-key-id ID --region R, or --pem FILE\n\n${USAGE}`, 2);
  }
  try {
    output.out(JSON.stringify(buildJwks(await Promise.all(signers.map((signer) => signer.publicJwk()))), null, 2));
  } catch (error) {
    const cause = error instanceof Error && error.cause ? error.cause : error;
    throw new CliError(flags.region ? describeAwsError(cause, flags.region) : String(error));
  }
}

if (isMain(import.meta.url)) {
  runCli((argv, output) => exportJwks(argv, output)).then((code) => process.exit(code));
}
