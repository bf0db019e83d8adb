// Runs in: a child process of kill-save.test.ts. Saves (or autosaves) a document and stalls at the named
// point of the save, after telling the parent by a marker file, so the parent can SIGKILL it right there.
import { writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { EditorDocument } from '../../../src-shared/document/types';
import { hardenSharp } from '../../../src-main/engine/handlers';
import { ensureRecoveryDir, recoveryFile } from '../../../src-main/engine/project/recovery';
import { AssetStore } from '../../../src-main/engine/images/asset-store';
import { saveProject } from '../../../src-main/engine/project/save-project';
import type { SavePoint } from '../../../src-main/engine/project/write-zip';

async function main(): Promise<void> {
  const [sessionDir, docFile, target, point, marker] = process.argv.slice(2) as [string, string, string, SavePoint, string];
  hardenSharp();
  const document = JSON.parse(await readFile(docFile, 'utf8')) as EditorDocument;
  const [recoveryDir, autosave] = target.startsWith('recovery:') ? [target.slice('recovery:'.length), true] : ['', false];
  if (autosave) await ensureRecoveryDir(recoveryDir);
  const file = autosave ? recoveryFile(recoveryDir, document.id) : target;
  await saveProject(new AssetStore(sessionDir), document, file, {
    backup: !autosave,
    hook: async (at) => {
      if (at !== point) return;
      writeFileSync(marker, at);
      // Stall until killed; the timer keeps Node from exiting on an empty event loop.
      await new Promise(() => setInterval(() => undefined, 1000));
    },
  });
  writeFileSync(marker, 'finished');
}

void main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
