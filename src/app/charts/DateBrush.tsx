import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { DateHistogram } from '../../data/dateHistogram';

/**
 * A histogram of incidents over time; dragging across it chooses a date range (whole bins), which
 * is shaded. uPlot draws it (a fast, well-kept canvas chart library).
 */
export function DateBrush(props: {
  histogram: DateHistogram;
  range: [number, number] | null;
  onRange: (range: [number, number]) => void;
  height?: number;
}): React.JSX.Element {
  const { histogram, range, onRange } = props;
  const el = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const rangeRef = useRef(range);
  const onRangeRef = useRef(onRange);
  useEffect(() => {
    rangeRef.current = range;
    onRangeRef.current = onRange;
  });

  // The chart is made once per set of bins; new counts (another filter) only replace its data.
  const edgesRef = useRef(histogram.edges);
  useEffect(() => {
    edgesRef.current = histogram.edges;
  });
  const edgesKey = `${histogram.bin}:${histogram.edges[0]}:${histogram.edges.length}`;
  useEffect(() => {
    if (!el.current) return;
    const edges = edgesRef.current;
    const xs = Array.from(edges.subarray(0, edges.length - 1), (t) => t / 1000);
    const counts = xs.map(() => 0);
    const width = el.current.clientWidth || 300;
    const shade = (u: uPlot) => {
      const r = rangeRef.current;
      if (!r) return;
      const left = u.valToPos(r[0] / 1000, 'x', true);
      const right = u.valToPos(r[1] / 1000, 'x', true);
      u.ctx.save();
      u.ctx.fillStyle = 'rgba(0, 114, 178, 0.15)';
      u.ctx.fillRect(left, u.bbox.top, right - left, u.bbox.height);
      u.ctx.restore();
    };
    const opts: uPlot.Options = {
      width,
      height: props.height ?? 110,
      legend: { show: false },
      cursor: { drag: { x: true, y: false, setScale: false }, points: { show: false } },
      scales: { x: { time: true, range: [edges[0] / 1000, edges[edges.length - 1] / 1000] } },
      axes: [
        { size: 28, font: '11px system-ui', grid: { show: false } },
        { size: 52, font: '11px system-ui', grid: { stroke: '#eee' } },
      ],
      series: [
        {},
        {
          label: 'incidents',
          fill: 'rgba(60, 60, 80, 0.55)',
          stroke: 'rgba(60, 60, 80, 0.8)',
          paths: uPlot.paths.bars?.({ size: [1, Infinity], align: 1 }),
          points: { show: false },
        },
      ],
      hooks: {
        drawClear: [shade],
        setSelect: [
          (u) => {
            if (u.select.width < 2) return;
            const t0 = u.posToVal(u.select.left, 'x') * 1000;
            const t1 = u.posToVal(u.select.left + u.select.width, 'x') * 1000;
            // Snap outward to whole bins.
            let a = 0;
            while (a + 1 < edges.length - 1 && edges[a + 1] <= t0) a++;
            let b = edges.length - 1;
            while (b - 1 > a && edges[b - 1] >= t1) b--;
            u.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
            onRangeRef.current([edges[a], edges[b]]);
          },
        ],
      },
    };
    plot.current = new uPlot(opts, [xs, counts], el.current);
    return () => {
      plot.current?.destroy();
      plot.current = null;
    };
  }, [edgesKey, props.height]);

  useEffect(() => {
    const u = plot.current;
    if (!u) return;
    const xs = Array.from(histogram.edges.subarray(0, histogram.edges.length - 1), (t) => t / 1000);
    u.setData([xs, Array.from(histogram.counts)], false);
    u.redraw(false, false);
  }, [histogram]);

  useEffect(() => {
    plot.current?.redraw(false, false);
  }, [range]);

  return <div ref={el} className="date-brush" data-testid="date-brush" />;
}
