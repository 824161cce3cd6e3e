import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

const SRC = join(__dirname, '..');

/**
 * Modules caught in a cycle (ADR 0015). The auth/files/identity cycle ended when regions and
 * institutions moved out of identity into their own module (issue #10): auth and files read
 * institutions there, and identity depends on auth and files alone. Whoever breaks a cycle
 * updates this list, and this spec fails while the list names a cycle that no longer exists, so
 * the list can only shrink; it is empty now.
 */
const KNOWN_CYCLES: readonly string[] = [];

/** The node a file belongs to: a module under modules/, or one of the shared folders. */
function nodeOf(file: string): string | null {
  const parts = relative(SRC, file).split(sep);
  if (parts[0] === 'modules' && parts.length > 2) return parts[1] ?? null;
  if (parts.length > 1 && ['common', 'config', 'crypto', 'database'].includes(parts[0] ?? '')) {
    return parts[0] ?? null;
  }
  return null;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

/** Relative specifiers of every `import`/`export ... from` and `import()`, type-only included. */
const IMPORT =
  /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+'(\.[^']*)'|import\(\s*'(\.[^']*)'\s*\)/g;

/** Module-level edges: `a` depends on `b` when a file of `a` imports a file of `b`. */
function moduleGraph(): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const file of sourceFiles(SRC)) {
    const from = nodeOf(file);
    if (from === null) continue;
    for (const match of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const specifier = match[1] ?? match[2] ?? '';
      const to = nodeOf(join(resolve(dirname(file), specifier), 'x'));
      if (to === null || to === from) continue;
      graph.set(from, (graph.get(from) ?? new Set()).add(to));
    }
  }
  return graph;
}

/** Every set of modules that reach each other (a strongly connected component of 2 or more). */
function cycles(graph: Map<string, Set<string>>): string[] {
  const reach = (start: string): Set<string> => {
    const seen = new Set<string>();
    const stack = [...(graph.get(start) ?? [])];
    while (stack.length > 0) {
      const next = stack.pop() as string;
      if (seen.has(next)) continue;
      seen.add(next);
      stack.push(...(graph.get(next) ?? []));
    }
    return seen;
  };
  const nodes = [...graph.keys()].sort();
  const reached = new Map(nodes.map((node) => [node, reach(node)]));
  const components = nodes.map((a) =>
    nodes.filter((b) => a === b || (reached.get(a)?.has(b) && reached.get(b)?.has(a))).join(', '),
  );
  return [...new Set(components)].filter((component) => component.includes(','));
}

describe('module cycles (ADR 0015)', () => {
  const graph = moduleGraph();

  it('given the import graph of engine/src, when modules are compared pairwise, then only the known cycles remain', () => {
    expect(cycles(graph)).toEqual([...KNOWN_CYCLES].sort());
  });

  it('given the graph builder, when read, then it found the edges every module is known to have', () => {
    expect([...(graph.get('workflows') ?? [])]).toEqual(
      expect.arrayContaining(['submissions', 'registry', 'audit', 'common']),
    );
    expect([...(graph.get('auth') ?? [])]).toEqual(
      expect.arrayContaining(['institutions', 'crypto']),
    );
  });

  it('given a made-up graph a -> b -> a and c -> a, when checked, then exactly {a, b} is a cycle', () => {
    const made = new Map([
      ['a', new Set(['b'])],
      ['b', new Set(['a'])],
      ['c', new Set(['a'])],
    ]);

    expect(cycles(made)).toEqual(['a, b']);
  });
});
