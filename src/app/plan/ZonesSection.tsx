import { useMemo, useState } from 'react';
import type { ZoneFigures } from '../../data/jobs/zoneJob';
import type { Zone } from '../../plan/planSchema';
import { catalogueEntry } from '../../plan/strategyCatalogue';
import { circleOf } from '../../plan/zoneGeometry';
import { showPanel } from '../actions';
import { densityJobStore } from '../assess/densityActions';
import { hotspotJob } from '../assess/hotspotActions';
import { JobProgress, MethodsLog } from '../common/JobControls';
import { formatCount, WEEKDAY_NAMES } from '../format';
import { useStore } from '../store';
import {
  bufferZone,
  clearPickedCells,
  currentDensity,
  currentHotspots,
  deleteZone,
  figuresOf,
  hotCellCount,
  selectZone,
  setCircleRadius,
  setTool,
  updateZoneProperties,
  zoneFromBoundary,
  zoneFromDensityContour,
  zoneFromHotspotCells,
  zoneJobStore,
  zoomToZone,
} from './planActions';
import { zoneSuggestions } from './planDerived';
import { usePlan, type DrawTool } from './planState';
import { startStrategyDraft } from './StrategiesSection';

const TOOLS: { tool: DrawTool; label: string; hint: string }[] = [
  {
    tool: 'polygon',
    label: 'Polygon',
    hint: 'Click the map to place each corner; click the first corner again (or press Enter) to close the zone. Esc cancels.',
  },
  {
    tool: 'rectangle',
    label: 'Rectangle',
    hint: 'Click one corner, move the pointer, click the opposite corner.',
  },
  {
    tool: 'circle',
    label: 'Circle',
    hint: 'Click the centre, move the pointer out to the radius you want, click again. You can type an exact radius afterwards.',
  },
  {
    tool: 'freehand',
    label: 'Freehand',
    hint: 'Click to start, move the pointer around the area, click to finish.',
  },
  {
    tool: 'select',
    label: 'Edit shapes',
    hint: 'Click a zone to select it; drag it to move it, drag a corner to reshape it, drag a midpoint to add a corner, right-click a corner to remove it.',
  },
];

export function ZonesSection(): React.JSX.Element {
  const plan = usePlan((s) => s.plan);
  const selectedId = usePlan((s) => s.selectedZoneId);
  const zoneState = zoneJobStore.use();
  if (!plan) return <></>;
  const selected = plan.zones.find((z) => z.properties.id === selectedId) ?? null;
  return (
    <section aria-label="Zones" data-testid="plan-zones">
      <h2>Zones</h2>
      <DrawTools />
      {plan.zones.length === 0 ? (
        <p className="muted small">
          No zones yet. Draw one, make one from hot-spot cells or a beat below, or let the app
          suggest patrol zones.
        </p>
      ) : (
        <ul className="zone-list" data-testid="zone-list">
          {plan.zones.map((z) => {
            const f = figuresOf(zoneState.result, z.properties.id);
            return (
              <li
                key={z.properties.id}
                className={z.properties.id === selectedId ? 'selected' : ''}
              >
                <span className="swatch" style={{ background: z.properties.colour }} />
                <button
                  className="link zone-name"
                  onClick={() => selectZone(z.properties.id, { zoom: true })}
                  title="Select and zoom to this zone"
                >
                  {z.properties.name || '(unnamed zone)'}
                </button>
                <span className="muted small num">
                  {f ? `${formatCount(f.incidents)} incidents` : ''}
                </span>
              </li>
            );
          })}
        </ul>
      )}
      {zoneState.result && <p className="muted small">{zoneState.result.summary.join(' ')}</p>}
      <JobProgress state={zoneState} onCancel={zoneJobStore.cancel} />
      {selected && (
        <ZoneEditor zone={selected} figures={figuresOf(zoneState.result, selected.properties.id)} />
      )}
      {zoneState.result && <MethodsLog log={zoneState.result.log} />}
      <ZonesFromAnalysis />
    </section>
  );
}

function DrawTools(): React.JSX.Element {
  const tool = usePlan((s) => s.tool);
  const radius = usePlan((s) => s.drawingRadiusMetres);
  const current = TOOLS.find((t) => t.tool === tool);
  return (
    <div className="draw-tools" data-testid="draw-tools">
      <div className="row-buttons" role="toolbar" aria-label="Drawing tools">
        {TOOLS.map((t) => (
          <button
            key={t.tool}
            className={tool === t.tool ? 'chip on' : 'chip'}
            aria-pressed={tool === t.tool}
            onClick={() => setTool(tool === t.tool ? null : t.tool)}
          >
            {t.label}
          </button>
        ))}
        {tool && tool !== 'cells' && (
          <button className="primary" onClick={() => setTool(null)} data-testid="draw-done">
            Done
          </button>
        )}
      </div>
      {current && <p className="muted small">{current.hint}</p>}
      {tool === 'circle' && radius !== null && (
        <p className="small" data-testid="draw-radius">
          Radius: <strong>{formatCount(Math.round(radius))} m</strong>
        </p>
      )}
    </div>
  );
}

function ZoneEditor({
  zone,
  figures,
}: {
  zone: Zone;
  figures: ZoneFigures | null;
}): React.JSX.Element {
  const p = zone.properties;
  const [bufferMetres, setBufferMetres] = useState('100');
  const circleInfo = useMemo(() => circleOf(zone.geometry), [zone.geometry]);
  const parts = zone.geometry.type === 'MultiPolygon' ? zone.geometry.coordinates.length : 1;
  return (
    <div className="zone-editor" data-testid="zone-editor">
      <div className="form-grid">
        <label htmlFor="zone-name">Name</label>
        <input
          id="zone-name"
          type="text"
          value={p.name}
          data-testid="zone-name"
          onChange={(e) => updateZoneProperties(p.id, { name: e.target.value })}
        />
        <label htmlFor="zone-colour">Colour</label>
        <input
          id="zone-colour"
          type="color"
          value={p.colour}
          onChange={(e) => updateZoneProperties(p.id, { colour: e.target.value })}
        />
        <label htmlFor="zone-description">Description</label>
        <textarea
          id="zone-description"
          rows={2}
          value={p.description}
          data-testid="zone-description"
          onChange={(e) => updateZoneProperties(p.id, { description: e.target.value })}
        />
        {circleInfo && (
          <>
            <label htmlFor="zone-radius">Circle radius (m)</label>
            <input
              id="zone-radius"
              type="number"
              min={5}
              step={5}
              data-testid="zone-radius"
              key={Math.round(circleInfo.radiusMetres)}
              defaultValue={Math.round(circleInfo.radiusMetres)}
              onBlur={(e) => setCircleRadius(p.id, Number(e.target.value))}
              onKeyDown={(e) => {
                if (e.key === 'Enter')
                  setCircleRadius(p.id, Number((e.target as HTMLInputElement).value));
              }}
            />
          </>
        )}
        <label htmlFor="zone-buffer">Buffer (m)</label>
        <span className="inline-form">
          <input
            id="zone-buffer"
            type="number"
            step={10}
            value={bufferMetres}
            onChange={(e) => setBufferMetres(e.target.value)}
          />
          <button
            onClick={() => bufferZone(p.id, Number(bufferMetres))}
            data-testid="zone-buffer-button"
          >
            Buffer
          </button>
        </span>
      </div>
      <p className="muted small">
        {describeSource(zone)}
        {parts > 1 ? ` · ${parts} separate pieces` : ''}
      </p>
      <div className="row-buttons">
        <button onClick={() => zoomToZone(p.id)}>Zoom to</button>
        <button onClick={() => setTool('select')} disabled={zone.geometry.type !== 'Polygon'}>
          Edit shape
        </button>
        <button onClick={() => deleteZone(p.id)} data-testid="zone-delete">
          Delete zone
        </button>
      </div>
      {figures && <ZoneFiguresView figures={figures} zone={zone} />}
    </div>
  );
}

function describeSource(zone: Zone): string {
  const p = zone.properties;
  const how: Record<Zone['properties']['source'], string> = {
    drawn: 'Drawn on the map',
    'hotspot-cells': 'Made from hot-spot cells',
    'kde-contour': 'Made from a density contour',
    beats: 'Made from boundary polygons',
    suggested: 'Suggested by maximal covering',
  };
  return `${how[p.source]}${p.createdFrom ? `: ${p.createdFrom}` : ''}`;
}

/** A share as a percentage, with more digits for small shares (0.04%, not 0.0%). */
const pct = (x: number, digits = 1) =>
  Number.isFinite(x) ? `${(100 * x).toFixed(x > 0 && x < 0.01 ? digits + 1 : digits)}%` : '—';

function ZoneFiguresView({
  figures: f,
  zone,
}: {
  figures: ZoneFigures;
  zone: Zone;
}): React.JSX.Element {
  const suggestions = useMemo(() => zoneSuggestions(f), [f]);
  return (
    <div className="zone-figures" data-testid="zone-figures">
      <h3>Under the current filters</h3>
      <table className="compact">
        <tbody>
          <tr>
            <th>Area</th>
            <td className="num">
              {f.areaKm2 < 1 ? f.areaKm2.toFixed(3) : f.areaKm2.toFixed(2)} km²
            </td>
          </tr>
          <tr>
            <th>Incidents</th>
            <td className="num" data-testid="zone-incidents">
              {formatCount(f.incidents)} ({pct(f.shareOfIncidents)} of all)
            </td>
          </tr>
          <tr>
            <th>Per km²</th>
            <td className="num">
              {Number.isFinite(f.incidentsPerKm2)
                ? formatCount(Math.round(f.incidentsPerKm2))
                : '—'}
            </td>
          </tr>
          <tr>
            <th title="Predictive Accuracy Index: share of incidents ÷ share of the study area (Chainey et al. 2008)">
              PAI
            </th>
            <td className="num">
              {Number.isFinite(f.pai) ? f.pai.toFixed(1) : '—'}
              <span className="muted small">
                {' '}
                (share of incidents ÷ share of area {pct(f.shareOfArea, 2)})
              </span>
            </td>
          </tr>
        </tbody>
      </table>
      {f.topCategories.length > 0 && (
        <p className="small">
          <strong>Top categories:</strong>{' '}
          {f.topCategories.map((c) => `${c.name} ${pct(c.share, 0)}`).join(' · ')}
        </p>
      )}
      <p className="small" data-testid="zone-trend">
        <strong>Trend:</strong> {f.trend ? f.trend.sentence : f.trendNote}
      </p>
      {f.patrol && (
        <p className="small" data-testid="zone-patrol-hours">
          <strong>Hours to patrol:</strong> {f.patrol.sentence}
        </p>
      )}
      {f.hourWeekday && <HourWeekdayTable counts={f.hourWeekday} />}
      {suggestions.length > 0 && (
        <details className="suggestions" open>
          <summary>Strategies that fit this zone</summary>
          <ul className="plain-list">
            {suggestions.map((s) => (
              <li key={s.catalogueId}>
                <strong>{s.name}</strong>{' '}
                <span className={`strength strength-${s.strength}`}>{s.strength} evidence</span>
                <div className="small">{s.reason}</div>
                <button
                  className="link"
                  onClick={() =>
                    startStrategyDraft(s.catalogueId, {
                      zoneId: zone.properties.id,
                      scope: s.scope,
                      why: s.reason,
                    })
                  }
                >
                  Attach {catalogueEntry(s.catalogueId)?.name.toLowerCase() ?? 'it'}
                  {s.scope === 'zones' ? ' to this zone' : ` (${s.scope})`}…
                </button>
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}

/** A 7 × 24 heat table of incidents by weekday and hour (darker = more). */
function HourWeekdayTable({ counts }: { counts: Int32Array }): React.JSX.Element {
  let max = 0;
  for (const v of counts) max = Math.max(max, v);
  return (
    <table className="heat" aria-label="Incidents by weekday and hour" data-testid="zone-heat">
      <thead>
        <tr>
          <th />
          {Array.from({ length: 24 }, (_, h) => (
            <th key={h}>{h % 6 === 0 ? String(h).padStart(2, '0') : ''}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {WEEKDAY_NAMES.map((day, d) => (
          <tr key={day}>
            <th>{day}</th>
            {Array.from({ length: 24 }, (_, h) => {
              const v = counts[d * 24 + h];
              const t = max > 0 ? v / max : 0;
              return (
                <td
                  key={h}
                  title={`${day} ${String(h).padStart(2, '0')}:00 — ${v} incident${v === 1 ? '' : 's'}`}
                  style={{ background: heatColour(t) }}
                />
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** ColorBrewer YlOrRd from white (none) to dark red (the busiest hour). */
function heatColour(t: number): string {
  if (t <= 0) return '#f7f7f7';
  const stops = [
    [255, 255, 204],
    [254, 217, 118],
    [253, 141, 60],
    [227, 26, 28],
    [128, 0, 38],
  ];
  const x = Math.min(0.9999, t) * (stops.length - 1);
  const k = Math.floor(x);
  const f = x - k;
  const c = stops[k].map((v, i) => Math.round(v + f * (stops[k + 1][i] - v)));
  return `rgb(${c[0]}, ${c[1]}, ${c[2]})`;
}

function ZonesFromAnalysis(): React.JSX.Element {
  const tool = usePlan((s) => s.tool);
  const picked = usePlan((s) => s.pickedCells);
  // Subscriptions only, so that a new result or data set redraws this section; `currentHotspots`
  // and `currentDensity` check that a result belongs to the open data set.
  hotspotJob.use((s) => s.result);
  densityJobStore.use((s) => s.result);
  useStore((s) => s.dataset);
  const boundaries = useStore((s) => s.boundaries);
  const [boundaryId, setBoundaryId] = useState('');
  const [chosen, setChosen] = useState<number[]>([]);
  const hot = currentHotspots();
  const hotCount = hot ? hotCellCount() : 0;
  const density = currentDensity();
  const boundary = boundaries.find((b) => b.id === boundaryId) ?? boundaries[boundaries.length - 1];
  const options = useMemo(
    () =>
      (boundary?.geojson.features ?? [])
        .map((f, i) => ({
          i,
          label: String(f.properties?.[boundary?.labelField ?? ''] ?? `#${i + 1}`),
        }))
        .sort((a, b) => a.label.localeCompare(b.label, 'en', { numeric: true })),
    [boundary],
  );
  return (
    <details className="from-analysis" open data-testid="zones-from-analysis">
      <summary>Make a zone from the analysis</summary>
      <h3>From hot spots</h3>
      {!hot ? (
        <p className="muted small">
          Run “Find hot spots” in the{' '}
          <button className="link" onClick={() => showPanel('assess')}>
            Assess panel
          </button>{' '}
          first; its cells can then be merged into a zone.
        </p>
      ) : (
        <>
          <p className="small">
            The hot spot result has {formatCount(hot.cellCount)}{' '}
            {hot.geometry.kind === 'grid' ? 'cells' : 'areas'}, {formatCount(hotCount)} of them{' '}
            {hot.method === 'lisa' ? 'High-High clusters' : 'hot at 95% or more'}.
          </p>
          <div className="row-buttons">
            <button
              onClick={() => zoneFromHotspotCells('hot')}
              disabled={hotCount === 0}
              data-testid="zone-from-hot-cells"
            >
              Zone from all hot cells (95%+)
            </button>
            <button
              className={tool === 'cells' ? 'chip on' : ''}
              onClick={() => setTool(tool === 'cells' ? null : 'cells')}
              data-testid="pick-cells"
            >
              {tool === 'cells' ? 'Stop picking' : 'Pick cells on the map'}
            </button>
          </div>
          {tool === 'cells' && (
            <div className="cell-info">
              <p className="small">
                Click cells to add or remove them ({picked.length} picked). Neighbouring cells merge
                into one shape; separate groups stay separate pieces of the one zone.
              </p>
              <div className="row-buttons">
                <button
                  className="primary"
                  onClick={() => zoneFromHotspotCells('picked')}
                  disabled={picked.length === 0}
                  data-testid="zone-from-picked"
                >
                  Make zone from {picked.length} cell{picked.length === 1 ? '' : 's'}
                </button>
                <button onClick={clearPickedCells} disabled={picked.length === 0}>
                  Clear
                </button>
              </div>
            </div>
          )}
        </>
      )}
      <h3>From density contours</h3>
      {!density || density.contourTable.length === 0 ? (
        <p className="muted small">
          Run the kernel density (single surface) in the{' '}
          <button className="link" onClick={() => showPanel('assess')}>
            Assess panel
          </button>{' '}
          first; each of its contours can then become a zone.
        </p>
      ) : (
        <div className="row-buttons" data-testid="zone-from-contours">
          {density.contourTable.map((r) => (
            <button
              key={r.percentOfArea}
              onClick={() => zoneFromDensityContour(r.percentOfArea)}
              title={`${r.areaKm2.toFixed(2)} km², ${formatCount(r.incidentsInside)} incidents`}
            >
              Densest {r.percentOfArea}% ({Math.round(100 * r.incidentShare)}% of incidents)
            </button>
          ))}
        </div>
      )}
      <h3>From boundaries (beats, districts)</h3>
      {boundaries.length === 0 ? (
        <p className="muted small">
          Add a boundary file in the Data panel to make zones from its polygons.
        </p>
      ) : (
        <div className="form-grid">
          <label htmlFor="zone-boundary">Layer</label>
          <select
            id="zone-boundary"
            value={boundary?.id ?? ''}
            onChange={(e) => {
              setBoundaryId(e.target.value);
              setChosen([]);
            }}
          >
            {boundaries.map((b) => (
              <option key={b.id} value={b.id}>
                {b.name}
              </option>
            ))}
          </select>
          <label htmlFor="zone-boundary-features">Polygons</label>
          <select
            id="zone-boundary-features"
            multiple
            size={5}
            value={chosen.map(String)}
            data-testid="zone-boundary-features"
            onChange={(e) => setChosen([...e.target.selectedOptions].map((o) => Number(o.value)))}
          >
            {options.map((o) => (
              <option key={o.i} value={o.i}>
                {o.label}
              </option>
            ))}
          </select>
          <span />
          <button
            onClick={() => boundary && zoneFromBoundary(boundary.id, chosen)}
            disabled={!boundary || chosen.length === 0}
            data-testid="zone-from-boundary"
          >
            Make zone from {chosen.length || ''} polygon{chosen.length === 1 ? '' : 's'}
          </button>
        </div>
      )}
    </details>
  );
}
