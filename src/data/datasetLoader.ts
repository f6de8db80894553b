/**
 * What the import worker does, as plain async functions over Blobs (so tests can call them without
 * a worker): preview a file's head for the mapping dialog, count what a mapping would reject, and
 * import whole files with progress.
 */
import { blobChunks, readRange } from './blobReader';
import { CsvParser, detectDelimiter } from './csvParser';
import { detectDateOrder } from './dates';
import type { IncidentTable } from './incidentTable';
import {
  detectEncoding,
  ImportError,
  ImportSession,
  REJECT_LABELS,
  REJECT_REASONS,
  type Encoding,
  type ImportOptions,
  type ImportProgress,
  type ImportReport,
  type RejectedRows,
  type RejectReason,
} from './importSession';
import { rejectedRowsCsv } from './rejectedRows';
import {
  columnIndex,
  detectSchema,
  guessMapping,
  type ColumnMapping,
  type SchemaId,
} from './schemas';

export interface NamedBlob {
  name: string;
  blob: Blob;
}

export interface Dataset {
  id: string;
  name: string;
  /** ISO date-time the data set was imported. */
  createdAt: string;
  isSample: boolean;
  table: IncidentTable;
  report: ImportReport;
  rejected: RejectedRows;
  /** The source files, in the order of `report.files`. */
  files: NamedBlob[];
}

export interface FilePreview {
  name: string;
  bytes: number;
  headers: string[];
  rows: string[][];
  delimiter: string;
  encoding: Encoding;
  schema: SchemaId | null;
  schemaName: string | null;
  guess: Partial<ColumnMapping>;
}

export type Outcome<T> =
  { ok: true; value: T } | { ok: false; error: string; kind: string; headers?: string[] };

const PREVIEW_BYTES = 256 * 1024;
const PREVIEW_ROWS = 50;
const DRY_RUN_BYTES = 1 << 20;

function failure(error: unknown): { ok: false; error: string; kind: string; headers?: string[] } {
  if (error instanceof ImportError)
    return { ok: false, error: error.message, kind: error.kind, headers: error.headers };
  return {
    ok: false,
    error: error instanceof Error ? error.message : String(error),
    kind: 'internal',
  };
}

/** The head of a file: its headers, first rows, detected layout and a guessed mapping. */
export async function previewFile(file: NamedBlob): Promise<Outcome<FilePreview>> {
  if (file.blob.size === 0) return { ok: false, error: `"${file.name}" is empty.`, kind: 'empty' };
  let head = await readRange(file.blob, 0, PREVIEW_BYTES);
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) head = head.subarray(3);
  if (head.subarray(0, 4096).includes(0))
    return {
      ok: false,
      error: `"${file.name}" is not a text CSV file (it holds binary data). Choose a .csv file exported from a crime data portal.`,
      kind: 'notCsv',
    };
  const encoding = detectEncoding(head);
  const decoder = new TextDecoder(encoding);
  const delimiter = detectDelimiter(head);
  const parser = new CsvParser(delimiter);
  const rows: string[][] = [];
  let headers: string[] = [];
  parser.push(head, (p) => {
    if (headers.length === 0) headers = p.fields(decoder).map((h) => h.trim());
    else if (rows.length < PREVIEW_ROWS && !(p.fieldCount === 1 && p.isEmpty(0)))
      rows.push(p.fields(decoder));
  });
  if (file.blob.size <= PREVIEW_BYTES)
    parser.finish((p) => {
      if (headers.length === 0) headers = p.fields(decoder).map((h) => h.trim());
      else if (rows.length < PREVIEW_ROWS && !(p.fieldCount === 1 && p.isEmpty(0)))
        rows.push(p.fields(decoder));
    });
  const schema = detectSchema(headers);
  const guess = schema ? schema.mapping : guessMapping(headers);
  if (!schema && guess.date !== undefined) {
    const i = columnIndex(headers, guess.date);
    guess.dateOrder = detectDateOrder(rows.map((r) => r[i] ?? ''));
  }
  return {
    ok: true,
    value: {
      name: file.name,
      bytes: file.blob.size,
      headers,
      rows,
      delimiter: String.fromCharCode(delimiter),
      encoding,
      schema: schema?.id ?? null,
      schemaName: schema?.name ?? null,
      guess,
    },
  };
}

export interface DryRun {
  rowsRead: number;
  rowsImported: number;
  rejected: Record<RejectReason, number>;
  /** Whether the whole file was read (else the counts are for its first megabyte). */
  wholeFile: boolean;
}

/** What a mapping would import and reject on the first megabyte of a file. */
export async function dryRun(file: NamedBlob, mapping: ColumnMapping): Promise<Outcome<DryRun>> {
  try {
    const wholeFile = file.blob.size <= DRY_RUN_BYTES;
    let bytes = await readRange(file.blob, 0, DRY_RUN_BYTES);
    if (!wholeFile) {
      const lastNewline = bytes.lastIndexOf(0x0a);
      if (lastNewline > 0) bytes = bytes.subarray(0, lastNewline + 1);
    }
    const session = new ImportSession({ mapping, totalBytes: bytes.length });
    session.beginFile(file.name, bytes.length);
    session.push(bytes);
    session.endFile();
    const { report } = session.finish();
    return {
      ok: true,
      value: {
        rowsRead: report.rowsRead,
        rowsImported: report.rowsImported,
        rejected: report.rejected,
        wholeFile,
      },
    };
  } catch (error) {
    return failure(error);
  }
}

export interface ImportRequest {
  files: NamedBlob[];
  options: Pick<ImportOptions, 'schema' | 'mapping'>;
  name?: string;
  isSample?: boolean;
}

/** Imports whole files, calling `onProgress` after every slice. */
export async function importDataset(
  request: ImportRequest,
  onProgress: (progress: ImportProgress) => void = () => {},
): Promise<Outcome<Dataset>> {
  const { files } = request;
  if (files.length === 0) return { ok: false, error: 'No file was chosen.', kind: 'empty' };
  const totalBytes = files.reduce((sum, f) => sum + f.blob.size, 0);
  try {
    const session = new ImportSession({ ...request.options, totalBytes });
    for (const file of files) {
      if (file.blob.size === 0) throw new ImportError(`"${file.name}" is empty.`, 'empty');
      session.beginFile(file.name, file.blob.size);
      for await (const chunk of blobChunks(file.blob)) {
        session.push(chunk);
        onProgress(session.progress);
      }
      session.endFile();
    }
    const { table, report, rejected } = session.finish();
    onProgress(session.progress);
    const source = files.length === 1 ? `"${files[0].name}"` : `${files.length} files`;
    if (report.rowsRead === 0)
      return {
        ok: false,
        error: `No incident could be imported from ${source}: there is a header row but no data rows.`,
        kind: 'noRows',
      };
    if (report.rowsImported === 0) {
      // The reasons in words, and the swap suggestion when the columns look swapped: with no
      // incident imported there is no report on screen to offer that fix.
      const reasons = REJECT_REASONS.filter((k) => report.rejected[k] > 0)
        .map((k) => `${report.rejected[k].toLocaleString('en-US')} ${REJECT_LABELS[k]}`)
        .join(', ');
      const swap = report.swapSuggestion ? `${report.swapSuggestion} ` : '';
      return {
        ok: false,
        error: `No incident could be imported from ${source}: all ${report.rowsRead.toLocaleString('en-US')} rows were rejected (${reasons}). ${swap}Check the column mapping.`,
        kind: 'noRows',
      };
    }
    const createdAt = new Date().toISOString();
    return {
      ok: true,
      value: {
        id: `${createdAt}-${Math.random().toString(36).slice(2, 8)}`,
        name:
          request.name ??
          (files.length === 1 ? files[0].name : `${files[0].name} + ${files.length - 1} more`),
        createdAt,
        isSample: request.isSample ?? false,
        table,
        report,
        rejected,
        files,
      },
    };
  } catch (error) {
    return failure(error);
  }
}

/** The rejected rows of a data set as a CSV Blob. */
export async function rejectedRowsBlob(
  dataset: Pick<Dataset, 'report' | 'rejected' | 'files'>,
): Promise<Blob> {
  const chunks = await rejectedRowsCsv(dataset.report, dataset.rejected, (file, start, end) =>
    readRange(dataset.files[file].blob, start, end),
  );
  return new Blob(chunks as BlobPart[], { type: 'text/csv' });
}

/** The original fields of incident `index`, paired with their headers, read from its source file. */
export async function sourceFields(
  dataset: Pick<Dataset, 'report' | 'files' | 'table'>,
  index: number,
): Promise<[header: string, value: string][]> {
  const { source } = dataset.table;
  const fileIndex = source.file[index];
  const info = dataset.report.files[fileIndex];
  const start = source.offset[index];
  const bytes = await readRange(dataset.files[fileIndex].blob, start, start + source.length[index]);
  const parser = new CsvParser(info.delimiter.charCodeAt(0));
  let fields: string[] = [];
  const decoder = new TextDecoder(info.encoding);
  parser.push(bytes, (p) => (fields = p.fields(decoder)));
  parser.finish((p) => (fields = fields.length ? fields : p.fields(decoder)));
  return info.headers.map((h, i) => [h, fields[i] ?? '']);
}
