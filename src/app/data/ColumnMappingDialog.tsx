import { useEffect, useMemo, useState } from 'react';
import type { DryRun } from '../../data/datasetLoader';
import { REJECT_LABELS, REJECT_REASONS } from '../../data/importSession';
import { KNOWN_CRS } from '../../data/projections';
import { completeMapping, type ColumnMapping, type CoordinateMapping } from '../../data/schemas';
import type { DateOrder } from '../../data/dates';
import { closeMappingDialog, importWithMapping } from '../actions';
import { formatCount } from '../format';
import type { ImportStatus } from '../store';
import { loaderWorker } from '../workers';

type Draft = Partial<ColumnMapping>;
type OptionalRole =
  | 'time'
  | 'endDate'
  | 'endTime'
  | 'description'
  | 'address'
  | 'id'
  | 'beat'
  | 'district'
  | 'locationType';

const OPTIONAL_ROLES: [OptionalRole, string][] = [
  ['time', 'Time (if in its own column)'],
  ['endDate', 'End date (incidents known as a window)'],
  ['endTime', 'End time'],
  ['description', 'Description'],
  ['locationType', 'Location type'],
  ['address', 'Address or block'],
  ['id', 'Record ID (for duplicates)'],
  ['beat', 'Beat / small area'],
  ['district', 'District / large area'],
];

function ColumnSelect(props: {
  label: string;
  headers: string[];
  value: string | undefined;
  optional?: boolean;
  onChange: (value: string | undefined) => void;
}): React.JSX.Element {
  return (
    <label className="field">
      <span>{props.label}</span>
      <select
        value={props.value ?? ''}
        onChange={(e) => props.onChange(e.target.value === '' ? undefined : e.target.value)}
        aria-label={props.label}
      >
        <option value="">{props.optional ? '— none —' : '— choose —'}</option>
        {props.headers.map((h) => (
          <option key={h} value={h}>
            {h}
          </option>
        ))}
      </select>
    </label>
  );
}

/**
 * The column mapping for a CSV layout the app does not recognise: pre-filled from header names,
 * with a preview of the first rows and live counts of what would be rejected.
 */
export function ColumnMappingDialog({
  status,
}: {
  status: Extract<ImportStatus, { kind: 'mapping' }>;
}): React.JSX.Element {
  const { preview, files } = status;
  const headers = preview.headers;
  const [draft, setDraft] = useState<Draft>(preview.guess);
  const [dryResult, setDryResult] = useState<{ key: string; value: DryRun | string } | null>(null);
  const complete = useMemo(() => completeMapping(draft), [draft]);
  const mappingKey = 'mapping' in complete ? JSON.stringify(complete.mapping) : '';
  const dry = dryResult?.key === mappingKey ? dryResult.value : null;
  const coords = draft.coordinates;
  const kind = coords?.kind ?? 'latlon';

  useEffect(() => {
    if (!('mapping' in complete)) return;
    let cancelled = false;
    const key = JSON.stringify(complete.mapping);
    const timer = setTimeout(() => {
      void loaderWorker()
        .dryRun(files[0], complete.mapping)
        .then((r) => {
          if (!cancelled) setDryResult({ key, value: r.ok ? r.value : r.error });
        });
    }, 250);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [complete, files]);

  const setCoords = (c: CoordinateMapping | undefined) => setDraft({ ...draft, coordinates: c });
  const setKind = (k: CoordinateMapping['kind']) => {
    if (k === 'latlon') setCoords({ kind: 'latlon', lat: '', lon: '' });
    else if (k === 'point') setCoords({ kind: 'point', column: '' });
    else setCoords({ kind: 'xy', x: '', y: '', crs: 'EPSG:3435' });
  };
  const crsIsCustom = coords?.kind === 'xy' && !(coords.crs in KNOWN_CRS);

  return (
    <div className="dialog-backdrop">
      <div
        className="dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="mapping-title"
        data-testid="mapping-dialog"
      >
        <h2 id="mapping-title">Which columns hold what?</h2>
        <p className="muted">
          “{preview.name}” is not in a layout COP Planner recognises. Choose the columns below; the
          counts update as you go.
        </p>
        <div className="mapping-grid">
          <fieldset>
            <legend>Location</legend>
            <div className="row-buttons">
              {(['latlon', 'point', 'xy'] as const).map((k) => (
                <label key={k}>
                  <input
                    type="radio"
                    name="coord-kind"
                    checked={kind === k}
                    onChange={() => setKind(k)}
                  />{' '}
                  {k === 'latlon'
                    ? 'Latitude + longitude'
                    : k === 'point'
                      ? 'One point column'
                      : 'Projected X/Y'}
                </label>
              ))}
            </div>
            {coords?.kind === 'latlon' || coords === undefined ? (
              <>
                <ColumnSelect
                  label="Latitude"
                  headers={headers}
                  value={coords?.kind === 'latlon' ? coords.lat || undefined : undefined}
                  onChange={(v) =>
                    setCoords({
                      kind: 'latlon',
                      lat: v ?? '',
                      lon: coords?.kind === 'latlon' ? coords.lon : '',
                    })
                  }
                />
                <ColumnSelect
                  label="Longitude"
                  headers={headers}
                  value={coords?.kind === 'latlon' ? coords.lon || undefined : undefined}
                  onChange={(v) =>
                    setCoords({
                      kind: 'latlon',
                      lon: v ?? '',
                      lat: coords?.kind === 'latlon' ? coords.lat : '',
                    })
                  }
                />
                <label>
                  <input
                    type="checkbox"
                    checked={draft.swapLatLon ?? false}
                    onChange={(e) => setDraft({ ...draft, swapLatLon: e.target.checked })}
                  />{' '}
                  the two are swapped in this file
                </label>
              </>
            ) : coords.kind === 'point' ? (
              <ColumnSelect
                label="Point column: POINT (lon lat) or (lat, lon)"
                headers={headers}
                value={coords.column || undefined}
                onChange={(v) => setCoords({ kind: 'point', column: v ?? '' })}
              />
            ) : (
              <>
                <ColumnSelect
                  label="X (easting)"
                  headers={headers}
                  value={coords.x || undefined}
                  onChange={(v) => setCoords({ ...coords, x: v ?? '' })}
                />
                <ColumnSelect
                  label="Y (northing)"
                  headers={headers}
                  value={coords.y || undefined}
                  onChange={(v) => setCoords({ ...coords, y: v ?? '' })}
                />
                <label className="field">
                  <span>Coordinate system</span>
                  <select
                    value={crsIsCustom ? 'custom' : coords.crs}
                    onChange={(e) =>
                      setCoords({
                        ...coords,
                        crs: e.target.value === 'custom' ? '+proj=' : e.target.value,
                      })
                    }
                    aria-label="Coordinate system"
                  >
                    {Object.entries(KNOWN_CRS).map(([code, [label]]) => (
                      <option key={code} value={code}>
                        {code} — {label}
                      </option>
                    ))}
                    <option value="custom">Other: a proj4 string…</option>
                  </select>
                </label>
                {crsIsCustom && (
                  <input
                    className="wide"
                    value={coords.crs}
                    onChange={(e) => setCoords({ ...coords, crs: e.target.value })}
                    aria-label="proj4 definition"
                    placeholder="+proj=utm +zone=17 +datum=WGS84 +units=m"
                  />
                )}
              </>
            )}
          </fieldset>
          <fieldset>
            <legend>When and what</legend>
            <ColumnSelect
              label="Date (or date and time)"
              headers={headers}
              value={draft.date}
              onChange={(v) => setDraft({ ...draft, date: v })}
            />
            <label className="field">
              <span>Date order</span>
              <select
                value={draft.dateOrder ?? 'mdy'}
                onChange={(e) => setDraft({ ...draft, dateOrder: e.target.value as DateOrder })}
                aria-label="Date order"
              >
                <option value="mdy">month/day/year (US)</option>
                <option value="dmy">day/month/year</option>
                <option value="ymd">year-month-day (ISO)</option>
              </select>
            </label>
            <ColumnSelect
              label="Category (offence type)"
              headers={headers}
              value={draft.category}
              onChange={(v) => setDraft({ ...draft, category: v })}
            />
          </fieldset>
          <fieldset>
            <legend>Optional</legend>
            {OPTIONAL_ROLES.map(([role, label]) => (
              <ColumnSelect
                key={role}
                label={label}
                headers={headers}
                value={draft[role]}
                optional
                onChange={(v) => setDraft({ ...draft, [role]: v })}
              />
            ))}
          </fieldset>
        </div>
        <div className="dry-run" aria-live="polite" data-testid="dry-run">
          {'missing' in complete ? (
            <span className="muted">Still needed: {complete.missing.join(', ')}.</span>
          ) : dry === null ? (
            <span className="muted">Checking the first rows…</span>
          ) : typeof dry === 'string' ? (
            <span className="error">{dry}</span>
          ) : (
            <span>
              Of the {dry.wholeFile ? '' : 'first '}
              {formatCount(dry.rowsRead)} rows, {formatCount(dry.rowsImported)} would be imported
              {dry.rowsRead > dry.rowsImported ? '; rejected: ' : '.'}
              {REJECT_REASONS.filter((r) => dry.rejected[r] > 0)
                .map((r) => `${formatCount(dry.rejected[r])} ${REJECT_LABELS[r]}`)
                .join('; ')}
            </span>
          )}
        </div>
        <div className="preview-wrap">
          <table className="preview" aria-label="First rows of the file">
            <thead>
              <tr>
                {headers.map((h, i) => (
                  <th key={i}>{h}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {preview.rows.slice(0, 8).map((row, r) => (
                <tr key={r}>
                  {headers.map((_, i) => (
                    <td key={i}>{row[i] ?? ''}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div className="dialog-buttons">
          <button onClick={closeMappingDialog}>Cancel</button>
          <button
            className="primary"
            disabled={!('mapping' in complete)}
            onClick={() => 'mapping' in complete && void importWithMapping(complete.mapping)}
          >
            Import
          </button>
        </div>
      </div>
    </div>
  );
}
