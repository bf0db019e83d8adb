// Runs in: benchmark (node → Chromium). Cancel at real cost: Cancel pressed on a running generation → the
// jobs bar says "Cancelling…" → the job has ended, and whether the app's CPU actually calmed down after it
// (an evaluation left running in the background would keep a core busy).
import type { FlowSession } from './flow-session';
import { stepTimes } from './flow-stats';
import { jobEnded, pressCancel, pressGenerate } from './generate-ui';
import { cpuBetween, processTree } from './procs';

export interface CancelFigures {
  acknowledgedMs: number | null;
  endedMs: number;
  /**
   * CPU the app's processes (not Chromium) used in the 5 s after the job ended, in cores: near 0 when the
   * work stopped; about a core or more when an evaluation kept running after the UI said it ended.
   */
  appCoresAfter: number;
}

/** Cancel pressed on the running job: the UI's acknowledgement, the job's end, and whether the CPU calmed down. */
export async function cancelNow(s: FlowSession): Promise<CancelFigures> {
  const at = await pressCancel(s);
  const end = await jobEnded(s, at, 30 * 60_000);
  const ack = (await s.probe.status(at)).find(([, text]) => /cancel/i.test(text ?? ''));
  const [before, t0] = [await processTree(s.roots), Date.now()];
  await s.page.waitForTimeout(5000);
  const used = Object.entries(cpuBetween(before, await processTree(s.roots))).filter(([role]) => !role.startsWith('chromium'));
  const appCoresAfter = Math.round((used.reduce((n, [, ms]) => n + Math.max(0, ms), 0) / (Date.now() - t0)) * 100) / 100;
  return { acknowledgedMs: ack ? Math.round(ack[0] - at) : null, endedMs: Math.round(end - at), appCoresAfter };
}

/** Generate, wait for `steps` steps to be reported, then Cancel: press → "Cancelling…" shown / → job ended. */
export async function measureCancel(s: FlowSession, afterSteps: number): Promise<CancelFigures & { afterStep: number }> {
  const { startedAt } = await pressGenerate(s);
  await s.page.waitForFunction(
    ([t, n]) =>
      (window as never as { __costProbe: { status: Array<[number, string | null]> } }).__costProbe.status.filter(
        ([at, x]) => at >= t && /step\s+\d+/i.test(x ?? ''),
      ).length >= n,
    [startedAt, afterSteps] as const,
    { polling: 250, timeout: 60 * 60_000 },
  );
  const afterStep = stepTimes(await s.probe.status(startedAt)).stepDoneAt.length;
  return { ...(await cancelNow(s)), afterStep };
}
