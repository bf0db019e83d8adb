// Runs in: CLI and tests (Node). big-LaMa's fast Fourier convolution as Carve's ONNX export computes it
// (models/README.md source P): the 2-D real FFT and its inverse as MatMuls with cos/sin matrices (no DFT
// op), a 1×1 conv on the stacked real and imaginary parts in between, and the FFC's local/global split
// with its 3×3 convs (BatchNorm folded into the convs' bias, as an eval-mode export does).
import { conv } from '../layers';
import type { T, TwinGraph } from '../twin-graph';

export const relu = (t: TwinGraph, x: T): T => t.op('Relu', [x], x.shape);

/** cos and sin of −2πjk/n for j < rows, k < cols, scaled by 1/√n (the export's "ortho" norm). */
function dftMatrices(t: TwinGraph, rows: number, cols: number, n: number, sign: number): [string, string] {
  const c = new Float32Array(rows * cols),
    s = new Float32Array(rows * cols),
    norm = 1 / Math.sqrt(n);
  for (let j = 0; j < rows; j++) {
    for (let k = 0; k < cols; k++) {
      c[j * cols + k] = Math.cos((sign * 2 * Math.PI * j * k) / n) * norm;
      s[j * cols + k] = Math.sin((sign * 2 * Math.PI * j * k) / n) * norm;
    }
  }
  return [
    t.g.constant({ dtype: 'float32', dims: [rows, cols], values: c }),
    t.g.constant({ dtype: 'float32', dims: [rows, cols], values: s }),
  ];
}

/** The DFT matrices of one square size, shared by every Fourier unit of the graph. */
export interface Dft {
  size: number;
  rfft: [string, string];
  fft: [string, string];
  ifft: [string, string];
}

export function dftSet(t: TwinGraph, size: number): Dft {
  return {
    size,
    rfft: dftMatrices(t, size, size / 2 + 1, size, -1),
    fft: dftMatrices(t, size, size, size, -1),
    ifft: dftMatrices(t, size, size, size, 1),
  };
}

const matmul = (t: TwinGraph, x: T, m: string, cols: number): T => t.op('MatMul', [x.name, m], [...x.shape.slice(0, -1), cols]);
const sub = (t: TwinGraph, a: T, b: T): T => t.op('Sub', [a, b], a.shape);
const swapHW = (t: TwinGraph, x: T): T => t.transpose(x, [0, 1, 3, 2]);

/** The ortho 2-D real FFT of [n,c,size,size]: real and imaginary parts, [n,c,size/2 + 1,size] (bins along W first). */
export function rfft2(t: TwinGraph, x: T, dft: Dft): [T, T] {
  const { size } = dft,
    half = size / 2 + 1,
    [[rc, rs], [fc, fs]] = [dft.rfft, dft.fft];
  // Along W (real input): size/2 + 1 bins; then along H (complex), on the transposed planes.
  const re0 = swapHW(t, matmul(t, x, rc, half)),
    im0 = swapHW(t, matmul(t, x, rs, half));
  return [sub(t, matmul(t, re0, fc, size), matmul(t, im0, fs, size)), t.add(matmul(t, re0, fs, size), matmul(t, im0, fc, size))];
}

/** Its inverse: along H (complex), then the Hermitian extension to `size` bins and its real part along W. */
export function irfft2(t: TwinGraph, re: T, im: T, dft: Dft): T {
  const [n, c] = re.shape as [T['shape'][0], number];
  const { size } = dft,
    half = size / 2 + 1,
    [ic, is] = dft.ifft;
  const r1 = swapHW(t, sub(t, matmul(t, re, ic, size), matmul(t, im, is, size))),
    i1 = swapHW(t, t.add(matmul(t, re, is, size), matmul(t, im, ic, size)));
  const mirror = (v: T) =>
    t.op('Slice', [v.name, t.g.i64([half - 2]), t.g.i64([0]), t.g.i64([3]), t.g.i64([-1])], [n, c, size, size - half]);
  const rFull = t.op('Concat', [r1, mirror(r1)], [n, c, size, size], { axis: 3 });
  const iFull = t.op('Concat', [i1, t.op('Neg', [mirror(i1)], [n, c, size, size - half])], [n, c, size, size], { axis: 3 });
  return sub(t, matmul(t, rFull, ic, size), matmul(t, iFull, is, size));
}

/** FourierUnit: rfft2 → conv 1×1 on the stacked real and imaginary parts (2c → 2c) + ReLU → irfft2. */
export function fourierUnit(t: TwinGraph, x: T, dft: Dft): T {
  const [n, c] = x.shape as [T['shape'][0], number];
  const half = dft.size / 2 + 1;
  const spectrum = t.op('Concat', rfft2(t, x, dft), [n, 2 * c, half, dft.size], { axis: 1 });
  const mixed = relu(t, conv(t, spectrum, 2 * c, 1));
  const [mr, mi] = [0, 1].map((k) =>
    t.op('Slice', [mixed.name, t.g.i64([k * c]), t.g.i64([(k + 1) * c]), t.g.i64([1])], [n, c, half, dft.size]),
  );
  return irfft2(t, mr!, mi!, dft);
}

/** SpectralTransform: 1×1 down to half the channels, the Fourier unit, residual, 1×1 back up. */
function spectral(t: TwinGraph, g: T, cout: number, dft: Dft): T {
  const x = relu(t, conv(t, g, cout / 2, 1));
  return conv(t, t.add(x, fourierUnit(t, x, dft)), cout, 1, { bias: false });
}

/** One FFC + BN + ReLU: local out = l2l(l) + g2l(g), global out = l2g(l) + spectral(g). */
export function ffc(t: TwinGraph, l: T, g: T, dft: Dft): [T, T] {
  const cl = l.shape[1] as number,
    cg = g.shape[1] as number;
  const outL = relu(t, t.add(conv(t, l, cl, 3), conv(t, g, cl, 3, { bias: false })));
  const outG = relu(t, t.add(conv(t, l, cg, 3), spectral(t, g, cg, dft)));
  return [outL, outG];
}
