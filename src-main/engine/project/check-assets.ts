// Runs in: engine process and the CLI. What opening a project checks of each layer image before decoding
// it, shared by opening and `anyfill project info` so both refuse the same files: the bytes match the
// manifest's sha256, and the header is a PNG of the manifest's size and channels.
import sharp, { type Metadata } from 'sharp';
import type { ProjectAsset, ProjectManifest } from '../../../src-shared/project/manifest';
import { MAX_PIXELS } from '../images/limits';
import { damaged } from './project-errors';
import { describe, type OpenedProject } from './read-project';

/** Header only (no pixels): a PNG, as wide, high and with as many channels as the manifest says. */
export async function checkAssetHeader(png: Buffer, asset: ProjectAsset, what: string): Promise<void> {
  let meta: Metadata;
  try {
    meta = await sharp(png, { failOn: 'error', limitInputPixels: MAX_PIXELS }).metadata();
  } catch (err) {
    throw damaged(`${what} is not a readable PNG`, (err as Error).message);
  }
  if (meta.format !== 'png') throw damaged(`${what} is not a readable PNG`, `a ${meta.format} file, not a PNG`);
  if (meta.width !== asset.width || meta.height !== asset.height) {
    throw damaged(`${what} is ${meta.width} × ${meta.height}, not the ${asset.width} × ${asset.height} the manifest says`);
  }
  const expected = asset.hasAlpha ? 4 : 3;
  if (meta.channels !== expected)
    throw damaged(`${what} has ${meta.channels} channels, not the ${asset.hasAlpha ? 'RGBA' : 'RGB'} the manifest says`);
}

/** Every asset's checksum and header, in manifest order; returns the bytes read. */
export async function checkProjectAssets(project: OpenedProject, manifest: ProjectManifest = project.manifest): Promise<number> {
  let bytes = 0;
  for (const asset of manifest.assets) {
    const png = await project.readAsset(asset);
    await checkAssetHeader(png, asset, describe(manifest, asset));
    bytes += png.length;
  }
  return bytes;
}
