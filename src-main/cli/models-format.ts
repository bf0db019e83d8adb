// Runs in: CLI. Text for `anyfill models`: the pack table, the progress bar, durations.
import type { DownloadProgress, ModelsListSchema, VerifyResult } from '../../src-shared/contract/model-payloads';
import type { z } from 'zod';
import { formatBytes } from '../engine/models/download-errors';

type ModelsList = z.infer<typeof ModelsListSchema>;

export function formatDuration(seconds: number): string {
  if (seconds < 60) return `${Math.round(seconds)}s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m${String(Math.round(seconds % 60)).padStart(2, '0')}s`;
  return `${Math.floor(seconds / 3600)}h${String(Math.floor((seconds % 3600) / 60)).padStart(2, '0')}m`;
}

export function formatList(list: ModelsList): string {
  const rows = list.packs.map((p) => [
    p.id + (p.default ? ' *' : ''),
    p.state + (p.evidence && p.evidence !== 'pinned' ? ` (${p.evidence})` : ''),
    p.state === 'installed' || p.state === 'damaged' ? formatBytes(p.bytes) : `${formatBytes(p.installedBytes)} / ${formatBytes(p.bytes)}`,
    p.device.name,
    p.inCatalog ? p.title : `${p.title} (${p.source ?? 'not in catalog'})`,
  ]);
  const head = ['PACK', 'STATE', 'SIZE', 'DEVICE', 'TITLE'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join('  ');
  const free = list.diskFreeBytes === null ? '' : ` (${formatBytes(list.diskFreeBytes)} free)`;
  const unverified = list.packs.filter((p) => p.evidenceNote).map((p) => `${p.id}: ${p.evidenceNote}`);
  return [
    line(head),
    ...rows.map(line),
    '',
    ...unverified,
    `* suggested first for its kind.  Models folder: ${list.modelsDir}${free}`,
  ].join('\n');
}

/** One line of progress; `width` is the bar's width in characters (0: no bar, for logs). */
export function progressLine(p: DownloadProgress, width: number): string {
  const frac = p.totalBytes > 0 ? Math.min(1, p.receivedBytes / p.totalBytes) : 0;
  const bar = width > 0 ? `[${'#'.repeat(Math.round(frac * width)).padEnd(width, '.')}] ` : '';
  const pct = `${Math.floor(frac * 100)}%`.padStart(4);
  const parts = [`${bar}${pct}`, `${formatBytes(p.receivedBytes)} / ${formatBytes(p.totalBytes)}`];
  if (p.state === 'downloading' && p.bytesPerSecond > 0) parts.push(`${formatBytes(p.bytesPerSecond)}/s`);
  if (p.state === 'downloading' && p.etaSeconds !== null) parts.push(`ETA ${formatDuration(p.etaSeconds)}`);
  const file = p.file ? ` ${p.file}` : '';
  parts.push(`${p.state} ${Math.min(p.fileIndex + 1, p.fileCount)}/${p.fileCount}${file}`);
  return parts.join('  ');
}

/** `models verify` for one pack: ok or DAMAGED with its problems, each model's variant and what was applied to it, the evidence. */
export function verifyLines(result: VerifyResult): string[] {
  const id = result.packId;
  const where = result.device
    ? ` — runs on ${result.device.name.toUpperCase()}${result.device.note ? ` (${result.device.note})` : ''}`
    : '';
  const lines = result.ok
    ? [`ok       ${id}${where}`]
    : [`DAMAGED  ${id}`, ...result.problems.map((p) => `         ${p.path}: ${p.problem}`)];
  for (const l of result.loads ?? []) {
    lines.push(`         ${l.file}: ${l.variant}, loaded in ${l.loadMs} ms${l.warmUpMs === null ? '' : `, warm-up ${l.warmUpMs} ms`}`);
    for (const a of l.applied ?? []) lines.push(`           applied: ${a}`);
  }
  if (result.evidence && result.evidence !== 'pinned')
    lines.push(`         ${result.evidence}: ${result.evidenceNote ?? 'no published sha256 vouched for every file'}`);
  return lines;
}
