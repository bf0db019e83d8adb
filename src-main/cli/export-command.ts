// Runs in: CLI (Node). `anyfill export --project P --out DIR`: opens the project into a temporary session
// (the same checks as the app: unsafe zips refused, assets verified) and writes its layers as PNGs with
// composite.png and layers.json (see src-main/engine/export/export-folder.ts).
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { AnyfillError } from '../../src-shared/contract/errors';
import { DEFAULT_EXPORT_CHOICES } from '../../src-shared/contract/export-payloads';
import type { AssetId } from '../../src-shared/document/ids';
import type { EditorDocument } from '../../src-shared/document/types';
import { planExport, planFiles } from '../../src-shared/export/file-names';
import { resolveModelsDir } from '../common/paths';
import { exportLayersToFolder } from '../engine/export/export-folder';
import { hardenSharp } from '../engine/images/harden-sharp';
import { loadProject } from '../engine/project/load-project';
import { standaloneContext } from '../engine/standalone-context';
import { createSessionDir } from '../host/session-dir';
import { STR, commandIo, largeHint, parseCommandArgs, type Out } from './command-args';

const HELP = `usage: anyfill export --project P.anyfill --out DIR [--force] [--allow-large]
  Writes each layer of the project as a PNG (image layers as RGB/RGBA, selections as 8-bit masks at
  full resolution and as cut-outs with alpha), composite.png, a layered PSD and layers.json (names,
  order, offsets, sizes, file names) into DIR. Files of the same name already in DIR are kept and the
  export refused, unless --force. --allow-large opens a project that needs gigabytes of memory.`;

export async function runExport(argv: string[], out: { stdout?: Out; stderr?: Out } = {}): Promise<number> {
  const io = commandIo('export', out);
  const options = { project: STR, out: STR, force: { type: 'boolean' }, 'allow-large': { type: 'boolean' } } as const;
  const args = parseCommandArgs('export', argv, options, io, {
    help: HELP,
    required: ['project', 'out'],
    missing: '--project and --out are required.',
  });
  if (typeof args === 'number') return args;
  hardenSharp();
  const session = await createSessionDir();
  const ctx = standaloneContext(session.root, resolveModelsDir());
  const opened: AssetId[] = [];
  try {
    const project = await loadProject(ctx.services.assets, path.resolve(args.project), 256, {
      allowLarge: args['allow-large'] ?? false,
    }).catch((err: unknown) => Promise.reject(largeHint(err)));
    opened.push(...project.assets.map((a) => a.asset.id));
    for (const n of project.notices) io.stderr.write(`anyfill export: ${n}\n`);
    const dir = path.resolve(args.out);
    if (!args.force) await refuseOverwrite(dir, project.document);
    const result = await exportLayersToFolder(ctx, project.document, dir);
    for (const l of result.layers) io.stdout.write(`${l.file}  ${l.kind} “${l.name}” ${l.width}×${l.height} at ${l.x},${l.y}\n`);
    io.stdout.write(
      `${dir}: ${result.layers.length} layers, composite.png ${project.document.width}×${project.document.height}, layers.json\n`,
    );
    return 0;
  } catch (err) {
    if (!(err instanceof AnyfillError)) throw err;
    io.fail(err.message);
    return 1;
  } finally {
    for (const id of opened) ctx.services.assets.forget(id);
    await session.dispose();
  }
}

/** Stops before anything is written when DIR already holds a file the export would replace. */
async function refuseOverwrite(dir: string, document: EditorDocument): Promise<void> {
  const present = new Set((await readdir(dir).catch(() => [] as string[])).map((n) => n.toLowerCase()));
  const clashes = planFiles(planExport(document, DEFAULT_EXPORT_CHOICES)).filter((n) => present.has(n.toLowerCase()));
  if (clashes.length === 0) return;
  const named = clashes.length > 5 ? `${clashes.slice(0, 5).join(', ')} and ${clashes.length - 5} more` : clashes.join(', ');
  throw new AnyfillError(
    'IO',
    `${dir} already holds ${named}; nothing was written. Choose an empty folder, or pass --force to overwrite them.`,
  );
}
