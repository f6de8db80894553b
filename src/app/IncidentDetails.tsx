import { useEffect, useState } from 'react';
import { sourceFields } from '../data/datasetLoader';
import { selectIncident } from './actions';
import { useStore } from './store';

/**
 * The clicked incident's original fields, read back from its source file on demand. Shown as text
 * in a table: CSV content is never inserted as HTML.
 */
export function IncidentDetails(): React.JSX.Element | null {
  const dataset = useStore((s) => s.dataset);
  const index = useStore((s) => s.selectedIncident);
  const [loaded, setLoaded] = useState<{ key: string; fields: [string, string][] } | null>(null);
  const key = dataset && index !== null ? `${dataset.id}:${index}` : '';
  useEffect(() => {
    if (!dataset || index === null) return;
    let cancelled = false;
    void sourceFields(dataset, index).then((fields) => {
      if (!cancelled) setLoaded({ key: `${dataset.id}:${index}`, fields });
    });
    return () => {
      cancelled = true;
    };
  }, [dataset, index]);
  if (!dataset || index === null) return null;
  const fields = loaded?.key === key ? loaded.fields : null;
  return (
    <section className="details" aria-label="Incident details" data-testid="incident-details">
      <header>
        <h2>Incident</h2>
        <button aria-label="Close" onClick={() => selectIncident(null)}>
          ×
        </button>
      </header>
      {fields ? (
        <table>
          <tbody>
            {fields.map(([h, v], i) => (
              <tr key={i}>
                <th>{h}</th>
                <td>{v}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="muted">Reading the source row…</p>
      )}
    </section>
  );
}
