// Runs in: vitest (node). The renderer's floors hold: the lint rule (eslint-rules/renderer-floors.mjs) fails
// an import that goes up or sideways, run through ESLint itself on deliberately bad code, and no folder of
// src-renderer imports one that imports it back (the folder graph drawn from the imports).
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { floorProblem } from '../../../eslint-rules/renderer-floors.mjs';
import { folderCycles, folderGraph, importEdges } from '../../helpers/import-graph';

const repo = path.resolve(__dirname, '../../..');
const renderer = path.join(repo, 'src-renderer');

async function floorErrors(file: string, code: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: repo });
  const [result] = await eslint.lintText(code, { filePath: path.join(renderer, file) });
  return result!.messages.filter((m) => m.ruleId === 'anyfill/renderer-floors').map((m) => m.message);
}

describe('the floors lint rule', () => {
  it('fails a feature importing another feature past its api.ts, and one importing the shell', async () => {
    const sideways = await floorErrors(
      'selection/bad.ts',
      "import { getGenerate } from '../generate/generate-store';\nexport const x = getGenerate;\n",
    );
    expect(sideways).toEqual([expect.stringContaining('goes sideways: selection/ may use generate/ only through generate/api.ts')]);
    const up = await floorErrors('hover/bad.ts', "export { commands } from '../shell/commands/registry';\n");
    expect(up).toEqual([expect.stringContaining('goes up')]);
  });

  it('fails the ground floor or the canvas importing a feature', async () => {
    expect(await floorErrors('core/state/bad.ts', "import { getJobs } from '../../jobs/api';\nexport const x = getJobs;\n")).toEqual([
      expect.stringContaining('goes up: the ground floor'),
    ]);
    expect(
      await floorErrors('canvas/Bad.tsx', "import { DetectionBoxes } from '../detect/DetectionBoxes';\nexport const x = DetectionBoxes;\n"),
    ).toEqual([expect.stringContaining('goes up: the canvas')]);
  }, 30_000);

  it('lets imports go down, into a feature through its api.ts, and the shell anywhere', async () => {
    expect(
      await floorErrors(
        'mask-ops/ok.ts',
        "import { findSelection } from '../selection/api';\nimport { getState } from '../core/state/editor-store';\nexport const x = [findSelection, getState];\n",
      ),
    ).toEqual([]);
    expect(
      await floorErrors('shell/ok.ts', "import { getGenerate } from '../generate/generate-store';\nexport const x = getGenerate;\n"),
    ).toEqual([]);
    expect(await floorErrors('App2.tsx', "import { ToolMarks } from './selection/ToolMarks';\nexport const x = ToolMarks;\n")).toEqual([]);
  }, 30_000);

  it('names a folder that is on no floor', () => {
    expect(floorProblem('gadgets/x', 'core/state/editor-store')).toMatch(/gadgets\/ is on no floor/);
  });
});

describe('the renderer folder graph', () => {
  const edges = importEdges(renderer);

  it('has no cycle: no folder imports one that imports it back', () => {
    expect(edges.length).toBeGreaterThan(300); // the graph was really drawn
    expect(folderCycles(folderGraph(edges))).toEqual([]);
  });

  it('finds a cycle where there is one', () => {
    const g = folderGraph([
      { from: 'selection/a', to: 'hover/b' },
      { from: 'hover/b', to: 'segment/c' },
      { from: 'segment/c', to: 'selection/d' },
      { from: 'fill/e', to: 'selection/a' },
    ]);
    expect(folderCycles(g)).toEqual([['hover', 'segment', 'selection']]);
  });

  it('every import in the tree keeps to the floors', () => {
    const problems = edges.map((e) => floorProblem(e.from, e.to) && `${e.from} → ${e.to}: ${floorProblem(e.from, e.to)}`).filter(Boolean);
    expect(problems).toEqual([]);
  });
});
