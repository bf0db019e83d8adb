// Runs in: engine process. [Note: recovery] Autosaved copies of open documents, one per document id, in a
// recovery folder that is never the user's own file. Written by the same safe save as a real save, so a
// crash during an autosave leaves the previous copy intact; listed on the next start; deleted once the
// user has saved or closed the document (project.discardRecovery).
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { DocumentIdSchema, type DocumentId } from '../../../src-shared/document/ids';
import { PROJECT_EXTENSION } from '../../../src-shared/project/manifest';
import { ioError } from '../../common/io-errors';
import { resolveInside } from '../images/session-files';
import { readProject } from './read-project';

export interface Recoverable {
  documentId: DocumentId;
  name: string;
  savedAt: string;
  bytes: number;
}

export function recoveryFile(recoveryDir: string, documentId: DocumentId): string {
  return resolveInside(recoveryDir, `${documentId}${PROJECT_EXTENSION}`);
}

export async function ensureRecoveryDir(recoveryDir: string): Promise<void> {
  await mkdir(recoveryDir, { recursive: true, mode: 0o700 }).catch((err: unknown) =>
    Promise.reject(ioError(err, 'create the recovery folder')),
  );
}

/** Every copy whose manifest reads back, newest first; damaged or foreign files are left out. */
export async function listRecoverable(recoveryDir: string): Promise<Recoverable[]> {
  const names = await readdir(recoveryDir).catch(() => [] as string[]);
  const found: Recoverable[] = [];
  for (const name of names) {
    if (!name.endsWith(PROJECT_EXTENSION)) continue;
    const id = DocumentIdSchema.safeParse(name.slice(0, -PROJECT_EXTENSION.length));
    if (!id.success) continue;
    try {
      const file = recoveryFile(recoveryDir, id.data);
      const project = await readProject(file);
      project.close();
      const { document, savedAt } = project.manifest;
      if (document.id !== id.data) continue;
      found.push({ documentId: id.data, name: document.name, savedAt, bytes: (await stat(file)).size });
    } catch {
      // A copy that does not read back is no recovery; it is left for discardRecovery.
    }
  }
  return found.sort((a, b) => b.savedAt.localeCompare(a.savedAt));
}

/** Removes a document's copy and anything a killed autosave left next to it. Idempotent. */
export async function discardRecovery(recoveryDir: string, documentId: DocumentId): Promise<void> {
  const file = recoveryFile(recoveryDir, documentId);
  const base = path.basename(file);
  const names = await readdir(recoveryDir).catch(() => [] as string[]);
  const mine = names.filter((n) => n === base || n.startsWith(`${base}.`));
  try {
    await Promise.all(mine.map((n) => rm(path.join(recoveryDir, n), { force: true })));
  } catch (err) {
    throw ioError(err, 'delete the recovery copy');
  }
}
