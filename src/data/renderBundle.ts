/**
 * The GPU-ready columns of the incident layer, built in the worker and transferred to the map, so
 * the main thread only hands typed arrays to deck.gl (no accessor runs per point):
 * - positions as float32 offsets from an origin (deck.gl's LNGLAT_OFFSETS), precise to millimetres
 *   within a city and with no 64-bit split on the main thread;
 * - colours (RGBA) by category or offence group;
 * - the numeric filter value (days since the first day) and three filter categories per point:
 *   category slot, weekday, hour — so every filter change is a uniform change on the GPU.
 *
 * Category slots: deck.gl's category filter takes 32 values a channel when three channels are
 * used, so the 30 most frequent categories get slots 0–29, and the rest share slot 30 (rare ones
 * the filter shows) or 31 (rare ones it hides). Only a change in which rare categories are shown
 * rebuilds the slot column.
 */
import { OFFENCE_GROUPS, type IncidentTable } from './incidentTable';

export const NAMED_SLOTS = 30;
export const SLOT_RARE_SHOWN = 30;
export const SLOT_RARE_HIDDEN = 31;

/** Colour-blind-safe qualitative palette (Paul Tol's "muted" scheme), then grey for "other". */
export const CATEGORY_PALETTE: [number, number, number][] = [
  [204, 102, 119],
  [51, 34, 136],
  [221, 204, 119],
  [17, 119, 51],
  [136, 204, 238],
  [136, 34, 85],
  [68, 170, 153],
  [153, 153, 51],
  [170, 68, 153],
];
export const OTHER_COLOUR: [number, number, number] = [150, 150, 150];

/** Offence groups in the Okabe–Ito colour-blind-safe palette. */
export const GROUP_COLOURS: Record<(typeof OFFENCE_GROUPS)[number], [number, number, number]> = {
  violent: [213, 94, 0],
  property: [0, 114, 178],
  drugs: [0, 158, 115],
  disorder: [230, 159, 0],
  other: [150, 150, 150],
};

export type ColourBy = 'category' | 'group';

export interface LegendEntry {
  label: string;
  colour: [number, number, number];
  count: number;
}

export interface RenderBundle {
  count: number;
  origin: [number, number];
  /** Interleaved float32 [dLon, dLat] from `origin`. */
  positions: Float32Array;
  /** RGBA per point. */
  colours: Uint8Array;
  /** Days since the data's first day. */
  filterDay: Float32Array;
  /** Interleaved [slot, weekday, hour] per point. */
  filterCategories: Uint32Array;
  /** Category code → slot. */
  slotOfCategory: Uint8Array;
  legend: LegendEntry[];
}

/** Category codes ranked by frequency (most frequent first), with counts. */
export function rankCategories(table: IncidentTable): { codes: number[]; counts: Float64Array } {
  const counts = new Float64Array(table.dictionaries.category.length);
  for (let i = 0; i < table.count; i++) counts[table.category[i]]++;
  const codes = [...counts.keys()]
    .filter((c) => counts[c] > 0)
    .sort((a, b) => counts[b] - counts[a] || a - b);
  return { codes, counts };
}

/** Slots for categories, given which category codes the filter shows. */
export function categorySlots(table: IncidentTable, pass: Uint8Array): Uint8Array {
  const { codes } = rankCategories(table);
  const slots = new Uint8Array(table.dictionaries.category.length);
  slots.fill(SLOT_RARE_HIDDEN);
  codes.forEach((code, rank) => {
    slots[code] = rank < NAMED_SLOTS ? rank : pass[code] ? SLOT_RARE_SHOWN : SLOT_RARE_HIDDEN;
  });
  return slots;
}

export function buildRenderBundle(
  table: IncidentTable,
  colourBy: ColourBy,
  pass: Uint8Array,
): RenderBundle {
  const n = table.count;
  const { codes, counts } = rankCategories(table);
  let west = Infinity;
  let east = -Infinity;
  let south = Infinity;
  let north = -Infinity;
  for (let i = 0; i < n; i++) {
    const lon = table.positions[2 * i];
    const lat = table.positions[2 * i + 1];
    if (lon < west) west = lon;
    if (lon > east) east = lon;
    if (lat < south) south = lat;
    if (lat > north) north = lat;
  }
  const origin: [number, number] = n > 0 ? [(west + east) / 2, (south + north) / 2] : [0, 0];
  const positions = new Float32Array(2 * n);
  for (let i = 0; i < n; i++) {
    positions[2 * i] = table.positions[2 * i] - origin[0];
    positions[2 * i + 1] = table.positions[2 * i + 1] - origin[1];
  }

  const palette = new Uint8Array(table.dictionaries.category.length * 3);
  const legend: LegendEntry[] = [];
  if (colourBy === 'category') {
    let otherCount = 0;
    codes.forEach((code, rank) => {
      const colour = rank < CATEGORY_PALETTE.length ? CATEGORY_PALETTE[rank] : OTHER_COLOUR;
      palette.set(colour, 3 * code);
      if (rank < CATEGORY_PALETTE.length)
        legend.push({
          label: table.dictionaries.category[code] || '(blank)',
          colour,
          count: counts[code],
        });
      else otherCount += counts[code];
    });
    if (otherCount > 0)
      legend.push({
        label: `other (${codes.length - CATEGORY_PALETTE.length} categories)`,
        colour: OTHER_COLOUR,
        count: otherCount,
      });
  } else {
    const groupCounts = new Float64Array(OFFENCE_GROUPS.length);
    for (let c = 0; c < counts.length; c++) {
      const group = table.categoryGroup[c];
      palette.set(GROUP_COLOURS[OFFENCE_GROUPS[group]], 3 * c);
      groupCounts[group] += counts[c];
    }
    OFFENCE_GROUPS.forEach((g, i) => {
      if (groupCounts[i] > 0)
        legend.push({ label: g, colour: GROUP_COLOURS[g], count: groupCounts[i] });
    });
  }
  const colours = new Uint8Array(4 * n);
  const slots = categorySlots(table, pass);
  const filterCategories = new Uint32Array(3 * n);
  for (let i = 0; i < n; i++) {
    const c = table.category[i];
    colours[4 * i] = palette[3 * c];
    colours[4 * i + 1] = palette[3 * c + 1];
    colours[4 * i + 2] = palette[3 * c + 2];
    colours[4 * i + 3] = 255;
    filterCategories[3 * i] = slots[c];
    filterCategories[3 * i + 1] = table.weekday[i];
    filterCategories[3 * i + 2] = table.hour[i];
  }
  return {
    count: n,
    origin,
    positions,
    colours,
    filterDay: table.filterDay.slice(),
    filterCategories,
    slotOfCategory: slots,
    legend,
  };
}

/** Does the slot column need rebuilding for this filter (a rare category changed sides)? */
export function slotsStale(slots: Uint8Array, pass: Uint8Array, present: Float64Array): boolean {
  for (let c = 0; c < slots.length; c++) {
    if (present[c] === 0) continue;
    if (pass[c] && slots[c] === SLOT_RARE_HIDDEN) return true;
    if (!pass[c] && slots[c] === SLOT_RARE_SHOWN) return true;
  }
  return false;
}

/** Rebuilds only the slot channel after the set of shown rare categories changed. */
export function updateSlots(
  table: IncidentTable,
  pass: Uint8Array,
  filterCategories: Uint32Array,
): Uint8Array {
  const slots = categorySlots(table, pass);
  for (let i = 0; i < table.count; i++) filterCategories[3 * i] = slots[table.category[i]];
  return slots;
}

/** The slots (0–31) a filter shows, for deck.gl's `filterCategories`. */
export function shownSlots(slots: Uint8Array, pass: Uint8Array): number[] {
  const shown = new Set<number>();
  for (let c = 0; c < slots.length; c++)
    if (pass[c] && slots[c] !== SLOT_RARE_HIDDEN) shown.add(slots[c]);
  return [...shown].sort((a, b) => a - b);
}

export function renderTransferables(b: RenderBundle): ArrayBuffer[] {
  return [
    b.positions.buffer,
    b.colours.buffer,
    b.filterDay.buffer,
    b.filterCategories.buffer,
  ] as ArrayBuffer[];
}
