// Runs in: engine process (and the CLI, tests). [Note: engine services] Everything the engine keeps
// between requests, built once per process in main.ts and handed to handlers in the EngineContext:
// no module holds a singleton, so a test or a CLI command builds its own set and nothing leaks between them.
import { AssetStore } from './images/asset-store';
import { JobQueue } from './jobs/job-queue';
import { DownloadRegistry } from './models/download-registry';
import type { SaveHook } from './project/write-zip';
import { createEngineRuntime, type EngineRuntime } from './runtime/engine-runtime';
import { SegmentService } from './segment/segment-service';

export interface EngineServices {
  /** Full-resolution pixels of the session folder's assets. */
  readonly assets: AssetStore;
  /** The inference queue and session pool every model run goes through. */
  readonly runtime: EngineRuntime;
  /** SAM: embeddings (memory and disk cache), clicks, held results. */
  readonly segment: SegmentService;
  /** Long jobs (fill, inpaint, outpaint), one at a time. */
  readonly jobs: JobQueue;
  /** Model downloads, one manager per models folder. */
  readonly downloads: DownloadRegistry;
  /** Called at each step of a save that goes through the channels (fault tests inject failures here). */
  readonly saveHook?: SaveHook;
}

export interface ServiceOptions {
  /** The interactive lane built elsewhere (tests that watch or fake model runs); default: a new one. */
  runtime?: Pick<EngineRuntime, 'inferenceQueue' | 'sessionPool'>;
  saveHook?: SaveHook;
}

export function createEngineServices(sessionDir: string, options: ServiceOptions = {}): EngineServices {
  const assets = new AssetStore(sessionDir);
  const runtime = createEngineRuntime(options.runtime);
  return {
    assets,
    runtime,
    segment: new SegmentService({ assets, queue: runtime.inferenceQueue, pool: runtime.sessionPool }),
    jobs: new JobQueue(),
    downloads: new DownloadRegistry(),
    ...(options.saveHook ? { saveHook: options.saveHook } : {}),
  };
}
