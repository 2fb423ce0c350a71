import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** The project's own code, as folders a newcomer reads; tests and tooling sit outside the layering. */
const LAYERED = ['contract', 'prompts', 'fulfillment'];

function sourceFiles(dir: string): string[] {
  let entries;
  try {
    entries = readdirSync(join(ROOT, dir), { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** `fulfillment/epic/x.ts` → `fulfillment/epic`; `contract/bots.ts` → `contract`. */
function folderOf(path: string): string {
  const parts = path.split(/[\\/]/);
  return parts[0] === 'fulfillment' ? `fulfillment/${parts[1]}` : (parts[0] as string);
}

/** Every relative import of the layered code, as folder → folder edges. */
function folderEdges(): Map<string, Map<string, string[]>> {
  const edges = new Map<string, Map<string, string[]>>();
  for (const file of LAYERED.flatMap(sourceFiles)) {
    const text = readFileSync(join(ROOT, file), 'utf8');
    for (const [, spec] of text.matchAll(/\bfrom\s*'(\.{1,2}\/[^']*)'/g)) {
      const target = relative(ROOT, normalize(join(ROOT, dirname(file), spec as string)));
      const [from, to] = [folderOf(file), folderOf(target)];
      if (from === to) continue;
      const targets = edges.get(from) ?? new Map<string, string[]>();
      targets.set(to, [...(targets.get(to) ?? []), `${file} imports ${spec}`]);
      edges.set(from, targets);
    }
  }
  return edges;
}

/** One import cycle between folders, as the path that closes it, or undefined. */
function findCycle(edges: Map<string, Map<string, string[]>>): string[] | undefined {
  const state = new Map<string, 'open' | 'done'>();
  const visit = (node: string, path: string[]): string[] | undefined => {
    if (state.get(node) === 'open') return [...path.slice(path.indexOf(node)), node];
    if (state.get(node) === 'done') return undefined;
    state.set(node, 'open');
    for (const next of edges.get(node)?.keys() ?? []) {
      const cycle = visit(next, [...path, node]);
      if (cycle) return cycle;
    }
    state.set(node, 'done');
    return undefined;
  };
  for (const node of edges.keys()) {
    const cycle = visit(node, []);
    if (cycle) return cycle;
  }
  return undefined;
}

describe('the layout of the code', () => {
  const edges = folderEdges();

  it('has no import cycle between folders', () => {
    // Act
    const cycle = findCycle(edges);
    // Assess: the cycle, with the imports that make its first step, if there is one.
    const firstStep = cycle ? edges.get(cycle[0] as string)?.get(cycle[1] as string) : undefined;
    expect(cycle ? `${cycle.join(' -> ')} (${firstStep?.join('; ')})` : 'no cycle').toBe('no cycle');
  });

  it('lets nothing import the Lambda entry points in fulfillment/functions', () => {
    // Act
    const importers = [...edges].flatMap(([from, targets]) => (from === 'fulfillment/functions' ? [] : (targets.get('fulfillment/functions') ?? [])));
    // Assess
    expect(importers).toEqual([]);
  });

  it('keeps the shared contract and prompts free of Lambda code', () => {
    // Act
    const reachingIn = ['contract', 'prompts'].flatMap((from) => [...(edges.get(from) ?? [])].filter(([to]) => to.startsWith('fulfillment')).flatMap(([, why]) => why));
    // Assess
    expect(reachingIn).toEqual([]);
  });

  it('keeps the Lambda code off the local stand-ins and the tests', () => {
    // Act
    const outward = [...edges].flatMap(([, targets]) => [...targets].filter(([to]) => ['sandbox', 'test', 'bench', 'scripts', 'infra'].includes(to)).flatMap(([, why]) => why));
    // Assess
    expect(outward).toEqual([]);
  });

  it('finds the cycle it is meant to find', () => {
    // Prepare: a made-up graph where epic and dialog import each other.
    const graph = new Map([
      ['a', new Map([['b', ['a.ts imports ./b']]])],
      ['b', new Map([['a', ['b.ts imports ./a']]])],
    ]);
    // Act / Assess
    expect(findCycle(graph)).toEqual(['a', 'b', 'a']);
  });
});
