import { formatIsoDate } from '../../analysis/calendar';
import type { CompstatComparison, CompstatPeriod, CompstatRow } from '../../analysis/compstat';
import { formatChange, type CompstatJobResult } from '../../data/jobs/compstatJob';
import { formatCount } from '../format';

const span = (p: CompstatPeriod) => `${formatIsoDate(p.startMs)} – ${formatIsoDate(p.endMs - 1)}`;

function p(c: CompstatComparison): string {
  if (!Number.isFinite(c.p)) return '—';
  return c.p < 0.001 ? '< 0.001' : c.p.toFixed(3);
}

function changeClass(c: CompstatComparison): string {
  if (!c.significant) return 'num';
  return `num sig ${c.isNew || c.changePercent > 0 ? 'up' : 'down'}`;
}

function Comparison({ c }: { c: CompstatComparison }): React.JSX.Element {
  const count = Number.isFinite(c.count) ? formatCount(c.count) : '—';
  return (
    <>
      <td className="num">{count}</td>
      <td className={changeClass(c)} title={c.significant ? 'Larger than chance' : undefined}>
        {formatChange(c)}
      </td>
      <td className="num muted">{p(c)}</td>
    </>
  );
}

function Row({ row, total }: { row: CompstatRow; total?: boolean }): React.JSX.Element {
  return (
    <tr className={total ? 'total' : undefined} data-testid="compstat-row">
      <th scope="row" className={row.kind === 'group' ? 'group' : undefined}>
        {row.label}
      </th>
      <td className="num">{Number.isFinite(row.current) ? formatCount(row.current) : '—'}</td>
      <Comparison c={row.previous} />
      <Comparison c={row.yearEarlier} />
    </tr>
  );
}

/**
 * One window of the CompStat table: the total, then every group and category in the module's
 * order; changes larger than chance highlighted (rises vermilion, falls blue), "new" as the word.
 */
export function CompstatTable(props: {
  result: CompstatJobResult;
  windowIndex: number;
}): React.JSX.Element {
  const w = props.result.windows[Math.min(props.windowIndex, props.result.windows.length - 1)];
  if (!w) return <p className="muted">No window.</p>;
  if (w.declined)
    return (
      <p className="warning" data-testid="compstat-declined">
        {w.declined}
      </p>
    );
  return (
    <div className="compstat-wrap">
      <p className="muted small compstat-dates" data-testid="compstat-dates">
        Last {w.label}: {span(w.current)} · before: {span(w.previous)} · a year earlier:{' '}
        {span(w.yearEarlier)}
      </p>
      <table className="compact compstat" data-testid="compstat-table">
        <thead>
          <tr>
            <th rowSpan={2}>Offence</th>
            <th rowSpan={2} className="num" title={span(w.current)}>
              Last {w.label}
            </th>
            <th colSpan={3} className="num" title={span(w.previous)}>
              The {w.label} before
            </th>
            <th colSpan={3} className="num" title={span(w.yearEarlier)}>
              A year earlier
            </th>
          </tr>
          <tr className="muted small">
            <th className="num">count</th>
            <th className="num">change</th>
            <th className="num">p</th>
            <th className="num">count</th>
            <th className="num">change</th>
            <th className="num">p</th>
          </tr>
        </thead>
        <tbody>
          <Row row={w.total} total />
          {w.rows.map((row) => (
            <Row key={`${row.kind}-${row.code}`} row={row} />
          ))}
        </tbody>
      </table>
      {[w.previous, w.yearEarlier]
        .filter((period) => !period.available)
        .map((period) => (
          <p key={period.startMs} className="muted small">
            {span(period)}: {period.reason}
          </p>
        ))}
    </div>
  );
}
