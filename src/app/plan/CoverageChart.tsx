import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

/**
 * A small line chart (uPlot) of the share of incidents covered against one quantity: the number of
 * patrol zones K, or their total area. Points are marked, since each is one choice a planner can make;
 * `highlightX` marks the current choice.
 */
export function CoverageChart(props: {
  xs: number[];
  /** Shares 0–1. */
  ys: number[];
  xLabel: string;
  highlightX?: number;
  height?: number;
  testId?: string;
}): React.JSX.Element {
  const { xs, ys, xLabel, highlightX } = props;
  const el = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!el.current || xs.length === 0) return;
    const width = el.current.clientWidth || 300;
    const mark = (u: uPlot) => {
      if (highlightX === undefined) return;
      const x = u.valToPos(highlightX, 'x', true);
      u.ctx.save();
      u.ctx.strokeStyle = 'rgba(213, 94, 0, 0.8)';
      u.ctx.setLineDash([4, 3]);
      u.ctx.beginPath();
      u.ctx.moveTo(x, u.bbox.top);
      u.ctx.lineTo(x, u.bbox.top + u.bbox.height);
      u.ctx.stroke();
      u.ctx.restore();
    };
    const plot = new uPlot(
      {
        width,
        height: props.height ?? 140,
        legend: { show: false },
        cursor: { show: true, drag: { x: false, y: false }, points: { show: true } },
        scales: { x: { time: false }, y: { range: [0, Math.min(1, Math.max(0.05, ...ys) * 1.1)] } },
        axes: [
          {
            size: 30,
            font: '11px system-ui',
            grid: { stroke: '#eee' },
            label: xLabel,
            labelSize: 14,
            labelFont: '11px system-ui',
          },
          {
            size: 44,
            font: '11px system-ui',
            grid: { stroke: '#eee' },
            values: (_u, vals) => vals.map((v) => `${Math.round(v * 100)}%`),
          },
        ],
        series: [
          {},
          {
            label: 'covered',
            stroke: '#0072b2',
            width: 2,
            points: { show: true, size: 6, fill: '#0072b2' },
          },
        ],
        hooks: { draw: [mark] },
      },
      [xs, ys],
      el.current,
    );
    return () => plot.destroy();
  }, [xs, ys, xLabel, highlightX, props.height]);
  return <div ref={el} className="coverage-chart" data-testid={props.testId} />;
}
