// Runs in: engine's ORT worker thread. Creates the real ORT session for a model file: tries the execution
// providers in order and falls back to CPU with the reason in device.note. Errors are AnyfillErrors.
import type * as Ort from 'onnxruntime-node';
import type { DeviceInfo } from '../../../src-shared/contract/model-payloads';
import { physicalCores } from './cpu-cores';
import { CUDA_HELP, cpuNote, deviceFor, deviceLabel, type PackDevice } from './execution-providers';
import { errorText, firstLine, loadError } from './model-errors';
import { loadOrt, type DeviceName, type InferenceSession } from './ort';

export interface OpenOptions {
  /** In order of preference, e.g. providersFor(pack); CPU is tried last whether listed or not. */
  providers: readonly DeviceName[];
  /** Names the model in messages, e.g. "SAM 2 decoder". */
  label: string;
  /** The pack, for the CPU note (why CPU, fp16 warning). */
  pack?: PackDevice;
}

/**
 * Always from the path, never from bytes: ORT then resolves external data (the SD UNet's weights.pb,
 * SAM ViT-H's *_data.bin) next to the file.
 */
export async function createSession(filePath: string, opts: OpenOptions): Promise<{ session: InferenceSession; device: DeviceInfo }> {
  const ort = loadOrt();
  const failures: string[] = [];
  for (const provider of opts.providers.filter((p) => p !== 'cpu')) {
    try {
      const session = await ort.InferenceSession.create(filePath, sessionOptions(provider));
      return { session, device: { name: provider, note: `Running on ${deviceLabel(provider)}.` } };
    } catch (err) {
      // A GPU provider that fails to start (missing library, driver, no adapter) is not the file's fault.
      const why = firstLine(errorText(err), 160).replace(/\.$/, '');
      failures.push(`${deviceLabel(provider)} could not start (${why}${provider === 'cuda' ? `; ${CUDA_HELP}` : ''})`);
    }
  }
  let session: InferenceSession;
  try {
    session = await ort.InferenceSession.create(filePath, sessionOptions('cpu'));
  } catch (err) {
    throw loadError(err, opts.label, filePath);
  }
  return { session, device: { name: 'cpu', note: cpuNoteFor(failures, opts.pack) } };
}

export function sessionOptions(provider: DeviceName): Ort.InferenceSession.SessionOptions {
  return {
    executionProviders: [provider],
    graphOptimizationLevel: 'all',
    // One run at a time (inference-queue), each using every physical core; more threads only contend.
    executionMode: 'sequential',
    intraOpNumThreads: physicalCores(),
    interOpNumThreads: 1,
    // DirectML does not support memory patterns; everywhere else they save re-planning on repeat shapes.
    enableMemPattern: provider !== 'dml',
    enableCpuMemArena: true,
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
