import { QUADRANT_LABELS } from '../../analysis/localMoran';
import type { HotspotResult } from '../../data/jobs/hotspotsJob';
import { GI_BIN_LABELS } from '../../map/hotspotLayer';
import { JobProgress, MethodsLog } from '../common/JobControls';
import { formatCount, formatTime } from '../format';
import { useStore } from '../store';
import {
  clearHotspots,
  exportHotspots,
  findHotSpots,
  hotspotJob,
  runHotspots,
  selectHotspotCell,
  updateHotspotForm,
  useHotspotUi,
  type HotspotForm,
} from './hotspotActions';

/** Where crime concentrates more than chance explains: Gi*, LISA, counts, with plain words. */
export function HotspotsSection(): React.JSX.Element {
  const state = hotspotJob.use();
  const { form, selectedCell } = useHotspotUi();
  const boundaries = useStore((s) => s.boundaries);
  const result = state.result;
  const polygons = form.areas !== 'square' && form.areas !== 'hex';
  const set = (patch: Partial<HotspotForm>) => updateHotspotForm(patch);
  return (
    <section aria-label="Hot spots" data-testid="hotspots">
      <h2>Hot spots</h2>
      <p className="muted small">
        Where incidents concentrate more than chance explains. “Find hot spots” chooses the cell
        size and neighbourhood from the data, as ArcGIS Pro’s Optimized Hot Spot Analysis does, and
        corrects for testing many cells at once.
      </p>
      <div className="row-buttons">
        <button
          className="primary"
          onClick={() => void findHotSpots()}
          disabled={state.running !== null}
        >
          Find hot spots
        </button>
      </div>
      <details>
        <summary>Options</summary>
        <div className="form-grid">
          <label htmlFor="hs-method">Method</label>
          <select
            id="hs-method"
            value={form.method}
            onChange={(e) => set({ method: e.target.value as HotspotForm['method'] })}
          >
            <option value="gistar">Getis-Ord Gi* hot spots</option>
            <option value="gi">Getis-Ord Gi (cell itself excluded)</option>
            <option value="lisa">Local Moran’s I clusters and outliers</option>
            <option value="count">Counts only</option>
          </select>
          <label htmlFor="hs-areas">Areas</label>
          <select id="hs-areas" value={form.areas} onChange={(e) => set({ areas: e.target.value })}>
            <option value="square">Grid of squares</option>
            <option value="hex">Grid of hexagons</option>
            {boundaries.map((b) => (
              <option key={b.id} value={b.id}>
                {b.name} (polygons)
              </option>
            ))}
          </select>
          {!polygons && (
            <>
              <label htmlFor="hs-cell">Cell size (m)</label>
              <input
                id="hs-cell"
                type="number"
                min={10}
                placeholder="auto"
                value={form.cellSizeMetres}
                onChange={(e) => set({ cellSizeMetres: e.target.value })}
              />
              <label htmlFor="hs-band">Distance band (m)</label>
              <input
                id="hs-band"
                type="number"
                min={10}
                placeholder="auto"
                value={form.bandMetres}
                onChange={(e) => set({ bandMetres: e.target.value })}
              />
            </>
          )}
          {polygons && (
            <>
              <label htmlFor="hs-weights">Neighbours</label>
              <select
                id="hs-weights"
                value={form.weights}
                onChange={(e) => set({ weights: e.target.value as HotspotForm['weights'] })}
              >
                <option value="queen">Queen contiguity</option>
                <option value="rook">Rook contiguity</option>
                <option value="knn">k nearest</option>
                <option value="band">Distance band</option>
                <option value="file">GeoDa weights file (.gal/.gwt)</option>
              </select>
              {form.weights === 'knn' && (
                <>
                  <label htmlFor="hs-k">k</label>
                  <input
                    id="hs-k"
                    type="number"
                    min={1}
                    value={form.knnK}
                    onChange={(e) => set({ knnK: e.target.value })}
                  />
                </>
              )}
              {form.weights === 'band' && (
                <>
                  <label htmlFor="hs-wband">Band (m)</label>
                  <input
                    id="hs-wband"
                    type="number"
                    min={1}
                    value={form.weightsBandMetres}
                    onChange={(e) => set({ weightsBandMetres: e.target.value })}
                  />
                </>
              )}
              {form.weights === 'file' && (
                <>
                  <label htmlFor="hs-wfile">Weights file</label>
                  <input
                    id="hs-wfile"
                    type="file"
                    accept=".gal,.gwt"
                    onChange={(e) => {
                      const file = e.target.files?.[0];
                      if (file)
                        void file
                          .text()
                          .then((text) => set({ weightsFile: { fileName: file.name, text } }));
                    }}
                  />
                  <label htmlFor="hs-idfield">Id field</label>
                  <select
                    id="hs-idfield"
                    value={form.idField}
                    onChange={(e) => set({ idField: e.target.value })}
                  >
                    <option value="">row order (1, 2, …)</option>
                    {[
                      ...new Set(
                        boundaries
                          .find((b) => b.id === form.areas)
                          ?.geojson.features.flatMap((f) => Object.keys(f.properties ?? {})) ?? [],
                      ),
                    ].map((f) => (
                      <option key={f}>{f}</option>
                    ))}
                  </select>
                </>
              )}
            </>
          )}
          {form.method === 'lisa' && (
            <>
              <label htmlFor="hs-perm">Permutations</label>
              <input
                id="hs-perm"
                type="number"
                min={0}
                value={form.permutations}
                onChange={(e) => set({ permutations: e.target.value })}
              />
              <label htmlFor="hs-seed">Seed</label>
              <input
                id="hs-seed"
                type="number"
                value={form.seed}
                onChange={(e) => set({ seed: e.target.value })}
              />
              <label htmlFor="hs-alpha">Significance α</label>
              <input
                id="hs-alpha"
                type="number"
                step={0.01}
                min={0.001}
                max={0.2}
                value={form.alpha}
                onChange={(e) => set({ alpha: e.target.value })}
              />
              <label htmlFor="hs-fdr">FDR</label>
              <input
                id="hs-fdr"
                type="checkbox"
                checked={form.fdr}
                onChange={(e) => set({ fdr: e.target.checked })}
              />
            </>
          )}
          {(form.method === 'gistar' || form.method === 'gi') && !polygons && (
            <>
              <label htmlFor="hs-robust">Robustness</label>
              <label>
                <input
                  id="hs-robust"
                  type="checkbox"
                  checked={form.robustness}
                  onChange={(e) => set({ robustness: e.target.checked })}
                />{' '}
                also test ½× and 2× the cell size
              </label>
            </>
          )}
        </div>
        <div className="row-buttons">
          <button onClick={() => void runHotspots()} disabled={state.running !== null}>
            Run
          </button>
        </div>
      </details>
      <JobProgress state={state} onCancel={hotspotJob.cancel} />
      {result && (
        <>
          <div className="summary" data-testid="hotspot-summary">
            {result.summary.map((line) => (
              <p key={line}>{line}</p>
            ))}
            <p className="muted small">
              {result.cellSizeMetres !== null &&
                `Cells ${formatCount(Math.round(result.cellSizeMetres))} m`}
              {result.bandMetres !== null &&
                `, neighbours within ${formatCount(Math.round(result.bandMetres))} m`}
              {` · study area ${result.studyAreaKm2.toFixed(1)} km²`}
            </p>
          </div>
          {selectedCell !== null && <CellInfo result={result} cell={selectedCell} />}
          <div className="row-buttons">
            <button onClick={() => exportHotspots('geojson', result)}>Export GeoJSON</button>
            <button onClick={() => exportHotspots('csv', result)}>Export CSV</button>
            <button onClick={clearHotspots}>Clear</button>
          </div>
          <MethodsLog log={result.log} />
        </>
      )}
    </section>
  );
}

function CellInfo({ result, cell }: { result: HotspotResult; cell: number }): React.JSX.Element {
  const dataset = useStore((s) => s.dataset);
  const rows: number[] = [];
  for (let k = 0; k < result.cellOfIncident.length && rows.length < 50; k++)
    if (result.cellOfIncident[k] === cell) rows.push(result.incidentIndices[k]);
  const label =
    result.method === 'lisa'
      ? QUADRANT_LABELS[result.bin[cell]]
      : result.method === 'count'
        ? null
        : GI_BIN_LABELS[result.bin[cell]];
  const t = dataset?.table;
  return (
    <div className="cell-info" data-testid="cell-info">
      <header className="row-buttons">
        <strong>
          {result.geometry.kind === 'areas' ? result.geometry.labels[cell] : `Cell ${cell}`}
        </strong>
        <button className="link" onClick={() => selectHotspotCell(null)}>
          close
        </button>
      </header>
      <div>
        {formatCount(result.counts[cell])} incidents
        {label && ` · ${label}`}
        {Number.isFinite(result.z[cell]) &&
          ` · z = ${result.z[cell].toFixed(2)}, p = ${result.p[cell].toPrecision(2)}`}
        {result.pSim && ` · pSim = ${result.pSim[cell].toFixed(3)}`}
      </div>
      {t && rows.length > 0 && (
        <ul>
          {rows.map((i) => (
            <li key={i}>
              {formatTime(t.timeMs[i], t.timePrecision)} — {t.dictionaries.category[t.category[i]]}
              {t.dictionaries.address[t.address[i]]
                ? `, ${t.dictionaries.address[t.address[i]]}`
                : ''}
            </li>
          ))}
        </ul>
      )}
      {result.counts[cell] > rows.length && <div className="muted">first {rows.length} shown</div>}
    </div>
  );
}
