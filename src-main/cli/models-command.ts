// Runs in: CLI (in-process, no engine child). `anyfill models list|download|verify|import|remove`:
// the same model store the app uses, for scripts, servers and people who prefer a terminal.
import { parseArgs } from 'node:util';
import { AnyfillError } from '../../src-shared/contract/errors';
import type { DeviceInfo, DownloadProgress, VerifyResult } from '../../src-shared/contract/model-payloads';
import type { Catalog } from '../../src-shared/models/catalog-schema';
import { resolveModelsDir } from '../common/paths';
import { DownloadManager } from '../engine/models/download-manager';
import { formatBytes } from '../engine/models/download-errors';
import { checkPackId, importPack, removePack, verifyPack } from '../engine/models/install';
import { listPacks, type DeviceOf } from '../engine/models/list-packs';
import { formatList, progressLine, verifyLines } from './models-format';
import { exitWithError } from './command-args';

export interface ModelsDeps {
  deviceOf?: DeviceOf;
  /** Hash check plus real loading (the CLI passes verifyAndLoad); default: hashes only. */
  verify?: (modelsDir: string, packId: string) => Promise<VerifyResult>;
  /** Tests: a catalog other than the bundled one. */
  catalog?: Catalog;
  stdout?: { write(text: string): unknown };
  stderr?: { write(text: string): unknown; isTTY?: boolean; columns?: number };
}

export const MODELS_HELP = `Usage:
  anyfill models list [--json]             Catalog packs and what is on disk
  anyfill models download <pack> [--endpoint URL]
                                           Download (or resume) a pack; Ctrl+C stops, the next run resumes
  anyfill models verify [<pack> | --all] [--json]
                                           Re-hash installed packs and load each model (all packs when none is named):
                                           the variant recognised, rewrites/fallbacks applied, evidence (pinned / size-only / unverified)
  anyfill models import <folder>           Install a pack from a folder
  anyfill models remove <pack>             Delete a pack and its partial downloads
All take --models DIR (default: ANYFILL_MODELS_DIR, else the app's data folder).
--endpoint defaults to ANYFILL_MODEL_ENDPOINT, else https://huggingface.co; HTTPS_PROXY/NO_PROXY are honoured.`;

const cpuOnly = (): DeviceInfo => ({ name: 'cpu', note: 'Running on CPU.' });

export async function runModels(argv: string[], deps: ModelsDeps = {}): Promise<number> {
  const stdout = deps.stdout ?? process.stdout;
  const stderr = deps.stderr ?? process.stderr;
  const say = (line: string) => void stdout.write(`${line}\n`);
  const fail = (line: string) => void stderr.write(`anyfill models: ${line}\n`);
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        json: { type: 'boolean' },
        all: { type: 'boolean' },
        models: { type: 'string' },
        endpoint: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    fail(`${(err as Error).message}. Run "anyfill models --help".`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [command, arg, extra] = positionals;
  if (values.help || !command) {
    say(MODELS_HELP);
    return command || values.help ? 0 : 2;
  }
  const modelsDir = resolveModelsDir(values.models);
  const needsArg = { download: true, import: true, remove: true, verify: false, list: false } as Record<string, boolean>;
  const badAll = values.all && (command !== 'verify' || arg);
  if (!(command in needsArg) || (needsArg[command] && !arg) || extra !== undefined || (command === 'list' && arg) || badAll) {
    fail(`unknown or incomplete command "${positionals.join(' ')}". Run "anyfill models --help".`);
    return 2;
  }
  const catalogOpt = deps.catalog ? { catalog: deps.catalog } : {};
  try {
    switch (command) {
      case 'list': {
        const list = await listPacks(modelsDir, deps.deviceOf ?? cpuOnly, catalogOpt);
        say(values.json ? JSON.stringify(list, null, 2) : formatList(list));
        return 0;
      }
      case 'download':
        return await download(arg!, modelsDir, values.endpoint, deps, say, stderr);
      case 'verify':
        return await verify(arg, modelsDir, deps, say, Boolean(values.json));
      case 'import': {
        const m = await importPack(arg!, modelsDir, catalogOpt);
        say(`Imported ${m.packId}: ${m.files.length} files, ${formatBytes(m.files.reduce((a, f) => a + f.bytes, 0))}, into ${modelsDir}.`);
        return 0;
      }
      default: {
        await removePack(modelsDir, arg!);
        say(`Removed ${arg}.`);
        return 0;
      }
    }
  } catch (err) {
    return exitWithError({ fail }, err);
  }
}

async function download(
  packId: string,
  modelsDir: string,
  endpoint: string | undefined,
  deps: ModelsDeps,
  say: (line: string) => void,
  stderr: NonNullable<ModelsDeps['stderr']>,
): Promise<number> {
  checkPackId(packId);
  const tty = Boolean(stderr.isTTY);
  let lastState = '';
  let lastPlain = 0;
  const onProgress = (p: DownloadProgress) => {
    if (tty) {
      const width = Math.max(10, Math.min(30, (stderr.columns ?? 80) - 70));
      stderr.write(`\r\x1b[2K${progressLine(p, width)}`);
      if (['done', 'failed', 'cancelled'].includes(p.state)) stderr.write('\n');
    } else if (p.state !== lastState || Date.now() - lastPlain > 10_000) {
      lastPlain = Date.now();
      stderr.write(`${progressLine(p, 0)}\n`);
    }
    lastState = p.state;
  };
  const manager = new DownloadManager({ modelsDir, onProgress, ...(deps.catalog ? { catalog: deps.catalog } : {}) });
  const onSigint = () => manager.cancel(packId);
  process.once('SIGINT', onSigint);
  try {
    const manifest = await manager.download(packId, endpoint ? { endpoint } : {});
    say(`Installed ${manifest.packId} (${manifest.files.length} files) in ${modelsDir}.`);
    // What the hub's listing changed against the catalog, and a pack no published hash fully vouches for.
    for (const note of manifest.notes ?? []) say(`  note: ${note}`);
    if (manifest.evidence && manifest.evidence.state !== 'pinned') say(`  ${manifest.evidence.state}: ${manifest.evidence.note ?? ''}`);
    return 0;
  } catch (err) {
    if (err instanceof AnyfillError && err.code === 'CANCELLED') {
      throw new AnyfillError(
        'CANCELLED',
        `Download of ${packId} stopped; the partial download resumes the next time you run "anyfill models download ${packId}".`,
      );
    }
    throw err;
  } finally {
    process.off('SIGINT', onSigint);
  }
}

async function verify(
  packId: string | undefined,
  modelsDir: string,
  deps: ModelsDeps,
  say: (line: string) => void,
  json: boolean,
): Promise<number> {
  const catalogOpt = deps.catalog ? { catalog: deps.catalog } : {};
  let ids: string[];
  if (packId) ids = [packId];
  else {
    const list = await listPacks(modelsDir, deps.deviceOf ?? cpuOnly, catalogOpt);
    ids = list.packs.filter((p) => p.state === 'installed' || p.state === 'damaged').map((p) => p.id);
    if (ids.length === 0 && !json) say(`No installed packs in ${modelsDir}.`);
  }
  const results: VerifyResult[] = [];
  for (const id of ids) results.push(deps.verify ? await deps.verify(modelsDir, id) : await verifyPack(modelsDir, id, catalogOpt));
  if (json) say(JSON.stringify({ modelsDir, packs: results }, null, 2));
  else for (const result of results) for (const line of verifyLines(result)) say(line);
  return results.some((r) => !r.ok) ? 1 : 0;
}
