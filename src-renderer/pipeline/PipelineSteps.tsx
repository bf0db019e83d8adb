// Runs in: renderer. A pipeline log as steps: Input → Selection → Parameters → Models → Result, each with
// its thumbnail or table. Hashes are shortened; the full value is in the tooltip.
import type { Provenance } from '../../src-shared/document/provenance';
import { useEditor } from '../core/state/editor-store';
import { SelectionThumb } from './SelectionThumb';

export const shortHash = (h: string): string => `${h.slice(0, 12)}…`;

const LABELS: Record<string, string> = {
  seed: 'Seed',
  method: 'Method',
  requestedMethod: 'Method chosen',
  prompt: 'Prompt',
  negativePrompt: 'Negative prompt',
  steps: 'Steps',
  guidance: 'Guidance',
  strength: 'Strength',
  scheduler: 'Scheduler',
  colourMatch: 'Colour match',
  runSeed: 'Run seed',
  variants: 'Variants in run',
  extend: 'Extend (px)',
  aspect: 'Aspect',
  prefill: 'Prefill',
};

const show = (v: unknown): string =>
  typeof v === 'object' && v !== null
    ? Object.entries(v)
        .map(([k, x]) => `${k} ${String(x)}`)
        .join(', ')
    : String(v);

function Hash({ value }: { value: string }) {
  return (
    <code title={value} data-full={value}>
      {shortHash(value)}
    </code>
  );
}

function Step({ n, title, children, testId }: { n: number; title: string; children: React.ReactNode; testId: string }) {
  return (
    <li className="pipeline-step" data-testid={testId}>
      <h3>
        {n}. {title}
      </h3>
      {children}
    </li>
  );
}

export function PipelineSteps({ p }: { p: Provenance }) {
  const inputUrl = useEditor((s) => s.assets[p.input.assetId]?.thumbUrl);
  const resultUrl = useEditor((s) => s.assets[p.result.assetId]?.thumbUrl);
  let n = 0;
  return (
    <ol className="pipeline-steps">
      <Step n={++n} title="Input" testId="pipeline-step-input">
        {inputUrl ? <img className="pipeline-thumb" src={inputUrl} alt="Input" /> : <p className="pipeline-note">(image not open)</p>}
        <p>
          {p.input.width} × {p.input.height} · sha256 <Hash value={p.input.sha256} />
        </p>
      </Step>
      {p.selection && (
        <Step n={++n} title="Selection" testId="pipeline-step-selection">
          <SelectionThumb selection={p.selection} imageUrl={inputUrl} width={p.input.width} height={p.input.height} />
          <p>
            {p.selection.prompt.points.length} point(s){p.selection.prompt.box ? ', a box' : ''}
            {p.selection.prompt.detection ? `, detection "${p.selection.prompt.detection.label}"` : ''}, {p.selection.wand?.length ?? 0}{' '}
            wand click(s), {p.selection.strokes.length} stroke(s), {p.selection.ops.length} op(s)
            {p.selection.sam ? ` · SAM ${p.selection.sam.packId}` : ''}
          </p>
        </Step>
      )}
      <Step n={++n} title="Parameters" testId="pipeline-step-parameters">
        <table className="pipeline-table">
          <tbody>
            {Object.entries(p.request).map(([k, v]) => (
              <tr key={k} data-testid={`pipeline-param-${k}`}>
                <th>{LABELS[k] ?? k}</th>
                <td>{show(v)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Step>
      <Step n={++n} title="Models" testId="pipeline-step-models">
        {p.models.length === 0 && (
          <p className="pipeline-note">
            No model: {p.kind === 'content-aware-fill' ? 'content-aware fill runs on the photo alone.' : 'none recorded.'}
          </p>
        )}
        {p.models.map((m) => (
          <div key={m.packId}>
            <p>
              <strong>{m.packId}</strong>
              {m.device ? ` · ${m.device}` : ''}
            </p>
            <ul className="pipeline-files">
              {m.files.map((f) => (
                <li key={f.path}>
                  {f.path} <Hash value={f.sha256} />
                </li>
              ))}
            </ul>
          </div>
        ))}
      </Step>
      <Step n={n + 1} title="Result" testId="pipeline-step-result">
        {resultUrl && <img className="pipeline-thumb" src={resultUrl} alt="Result" />}
        <p>
          {p.result.width} × {p.result.height} at {p.result.x}, {p.result.y} · sha256 <Hash value={p.result.sha256} />
        </p>
      </Step>
    </ol>
  );
}
