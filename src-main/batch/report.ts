// Runs in: CLI (Node). report.json of `anyfill run`: its shape, reading the one a previous run left (to
// resume), and writing it atomically (temp file + rename) so an interruption never leaves half a report.
import { randomBytes } from 'node:crypto';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

export const REPORT_NAME = 'report.json';
export const REPORT_VERSION = 1;

export type ImageStatus = 'done' | 'failed' | 'skipped' | 'no-detections';
/** migan, lama: remove with a learned eraser (an installed MI-GAN or LaMa pack). */
export type Method = 'inpaint' | 'content-aware-fill' | 'migan' | 'lama';

/** What decides an image's result: a finished entry is reused only when these are unchanged. */
export interface BatchSettings {
  select: string;
  action: 'remove' | 'replace';
  prompt: string | null;
  seed: number;
  steps: number;
  size: number;
  method: Method;
}

export interface ImageEntry {
  input: string;
  inputSha256: string | null;
  status: ImageStatus;
  /** For 'skipped': what the earlier run that made these outputs ended with. */
  finished?: 'done' | 'no-detections';
  settings: BatchSettings;
  detections: Array<{ label: string; score: number; box: [number, number, number, number] }>;
  /** Paths relative to the report's folder. */
  outputs: { boxes?: string; mask?: string; result?: string };
  method: Method | null;
  prompt: string | null;
  seed: number;
  /** true when the pack's safety checker withheld the result (nothing was written for it). */
  flagged: boolean;
  timings: { detect: number; segment: number; fill: number; total: number };
  finishedAt: string;
  error?: { code: string; message: string };
}

export interface ModelRef {
  role: 'detect' | 'segment' | 'inpaint' | 'erase';
  packId: string;
  source: string;
  files: Array<{ path: string; sha256: string }>;
}

export interface BatchReport {
  version: number;
  startedAt: string;
  /** null while the run is going on, or when it was interrupted. */
  finishedAt: string | null;
  interrupted: boolean;
  args: Record<string, string | number | null>;
  models: ModelRef[];
  /** Files in the folder that are not images (by extension), left alone. */
  ignored: string[];
  images: ImageEntry[];
}

/** The previous run's report in `outDir`, or null when there is none or it cannot be read. */
export async function readReport(outDir: string): Promise<BatchReport | null> {
  try {
    const report = JSON.parse(await readFile(path.join(outDir, REPORT_NAME), 'utf8')) as BatchReport;
    return report.version === REPORT_VERSION && Array.isArray(report.images) ? report : null;
  } catch {
    return null; // missing or unreadable: every image runs again
  }
}

/** Writes beside the target, then renames over it: readers see the old report or the new one. */
export async function writeReport(outDir: string, report: BatchReport): Promise<void> {
  const target = path.join(outDir, REPORT_NAME);
  const tmp = `${target}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await writeFile(tmp, `${JSON.stringify(report, null, 2)}\n`);
    await rename(tmp, target);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}
