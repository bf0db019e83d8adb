// Runs in: renderer. Running jobs over the canvas: label, what it is doing, a progress bar, time left,
// Cancel (Escape cancels the newest when nothing else is open: shell/commands/escape-enter.ts), and for generations a rough preview of the current step. A queued
// job says how many are ahead of it.
import { cancelJob } from './job-actions';
import { useJobs, type JobView } from './job-store';
import { stoppingText } from './stopping-text';
import { timeLeft } from './time-left';
import './jobs.css';

function JobRow({ job }: { job: JobView }) {
  const p = job.progress;
  const fraction = p && p.state === 'running' ? Math.min(1, p.done / p.total) : 0;
  const status = job.cancelling
    ? stoppingText(job)
    : p?.state === 'queued'
      ? `Queued (${p.position ?? 0} ahead)`
      : [p?.phase ?? 'Starting', timeLeft(p?.etaMs, p?.lastPart)].filter(Boolean).join(' · ');
  return (
    <div
      className={job.preview ? 'job with-preview' : 'job'}
      data-testid="job"
      data-state={job.cancelling ? 'cancelling' : (p?.state ?? 'starting')}
    >
      {job.preview && (
        <img
          className="job-preview"
          data-testid="job-preview"
          src={job.preview}
          alt=""
          title="What the model is painting (rough preview)"
        />
      )}
      <div className="job-text">
        <strong>{job.label}</strong>
        <span data-testid="job-status">{status}</span>
      </div>
      <progress max={1} value={fraction} aria-label={`${job.label} progress`} />
      <button type="button" onClick={() => void cancelJob(job.id)} disabled={job.cancelling} title="Cancel (Esc)">
        Cancel
      </button>
    </div>
  );
}

export function JobsBar() {
  const jobs = useJobs((s) => s.jobs);
  if (jobs.length === 0) return null;
  return (
    <div className="jobs-bar" data-testid="jobs-bar" role="status" aria-live="polite">
      {jobs.map((j) => (
        <JobRow key={j.id} job={j} />
      ))}
    </div>
  );
}
