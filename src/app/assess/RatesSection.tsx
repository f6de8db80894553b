import { useMemo } from 'react';
import { formatLevel } from '../../data/rasterImage';
import { JobProgress, MethodsLog } from '../common/JobControls';
import { formatCount } from '../format';
import { useStore } from '../store';
import {
  boundaryFields,
  chooseRatesBoundary,
  chooseRatesTable,
  clearRates,
  exportRates,
  ratesJobStore,
  runRates,
  setRatesShown,
  updateRatesForm,
  useRatesUi,
  type RatesForm,
} from './ratesActions';

/** Rows of the raw-versus-smoothed table shown at once. */
const TABLE_ROWS = 60;

/** Incidents per 1,000 residents (households, businesses) in the user's polygons, EB-smoothed. */
export function RatesSection(): React.JSX.Element {
  const state = ratesJobStore.use();
  const { form, show } = useRatesUi();
  const boundaries = useStore((s) => s.boundaries);
  const result = state.result;
  const fields = useMemo(() => boundaryFields(form.boundaryId), [form.boundaryId]);
  const order = useMemo(() => {
    if (!result) return [];
    const idx = Array.from(result.ids, (_, i) => i);
    const key = (i: number) =>
      Number.isFinite(result.smoothedRate[i]) ? result.smoothedRate[i] : -Infinity;
    return idx.sort((a, b) => key(b) - key(a)).slice(0, TABLE_ROWS);
  }, [result]);
  const set = (patch: Partial<RatesForm>) => updateRatesForm(patch);
  return (
    <section aria-label="Rates" data-testid="rates">
      <h2>Rates</h2>
      <p className="muted small">
        Incidents per 1,000 residents (or households, or businesses) in your polygons, from a table
        joined by id. Small areas are smoothed toward the overall rate (empirical Bayes, as GeoDa),
        so that a few incidents among few people do not top the map by chance.
      </p>
      <fieldset className="join-dialog" aria-label="Join a table">
        <legend>Join a table to polygons</legend>
        <div className="form-grid assess-form">
          <label htmlFor="rt-boundary">Polygons</label>
          <select
            id="rt-boundary"
            value={form.boundaryId}
            onChange={(e) => chooseRatesBoundary(e.target.value)}
          >
            <option value="">choose a boundary layer…</option>
            {boundaries.map((b) => (
              <option key={b.id} value={b.id}>
                {b.name}
              </option>
            ))}
          </select>
          <label htmlFor="rt-idfield">Polygon id field</label>
          <select
            id="rt-idfield"
            value={form.idField}
            onChange={(e) => set({ idField: e.target.value })}
          >
            {fields.map((f) => (
              <option key={f}>{f}</option>
            ))}
          </select>
          <label htmlFor="rt-file">Table (CSV)</label>
          <input
            id="rt-file"
            type="file"
            accept=".csv,.txt"
            data-testid="rates-file"
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) void chooseRatesTable(file);
            }}
          />
          {form.table && (
            <>
              <label htmlFor="rt-idcol">Table id column</label>
              <select
                id="rt-idcol"
                value={form.idColumn}
                onChange={(e) => set({ idColumn: e.target.value })}
              >
                {form.table.columns.map((c) => (
                  <option key={c}>{c}</option>
                ))}
              </select>
              <label htmlFor="rt-valcol">Value column</label>
              <select
                id="rt-valcol"
                value={form.valueColumn}
                onChange={(e) => set({ valueColumn: e.target.value })}
              >
                {form.table.columns.map((c) => (
                  <option key={c}>{c}</option>
                ))}
              </select>
            </>
          )}
          <label htmlFor="rt-denominator">The values count</label>
          <select
            id="rt-denominator"
            value={form.denominator}
            onChange={(e) => set({ denominator: e.target.value as RatesForm['denominator'] })}
          >
            <option value="residents">residents</option>
            <option value="households">households</option>
            <option value="businesses">businesses</option>
          </select>
          <label htmlFor="rt-per">Rate per</label>
          <input
            id="rt-per"
            type="number"
            min={1}
            value={form.perUnits}
            onChange={(e) => set({ perUnits: e.target.value })}
          />
        </div>
        <div className="row-buttons">
          <button onClick={() => void runRates()} disabled={state.running !== null}>
            Compute rates
          </button>
        </div>
      </fieldset>
      <JobProgress state={state} onCancel={ratesJobStore.cancel} />
      {result && (
        <>
          <div className="summary" data-testid="rates-summary">
            {result.summary.map((line) => (
              <p key={line}>{line}</p>
            ))}
          </div>
          <div className="row-buttons" role="radiogroup" aria-label="Map">
            <label>
              <input
                type="radio"
                checked={show === 'smoothed'}
                onChange={() => setRatesShown('smoothed')}
              />{' '}
              smoothed rates
            </label>
            <label>
              <input
                type="radio"
                checked={show === 'crude'}
                onChange={() => setRatesShown('crude')}
              />{' '}
              raw rates
            </label>
          </div>
          <table className="compact" data-testid="rates-table">
            <thead>
              <tr>
                <th>Area</th>
                <th>Incidents</th>
                <th>{result.denominator}</th>
                <th>Raw</th>
                <th>Smoothed</th>
              </tr>
            </thead>
            <tbody>
              {order.map((i) => (
                <tr key={result.ids[i]}>
                  <td>{result.ids[i]}</td>
                  <td>{formatCount(result.counts[i])}</td>
                  <td>
                    {Number.isFinite(result.population[i])
                      ? formatCount(result.population[i])
                      : '—'}
                  </td>
                  <td>{formatLevel(result.crudeRate[i])}</td>
                  <td>{formatLevel(result.smoothedRate[i])}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {result.ids.length > TABLE_ROWS && (
            <p className="muted small">
              The {TABLE_ROWS} highest smoothed rates of {formatCount(result.ids.length)}; the
              export has every area.
            </p>
          )}
          <div className="row-buttons">
            <button onClick={() => exportRates('csv', result)}>Rates CSV</button>
            <button onClick={() => exportRates('geojson', result)}>Rates GeoJSON</button>
            <button onClick={clearRates}>Clear</button>
          </div>
          <MethodsLog log={result.log} />
        </>
      )}
    </section>
  );
}
