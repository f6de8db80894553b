/**
 * The day × hour table's colours: ColorBrewer YlOrRd, 9 classes (sequential, readable with every
 * common colour-vision deficiency — the scale the app's map layers use), lightest for zero.
 */
export const HEAT_COLOURS = [
  '#ffffcc',
  '#ffeda0',
  '#fed976',
  '#feb24c',
  '#fd8d3c',
  '#fc4e2a',
  '#e31a1c',
  '#bd0026',
  '#800026',
];

/** The class of `value` on a linear scale from 0 to `max`. */
export function heatColour(value: number, max: number): string {
  if (!(max > 0) || !(value > 0)) return HEAT_COLOURS[0];
  const i = Math.min(HEAT_COLOURS.length - 1, Math.floor((value / max) * HEAT_COLOURS.length));
  return HEAT_COLOURS[i];
}

/** Dark text on light cells, white on the darkest four classes. */
export function heatInk(value: number, max: number): string {
  const i = max > 0 ? Math.floor((value / max) * HEAT_COLOURS.length) : 0;
  return i >= 5 ? '#ffffff' : '#1f2330';
}
