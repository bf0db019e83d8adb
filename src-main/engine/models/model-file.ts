// Runs in: engine process (and the CLI). The file a session opens for a pack's model role. A role whose real
// export samples inside its graph (diffusers' vae_encoder, model-contracts §5.2) is rewritten once into a copy
// beside the verified original with each random node replaced by its expected value (graph-rewrite/expected-value.ts), so a
// result depends only on our seed. Chosen over feeding the noise from our generator: the graph keeps the I/O
// the adapters already speak, our seeded streams stay as they are, and the posterior mean is what diffusers
// returns for a deterministic encode (`latent_dist.mode()`, retrieve_latents' "argmax"); the ONNX pipeline's
// own draw is unseeded, so there is no reference draw to match. The original is never written (its sha256
// still verifies); the copy is named after that sha256, so later loads find it without reading anything.
import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { PackManifest } from '../../../src-shared/models/catalog-schema';
import { commitFile, sha256File } from './store-fs';
import { mayHaveRandomNodes, replaceRandomNodes } from './graph-rewrite/expected-value';

/** Roles whose real exports are known to sample in-graph; only these are read at load (a model can be GBs). */
// Optimum's 2023 vae_encoder export samples the same way (`latent_dist.sample()`; optimum#1383).
const SAMPLING_ROLES: Partial<Record<PackManifest['layout'], readonly string[]>> = {
  'sd-diffusers-onnx': ['vaeEncoder'],
  'sd-lcm-optimum': ['vaeEncoder'],
};

export interface ModelFile {
  file: string;
  /** Rewrites applied (or that failed), in words, for `models verify`. */
  applied: string[];
}

/** `file`: the role's resolved original (resolvePackFile); `rel`: its pack path. */
export async function modelFileFor(manifest: PackManifest, role: string, file: string, rel: string): Promise<ModelFile> {
  if (!SAMPLING_ROLES[manifest.layout]?.includes(role)) return { file, applied: [] };
  const sha = manifest.files.find((f) => f.path === rel)?.sha256 ?? (await sha256File(file));
  const stem = path.basename(file).replace(/\.onnx$/i, '');
  const copy = path.join(path.dirname(file), `${stem}.mean-${sha.slice(0, 16)}.onnx`);
  const done = `${rel}: its in-graph posterior sampling (unseeded random nodes) is replaced by the posterior mean in ${path.basename(copy)} beside the verified file, so runs with the same seed repeat byte for byte.`;
  if (
    await fs.stat(copy).then(
      (s) => s.isFile(),
      () => false,
    )
  )
    return { file: copy, applied: [done] };
  const bytes = await fs.readFile(file);
  if (!mayHaveRandomNodes(bytes)) return { file, applied: [] };
  const rewrite = replaceRandomNodes(bytes);
  if (!rewrite) return { file, applied: [] };
  const kept = rewrite.kept.length
    ? ` ${rewrite.kept.length} random node(s) (${rewrite.kept.join(', ')}) could not be rewritten: results still vary.`
    : '';
  if (rewrite.replaced.length === 0)
    return { file, applied: [`${rel}: samples inside its graph and could not be made repeatable:${kept}`] };
  try {
    await writeCopy(copy, rewrite.bytes);
  } catch (err) {
    const why = (err as NodeJS.ErrnoException).code ?? String(err);
    return {
      file,
      applied: [
        `${rel}: samples inside its graph, and the repeatable copy could not be written (${why}): runs with the same seed will differ.`,
      ],
    };
  }
  return { file: copy, applied: [done + kept] };
}

/** Temp + rename (a unique temp: the app and a verify may write the same copy at once); older copies go. */
async function writeCopy(copy: string, bytes: Uint8Array): Promise<void> {
  const tmp = `${copy}.${randomUUID()}.tmp`;
  try {
    await fs.writeFile(tmp, bytes);
    await commitFile(tmp, copy);
  } catch (err) {
    await fs.rm(tmp, { force: true }).catch(() => undefined);
    throw err;
  }
  const [dir, name] = [path.dirname(copy), path.basename(copy)];
  const stale = new RegExp(
    `^${name.replace(/\.mean-[0-9a-f]+\.onnx$/, '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.mean-[0-9a-f]{16}\\.onnx$`,
  );
  for (const other of await fs.readdir(dir).catch(() => [])) {
    if (other !== name && stale.test(other)) await fs.rm(path.join(dir, other), { force: true }).catch(() => undefined);
  }
}
