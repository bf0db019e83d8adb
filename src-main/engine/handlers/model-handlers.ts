// Runs in: engine process. The models.* channels: list, download (with progress events), cancel, remove,
// verify, and the hosts' import from a folder. The store itself lives in ../models; this file only maps
// requests onto the store and the engine's services (downloads, sessions, SAM) and answers with fresh PackStatus.
import { AnyfillError } from '../../../src-shared/contract/errors';
import type { DeviceInfo, PackStatus } from '../../../src-shared/contract/model-payloads';
import type { EngineContext, EngineHandler } from '../engine-context';
import { findCatalogPack } from '../models/catalog';
import { importPack, removePack } from '../models/install';
import { verifyAndLoad } from '../models/load-check';
import { readManifest } from '../models/pack-files';
import { listPacks } from '../models/list-packs';
import { readPreferences, writePreferences } from '../models/preferences';
import { findSamPack } from '../segment/sam-pack';
import { findEraserPack } from '../erase/eraser-pack';
import { deviceFor, type PackDevice } from '../runtime/execution-providers';

function downloadsFor(ctx: EngineContext) {
  return ctx.services.downloads.managerFor(ctx.modelsDir, ctx);
}

function isDownloading(ctx: EngineContext, packId: string): boolean {
  return ctx.services.downloads.existing(ctx.modelsDir)?.isDownloading(packId) ?? false;
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
const segmentPackOf = (modelsDir: string) =>
  findSamPack(modelsDir).then(
    (m) => m.packId,
    () => null,
  );

export const modelsList: EngineHandler<'models.list'> = async (_req, ctx) => ({
  ...(await listWithDownloads(ctx)),
  segmentPack: await segmentPackOf(ctx.modelsDir),
  erasePack: (await findEraserPack(ctx.modelsDir))?.packId ?? null,
});

export const modelsPrefer: EngineHandler<'models.prefer'> = async (req, ctx) => {
  if (req.role === 'erase') {
    // Remove's eraser: only an installed eraser pack (MI-GAN, LaMa) can be chosen, named when it is not one.
    const m = await readManifest(ctx.modelsDir, req.packId);
    if (!m) throw new AnyfillError('NOT_FOUND', `The model pack "${req.packId}" is not installed: open Models… to download it.`);
    if (m.family !== 'eraser')
      throw new AnyfillError('BAD_REQUEST', `"${req.packId}" is a ${m.family} pack, not an eraser (MI-GAN, LaMa).`);
    await writePreferences(ctx.modelsDir, { ...(await readPreferences(ctx.modelsDir)), erase: req.packId });
    return {};
  }
  await findSamPack(ctx.modelsDir, req.packId); // refuses a pack that is not an installed SAM pack, by name
  await writePreferences(ctx.modelsDir, { ...(await readPreferences(ctx.modelsDir)), segment: req.packId });
  ctx.services.segment.invalidatePacks(); // the next click opens the chosen pack
  return {};
};

export const modelsDownload: EngineHandler<'models.download'> = async (req, ctx) => {
  // No endpoint in the request: the manager takes ANYFILL_MODEL_ENDPOINT (a mirror, the tests' hub), else the hub.
  await downloadsFor(ctx).download(req.packId, req.endpoint === undefined ? {} : { endpoint: req.endpoint });
  // A (re)installed pack replaces files sessions may hold: reopen them on next use.
  await ctx.services.runtime.releasePackSessions(req.packId);
  ctx.services.segment.invalidatePacks();
  return statusOf(ctx, req.packId);
};

export const modelsCancel: EngineHandler<'models.cancel'> = async (req, ctx) => {
  // Idempotent: cancelling a pack that is not downloading (any more) is not an error. Answers once the
  // download has really stopped, so a Remove right after it is not refused.
  const manager = ctx.services.downloads.existing(ctx.modelsDir);
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
  await ctx.services.runtime.releasePackSessions(req.packId);
  await removePack(ctx.modelsDir, req.packId);
  ctx.services.segment.invalidatePacks();
  return {};
};

export const modelsVerify: EngineHandler<'models.verify'> = async (req, ctx) =>
  // On the lane the pack runs on: an SD pack's check reuses its open sessions and its warm-up holds up no click.
  verifyAndLoad(ctx.modelsDir, req.packId, ctx.services.runtime.runtimeFor((await readManifest(ctx.modelsDir, req.packId))?.family));

export const modelsImport: EngineHandler<'models.import'> = async (req, ctx) => {
  const manifest = await importPack(req.folder, ctx.modelsDir);
  await ctx.services.runtime.releasePackSessions(manifest.packId);
  ctx.services.segment.invalidatePacks();
  return statusOf(ctx, manifest.packId);
};
