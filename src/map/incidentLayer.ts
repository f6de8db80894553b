/**
 * The incident point layer: binary attributes straight from the worker's render bundle (no
 * accessor runs per point), filtered on the GPU. A filter change only changes uniforms
 * (`filterRange`, `filterCategories`), so moving a slider rebuilds nothing.
 */
import { COORDINATE_SYSTEM } from '@deck.gl/core';
import { DataFilterExtension } from '@deck.gl/extensions';
import { ScatterplotLayer } from '@deck.gl/layers';
import { MS_PER_DAY } from '../analysis/calendar';
import type { IncidentFilter } from '../data/incidentFilter';
import type { TimePrecision } from '../data/incidentTable';
import type { RenderBundle } from '../data/renderBundle';

/**
 * deck.gl's category filter gives each distinct value the next free bit; our values already are
 * bit numbers (category slot 0–31, weekday 0–6, hour 0–23), so the key is the value itself. This
 * lets the category column be a binary attribute.
 */
export class SlotFilterExtension extends DataFilterExtension {
  static override extensionName = 'SlotFilterExtension';
  override _getCategoryKey(category: number | string): number {
    return Number(category);
  }
}

const slotFilter = new SlotFilterExtension({ filterSize: 1, categorySize: 3 });

const ALL_WEEKDAYS = [0, 1, 2, 3, 4, 5, 6];
const ALL_HOURS = Array.from({ length: 24 }, (_, h) => h);
/** Half a minute, in days: the date range's end is exclusive. */
const END_EPSILON_DAYS = 0.5 / 1440;

export interface IncidentLayerInput {
  bundle: RenderBundle;
  filter: IncidentFilter;
  shownSlots: number[];
  dayOriginMs: number;
  timePrecision: TimePrecision;
  /** Point radius in metres (default 9), clamped to 1.2–7 pixels. */
  radiusMetres?: number;
  pickable?: boolean;
}

export function filterRangeDays(filter: IncidentFilter, dayOriginMs: number): [number, number] {
  if (!filter.dateRange) return [-1e9, 1e9];
  const [start, end] = filter.dateRange;
  return [(start - dayOriginMs) / MS_PER_DAY, (end - dayOriginMs) / MS_PER_DAY - END_EPSILON_DAYS];
}

/** deck.gl data object for a bundle; build once per bundle so attributes upload once. */
export function incidentData(bundle: RenderBundle) {
  return {
    length: bundle.count,
    attributes: {
      getPosition: { value: bundle.positions, size: 2 },
      getFillColor: { value: bundle.colours, size: 4, normalized: true },
      getFilterValue: { value: bundle.filterDay, size: 1 },
      // Named by the attribute's id, not its accessor: deck.gl then takes the column as it is,
      // instead of running the extension's per-value category transform over 3 million values.
      filterCategoryValues: { value: bundle.filterCategories, size: 3 },
    },
  };
}

export function createIncidentLayer(
  input: IncidentLayerInput,
  data: ReturnType<typeof incidentData>,
): ScatterplotLayer {
  const timed = input.timePrecision === 'time';
  return new ScatterplotLayer({
    id: 'incidents',
    data,
    coordinateSystem: COORDINATE_SYSTEM.LNGLAT_OFFSETS,
    coordinateOrigin: [input.bundle.origin[0], input.bundle.origin[1], 0],
    // Metres, so points grow as one zooms in, clamped to stay visible and not swamp the map.
    radiusUnits: 'meters',
    getRadius: input.radiusMetres ?? 9,
    radiusMinPixels: 1.2,
    radiusMaxPixels: 7,
    stroked: false,
    opacity: 0.85,
    pickable: input.pickable ?? true,
    autoHighlight: true,
    highlightColor: [0, 0, 0, 200],
    extensions: [slotFilter],
    filterRange: filterRangeDays(input.filter, input.dayOriginMs),
    filterCategories: [
      input.shownSlots,
      timed ? (input.filter.weekdays ?? ALL_WEEKDAYS) : ALL_WEEKDAYS,
      timed ? (input.filter.hours ?? ALL_HOURS) : ALL_HOURS,
    ],
  } as ConstructorParameters<typeof ScatterplotLayer>[0]);
}
