/**
 * The import of one or more CSV files of one layout into an incident table, fed chunk by chunk so
 * the same code runs in the browser's import worker and in the command line. Pure: no DOM, no
 * file system; the caller streams bytes in and reads the source slices back for rejected rows.
 *
 * Every row read is either imported or rejected under exactly one reason — the first that fails, in
 * the order of `REJECT_REASONS` — so Σ rejected = rows read − rows imported, always.
 */
import { dayOfWeek, formatIsoLocal, formatIsoMonth, MS_PER_DAY } from '../analysis/calendar';
import { parseDecimal } from './bytes';
import { ByteDictionary } from './byteDictionary';
import {
  countSharedCoordinates,
  fitOutlierRule,
  inRange,
  isOutlier,
  isSentinel,
  readPointText,
  type OutlierRule,
} from './coordinates';
import { COMMA, CsvParser, detectDelimiter, FIELD_ESCAPED, SEMICOLON, TAB } from './csvParser';
import { DateReader, type DatePrecision } from './dates';
import { Growable } from './growable';
import { IdSet } from './idSet';
import { BYTES_PER_INCIDENT, type IncidentTable, type TimePrecision } from './incidentTable';
import { groupCodes } from './offenceGroups';
import { createToLonLat } from './projections';
import {
  columnIndex,
  detectSchema,
  missingColumns,
  schemaById,
  type ColumnMapping,
  type PortalSchema,
  type SchemaId,
} from './schemas';

export const REJECT_REASONS = [
  'noCoordinates',
  'invalidCoordinates',
  'sentinelCoordinates',
  'outlier',
  'badDate',
  'duplicateId',
] as const;
export type RejectReason = (typeof REJECT_REASONS)[number];

export const REJECT_LABELS: Record<RejectReason, string> = {
  noCoordinates: 'no coordinates',
  invalidCoordinates: 'coordinates unreadable or outside the valid range',
  sentinelCoordinates: "zero or the portal's 'no geocode' coordinates",
  outlier: 'locational outlier far outside the bulk of the data',
  badDate: 'unparseable date',
  duplicateId: 'duplicate ID',
};

export type ImportErrorKind = 'empty' | 'notCsv' | 'noColumns' | 'needsMapping' | 'mismatch';

/** A file that cannot be imported at all; the message says why in words a person can act on. */
export class ImportError extends Error {
  constructor(
    message: string,
    readonly kind: ImportErrorKind,
    readonly headers: string[] = [],
  ) {
    super(message);
    this.name = 'ImportError';
  }
}

export type Encoding = 'utf-8' | 'windows-1252';

export interface ImportFileInfo {
  name: string;
  bytes: number;
  rowsRead: number;
  encoding: Encoding;
  delimiter: ',' | ';' | '\t';
  headers: string[];
  /** Bytes of a byte-order mark skipped at the start (source offsets count from the file start). */
  bomBytes: number;
}

export interface ImportReport {
  schema: SchemaId;
  schemaName: string;
  mapping: ColumnMapping;
  files: ImportFileInfo[];
  rowsRead: number;
  rowsImported: number;
  rejected: Record<RejectReason, number>;
  /** Imported incidents that share their exact coordinates with at least one other. */
  duplicatesSharingCoordinates: number;
  distinctLocations: number;
  /** First and last start times: ISO local date-times, or `YYYY-MM` for month-only data. */
  dateRange: [string, string] | null;
  /** [west, south, east, north] of imported incidents. */
  bbox: [number, number, number, number] | null;
  /** Every category → count, most frequent first. */
  categories: Record<string, number>;
  timePrecision: TimePrecision;
  outlierRule: OutlierRule | null;
  /** Set when the latitude and longitude columns look swapped. */
  swapSuggestion: string | null;
  warnings: string[];
  bytesPerIncident: number;
}

export interface RejectedRows {
  count: number;
  reason: Uint8Array;
  file: Uint16Array;
  /** 1-based data row number within its file. */
  row: Uint32Array;
  offset: Float64Array;
  length: Uint32Array;
}

export interface ImportResult {
  table: IncidentTable;
  report: ImportReport;
  rejected: RejectedRows;
}

export interface ImportOptions {
  /** A portal layout, or 'auto' (default) to recognise it by its headers. */
  schema?: SchemaId | 'auto';
  /** A full mapping; overrides the schema's. */
  mapping?: ColumnMapping;
  /** Bytes of all files together, when known, for progress and pre-sizing. */
  totalBytes?: number;
}

export interface ImportProgress {
  rowsRead: number;
  rowsImported: number;
  bytesRead: number;
  totalBytes: number;
}

interface Columns {
  lat: number;
  lon: number;
  point: number;
  x: number;
  y: number;
  sentinelX: number;
  sentinelY: number;
  date: number;
  time: number;
  endDate: number;
  endTime: number;
  category: number;
  description: number;
  locationType: number;
  beat: number;
  district: number;
  address: number;
  id: number;
  ucr: number;
}

const DELIMITER_CHAR: Record<number, ',' | ';' | '\t'> = {
  [COMMA]: ',',
  [SEMICOLON]: ';',
  [TAB]: '\t',
};
const REASON_CODE: Record<RejectReason, number> = Object.fromEntries(
  REJECT_REASONS.map((r, i) => [r, i]),
) as Record<RejectReason, number>;

/** Roughly a Chicago row; refined after the first rows to pre-size the columns. */
const GUESS_ROW_BYTES = 200;

export class ImportSession {
  private readonly options: ImportOptions;
  private schema: PortalSchema | null = null;
  private mapping: ColumnMapping | null = null;
  private cols: Columns | null = null;
  private toLonLat: ((x: number, y: number) => [number, number]) | null = null;

  private parser: CsvParser | null = null;
  private file: ImportFileInfo | null = null;
  private fileIndex = -1;
  private readonly files: ImportFileInfo[] = [];
  private sawHeader = false;
  private bytesBeforeFile = 0;
  private decoder: TextDecoder = new TextDecoder('utf-8', { fatal: true });
  private readonly latin = new TextDecoder('windows-1252');
  private readonly dateReader = new DateReader('mdy');

  private count = 0;
  private capacity = 0;
  private positions = new Growable(Float64Array, 0, 2);
  private timeMs = new Growable(Float64Array, 0);
  private windowMinutes = new Growable(Float32Array, 0);
  private category = new Growable(Uint16Array, 0);
  private description = new Growable(Uint16Array, 0);
  private locationType = new Growable(Uint16Array, 0);
  private beat = new Growable(Uint16Array, 0);
  private district = new Growable(Uint16Array, 0);
  private address = new Growable(Uint32Array, 0);
  private srcFile = new Growable(Uint16Array, 0);
  private srcOffset = new Growable(Float64Array, 0);
  private srcLength = new Growable(Uint32Array, 0);
  private srcRow = new Growable(Uint32Array, 0);

  private readonly dict = {
    category: this.dictionary(),
    description: this.dictionary(),
    locationType: this.dictionary(),
    beat: this.dictionary(),
    district: this.dictionary(),
    address: this.dictionary(0xffff_fffe),
  };
  private readonly partOne = new Set<number>();
  private ids = new IdSet();
  /** UCR code values seen, and whether each is Part I (decided once per distinct value). */
  private readonly ucrCodes = new ByteDictionary((bytes) => this.decode(bytes), 65_535);
  private ucrPartOne = new Uint8Array(256);

  private rejectedCount = 0;
  private rejectedCapacity = 0;
  private rReason = new Growable(Uint8Array, 0);
  private rFile = new Growable(Uint16Array, 0);
  private rRow = new Growable(Uint32Array, 0);
  private rOffset = new Growable(Float64Array, 0);
  private rLength = new Growable(Uint32Array, 0);
  private rPosition = new Growable(Float64Array, 0, 2);

  private rowsRead = 0;
  private readonly precisionCounts: Record<DatePrecision, number> = { month: 0, day: 0, time: 0 };
  private badWindows = 0;
  private dictionaryOverflow = false;
  private swappedInvalid = 0;

  constructor(options: ImportOptions = {}) {
    this.options = options;
  }

  get progress(): ImportProgress {
    return {
      rowsRead: this.rowsRead,
      rowsImported: this.count,
      bytesRead: this.bytesBeforeFile + (this.parser?.bytesConsumed ?? 0),
      totalBytes: this.options.totalBytes ?? 0,
    };
  }

  /** Starts a file; every file begins with its own header row. */
  beginFile(name: string, bytes: number): void {
    this.fileIndex++;
    this.file = {
      name,
      bytes,
      rowsRead: 0,
      encoding: 'utf-8',
      delimiter: ',',
      headers: [],
      bomBytes: 0,
    };
    this.files.push(this.file);
    this.parser = null;
    this.sawHeader = false;
    if (this.capacity === 0)
      this.reserve(Math.ceil((this.options.totalBytes ?? bytes) / GUESS_ROW_BYTES));
  }

  /** Feeds the next chunk of the current file. Throws ImportError for a file it cannot read. */
  push(chunk: Uint8Array): void {
    const file = this.file;
    if (!file) throw new Error('push() before beginFile()');
    if (!this.parser) {
      if (chunk.length === 0) return;
      if (chunk.length >= 3 && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) {
        file.bomBytes = 3;
        chunk = chunk.subarray(3);
      }
      checkLooksLikeText(chunk, file.name);
      file.encoding = detectEncoding(chunk);
      this.decoder =
        file.encoding === 'utf-8' ? new TextDecoder('utf-8', { fatal: true }) : this.latin;
      const delimiter = detectDelimiter(chunk);
      file.delimiter = DELIMITER_CHAR[delimiter];
      this.parser = new CsvParser(delimiter);
    }
    this.parser.push(chunk, this.onRow);
  }

  /** Ends the current file. */
  endFile(): void {
    const file = this.file;
    if (!file) return;
    if (this.parser) this.parser.finish(this.onRow);
    if (!this.sawHeader)
      throw new ImportError(`"${file.name}" is empty: it has no header row and no data.`, 'empty');
    this.bytesBeforeFile += file.bytes;
    this.parser = null;
    this.file = null;
  }

  /** Finishes the import: drops locational outliers and builds the table and the report. */
  finish(): ImportResult {
    if (this.file) this.endFile();
    if (!this.mapping) throw new ImportError('No file was imported.', 'empty');
    const outlierRule = this.removeOutliers();
    const table = this.buildTable();
    const report = this.buildReport(table, outlierRule);
    const rejected: RejectedRows = {
      count: this.rejectedCount,
      reason: this.rReason.trimmed(this.rejectedCount),
      file: this.rFile.trimmed(this.rejectedCount),
      row: this.rRow.trimmed(this.rejectedCount),
      offset: this.rOffset.trimmed(this.rejectedCount),
      length: this.rLength.trimmed(this.rejectedCount),
    };
    return { table, report, rejected };
  }

  private dictionary(maxSize = 65_535): ByteDictionary {
    return new ByteDictionary((bytes) => this.decode(bytes), maxSize);
  }

  /** Decodes a value; a file that is not valid UTF-8 after all switches to Windows-1252. */
  private decode(bytes: Uint8Array): string {
    try {
      return this.decoder.decode(bytes);
    } catch {
      if (this.file) this.file.encoding = 'windows-1252';
      this.decoder = this.latin;
      return this.latin.decode(bytes);
    }
  }

  /** The i-th field as text, decoded like dictionary values (never throws on a bad byte). */
  private fieldText(parser: CsvParser, i: number): string {
    const text = this.decode(parser.buf.subarray(parser.starts[i], parser.ends[i]));
    return parser.flags[i] & FIELD_ESCAPED ? text.replaceAll('""', '"') : text;
  }

  private reserve(rows: number): void {
    if (rows <= this.capacity) return;
    const n = Math.max(rows, Math.ceil(this.capacity * 1.5));
    for (const g of [
      this.positions,
      this.timeMs,
      this.windowMinutes,
      this.category,
      this.description,
      this.locationType,
      this.beat,
      this.district,
      this.address,
      this.srcFile,
      this.srcOffset,
      this.srcLength,
      this.srcRow,
    ])
      g.reserve(n);
    this.capacity = n;
  }

  private onHeader(parser: CsvParser): void {
    const file = this.file as ImportFileInfo;
    const headers = parser.fields(this.decoder).map((h) => h.trim());
    file.headers = headers;
    this.sawHeader = true;
    if (headers.filter((h) => h !== '').length < 2)
      throw new ImportError(
        `"${file.name}" has no usable columns: its first row has ${headers.length} field(s). A crime CSV needs a header row with at least coordinates, a date and a category.`,
        'noColumns',
        headers,
      );
    if (!this.mapping) {
      const requested = this.options.schema ?? 'auto';
      const schema =
        requested === 'auto' || requested === 'custom'
          ? detectSchema(headers)
          : schemaById(requested);
      this.schema = schema;
      const mapping = this.options.mapping ?? schema?.mapping ?? null;
      if (!mapping)
        throw new ImportError(
          `"${file.name}" is not in a layout COP Planner recognises (Chicago, police.uk, NYC, San Francisco, Los Angeles). Map its columns: which hold the coordinates, the date and the category?`,
          'needsMapping',
          headers,
        );
      this.mapping = mapping;
      this.dateReader.order = mapping.dateOrder;
      if (mapping.coordinates.kind === 'xy') {
        const toLonLat = createToLonLat(mapping.coordinates.crs);
        if (typeof toLonLat === 'string') throw new ImportError(toLonLat, 'mismatch', headers);
        this.toLonLat = toLonLat;
      }
    }
    const missing = missingColumns(this.mapping, headers);
    if (missing.length > 0)
      throw new ImportError(
        `"${file.name}" has no column for ${missing.join(', ')}. Its columns are: ${headers.join(', ')}.`,
        this.files.length > 1 ? 'mismatch' : this.options.mapping ? 'mismatch' : 'needsMapping',
        headers,
      );
    const m = this.mapping;
    const c = m.coordinates;
    const at = (name: string | undefined) => columnIndex(headers, name);
    this.cols = {
      lat: c.kind === 'latlon' ? at(m.swapLatLon ? c.lon : c.lat) : -1,
      lon: c.kind === 'latlon' ? at(m.swapLatLon ? c.lat : c.lon) : -1,
      point: c.kind === 'point' ? at(c.column) : -1,
      x: c.kind === 'xy' ? at(c.x) : -1,
      y: c.kind === 'xy' ? at(c.y) : -1,
      sentinelX: at(m.sentinelXY?.x),
      sentinelY: at(m.sentinelXY?.y),
      date: at(m.date),
      time: at(m.time),
      endDate: at(m.endDate),
      endTime: at(m.endTime),
      category: at(m.category),
      description: at(m.description),
      locationType: at(m.locationType),
      beat: at(m.beat),
      district: at(m.district),
      address: at(m.address),
      id: at(m.id),
      ucr: this.schema?.ucrPartOne ? at(m.ucr) : -1,
    };
  }

  private reject(reason: RejectReason, parser: CsvParser, lon: number, lat: number): void {
    const file = this.file as ImportFileInfo;
    this.pushRejected(
      reason,
      this.fileIndex,
      file.rowsRead,
      parser.rowOffset + file.bomBytes,
      parser.rowLength,
      lon,
      lat,
    );
  }

  /** Appends one rejected row: its reason, where it is in its file, and its position if known. */
  private pushRejected(
    reason: RejectReason,
    fileIndex: number,
    row: number,
    offset: number,
    length: number,
    lon: number,
    lat: number,
  ): void {
    const n = this.rejectedCount;
    if (n === this.rejectedCapacity) {
      this.rejectedCapacity = Math.max(1024, n * 2);
      for (const g of [
        this.rReason,
        this.rFile,
        this.rRow,
        this.rOffset,
        this.rLength,
        this.rPosition,
      ])
        g.reserve(this.rejectedCapacity);
    }
    this.rReason.array[n] = REASON_CODE[reason];
    this.rFile.array[n] = fileIndex;
    this.rRow.array[n] = row;
    this.rOffset.array[n] = offset;
    this.rLength.array[n] = length;
    this.rPosition.array[2 * n] = lon;
    this.rPosition.array[2 * n + 1] = lat;
    this.rejectedCount = n + 1;
  }

  private code(dict: ByteDictionary, parser: CsvParser, column: number): number {
    if (column < 0 || column >= parser.fieldCount) return 0;
    // An escaped field is unescaped as bytes, in the file's own encoding: a string round trip
    // through UTF-8 would garble Windows-1252 text, or throw in the strict UTF-8 decoder.
    let id: number;
    if (parser.flags[column] & FIELD_ESCAPED) {
      const bytes = unescapeQuotes(parser.buf, parser.starts[column], parser.ends[column]);
      id = dict.code(bytes, 0, bytes.length);
    } else {
      id = dict.code(parser.buf, parser.starts[column], parser.ends[column]);
    }
    if (id >= 0) return id;
    this.dictionaryOverflow = true;
    // Past the limit: the label takes the last code the column's type can hold (65,535 for uint16).
    return dict.codeOfString('(other values)', true);
  }

  private readonly onRow = (parser: CsvParser): void => {
    if (!this.sawHeader) {
      this.onHeader(parser);
      return;
    }
    // A blank line is not a row.
    if (parser.fieldCount === 1 && parser.starts[0] === parser.ends[0]) return;
    const cols = this.cols as Columns;
    const file = this.file as ImportFileInfo;
    this.rowsRead++;
    file.rowsRead++;
    const buf = parser.buf;
    const s = parser.starts;
    const e = parser.ends;
    const nf = parser.fieldCount;

    // 1–3: coordinates
    let lon = NaN;
    let lat = NaN;
    let empty: boolean;
    if (cols.point >= 0) {
      empty = parser.isEmpty(cols.point);
      const p = empty ? null : readPointText(this.fieldText(parser, cols.point));
      if (p) [lon, lat] = p;
    } else if (cols.x >= 0) {
      empty = parser.isEmpty(cols.x) && parser.isEmpty(cols.y);
      const x = cols.x < nf ? parseDecimal(buf, s[cols.x], e[cols.x]) : NaN;
      const y = cols.y < nf ? parseDecimal(buf, s[cols.y], e[cols.y]) : NaN;
      if (x === 0 && y === 0) {
        this.reject('sentinelCoordinates', parser, NaN, NaN);
        return;
      }
      if (Number.isFinite(x) && Number.isFinite(y))
        [lon, lat] = (this.toLonLat as (x: number, y: number) => [number, number])(x, y);
    } else {
      empty = parser.isEmpty(cols.lat) && parser.isEmpty(cols.lon);
      lat = cols.lat < nf ? parseDecimal(buf, s[cols.lat], e[cols.lat]) : NaN;
      lon = cols.lon < nf ? parseDecimal(buf, s[cols.lon], e[cols.lon]) : NaN;
    }
    if (empty) {
      this.reject('noCoordinates', parser, NaN, NaN);
      return;
    }
    if (!Number.isFinite(lon) || !Number.isFinite(lat) || !inRange(lon, lat)) {
      if (Math.abs(lat) > 90 && Math.abs(lon) <= 90) this.swappedInvalid++;
      this.reject('invalidCoordinates', parser, NaN, NaN);
      return;
    }
    if (
      isSentinel(lon, lat) ||
      (cols.sentinelX >= 0 &&
        cols.sentinelY < nf &&
        buf[s[cols.sentinelX]] === 0x30 &&
        parseDecimal(buf, s[cols.sentinelX], e[cols.sentinelX]) === 0 &&
        parseDecimal(buf, s[cols.sentinelY], e[cols.sentinelY]) === 0)
    ) {
      this.reject('sentinelCoordinates', parser, NaN, NaN);
      return;
    }

    // 5: date (4, outliers, is decided at the end, over the bulk of the data)
    const reader = this.dateReader;
    let t = cols.date < nf ? reader.read(buf, s[cols.date], e[cols.date]) : NaN;
    let precision = reader.precision;
    if (cols.time >= 0 && !Number.isNaN(t) && precision !== 'month') {
      if (!parser.isEmpty(cols.time)) {
        const tod = reader.readTimeOfDay(buf, s[cols.time], e[cols.time]);
        t = Number.isNaN(tod) ? NaN : Math.floor(t / MS_PER_DAY) * MS_PER_DAY + tod;
        precision = 'time';
      }
    }
    if (Number.isNaN(t)) {
      this.reject('badDate', parser, lon, lat);
      return;
    }

    // 6: duplicate id
    if (cols.id >= 0 && cols.id < nf && s[cols.id] !== e[cols.id]) {
      if (!this.ids.add(buf, s[cols.id], e[cols.id])) {
        this.reject('duplicateId', parser, lon, lat);
        return;
      }
    }

    let windowMinutes = NaN;
    if (cols.endDate >= 0 && !parser.isEmpty(cols.endDate)) {
      let end = reader.read(buf, s[cols.endDate], e[cols.endDate]);
      if (!Number.isNaN(end) && cols.endTime >= 0 && !parser.isEmpty(cols.endTime)) {
        const tod = reader.readTimeOfDay(buf, s[cols.endTime], e[cols.endTime]);
        end = Number.isNaN(tod) ? NaN : Math.floor(end / MS_PER_DAY) * MS_PER_DAY + tod;
      }
      if (!Number.isNaN(end) && end >= t) windowMinutes = (end - t) / 60_000;
      else this.badWindows++;
    }

    const i = this.count;
    if (i === this.capacity) {
      // Re-estimate the rows still to come from the bytes read so far.
      const progress = this.progress;
      const perRow = Math.max(16, progress.bytesRead / Math.max(1, this.rowsRead));
      const remaining = Math.max(0, progress.totalBytes - progress.bytesRead) / perRow;
      this.reserve(Math.ceil(i + remaining * 1.02 + 1024));
    }
    this.positions.array[2 * i] = lon;
    this.positions.array[2 * i + 1] = lat;
    this.timeMs.array[i] = t;
    this.windowMinutes.array[i] = windowMinutes;
    const categoryCode = this.code(this.dict.category, parser, cols.category);
    this.category.array[i] = categoryCode;
    this.description.array[i] = this.code(this.dict.description, parser, cols.description);
    this.locationType.array[i] = this.code(this.dict.locationType, parser, cols.locationType);
    this.beat.array[i] = this.code(this.dict.beat, parser, cols.beat);
    this.district.array[i] = this.code(this.dict.district, parser, cols.district);
    this.address.array[i] = this.code(this.dict.address, parser, cols.address);
    if (cols.ucr >= 0 && cols.ucr < nf) {
      const ucr = this.ucrCodes.code(buf, s[cols.ucr], e[cols.ucr]);
      if (ucr >= this.ucrPartOne.length) {
        const grown = new Uint8Array(Math.max(ucr + 1, this.ucrPartOne.length * 2));
        grown.set(this.ucrPartOne);
        this.ucrPartOne = grown;
      }
      if (this.ucrPartOne[ucr] === 0)
        this.ucrPartOne[ucr] = this.schema?.ucrPartOne?.(this.ucrCodes.values[ucr]) ? 2 : 1;
      if (this.ucrPartOne[ucr] === 2) this.partOne.add(categoryCode);
    }
    this.srcFile.array[i] = this.fileIndex;
    this.srcOffset.array[i] = parser.rowOffset + file.bomBytes;
    this.srcLength.array[i] = parser.rowLength;
    this.srcRow.array[i] = file.rowsRead;
    this.precisionCounts[precision]++;
    this.count = i + 1;
  };

  /** Step 4 of the reasons: drop incidents far outside the bulk of the data, in place. */
  private removeOutliers(): OutlierRule | null {
    const rule = fitOutlierRule(this.positions.array, this.count);
    if (!rule) return null;
    const pos = this.positions.array;
    let kept = 0;
    for (let i = 0; i < this.count; i++) {
      if (isOutlier(rule, pos[2 * i], pos[2 * i + 1])) {
        this.rejectOutlier(i);
        continue;
      }
      if (kept !== i) this.moveRow(i, kept);
      kept++;
    }
    this.count = kept;
    // Rows already rejected for a later reason are outliers first, if they are.
    const rp = this.rPosition.array;
    for (let r = 0; r < this.rejectedCount; r++) {
      const reason = this.rReason.array[r];
      if (
        (reason === REASON_CODE.badDate || reason === REASON_CODE.duplicateId) &&
        isOutlier(rule, rp[2 * r], rp[2 * r + 1])
      )
        this.rReason.array[r] = REASON_CODE.outlier;
    }
    return rule;
  }

  private rejectOutlier(i: number): void {
    this.pushRejected(
      'outlier',
      this.srcFile.array[i],
      this.srcRow.array[i],
      this.srcOffset.array[i],
      this.srcLength.array[i],
      this.positions.array[2 * i],
      this.positions.array[2 * i + 1],
    );
  }

  private moveRow(from: number, to: number): void {
    this.positions.array[2 * to] = this.positions.array[2 * from];
    this.positions.array[2 * to + 1] = this.positions.array[2 * from + 1];
    for (const g of [
      this.timeMs,
      this.windowMinutes,
      this.category,
      this.description,
      this.locationType,
      this.beat,
      this.district,
      this.address,
      this.srcFile,
      this.srcOffset,
      this.srcLength,
      this.srcRow,
    ])
      g.array[to] = g.array[from];
  }

  private buildTable(): IncidentTable {
    const n = this.count;
    const timeMs = this.timeMs.trimmed(n);
    let minTime = Infinity;
    for (let i = 0; i < n; i++) if (timeMs[i] < minTime) minTime = timeMs[i];
    const dayOriginMs = n > 0 ? Math.floor(minTime / MS_PER_DAY) * MS_PER_DAY : 0;
    const filterDay = new Float32Array(n);
    const hour = new Uint8Array(n);
    const weekday = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const t = timeMs[i];
      const day = Math.floor(t / MS_PER_DAY);
      filterDay[i] = (t - dayOriginMs) / MS_PER_DAY;
      hour[i] = Math.floor((t - day * MS_PER_DAY) / 3_600_000);
      weekday[i] = dayOfWeek(t);
    }
    const categories = this.dict.category.values;
    const partOne = new Uint8Array(categories.length);
    for (const code of this.partOne) partOne[code] = 1;
    return {
      count: n,
      positions: this.positions.trimmed(n),
      timeMs,
      windowMinutes: this.windowMinutes.trimmed(n),
      category: this.category.trimmed(n),
      description: this.description.trimmed(n),
      locationType: this.locationType.trimmed(n),
      beat: this.beat.trimmed(n),
      district: this.district.trimmed(n),
      address: this.address.trimmed(n),
      filterDay,
      hour,
      weekday,
      dayOriginMs,
      dictionaries: {
        category: [...categories],
        description: [...this.dict.description.values],
        locationType: [...this.dict.locationType.values],
        beat: [...this.dict.beat.values],
        district: [...this.dict.district.values],
        address: [...this.dict.address.values],
      },
      categoryGroup: groupCodes(categories),
      categoryPartOne: partOne,
      timePrecision: this.timePrecision(),
      source: {
        file: this.srcFile.trimmed(n),
        offset: this.srcOffset.trimmed(n),
        length: this.srcLength.trimmed(n),
        row: this.srcRow.trimmed(n),
      },
    };
  }

  private timePrecision(): TimePrecision {
    if (this.schema?.monthOnly) return 'month';
    const p = this.precisionCounts;
    if (p.time > 0) return 'time';
    if (p.day > 0) return 'day';
    return p.month > 0 ? 'month' : 'time';
  }

  /** The layout's name; said to be mapped by hand when a mapping other than the layout's was given. */
  private schemaName(): string {
    if (!this.schema) return 'Custom column mapping';
    const given = this.options.mapping;
    // Compared with keys in order, and whether latitude and longitude were swapped left out.
    const canonical = (m: ColumnMapping) =>
      JSON.stringify({ ...m, swapLatLon: undefined }, (_key, value: unknown) =>
        value && typeof value === 'object' && !Array.isArray(value)
          ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : 1)))
          : value,
      );
    return given && canonical(given) !== canonical(this.schema.mapping)
      ? `${this.schema.name}, with a custom column mapping`
      : this.schema.name;
  }

  private buildReport(table: IncidentTable, outlierRule: OutlierRule | null): ImportReport {
    const rejected = Object.fromEntries(REJECT_REASONS.map((r) => [r, 0])) as Record<
      RejectReason,
      number
    >;
    for (let r = 0; r < this.rejectedCount; r++) rejected[REJECT_REASONS[this.rReason.array[r]]]++;

    const n = table.count;
    let minT = Infinity;
    let maxT = -Infinity;
    let west = Infinity;
    let south = Infinity;
    let east = -Infinity;
    let north = -Infinity;
    const perCategory = new Float64Array(table.dictionaries.category.length);
    for (let i = 0; i < n; i++) {
      const t = table.timeMs[i];
      if (t < minT) minT = t;
      if (t > maxT) maxT = t;
      const lon = table.positions[2 * i];
      const lat = table.positions[2 * i + 1];
      if (lon < west) west = lon;
      if (lon > east) east = lon;
      if (lat < south) south = lat;
      if (lat > north) north = lat;
      perCategory[table.category[i]]++;
    }
    const categories: Record<string, number> = {};
    [...table.dictionaries.category.keys()]
      .filter((c) => perCategory[c] > 0)
      .sort((a, b) => perCategory[b] - perCategory[a])
      .forEach((c) => {
        categories[
          table.dictionaries.category[c] === '' ? '(blank)' : table.dictionaries.category[c]
        ] = perCategory[c];
      });
    const format = table.timePrecision === 'month' ? formatIsoMonth : formatIsoLocal;
    const shared = countSharedCoordinates(table.positions, n);

    const warnings: string[] = [];
    let swapSuggestion: string | null = null;
    let polar = 0;
    for (let i = 0; i < n; i++) if (Math.abs(table.positions[2 * i + 1]) > 75) polar++;
    if (n > 0 && polar > n / 2)
      swapSuggestion = `${polar.toLocaleString('en-US')} of ${n.toLocaleString('en-US')} incidents lie beyond 75° of latitude, where almost nobody lives: the latitude and longitude columns look swapped.`;
    else if (this.swappedInvalid > this.rowsRead / 2)
      swapSuggestion = `${this.swappedInvalid.toLocaleString('en-US')} rows have a latitude beyond ±90° but a longitude that would be a valid latitude: the latitude and longitude columns look swapped.`;
    if (swapSuggestion && this.mapping?.swapLatLon) swapSuggestion = null; // already swapped on request
    if (shared.sharing > n * 0.2 && n > 0)
      warnings.push(
        `${pct(shared.sharing, n)} of incidents share exact coordinates with another (${shared.distinct.toLocaleString('en-US')} distinct points). The data may be snapped to anonymous map points (as police.uk does); nearest-neighbour and density statistics will overstate clustering.`,
      );
    if (this.badWindows > 0)
      warnings.push(
        `${this.badWindows.toLocaleString('en-US')} rows have an end date that is unreadable or before the start; their end was ignored and they count as known at their start time.`,
      );
    if (this.dictionaryOverflow)
      warnings.push(
        'A column has more than 65,535 distinct values; the rest are grouped as "(other values)".',
      );
    if (this.schema?.monthOnly)
      warnings.push(
        'Dates are published by month only: day-of-week and hour-of-day views are not available for this data.',
      );
    const encodings = new Set(this.files.map((f) => f.encoding));
    if (encodings.has('windows-1252'))
      warnings.push('Some text is not UTF-8 and was read as Windows-1252.');

    return {
      schema: this.schema?.id ?? 'custom',
      schemaName: this.schemaName(),
      mapping: this.mapping as ColumnMapping,
      files: this.files.map((f) => ({ ...f })),
      rowsRead: this.rowsRead,
      rowsImported: n,
      rejected,
      duplicatesSharingCoordinates: shared.sharing,
      distinctLocations: shared.distinct,
      dateRange: n > 0 ? [format(minT), format(maxT)] : null,
      bbox: n > 0 ? [west, south, east, north] : null,
      categories,
      timePrecision: table.timePrecision,
      outlierRule,
      swapSuggestion,
      warnings,
      bytesPerIncident: BYTES_PER_INCIDENT,
    };
  }
}

function pct(part: number, whole: number): string {
  return `${((100 * part) / whole).toFixed(1)}%`;
}

/** Throws when the bytes cannot be a CSV: binary content (NUL bytes) or a known binary format. */
function checkLooksLikeText(head: Uint8Array, name: string): void {
  const sample = head.subarray(0, Math.min(head.length, 64 * 1024));
  const isZip =
    sample[0] === 0x50 && sample[1] === 0x4b && sample[2] === 0x03 && sample[3] === 0x04;
  if (isZip)
    throw new ImportError(
      `"${name}" is a compressed or Excel file (.zip/.xlsx), not a CSV. Open it in a spreadsheet and save it as CSV, or unzip it first.`,
      'notCsv',
    );
  let nul = 0;
  for (let i = 0; i < sample.length; i++) if (sample[i] === 0) nul++;
  if (nul > 0)
    throw new ImportError(
      `"${name}" is not a text CSV file (it holds binary data). Choose a .csv file exported from a crime data portal.`,
      'notCsv',
    );
}

/** The bytes of a quoted field with each doubled quote `""` made single. */
function unescapeQuotes(buf: Uint8Array, start: number, end: number): Uint8Array {
  const out = new Uint8Array(end - start);
  let n = 0;
  for (let i = start; i < end; i++) {
    out[n++] = buf[i];
    if (buf[i] === 0x22 && i + 1 < end && buf[i + 1] === 0x22) i++;
  }
  return out.subarray(0, n);
}

/** UTF-8 when the first chunk decodes as UTF-8 (a sequence cut at the chunk's end allowed). */
export function detectEncoding(head: Uint8Array): Encoding {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head.subarray(0, 1 << 20), { stream: true });
    return 'utf-8';
  } catch {
    return 'windows-1252';
  }
}
