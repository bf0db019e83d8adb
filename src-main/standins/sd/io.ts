// Runs in: CLI and tests (Node). Float I/O helpers: fp16 packs declare float16 inputs/outputs and cast
// to float32 inside, so the analytic maths is the same in every variant.
import type { DType, Dim, GraphBuilder } from '../graph-builder';

export type FloatIo = 'float32' | 'float16';
const FLOAT = 1;
const FLOAT16 = 10;

/** Declares a float input of the pack's I/O type; returns a float32 tensor name. */
export function floatInput(g: GraphBuilder, io: FloatIo, name: string, shape: Dim[]): string {
  const x = g.input(name, io, shape);
  return io === 'float16' ? g.op('Cast', [x], { to: FLOAT }) : x;
}

/** Declares a float output of the pack's I/O type from a float32 tensor. */
export function floatOutput(g: GraphBuilder, io: FloatIo, name: string, shape: Dim[], from: string): void {
  g.output(name, io as DType, shape, io === 'float16' ? g.op('Cast', [from], { to: FLOAT16 }) : from);
}
