import { Fragment } from 'react';
import { JobProgress, MethodsLog } from '../common/JobControls';
import { formatCount } from '../format';
import { useStore } from '../store';
import {
  clearDensity,
  densityJobStore,
  exportDensityContours,
  exportDensityGeoTiff,
  exportDensityTable,
  runDensity,
  setDensityDisplay,
  setDensityMode,
  updateDensityForm,
  useDensityUi,
  type DensityForm,
} from './densityActions';

const pct = (v: number) => `${(100 * v).toFixed(v < 0.1 ? 1 : 0)}%`;

/** Kernel density in metres: a raster in incidents per km², the densest areas, two-surface comparison. */
export function DensitySection(): React.JSX.Element {
  const state = densityJobStore.use();
  const { form, showRaster, showContours } = useDensityUi();
  const boundaries = useStore((s) => s.boundaries);
  const categories = useStore((s) => s.dataset?.table.dictionaries.category ?? []);
  const result = state.result;
  const set = (patch: Partial<DensityForm>) => updateDensityForm(patch);
  const picked = (e: React.ChangeEvent<HTMLSelectElement>) =>
    Array.from(e.target.selectedOptions, (o) => o.value);
  return (
    <section aria-label="Density" data-testid="density">
      <h2>Density</h2>
      <p className="muted small">
        How many incidents per km² happen around each place: each incident is spread over a circle
        in metres (a kernel), so the map does not change with zoom, unlike a screen heat map.
        Contours mark the densest 1, 5, 10 and 25% of the area.
      </p>
      <div className="row-buttons">
        <button
          className="primary"
          onClick={() => void runDensity()}
          disabled={state.running !== null}
        >
          {form.mode === 'dual' ? 'Compare densities' : 'Map density'}
        </button>
      </div>
      <details>
        <summary>Options</summary>
        <div className="form-grid assess-form">
          <label htmlFor="kde-mode">Show</label>
          <select
            id="kde-mode"
            value={form.mode}
            onChange={(e) => setDensityMode(e.target.value as DensityForm['mode'])}
          >
            <option value="single">one density surface</option>
            <option value="dual">two compared (dual kernel density)</option>
          </select>
          <label htmlFor="kde-kernel">Kernel</label>
          <select
            id="kde-kernel"
            value={form.kernel}
            onChange={(e) => set({ kernel: e.target.value as DensityForm['kernel'] })}
          >
            <option value="quartic">quartic (ArcGIS; bandwidth = search radius)</option>
            <option value="gaussian">Gaussian (bandwidth = σ)</option>
          </select>
          <label htmlFor="kde-bandwidth">Bandwidth (m)</label>
          <input
            id="kde-bandwidth"
            type="number"
            min={1}
            placeholder={
              result ? `auto: ${Math.round(result.defaultBandwidthMetres)}` : 'auto (ArcGIS rule)'
            }
            value={form.bandwidthMetres}
            onChange={(e) => set({ bandwidthMetres: e.target.value })}
          />
          <label htmlFor="kde-cell">Cell size (m)</label>
          <input
            id="kde-cell"
            type="number"
            min={1}
            placeholder={result ? `auto: ${Math.round(result.defaultCellSizeMetres)}` : 'auto'}
            value={form.cellSizeMetres}
            onChange={(e) => set({ cellSizeMetres: e.target.value })}
          />
          <label htmlFor="kde-area">Study area</label>
          <select
            id="kde-area"
            value={form.studyArea}
            onChange={(e) => set({ studyArea: e.target.value })}
          >
            <option value="">around the incidents (convex hull)</option>
            {boundaries.map((b) => (
              <option key={b.id} value={b.id}>
                {b.name}
              </option>
            ))}
          </select>
          {form.mode === 'single' && (
            <>
              <label htmlFor="kde-year">Unit</label>
              <label>
                <input
                  id="kde-year"
                  type="checkbox"
                  checked={form.perYear}
                  onChange={(e) => set({ perYear: e.target.checked })}
                />{' '}
                per km² per year (else per km²)
              </label>
            </>
          )}
          {form.mode === 'dual' && (
            <>
              <label htmlFor="kde-compare">Compare</label>
              <select
                id="kde-compare"
                value={form.compareBy}
                onChange={(e) => set({ compareBy: e.target.value as DensityForm['compareBy'] })}
              >
                <option value="periods">two periods</option>
                <option value="categories">two sets of categories</option>
              </select>
              {form.compareBy === 'periods' ? (
                <>
                  {(
                    [
                      ['firstFrom', 'A from'],
                      ['firstTo', 'A to'],
                      ['secondFrom', 'B from'],
                      ['secondTo', 'B to'],
                    ] as const
                  ).map(([key, label]) => (
                    <Fragment key={key}>
                      <label htmlFor={`kde-${key}`}>{label}</label>
                      <input
                        id={`kde-${key}`}
                        type="date"
                        aria-label={label}
                        value={form[key]}
                        onChange={(e) => set({ [key]: e.target.value })}
                      />
                    </Fragment>
                  ))}
                </>
              ) : (
                <>
                  <label htmlFor="kde-cat-a">A</label>
                  <select
                    id="kde-cat-a"
                    multiple
                    size={4}
                    value={form.firstCategories}
                    onChange={(e) => set({ firstCategories: picked(e) })}
                  >
                    {categories.map((c) => (
                      <option key={c}>{c}</option>
                    ))}
                  </select>
                  <label htmlFor="kde-cat-b">B</label>
                  <select
                    id="kde-cat-b"
                    multiple
                    size={4}
                    value={form.secondCategories}
                    onChange={(e) => set({ secondCategories: picked(e) })}
                  >
                    {categories.map((c) => (
                      <option key={c}>{c}</option>
                    ))}
                  </select>
                </>
              )}
              <label htmlFor="kde-measure">Measure</label>
              <select
                id="kde-measure"
                value={form.measure}
                onChange={(e) => set({ measure: e.target.value as DensityForm['measure'] })}
              >
                <option value="logRatio">log ratio ln(A/B)</option>
                <option value="ratio">ratio A/B</option>
                <option value="difference">difference A − B</option>
              </select>
              <label htmlFor="kde-share">Shares</label>
              <label>
                <input
                  id="kde-share"
                  type="checkbox"
                  checked={form.share}
                  onChange={(e) => set({ share: e.target.checked })}
                />{' '}
                compare where, not how many (each as a share of its total)
              </label>
            </>
          )}
        </div>
      </details>
      <JobProgress state={state} onCancel={densityJobStore.cancel} />
      {result && (
        <>
          <div className="summary" data-testid="density-summary">
            {result.summary.map((line) => (
              <p key={line}>{line}</p>
            ))}
          </div>
          {result.contourTable.length > 0 && (
            <table className="compact" data-testid="density-contours">
              <thead>
                <tr>
                  <th>Densest</th>
                  <th>km²</th>
                  <th>Incidents</th>
                  <th>Share</th>
                  <th title={result.unit}>Density ≥</th>
                </tr>
              </thead>
              <tbody>
                {result.contourTable.map((r) => (
                  <tr key={r.percentOfArea}>
                    <td>{r.percentOfArea}% of area</td>
                    <td>{r.areaKm2.toFixed(2)}</td>
                    <td>{formatCount(r.incidentsInside)}</td>
                    <td>{pct(r.incidentShare)}</td>
                    <td>{formatCount(Math.round(r.level))}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <div className="row-buttons">
            <label>
              <input
                type="checkbox"
                checked={showRaster}
                onChange={(e) => setDensityDisplay({ showRaster: e.target.checked })}
              />{' '}
              surface
            </label>
            {result.contourTable.length > 0 && (
              <label>
                <input
                  type="checkbox"
                  checked={showContours}
                  onChange={(e) => setDensityDisplay({ showContours: e.target.checked })}
                />{' '}
                contours
              </label>
            )}
          </div>
          <div className="row-buttons">
            <button onClick={() => exportDensityGeoTiff(result)}>Export GeoTIFF</button>
            {result.contourTable.length > 0 && (
              <>
                <button onClick={() => exportDensityContours(result)}>Contours GeoJSON</button>
                <button onClick={() => exportDensityTable(result)}>Contours CSV</button>
              </>
            )}
            <button onClick={clearDensity}>Clear</button>
          </div>
          <MethodsLog log={result.log} />
        </>
      )}
    </section>
  );
}
