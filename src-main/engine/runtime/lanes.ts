// Runs in: engine process and its ORT worker threads. [Note: runtime lanes] Two lanes, each with its own
// ORT worker thread, inference queue and session pool: the interactive lane (SAM encoder and decoder,
// hover, Grounding DINO) and the background lane (diffusion, the learned eraser). A click then never waits
// behind a UNet evaluation of many seconds: ORT cannot stop inside a run (reliability §3.4), so a shared
// queue would make it wait for the whole evaluation. The lanes share the CPU through the thread policy below.
import os from 'node:os';

export type RuntimeLane = 'interactive' | 'background';

export interface LanePolicy {
  /** ORT intra-op threads of each session the lane opens. */
  intraOpThreads: number;
  /** Nice value for the lane's worker thread and the ORT threads it starts (0: unchanged). */
  nice: number;
  /**
   * ORT's CPU memory arena keeps each session's largest run's buffers for good: right for the small,
   * repeated interactive runs, but for SD it held every stage's peak at once (the UNet's, then the VAE's on
   * top: 8.0 GB vs 6.1 GB without, test/bench/generation-memory.ts), for a cost of well under 1 % of a
   * multi-second run.
   */
  memArena: boolean;
}

/** How far below normal the background lane runs on Linux: CFS then gives a nice-0 thread ~9× its share. */
export const BACKGROUND_NICE = 10;

/**
 * Interactive: every core, normal priority. Background on Linux: every core at nice 10, so an interactive
 * run and the UI's own threads take the cores when they want them and generation gets the rest (nice is per
 * thread there, and threads ORT starts inherit it). Elsewhere nice would lower the whole process, so the
 * background lane leaves one core free instead (cores − 1, at least 1).
 */
export function lanePolicy(lane: RuntimeLane, cores: number, platform: NodeJS.Platform = process.platform): LanePolicy {
  if (lane === 'interactive') return { intraOpThreads: cores, nice: 0, memArena: true };
  if (platform === 'linux') return { intraOpThreads: cores, nice: BACKGROUND_NICE, memArena: false };
  return { intraOpThreads: Math.max(1, cores - 1), nice: 0, memArena: false };
}

/** Lowers the calling thread's priority (Linux: that thread only). False when the OS refused: the lane runs at normal priority. */
export function lowerThisThread(nice: number): boolean {
  if (nice <= 0) return true;
  try {
    os.setPriority(0, Math.min(19, os.getPriority(0) + nice));
    return true;
  } catch {
    return false;
  }
}
