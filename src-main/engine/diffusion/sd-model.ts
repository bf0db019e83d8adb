// Runs in: engine process (and the CLI). One model of a diffusion pack, opened from the shared session pool
// and checked against its layout's contract once per session (the variant read from session metadata,
// model-contracts §7), so every run knows the dtypes and ranks its file declares.
import type { DeviceInfo } from '../../../src-shared/contract/model-payloads';
import type { PackManifest } from '../../../src-shared/models/catalog-schema';
import { findCatalogPack } from '../models/catalog';
import { checkContract, type ContractMatch } from '../runtime/check-contract';
import { providersFor, type PackDevice } from '../runtime/execution-providers';
import type { InferenceSession } from '../runtime/ort';
import type { SessionPool } from '../runtime/session-pool';

export type SdModelRole = 'textEncoder' | 'unet' | 'vaeEncoder' | 'vaeDecoder' | 'safetyChecker';

export interface SdModel {
  role: string;
  key: string;
  session: InferenceSession;
  match: ContractMatch;
  label: string;
}

const checked = new WeakMap<InferenceSession, ContractMatch>();

/** Opens `file` as the pack's `role` (pool key `<packId>/<role>`), labelled "<title> (<packId>)". */
export async function openSdModel(
  pool: SessionPool,
  manifest: PackManifest,
  role: string,
  file: string,
  title: string,
): Promise<SdModel & { device: DeviceInfo }> {
  const pack: PackDevice = findCatalogPack(manifest.packId) ?? { family: manifest.family, recommendedDevice: 'any' };
  const label = `${title} (${manifest.packId})`;
  const key = `${manifest.packId}/${role}`;
  const opened = await pool.get(key, file, { providers: providersFor(pack), label, pack });
  let match = checked.get(opened.session);
  if (!match) {
    match = checkContract(opened.session, manifest.layout, role);
    checked.set(opened.session, match);
  }
  return { role, key, session: opened.session, match, label, device: opened.device };
}
