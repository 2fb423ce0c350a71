import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONFIG_VARIABLES } from '../fulfillment/runtime/config';

/** Variables the README documents that Powertools reads itself, not config.ts. */
const READ_BY_LIBRARIES = ['POWERTOOLS_LOG_LEVEL', 'POWERTOOLS_SERVICE_NAME'];

describe('README', () => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

  it('documents exactly the variables the configuration reads', () => {
    // Prepare
    const table = readme.slice(readme.indexOf('## Configuration'), readme.indexOf('## Connecting'));
    // Act
    const documented = [...table.matchAll(/^\| `([A-Z0-9_]+)` \|/gm)].map((match) => match[1]);
    // Assess
    expect([...documented].sort()).toEqual([...CONFIG_VARIABLES, ...READ_BY_LIBRARIES].sort());
  });

  it('shows the two commands a newcomer needs first', () => {
    expect(readme).toContain('npm ci && npm start');
    expect(readme).toContain('npm test');
  });
});
