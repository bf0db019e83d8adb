// Runs in: CLI (Node). `anyfill <command>`: the entry behind the package's bin and `npm run serve`.
import { parseArgs } from 'node:util';
import { serveCommand } from './serve-command';
import { runInfo } from './info-command';
import { runModels } from './models-command';
import { deviceFor } from '../engine/runtime/execution-providers';
import { verifyAndLoad } from '../engine/models/load-check';
import { createEngineRuntime } from '../engine/runtime/engine-runtime';
import { runStandins } from './standins-command';
import { runDetect } from './detect-command';
import { runSegment } from './segment-command';
import { runFillCommand } from './fill-command';
import { runInpaint } from './inpaint-command';
import { runOutpaint } from './outpaint-command';
import { appVersion } from './locations';
import { runExport } from './export-command';
import { runProject } from './project-command';
import { runRun } from './run-command';
import { hardenSharp } from '../engine/images/harden-sharp';

/** Commands that decode user images: libvips gets the engine's loader allowlist before any of them runs. */
const IMAGE_COMMANDS = new Set(['segment', 'detect', 'fill', 'inpaint', 'outpaint', 'run', 'project', 'export']);

const HELP = `Anyfill ${appVersion()} — local AI image editor

Usage:
  anyfill serve [--port N] [--host 127.0.0.1] [--token SECRET] [--models DIR]
                              Serve the editor to your browser (loopback only unless --token is given)
  anyfill info [--json] [--models DIR]
                              Versions, execution providers, models folder
  anyfill models list [--json] | download <pack> [--endpoint URL] | verify [<pack> | --all] [--json]
                 | import <folder> | remove <pack>        [--models DIR]
                              Model packs: catalog, downloads (resumable, verified), installed packs
  anyfill segment --image F [--point X,Y[,LABEL]]… [--box X0,Y0,X1,Y1] [--text "…"] [--pack ID]
                 [--models DIR] --out mask.png
                              Segment Anything: an 8-bit mask at the image's size, 255 inside
  anyfill detect --image F --text "red car. tree" [--pack ID] [--box-threshold X] [--text-threshold X]
                 [--models DIR] --out boxes.json
                              Find objects by name (Grounding DINO); boxes in image pixels
  anyfill fill --image F --mask M [--method migan|lama|patchmatch|telea|auto] [--models DIR] [--seed N] --out F
                              Content-aware fill of the mask's pixels (>= 128): MI-GAN (learned
                              eraser, when installed), PatchMatch for large areas, Telea for thin
                              scratches; auto = the best installed; PNG, or .jpg / .webp
  anyfill inpaint --image F --mask M --prompt "…" [--negative "…"] [--seed N] [--steps N] [--guidance X]
                 [--scheduler ddim|pndm|euler-a|dpmpp-2m-karras|lcm] [--strength X] [--variants N]
                 [--pack ID] [--models DIR] --out F
                              Generative fill (SD inpainting) where the mask is white; N variants → F-1, F-2…
  anyfill outpaint --image F [--left PX] [--right PX] [--top PX] [--bottom PX] | [--aspect W:H]
                 --prompt "…" [same options] --out F
                              Extend the canvas and fill the new area from the prompt
  anyfill run --images DIR --select "text" --action remove|replace [--prompt "…"] [--seed N] [--steps N]
                 [--size N] [--pack ID] [--models DIR] --out DIR
                              Batch: per image, boxes → masks → remove/replace; OUT/report.json; re-running
                              skips finished images
  anyfill project info P.anyfill [--json]
                              What a project file holds (checked like opening it; no pixels decoded)
  anyfill export --project P.anyfill --out DIR
                              Each layer as PNG (selections as 8-bit masks), composite.png, layers.json
  anyfill standins --out DIR [--only ID,ID] [--json]
                              Write the analytic stand-in model packs (for tests and demos)
  anyfill --version | --help

Environment: ANYFILL_MODELS_DIR sets the models folder; ANYFILL_MODEL_ENDPOINT a download mirror
(default https://huggingface.co); HTTPS_PROXY / HTTP_PROXY / NO_PROXY are respected.`;

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    console.log(HELP);
    return 0;
  }
  if (command === '--version' || command === '-v') {
    console.log(appVersion());
    return 0;
  }
  if (IMAGE_COMMANDS.has(command)) hardenSharp();
  try {
    switch (command) {
      case 'serve':
        return await serveCommand(rest);
      case 'info': {
        const { values } = parseArgs({ args: rest, options: { json: { type: 'boolean' }, models: { type: 'string' } } });
        return await runInfo(values);
      }
      case 'models':
        return await runModels(rest, {
          deviceOf: deviceFor,
          verify: (dir, id) => {
            const { sessionPool: pool, inferenceQueue: queue } = createEngineRuntime();
            return verifyAndLoad(dir, id, { pool, queue }).finally(() => pool.releaseAll());
          },
        });
      case 'segment':
        return await runSegment(rest);
      case 'detect':
        return await runDetect(rest);
      case 'fill':
        return await runFillCommand(rest);
      case 'inpaint':
        return await runInpaint(rest, { signal: interruptSignal() });
      case 'outpaint':
        return await runOutpaint(rest, { signal: interruptSignal() });
      case 'run':
        return await runRun(rest, { signal: interruptSignal() });
      case 'project':
        return await runProject(rest);
      case 'export':
        return await runExport(rest);
      case 'standins':
        return await runStandins(rest);
      default:
        console.error(`anyfill: unknown command "${command}". Run "anyfill --help".`);
        return 2;
    }
  } catch (err) {
    console.error(`anyfill: ${err instanceof Error ? err.message : String(err)}`);
    return 2;
  }
}

/** Ctrl+C cancels a generation between steps (exit 130) instead of killing it mid-write. */
function interruptSignal(): AbortSignal {
  const abort = new AbortController();
  process.once('SIGINT', () => abort.abort());
  return abort.signal;
}

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => {
    if (code !== 0) process.exitCode = code;
  });
}
