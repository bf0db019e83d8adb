// Runs in: every process (pure types and schemas, no Node/DOM/Electron).
// Branded ids: a LayerId can never be passed where an AssetId is expected.
import { z } from 'zod';

export const AssetIdSchema = z
  .string()
  .regex(/^a_[A-Za-z0-9_-]{6,64}$/)
  .brand<'AssetId'>();
export const LayerIdSchema = z
  .string()
  .regex(/^l_[A-Za-z0-9_-]{1,64}$/)
  .brand<'LayerId'>();
export const DocumentIdSchema = z
  .string()
  .regex(/^d_[A-Za-z0-9_-]{1,64}$/)
  .brand<'DocumentId'>();
/** A file the host has copied into the session inbox; the renderer never sends a path. */
export const StagedFileIdSchema = z
  .string()
  .regex(/^f_[A-Za-z0-9_-]{6,64}$/)
  .brand<'StagedFileId'>();
/** A rendered export waiting in the session folder to be saved or downloaded. */
export const ExportIdSchema = z
  .string()
  .regex(/^e_[A-Za-z0-9_-]{6,64}$/)
  .brand<'ExportId'>();

/** A long-running engine job (fill, inpaint): progress events and cancel name it; the renderer picks it. */
export const JobIdSchema = z
  .string()
  .regex(/^j_[A-Za-z0-9_-]{6,64}$/)
  .brand<'JobId'>();

export type AssetId = z.infer<typeof AssetIdSchema>;
export type LayerId = z.infer<typeof LayerIdSchema>;
export type DocumentId = z.infer<typeof DocumentIdSchema>;
export type StagedFileId = z.infer<typeof StagedFileIdSchema>;
export type ExportId = z.infer<typeof ExportIdSchema>;
export type JobId = z.infer<typeof JobIdSchema>;

/** Random url-safe suffix; uses the Web Crypto API present in Node ≥ 20 and every browser. */
export function randomSuffix(bytes = 12): string {
  const buf = new Uint8Array(bytes);
  globalThis.crypto.getRandomValues(buf);
  let out = '';
  for (const b of buf) out += 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-'[b & 63];
  return out;
}

export const newAssetId = (): AssetId => `a_${randomSuffix()}` as AssetId;
export const newLayerId = (): LayerId => `l_${randomSuffix()}` as LayerId;
export const newDocumentId = (): DocumentId => `d_${randomSuffix()}` as DocumentId;
export const newStagedFileId = (): StagedFileId => `f_${randomSuffix()}` as StagedFileId;
export const newExportId = (): ExportId => `e_${randomSuffix()}` as ExportId;
export const newJobId = (): JobId => `j_${randomSuffix()}` as JobId;
