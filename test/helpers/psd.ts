// Runs in: test tooling (node). Reads a PSD back with ag-psd, as the export wrote it. Node has no canvas;
// ag-psd only needs somewhere to put decoded pixels, so plain RGBA buffers stand in for ImageData.
import { initializeCanvas, readPsd, type Psd } from 'ag-psd';

let ready = false;

export function readPsdFile(bytes: Uint8Array): Psd {
  if (!ready) {
    initializeCanvas(
      () => {
        throw new Error('no canvas in tests: read with useImageData');
      },
      ((width: number, height: number) => ({ width, height, data: new Uint8ClampedArray(width * height * 4) })) as never,
    );
    ready = true;
  }
  return readPsd(bytes, { useImageData: true, skipThumbnail: true });
}
