// Runs in: CLI (Node). `anyfill project info P [--json]`: what a project holds (document, layers, assets,
// schema and the app that saved it) from its manifest, after the same checks as opening it, without
// decoding any pixels. Exit 1 with the refusal's message for a damaged or unsafe file.
import path from 'node:path';
import { AnyfillError } from '../../src-shared/contract/errors';
import { manifestSummary } from '../../src-shared/project/manifest';
import { readProject } from '../engine/project/read-project';
import { checkProjectAssets } from '../engine/project/check-assets';
import { checkProjectBudget, formatFileBytes, workingBytes } from '../engine/images/budget';
import { formatBytes } from '../engine/images/limits';
import { stat } from 'node:fs/promises';
import { commandIo, parseCommandArgs, type Out } from './command-args';

const HELP = `usage: anyfill project info P.anyfill [--json]
  Prints the project's name, canvas size, layers, assets, schema version and the app that saved it.`;

export async function runProject(argv: string[], out: { stdout?: Out; stderr?: Out } = {}): Promise<number> {
  const io = commandIo('project', out);
  const [sub, ...rest] = argv;
  if (sub === '--help' || sub === '-h') {
    io.stdout.write(`${HELP}\n`);
    return 0;
  }
  if (sub !== 'info') {
    io.fail(`unknown subcommand "${sub ?? ''}". Run "anyfill project --help".`);
    return 2;
  }
  // The one positional argument is the file; parseCommandArgs takes options only.
  const file = rest.find((a) => !a.startsWith('-'));
  const args = parseCommandArgs(
    'project',
    rest.filter((a) => a !== file),
    { json: { type: 'boolean' } },
    io,
    { help: HELP, required: [], missing: '' },
  );
  if (typeof args === 'number') return args;
  if (!file) {
    io.fail('give the project file. Run "anyfill project --help".');
    return 2;
  }
  try {
    const project = await readProject(path.resolve(file));
    // Opening's checks, short of decoding pixels: every asset's checksum and PNG header, and the memory budget.
    let memory: string;
    try {
      await checkProjectAssets(project);
      memory = budgetNote(project.manifest.assets, (await stat(path.resolve(file))).size);
    } finally {
      project.close();
    }
    const { manifest, from } = project;
    const checked = `checked like opening: manifest, ${manifest.assets.length} image checksums and PNG headers (pixels not decoded); ${memory}`;
    const summary = { ...manifestSummary(manifest), schemaVersion: manifest.schemaVersion, savedWithSchema: from, checked };
    if (args.json) {
      io.stdout.write(
        `${JSON.stringify({ ...summary, layers: manifest.document.layers.map((l) => ({ name: l.name, kind: l.kind, visible: l.visible })), assets: manifest.assets }, null, 2)}\n`,
      );
      return 0;
    }
    io.stdout.write(`${summary.name}: ${summary.width}×${summary.height}, ${summary.layers} layers, ${summary.assets} images\n`);
    io.stdout.write(
      `saved ${summary.savedAt} by ${summary.app}, schema ${from}${from === manifest.schemaVersion ? '' : ` (reads as ${manifest.schemaVersion})`}\n`,
    );
    io.stdout.write(`${checked}\n`);
    for (const [i, l] of manifest.document.layers.entries())
      io.stdout.write(`  ${i + 1}. ${l.kind} “${l.name}”${l.visible ? '' : ' (hidden)'}\n`);
    for (const a of manifest.assets)
      io.stdout.write(`  ${a.path}  ${a.width}×${a.height} ${a.hasAlpha ? 'RGBA' : 'RGB'} from ${a.sourceFormat}\n`);
    return 0;
  } catch (err) {
    if (!(err instanceof AnyfillError)) throw err;
    io.fail(err.message);
    return 1;
  }
}

/** What opening will ask or refuse on memory grounds, said instead of asked. */
function budgetNote(assets: Array<{ width: number; height: number }>, fileBytes: number): string {
  const need = formatBytes(workingBytes(assets.reduce((n, a) => n + a.width * a.height, 0)));
  try {
    checkProjectBudget(assets, fileBytes, 'it', false);
    return `opening needs about ${need} of memory (file ${formatFileBytes(fileBytes)})`;
  } catch (err) {
    if (err instanceof AnyfillError && err.code === 'NEEDS_CONFIRMATION')
      return `opening needs about ${need} of memory: the app asks first`;
    throw err;
  }
}
