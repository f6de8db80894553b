/**
 * PNG exports of the time panel's charts: the chart's canvas (uPlot draws to one; the day × hour
 * table is drawn here) with a title, the result in words and the methods log drawn underneath — one
 * image that cannot be separated from how it was made.
 */
import { HEAT_COLOURS, heatColour } from './heatColours';

const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';

function wrap(ctx: CanvasRenderingContext2D, text: string, width: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    const next = line ? `${line} ${word}` : word;
    if (ctx.measureText(next).width > width && line) {
      out.push(line);
      line = word;
    } else line = next;
  }
  if (line) out.push(line);
  return out;
}

/**
 * The chart with `title` and `lines` above it and the methods `log` below, on white, at the
 * chart canvas's own pixel density.
 */
export function chartWithLog(
  chart: HTMLCanvasElement,
  title: string,
  lines: string[],
  log: string[],
): Promise<Blob | null> {
  const scale = chart.width / (chart.clientWidth || chart.width);
  const pad = 12 * scale;
  const width = Math.max(chart.width, 640 * scale) + 2 * pad;
  const measure = document.createElement('canvas').getContext('2d');
  if (!measure) return Promise.resolve(null);
  const body = `${12 * scale}px ${FONT}`;
  const small = `${10.5 * scale}px ${FONT}`;
  measure.font = body;
  const above = lines.flatMap((l) => wrap(measure, l, width - 2 * pad));
  measure.font = small;
  const below = ['Methods log', ...log].flatMap((l) => wrap(measure, l, width - 2 * pad));
  const titleHeight = 22 * scale;
  const lineHeight = 16 * scale;
  const smallHeight = 14 * scale;
  const height =
    pad +
    titleHeight +
    above.length * lineHeight +
    pad / 2 +
    chart.height +
    pad +
    below.length * smallHeight +
    pad;

  const canvas = document.createElement('canvas');
  canvas.width = Math.ceil(width);
  canvas.height = Math.ceil(height);
  const ctx = canvas.getContext('2d');
  if (!ctx) return Promise.resolve(null);
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.fillStyle = '#1f2330';
  ctx.textBaseline = 'top';
  let y = pad;
  ctx.font = `600 ${15 * scale}px ${FONT}`;
  ctx.fillText(title, pad, y);
  y += titleHeight;
  ctx.font = body;
  for (const l of above) {
    ctx.fillText(l, pad, y);
    y += lineHeight;
  }
  y += pad / 2;
  ctx.drawImage(chart, pad, y);
  y += chart.height + pad;
  ctx.font = small;
  ctx.fillStyle = '#4a4f5e';
  below.forEach((l, i) => {
    if (i === 0) ctx.font = `600 ${10.5 * scale}px ${FONT}`;
    ctx.fillText(l, pad, y);
    if (i === 0) ctx.font = small;
    y += smallHeight;
  });
  return new Promise((resolve) => canvas.toBlob(resolve, 'image/png'));
}

const DAY_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** The day × hour table as a heat map on a canvas (7 rows, 24 columns, a colour legend). */
export function drawDayHour(table: Float64Array, max: number): HTMLCanvasElement {
  const scale = 2;
  const cell = 26 * scale;
  const left = 40 * scale;
  const top = 20 * scale;
  const legend = 30 * scale;
  const canvas = document.createElement('canvas');
  canvas.width = left + 24 * cell + 8 * scale;
  canvas.height = top + 7 * cell + legend;
  canvas.style.width = `${canvas.width / scale}px`;
  const ctx = canvas.getContext('2d');
  if (!ctx) return canvas;
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.font = `${10 * scale}px ${FONT}`;
  ctx.fillStyle = '#1f2330';
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'center';
  for (let h = 0; h < 24; h++)
    ctx.fillText(String(h).padStart(2, '0'), left + h * cell + cell / 2, top / 2);
  ctx.textAlign = 'left';
  for (let d = 0; d < 7; d++) {
    ctx.fillStyle = '#1f2330';
    ctx.fillText(DAY_NAMES[d], 4 * scale, top + d * cell + cell / 2);
    for (let h = 0; h < 24; h++) {
      ctx.fillStyle = heatColour(table[d * 24 + h], max);
      ctx.fillRect(left + h * cell, top + d * cell, cell - scale, cell - scale);
    }
  }
  // Legend: the colour ramp from 0 to the largest cell.
  const y = top + 7 * cell + 8 * scale;
  const rampWidth = 12 * cell;
  HEAT_COLOURS.forEach((c, i) => {
    ctx.fillStyle = c;
    ctx.fillRect(
      left + (i * rampWidth) / HEAT_COLOURS.length,
      y,
      rampWidth / HEAT_COLOURS.length + 1,
      10 * scale,
    );
  });
  ctx.fillStyle = '#1f2330';
  ctx.fillText('0', left - 12 * scale, y + 5 * scale);
  ctx.fillText(
    `${max.toFixed(max < 10 ? 1 : 0)} incidents an hour of the week`,
    left + rampWidth + 6 * scale,
    y + 5 * scale,
  );
  return canvas;
}
