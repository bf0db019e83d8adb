// Runs in: renderer (type) and preload / browser bridge (implementation).
// The object the renderer sees as window.anyfill. Both hosts implement it with the same shape.
import type { ChannelName, EventName, EventOf, RequestOf, ResponseOf } from './contract';
import type { ExportId } from '../document/ids';
import type { ExportFormat } from './export-payloads';
import type { StagedFile } from './payloads';

export interface AnyfillApi {
  readonly host: 'electron' | 'browser';
  /** Typed request/response over the contract; rejects with AnyfillError data ({code, message}). */
  invoke<C extends ChannelName>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>>;
  /** Subscribe to an event; returns the unsubscribe function. */
  on<E extends EventName>(event: E, listener: (payload: EventOf<E>) => void): () => void;
  /** Copy a dropped, pasted or picked file into the host's session inbox. */
  stageFile(file: File): Promise<StagedFile>;
  /** Native open dialog (Electron) or a file input (browser). null when cancelled. */
  pickImage(): Promise<StagedFile | null>;
  /** Native save dialog (Electron) or a download (browser); format: what the export is (default png). */
  saveExport(exportId: ExportId, suggestedName: string, format?: ExportFormat): Promise<{ saved: boolean; where?: string }>;
  /** URL for a session file path returned by the engine (proxy, export). */
  fileUrl(path: string): string;
}
