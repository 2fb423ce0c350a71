/**
 * The boundaries this layout promises: only `epic/` speaks FHIR (client, queries), and only the
 * Comprehend Medical adapter knows Comprehend Medical's SDK. Read from the source, so a shortcut
 * around a port fails here rather than in review.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

const fulfillment = sourceFiles('fulfillment').map((path) => ({ path: path.replace(/\\/g, '/'), text: readFileSync(join(ROOT, path), 'utf8') }));

describe('ports at the Epic and Comprehend Medical boundaries', () => {
  it('lets no code outside epic/ hold the FHIR client or write a FHIR search', () => {
    // Act
    const offenders = fulfillment
      .filter(({ path }) => !path.startsWith('fulfillment/epic/'))
      .filter(({ text }) => /\bFhirClient\b|epic\/fhirClient'|\.search<|ifNoneExist:/.test(text))
      .map(({ path }) => path);
    // Assess
    expect(offenders).toEqual([]);
  });

  it('lets only the Comprehend Medical adapter import its SDK', () => {
    // Act
    const importers = fulfillment.filter(({ text }) => text.includes("'@aws-sdk/client-comprehendmedical'")).map(({ path }) => path);
    // Assess
    expect(importers).toEqual(['fulfillment/notes/comprehendMedical.ts']);
  });
});
