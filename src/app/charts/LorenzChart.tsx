import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

/**
 * The Lorenz curve of crime concentration (places ranked from most to fewest incidents): the share
 * of places on x, the share of incidents they hold on y, the line of equality dashed, and markers
 * where the curve reaches 25% and 50% of incidents. Drawn by uPlot.
 */
export function LorenzChart(props: {
  unitShare: Float64Array;
  incidentShare: Float64Array;
  /** [share of places, share of incidents] where a quarter and a half are reached. */
  markers: { x: number; y: number; label: string }[];
  height?: number;
}): React.JSX.Element {
  const { unitShare, incidentShare, markers } = props;
  const el = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!el.current) return;
    const xs = Array.from(unitShare);
    const ys = Array.from(incidentShare);
    const drawMarkers = (u: uPlot) => {
      const ctx = u.ctx;
      ctx.save();
      ctx.font = `${11 * devicePixelRatio}px system-ui`;
      ctx.textAlign = 'left';
      ctx.textBaseline = 'alphabetic';
      for (const m of markers) {
        const x = u.valToPos(m.x, 'x', true);
        const y = u.valToPos(m.y, 'y', true);
        const x0 = u.valToPos(0, 'x', true);
        const y0 = u.valToPos(0, 'y', true);
        ctx.strokeStyle = 'rgba(213, 94, 0, 0.9)';
        ctx.setLineDash([4 * devicePixelRatio, 3 * devicePixelRatio]);
        ctx.lineWidth = devicePixelRatio;
        ctx.beginPath();
        ctx.moveTo(x0, y);
        ctx.lineTo(x, y);
        ctx.lineTo(x, y0);
        ctx.stroke();
        ctx.setLineDash([]);
        ctx.fillStyle = 'rgb(213, 94, 0)';
        ctx.beginPath();
        ctx.arc(x, y, 3.5 * devicePixelRatio, 0, 2 * Math.PI);
        ctx.fill();
        ctx.fillStyle = '#222';
        ctx.fillText(m.label, x + 6 * devicePixelRatio, y + 12 * devicePixelRatio);
      }
      ctx.restore();
    };
    const pctAxis = (_: uPlot, splits: number[]) => splits.map((v) => `${Math.round(100 * v)}%`);
    const plot = new uPlot(
      {
        width: el.current.clientWidth || 300,
        height: props.height ?? 200,
        legend: { show: false },
        cursor: { show: false },
        scales: { x: { time: false, range: [0, 1] }, y: { range: [0, 1] } },
        axes: [
          {
            size: 30,
            font: '11px system-ui',
            values: pctAxis,
            label: 'share of places (most incidents first)',
            labelSize: 14,
            labelFont: '11px system-ui',
          },
          {
            size: 48,
            font: '11px system-ui',
            values: pctAxis,
            grid: { stroke: '#eee' },
          },
        ],
        series: [
          {},
          { label: 'incidents', stroke: 'rgb(0, 114, 178)', width: 2, points: { show: false } },
          {
            label: 'equality',
            stroke: 'rgba(120, 120, 120, 0.8)',
            dash: [4, 4],
            width: 1,
            points: { show: false },
          },
        ],
        hooks: { draw: [drawMarkers] },
      },
      [xs, ys, xs],
      el.current,
    );
    return () => plot.destroy();
  }, [unitShare, incidentShare, markers, props.height]);
  return <div ref={el} className="lorenz-chart" data-testid="lorenz-chart" />;
}
