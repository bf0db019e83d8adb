// Runs in: a host process. Requests sent to the engine and not yet answered, by id.
import type { AnyfillError } from '../../src-shared/contract/errors';

interface Pending {
  channel: string;
  resolve: (value: unknown) => void;
  reject: (error: AnyfillError) => void;
}

export class PendingRequests {
  private nextId = 1;
  private readonly byId = new Map<number, Pending>();

  add(channel: string): { id: number; promise: Promise<unknown> } {
    const id = this.nextId++;
    const promise = new Promise<unknown>((resolve, reject) => this.byId.set(id, { channel, resolve, reject }));
    return { id, promise };
  }

  resolve(id: number, value: unknown): void {
    this.byId.get(id)?.resolve(value);
    this.byId.delete(id);
  }

  reject(id: number, error: AnyfillError): void {
    this.byId.get(id)?.reject(error);
    this.byId.delete(id);
  }

  rejectAll(error: AnyfillError): void {
    for (const p of this.byId.values()) p.reject(error);
    this.byId.clear();
  }

  get size(): number {
    return this.byId.size;
  }
}
