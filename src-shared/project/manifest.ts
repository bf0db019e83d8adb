// Runs in: every process (pure schema). [Note: project file] An `.anyfill` file is a zip holding exactly
// `manifest.json` and `assets/<name>.png`: the document as the renderer holds it, plus every asset it
// references as a lossless 8-bit PNG of the decoded, upright pixels. Layers name assets by opaque id;
// the manifest maps each id to a generated file name, so no user-controlled text ever becomes a path.
import { z } from 'zod';
import { AssetIdSchema } from '../document/ids';
import { EditorDocumentSchema } from '../document/types';

/** The newest manifest layout this build writes and reads; older ones are migrated (migrations.ts). */
export const PROJECT_SCHEMA_VERSION = 1;
export const PROJECT_EXTENSION = '.anyfill';
export const MANIFEST_ENTRY = 'manifest.json';
/** The only asset entry names a project may hold: one folder deep, a plain name, `.png`. */
export const ASSET_ENTRY = /^assets\/[A-Za-z0-9_-]{1,80}\.png$/;
export const MAX_PROJECT_ASSETS = 1000;

export const ProjectAssetSchema = z.object({
  id: AssetIdSchema,
  path: z.string().regex(ASSET_ENTRY),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  hasAlpha: z.boolean(),
  /** The format the user opened (jpeg, png…); the stored pixels are always PNG. */
  sourceFormat: z.string().regex(/^[a-z0-9]{1,16}$/),
});
export type ProjectAsset = z.infer<typeof ProjectAssetSchema>;

export const ProjectManifestSchema = z
  .object({
    schemaVersion: z.literal(PROJECT_SCHEMA_VERSION),
    app: z.object({ name: z.literal('Anyfill'), version: z.string().min(1).max(64) }),
    savedAt: z.iso.datetime(),
    document: EditorDocumentSchema,
    assets: z.array(ProjectAssetSchema).max(MAX_PROJECT_ASSETS),
  })
  .superRefine((m, ctx) => {
    const ids = new Set<string>();
    const paths = new Set<string>();
    for (const a of m.assets) {
      if (ids.has(a.id)) ctx.addIssue({ code: 'custom', message: `asset ${a.id} is listed twice` });
      if (paths.has(a.path)) ctx.addIssue({ code: 'custom', message: `${a.path} is listed twice` });
      ids.add(a.id);
      paths.add(a.path);
    }
    for (const layer of m.document.layers) {
      if (!ids.has(layer.assetId))
        ctx.addIssue({ code: 'custom', message: `layer “${layer.name}” uses ${layer.assetId}, which the manifest does not list` });
    }
  });
export type ProjectManifest = z.infer<typeof ProjectManifestSchema>;

/** What project.recoverable and `anyfill project info` show without reading any pixels. */
export function manifestSummary(m: ProjectManifest): {
  name: string;
  width: number;
  height: number;
  layers: number;
  assets: number;
  savedAt: string;
  app: string;
} {
  const d = m.document;
  return {
    name: d.name,
    width: d.width,
    height: d.height,
    layers: d.layers.length,
    assets: m.assets.length,
    savedAt: m.savedAt,
    app: `${m.app.name} ${m.app.version}`,
  };
}
