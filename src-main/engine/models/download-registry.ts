// Runs in: engine process. One DownloadManager per models folder, so a second request for a pack joins
// the first; its progress goes wherever the engine's events go now (the latest caller's emit).
import type { DownloadProgress } from '../../../src-shared/contract/model-payloads';
import { DownloadManager } from './download-manager';

export interface ProgressEvents {
  emit(event: 'models.progress', payload: DownloadProgress): void;
}

interface Downloads {
  manager: DownloadManager;
  events: ProgressEvents;
}

export class DownloadRegistry {
  private readonly byModelsDir = new Map<string, Downloads>();

  /** The folder's manager, made on first use; progress from now on goes to `events`. */
  managerFor(modelsDir: string, events: ProgressEvents): DownloadManager {
    let d = this.byModelsDir.get(modelsDir);
    if (!d) {
      const entry: Downloads = {
        events,
        manager: new DownloadManager({ modelsDir, onProgress: (p) => entry.events.emit('models.progress', p) }),
      };
      this.byModelsDir.set(modelsDir, (d = entry));
    }
    d.events = events;
    return d.manager;
  }

  /** The folder's manager if a download ever ran there. */
  existing(modelsDir: string): DownloadManager | undefined {
    return this.byModelsDir.get(modelsDir)?.manager;
  }
}
