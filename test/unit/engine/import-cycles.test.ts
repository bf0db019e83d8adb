// Runs in: vitest (node). The import graph of the engine (src-main/engine) and the shared code (src-shared),
// drawn from the source per file: no file imports one that (through any chain) imports it back, and no
// folder does either, so a module can be read, tested and moved with only what lies below it.
// Type-only imports count: a type that ties two files together is a circle too (move it to a types.ts).
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
// Tarjan's strongly connected groups, shared with the renderer's floors test: each group is at least one circle.
import { folderCycles as circles } from '../../helpers/import-graph';

const ROOT = path.resolve(__dirname, '../../..');
const AREAS = ['src-main/engine', 'src-shared'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(name) ? [full] : [];
  });
}

const rel = (file: string) => path.relative(ROOT, file).split(path.sep).join('/');
const inAreas = (file: string) => AREAS.some((a) => file.startsWith(`${a}/`));

function resolveImport(from: string, spec: string): string | null {
  const base = path.resolve(path.dirname(from), spec);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return rel(candidate);
  }
  return null;
}

/** Relative imports and re-exports (static, dynamic, type-only) of every file, within the two areas. */
function importGraph(): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const file of AREAS.flatMap((a) => sourceFiles(path.join(ROOT, a)))) {
    const text = readFileSync(file, 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/^\s*\/\/.*$/gm, '');
    const targets = new Set<string>();
    for (const m of text.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)['"](\.{1,2}\/[^'"]+)['"]/g)) {
      const target = resolveImport(file, m[1]!);
      if (target && inAreas(target)) targets.add(target);
    }
    graph.set(rel(file), targets);
  }
  return graph;
}

/**
 * A file's folder. The files directly in src-main/engine (main.ts, the dispatcher, the context and its
 * services) each stand alone: main.ts is the composition root that imports the handlers, which import the
 * context, and that is layering, not a circle.
 */
const folderOf = (file: string) => (path.posix.dirname(file) === 'src-main/engine' ? file : path.posix.dirname(file));

function folderGraph(files: Map<string, Set<string>>): Map<string, Set<string>> {
  const folders = new Map<string, Set<string>>();
  for (const [file, targets] of files) {
    const from = folderOf(file);
    if (!folders.has(from)) folders.set(from, new Set());
    for (const t of targets) if (folderOf(t) !== from) folders.get(from)!.add(folderOf(t));
  }
  return folders;
}

describe('import graph of src-main/engine and src-shared', () => {
  const files = importGraph();

  it('is drawn from the real sources (sanity: known edges are there)', () => {
    expect(files.size).toBeGreaterThan(150);
    expect(files.get('src-main/engine/main.ts')).toContain('src-main/engine/services.ts');
    expect(files.get('src-shared/masks/brush.ts')).toContain('src-shared/masks/types.ts');
  });

  it('has no circle between files', () => {
    expect(circles(files)).toEqual([]);
  });

  it('has no circle between folders', () => {
    expect(circles(folderGraph(files))).toEqual([]);
  });
});
