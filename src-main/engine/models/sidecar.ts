// Runs in: engine process (and the CLI). The small <path>.partial.json beside a partial download:
// what the server said on the first reply (validator for If-Range, sha256, size, commit), and once
// the file is verified and moved into the pack, what it became (so a resume skips it).
import { promises as fs } from 'node:fs';
import { z } from 'zod';
import { ManifestFileSchema, Sha256Schema } from '../../../src-shared/models/catalog-schema';
import { writeFileAtomic } from './store-fs';

/** A file once verified and moved into the pack, with what vouched for its bytes. */
export const InstalledFileSchema = ManifestFileSchema.extend({
  check: z.enum(['sha256', 'git-oid', 'structure']).optional(),
  /** A structure-checked file whose size was exact (catalog pin or hub listing). */
  exactSize: z.boolean().optional(),
});
export type InstalledFile = z.infer<typeof InstalledFileSchema>;

const SidecarSchema = z.object({
  validator: z.string().nullable(),
  sha256: Sha256Schema.nullable(),
  size: z.number().int().nonnegative().nullable(),
  commit: z.string().nullable(),
  done: z.array(InstalledFileSchema).optional(),
});
export type Sidecar = z.infer<typeof SidecarSchema>;

export async function readSidecar(partial: string): Promise<Sidecar | null> {
  try {
    const parsed = SidecarSchema.safeParse(JSON.parse(await fs.readFile(`${partial}.json`, 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export async function writeSidecar(partial: string, side: Sidecar): Promise<void> {
  await writeFileAtomic(`${partial}.json`, JSON.stringify(side));
}
