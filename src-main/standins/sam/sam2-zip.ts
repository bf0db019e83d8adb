// Runs in: CLI and tests (Node). The SAM 2.1 stand-in as the hub publishes it: one samexporter zip
// (vietanhdev/segment-anything-2.1-onnx-models). The real zip's entries are
// `sam2.1_hiera_tiny.encoder.onnx` / `.decoder.onnx` at its root (samexporter's output names; projects
// that unpack the published zip read exactly these); the model card's quick start shows a bare
// `encoder.onnx` / `decoder.onnx`, kept as the 'card' layout so both stay installable.
import yazl from 'yazl';
import { sam2Decoder, sam2Encoder } from './sam2';

export type Sam2ZipLayout = 'samexporter' | 'card';

export const SAM2_ZIP_ENTRIES: Record<Sam2ZipLayout, { encoder: string; decoder: string }> = {
  samexporter: { encoder: 'sam2.1_hiera_tiny.encoder.onnx', decoder: 'sam2.1_hiera_tiny.decoder.onnx' },
  card: { encoder: 'encoder.onnx', decoder: 'decoder.onnx' },
};

/** The stand-in encoder and decoder zipped under the layout's entry names. */
export async function sam2StandinZip(layout: Sam2ZipLayout = 'samexporter'): Promise<Buffer> {
  const names = SAM2_ZIP_ENTRIES[layout];
  const zip = new yazl.ZipFile();
  zip.addBuffer(Buffer.from(sam2Encoder()), names.encoder);
  zip.addBuffer(Buffer.from(sam2Decoder()), names.decoder);
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
