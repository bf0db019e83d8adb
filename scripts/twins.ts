// Runs in: tooling (Node). Writes the cost twins as installed packs: `npx tsx scripts/twins.ts [--out DIR]
// [--only ID,ID] [--width W] [--count]`. DIR defaults to ANYFILL_TWINS_DIR or ~/.cache/anyfill-twins; point
// the app at it with --models DIR. --count prints each model's counted cost against the published figure
// and writes nothing.
import { parseArgs } from 'node:util';
import path from 'node:path';
import { TWIN_PACKS } from '../src-main/twins/catalog';
import { countCost } from '../src-main/twins/count-cost';
import { twinsDir, writeTwinPack } from '../src-main/twins/write-twin';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { out: { type: 'string' }, only: { type: 'string' }, width: { type: 'string' }, count: { type: 'boolean' } },
  });
  const only = values.only ? new Set(values.only.split(',').map((s) => s.trim())) : null;
  const packs = TWIN_PACKS.filter((p) => !only || only.has(p.packId));
  const unknown = only ? [...only].filter((id) => !TWIN_PACKS.some((p) => p.packId === id)) : [];
  if (unknown.length) throw new Error(`no twin named ${unknown.join(', ')} (twins: ${TWIN_PACKS.map((p) => p.packId).join(', ')})`);
  const width = values.width ? Number(values.width) : 1;
  if (!(width > 0 && width <= 1)) throw new Error('--width must be a fraction in (0, 1]');
  if (values.count) {
    for (const pack of packs) {
      for (const m of pack.models) {
        const c = countCost((m.countGraph && width === 1 ? m.countGraph() : m.build(width)).toBytes(), m.call);
        const pct = (v: number, p: number) => `${v >= p ? '+' : ''}${((v / p - 1) * 100).toFixed(1)}%`;
        console.log(
          `${`${pack.packId} ${m.role}`.padEnd(28)} ${(c.params / 1e6).toFixed(2).padStart(8)} M (${pct(c.params, m.published.params)})  ${(c.macs / 1e9).toFixed(1).padStart(8)} GMAC (${pct(c.macs, m.published.macs)})  vs ${m.published.source}`,
        );
      }
    }
    return;
  }
  const out = path.resolve(values.out ?? twinsDir());
  for (const pack of packs) {
    const started = Date.now();
    const manifest = await writeTwinPack(out, pack, width);
    const bytes = manifest.files.reduce((n, f) => n + f.bytes, 0);
    console.log(`${pack.packId.padEnd(24)} ${(bytes / 1e6).toFixed(0).padStart(6)} MB  ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  console.log(`Wrote ${packs.length} twin pack(s) to ${out} (open the app with --models ${out})`);
}

main().catch((err: unknown) => {
  console.error(`twins: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 2;
});
