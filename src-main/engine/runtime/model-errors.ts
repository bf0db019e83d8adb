// Runs in: engine process. Turns ONNX Runtime's load and run failures into AnyfillErrors a user can act on:
// which file, what is wrong with it, what to do. ORT's own text goes into `detail` for bug reports.
import path from 'node:path';
import { AnyfillError } from '../../../src-shared/contract/errors';

/** The last two path parts, e.g. "unet/weights.pb": enough to find the file inside its pack. */
export function shortPath(file: string): string {
  return path
    .join(path.basename(path.dirname(file)), path.basename(file))
    .split(path.sep)
    .join('/');
}

export function missingFile(label: string, file: string): AnyfillError {
  return new AnyfillError('NOT_FOUND', `${label}: ${shortPath(file)} is missing: re-download the pack.`, file);
}

export function damagedModel(label: string, file: string, why: string, detail?: string): AnyfillError {
  return new AnyfillError('INTEGRITY', `${label}: ${shortPath(file)} is damaged (${why}): verify or re-download the pack.`, detail);
}

/** A failure while creating a session from `file` (on CPU, so the file is at fault, not a GPU driver). */
export function loadError(err: unknown, label: string, file: string): AnyfillError {
  if (err instanceof AnyfillError) return err;
  const text = errorText(err);
  // ORT validates external data paths up front: 'External data path does not exist: "/…/unet/weights.pb"'.
  const ext = /External data path does not exist: "?([^"\n]+)"?/.exec(text);
  if (ext?.[1]) return new AnyfillError('NOT_FOUND', `${label}: ${shortPath(ext[1])} is missing: re-download the pack.`, text);
  if (/External initializer.*(out of bounds|can not be read)|GetExtDataFromTensorProto/s.test(text)) {
    return damagedModel(label, file, 'its external weights file is incomplete', text);
  }
  if (/out of memory|bad_alloc|Failed to allocate/i.test(text)) return outOfMemory(label, text);
  if (/Could not find an implementation|No Op registered|Unsupported model IR version|is under development/i.test(text)) {
    return new AnyfillError(
      'IO',
      `${label}: ${shortPath(file)} needs a newer ONNX Runtime than this Anyfill has: use a pack from the catalog.`,
      text,
    );
  }
  if (/File doesn't exist|No such file/i.test(text)) return missingFile(label, file);
  return damagedModel(label, file, 'not a valid ONNX model', text);
}

/**
 * Could a graph optimisation pass have caused this load failure? Not when the file cannot be parsed, its
 * external data is missing or short, memory ran out, or the runtime is too old for it: those fail at every
 * optimisation level, and a large model should not be parsed three times to learn that.
 */
export function mayBeOptimiserFailure(err: unknown): boolean {
  if (err instanceof AnyfillError) return false;
  const text = errorText(err);
  return !/Protobuf parsing failed|External data path|External initializer|GetExtDataFromTensorProto|out of memory|bad_alloc|Failed to allocate|Could not find an implementation|No Op registered|Unsupported model IR version|is under development|File doesn't exist|No such file/i.test(
    text,
  );
}

/** A failure inside session.run. */
export function runError(err: unknown, label: string): AnyfillError {
  if (err instanceof AnyfillError) return err;
  const text = errorText(err);
  if (isOutOfMemory(err)) return outOfMemory(label, text);
  const dtype = /Unexpected input data type\. Actual: \(?tensor\((\w+)\)\)?\s*,\s*expected: \(?tensor\((\w+)\)/.exec(text);
  if (dtype) {
    return new AnyfillError(
      'INTERNAL',
      `${label} was given ${dtype[1]} data where the model expects ${dtype[2]}: this export's inputs differ from what Anyfill supports.`,
      text,
    );
  }
  return new AnyfillError('INTERNAL', `${label} failed while running: ${firstLine(text)}`, text);
}

/** After an arena OOM a CUDA session is in a broken state (reliability §3.4): release and rebuild it. */
export function isOutOfMemory(err: unknown): boolean {
  return /BFCArena|Failed to allocate memory|out of memory|bad_alloc|OOM/i.test(errorText(err));
}

function outOfMemory(label: string, detail: string): AnyfillError {
  // No error code means "out of memory"; INTERNAL with a plain message, the document is untouched.
  return new AnyfillError('INTERNAL', `${label} ran out of memory: close other apps, use a smaller image, or a smaller pack.`, detail);
}

export function errorText(err: unknown): string {
  if (err instanceof AnyfillError) return err.detail ?? err.message;
  return err instanceof Error ? err.message : String(err);
}

export function firstLine(text: string, max = 200): string {
  const line = text.split('\n').find((l) => l.trim()) ?? text;
  return line.length > max ? `${line.slice(0, max)}…` : line.trim();
}
