// Runs in: engine's ORT worker thread. Creates the real ORT session for a model file: tries the execution
// providers in order and falls back to CPU with the reason in device.note; when even CPU cannot create it
// with full graph optimisation, tries again with less (see lowerLevels). Errors are AnyfillErrors.
import type * as Ort from 'onnxruntime-node';
import type { DeviceInfo } from '../../../src-shared/contract/model-payloads';
import { physicalCores } from './cpu-cores';
import type { RuntimeLane } from './lanes';
import { CUDA_HELP, cpuNote, deviceFor, deviceLabel, type PackDevice } from './execution-providers';
import { errorText, firstLine, loadError, mayBeOptimiserFailure } from './model-errors';
import { loadOrt, type DeviceName, type InferenceSession } from './ort';

export interface OpenOptions {
  /** In order of preference, e.g. providersFor(pack); CPU is tried last whether listed or not. */
  providers: readonly DeviceName[];
  /** Names the model in messages, e.g. "SAM 2 decoder". */
  label: string;
  /** The pack, for the CPU note (why CPU, fp16 warning). */
  pack?: PackDevice;
  /** The runtime lane whose worker opens and runs it (lanes.ts); interactive when absent. */
  lane?: RuntimeLane;
  /** ORT intra-op threads and the CPU memory arena; every physical core and on when absent (the worker sets its lane's policy). */
  intraOpThreads?: number;
  memArena?: boolean;
}

export type OptimisationLevel = 'all' | 'basic' | 'disabled';
/** One ORT session creation; a parameter so the fallback can be tested without ORT. */
export type CreateFn = (filePath: string, options: Ort.InferenceSession.SessionOptions) => Promise<InferenceSession>;

export interface CreatedSession {
  session: InferenceSession;
  device: DeviceInfo;
  /** What had to change for this file to load, in words (a lowered optimisation level); empty when nothing. */
  applied: string[];
}

const ortCreate: CreateFn = (filePath, options) => loadOrt().InferenceSession.create(filePath, options);

/**
 * Always from the path, never from bytes: ORT then resolves external data (the SD UNet's weights.pb,
 * SAM ViT-H's *_data.bin) next to the file.
 *
 * [Note: lowered optimisation] Some exports fail in an ORT fusion pass at session creation, not in the
 * file (onnx-community's Grounding DINO q4f16: "InsertedPrecisionFreeCast_…", microsoft/onnxruntime#26717;
 * a rank-1 layer norm: #31147). Those load with 'basic' (no fusions) or 'disabled', a little slower. So
 * when CPU fails at 'all' with an error a pass may cause, every provider is tried again at 'basic', then
 * 'disabled', and the load says so in `applied`. A broken, missing or too-new file fails once, as before.
 */
export async function createSession(filePath: string, opts: OpenOptions, create: CreateFn = ortCreate): Promise<CreatedSession> {
  let fullError: unknown;
  for (const level of ['all', 'basic', 'disabled'] as const) {
    const attempt = await onSomeProvider(filePath, opts, level, create);
    if ('session' in attempt) {
      const applied =
        level === 'all'
          ? []
          : [`graph optimisation lowered to '${level}': full optimisation failed (${firstLine(errorText(fullError), 300)})`];
      return { ...attempt, applied };
    }
    fullError ??= attempt.cpuError;
    if (!mayBeOptimiserFailure(attempt.cpuError)) break;
  }
  throw loadError(fullError, opts.label, filePath);
}

/** The preferred providers at one level, then CPU; the CPU error when none could create the session. */
async function onSomeProvider(
  filePath: string,
  opts: OpenOptions,
  level: OptimisationLevel,
  create: CreateFn,
): Promise<{ session: InferenceSession; device: DeviceInfo } | { cpuError: unknown }> {
  const failures: string[] = [];
  for (const provider of opts.providers.filter((p) => p !== 'cpu')) {
    try {
      const session = await create(filePath, sessionOptions(provider, level, opts));
      return { session, device: { name: provider, note: `Running on ${deviceLabel(provider)}.` } };
    } catch (err) {
      // A GPU provider that fails to start (missing library, driver, no adapter) is not the file's fault.
      const why = firstLine(errorText(err), 160).replace(/\.$/, '');
      failures.push(`${deviceLabel(provider)} could not start (${why}${provider === 'cuda' ? `; ${CUDA_HELP}` : ''})`);
    }
  }
  try {
    const session = await create(filePath, sessionOptions('cpu', level, opts));
    return { session, device: { name: 'cpu', note: cpuNoteFor(failures, opts.pack) } };
  } catch (cpuError) {
    return { cpuError };
  }
}

export function sessionOptions(
  provider: DeviceName,
  level: OptimisationLevel = 'all',
  lane: Pick<OpenOptions, 'intraOpThreads' | 'memArena'> = {},
): Ort.InferenceSession.SessionOptions {
  return {
    executionProviders: [provider],
    graphOptimizationLevel: level,
    // One run at a time per lane (inference-queue, lanes.ts), each using the lane's share of the physical cores.
    executionMode: 'sequential',
    intraOpNumThreads: lane.intraOpThreads ?? physicalCores(),
    interOpNumThreads: 1,
    // DirectML does not support memory patterns; everywhere else they save re-planning on repeat shapes.
    enableMemPattern: provider !== 'dml',
    enableCpuMemArena: lane.memArena ?? true,
    logSeverityLevel: 3,
    // ORT's threads otherwise busy-wait after each run: on a laptop's few cores that burns the CPU the
    // UI needs to show the result, for the small cost of waking them for the next parallel section.
    extra: { session: { intra_op: { allow_spinning: '0' }, inter_op: { allow_spinning: '0' } } },
  };
}

function cpuNoteFor(failures: string[], pack: PackDevice | undefined): string {
  if (failures.length > 0) return cpuNote(`Running on CPU: ${failures.join('; ')}.`, pack);
  const planned = pack && deviceFor(pack);
  return planned?.name === 'cpu' && planned.note ? planned.note : cpuNote('Running on CPU.', pack);
}
