// Runs in: every process. The model catalog (models/catalog.json) and installed-pack manifests.
// [Note: model packs] A pack is a folder <modelsDir>/<packId>/ holding the files of one model family
// laid out as the real export lays them out, plus anyfill-pack.json (the manifest) written last,
// after every file is verified: a folder without a manifest is never loaded.
import { z } from 'zod';

/** 'tiny-vae': a TAESD-class decoder/encoder that previews (and, by choice, decodes) any SD 1.x pack's latents. */
export const ModelFamilySchema = z.enum(['sam1', 'sam2', 'gdino', 'sd-inpaint', 'eraser', 'tiny-vae']);
export type ModelFamily = z.infer<typeof ModelFamilySchema>;

/** Relative path inside a pack: forward slashes, no "..", no absolute or drive paths, no hidden files. */
export const PackPathSchema = z
  .string()
  .min(1)
  .max(200)
  .regex(/^(?!\.)[A-Za-z0-9_.+-]+(\/(?!\.)[A-Za-z0-9_.+-]+)*$/);

export const PackIdSchema = z.string().regex(/^[a-z0-9][a-z0-9.-]{1,62}$/);
export const Sha256Schema = z.string().regex(/^[0-9a-f]{64}$/);

/** One file to fetch. URL = <endpoint>/<repo>/resolve/<revision>/<source>; endpoint defaults to https://huggingface.co. */
export const CatalogFileSchema = z.object({
  /** Where it lands inside the pack (for a zip: the archive's name while it downloads). */
  path: PackPathSchema,
  repo: z.string().regex(/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/),
  revision: z.string().min(1).max(64),
  /** Path inside the repository (often equal to `path`). */
  source: z.string().min(1).max(300),
  /** Size in bytes: exact when `sha256` is set, otherwise approximate (the hub's headers give the exact one). */
  bytes: z.number().int().positive(),
  /** Known in advance, or null: then the hub's reported sha256 (X-Linked-Etag) is verified and recorded. */
  sha256: Sha256Schema.nullable(),
  /** A zip whose matching entries are extracted to the given pack paths, then deleted. */
  extract: z.array(z.object({ match: z.string(), to: PackPathSchema })).optional(),
  /**
   * Why this file's size or sha256 is not pinned (models/README.md has the sources). Required when `sha256`
   * is null: a guess is never silent. The hub's listing supplies the exact values at download.
   */
  evidence: z.string().max(400).optional(),
});
export type CatalogFile = z.infer<typeof CatalogFileSchema>;

export const CatalogPackSchema = z.object({
  id: PackIdSchema,
  family: ModelFamilySchema,
  /** Which real export this mirrors: decides how the engine reads the files. */
  layout: z.enum([
    'sam1-acly',
    'sam1-samexporter',
    'sam2-samexporter',
    'gdino-onnx-community',
    'gdino-idea',
    'sd-diffusers-onnx',
    'migan-pipeline',
    'lama-fixed',
    'sd-lcm-optimum',
    'taesd-optimum',
  ]),
  title: z.string(),
  description: z.string(),
  licence: z.object({ name: z.string(), url: z.string().url(), note: z.string().optional() }),
  precision: z.enum(['fp32', 'fp16', 'int8']),
  recommendedDevice: z.enum(['cpu', 'gpu', 'any']),
  /** Rough working-set memory while running, for the "will this fit" hint. */
  memoryMB: z.number().int().positive(),
  /** Whether this is the pack the app suggests first for its family. */
  default: z.boolean().optional(),
  /** A few-step generation path the pack supports (LCM: 2–8 steps, LCM scheduler, no CFG); see FAST_PATHS. */
  fastPath: z.enum(['lcm']).optional(),
  /** Set when public evidence does not confirm the pack's file list: the reason, shown in the UI and the CLI. */
  unverified: z.string().max(600).optional(),
  /** Role → pack path, e.g. { encoder: "mobile_sam_image_encoder.onnx", decoder: "…" }. */
  roles: z.record(z.string(), PackPathSchema),
  files: z.array(CatalogFileSchema).min(1),
});
export type CatalogPack = z.infer<typeof CatalogPackSchema>;

export const CatalogSchema = z.object({
  schemaVersion: z.literal(1),
  packs: z.array(CatalogPackSchema),
});
export type Catalog = z.infer<typeof CatalogSchema>;

/** One installed file of a pack, as the manifest records it. */
export const ManifestFileSchema = z.object({
  path: PackPathSchema,
  bytes: z.number().int().nonnegative(),
  sha256: Sha256Schema,
});

/**
 * How a downloaded pack's bytes were vouched for at install: `pinned` (each file matched a sha256 pinned in
 * the catalog or published by the hub, or the hub's git blob id), `size-only` (some file had no published
 * hash, only an exact size, and passed a structural check), `unverified` (some file passed only a structural check).
 */
export const EvidenceSchema = z.object({
  state: z.enum(['pinned', 'size-only', 'unverified']),
  /** Why it is not `pinned`: the files and what was checked. */
  note: z.string().max(1000).optional(),
});

/** anyfill-pack.json: what was installed, verified, from where. */
export const PackManifestSchema = z.object({
  schemaVersion: z.literal(1),
  packId: PackIdSchema,
  family: ModelFamilySchema,
  layout: CatalogPackSchema.shape.layout,
  roles: z.record(z.string(), PackPathSchema),
  source: z.enum(['download', 'import', 'standin']),
  /** The repository commit the hub served (X-Repo-Commit), when downloaded. */
  revisions: z.record(z.string(), z.string()).optional(),
  files: z.array(ManifestFileSchema),
  evidence: EvidenceSchema.optional(),
  /** What the hub's listing changed against the catalog (e.g. external data found next to a model). */
  notes: z.array(z.string().max(1000)).max(20).optional(),
  installedAt: z.string(),
});
export type PackManifest = z.infer<typeof PackManifestSchema>;

export const MANIFEST_NAME = 'anyfill-pack.json';
