import { useState } from 'react';
import { OFFENCE_GROUPS } from '../../data/incidentTable';
import { REJECT_LABELS, REJECT_REASONS } from '../../data/importSession';
import type { Dataset } from '../../data/datasetLoader';
import { downloadRejectedRows, reimportSwapped, setCategoryGroup } from '../actions';
import { formatCount, formatPercent } from '../format';

/** What the import did: rows read, imported, rejected by reason (downloadable), and the data's shape. */
export function ImportReportView({ dataset }: { dataset: Dataset }): React.JSX.Element {
  const r = dataset.report;
  const rejected = r.rowsRead - r.rowsImported;
  const [showCategories, setShowCategories] = useState(false);
  const categories = Object.entries(r.categories);
  const codeOf = new Map(
    dataset.table.dictionaries.category.map((name, code) => [name || '(blank)', code]),
  );
  return (
    <section className="report" data-testid="import-report" aria-label="Import report">
      <h2>Import report</h2>
      <dl>
        <dt>Layout</dt>
        <dd>{r.schemaName}</dd>
        <dt>Files</dt>
        <dd>
          {r.files.map((f) => (
            <div key={f.name}>
              {f.name} — {formatCount(f.rowsRead)} rows, {f.encoding}
            </div>
          ))}
        </dd>
        <dt>Rows read</dt>
        <dd data-testid="rows-read">{formatCount(r.rowsRead)}</dd>
        <dt>Imported</dt>
        <dd data-testid="rows-imported">{formatCount(r.rowsImported)}</dd>
        <dt>Rejected</dt>
        <dd data-testid="rows-rejected">
          {formatCount(rejected)} ({formatPercent(rejected, r.rowsRead)})
        </dd>
      </dl>
      {rejected > 0 && (
        <>
          <table className="compact">
            <tbody>
              {REJECT_REASONS.filter((k) => r.rejected[k] > 0).map((k) => (
                <tr key={k}>
                  <td className="num">{formatCount(r.rejected[k])}</td>
                  <td>{REJECT_LABELS[k]}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <button onClick={() => void downloadRejectedRows()}>Download rejected rows (CSV)</button>
        </>
      )}
      {r.swapSuggestion && (
        <div className="warning" role="alert">
          {r.swapSuggestion}
          <button onClick={() => void reimportSwapped()}>
            Swap latitude and longitude and re-import
          </button>
        </div>
      )}
      {r.warnings.map((w) => (
        <p key={w} className="warning">
          {w}
        </p>
      ))}
      <dl>
        <dt>Dates</dt>
        <dd>
          {r.dateRange
            ? `${r.dateRange[0].replace('T', ' ')} to ${r.dateRange[1].replace('T', ' ')}`
            : '—'}
        </dd>
        <dt>Precision</dt>
        <dd>
          {r.timePrecision === 'time'
            ? 'date and time'
            : r.timePrecision === 'day'
              ? 'date only'
              : 'month only'}
        </dd>
        <dt>Locations</dt>
        <dd>
          {formatCount(r.distinctLocations)} distinct; {formatCount(r.duplicatesSharingCoordinates)}{' '}
          incidents share exact coordinates
        </dd>
        <dt>Categories</dt>
        <dd>
          {categories.length}{' '}
          <button className="link" onClick={() => setShowCategories(!showCategories)}>
            {showCategories ? 'hide' : 'show, with offence groups'}
          </button>
        </dd>
      </dl>
      {showCategories && (
        <table className="compact" data-testid="category-groups">
          <thead>
            <tr>
              <th>Category</th>
              <th className="num">Incidents</th>
              <th>Group</th>
            </tr>
          </thead>
          <tbody>
            {categories.map(([name, count]) => {
              const code = codeOf.get(name) ?? 0;
              return (
                <tr key={name}>
                  <td>{name}</td>
                  <td className="num">{formatCount(count)}</td>
                  <td>
                    <select
                      aria-label={`Offence group of ${name}`}
                      value={OFFENCE_GROUPS[dataset.table.categoryGroup[code]]}
                      onChange={(e) =>
                        void setCategoryGroup(
                          code,
                          OFFENCE_GROUPS.indexOf(e.target.value as (typeof OFFENCE_GROUPS)[number]),
                        )
                      }
                    >
                      {OFFENCE_GROUPS.map((g) => (
                        <option key={g} value={g}>
                          {g}
                        </option>
                      ))}
                    </select>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
