import { useMemo } from 'react';
import { LorenzChart } from '../charts/LorenzChart';
import { JobProgress, MethodsLog } from '../common/JobControls';
import { formatCount } from '../format';
import { useStore } from '../store';
import {
  clearConcentration,
  concentrationJobStore,
  exportConcentration,
  runConcentration,
  selectPlace,
  updateConcentrationForm,
  useConcentrationUi,
} from './concentrationActions';

const pct = (v: number) => `${(100 * v).toFixed(v < 0.1 ? 1 : 0)}%`;

/** How few places hold most of the crime: Lorenz curve, Gini, the ranked places. */
export function ConcentrationSection(): React.JSX.Element {
  const state = concentrationJobStore.use();
  const { form, selected } = useConcentrationUi();
  const boundaries = useStore((s) => s.boundaries);
  const result = state.result;
  const markers = useMemo(
    () =>
      result
        ? [
            {
              x: result.shareOfUnitsFor25,
              y: 0.25,
              label: `25%: ${pct(result.shareOfUnitsFor25)}`,
            },
            { x: result.shareOfUnitsFor50, y: 0.5, label: `50%: ${pct(result.shareOfUnitsFor50)}` },
          ]
        : [],
    [result],
  );
  return (
    <section aria-label="Concentration" data-testid="concentration">
      <h2>Concentration</h2>
      <p className="muted small">
        How few places hold most of the incidents (the law of crime concentration): the share of
        places holding a quarter and half of them, and the places themselves, ranked.
      </p>
      <div className="form-grid assess-form">
        <label htmlFor="cc-by">Places</label>
        <select
          id="cc-by"
          value={form.by}
          onChange={(e) => updateConcentrationForm({ by: e.target.value })}
        >
          <option value="cell">grid cells</option>
          <option value="address">blocks or addresses (repeat places)</option>
          {boundaries.map((b) => (
            <option key={b.id} value={b.id}>
              {b.name} (polygons)
            </option>
          ))}
        </select>
        {form.by === 'cell' && (
          <>
            <label htmlFor="cc-cell">Cell size (m)</label>
            <input
              id="cc-cell"
              type="number"
              min={10}
              value={form.cellSizeMetres}
              onChange={(e) => updateConcentrationForm({ cellSizeMetres: e.target.value })}
            />
          </>
        )}
        <label htmlFor="cc-top">Rows</label>
        <input
          id="cc-top"
          type="number"
          min={1}
          value={form.top}
          onChange={(e) => updateConcentrationForm({ top: e.target.value })}
        />
      </div>
      <div className="row-buttons">
        <button onClick={() => void runConcentration()} disabled={state.running !== null}>
          Measure concentration
        </button>
      </div>
      <JobProgress state={state} onCancel={concentrationJobStore.cancel} />
      {result && (
        <>
          <div className="summary" data-testid="concentration-summary">
            {result.summary.map((line) => (
              <p key={line}>{line}</p>
            ))}
          </div>
          <LorenzChart
            unitShare={result.lorenz.unitShare}
            incidentShare={result.lorenz.incidentShare}
            markers={markers}
          />
          <p className="muted small">
            Gini {result.gini.toFixed(3)} · generalised Gini (Bernasco & Steenbeek){' '}
            {result.generalisedGini.toFixed(3)}
            {Number.isFinite(result.generalisedGiniUnbiased) &&
              ` (small-sample ${result.generalisedGiniUnbiased.toFixed(3)})`}{' '}
            · {formatCount(result.units)} {result.unitNoun}
          </p>
          <table className="compact clickable" data-testid="concentration-table">
            <thead>
              <tr>
                <th>#</th>
                <th>Place</th>
                <th>Incidents</th>
                <th>Share</th>
                <th title="cumulative share">Cum.</th>
              </tr>
            </thead>
            <tbody>
              {result.top.map((p) => (
                <tr
                  key={p.rank}
                  className={p.rank === selected ? 'selected' : undefined}
                  onClick={() => selectPlace(p.rank)}
                  title="Zoom to this place"
                >
                  <td>{p.rank}</td>
                  <td>{p.label}</td>
                  <td>{formatCount(p.count)}</td>
                  <td>{pct(p.share)}</td>
                  <td>{pct(p.cumulativeShare)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="row-buttons">
            <button onClick={() => exportConcentration('csv', result)}>Places CSV</button>
            <button onClick={() => exportConcentration('geojson', result)}>Places GeoJSON</button>
            <button onClick={clearConcentration}>Clear</button>
          </div>
          <MethodsLog log={result.log} />
        </>
      )}
    </section>
  );
}
