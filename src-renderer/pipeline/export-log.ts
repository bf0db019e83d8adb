// Runs in: renderer. "Export log (JSON)": the layer's pipeline log as a downloaded file. A Blob download
// works in the browser host and in Electron alike (Electron saves it through its download handling).
import type { Provenance } from '../../src-shared/document/provenance';
import type { ImageLayer } from '../../src-shared/document/types';

export const LOG_FORMAT = 'anyfill-pipeline-log';

/** The exported JSON: a header naming the format and layer, then the log as recorded. */
export function pipelineLogJson(layer: Pick<ImageLayer, 'id' | 'name'>, p: Provenance): string {
  return `${JSON.stringify({ format: LOG_FORMAT, formatVersion: 1, layer: { id: layer.id, name: layer.name }, ...p }, null, 2)}\n`;
}

/** A file name from the layer's name: letters, digits, dashes; never empty. */
export function logFileName(layerName: string): string {
  const base = layerName.replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-+|-+$/g, '').slice(0, 80) || 'layer';
  return `${base}-pipeline.json`;
}

export function downloadPipelineLog(layer: ImageLayer & { provenance: Provenance }): void {
  const blob = new Blob([pipelineLogJson(layer, layer.provenance)], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = logFileName(layer.name);
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  // Revoked later: the download must have started reading it first.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
