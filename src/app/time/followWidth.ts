import type uPlot from 'uplot';

/** Keeps a uPlot chart as wide as its host element; returns the function that stops it. */
export function followWidth(host: HTMLElement, plot: uPlot): () => void {
  const resize = new ResizeObserver(() => {
    if (host.clientWidth > 0 && host.clientWidth !== plot.width)
      plot.setSize({ width: host.clientWidth, height: plot.height });
  });
  resize.observe(host);
  return () => resize.disconnect();
}
