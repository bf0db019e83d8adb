// Runs in: lint tooling. The renderer's floors, stated once and enforced by ESLint ([Note: renderer floors]):
//   0 ground  core/      viewport maths, keys, overlay canvases, after-paint, busy, image cache, icons,
//                        the bridge client, the editor store, the tool machinery, small shared widgets
//   1 canvas  canvas/    the Konva stage; knows no feature (the shell passes tools and overlays in)
//   2 features           import the floors below and src-shared; another feature only through its api.ts
//   3 shell   shell/, styles/ and the root files (App.tsx, main.tsx, test-hook.ts): import anything
// An import that goes up a floor, or sideways into another feature past its api.ts, is an error.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The renderer's root, found from this file so the rule holds whatever folder ESLint runs from. */
const RENDERER = fileURLToPath(new URL('../src-renderer', import.meta.url));

export const FEATURES = [
  'detect',
  'export',
  'fill',
  'generate',
  'history',
  'hover',
  'jobs',
  'mask-ops',
  'models',
  'outpaint',
  'pipeline',
  'project',
  'segment',
  'selection',
];

const FLOOR_NAMES = ['the ground floor (core/)', 'the canvas', 'a feature', 'the shell'];

/** Where `rel` (a path inside src-renderer, '/'-separated) lives: its floor and its folder; null: on no floor. */
export function placeOf(rel) {
  const parts = rel.split('/');
  if (parts.length === 1) return { floor: 3, folder: '.' };
  const top = parts[0];
  if (top === 'core') return { floor: 0, folder: 'core' };
  if (top === 'canvas') return { floor: 1, folder: 'canvas' };
  if (top === 'shell' || top === 'styles') return { floor: 3, folder: top };
  if (FEATURES.includes(top)) return { floor: 2, folder: top };
  return null;
}

/** The problem with an import from `fromRel` of `toRel` (both inside src-renderer), or null when it is allowed. */
export function floorProblem(fromRel, toRel) {
  const from = placeOf(fromRel);
  const to = placeOf(toRel);
  if (!from) return `${fromRel.split('/')[0]}/ is on no floor: add it to eslint-rules/renderer-floors.mjs`;
  if (!to) return `${toRel.split('/')[0]}/ is on no floor: add it to eslint-rules/renderer-floors.mjs`;
  if (to.floor > from.floor)
    return `goes up: ${FLOOR_NAMES[from.floor]} (${from.folder}/) may not import ${FLOOR_NAMES[to.floor]} (${toRel})`;
  if (to.floor === 2 && from.floor === 2 && to.folder !== from.folder && toRel !== `${to.folder}/api`) {
    return `goes sideways: ${from.folder}/ may use ${to.folder}/ only through ${to.folder}/api.ts (not ${toRel})`;
  }
  return null;
}

const rule = {
  meta: {
    type: 'problem',
    docs: { description: 'Renderer imports go down the floors (core < canvas < features < shell); features meet only at api.ts' },
    schema: [],
  },
  create(context) {
    const file = context.filename ?? context.getFilename();
    const root = RENDERER;
    const fromRel = path.relative(root, file).split(path.sep).join('/');
    if (fromRel.startsWith('..') || path.isAbsolute(fromRel)) return {};
    const check = (node) => {
      const spec = node?.value;
      if (typeof spec !== 'string' || !spec.startsWith('.')) return;
      const target = path
        .relative(root, path.resolve(path.dirname(file), spec))
        .split(path.sep)
        .join('/');
      if (target.startsWith('..')) return; // src-shared and beyond: the process-boundary rules cover those
      const problem = floorProblem(fromRel, target.replace(/\.(tsx?|css)$/, ''));
      if (problem) context.report({ node, message: `Renderer floors: this import ${problem}.` });
    };
    return {
      ImportDeclaration: (n) => check(n.source),
      ExportNamedDeclaration: (n) => check(n.source),
      ExportAllDeclaration: (n) => check(n.source),
      ImportExpression: (n) => check(n.source),
    };
  },
};

export default { rules: { 'renderer-floors': rule } };
