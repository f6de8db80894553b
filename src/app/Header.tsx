import { useRef } from 'react';
import { openFiles, showPanel } from './actions';
import { formatCount } from './format';
import { PANELS } from './panels';
import { useStore } from './store';

/** Title, the open data set (saying plainly when it is the generated sample), and the panel tabs. */
export function Header(): React.JSX.Element {
  const dataset = useStore((s) => s.dataset);
  const panel = useStore((s) => s.panel);
  const filterResult = useStore((s) => s.filterResult);
  const input = useRef<HTMLInputElement>(null);
  return (
    <header className="header">
      <h1>COP Planner</h1>
      <nav className="tabs" aria-label="Phases">
        {PANELS.map((p) => (
          <button
            key={p.id}
            className={panel === p.id ? 'active' : ''}
            onClick={() => showPanel(p.id)}
          >
            {p.label}
          </button>
        ))}
      </nav>
      <div className="dataset-title" data-testid="dataset-title">
        {dataset ? (
          <>
            <span>{dataset.name}</span>
            {filterResult && (
              <span className="muted" data-testid="shown-count">
                {' '}
                · {formatCount(filterResult.count)} of {formatCount(filterResult.total)} incidents
                shown
              </span>
            )}
          </>
        ) : (
          <span className="muted">Loading…</span>
        )}
      </div>
      {dataset?.isSample && (
        <div className="sample-banner" role="note">
          This is a generated sample city, not real crime data.
          <button className="primary" onClick={() => input.current?.click()}>
            Import your own data…
          </button>
          <input
            ref={input}
            type="file"
            accept=".csv,text/csv"
            multiple
            hidden
            data-testid="header-file-input"
            onChange={(e) => {
              void openFiles([...(e.target.files ?? [])]);
              e.target.value = '';
            }}
          />
        </div>
      )}
    </header>
  );
}
