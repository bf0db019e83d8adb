// Runs in: engine process. Opens one ONNX model as an inference session: from its file path, trying
// the execution providers in order and falling back to CPU with the reason in device.note.
import { stat } from 'node:fs/promises';
import type * as Ort from 'onnxruntime-node';
import { AnyfillError } from '../../../src-shared/contract/errors';
import type { DeviceInfo } from '../../../src-shared/contract/model-payloads';
import { physicalCores } from './cpu-cores';
import { CUDA_HELP, cpuNote, deviceFor, deviceLabel, type PackDevice } from './execution-providers';
import { damagedModel, errorText, firstLine, loadError, missingFile } from './model-errors';
import { loadOrt, type DeviceName, type InferenceSession } from './ort';

export interface OpenOptions {
  /** In order of preference, e.g. providersFor(pack); CPU is tried last whether listed or not. */
  providers: readonly DeviceName[];
  /** Names the model in messages, e.g. "SAM 2 decoder". */
  label: string;
  /** The pack, for the CPU note (why CPU, fp16 warning). */
  pack?: PackDevice;
}
export interface OpenedSession { session: InferenceSession; device: DeviceInfo }

const files = new WeakMap<InferenceSession, string>();

/** The file a session was opened from, for messages about it. */
export function sessionFile(session: InferenceSession): string | undefined {
  return files.get(session);
}

/**
 * Always from the path, never from bytes: ORT then resolves external data (the SD UNet's weights.pb,
 * SAM ViT-H's *_data.bin) next to the file. Note: ORT parses the model on the engine's main thread.
 */
export async function openSession(filePath: string, opts: OpenOptions): Promise<OpenedSession> {
  await checkFile(filePath, opts.label);
  const ort = loadOrt();
  const failures: string[] = [];
  for (const provider of opts.providers.filter((p) => p !== 'cpu')) {
    try {
      const session = await ort.InferenceSession.create(filePath, sessionOptions(provider));
      return opened(session, filePath, { name: provider, note: `Running on ${deviceLabel(provider)}.` });
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
  return opened(session, filePath, { name: 'cpu', note: cpuNoteFor(failures, opts.pack) });
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
  };
}

async function checkFile(filePath: string, label: string): Promise<void> {
  const st = await stat(filePath).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT' || err.code === 'ENOTDIR') throw missingFile(label, filePath);
    throw new AnyfillError('IO', `${label}: ${filePath} cannot be read (${err.code ?? err.message}).`, err.message);
  });
  if (!st.isFile()) throw damagedModel(label, filePath, 'a folder, not a model file');
  if (st.size === 0) throw damagedModel(label, filePath, 'the file is empty');
}

function opened(session: InferenceSession, filePath: string, device: DeviceInfo): OpenedSession {
  files.set(session, filePath);
  return { session, device };
}

function cpuNoteFor(failures: string[], pack: PackDevice | undefined): string {
  if (failures.length > 0) return cpuNote(`Running on CPU: ${failures.join('; ')}.`, pack);
  const planned = pack && deviceFor(pack);
  return planned?.name === 'cpu' && planned.note ? planned.note : cpuNote('Running on CPU.', pack);
}
