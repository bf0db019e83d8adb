// Runs in: renderer. "Pipeline" in the sidebar while the active layer is a result with a log: its steps,
// app version and timings, Export log (JSON), and Re-run, which says whether the same bytes came back and
// offers the new result as a layer (nothing is added otherwise).
import { useEditor } from '../core/state/editor-store';
import { useJobs } from '../jobs/api';
import { downloadPipelineLog } from './export-log';
import { addRerunAsLayer, dropRerun, rerunPipeline, type LoggedLayer } from './pipeline-actions';
import { setPipeline, usePipeline, type Rerun } from './pipeline-store';
import { PipelineSteps, shortHash } from './PipelineSteps';
import './pipeline.css';

const KINDS = {
  'content-aware-fill': 'Content-aware fill',
  'generative-fill': 'Generative fill',
  remove: 'Remove',
  outpaint: 'Extend canvas',
} as const;

function RerunStatus({ r }: { r: Rerun }) {
  if (r.state === 'running') return <p data-testid="pipeline-rerun-status">Re-running…</p>;
  if (r.state === 'failed')
    return (
      <p data-testid="pipeline-rerun-status" className="pipeline-differs">
        {r.message}
      </p>
    );
  const sha = r.outcome?.sha256;
  return (
    <div className="pipeline-rerun">
      <p data-testid="pipeline-rerun-status" className={r.state === 'same' ? 'pipeline-same' : 'pipeline-differs'}>
        {r.state === 'same'
          ? `Reproduced exactly (sha256 ${sha ? shortHash(sha) : '?'})`
          : `Differs from the recorded result: models or app version changed? (sha256 ${sha ? shortHash(sha) : 'not reported'})`}
      </p>
      {r.url && <img className="pipeline-thumb" src={r.url} alt="Re-run result" />}
      <div className="pipeline-buttons">
        <button type="button" data-testid="pipeline-add-layer" onClick={() => void addRerunAsLayer()}>
          Add as layer
        </button>
        <button type="button" data-testid="pipeline-drop" onClick={dropRerun}>
          Discard
        </button>
      </div>
    </div>
  );
}

export function PipelinePanel() {
  const layer = useEditor((s) => {
    const l = s.document?.layers.find((x) => x.id === s.activeLayerId);
    return l?.kind === 'image' && l.provenance ? (l as LoggedLayer) : null;
  });
  const open = usePipeline((s) => s.open);
  const rerun = usePipeline((s) => s.rerun);
  const busy = useJobs((s) => s.jobs.length > 0);
  if (!layer) return null;
  const p = layer.provenance;
  return (
    <section className="panel pipeline-panel" aria-label="Pipeline" data-testid="pipeline-panel">
      <h2 className="panel-title">
        <button
          type="button"
          className="pipeline-toggle"
          aria-expanded={open}
          data-testid="pipeline-toggle"
          onClick={() => setPipeline({ open: !open })}
        >
          {open ? '▾' : '▸'} Pipeline · {KINDS[p.kind]}
        </button>
      </h2>
      {open && (
        <>
          <PipelineSteps p={p} />
          <p className="pipeline-note" data-testid="pipeline-meta">
            Anyfill {p.appVersion} · {new Date(p.createdAt).toLocaleString()} ·{' '}
            {Object.entries(p.timings)
              .map(([k, v]) => `${k} ${Math.round(v)}`)
              .join(', ')}
          </p>
          <div className="pipeline-buttons">
            <button type="button" data-testid="pipeline-export" onClick={() => downloadPipelineLog(layer)}>
              Export log (JSON)
            </button>
            <button
              type="button"
              data-testid="pipeline-rerun"
              disabled={busy}
              title="Run the same request again and compare the bytes"
              onClick={() => void rerunPipeline(layer.id)}
            >
              Re-run
            </button>
          </div>
          {rerun?.layerId === layer.id && <RerunStatus r={rerun} />}
        </>
      )}
    </section>
  );
}
