// Runs in: engine process. Checks an opened session against its layout and role (contracts.ts) before
// first use, so a wrong-family or unsupported file fails at load with its name, never mid-inference.
import { AnyfillError } from '../../../src-shared/contract/errors';
import { CONTRACTS, LAYOUT_ROLES, LOOKALIKES, type Contract, type ContractId, type OnnxLayout } from './contracts';
import { shortPath } from './model-errors';
import { sessionFile } from './open-session';
import { tensorMetas, type InferenceSession, type TensorMeta } from './ort';
import { detectVariant, type Variant } from './variants';

export type { Variant } from './variants';

export interface ContractMatch {
  contract: ContractId;
  /** Which export this is: e.g. the SAM 1 encoder's input layout, the UNet's timestep dtype and rank. */
  variant: Variant;
  /** Metadata by name, for inputTensor and for reading outputs. */
  inputs: ReadonlyMap<string, TensorMeta>;
  outputs: ReadonlyMap<string, TensorMeta>;
}

export function checkContract(
  session: InferenceSession,
  layout: OnnxLayout,
  role: string,
  file = sessionFile(session) ?? role,
): ContractMatch {
  const ids = LAYOUT_ROLES[layout][role];
  if (!ids?.[0]) throw new AnyfillError('INTERNAL', `A ${layout} pack has no model role "${role}".`);
  const inputs = tensorMetas(session.inputMetadata);
  const outputs = tensorMetas(session.outputMetadata);
  // The alternative whose required inputs the file has; otherwise report against the main one.
  const id = ids.find((c) => required(CONTRACTS[c]).every((n) => inputs.has(n))) ?? ids[0];
  const contract: Contract = CONTRACTS[id];
  const name = shortPath(file);

  const missingIn = Object.entries(contract.inputs)
    .filter(([n, r]) => !r.optional && !inputs.has(n))
    .map(([n]) => n);
  const missingOut = contract.outputs.filter((g) => !g.some((n) => outputs.has(n))).map((g) => g.join(' or '));
  if (missingIn.length > 0 || missingOut.length > 0) {
    // Inputs say most about what a file is; outputs only matter once the inputs all fit.
    const missing = missingIn.length > 0 ? `input ${missingIn.join(', ')}` : `output ${missingOut.join(', ')}`;
    const guess = lookalike(ids, [...inputs.keys()], [...outputs.keys()]);
    const then = guess ? `it looks like a ${guess} instead` : 'this file belongs to another model family';
    throw new AnyfillError(
      'UNSUPPORTED_FORMAT',
      `${name} does not look like a ${contract.title} (missing ${missing}; has ${[...inputs.keys()].join(', ') || 'no inputs'}): ${then}.`,
    );
  }
  const extra = [...inputs.keys()].filter((n) => !(n in contract.inputs));
  if (extra.length > 0) {
    throw new AnyfillError(
      'UNSUPPORTED_FORMAT',
      `${name} is a ${contract.title} export with inputs Anyfill cannot fill (${extra.join(', ')}): use a pack from the catalog.`,
    );
  }
  for (const [n, meta] of inputs) {
    const rule = contract.inputs[n]!;
    if (!rule.dtypes.includes(meta.type)) throw unsupported(name, contract, n, `is ${meta.type}; supported: ${rule.dtypes.join(', ')}`);
    if (rule.ranks && !rule.ranks.includes(meta.shape.length))
      throw unsupported(name, contract, n, `has ${meta.shape.length} dimensions [${meta.shape.join(',')}]`);
  }
  return { contract: id, variant: detectVariant(id, name, inputs, outputs), inputs, outputs };
}

function unsupported(name: string, contract: Contract, input: string, why: string): AnyfillError {
  return new AnyfillError(
    'UNSUPPORTED_FORMAT',
    `${name}: the ${contract.title} input ${input} ${why}. This export variant is not supported.`,
  );
}

/** The first other known export whose inputs (and, for ours, outputs) the file has: to say what it is. */
function lookalike(expected: readonly ContractId[], inputs: string[], outputs: string[]): string | undefined {
  const ours = (Object.entries(CONTRACTS) as Array<[ContractId, Contract]>)
    .filter(([id]) => !expected.includes(id))
    .map(([, c]) => ({ title: c.title, inputs: required(c), outputs: c.outputs }));
  const candidates = [...ours, ...LOOKALIKES.map((l) => ({ ...l, outputs: [] as readonly (readonly string[])[] }))];
  candidates.sort((a, b) => b.inputs.length - a.inputs.length);
  return candidates.find((c) => c.inputs.every((n) => inputs.includes(n)) && c.outputs.every((g) => g.some((n) => outputs.includes(n))))
    ?.title;
}

function required(c: Contract): string[] {
  return Object.entries(c.inputs)
    .filter(([, r]) => !r.optional)
    .map(([n]) => n);
}
