// Runs in: CLI and tests (Node). Every analytic stand-in pack, and `anyfill standins --out DIR`.
// See [Note: stand-ins] in graph-builder.ts: same names, dtypes and shapes as the real exports, with a
// simple documented behaviour so end-to-end tests can assert real outcomes.
import type { PackManifest } from '../../src-shared/models/catalog-schema';
import { eraserStandinPacks } from './eraser/index';
import { gdinoStandinPacks } from './gdino/index';
import { lcmStandinPacks } from './lcm/index';
import { samStandinPacks } from './sam/index';
import { sdStandinPacks } from './sd/index';
import { taesdStandinPacks } from './taesd/index';
import { writeStandinPack, type StandinPack } from './write-pack';

export async function allStandinPacks(): Promise<StandinPack[]> {
  const groups = await Promise.all([
    samStandinPacks(),
    gdinoStandinPacks(),
    sdStandinPacks(),
    eraserStandinPacks(),
    lcmStandinPacks(),
    taesdStandinPacks(),
  ]);
  return groups.flat();
}

/** Writes every stand-in pack (or those whose id matches `only`) into a models folder. */
export async function writeStandins(
  modelsDir: string,
  only?: (packId: string) => boolean,
): Promise<Array<{ manifest: PackManifest; behaviour: string }>> {
  const written: Array<{ manifest: PackManifest; behaviour: string }> = [];
  for (const pack of await allStandinPacks()) {
    if (only && !only(pack.packId)) continue;
    written.push({ manifest: await writeStandinPack(modelsDir, pack), behaviour: pack.behaviour });
  }
  return written;
}
