// Runs in: benchmark (node). The flows' figures as one short Markdown table (printed and kept in
// bench-results/cost.md), the machine named above it; extrapolated totals are marked.
import type { Summary } from './flow-stats';
import type { GenerateFigures } from './generate-flow';
import type { FlowResults } from './run-flows';

const t = (ms: number | null | undefined): string => {
  if (ms === null || ms === undefined || Number.isNaN(ms)) return '—';
  if (ms >= 120_000) return `${(ms / 60_000).toFixed(1)} min`;
  return ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`;
};
const pp = (s: Summary | null): string => (s ? `${t(s.p50)} / ${t(s.p95)} (n ${s.n})` : '—');
const cores = (r: Record<string, number>) =>
  Object.entries(r)
    .filter(([, v]) => v >= 0.01)
    .map(([role, v]) => `${role} ${v}`)
    .join(', ');

function genRows(name: string, g: GenerateFigures): string[] {
  const s = g.settings;
  const what = `${s.variants} × ${s.steps} steps, guidance ${s.guidance}${s.scheduler ? `, ${s.scheduler}` : ''}${s.packId ? `, ${s.packId}` : ''}`;
  const total =
    g.totalMs === null
      ? `— (${g.error ?? 'not measured'})`
      : `${t(g.totalMs)}${g.totalExtrapolated ? ` EXTRAPOLATED from ${g.measuredSteps} steps` : ' measured'}`;
  return [
    `| Generate ${name} (${what}): step p50 / p95 | ${pp(g.stepMs)} |`,
    `| … press → first step; → first preview | ${t(g.preludeMs)}; ${t(g.firstPreviewMs)} |`,
    `| … VAE decode per variant | ${t(g.decodeMs)} (${g.decodeSource}) |`,
    `| … total | ${total}${g.predictedTotalMs !== null && !g.totalExtrapolated ? ` (predicted after the first steps: ${t(g.predictedTotalMs)})` : ''} |`,
    ...(g.asked ? [`| … the app asked first | ${g.asked.replace(/\|/g, '/')} |`] : []),
  ];
}

export function flowsTable(f: FlowResults, machine: string): string {
  const d = f.generate.defaults;
  const rss = (phase: 'selecting' | 'generating') =>
    Object.entries(f.peakRss[phase])
      .filter(([role]) => /host|engine|renderer/.test(role) || !/chromium/.test(role))
      .map(([role, r]) => `${role} ${r} MiB`)
      .join(', ');
  return [
    `Editor flows at real cost (twins at width ${f.twinsWidth}${f.twinsWidth < 1 ? ': NOT the real cost' : ''}) on ${machine}`,
    `Photo: ${f.photo}. Timings on a shared machine are noisy.`,
    '',
    '| flow | figure |',
    '|---|---|',
    `| open 12 MP → photo shown (MobileSAM / ViT-B run) | ${t(f.open.mobilesam.shownMs)} / ${t(f.open['sam-vit-b'].shownMs)} |`,
    `| open 12 MP → ready for clicks, MobileSAM | ${t(f.open.mobilesam.readyForClicksMs)} |`,
    `| open 12 MP → ready for clicks, SAM ViT-B | ${t(f.open['sam-vit-b'].readyForClicksMs)} |`,
    `| click → mask shown p50 / p95 | ${pp(f.clickToMaskMs.ms)}${f.clickToMaskMs.timedOut ? `, ${f.clickToMaskMs.timedOut} timed out` : ''} |`,
    `| hover preview while moving | ${f.hover.previewsShownPerSecond} previews/s (${f.hover.requestsPerSecond} asked/s); CPU in cores: ${cores(f.hover.cpuCores)} |`,
    `| text selection "${f.text.prompt}" (first, then warm) | ${f.text.runsMs.map(t).join(', ')} → ${f.text.answer} |`,
    ...genRows('fastest', f.generate.fastest),
    ...genRows('defaults', d),
    `| cancel: press → "Cancelling…" / → job ended; app CPU in the 5 s after | ${t(f.cancel.acknowledgedMs)} / ${t(f.cancel.endedMs)}; ${f.cancel.appCoresAfter} cores |`,
    `| click while a generation runs p50 / p95 | ${pp(d.clicksDuring?.ms ?? null)}${d.clicksDuring?.timedOut ? `, ${d.clicksDuring.timedOut} timed out` : ''} |`,
    `| UI frame interval during a generation p50 / p95 | ${pp(d.framesMs)}${d.framesMs ? `, ${d.framesMs.over33ms} frames over 33 ms, max ${t(d.framesMs.max)}` : ''} |`,
    `| peak RSS while opening and selecting | ${rss('selecting')} |`,
    `| CPU the app got, in cores (selecting; generating), load average at the end | ${cores(f.cpuCores.selecting)}; ${cores(f.cpuCores.generating)}; ${f.cpuCores.loadAverageAtEnd} |`,
    ...(f.engineRestarts
      ? [`| engine crashed and was restarted | ${f.engineRestarts} time(s): later figures ran on a fresh engine |`]
      : []),
    `| peak RSS while generating${f.peakRss.generatingResetWorked ? '' : ' (peaks not reset: whole run)'} | ${rss('generating')} |`,
  ].join('\n');
}
