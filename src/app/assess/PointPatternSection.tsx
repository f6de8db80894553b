import { ellipseColour } from '../../map/pointPatternLayer';
import { JobProgress, MethodsLog } from '../common/JobControls';
import { formatCount } from '../format';
import { useStore } from '../store';
import {
  clearPointPattern,
  exportEllipses,
  pointPatternJobStore,
  runPointPattern,
  toggleEllipse,
  updatePointPatternForm,
  usePointPatternUi,
} from './pointPatternActions';

const rgba = (c: number[]) => `rgba(${c[0]}, ${c[1]}, ${c[2]}, ${(c[3] ?? 255) / 255})`;

/** Nearest neighbour index in words, and where each kind of crime is centred and spread. */
export function PointPatternSection(): React.JSX.Element {
  const state = pointPatternJobStore.use();
  const { form, hidden } = usePointPatternUi();
  const boundaries = useStore((s) => s.boundaries);
  const result = state.result;
  return (
    <section aria-label="Point pattern" data-testid="point-pattern">
      <h2>Point pattern</h2>
      <p className="muted small">
        Are incidents closer together than chance would put them (nearest neighbour index), where is
        each kind of crime centred, and which way does it spread (standard deviational ellipses)?
      </p>
      <div className="form-grid assess-form">
        <label htmlFor="pp-area">Study area</label>
        <select
          id="pp-area"
          value={form.area}
          onChange={(e) => updatePointPatternForm({ area: e.target.value })}
        >
          <option value="rectangle">bounding rectangle of the incidents</option>
          <option value="hull">convex hull of the incidents</option>
          {boundaries.map((b) => (
            <option key={b.id} value={b.id}>
              {b.name}
            </option>
          ))}
        </select>
        <label htmlFor="pp-sd">Ellipse size</label>
        <select
          id="pp-sd"
          value={form.standardDeviations}
          onChange={(e) =>
            updatePointPatternForm({ standardDeviations: Number(e.target.value) as 1 | 2 | 3 })
          }
        >
          <option value={1}>1 standard deviation</option>
          <option value={2}>2 standard deviations</option>
          <option value={3}>3 standard deviations</option>
        </select>
      </div>
      <div className="row-buttons">
        <button onClick={() => void runPointPattern()} disabled={state.running !== null}>
          Summarise the pattern
        </button>
      </div>
      <JobProgress state={state} onCancel={pointPatternJobStore.cancel} />
      {result && (
        <>
          <div className="summary" data-testid="nni-summary">
            {result.nniExplanation.map((line) => (
              <p key={line} className={line === result.nni.warning ? 'warning' : undefined}>
                {line}
              </p>
            ))}
          </div>
          <table className="compact">
            <tbody>
              <tr>
                <th>Observed mean distance</th>
                <td>{result.nni.observedMeanDistanceMetres.toFixed(1)} m</td>
              </tr>
              <tr>
                <th>Expected if random</th>
                <td>{result.nni.expectedMeanDistanceMetres.toFixed(1)} m</td>
              </tr>
              <tr>
                <th>Nearest neighbour index</th>
                <td>{result.nni.ratio.toFixed(3)}</td>
              </tr>
              <tr>
                <th>z, p</th>
                <td>
                  {result.nni.zScore.toFixed(2)},{' '}
                  {result.nni.pValue < 0.0001 ? '< 0.0001' : result.nni.pValue.toPrecision(2)}
                </td>
              </tr>
              <tr>
                <th>Study area</th>
                <td>
                  {(result.nni.studyArea.areaSquareMetres / 1e6).toFixed(2)} km² (
                  {result.nni.studyArea.description})
                </td>
              </tr>
            </tbody>
          </table>
          <p className="muted small">{result.summary[2]}</p>
          <table className="compact" data-testid="ellipse-table">
            <thead>
              <tr>
                <th />
                <th>Category</th>
                <th>Incidents</th>
                <th title="long × short axis">Size km</th>
                <th title="long axis, clockwise from north">Axis</th>
                <th>Inside</th>
              </tr>
            </thead>
            <tbody>
              {result.ellipses.map((e, i) => (
                <tr key={e.name}>
                  <td>
                    <input
                      type="checkbox"
                      aria-label={`Show ${e.name}`}
                      checked={!hidden.includes(e.name)}
                      onChange={(ev) => toggleEllipse(e.name, ev.target.checked)}
                    />
                  </td>
                  <td>
                    <span
                      className="swatch line"
                      style={{ background: rgba(ellipseColour(i)), marginRight: 4 }}
                    />
                    {e.name}
                  </td>
                  <td>{formatCount(e.count)}</td>
                  <td>
                    {((2 * e.majorSemiAxisMetres) / 1000).toFixed(1)} ×{' '}
                    {((2 * e.minorSemiAxisMetres) / 1000).toFixed(1)}
                  </td>
                  <td>{e.rotationDegrees.toFixed(0)}°</td>
                  <td>{(100 * e.shareInside).toFixed(0)}%</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="row-buttons">
            <button onClick={() => exportEllipses('geojson', result)}>Ellipses GeoJSON</button>
            <button onClick={() => exportEllipses('csv', result)}>Ellipses CSV</button>
            <button onClick={clearPointPattern}>Clear</button>
          </div>
          <MethodsLog log={result.log} />
        </>
      )}
    </section>
  );
}
