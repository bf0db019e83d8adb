// Runs in: every process. Errors cross process boundaries as plain data, never as Error objects.
import { z } from 'zod';

export const ERROR_CODES = [
  'BAD_REQUEST', // failed schema validation or an unknown channel
  'EMPTY_FILE',
  'CORRUPT_IMAGE', // damaged, truncated or not decodable
  'UNSUPPORTED_FORMAT', // recognised but not supported (HEIC, SVG, PDF, text…)
  'TOO_LARGE', // over the pixel cap, or more memory than the machine has
  'NEEDS_CONFIRMATION', // big or suspicious input (a decompression bomb, gigabytes of pixels): ask, then retry with allowLarge
  'NOT_FOUND', // unknown asset, staged file or export
  'IO', // disk full, permission denied, read-only folder, network
  'INTEGRITY', // a downloaded or installed file failed its checksum or size check, or is not a valid model
  'ENGINE_CRASHED', // the engine died while the request was in flight
  'ENGINE_UNAVAILABLE', // the engine is restarting or gave up
  'UNSUPPORTED_HOST', // channel not offered by this host (e.g. native dialogs in the browser host)
  'CANCELLED',
  'FORBIDDEN', // sender or origin check failed
  'INTERNAL',
] as const;

export const ErrorCodeSchema = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

export const AnyfillErrorSchema = z.object({
  code: ErrorCodeSchema,
  /** One sentence a user can read: what happened and what to do. */
  message: z.string(),
  /** Technical detail for logs and bug reports. */
  detail: z.string().optional(),
});
export type AnyfillErrorData = z.infer<typeof AnyfillErrorSchema>;

/** Thrown inside a process; serialized with toErrorData at the boundary. */
export class AnyfillError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly detail?: string,
  ) {
    super(message);
    this.name = 'AnyfillError';
  }
}

export function toErrorData(err: unknown): AnyfillErrorData {
  if (err instanceof AnyfillError) {
    return err.detail === undefined
      ? { code: err.code, message: err.message }
      : { code: err.code, message: err.message, detail: err.detail };
  }
  const parsed = AnyfillErrorSchema.safeParse(err);
  if (parsed.success) return parsed.data;
  const detail = err instanceof Error ? (err.stack ?? err.message) : String(err);
  return { code: 'INTERNAL', message: 'Something went wrong inside Anyfill.', detail };
}

export function fromErrorData(data: AnyfillErrorData): AnyfillError {
  return new AnyfillError(data.code, data.message, data.detail);
}
