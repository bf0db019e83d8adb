// Runs in: test tooling. The bundled catalog against its evidence rules (models/README.md): a file's size
// and sha256 are pinned where public, revisions are commits, and every gap says why — so a guessed size,
// a branch that moves, or an unconfirmed file list is never silent to the user or the next maintainer.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { loadCatalog } from '../../../src-main/engine/models/catalog';

const COMMIT = /^[0-9a-f]{40}$/;
const readme = readFileSync(path.resolve(__dirname, '../../../models/README.md'), 'utf8');

it('pins a sha256 for every file whose hash is public, and says why for every other file', () => {
  for (const pack of loadCatalog().packs) {
    for (const file of pack.files) {
      const where = `${pack.id}: ${file.path}`;
      if (file.sha256) expect(file.evidence, `${where} is pinned; an evidence note would be stale`).toBeUndefined();
      else expect(file.evidence?.length ?? 0, `${where} has no sha256 and no reason`).toBeGreaterThan(20);
    }
  }
});

it('pins every evidenced pack to a commit, and marks a pack whose file list public evidence does not confirm', () => {
  for (const pack of loadCatalog().packs) {
    const branches = pack.files.filter((f) => !COMMIT.test(f.revision));
    if (branches.length) expect(pack.unverified, `${pack.id} downloads from a branch (${branches[0]!.revision})`).toBeTruthy();
    const unpinnedModels = pack.files.filter((f) => !f.sha256 && /\.onnx$|\.pb$|\.zip$/.test(f.path));
    // A pack may lack one model hash (the listing supplies it) only when the rest of its list is confirmed.
    if (unpinnedModels.length > 1) expect(pack.unverified, `${pack.id} has ${unpinnedModels.length} unpinned model files`).toBeTruthy();
  }
});

it('lists every catalog file, with its pinned hash, in the evidence table of models/README.md', () => {
  for (const pack of loadCatalog().packs) {
    for (const file of pack.files) {
      expect(readme, `${pack.id}: ${file.source}`).toContain(`\`${file.source}\``);
      if (file.sha256) expect(readme, `${pack.id}: ${file.source} hash`).toContain(file.sha256);
    }
    expect(readme).toContain(`\`${pack.id}\``);
  }
});
