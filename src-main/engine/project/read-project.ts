// Runs in: engine process and the CLI. Reads a project's manifest: parse, migrate to the current schema,
// validate, and check that every asset it names is in the archive. Asset bytes are read on demand,
// each checked against the manifest's sha256 before anyone decodes it.
import { createHash } from 'node:crypto';
import { AnyfillError } from '../../../src-shared/contract/errors';
import { MANIFEST_ENTRY, ProjectManifestSchema, type ProjectAsset, type ProjectManifest } from '../../../src-shared/project/manifest';
import { migrateManifest } from '../../../src-shared/project/migrations';
import { damaged } from './project-errors';
import { openProjectZip } from './project-zip';

export interface OpenedProject {
  manifest: ProjectManifest;
  /** The schema the file was written with, and the migrations that brought it up to date. */
  from: number;
  applied: string[];
  /** The asset's PNG bytes, refused when they do not match the manifest's checksum. */
  readAsset(asset: ProjectAsset): Promise<Buffer>;
  /** The same check without keeping the bytes: hashed as they stream, so the main thread is never held long. */
  checkAssetChecksum(asset: ProjectAsset): Promise<void>;
  close(): void;
}

export const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

export async function readProject(file: string): Promise<OpenedProject> {
  const zip = await openProjectZip(file);
  try {
    if (!zip.names.includes(MANIFEST_ENTRY)) {
      throw new AnyfillError('UNSUPPORTED_FORMAT', 'This zip is not an Anyfill project: it has no manifest.json.');
    }
    let json: unknown;
    try {
      json = JSON.parse((await zip.read(MANIFEST_ENTRY)).bytes.toString('utf8'));
    } catch (err) {
      if (err instanceof AnyfillError) throw err;
      throw damaged('its manifest.json is not valid JSON', (err as Error).message);
    }
    const { manifest: migrated, from, applied } = migrateManifest(json);
    const parsed = ProjectManifestSchema.safeParse(migrated);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue?.path.length ? ` at ${issue.path.join('.')}` : '';
      throw damaged(`its manifest does not describe a valid document (${issue?.message ?? 'invalid'}${where})`, parsed.error.message);
    }
    const manifest = parsed.data;
    const names = new Set(zip.names);
    for (const asset of manifest.assets) {
      if (!names.has(asset.path)) throw damaged(`${describe(manifest, asset)} is missing`);
    }
    return {
      manifest,
      from,
      applied,
      async readAsset(asset) {
        const { bytes, sha256: actual } = await zip.read(asset.path);
        if (actual !== asset.sha256) throw damaged(`${describe(manifest, asset)} does not match its checksum`);
        return bytes;
      },
      async checkAssetChecksum(asset) {
        if ((await zip.sha256(asset.path)) !== asset.sha256) throw damaged(`${describe(manifest, asset)} does not match its checksum`);
      },
      close: () => zip.close(),
    };
  } catch (err) {
    zip.close();
    throw err;
  }
}

/** "the image of layer “Photo” (assets/a_x.png)": names what the user sees, then the entry. */
export function describe(manifest: ProjectManifest, asset: ProjectAsset): string {
  const layer =
    manifest.document.layers.find((l) => l.assetId === asset.id && l.kind === 'image') ??
    manifest.document.layers.find((l) => l.assetId === asset.id);
  return layer ? `the image of layer “${layer.name}” (${asset.path})` : `the image ${asset.path}`;
}

/** The read-back check after a save: the manifest parses and every asset matches its checksum. */
export async function verifyProjectFile(file: string): Promise<ProjectManifest> {
  const project = await readProject(file);
  try {
    for (const asset of project.manifest.assets) await project.checkAssetChecksum(asset);
    return project.manifest;
  } finally {
    project.close();
  }
}
