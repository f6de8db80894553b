import { setColourBy } from '../actions';
import { formatCount } from '../format';
import { useStore } from '../store';
import { CHOROPLETH_COLOURS } from '../../map/boundaryLayers';

const rgb = (c: [number, number, number]) => `rgb(${c[0]}, ${c[1]}, ${c[2]})`;

/** The legend of every layer on the map: incident colours, and the choropleth classes when shown. */
export function Legend(): React.JSX.Element | null {
  const bundle = useStore((s) => s.bundle);
  const colourBy = useStore((s) => s.colourBy);
  const choropleth = useStore((s) => s.choropleth);
  const boundaries = useStore((s) => s.boundaries);
  const choroplethId = useStore((s) => s.choroplethBoundaryId);
  if (!bundle) return null;
  const boundary = boundaries.find((b) => b.id === choroplethId);
  return (
    <section className="legend" aria-label="Legend" data-testid="legend">
      <div className="legend-head">
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
