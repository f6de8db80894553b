import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { TrendResult } from '../../data/jobs/trendJob';
import { followWidth } from './followWidth';

/** Okabe–Ito colours (distinguishable with colour-vision deficiency), most recent year first. */
const YEAR_COLOURS = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * One line a year on a shared month (or ISO week) axis, and the month-of-year mean as a dashed
 * black line; partial and missing periods break the lines. Values show in the legend on hover.
 */
export function YearOverYearChart(props: {
  result: TrendResult;
  onPlot?: (plot: uPlot | null) => void;
  height?: number;
}): React.JSX.Element {
  const { result } = props;
  const el = useRef<HTMLDivElement>(null);
  const onPlotRef = useRef(props.onPlot);
  useEffect(() => {
    onPlotRef.current = props.onPlot;
  });

  useEffect(() => {
    const host = el.current;
    const yoy = result.yearOverYear;
    if (!host || !yoy || yoy.lines.length === 0) return;
    const slots = yoy.by === 'month' ? 12 : 53;
    const xs = Array.from({ length: slots }, (_, i) => i + 1);
    const lines = yoy.lines.slice(-YEAR_COLOURS.length);
    const data: (number | null)[][] = [xs];
    const series: uPlot.Series[] = [{ label: yoy.by === 'month' ? 'month' : 'ISO week' }];
    lines.forEach((line, k) => {
      data.push(Array.from(line.counts, (v) => (Number.isFinite(v) ? v : null)));
      series.push({
        label: String(line.year),
        stroke: YEAR_COLOURS[(lines.length - 1 - k) % YEAR_COLOURS.length],
        width: k === lines.length - 1 ? 2.5 : 1.5,
        points: { show: false },
      });
    });
    const seasonal = result.seasonal;
    if (yoy.by === 'month' && seasonal) {
      data.push(Array.from(seasonal.meanByMonth, (v) => (Number.isFinite(v) ? v : null)));
      series.push({
        label: 'mean',
        stroke: '#1f2330',
        width: 1.5,
        dash: [5, 4],
        points: { show: false },
      });
    }
    const u = new uPlot(
      {
        width: host.clientWidth || 600,
        height: props.height ?? 150,
        legend: { show: true, live: true },
        cursor: { points: { show: true } },
        scales: {
          x: { time: false, range: [1, slots] },
          y: { range: (_u, _min, max) => [0, Math.max(1, max) * 1.08] },
        },
        axes: [
          {
            size: 24,
            font: '11px system-ui',
            grid: { show: false },
            values: (_u, splits) =>
              splits.map((v) => (yoy.by === 'month' ? (MONTHS[v - 1] ?? '') : `w${v}`)),
            ...(yoy.by === 'month' ? { splits: () => xs } : {}),
          },
          { size: 48, font: '11px system-ui', grid: { stroke: '#eee' } },
        ],
        series,
      },
      data as uPlot.AlignedData,
      host,
    );
    onPlotRef.current?.(u);
    const stopFollowing = followWidth(host, u);
    return () => {
      stopFollowing();
      onPlotRef.current?.(null);
      u.destroy();
    };
  }, [result, props.height]);

  return <div ref={el} className="time-chart" data-testid="time-years-chart" />;
}
