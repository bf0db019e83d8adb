// Runs in: engine process. The project.* channels: save (to exports/ or a host path), open (staged file or
// host path), and crash recovery (autosave, list, recover, reattach after a restart, discard). The work is in ../project.
import { mkdir } from 'node:fs/promises';
import { newExportId } from '../../../src-shared/document/ids';
import { PROJECT_EXTENSION } from '../../../src-shared/project/manifest';
import type { EngineContext, EngineHandler } from '../engine-context';
import { toWriteError } from '../images/errors';
import { resolveInside, sessionRelative } from '../images/session-files';
import { loadProject } from '../project/load-project';
import { discardRecovery, ensureRecoveryDir, listRecoverable, recoveryFile } from '../project/recovery';
import { reattachDocument } from '../project/reattach';
import { saveProject, type SaveOptions } from '../project/save-project';

const DEFAULT_PROXY_SIDE = 2048;

const saveOptions = (ctx: EngineContext, backup: boolean): SaveOptions => ({
  backup,
  ...(ctx.services.saveHook ? { hook: ctx.services.saveHook } : {}),
});

export const projectSave: EngineHandler<'project.save'> = async (req, ctx) => {
  const id = newExportId();
  await mkdir(resolveInside(ctx.sessionDir, 'exports'), { recursive: true }).catch((err: unknown) => Promise.reject(toWriteError(err)));
  const file = resolveInside(ctx.sessionDir, 'exports', `${id}${PROJECT_EXTENSION}`);
  const { bytes } = await saveProject(ctx.services.assets, req.document, file, saveOptions(ctx, false));
  const { width, height } = req.document;
  return { id, file: { path: sessionRelative(ctx.sessionDir, file), width, height }, bytes, suggestedName: suggestedName(req.name) };
};

export const projectSaveTo: EngineHandler<'project.saveTo'> = async (req, ctx) => {
  const { bytes, replaced } = await saveProject(ctx.services.assets, req.document, req.path, saveOptions(ctx, true));
  return { bytes, backup: replaced };
};

export const projectOpen: EngineHandler<'project.open'> = (req, ctx) =>
  loadProject(ctx.services.assets, resolveInside(ctx.sessionDir, 'inbox', req.fileId), req.maxProxySide ?? DEFAULT_PROXY_SIDE, {
    allowLarge: req.allowLarge,
  });

export const projectOpenPath: EngineHandler<'project.openPath'> = (req, ctx) =>
  loadProject(ctx.services.assets, req.path, req.maxProxySide ?? DEFAULT_PROXY_SIDE, { allowLarge: req.allowLarge });

export const projectAutosave: EngineHandler<'project.autosave'> = async (req, ctx) => {
  await ensureRecoveryDir(ctx.recoveryDir);
  const { bytes } = await saveProject(
    ctx.services.assets,
    req.document,
    recoveryFile(ctx.recoveryDir, req.document.id),
    saveOptions(ctx, false),
  );
  return { bytes, savedAt: new Date().toISOString() };
};

export const projectRecoverable: EngineHandler<'project.recoverable'> = async (_req, ctx) => ({
  projects: await listRecoverable(ctx.recoveryDir),
});

export const projectRecover: EngineHandler<'project.recover'> = (req, ctx) =>
  // The user's own work, already open once: never held back by the size question.
  loadProject(ctx.services.assets, recoveryFile(ctx.recoveryDir, req.documentId), req.maxProxySide ?? DEFAULT_PROXY_SIDE, {
    allowLarge: true,
  });

export const projectReattach: EngineHandler<'project.reattach'> = (req, ctx) =>
  reattachDocument(ctx.services.assets, ctx.recoveryDir, req.document, req.maxProxySide ?? DEFAULT_PROXY_SIDE);

export const projectDiscardRecovery: EngineHandler<'project.discardRecovery'> = async (req, ctx) => {
  await discardRecovery(ctx.recoveryDir, req.documentId);
  return {};
};

/** A file name for the download: the project's name without characters no file system takes. */
export function suggestedName(name: string): string {
  const base = name
    .replace(/\.anyfill$/i, '')
    .replace(/[\u0000-\u001f<>:"/\\|?*]/g, '_')
    .replace(/[. ]+$/, '')
    .trim()
    .slice(0, 200);
  return `${base || 'Untitled'}${PROJECT_EXTENSION}`;
}
