import { setColourBy, setShowIncidents } from '../actions';
import { formatCount } from '../format';
import { useStore } from '../store';
import { CHOROPLETH_COLOURS } from '../../map/boundaryLayers';

const rgb = (c: [number, number, number]) => `rgb(${c[0]}, ${c[1]}, ${c[2]})`;
const rgba = (c: number[]) => `rgba(${c[0]}, ${c[1]}, ${c[2]}, ${(c[3] ?? 255) / 255})`;

/** The legend of every layer on the map: incident colours, and the choropleth classes when shown. */
export function Legend(): React.JSX.Element | null {
  const bundle = useStore((s) => s.bundle);
  const colourBy = useStore((s) => s.colourBy);
  const choropleth = useStore((s) => s.choropleth);
  const boundaries = useStore((s) => s.boundaries);
  const choroplethId = useStore((s) => s.choroplethBoundaryId);
  const overlays = useStore((s) => s.overlays);
  const showIncidents = useStore((s) => s.showIncidents);
  if (!bundle) return null;
  const overlayLegends = Object.entries(overlays)
    .sort(([, a], [, b]) => b.order - a.order)
    .flatMap(([key, o]) => (o.legend ? [{ key, legend: o.legend }] : []));
  const boundary = boundaries.find((b) => b.id === choroplethId);
  return (
    <section className="legend" aria-label="Legend" data-testid="legend">
      {overlayLegends.map(({ key, legend }) => (
        <div key={key} data-testid={`legend-${key}`}>
          <strong>{legend.title}</strong>
          <ul>
            {legend.items.map((item) => (
              <li key={item.label}>
                <span
                  className={`swatch${item.shape === 'circle' ? ' round' : item.shape === 'line' ? ' line' : ''}`}
                  style={{ background: rgba(item.colour) }}
                />
                <span className="legend-label">{item.label}</span>
              </li>
            ))}
          </ul>
          {legend.note && <p className="muted small">{legend.note}</p>}
        </div>
      ))}
      <div className="legend-head">
        <label>
          <input
            type="checkbox"
            aria-label="Show incidents"
            checked={showIncidents}
            onChange={(e) => setShowIncidents(e.target.checked)}
          />{' '}
        </label>
        <strong>Incidents by</strong>
        <select
          value={colourBy}
          onChange={(e) => void setColourBy(e.target.value as 'category' | 'group')}
          aria-label="Colour incidents by"
        >
          <option value="category">category</option>
          <option value="group">offence group</option>
        </select>
      </div>
      <ul>
        {bundle.legend.map((entry) => (
          <li key={entry.label}>
            <span className="swatch round" style={{ background: rgb(entry.colour) }} />
            <span className="legend-label">{entry.label}</span>
            <span className="muted">{formatCount(entry.count)}</span>
          </li>
        ))}
      </ul>
      {choropleth && boundary && (
        <>
          <strong>Incidents per {boundary.name.toLowerCase().replace(/s$/, '')}</strong>
          <ul>
            {choropleth.breaks.map((upper, k) => (
              <li key={k}>
                <span className="swatch" style={{ background: rgb(CHOROPLETH_COLOURS[k]) }} />
                <span className="legend-label">
                  {k === 0 ? '0' : formatCount(choropleth.breaks[k - 1] + 1)}–{formatCount(upper)}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
