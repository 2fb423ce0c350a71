import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('../../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, ROOT), 'utf8');
const folders = (path: string) =>
  readdirSync(new URL(path, ROOT), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name);

describe('the layout docs', () => {
  const architecture = read('ARCHITECTURE.md');
  const readme = read('README.md');
  const readmeLayout = readme.slice(readme.indexOf('## Layout'));

  it('give every folder of the Lambda code a paragraph in ARCHITECTURE.md and a line in the README', () => {
    // Prepare
    const jobs = folders('fulfillment/');
    // Act
    const withoutParagraph = jobs.filter((name) => !architecture.includes(`**\`fulfillment/${name}/\`**`));
    const withoutLine = jobs.filter((name) => !new RegExp(`^ {2}${name}/`, 'm').test(readmeLayout));
    // Assess
    expect({ withoutParagraph, withoutLine }).toEqual({ withoutParagraph: [], withoutLine: [] });
  });

  it('name every Lambda of fulfillment/functions', () => {
    // Prepare
    const functions = folders('fulfillment/functions/');
    // Act
    const unnamed = functions.filter((name) => !architecture.includes(`\`${name}\``) || !readmeLayout.includes(name));
    // Assess
    expect(unnamed).toEqual([]);
  });

  it('point only to files and folders that exist', () => {
    // Prepare: the "Where is …" table answers in one hop each.
    const table = architecture.slice(architecture.indexOf('| Where is'), architecture.indexOf('## Folder map'));
    // Act
    const paths = [...table.matchAll(/`([a-z][\w./-]+)`/g)].map((match) => match[1] as string);
    const missing = paths.filter((path) => !existsSync(new URL(path, ROOT)));
    // Assess
    expect(paths.length).toBeGreaterThanOrEqual(5);
    expect(missing).toEqual([]);
  });

  it('draw the data flow as a Mermaid diagram', () => {
    expect(architecture).toMatch(/```mermaid\nflowchart/);
  });
});
