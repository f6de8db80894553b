import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { formatIsoDate, formatIsoMonth } from '../../analysis/calendar';
import type { TrendResult } from '../../data/jobs/trendJob';
import { formatCount } from '../format';
import { followWidth } from './followWidth';

/** Floating times are wall-clock times read as UTC: show them in UTC, whatever the browser's zone. */
export const utcDate = (seconds: number): Date => uPlot.tzDate(new Date(seconds * 1e3), 'Etc/UTC');

const COMPLETE = 'rgba(60, 64, 84, 0.75)';
const PARTIAL = 'rgba(60, 64, 84, 0.25)';
/** Okabe–Ito vermilion: the trend line stands out from the grey bars for every reader. */
const TREND = '#D55E00';

function periodLabel(result: TrendResult, i: number): string {
  const start = result.periodStartMs[i];
  if (result.by === 'month') return formatIsoMonth(start);
  if (result.by === 'week') return `week of ${formatIsoDate(start)}`;
  return formatIsoDate(start);
}

/**
 * Counts by period as bars (partial periods pale, missing periods hatched "no data"), Sen's trend
 * line over the complete periods, and the date filter shaded. Dragging across the chart chooses a
 * date range of whole periods.
 */
export function SeriesChart(props: {
  result: TrendResult;
  range: [number, number] | null;
  onRange: (range: [number, number]) => void;
  onPlot?: (plot: uPlot | null) => void;
  height?: number;
}): React.JSX.Element {
  const { result, range } = props;
  const el = useRef<HTMLDivElement>(null);
  const readout = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const rangeRef = useRef(range);
  const onRangeRef = useRef(props.onRange);
  const onPlotRef = useRef(props.onPlot);
  useEffect(() => {
    rangeRef.current = range;
    onRangeRef.current = props.onRange;
    onPlotRef.current = props.onPlot;
  });

  useEffect(() => {
    const host = el.current;
    if (!host || result.periodStartMs.length === 0) return;
    const starts = result.periodStartMs;
    const ends = result.periodEndMs;
    const count = starts.length;
    const xs = Array.from(starts, (s, i) => (s + ends[i]) / 2000);
    const complete = Array.from(result.counts, (c, i) =>
      result.partial[i] || result.missing[i] ? null : c,
    );
    const partial = Array.from(result.counts, (c, i) =>
      result.partial[i] && !result.missing[i] ? c : null,
    );
    const line = Array.from(result.trendLine, (v) => (Number.isFinite(v) ? v : null));
    const bars = uPlot.paths.bars?.({ size: [0.85, Infinity], align: 0 });

    const shade = (u: uPlot) => {
      const ctx = u.ctx;
      ctx.save();
      for (let i = 0; i < count; i++) {
        if (!result.missing[i]) continue;
        const left = u.valToPos(starts[i] / 1000, 'x', true);
        const right = u.valToPos(ends[i] / 1000, 'x', true);
        ctx.fillStyle = 'rgba(120, 120, 120, 0.12)';
        ctx.fillRect(left, u.bbox.top, right - left, u.bbox.height);
        // Hatched: no data, as opposed to a zero.
        ctx.save();
        ctx.beginPath();
        ctx.rect(left, u.bbox.top, right - left, u.bbox.height);
        ctx.clip();
        ctx.strokeStyle = 'rgba(120, 120, 120, 0.45)';
        ctx.lineWidth = 1;
        ctx.beginPath();
        const bottom = u.bbox.top + u.bbox.height;
        for (let x = left - u.bbox.height; x < right; x += 8) {
          ctx.moveTo(x, bottom);
          ctx.lineTo(x + u.bbox.height, u.bbox.top);
        }
        ctx.stroke();
        ctx.restore();
      }
      const r = rangeRef.current;
      if (r) {
        const left = Math.max(u.bbox.left, u.valToPos(Math.max(r[0], starts[0]) / 1000, 'x', true));
        const right = Math.min(
          u.bbox.left + u.bbox.width,
          u.valToPos(Math.min(r[1], ends[count - 1]) / 1000, 'x', true),
        );
        if (right > left) {
          ctx.fillStyle = 'rgba(0, 114, 178, 0.16)';
          ctx.fillRect(left, u.bbox.top, right - left, u.bbox.height);
        }
      }
      ctx.restore();
    };

    const opts: uPlot.Options = {
      width: host.clientWidth || 600,
      height: props.height ?? 186,
      tzDate: utcDate,
      legend: { show: false },
      cursor: { drag: { x: true, y: false, setScale: false }, points: { show: false } },
      scales: {
        x: { time: true, range: [starts[0] / 1000, ends[count - 1] / 1000] },
        y: { range: (_u, _min, max) => [0, Math.max(1, max) * 1.08] },
      },
      axes: [
        { size: 44, font: '11px system-ui', grid: { show: false } },
        { size: 48, font: '11px system-ui', grid: { stroke: '#eee' } },
      ],
      series: [
        {},
        { label: 'count', fill: COMPLETE, stroke: COMPLETE, paths: bars, points: { show: false } },
        { label: 'partial', fill: PARTIAL, stroke: PARTIAL, paths: bars, points: { show: false } },
        { label: "Sen's trend", stroke: TREND, width: 2, dash: [6, 4], points: { show: false } },
      ],
      hooks: {
        drawClear: [shade],
        setCursor: [
          (u) => {
            const i = u.cursor.idx;
            const out = readout.current;
            if (!out) return;
            if (i === null || i === undefined) {
              out.textContent = '';
              return;
            }
            const flag = result.missing[i]
              ? ' — no data (a gap in the extract)'
              : result.partial[i]
                ? ' (partial period, not in the test)'
                : '';
            out.textContent = `${periodLabel(result, i)}: ${result.missing[i] ? '—' : formatCount(result.counts[i])} incidents${flag}`;
          },
        ],
        setSelect: [
          (u) => {
            if (u.select.width < 3) return;
            const t0 = u.posToVal(u.select.left, 'x') * 1000;
            const t1 = u.posToVal(u.select.left + u.select.width, 'x') * 1000;
            let a = 0;
            while (a < count - 1 && ends[a] <= t0) a++;
            let b = count - 1;
            while (b > a && starts[b] >= t1) b--;
            u.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
            onRangeRef.current([starts[a], ends[b]]);
          },
        ],
      },
    };
    const u = new uPlot(opts, [xs, complete, partial, line], host);
    plot.current = u;
    onPlotRef.current?.(u);
    const stopFollowing = followWidth(host, u);
    return () => {
      stopFollowing();
      onPlotRef.current?.(null);
      u.destroy();
      plot.current = null;
    };
  }, [result, props.height]);

  useEffect(() => {
    plot.current?.redraw(false, false);
  }, [range]);

  return (
    <div className="time-chart">
      <div ref={el} data-testid="time-series-chart" />
      <div ref={readout} className="muted small time-readout" aria-live="polite" />
    </div>
  );
}
