// Runs in: engine process (and the CLI). The last line of defence for a downloaded file no published hash
// vouches for: it is installed only when it is what its name says — an ONNX model that parses and has the
// pack's I/O contract for its role (read from the file, weights never loaded), JSON that parses, a text
// file in UTF-8, external data that an installed model beside it reads and that is long enough. Anything
// else (an HTML error page, random bytes, a cut-off body) is refused.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { AnyfillError } from '../../../src-shared/contract/errors';
import type { CatalogPack } from '../../../src-shared/models/catalog-schema';
import { checkContract } from '../runtime/check-contract';
import { LAYOUT_ROLES } from '../runtime/contracts';
import type { InferenceSession } from '../runtime/ort';
import { readOnnxOutline } from './onnx-walk';
import { joinPackPath } from './store-fs';

/** Text and JSON files of a pack are small; anything bigger is not what it claims. */
const MAX_TEXT_BYTES = 64 * 1024 * 1024;

/** Throws INTEGRITY naming the file and why, when `file` (installed as `packPath`) is not what its kind promises. */
export async function checkStructure(
  file: string,
  packPath: string,
  pack: Pick<CatalogPack, 'layout' | 'roles'>,
  packRoot: string,
): Promise<void> {
  const why = await problemOf(file, packPath, pack, packRoot);
  if (why) {
    throw new AnyfillError(
      'INTEGRITY',
      `${packPath} could not be verified: no sha256 is published for it (not in the catalog, the hub's listing or its headers), and ${why}. It was not installed; try another mirror or the default hub.`,
    );
  }
}

async function problemOf(
  file: string,
  packPath: string,
  pack: Pick<CatalogPack, 'layout' | 'roles'>,
  packRoot: string,
): Promise<string | null> {
  const kind = /\.(onnx|json|txt)$/i.exec(packPath)?.[1]?.toLowerCase();
  if (kind === 'onnx') return onnxProblem(file, packPath, pack);
  if (kind !== 'json' && kind !== 'txt') return externalDataProblem(file, packPath, pack, packRoot);
  const { size } = await fs.stat(file);
  if (size > MAX_TEXT_BYTES) return `it is ${size} bytes, too big for a ${kind} file of a model pack`;
  let content: string;
  try {
    content = new TextDecoder('utf-8', { fatal: true }).decode(await fs.readFile(file));
  } catch {
    return 'it is not UTF-8 text';
  }
  if (content.includes('\0')) return 'it is not text (it holds NUL bytes)';
  if (kind === 'txt') return /^\s*<(!doctype|html)/i.test(content) ? 'it is an HTML page, not a text file' : null;
  try {
    JSON.parse(content);
    return null;
  } catch (err) {
    return `it is not JSON (${(err as Error).message})`;
  }
}

async function onnxProblem(file: string, packPath: string, pack: Pick<CatalogPack, 'layout' | 'roles'>): Promise<string | null> {
  let outline: Awaited<ReturnType<typeof readOnnxOutline>>;
  try {
    outline = await readOnnxOutline(file);
  } catch (err) {
    return `it is ${(err as Error).message}`;
  }
  const role = Object.entries(pack.roles).find(([, p]) => p === packPath)?.[0];
  if (!role || !LAYOUT_ROLES[pack.layout][role]) return null; // an optional model: parsing is all that can be checked
  try {
    const metadata = { inputMetadata: outline.inputs, outputMetadata: outline.outputs } as unknown as InferenceSession;
    checkContract(metadata, pack.layout, role, packPath);
    return null;
  } catch (err) {
    return `it does not have the pack's ${role} contract (${(err as Error).message})`;
  }
}

/**
 * A model's external data (weights.pb, loose tensor files): an installed model of the pack in the same
 * folder must point at it, and the file must hold every byte its tensors are read from.
 */
async function externalDataProblem(
  file: string,
  packPath: string,
  pack: Pick<CatalogPack, 'roles'>,
  packRoot: string,
): Promise<string | null> {
  const dir = path.posix.dirname(packPath);
  const name = path.posix.basename(packPath);
  const models = Object.values(pack.roles).filter((p) => p.endsWith('.onnx') && path.posix.dirname(p) === dir);
  for (const model of models) {
    const outline = await readOnnxOutline(joinPackPath(packRoot, model)).catch(() => null);
    const end = outline?.external.get(name);
    if (end === undefined) continue;
    const { size } = await fs.stat(file);
    return size >= end ? null : `${model} reads its tensors up to byte ${end} of it, but it has ${size} bytes`;
  }
  return models.length
    ? `no installed model beside it (${models.join(', ')}) reads external data from it`
    : 'there is no structural check for this kind of file';
}
