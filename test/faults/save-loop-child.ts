// Runs in: a child process of the fault suite. Saves one document to the same file over and over, each
// time with a new name ("Version 1", "Version 2", …), until the parent kills it with SIGKILL at a random
// moment; the parent then checks that the file on disk is one whole version.
import { readFile } from 'node:fs/promises';
import type { EditorDocument } from '../../src-shared/document/types';
import { hardenSharp } from '../../src-main/engine/handlers';
import { AssetStore } from '../../src-main/engine/images/asset-store';
import { saveProject } from '../../src-main/engine/project/save-project';

async function main(): Promise<void> {
  const [sessionDir, docFile, target] = process.argv.slice(2) as [string, string, string];
  hardenSharp();
  const document = JSON.parse(await readFile(docFile, 'utf8')) as EditorDocument;
  const store = new AssetStore(sessionDir);
  for (let n = 2; ; n++) await saveProject(store, { ...document, name: `Version ${n}` }, target, { backup: true });
}

void main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
