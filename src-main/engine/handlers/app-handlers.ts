// Runs in: engine process. app.info: versions, execution providers, limits and engine health.
import type * as Ort from 'onnxruntime-node';
import sharp from 'sharp';
import type { AppInfo } from '../../../src-shared/contract/payloads';
import type { EngineHandler } from '../engine-context';
import { MAX_FILE_BYTES, MAX_PIXELS } from '../images/limits';
import { listBackends } from '../runtime/execution-providers';

type Backend = { name: string; bundled: boolean };
type ExecutionProvider = AppInfo['executionProviders'][number];

export const appInfo: EngineHandler<'app.info'> = async (_req, ctx) => {
  const ort = loadOnnxRuntime();
  const versions: Record<string, string> = {
    node: process.versions.node,
    sharp: sharp.versions.sharp ?? 'unknown',
    vips: sharp.versions.vips,
    onnxruntime: ort?.version ?? 'unavailable',
  };
  if (process.versions.electron) versions.electron = process.versions.electron;
  return {
    name: 'Anyfill',
    // The build or the host passes the version in; a dev run from source has none.
    version: process.env.ANYFILL_VERSION || '0.0.0-dev',
    host: ctx.host,
    versions,
    executionProviders: ort?.providers ?? [{ name: 'cpu', available: false, note: 'onnxruntime could not be loaded.' }],
    modelsDir: ctx.modelsDir,
    engine: {
      pid: process.pid,
      uptimeMs: Math.round(process.uptime() * 1000),
      peakRssBytes: process.resourceUsage().maxRSS * 1024,
    },
    limits: { maxPixels: MAX_PIXELS, maxFileBytes: MAX_FILE_BYTES },
  };
};

interface OrtInfo {
  version: string;
  providers: ExecutionProvider[];
}
let ortInfo: OrtInfo | null | undefined;

/**
 * Loaded on first use only: app.info is rare and the native binding takes a while to load.
 * require, not import(): the engine is a CommonJS bundle, and packaged apps load it from an asar.
 */
function loadOnnxRuntime(): OrtInfo | null {
  if (ortInfo !== undefined) return ortInfo;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const ort = require('onnxruntime-node') as typeof Ort;
    const backends = listBackends().map((b) => ({ name: b.name, bundled: b.available }));
    ortInfo = { version: ort.env.versions.node ?? ort.env.versions.common, providers: backends.map(describeProvider) };
  } catch {
    ortInfo = null;
  }
  return ortInfo;
}

function describeProvider(b: Backend): ExecutionProvider {
  if (b.name === 'cpu') return { name: 'cpu', available: true };
  if (b.name === 'cuda' || b.name === 'tensorrt') {
    return b.bundled
      ? { name: b.name, available: true, note: 'Needs an NVIDIA GPU with a CUDA 12 driver.' }
      : { name: b.name, available: false, note: 'Not installed; see "GPU (CUDA) on Linux" in the README.' };
  }
  // Bundled, but whether a GPU adapter exists is only known when a session starts; Anyfill does not use it yet.
  if (b.name === 'webgpu') return { name: b.name, available: false, note: 'Bundled but not used by Anyfill yet (experimental).' };
  return { name: b.name, available: b.bundled };
}
