import { useRef } from 'react';
import {
  importBoundaryFiles,
  removeBoundary,
  setBoundaryLabelField,
  setBoundaryVisible,
  setChoroplethBoundary,
} from '../actions';
import { useStore } from '../store';

/** Boundary layers (beats, wards, neighbourhoods) and the incident-count choropleth. */
export function BoundariesSection(): React.JSX.Element {
  const boundaries = useStore((s) => s.boundaries);
  const choroplethId = useStore((s) => s.choroplethBoundaryId);
  const input = useRef<HTMLInputElement>(null);
  return (
    <section aria-label="Boundaries" data-testid="boundaries">
      <h2>Boundaries</h2>
      <ul className="boundary-list">
        {boundaries.map((b) => {
          const fields = [
            ...new Set(b.geojson.features.flatMap((f) => Object.keys(f.properties ?? {}))),
          ];
          return (
            <li key={b.id}>
              <label>
                <input
                  type="checkbox"
                  checked={b.visible}
                  onChange={(e) => setBoundaryVisible(b.id, e.target.checked)}
                />{' '}
                {b.name} ({b.geojson.features.length})
              </label>
              <label className="muted">
                label{' '}
                <select
                  value={b.labelField}
                  onChange={(e) => setBoundaryLabelField(b.id, e.target.value)}
                >
                  {fields.map((f) => (
                    <option key={f}>{f}</option>
                  ))}
                </select>
              </label>
              <label>
                <input
                  type="radio"
                  name="choropleth"
                  checked={choroplethId === b.id}
                  onChange={() => void setChoroplethBoundary(b.id)}
                />{' '}
                counts
              </label>
              <button className="link" onClick={() => removeBoundary(b.id)}>
                remove
              </button>
            </li>
          );
        })}
      </ul>
      <div className="row-buttons">
        <button onClick={() => input.current?.click()}>Import GeoJSON boundaries…</button>
        {choroplethId && (
          <button onClick={() => void setChoroplethBoundary(null)}>Hide counts</button>
        )}
      </div>
      <input
        ref={input}
        type="file"
        accept=".geojson,.json,application/geo+json,application/json"
        multiple
        hidden
        data-testid="boundary-input"
        onChange={(e) => {
          void importBoundaryFiles([...(e.target.files ?? [])]);
          e.target.value = '';
        }}
      />
    </section>
  );
}
