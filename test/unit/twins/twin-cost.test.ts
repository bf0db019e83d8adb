// Runs in: test tooling. Every cost twin's graph, built at the real size without writing its weights: its
// parameters and MACs per call, counted from the graph's structure, are within ±10 % of the published
// figures (performance.md §1), and its inputs and outputs are exactly those of the real export's contract
// (the stand-in of the same pack and role, which the adapters' contract tests pin).
import { onnx } from 'onnx-proto';
import { describe, expect, it } from 'vitest';
import { allStandinPacks } from '../../../src-main/standins/index';
import { TWIN_PACKS } from '../../../src-main/twins/catalog';
import { countCost } from '../../../src-main/twins/count-cost';
import { conv, linear } from '../../../src-main/twins/layers';
import { TwinGraph } from '../../../src-main/twins/twin-graph';

const MODELS = TWIN_PACKS.flatMap((p) => p.models.map((m) => [`${p.packId} ${m.role}`, p, m] as const));
const io = (bytes: Uint8Array) => {
  const graph = onnx.ModelProto.decode(bytes).graph!;
  const sig = (v: onnx.IValueInfoProto) => ({
    name: v.name,
    type: onnx.ValueInfoProto.toObject(onnx.ValueInfoProto.create(v)).type as unknown,
  });
  return { inputs: graph.input!.map(sig), outputs: graph.output!.map(sig) };
};

describe('cost twins', () => {
  it.each(MODELS)('%s: parameters and MACs within ±10 percent of the published figures', (_name, _pack, model) => {
    const cost = countCost((model.countGraph ?? (() => model.build(1)))().toBytes(), model.call);
    expect(Math.abs(cost.params / model.published.params - 1), `${(cost.params / 1e6).toFixed(2)} M parameters`).toBeLessThanOrEqual(0.1);
    expect(Math.abs(cost.macs / model.published.macs - 1), `${(cost.macs / 1e9).toFixed(2)} GMAC`).toBeLessThanOrEqual(0.1);
  });

  it.each(MODELS)('%s: inputs and outputs exactly as the real export (names, dtypes, dims)', async (_name, pack, model) => {
    const standin = (await allStandinPacks()).find((p) => p.packId === pack.packId)!;
    const standinFile = standin.files[standin.roles[model.role]!]!;
    expect(standin.roles[model.role]).toBe(model.file);
    expect(io(model.build(0.125).toBytes())).toEqual(io(standinFile));
  });
});

describe('the cost counter', () => {
  it('counts convolutions, linears and grouped convolutions by formula, and parameters without weights', () => {
    const t = new TwinGraph('probe', 'probe.data');
    const x = t.input('x', [1, 8, 32, 32]);
    const y = conv(t, conv(t, x, 16, 3, { stride: 2 }), 16, 3, { groups: 16 });
    const tokens = linear(t, t.reshape(y, [1, 16, 256]), 64);
    t.output('y', [1, 16, 64], tokens);
    const cost = countCost(t.toBytes());
    // 3×3×8→16 at 16² + depthwise 3×3×16 at 16² + 256→64 on 16 rows.
    expect(cost.macs).toBe(16 * 16 * 16 * 9 * 8 + 16 * 16 * 16 * 9 + 16 * 64 * 256);
    expect(cost.params).toBe(16 * 8 * 9 + 16 + 16 * 9 + 16 + 256 * 64 + 64);
    expect(t.weights.bytes).toBeGreaterThanOrEqual(cost.params * 4);
  });

  it('refuses to guess a dynamic axis the call does not bind', () => {
    const t = new TwinGraph('probe', 'probe.data');
    t.output('y', [1, 'n', 4], linear(t, t.input('x', [1, 'n', 8]), 4));
    expect(() => countCost(t.toBytes())).toThrow(/bind the dynamic axis "n"/);
    expect(countCost(t.toBytes(), { n: 10 }).macs).toBe(10 * 8 * 4);
  });
});
