// Runs in: tests (node). Makes a valid ONNX model file larger by adding an unused initializer, so a
// download test can stream a real, loadable stand-in slowly enough to watch its progress bar.
import { onnx } from 'onnx-proto';

export function padOnnx(model: Uint8Array, extraBytes: number): Uint8Array {
  const proto = onnx.ModelProto.decode(model);
  proto.graph!.initializer!.push({
    name: 'anyfill_test_padding',
    dims: [Math.ceil(extraBytes / 4)],
    dataType: onnx.TensorProto.DataType.FLOAT,
    rawData: new Uint8Array(Math.ceil(extraBytes / 4) * 4),
  });
  return onnx.ModelProto.encode(proto).finish();
}
