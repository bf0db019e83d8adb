// Runs in: engine process. The models.* channels: list, download (with progress events), cancel, remove,
// verify, and the hosts' import from a folder. The store itself lives in ../models; this file only maps
// requests onto it, keeps one DownloadManager per models folder, and answers with fresh PackStatus.
import { AnyfillError } from '../../../src-shared/contract/errors';
import type { DeviceInfo, PackStatus } from '../../../src-shared/contract/model-payloads';
import type { EngineContext, EngineHandler } from '../engine-context';
import { findCatalogPack } from '../models/catalog';
import { DownloadManager } from '../models/download-manager';
import { importPack, removePack } from '../models/install';
import { verifyAndLoad } from '../models/load-check';
import { readManifest } from '../models/pack-files';
import { releasePackSessions, runtimeFor } from '../runtime/engine-runtime';
import { segmentService } from '../segment/segment-service';
import { listPacks } from '../models/list-packs';
import { readPreferences, writePreferences } from '../models/preferences';
import { findSamPack } from '../segment/sam-pack';
import { deviceFor, type PackDevice } from '../runtime/execution-providers';

interface Downloads {
  /** Runs one download per pack; a second request for the same pack joins the first. */
  manager: DownloadManager;
  /** The latest context's emit: progress goes wherever the engine's events go now. */
  emit: EngineContext['emit'];
}

const byModelsDir = new Map<string, Downloads>();

function downloadsFor(ctx: EngineContext): Downloads {
  let d = byModelsDir.get(ctx.modelsDir);
  if (!d) {
    const entry: Downloads = {
      emit: ctx.emit,
      manager: new DownloadManager({ modelsDir: ctx.modelsDir, onProgress: (p) => entry.emit('models.progress', p) }),
    };
    byModelsDir.set(ctx.modelsDir, (d = entry));
  }
  d.emit = ctx.emit;
  return d;
}

function isDownloading(ctx: EngineContext, packId: string): boolean {
  return byModelsDir.get(ctx.modelsDir)?.manager.isDownloading(packId) ?? false;
}

/** The device each pack's family runs on here (listPacks hands over the catalog pack, precision included). */
const deviceOf = (pack: PackDevice): DeviceInfo => deviceFor(pack);

/** The store sees files and other processes' locks; downloads running in this process it is told about. */
function listWithDownloads(ctx: EngineContext) {
  return listPacks(ctx.modelsDir, deviceOf, { isDownloading: (packId) => isDownloading(ctx, packId) });
}

async function statusOf(ctx: EngineContext, packId: string): Promise<PackStatus> {
  const pack = (await listWithDownloads(ctx)).packs.find((p) => p.id === packId);
  if (!pack) throw new AnyfillError('INTERNAL', `The pack "${packId}" was installed but is not listed.`, `models folder ${ctx.modelsDir}`);
  return pack;
}

/** The SAM pack a click would use now; null when none is installed. */
const segmentPackOf = (modelsDir: string) => findSamPack(modelsDir).then((m) => m.packId, () => null);

export const modelsList: EngineHandler<'models.list'> = async (_req, ctx) => ({ ...(await listWithDownloads(ctx)), segmentPack: await segmentPackOf(ctx.modelsDir) });

export const modelsPrefer: EngineHandler<'models.prefer'> = async (req, ctx) => {
  await findSamPack(ctx.modelsDir, req.packId); // refuses a pack that is not an installed SAM pack, by name
  await writePreferences(ctx.modelsDir, { ...(await readPreferences(ctx.modelsDir)), segment: req.packId });
  segmentService.invalidatePacks(); // the next click opens the chosen pack
  return {};
};

export const modelsDownload: EngineHandler<'models.download'> = async (req, ctx) => {
  // No endpoint in the request: the manager takes ANYFILL_MODEL_ENDPOINT (a mirror, the tests' hub), else the hub.
  await downloadsFor(ctx).manager.download(req.packId, req.endpoint === undefined ? {} : { endpoint: req.endpoint });
  // A (re)installed pack replaces files sessions may hold: reopen them on next use.
  await releasePackSessions(req.packId);
  segmentService.invalidatePacks();
  return statusOf(ctx, req.packId);
};

export const modelsCancel: EngineHandler<'models.cancel'> = async (req, ctx) => {
  // Idempotent: cancelling a pack that is not downloading (any more) is not an error. Answers once the
  // download has really stopped, so a Remove right after it is not refused.
  const manager = byModelsDir.get(ctx.modelsDir)?.manager;
  manager?.cancel(req.packId);
  await manager?.settled(req.packId);
  return {};
};

export const modelsRemove: EngineHandler<'models.remove'> = async (req, ctx) => {
  if (isDownloading(ctx, req.packId)) {
    const title = findCatalogPack(req.packId)?.title ?? req.packId;
    throw new AnyfillError('BAD_REQUEST', `${title} is still downloading. Cancel the download first, then remove it.`);
  }
  // Close its sessions first: a model file must not be deleted under a running session.
  await releasePackSessions(req.packId);
  await removePack(ctx.modelsDir, req.packId);
  segmentService.invalidatePacks();
  return {};
};

export const modelsVerify: EngineHandler<'models.verify'> = async (req, ctx) =>
  // On the lane the pack runs on: an SD pack's check reuses its open sessions and its warm-up holds up no click.
  verifyAndLoad(ctx.modelsDir, req.packId, runtimeFor((await readManifest(ctx.modelsDir, req.packId))?.family));

export const modelsImport: EngineHandler<'models.import'> = async (req, ctx) => {
  const manifest = await importPack(req.folder, ctx.modelsDir);
  await releasePackSessions(manifest.packId);
  segmentService.invalidatePacks();
  return statusOf(ctx, manifest.packId);
};
