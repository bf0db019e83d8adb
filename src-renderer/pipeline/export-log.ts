// Runs in: renderer. "Export log (JSON)": the layer's pipeline log as a downloaded file. A Blob download
// works in the browser host and in Electron alike (Electron saves it through its download handling).
import type { Provenance } from '../../src-shared/document/provenance';
import type { ImageLayer } from '../../src-shared/document/types';
import { logFileName, pipelineLogJson } from './log-json';

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
