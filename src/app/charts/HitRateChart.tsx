import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

/** Okabe–Ito colours (colour-blind safe), one per method, in the order given. */
const COLOURS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9'];

/**
 * Hit-rate curves of several hot-spot methods: the share of the test period's incidents caught
 * (y) against the share of the study area flagged (x, in %), with the best possible curve (dashed)
 * and a random choice of cells (the diagonal, dotted). Drawn with uPlot; the legend names the
 * curves.
 */
export function HitRateChart(props: {
  /** Area shares (0–1) at which every curve is sampled. */
  grid: ArrayLike<number>;
  curves: { label: string; values: ArrayLike<number> }[];
  best: ArrayLike<number>;
  /** Largest area share shown (0–1); defaults to 0.3. */
  maxShare?: number;
  height?: number;
}): React.JSX.Element {
  const { grid, curves, best } = props;
  const el = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!el.current) return;
    const max = props.maxShare ?? 0.3;
    const keep = Array.from(grid)
      .map((x, i) => [x, i] as const)
      .filter(([x]) => x <= max + 1e-9)
      .map(([, i]) => i);
    const pct = (values: ArrayLike<number>) =>
      keep.map((i) => (Number.isFinite(values[i]) ? 100 * values[i] : null));
    const xs = keep.map((i) => 100 * grid[i]);
    const opts: uPlot.Options = {
      width: el.current.clientWidth || 300,
      height: props.height ?? 220,
      legend: { show: true, live: false },
      cursor: { drag: { x: false, y: false } },
      scales: { x: { time: false, range: [0, 100 * max] }, y: { range: [0, 100] } },
      axes: [
        {
          label: '% of study area flagged',
          labelSize: 18,
          size: 28,
          font: '11px system-ui',
          labelFont: '11px system-ui',
          grid: { stroke: '#eee' },
        },
        {
          label: '% of incidents caught',
          labelSize: 18,
          size: 36,
          font: '11px system-ui',
          labelFont: '11px system-ui',
          grid: { stroke: '#eee' },
        },
      ],
      series: [
        { label: 'area %', value: (_u, v) => (v === null ? '—' : `${v.toFixed(2)}%`) },
        ...curves.map((c, k) => ({
          label: c.label,
          stroke: COLOURS[k % COLOURS.length],
          width: 2,
          points: { show: false },
          value: (_u: uPlot, v: number | null) => (v === null ? '—' : `${v.toFixed(1)}%`),
        })),
        {
          label: 'best possible',
          stroke: '#555',
          dash: [6, 4],
          width: 1.5,
          points: { show: false },
          value: (_u, v) => (v === null ? '—' : `${v.toFixed(1)}%`),
        },
        {
          label: 'random',
          stroke: '#aaa',
          dash: [2, 3],
          width: 1,
          points: { show: false },
          value: (_u, v) => (v === null ? '—' : `${v.toFixed(1)}%`),
        },
      ],
    };
    const data: uPlot.AlignedData = [xs, ...curves.map((c) => pct(c.values)), pct(best), xs];
    const plot = new uPlot(opts, data, el.current);
    return () => plot.destroy();
  }, [grid, curves, best, props.maxShare, props.height]);
  return <div ref={el} className="hit-rate-chart" data-testid="hit-rate-chart" />;
}
