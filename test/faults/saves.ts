// Runs in: tests (node). kill -9 during saves at random moments: a child saves the same project over and
// over and is killed after a seeded random delay; the file must then open as one whole version (or, if the
// kill fell between the rename and the read-back, its .bak must), never as a broken file.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import type { EditorDocument } from '../../src-shared/document/types';
import { hardenSharp } from '../../src-main/engine/handlers';
import { makeSession } from '../helpers/images';
import { doc, handlers, imageLayer, openBytes } from '../unit/project/fixtures';
import type { Tally } from './tally';

const CHILD = path.join(__dirname, 'save-loop-child.ts');

export async function runSaves(tally: Tally, kills = 8): Promise<void> {
  hardenSharp();
  const s = await makeSession();
  try {
    const photo = await sharp({
      create: { width: 900, height: 600, channels: 3, background: '#468', noise: { type: 'gaussian' as const, mean: 100, sigma: 30 } },
    })
      .png()
      .toBuffer();
    const a = await openBytes(s, photo);
    const v1: EditorDocument = doc(900, 600, [imageLayer(a.id, 900, 600)], 'Version 1');
    const docFile = path.join(s.dir, 'doc.json');
    await writeFile(docFile, JSON.stringify(v1));
    let seed = 4242;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    for (let k = 0; k < kills; k++) {
      const dir = path.join(s.dir, `kill-${k}`);
      await mkdir(dir);
      const file = path.join(dir, 'p.anyfill');
      await handlers['project.saveTo']({ document: v1, path: file }, s.ctx);
      const child = spawn(process.execPath, ['--import', 'tsx', CHILD, s.dir, docFile, file], { stdio: 'ignore' });
      const exited = new Promise((resolve) => child.on('exit', resolve));
      // tsx needs ~1 s to start; then each save takes tens of ms: kill somewhere inside the saving.
      await new Promise((r) => setTimeout(r, 1200 + rnd(1500)));
      child.kill('SIGKILL');
      await exited;
      const opens = async (f: string) =>
        existsSync(f) &&
        (await handlers['project.openPath']({ path: f }, s.ctx).then(
          (p) => /^Version \d+$/.test(p.document.name),
          () => false,
        ));
      const whole = (await opens(file)) || (await opens(`${file}.bak`));
      tally.add('saves', `kill -9 during save #${k + 1}`, whole ? 'clear' : 'lost', whole ? '' : 'neither the file nor its .bak opens');
    }
  } finally {
    await s.cleanup();
  }
}
