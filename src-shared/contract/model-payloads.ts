// Runs in: every process. Payloads of the model channels (catalog, downloads, installed packs, devices).
import { z } from 'zod';
import { CatalogPackSchema, PackIdSchema } from '../models/catalog-schema';
import { FastPathSchema } from '../models/fast-path';
import { AnyfillErrorSchema } from './errors';

/** The execution device a family's sessions use (or would use) on this machine, and why. */
export const DeviceInfoSchema = z.object({
  name: z.enum(['cpu', 'cuda', 'dml', 'coreml', 'webgpu']),
  /** Shown to the user, e.g. "Running on CPU: no CUDA provider installed." Never empty when on CPU. */
  note: z.string().optional(),
});
export type DeviceInfo = z.infer<typeof DeviceInfoSchema>;

export const PackStateSchema = z.enum([
  'available', // in the catalog, not on disk
  'downloading',
  'incomplete', // partial downloads exist: a download resumes them
  'installed', // manifest present, every file present with its recorded size
  'damaged', // manifest present but a file is missing or the wrong size (verify for sha256)
]);

export const PackStatusSchema = CatalogPackSchema.pick({
  id: true,
  family: true,
  layout: true,
  title: true,
  description: true,
  licence: true,
  precision: true,
  recommendedDevice: true,
  memoryMB: true,
  default: true,
}).extend({
  state: PackStateSchema,
  /** Total download size (approximate until downloaded). */
  bytes: z.number().int().nonnegative(),
  /** Bytes on disk in the pack folder and its partial downloads. */
  installedBytes: z.number().int().nonnegative(),
  /** Where the installed files came from; absent when not installed. */
  source: z.enum(['download', 'import', 'standin']).optional(),
  /** false for packs on disk that the catalog does not list (imported or stand-ins). */
  inCatalog: z.boolean(),
  device: DeviceInfoSchema,
  files: z.array(z.object({ path: z.string(), bytes: z.number().int().nonnegative(), present: z.boolean() })),
  /** For an installed download: how its bytes were vouched for (see VerifyResult.evidence); absent when not known. */
  evidence: z.enum(['pinned', 'size-only', 'unverified']).optional(),
  /** Why it is not `pinned`, in words. */
  evidenceNote: z.string().max(1000).optional(),
  /** The few-step path this pack offers (e.g. LCM, 4 steps): the estimate dialog offers it when installed. */
  fastPath: FastPathSchema.optional(),
});
export type PackStatus = z.infer<typeof PackStatusSchema>;

export const ModelsListSchema = z.object({
  modelsDir: z.string(),
  /** Free space on the models folder's disk, when the platform tells. */
  diskFreeBytes: z.number().nonnegative().nullable(),
  packs: z.array(PackStatusSchema),
  /** The SAM pack Select uses now: the one chosen (models.prefer) while installed, else the catalog's pick. */
  segmentPack: PackIdSchema.nullable().optional(),
  /** The eraser pack Remove uses now: the one chosen (models.prefer, role erase) while installed, else MI-GAN, else LaMa. */
  erasePack: PackIdSchema.nullable().optional(),
});

/** Use this installed pack for a role from now on (kept in the models folder). */
export const ModelsPreferRequestSchema = z.object({ role: z.enum(['segment', 'erase']), packId: PackIdSchema }).strict();

export const DownloadProgressSchema = z.object({
  packId: PackIdSchema,
  state: z.enum(['queued', 'downloading', 'verifying', 'extracting', 'done', 'failed', 'cancelled']),
  /** The file being worked on, as a pack path. */
  file: z.string().optional(),
  fileIndex: z.number().int().nonnegative(),
  fileCount: z.number().int().nonnegative(),
  /** Over the whole pack. */
  receivedBytes: z.number().nonnegative(),
  totalBytes: z.number().nonnegative(),
  bytesPerSecond: z.number().nonnegative(),
  etaSeconds: z.number().nonnegative().nullable(),
  error: AnyfillErrorSchema.optional(),
});
export type DownloadProgress = z.infer<typeof DownloadProgressSchema>;

export const VerifyResultSchema = z.object({
  packId: PackIdSchema,
  ok: z.boolean(),
  problems: z.array(z.object({ path: z.string(), problem: z.string() })),
  /** The device the pack's sessions really opened on (after any fallback); absent when nothing loaded. */
  device: DeviceInfoSchema.optional(),
  /** Each model file opened, contract-checked and warmed up. */
  loads: z
    .array(
      z.object({
        role: z.string(),
        file: z.string(),
        /** The export variant recognised, e.g. "sam1-encoder-hwc" or the UNet's timestep kind. */
        variant: z.string(),
        device: DeviceInfoSchema,
        loadMs: z.number().nonnegative(),
        warmUpMs: z.number().nonnegative().nullable(),
        /** Every rewrite or fallback applied to make the real export work, in words (e.g. a lowered graph optimisation level). */
        applied: z.array(z.string().max(500)).max(20).optional(),
      }),
    )
    .optional(),
  /**
   * How the pack's bytes are vouched for: `pinned` (every file's sha256 pinned in the catalog or reported by
   * the hub, and matching), `size-only` (exact sizes, no hash for some file), `unverified` (only a structural
   * check passed). Absent for packs verified before this field existed.
   */
  evidence: z.enum(['pinned', 'size-only', 'unverified']).optional(),
  /** Why the evidence is not `pinned`, in words. */
  evidenceNote: z.string().max(1000).optional(),
});
export type VerifyResult = z.infer<typeof VerifyResultSchema>;
