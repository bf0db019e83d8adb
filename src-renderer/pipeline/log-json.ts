// Runs in: renderer (pure; the unit tests use it too). The exported pipeline log's JSON and file name.
import type { Provenance } from '../../src-shared/document/provenance';
import type { ImageLayer } from '../../src-shared/document/types';

export const LOG_FORMAT = 'anyfill-pipeline-log';

/** The exported JSON: a header naming the format and layer, then the log as recorded. */
export function pipelineLogJson(layer: Pick<ImageLayer, 'id' | 'name'>, p: Provenance): string {
  return `${JSON.stringify({ format: LOG_FORMAT, formatVersion: 1, layer: { id: layer.id, name: layer.name }, ...p }, null, 2)}\n`;
}

/** A file name from the layer's name: letters, digits, dashes; never empty. */
export function logFileName(layerName: string): string {
  const base =
    layerName
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 80) || 'layer';
  return `${base}-pipeline.json`;
}
