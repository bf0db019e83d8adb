// Runs in: engine process. Opens one ONNX model as an inference session: checks the file, then has the
// ORT worker thread create the session (providers in order, CPU fallback: create-session.ts), so model
// parsing and every run stay off the engine's event loop.
import { stat } from 'node:fs/promises';
import { AnyfillError } from '../../../src-shared/contract/errors';
import type { DeviceInfo } from '../../../src-shared/contract/model-payloads';
import type { OpenOptions } from './create-session';
import { damagedModel, missingFile } from './model-errors';
import type { InferenceSession } from './ort';
import { openInWorker } from './worker-session';

export { sessionOptions, type OpenOptions } from './create-session';
export interface OpenedSession {
  session: InferenceSession;
  device: DeviceInfo;
  /** What had to change for the file to load, in words (a lowered optimisation level); absent or empty: nothing. */
  applied?: string[];
}

const files = new WeakMap<InferenceSession, string>();

/** The file a session was opened from, for messages about it. */
export function sessionFile(session: InferenceSession): string | undefined {
  return files.get(session);
}

export async function openSession(filePath: string, opts: OpenOptions): Promise<OpenedSession> {
  await checkFile(filePath, opts.label);
  const opened = await openInWorker(filePath, opts);
  files.set(opened.session, filePath);
  return opened;
}

async function checkFile(filePath: string, label: string): Promise<void> {
  const st = await stat(filePath).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT' || err.code === 'ENOTDIR') throw missingFile(label, filePath);
    throw new AnyfillError('IO', `${label}: ${filePath} cannot be read (${err.code ?? err.message}).`, err.message);
  });
  if (!st.isFile()) throw damagedModel(label, filePath, 'a folder, not a model file');
  if (st.size === 0) throw damagedModel(label, filePath, 'the file is empty');
}
