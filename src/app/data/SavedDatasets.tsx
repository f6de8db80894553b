import { deleteSavedDataset, restoreDataset } from '../actions';
import { formatBytes, formatCount } from '../format';
import { useStore } from '../store';

/** Data sets kept in this browser (IndexedDB): open one without parsing again, or delete it. */
export function SavedDatasets(): React.JSX.Element {
  const datasets = useStore((s) => s.datasets);
  const current = useStore((s) => s.dataset?.id);
  return (
    <section aria-label="Saved data sets" data-testid="saved-datasets">
      <h2>Saved data sets</h2>
      {datasets.length === 0 && <p className="muted">None yet.</p>}
      <ul className="dataset-list">
        {datasets.map((d) => (
          <li key={d.id} className={d.id === current ? 'current' : ''}>
            <div>
              <strong>{d.name}</strong>
              <div className="muted">
                {formatCount(d.rows)} incidents · {formatBytes(d.bytes)}
                {d.dateRange
                  ? ` · ${d.dateRange[0].slice(0, 10)} to ${d.dateRange[1].slice(0, 10)}`
                  : ''}
              </div>
            </div>
            <div className="row-buttons">
              {d.id !== current && <button onClick={() => void restoreDataset(d.id)}>Open</button>}
              <button onClick={() => void deleteSavedDataset(d.id)} aria-label={`Delete ${d.name}`}>
                Delete
              </button>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
