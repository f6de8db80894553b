/**
 * A streaming CSV tokenizer over bytes (RFC 4180 with the usual real-world latitude): it finds the
 * fields of each row as byte ranges and never builds a string or an object per row, so the import of
 * a multi-gigabyte file costs typed-array work only. Fields are decoded on demand by whoever needs
 * them (numbers and dates straight from bytes, dictionary values once per distinct value).
 *
 * Quoting follows papaparse, the reference parser this is tested against: a field that starts with
 * `"` runs to the next unpaired `"`, `""` inside it is a literal quote, and delimiters and newlines
 * inside quotes belong to the field. Rows end at LF, CRLF or a lone CR. A row split across chunks is
 * carried over and re-scanned when the next chunk arrives.
 *
 * Complexity: O(bytes). Memory: one staging buffer the size of a chunk plus at most one partial
 * row, reused from chunk to chunk.
 *
 * @example
 * const parser = new CsvParser(COMMA);
 * parser.push(bytes('a,"b,c"\n1,2'), (p) => console.log(p.fieldCount, p.field(1)));
 * parser.finish((p) => console.log(p.field(0)));
 * // 2 b,c   then   1
 */
export const COMMA = 0x2c;
export const SEMICOLON = 0x3b;
export const TAB = 0x09;
const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

/** Field flag: the field was quoted. */
export const FIELD_QUOTED = 1;
/** Field flag: the field holds doubled quotes that must be unescaped when decoded. */
export const FIELD_ESCAPED = 2;

export type RowHandler = (parser: CsvParser) => void;

const utf8 = new TextDecoder('utf-8');

export class CsvParser {
  /** The buffer the current row's byte ranges point into. */
  buf: Uint8Array = new Uint8Array(0);
  /** Start of each field of the current row in `buf`. */
  starts = new Int32Array(64);
  /** End (exclusive) of each field of the current row in `buf`. */
  ends = new Int32Array(64);
  /** FIELD_QUOTED | FIELD_ESCAPED per field. */
  flags = new Uint8Array(64);
  fieldCount = 0;
  /** Byte offset of the current row in the whole stream, and its length including the line break. */
  rowOffset = 0;
  rowLength = 0;
  /** Rows emitted so far. */
  rowsParsed = 0;

  /**
   * Reused for every chunk: the carried partial row, then the chunk, then one spare byte for a
   * sentinel line feed that lets the field loop run without a bounds check.
   */
  private staging = new Uint8Array(0);
  private carryLength = 0;
  /** Stream offset of `buf[0]`. */
  private bufBase = 0;
  private consumed = 0;

  /** 1 for the bytes that end an unquoted field: the delimiter, CR and LF. */
  private readonly stop = new Uint8Array(256);

  constructor(readonly delimiter: number = COMMA) {
    this.stop[delimiter] = 1;
    this.stop[LF] = 1;
    this.stop[CR] = 1;
  }

  /** Total bytes pushed and fully tokenized (the carried partial row excluded). */
  get bytesConsumed(): number {
    return this.consumed;
  }

  /** Feeds the next chunk; calls `onRow` for every complete row in it. */
  push(chunk: Uint8Array, onRow: RowHandler): void {
    const carry = this.carryLength;
    const len = carry + chunk.length;
    if (len + 1 > this.staging.length) {
      const grown = new Uint8Array(Math.max(len + 1, Math.ceil(this.staging.length * 1.5)));
      grown.set(this.staging.subarray(0, carry));
      this.staging = grown;
    }
    const buf = this.staging;
    buf.set(chunk, carry);
    const used = this.scan(buf, len, false, onRow);
    this.bufBase += used;
    this.consumed = this.bufBase;
    this.carryLength = len - used;
    if (used > 0 && used < len) buf.copyWithin(0, used, len);
  }

  /** Ends the stream: the carried partial row, if any, is emitted as the last row. */
  finish(onRow: RowHandler): void {
    const len = this.carryLength;
    if (len > 0) {
      this.carryLength = 0;
      const used = this.scan(this.staging, len, true, onRow);
      this.bufBase += used;
      this.consumed = this.bufBase;
    }
  }

  /** The i-th field of the current row as a string (UTF-8, quotes unescaped). */
  field(i: number, decoder: TextDecoder = utf8): string {
    if (i >= this.fieldCount) return '';
    const text = decoder.decode(this.buf.subarray(this.starts[i], this.ends[i]));
    return this.flags[i] & FIELD_ESCAPED ? text.replaceAll('""', '"') : text;
  }

  /** All fields of the current row as strings. */
  fields(decoder: TextDecoder = utf8): string[] {
    const out = new Array<string>(this.fieldCount);
    for (let i = 0; i < this.fieldCount; i++) out[i] = this.field(i, decoder);
    return out;
  }

  /** Is the i-th field empty (or missing, for a short row)? */
  isEmpty(i: number): boolean {
    return i >= this.fieldCount || this.starts[i] === this.ends[i];
  }

  private grow(): void {
    const n = this.starts.length * 2;
    const s = new Int32Array(n);
    s.set(this.starts);
    const e = new Int32Array(n);
    e.set(this.ends);
    const f = new Uint8Array(n);
    f.set(this.flags);
    this.starts = s;
    this.ends = e;
    this.flags = f;
  }

  /**
   * Tokenizes complete rows of `buf[0, len)`; returns the offset of the first byte not consumed
   * (the start of an incomplete row, unless `final`). `buf` must have room for a byte at `len`.
   */
  private scan(buf: Uint8Array, len: number, final: boolean, onRow: RowHandler): number {
    this.buf = buf;
    // The sentinel: every unquoted field ends at or before `len`, so its loop needs no `p < len`.
    buf[len] = LF;
    const delim = this.delimiter;
    const stop = this.stop;
    // Bytes above the delimiter, CR and LF never end a field: most text needs no table lookup.
    const maxStop = Math.max(delim, CR);
    // Locals for the hot loop; refreshed when a very wide row grows the arrays.
    let starts = this.starts;
    let ends = this.ends;
    let flags = this.flags;
    let pos = 0;
    while (pos < len) {
      const rowStart = pos;
      let nf = 0;
      for (;;) {
        if (nf === starts.length) {
          this.grow();
          starts = this.starts;
          ends = this.ends;
          flags = this.flags;
        }
        if (pos < len && buf[pos] === QUOTE) {
          let p = pos + 1;
          let flag = FIELD_QUOTED;
          let closed = -1;
          for (;;) {
            // A loop, not indexOf: `buf` holds stale bytes past `len`, and fields are short.
            let q = p;
            while (q < len && buf[q] !== QUOTE) q++;
            if (q === len) break;
            if (q + 1 < len && buf[q + 1] === QUOTE) {
              flag |= FIELD_ESCAPED;
              p = q + 2;
              continue;
            }
            if (q + 1 >= len && !final) break;
            closed = q;
            break;
          }
          if (closed === -1) {
            if (!final) return rowStart;
            // An unterminated quote runs to the end of the input, as papaparse reads it.
            starts[nf] = pos + 1;
            ends[nf] = len;
            flags[nf] = flag;
            nf++;
            pos = len;
          } else {
            starts[nf] = pos + 1;
            ends[nf] = closed;
            flags[nf] = flag;
            nf++;
            pos = closed + 1;
            // Stray characters after a closing quote are skipped up to the next delimiter or newline.
            while (stop[buf[pos]] === 0) pos++;
          }
        } else {
          let p = pos;
          let c = buf[p];
          while (c > maxStop || stop[c] === 0) c = buf[++p];
          starts[nf] = pos;
          ends[nf] = p;
          flags[nf] = 0;
          nf++;
          pos = p;
        }
        if (pos >= len) {
          if (!final) return rowStart;
          this.emit(nf, rowStart, pos, onRow);
          return len;
        }
        const c = buf[pos];
        if (c === delim) {
          pos++;
          continue;
        }
        if (c === CR) {
          if (pos + 1 < len) pos += buf[pos + 1] === LF ? 2 : 1;
          else if (!final) return rowStart;
          else pos++;
        } else {
          pos++;
        }
        this.emit(nf, rowStart, pos, onRow);
        break;
      }
    }
    return len;
  }

  private emit(nf: number, rowStart: number, rowEnd: number, onRow: RowHandler): void {
    this.fieldCount = nf;
    this.rowOffset = this.bufBase + rowStart;
    this.rowLength = rowEnd - rowStart;
    this.rowsParsed++;
    onRow(this);
  }
}

/** Strips a UTF-8 byte-order mark. */
export function stripBom(chunk: Uint8Array): Uint8Array {
  return chunk.length >= 3 && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf
    ? chunk.subarray(3)
    : chunk;
}

/**
 * Picks the delimiter of a CSV from its first line: the most frequent of comma, semicolon and tab
 * outside quotes (comma on a tie, as most portals use it).
 */
export function detectDelimiter(head: Uint8Array): number {
  const counts = new Map<number, number>([
    [COMMA, 0],
    [SEMICOLON, 0],
    [TAB, 0],
  ]);
  let inQuotes = false;
  for (let i = 0; i < head.length; i++) {
    const c = head[i];
    if (c === QUOTE) inQuotes = !inQuotes;
    else if (!inQuotes && (c === LF || c === CR)) break;
    else if (!inQuotes && counts.has(c)) counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  let best = COMMA;
  let bestCount = counts.get(COMMA) ?? 0;
  for (const d of [SEMICOLON, TAB]) {
    const n = counts.get(d) ?? 0;
    if (n > bestCount) {
      best = d;
      bestCount = n;
    }
  }
  return best;
}
