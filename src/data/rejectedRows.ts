/**
 * The rejected rows of an import as a CSV the user can download and fix: the original header row
 * with three columns in front (why the row was rejected, its file, its data-row number), then each
 * rejected row byte for byte as it stood in its file (same encoding, same quoting).
 */
import {
  REJECT_LABELS,
  REJECT_REASONS,
  type ImportReport,
  type RejectedRows,
} from './importSession';

/** Reads bytes [start, end) of file number `file`. */
export type RangeReader = (file: number, start: number, end: number) => Promise<Uint8Array>;

const encoder = new TextEncoder();
const WINDOW_BYTES = 8 << 20;

function csvField(text: string, delimiter: string): string {
  return /["\r\n]/.test(text) || text.includes(delimiter)
    ? `"${text.replaceAll('"', '""')}"`
    : text;
}

/**
 * Builds the rejected-rows CSV as a list of byte chunks (for a Blob or a file stream). Rows are
 * read in file order through windows of a few megabytes, so thousands of rejected rows cost a few
 * reads, not thousands.
 */
export async function rejectedRowsCsv(
  report: ImportReport,
  rejected: RejectedRows,
  read: RangeReader,
): Promise<Uint8Array[]> {
  const headerFile = report.files[0];
  const d = headerFile.delimiter;
  const field = (text: string) => csvField(text, d);
  const out: Uint8Array[] = [
    encoder.encode(
      ['reject_reason', 'source_file', 'source_row', ...headerFile.headers].map(field).join(d) +
        '\n',
    ),
  ];
  const order = Array.from({ length: rejected.count }, (_, i) => i).sort(
    (a, b) => rejected.file[a] - rejected.file[b] || rejected.offset[a] - rejected.offset[b],
  );
  let windowFile = -1;
  let windowStart = 0;
  let windowBytes: Uint8Array = new Uint8Array(0);
  for (const r of order) {
    const file = rejected.file[r];
    const start = rejected.offset[r];
    const end = start + rejected.length[r];
    if (file !== windowFile || start < windowStart || end > windowStart + windowBytes.length) {
      windowFile = file;
      windowStart = start;
      windowBytes = await read(file, start, Math.max(end, start + WINDOW_BYTES));
    }
    const reason = REJECT_REASONS[rejected.reason[r]];
    const row = rejected.row[r] > 0 ? String(rejected.row[r]) : '';
    out.push(
      encoder.encode([REJECT_LABELS[reason], report.files[file].name, row].map(field).join(d) + d),
    );
    const bytes = windowBytes.subarray(start - windowStart, end - windowStart);
    const last = bytes[bytes.length - 1];
    out.push(bytes);
    if (last !== 0x0a && last !== 0x0d) out.push(encoder.encode('\n'));
  }
  return out;
}
