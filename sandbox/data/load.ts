import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Bundle, Resource } from '@medplum/fhirtypes';

/** Folder holding one FHIR R4 `collection` Bundle per synthetic patient. */
export const PATIENTS_DIR = fileURLToPath(new URL('./patients/', import.meta.url));

/**
 * Reads every synthetic patient bundle in `sandbox/data/patients/` and returns their resources,
 * in file-name order. The same data feeds the sandbox server, the tests and the demo.
 */
export function loadSandboxResources(dir: string = PATIENTS_DIR): Resource[] {
  const files = readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort();
  const resources: Resource[] = [];
  for (const file of files) {
    const bundle = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Bundle;
    if (bundle.resourceType !== 'Bundle' || bundle.type !== 'collection') {
      throw new Error(`${file}: expected a Bundle of type collection`);
    }
    for (const entry of bundle.entry ?? []) {
      if (entry.resource) resources.push(entry.resource);
    }
  }
  return resources;
}
