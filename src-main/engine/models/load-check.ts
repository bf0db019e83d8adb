// Runs in: engine process (and the CLI). The second half of "verify": open every model file of an
// installed pack on the device it would really use (with the verified CPU fallback), check it is the
// export the layout promises, and warm it up. Reports the device actually obtained, never a guess.
// Optional models (the SD safety checker) are checked when present and skipped when removed. A model whose
// export samples in-graph loads as its repeatable copy (model-file.ts), said in `applied`.
import type { DeviceInfo, VerifyResult } from '../../../src-shared/contract/model-payloads';
import type { PackManifest } from '../../../src-shared/models/catalog-schema';
import { toErrorData } from '../../../src-shared/contract/errors';
import { checkContract, type Variant } from '../runtime/check-contract';
import { modelRoles, OPTIONAL_ROLES } from '../runtime/contracts';
import { providersFor, type PackDevice } from '../runtime/execution-providers';
import type { InferenceQueue } from '../runtime/inference-queue';
import type { SessionPool } from '../runtime/session-pool';
import { warmUp } from '../runtime/warm-up';
import { findCatalogPack } from './catalog';
import { modelFileFor } from './model-file';
import { verifyPack } from './install';
import { gdinoWarmUpHints } from './warm-up-hints';
import { optionalPackFile, readManifest, resolvePackFile } from './pack-files';

export type LoadReport = NonNullable<VerifyResult['loads']>[number];

export async function loadCheck(
  modelsDir: string,
  manifest: PackManifest,
  pack: PackDevice,
  deps: { pool: SessionPool; queue: InferenceQueue },
): Promise<{ loads: LoadReport[]; device: DeviceInfo | null; problems: VerifyResult['problems'] }> {
  const loads: LoadReport[] = [];
  const problems: VerifyResult['problems'] = [];
  let device: DeviceInfo | null = null;
  const optional = Object.keys(OPTIONAL_ROLES[manifest.layout] ?? {});
  for (const role of [...modelRoles(manifest.layout), ...optional]) {
    const isOptional = optional.includes(role);
    let file = manifest.roles[role];
    let resolved: string | undefined;
    if (isOptional) {
      try {
        const found = optionalPackFile(modelsDir, manifest, role);
        if (!found) continue;
        [file, resolved] = [found.rel, found.file];
      } catch (err) {
        problems.push({ path: file ?? role, problem: toErrorData(err).message });
        continue;
      }
    }
    if (!file) {
      problems.push({ path: role, problem: `the pack names no file for its ${role}; import or download it again.` });
      continue;
    }
    const key = `${manifest.packId}/${role}`;
    const held = deps.pool.has(key); // already in use by the app: keep it afterwards
    const started = performance.now();
    try {
      const { file: opens, applied } = await modelFileFor(manifest, role, resolved ?? resolvePackFile(modelsDir, manifest, role), file);
      const opened = await deps.pool.get(key, opens, { providers: providersFor(pack), label: manifest.packId, pack });
      const loadMs = performance.now() - started;
      const match = checkContract(opened.session, manifest.layout, role);
      const warm = await warmUp(opened.session, deps.queue, await gdinoWarmUpHints(modelsDir, manifest));
      const allApplied = [...(opened.applied ?? []), ...applied];
      loads.push({
        role,
        file,
        variant: describeVariant(match.variant),
        device: opened.device,
        loadMs: Math.round(loadMs),
        warmUpMs: warm.ok ? Math.round(warm.ms) : null,
        ...(allApplied.length ? { applied: allApplied } : {}),
      });
      // The slowest device wins the summary: one role on CPU means the pack runs (partly) on CPU.
      if (!device || opened.device.name === 'cpu') device = opened.device;
    } catch (err) {
      problems.push({ path: file, problem: toErrorData(err).message });
    } finally {
      if (!held) await deps.pool.release(key);
    }
  }
  return { loads, device, problems };
}

/** "sd-unet (timestep float32 rank 1, float32)": the variant's kind and its distinguishing facts. */
export function describeVariant(v: Variant): string {
  const facts = Object.entries(v)
    .filter(([k]) => k !== 'kind')
    .map(([k, val]) => (typeof val === 'object' && val !== null ? `${k} ${Object.values(val).join(' rank ')}` : `${k} ${String(val)}`));
  return facts.length ? `${v.kind} (${facts.join(', ')})` : v.kind;
}

/**
 * `models.verify` / `anyfill models verify`: every file against its recorded sha256, then — only when
 * the bytes are right — every model file loaded for real. ok means both passed.
 */
export async function verifyAndLoad(
  modelsDir: string,
  packId: string,
  deps: { pool: SessionPool; queue: InferenceQueue },
): Promise<VerifyResult> {
  const hashed = await verifyPack(modelsDir, packId);
  const manifest = hashed.ok ? await readManifest(modelsDir, packId) : null;
  if (!manifest) return hashed;
  const catalogPack = findCatalogPack(packId);
  const device: PackDevice = catalogPack ?? { family: manifest.family, recommendedDevice: 'any' };
  const loaded = await loadCheck(modelsDir, manifest, device, deps);
  const problems = [...hashed.problems, ...loaded.problems];
  const evidence = {
    ...(hashed.evidence ? { evidence: hashed.evidence } : {}),
    ...(hashed.evidenceNote ? { evidenceNote: hashed.evidenceNote } : {}),
  };
  return {
    packId,
    ok: problems.length === 0,
    problems,
    loads: loaded.loads,
    ...(loaded.device ? { device: loaded.device } : {}),
    ...evidence,
  };
}
