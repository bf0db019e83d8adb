// Runs in: engine process. The message pipe to the host, whichever host started us.
// Electron's utilityProcess gives process.parentPort; a Node child_process.fork gives process.send.
export interface EngineTransport {
  send(message: unknown): void;
  onMessage(listener: (message: unknown) => void): void;
  /** Called when the host goes away: the engine must exit rather than linger as an orphan. */
  onHostGone(listener: () => void): void;
}

interface ParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (e: { data: unknown }) => void): void;
}

export function connectToHost(): EngineTransport {
  const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;
  if (parentPort) {
    return {
      send: (m) => parentPort.postMessage(m),
      onMessage: (l) => parentPort.on('message', (e) => l(e.data)),
      // Electron kills utility processes with their parent; nothing to watch.
      onHostGone: () => undefined,
    };
  }
  if (typeof process.send === 'function') {
    return {
      send: (m) => process.send?.(m),
      onMessage: (l) => process.on('message', l),
      onHostGone: (l) => process.on('disconnect', l),
    };
  }
  throw new Error('The Anyfill engine must be started by a host (Electron or `anyfill serve`), not run directly.');
}
