import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

/**
 * One location's space-time Gi* z-scores over the time steps of an Emerging Hot Spot Analysis (a
 * line, with significant hot bins as red dots and cold bins as blue), and its incident counts as
 * grey bars on a second axis. Drawn with uPlot.
 */
export function ZSeriesChart(props: {
  /** Start of each step, floating epoch ms. */
  stepStartsMs: ArrayLike<number>;
  z: ArrayLike<number>;
  /** −3…3 confidence bin of each step. */
  bins: ArrayLike<number>;
  counts: ArrayLike<number>;
  /** Smallest |bin| that counts as hot or cold (1 at 90%, 2 at 95%, 3 at 99%). */
  level: number;
  height?: number;
}): React.JSX.Element {
  const { stepStartsMs, z, bins, counts, level } = props;
  const el = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!el.current) return;
    const xs = Array.from(stepStartsMs, (t) => t / 1000);
    const zs = Array.from(z);
    const hot = zs.map((v, t) => (bins[t] >= level ? v : null));
    const cold = zs.map((v, t) => (bins[t] <= -level ? v : null));
    const opts: uPlot.Options = {
      width: el.current.clientWidth || 300,
      height: props.height ?? 150,
      legend: { show: false },
      cursor: { points: { show: false } },
      scales: { x: { time: true }, n: { range: (_u, _min, max) => [0, Math.max(1, max) * 1.1] } },
      axes: [
        { size: 28, font: '11px system-ui', grid: { show: false } },
        { scale: 'z', label: 'Gi* z', size: 40, font: '11px system-ui', grid: { stroke: '#eee' } },
        { scale: 'n', side: 1, size: 36, font: '11px system-ui', grid: { show: false } },
      ],
      series: [
        {},
        {
          label: 'incidents',
          scale: 'n',
          fill: 'rgba(120, 120, 120, 0.25)',
          stroke: 'rgba(120, 120, 120, 0.4)',
          paths: uPlot.paths.bars?.({ size: [0.8, Infinity] }),
          points: { show: false },
        },
        { label: 'z', scale: 'z', stroke: '#333', width: 1.5, points: { show: false } },
        {
          label: 'hot',
          scale: 'z',
          stroke: 'rgb(215, 48, 39)',
          paths: () => null,
          points: { show: true, size: 6, fill: 'rgb(215, 48, 39)' },
        },
        {
          label: 'cold',
          scale: 'z',
          stroke: 'rgb(69, 117, 180)',
          paths: () => null,
          points: { show: true, size: 6, fill: 'rgb(69, 117, 180)' },
        },
      ],
    };
    const plot = new uPlot(opts, [xs, Array.from(counts), zs, hot, cold], el.current);
    return () => plot.destroy();
  }, [stepStartsMs, z, bins, counts, level, props.height]);
  return <div ref={el} className="z-series-chart" data-testid="z-series-chart" />;
}
