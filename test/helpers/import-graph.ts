// Runs in: vitest (node). The renderer's import graph drawn from its sources (relative imports only):
// file → file edges, folded into folder → folder edges, and the folder cycles found in them (Tarjan).
import fs from 'node:fs';
import path from 'node:path';

export interface ImportEdge {
  /** Paths inside `root`, '/'-separated, without the .ts/.tsx extension. */
  readonly from: string;
  readonly to: string;
}

const IMPORT =
  /(?:^|\n)\s*(?:import|export)\b[^'";]*?from\s*['"](\.[^'"]+)['"]|(?:^|\n)\s*import\s*['"](\.[^'"]+)['"]|\bimport\(\s*['"](\.[^'"]+)['"]\s*\)/g;

function sourcesUnder(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) sourcesUnder(p, out);
    else if (/\.tsx?$/.test(e.name)) out.push(p);
  }
  return out;
}

const rel = (root: string, p: string) => path.relative(root, p).split(path.sep).join('/');

/** Every relative import between files under `root`. */
export function importEdges(root: string): ImportEdge[] {
  const edges: ImportEdge[] = [];
  for (const file of sourcesUnder(root)) {
    const from = rel(root, file).replace(/\.tsx?$/, '');
    for (const m of fs.readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const spec = m[1] ?? m[2] ?? m[3]!;
      const to = rel(root, path.resolve(path.dirname(file), spec)).replace(/\.tsx?$/, '');
      if (!to.startsWith('..')) edges.push({ from, to });
    }
  }
  return edges;
}

/** The folder a file counts in: its top folder (the root files: '.'), core/'s subfolders each on their own. */
export function folderOf(file: string): string {
  const parts = file.split('/');
  if (parts.length === 1) return '.';
  return parts[0] === 'core' && parts.length > 2 ? `core/${parts[1]}` : parts[0]!;
}

/** Folder → the folders it imports. */
export function folderGraph(edges: readonly ImportEdge[]): Map<string, Set<string>> {
  const g = new Map<string, Set<string>>();
  for (const { from, to } of edges) {
    const a = folderOf(from);
    const b = folderOf(to);
    if (!g.has(a)) g.set(a, new Set());
    if (!g.has(b)) g.set(b, new Set());
    if (a !== b) g.get(a)!.add(b);
  }
  return g;
}

/** The strongly connected groups of more than one node (folders, or files): each is a cycle of them importing each other. */
export function folderCycles(g: ReadonlyMap<string, ReadonlySet<string>>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of g.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const group: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      group.push(w);
    } while (w !== v);
    if (group.length > 1) cycles.push(group.sort());
  };
  for (const v of [...g.keys()].sort()) if (!index.has(v)) visit(v);
  return cycles;
}
