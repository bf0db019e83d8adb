// Runs in: CLI. `anyfill standins --out DIR [--only ID,ID]`: write the analytic stand-in packs, installed
// as packs are, into a models folder (for tests, demos and trying the app without real weights).
import { parseArgs } from 'node:util';
import path from 'node:path';
import { formatBytes } from '../engine/models/download-errors';
import { writeStandins } from '../standins/index';

export async function runStandins(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { out: { type: 'string' }, only: { type: 'string' }, json: { type: 'boolean' } } });
  if (!values.out) throw new Error('standins needs --out DIR (a models folder to write the packs into).');
  const only = values.only ? new Set(values.only.split(',').map((s) => s.trim())) : null;
  const out = path.resolve(values.out);
  const written = await writeStandins(out, only ? (id) => only.has(id) : undefined);
  if (only && written.length !== only.size) {
    const missing = [...only].filter((id) => !written.some((w) => w.manifest.packId === id));
    throw new Error(`no stand-in pack named ${missing.join(', ')}.`);
  }
  if (values.json) {
    console.log(
      JSON.stringify(
        written.map((w) => ({ packId: w.manifest.packId, layout: w.manifest.layout, behaviour: w.behaviour })),
        null,
        2,
      ),
    );
    return 0;
  }
  for (const w of written) {
    const bytes = w.manifest.files.reduce((n, f) => n + f.bytes, 0);
    console.log(`${w.manifest.packId.padEnd(28)} ${formatBytes(bytes).padStart(8)}  ${w.behaviour}`);
  }
  console.log(`Wrote ${written.length} stand-in packs to ${out}`);
  return 0;
}
