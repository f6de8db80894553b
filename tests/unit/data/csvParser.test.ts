/**
 * The byte tokenizer against papaparse, the reference parser (issue 2 §5, "Differential").
 *
 * How the two are compared, exactly:
 * - Each generated CSV uses ONE line ending for its row breaks (LF, CRLF or a lone CR), and
 *   papaparse is told it (`newline`), because papaparse splits rows on a single newline string while
 *   CsvParser ends a row at any of the three. Line breaks of every kind, delimiters of every kind and
 *   quotes appear freely inside quoted fields; unquoted fields never hold CR, LF or the delimiter and
 *   never start with a quote (RFC 4180 fields; malformed quoting is covered by hand cases below).
 * - papaparse gets the decoded text with `{ delimiter, newline, header: false, quoteChar: '"',
 *   escapeChar: '"', skipEmptyLines: false }`. It strips a leading BOM itself; CsvParser gets the
 *   UTF-8 bytes with the BOM removed by `stripBom`, as `ImportSession` does with a file's first chunk.
 * - papaparse reports one extra row `[""]` after a final line break; exactly that one row is dropped
 *   when the text ends with the newline. Blank lines elsewhere are rows `[""]` in both.
 * - Fields are compared as strings (CsvParser decodes UTF-8 and unescapes `""`), row by row.
 * - CsvParser is fed the bytes split at every position (two chunks), and at random sets of positions.
 *   Whatever the split, its rows also tile the stream: each starts where the previous one ended.
 */
import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import {
  COMMA,
  CsvParser,
  detectDelimiter,
  FIELD_ESCAPED,
  FIELD_QUOTED,
  SEMICOLON,
  stripBom,
  TAB,
} from '../../../src/data/csvParser';

const encoder = new TextEncoder();
const bytes = (text: string): Uint8Array => encoder.encode(text);

interface ParsedRow {
  fields: string[];
  offset: number;
  length: number;
}

/**
 * Runs CsvParser over `data` cut at `cuts` (sorted positions) and collects every row. Throws when
 * the rows do not tile the stream (each starting where the previous ended, the last ending at the
 * end) or the byte and row counters disagree; plain checks, as this runs tens of thousands of times.
 */
function parseInChunks(data: Uint8Array, delimiter: number, cuts: readonly number[]): ParsedRow[] {
  const parser = new CsvParser(delimiter);
  const rows: ParsedRow[] = [];
  const onRow = (p: CsvParser) =>
    rows.push({ fields: p.fields(), offset: p.rowOffset, length: p.rowLength });
  let from = 0;
  for (const cut of [...cuts, data.length]) {
    parser.push(data.subarray(from, cut), onRow);
    from = cut;
  }
  parser.finish(onRow);
  let at = 0;
  for (const r of rows) {
    if (r.offset !== at) throw new Error(`row at ${r.offset} should start at ${at} (cuts ${cuts})`);
    at += r.length;
  }
  if (at !== data.length) throw new Error(`rows end at ${at}, not ${data.length} (cuts ${cuts})`);
  if (parser.bytesConsumed !== data.length)
    throw new Error(`bytesConsumed ${parser.bytesConsumed}`);
  if (parser.rowsParsed !== rows.length) throw new Error(`rowsParsed ${parser.rowsParsed}`);
  return rows;
}

/** The fields of rows, as one string for a cheap comparison in the hot loops. */
const signature = (rows: readonly (readonly string[])[]): string => JSON.stringify(rows);

/** papaparse's rows, configured as the header comment says. */
function papaRows(text: string, delimiter: string, newline: string): string[][] {
  const result = Papa.parse<string[]>(text, {
    delimiter,
    newline: newline as '\r\n' | '\n' | '\r',
    header: false,
    quoteChar: '"',
    escapeChar: '"',
    skipEmptyLines: false,
  });
  const rows = result.data;
  const body = text.startsWith('\ufeff') ? text.slice(1) : text;
  if (body.endsWith(newline) && rows.length > 0) {
    const last = rows[rows.length - 1];
    expect(last).toEqual(['']);
    rows.pop();
  }
  return rows;
}

const DELIMITERS = [',', ';', '\t'] as const;
const NEWLINES = ['\n', '\r\n', '\r'] as const;
// Multi-byte UTF-8 (é: 2 bytes, €: 3, 😀: 4) so that chunk cuts fall inside characters.
const TEXT_UNITS = ['a', 'b', 'Z', '1', ' ', '.', 'é', '€', '😀', ',', ';', '\t', '"'];

const csvArbitrary = fc
  .record({
    delimiter: fc.constantFrom(...DELIMITERS),
    newline: fc.constantFrom(...NEWLINES),
    bom: fc.boolean(),
    trailingNewline: fc.boolean(),
    rows: fc.array(
      fc.array(
        fc.record({
          quoted: fc.boolean(),
          // Quoted content may hold anything, line breaks of every kind included.
          text: fc.string({
            unit: fc.constantFrom(...TEXT_UNITS, '\n', '\r', '\r\n', '""'),
            maxLength: 6,
          }),
        }),
        { minLength: 1, maxLength: 5 },
      ),
      { minLength: 1, maxLength: 6 },
    ),
  })
  .map(({ delimiter, newline, bom, trailingNewline, rows }) => {
    const lines = rows.map((fields) =>
      fields
        .map(({ quoted, text }) => {
          if (quoted) return `"${text.replaceAll('"', '""')}"`;
          // An unquoted field: no delimiter, no line break, no quote at its start.
          const plain = text.replace(/[\r\n]/g, '').replaceAll(delimiter, '');
          return plain.startsWith('"') ? `x${plain}` : plain;
        })
        .join(delimiter),
    );
    const text = (bom ? '\ufeff' : '') + lines.join(newline) + (trailingNewline ? newline : '');
    return { text, delimiter, newline };
  });

describe('CsvParser against papaparse (property)', () => {
  it('gives papaparse’s fields for every split of the stream into two chunks', () => {
    fc.assert(
      fc.property(csvArbitrary, ({ text, delimiter, newline }) => {
        const expected = papaRows(text, delimiter, newline);
        const data = stripBom(bytes(text));
        const d = delimiter.charCodeAt(0);
        const want = signature(expected);
        for (let cut = 0; cut <= data.length; cut++) {
          const got = parseInChunks(data, d, [cut]).map((r) => r.fields);
          if (signature(got) !== want) expect({ cut, rows: got }).toEqual({ cut, rows: expected });
        }
      }),
      { numRuns: 200 },
    );
  });

  it('gives papaparse’s fields for random multi-way splits, one-byte chunks included', () => {
    fc.assert(
      fc.property(
        csvArbitrary,
        fc.array(fc.nat(), { maxLength: 12 }),
        ({ text, delimiter, newline }, rawCuts) => {
          const expected = papaRows(text, delimiter, newline);
          const data = stripBom(bytes(text));
          const d = delimiter.charCodeAt(0);
          const cuts = rawCuts.map((c) => c % (data.length + 1)).sort((a, b) => a - b);
          expect(parseInChunks(data, d, cuts).map((r) => r.fields)).toEqual(expected);
          const everyByte = Array.from({ length: data.length }, (_, i) => i);
          expect(parseInChunks(data, d, everyByte).map((r) => r.fields)).toEqual(expected);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('CsvParser by hand', () => {
  it('reports each row’s byte offset and length in the stream, line break included', () => {
    // Row 1: `a,b\r\n` (5 bytes). Row 2: `"x\ny",z\r` (8 bytes). Row 3: `last` (4 bytes, no break).
    const data = bytes('a,b\r\n"x\ny",z\rlast');
    const rows = parseInChunks(data, COMMA, []);
    expect(rows).toEqual([
      { fields: ['a', 'b'], offset: 0, length: 5 },
      { fields: ['x\ny', 'z'], offset: 5, length: 8 },
      { fields: ['last'], offset: 13, length: 4 },
    ]);
  });

  it('carries a row split across chunks and emits it once, with its stream offset', () => {
    const parser = new CsvParser(COMMA);
    const seen: [string[], number, number][] = [];
    const onRow = (p: CsvParser) => seen.push([p.fields(), p.rowOffset, p.rowLength]);
    parser.push(bytes('id,name\n1,"Caf'), onRow);
    expect(seen).toEqual([[['id', 'name'], 0, 8]]);
    expect(parser.bytesConsumed).toBe(8);
    parser.push(bytes('é ""Le'), onRow);
    expect(seen).toHaveLength(1);
    parser.push(bytes(' Monde"""\n2,x'), onRow);
    // `1,"Café ""Le Monde"""\n` is 2 + 1 + 5 (Café, é is 2 bytes) + 14 + 1 = 23 bytes.
    expect(seen[1]).toEqual([['1', 'Café "Le Monde"'], 8, 23]);
    parser.finish(onRow);
    expect(seen[2]).toEqual([['2', 'x'], 31, 3]);
    expect(parser.bytesConsumed).toBe(34);
  });

  it('reuses its staging buffer: bytes left from a longer earlier chunk are never read', () => {
    // The first chunk leaves quotes and delimiters in the staging buffer past the short chunks
    // that follow; an unterminated quote must still run to the end of the input only.
    const parser = new CsvParser(COMMA);
    const rows: string[][] = [];
    const onRow = (p: CsvParser) => rows.push(p.fields());
    parser.push(bytes('a,"b,c"\n"d""e",f,"g"\nh,'), onRow);
    parser.push(bytes('"i'), onRow);
    parser.push(bytes('j'), onRow);
    parser.finish(onRow);
    expect(rows).toEqual([
      ['a', 'b,c'],
      ['d"e', 'f', 'g'],
      ['h', 'ij'],
    ]);
    expect(parser.bytesConsumed).toBe(26);
  });

  it('waits for the next chunk after a CR at a chunk’s end (it may be half of CRLF)', () => {
    const rows: [string[], number][] = [];
    const parser = new CsvParser(COMMA);
    const onRow = (p: CsvParser) => rows.push([p.fields(), p.rowLength]);
    parser.push(bytes('a\r'), onRow);
    expect(rows).toEqual([]);
    parser.push(bytes('\nb'), onRow);
    parser.finish(onRow);
    expect(rows).toEqual([
      [['a'], 3],
      [['b'], 1],
    ]);
  });

  it('flags quoted and escaped fields and reads short rows and empty fields', () => {
    const parser = new CsvParser(SEMICOLON);
    const flags: number[][] = [];
    const fields: string[][] = [];
    const empties: boolean[][] = [];
    const onRow = (p: CsvParser) => {
      flags.push(Array.from(p.flags.subarray(0, p.fieldCount)));
      fields.push(p.fields());
      empties.push([p.isEmpty(0), p.isEmpty(1), p.isEmpty(2)]);
    };
    parser.push(bytes('plain;"q";"a""b"\n;x\n'), onRow);
    parser.finish(onRow);
    expect(fields).toEqual([
      ['plain', 'q', 'a"b'],
      ['', 'x'],
    ]);
    expect(flags).toEqual([
      [0, FIELD_QUOTED, FIELD_QUOTED | FIELD_ESCAPED],
      [0, 0],
    ]);
    // The short row's missing third field reads as empty, and `field()` past the end is ''.
    expect(empties).toEqual([
      [false, false, false],
      [true, false, true],
    ]);
  });

  it('grows past 64 fields in one row', () => {
    const wide = Array.from({ length: 150 }, (_, i) => `f${i}`);
    const rows = parseInChunks(bytes(`${wide.join('\t')}\n`), TAB, [7, 300]);
    expect(rows[0].fields).toEqual(wide);
  });

  it('reads an unterminated quote at the end of input to the end, as papaparse does', () => {
    const text = 'a,"open\nstill open';
    const rows = parseInChunks(bytes(text), COMMA, [4]);
    expect(rows.map((r) => r.fields)).toEqual([['a', 'open\nstill open']]);
    expect(Papa.parse<string[]>(text, { delimiter: ',', newline: '\n' }).data).toEqual([
      ['a', 'open\nstill open'],
    ]);
  });

  it('skips stray characters after a closing quote (where papaparse reports InvalidQuotes)', () => {
    // A documented difference: papaparse runs on to the next quote and reads ['ab"x,c\n'] here;
    // CsvParser keeps the quoted value and resumes at the next delimiter, losing one field, not rows.
    const rows = parseInChunks(bytes('"ab"x,c\nd,e\n'), COMMA, []);
    expect(rows.map((r) => r.fields)).toEqual([
      ['ab', 'c'],
      ['d', 'e'],
    ]);
  });

  it('strips a UTF-8 byte-order mark only at the start', () => {
    expect(Array.from(stripBom(Uint8Array.of(0xef, 0xbb, 0xbf, 0x61)))).toEqual([0x61]);
    expect(Array.from(stripBom(Uint8Array.of(0x61, 0xef, 0xbb, 0xbf)))).toEqual([
      0x61, 0xef, 0xbb, 0xbf,
    ]);
    expect(Array.from(stripBom(Uint8Array.of(0xef, 0xbb)))).toEqual([0xef, 0xbb]);
  });
});

describe('detectDelimiter', () => {
  it('picks the most frequent of comma, semicolon and tab on the first line', () => {
    expect(detectDelimiter(bytes('a,b,c\n1;2;3;4;5'))).toBe(COMMA);
    expect(detectDelimiter(bytes('Datum;Ort;Delikt;Breite;Länge\n1,5;2,5'))).toBe(SEMICOLON);
    expect(detectDelimiter(bytes('id\tdate\tlat,lon\n'))).toBe(TAB);
  });

  it('ignores delimiters inside quotes and breaks ties towards comma', () => {
    expect(detectDelimiter(bytes('"a;b;c;d",e\n'))).toBe(COMMA);
    expect(detectDelimiter(bytes('a;b,c\n'))).toBe(COMMA);
    expect(detectDelimiter(bytes('single\n'))).toBe(COMMA);
    expect(detectDelimiter(bytes('"x\ny";z;w\r\n'))).toBe(SEMICOLON);
  });
});
