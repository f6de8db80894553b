import type { JobState } from '../jobStore';

/** Progress of a running analysis with its Cancel button, or the last error. */
export function JobProgress({
  state,
  onCancel,
}: {
  state: JobState<unknown>;
  onCancel: () => void;
}): React.JSX.Element | null {
  if (state.running)
    return (
      <div className="progress" aria-live="polite" data-testid="job-progress">
        <progress value={state.running.fraction} max={1} aria-label="Analysis progress" />
        <div>
          {state.running.stage} · {(state.running.fraction * 100).toFixed(0)}%
        </div>
        <button onClick={onCancel}>Cancel</button>
      </div>
    );
  if (state.error)
    return (
      <p className="warning" role="alert" data-testid="job-error">
        {state.error}
      </p>
    );
  return null;
}

/** The methods log of a result: every parameter and why, the projection, seed and app version. */
export function MethodsLog({ log }: { log: string[] }): React.JSX.Element {
  return (
    <details className="methods-log" data-testid="methods-log">
      <summary>Methods log ({log.length} lines)</summary>
      <ol>
        {log.map((line, i) => (
          <li key={i}>{line}</li>
        ))}
      </ol>
    </details>
  );
}
