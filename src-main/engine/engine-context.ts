// Runs in: engine process. What every engine handler receives besides its request.
import type { EngineChannelName, EventName, EventOf, ParsedRequestOf, ResponseOf } from '../../src-shared/contract/contract';
import type { EngineServices } from './services';

export interface EngineContext {
  /**
   * The host-owned session folder: inbox/<StagedFileId> (raw staged bytes), assets/<AssetId>/…,
   * exports/<ExportId>.png. It outlives an engine crash, so a restarted engine can reload assets.
   */
  readonly sessionDir: string;
  readonly modelsDir: string;
  /** Recomputable data kept between runs (image embeddings by content hash and model); safe to delete. */
  readonly cacheDir: string;
  /** Autosaved recovery copies of open documents ([Note: recovery]); survives the session. */
  readonly recoveryDir: string;
  readonly host: 'electron' | 'browser' | 'cli';
  emit<E extends EventName>(event: E, payload: EventOf<E>): void;
  /** What the engine keeps between requests (assets, runtime, SAM, jobs, downloads): services.ts. */
  readonly services: EngineServices;
}

export type EngineHandler<C extends EngineChannelName> = (request: ParsedRequestOf<C>, ctx: EngineContext) => Promise<ResponseOf<C>>;

export type EngineHandlers = { [C in EngineChannelName]: EngineHandler<C> };
