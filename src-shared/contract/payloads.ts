// Runs in: every process. Zod schemas for the payloads that the contract's channels and events carry.
import { z } from 'zod';
import { AssetIdSchema, ExportIdSchema, StagedFileIdSchema } from '../document/ids';

/** A file under the host's session folder that the renderer may load by URL (proxy, export). */
export const SessionFileSchema = z.object({
  /** Relative to the session folder, forward slashes, e.g. "assets/a_x/proxy-2048.jpg". */
  path: z
    .string()
    .regex(/^(assets|exports)\/[A-Za-z0-9_./-]+$/)
    .refine((p) => !p.includes('..')),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
});
export type SessionFile = z.infer<typeof SessionFileSchema>;

export const StagedFileSchema = z.object({
  id: StagedFileIdSchema,
  /** The file's own name, for the title and layer name; never used as a path. */
  name: z.string().min(1).max(260),
  bytes: z.number().int().nonnegative(),
});
export type StagedFile = z.infer<typeof StagedFileSchema>;

export const AssetInfoSchema = z.object({
  id: AssetIdSchema,
  /** Upright size after EXIF orientation: the size the user sees. */
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  /** Detected container format, e.g. "jpeg", "png", "bmp". */
  format: z.string(),
  hasAlpha: z.boolean(),
  /** EXIF orientation tag that was applied (1 = none). */
  orientation: z.number().int().min(1).max(8),
  /** Things the user should know, e.g. "Only the first frame of this animated GIF was opened." */
  notices: z.array(z.string()),
});
export type AssetInfo = z.infer<typeof AssetInfoSchema>;

export const AppInfoSchema = z.object({
  name: z.literal('Anyfill'),
  version: z.string(),
  host: z.enum(['electron', 'browser', 'cli']),
  versions: z.record(z.string(), z.string()),
  /** onnxruntime execution providers and whether each can run here. */
  executionProviders: z.array(z.object({ name: z.string(), available: z.boolean(), note: z.string().optional() })),
  modelsDir: z.string(),
  engine: z.object({ pid: z.number().int(), uptimeMs: z.number(), peakRssBytes: z.number() }),
  limits: z.object({ maxPixels: z.number().int(), maxFileBytes: z.number().int() }),
});
export type AppInfo = z.infer<typeof AppInfoSchema>;

export const ExportResultSchema = z.object({
  id: ExportIdSchema,
  file: SessionFileSchema,
  bytes: z.number().int().positive(),
});
export type ExportResult = z.infer<typeof ExportResultSchema>;

/** One native-menu / toolbar entry, sent by the renderer's command registry to Electron main. */
export const MenuEntrySchema = z.object({
  id: z.string().regex(/^[a-z][a-zA-Z0-9.-]{0,63}$/),
  label: z.string().min(1).max(80),
  menu: z.enum(['file', 'edit', 'view', 'layer', 'help']),
  /** Electron accelerator syntax, e.g. "CmdOrCtrl+O". */
  accelerator: z.string().max(40).optional(),
  enabled: z.boolean(),
});
export type MenuEntry = z.infer<typeof MenuEntrySchema>;

export const EngineStateSchema = z.enum(['starting', 'ready', 'restarting', 'failed']);
export type EngineState = z.infer<typeof EngineStateSchema>;
