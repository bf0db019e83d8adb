// Runs in: engine process (and the CLI). Remembers which SAM pack (with open sessions) serves each
// models folder and pack request, so a click does not re-read manifests; reopens when the session pool
// has let a session go (model switch, out of memory), and forgets everything on invalidate().
import type { SessionPool } from '../runtime/session-pool';
import { findSamPack, openSamPack, type SamPack } from './sam-pack';

export class PackResolver {
  private readonly packs = new Map<string, Promise<SamPack>>();

  constructor(private readonly pool: SessionPool) {}

  get(modelsDir: string, packId?: string): Promise<SamPack> {
    const k = `${modelsDir}|${packId ?? ''}`;
    const hit = this.packs.get(k);
    if (!hit) return this.open(k, modelsDir, packId);
    return hit.then((p) =>
      this.pool.has(`${p.packId}/encoder`) && this.pool.has(`${p.packId}/decoder`) ? p : this.open(k, modelsDir, packId),
    );
  }

  invalidate(): void {
    this.packs.clear();
  }

  private open(k: string, modelsDir: string, packId?: string): Promise<SamPack> {
    const opened = findSamPack(modelsDir, packId).then((m) => openSamPack(modelsDir, m, this.pool));
    this.packs.set(k, opened);
    // A failure is not remembered: installing a pack fixes "no SAM pack" without a restart.
    opened.catch(() => {
      if (this.packs.get(k) === opened) this.packs.delete(k);
    });
    return opened;
  }
}
