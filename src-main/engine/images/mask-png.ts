// Runs in: engine process. A mask as an 8-bit grey PNG in an asset's session folder (what the CLI writes,
// and what the renderer or a test loads by URL).
import sharp from 'sharp';
import type { SessionFile } from '../../../src-shared/contract/payloads';
import type { AssetId } from '../../../src-shared/document/ids';
import { assetDir } from './asset-files';
import { sessionRelative, writeFileAtomic } from './session-files';

export async function writeMaskPng(
  sessionDir: string,
  assetId: AssetId,
  name: string,
  mask: { data: Uint8Array; width: number; height: number },
): Promise<SessionFile> {
  const file = `${assetDir(sessionDir, assetId)}/${name}.png`;
  const png = await sharp(mask.data, { raw: { width: mask.width, height: mask.height, channels: 1 } })
    .toColourspace('b-w')
    .png({ compressionLevel: 3 })
    .toBuffer();
  await writeFileAtomic(file, png);
  return { path: sessionRelative(sessionDir, file), width: mask.width, height: mask.height };
}
