// Runs in: test tooling. The CLI's image commands lock libvips down like the engine does: a file that got
// past sniffing in a format Anyfill never uses (SVG here) is refused by the decoder too. Each case runs in
// a fresh Node process, since libvips' block list is per process.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { expect, it } from 'vitest';

const root = path.resolve(__dirname, '../../..');
const script = (command: string) => `
  const sharp = require('sharp');
  const { main } = require('./src-main/cli/index.ts');
  const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"><rect width="4" height="4"/></svg>');
  (async () => {
    const before = await sharp(svg).metadata().then(() => 'decoded', () => 'refused');
    const origError = console.error; console.error = () => {};
    await main([${JSON.stringify(command)}]);
    console.error = origError;
    const after = await sharp(svg).metadata().then(() => 'decoded', () => 'refused');
    process.stdout.write(JSON.stringify({ before, after }));
  })();`;

function run(command: string): { before: string; after: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', '-e', script(command)], { cwd: root, encoding: 'utf8', timeout: 60_000 });
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as { before: string; after: string };
}

it.each(['segment', 'fill', 'run'])('hardens sharp before "anyfill %s" reads any image', (command) => {
  expect(run(command)).toEqual({ before: 'decoded', after: 'refused' });
});

it('leaves commands that read no images alone', () => {
  expect(run('standins').after).toBe('decoded');
});
