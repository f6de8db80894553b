/**
 * The incident table: one typed array a column, so a million incidents' analysis and drawing
 * columns fit in 48 MB, move between threads by transfer, and go to the GPU without conversion.
 *
 * Per incident (bytes): position 16 (lon, lat as float64), start time 8 (floating epoch ms, see
 * `src/analysis/calendar.ts`), window length 4 (minutes, NaN when the record has one time),
 * five dictionary codes 10 (category, description, location type, beat, district: uint16), address
 * code 4 (uint32), and the drawing/filter columns 6 (days since the data set's first day as
 * float32, hour and weekday as uint8) = 48.
 *
 * The source rows are kept apart: the byte offset and length of each incident's row in its file,
 * so the original fields can be read back on demand without holding strings in memory.
 */
export type TimePrecision = 'month' | 'day' | 'time';

export const OFFENCE_GROUPS = ['violent', 'property', 'drugs', 'disorder', 'other'] as const;
export type OffenceGroup = (typeof OFFENCE_GROUPS)[number];

export interface Dictionaries {
  category: string[];
  description: string[];
  locationType: string[];
  beat: string[];
  district: string[];
  address: string[];
}

export interface IncidentTable {
  count: number;
  /** Interleaved [lon, lat] degrees (WGS 84). */
  positions: Float64Array;
  /** Start of the incident, floating epoch ms. */
  timeMs: Float64Array;
  /** Minutes from start to the end of the window, NaN when the record gives one time. */
  windowMinutes: Float32Array;
  category: Uint16Array;
  description: Uint16Array;
  locationType: Uint16Array;
  beat: Uint16Array;
  district: Uint16Array;
  address: Uint32Array;
  /** Days since `dayOriginMs` (fractional), for GPU time filtering. */
  filterDay: Float32Array;
  /** Hour of day 0–23 of the start. */
  hour: Uint8Array;
  /** Day of week 0 = Monday … 6 = Sunday of the start. */
  weekday: Uint8Array;
  /** Floating ms of 00:00 on the first day of the data (origin of `filterDay`). */
  dayOriginMs: number;
  dictionaries: Dictionaries;
  /** Offence group of each category code (index into OFFENCE_GROUPS). */
  categoryGroup: Uint8Array;
  /** UCR Part I flag of each category code, where the portal gives the code (else all 0). */
  categoryPartOne: Uint8Array;
  timePrecision: TimePrecision;
  /** Source rows: file index, byte offset, length and 1-based data-row number of each incident's row. */
  source: {
    file: Uint16Array;
    offset: Float64Array;
    length: Uint32Array;
    row: Uint32Array;
  };
}

/** Bytes an incident of the analysis and drawing columns (the 48-byte budget). */
export const BYTES_PER_INCIDENT = 16 + 8 + 4 + 2 * 5 + 4 + 4 + 1 + 1;

/** The typed arrays of a table, for `postMessage(…, transfer)`. */
export function tableTransferables(table: IncidentTable): ArrayBuffer[] {
  const arrays = [
    table.positions,
    table.timeMs,
    table.windowMinutes,
    table.category,
    table.description,
    table.locationType,
    table.beat,
    table.district,
    table.address,
    table.filterDay,
    table.hour,
    table.weekday,
    table.categoryGroup,
    table.categoryPartOne,
    table.source.file,
    table.source.offset,
    table.source.length,
    table.source.row,
  ];
  const buffers = new Set<ArrayBuffer>();
  for (const a of arrays) buffers.add(a.buffer as ArrayBuffer);
  return [...buffers];
}

/** Memory of the analysis and drawing columns in bytes (excludes the source offsets). */
export function analysisBytes(table: IncidentTable): number {
  return (
    table.positions.byteLength +
    table.timeMs.byteLength +
    table.windowMinutes.byteLength +
    table.category.byteLength +
    table.description.byteLength +
    table.locationType.byteLength +
    table.beat.byteLength +
    table.district.byteLength +
    table.address.byteLength +
    table.filterDay.byteLength +
    table.hour.byteLength +
    table.weekday.byteLength
  );
}

/** An empty table (no incidents). */
export function emptyTable(): IncidentTable {
  return {
    count: 0,
    positions: new Float64Array(0),
    timeMs: new Float64Array(0),
    windowMinutes: new Float32Array(0),
    category: new Uint16Array(0),
    description: new Uint16Array(0),
    locationType: new Uint16Array(0),
    beat: new Uint16Array(0),
    district: new Uint16Array(0),
    address: new Uint32Array(0),
    filterDay: new Float32Array(0),
    hour: new Uint8Array(0),
    weekday: new Uint8Array(0),
    dayOriginMs: 0,
    dictionaries: {
      category: [''],
      description: [''],
      locationType: [''],
      beat: [''],
      district: [''],
      address: [''],
    },
    categoryGroup: new Uint8Array(1),
    categoryPartOne: new Uint8Array(1),
    timePrecision: 'time',
    source: {
      file: new Uint16Array(0),
      offset: new Float64Array(0),
      length: new Uint32Array(0),
      row: new Uint32Array(0),
    },
  };
}
