// Runs in: the engine's ORT worker thread. The tensors the engine asked the worker to keep ([Note:
// resident tensors] in worker-protocol.ts), least recently used first out once over a byte budget.
import { MissingHeldTensor, type FeedMap, type TensorData, type TensorMap } from './worker-protocol';

export class HeldTensors {
  private readonly held = new Map<number, TensorData>();
  private bytes = 0;

  /** Budget: a few images' SAM embeddings (4–16 MB each) or SD text embeddings. */
  constructor(private readonly budgetBytes = 96 * 1024 * 1024) {}

  /** The run's feeds as plain tensors: references resolved, tensors marked `hold` kept. */
  resolve(feeds: FeedMap): { tensors: TensorMap; evicted: number[] } {
    const tensors: TensorMap = {};
    const keep: number[] = [];
    for (const [name, f] of Object.entries(feeds)) {
      if ('held' in f) {
        const t = this.held.get(f.held);
        if (!t) throw new MissingHeldTensor(f.held);
        // Most recently used last: the Map's order is the eviction order.
        this.held.delete(f.held);
        this.held.set(f.held, t);
        tensors[name] = t;
      } else {
        tensors[name] = f;
        if (f.hold !== undefined) {
          this.put(f.hold, f);
          keep.push(f.hold);
        }
      }
    }
    return { tensors, evicted: this.evict(new Set(keep)) };
  }

  get size(): number {
    return this.held.size;
  }

  private put(id: number, t: TensorData): void {
    const old = this.held.get(id);
    if (old) this.bytes -= byteSize(old);
    this.held.delete(id);
    this.held.set(id, t);
    this.bytes += byteSize(t);
  }

  /** Oldest first until within budget; never what this run brought. */
  private evict(keep: Set<number>): number[] {
    const out: number[] = [];
    for (const [id, t] of this.held) {
      if (this.bytes <= this.budgetBytes) break;
      if (keep.has(id)) continue;
      this.held.delete(id);
      this.bytes -= byteSize(t);
      out.push(id);
    }
    return out;
  }
}

function byteSize(t: TensorData): number {
  return ArrayBuffer.isView(t.data) ? t.data.byteLength : t.data.length * 8;
}
