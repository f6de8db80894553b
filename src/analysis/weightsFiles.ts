/**
 * Reading GeoDa / PySAL spatial weights files into `SpatialWeights`, so an analyst can reuse the
 * weights they built (and checked) in GeoDa.
 *
 * Formats (Anselin, GeoDa documentation "Weights file formats"; libpysal.io `GalIO`, `GwtIO`):
 * - `.gal` (contiguity): a header line — either `n` alone (old PySAL) or `0 n layer idField`
 *   (GeoDa) — then, for each feature, `id k` followed by its k neighbour ids (GeoDa puts them on
 *   the next line; any whitespace is accepted). Binary weights.
 * - `.gwt` (distance): the same header, then one line `id neighbourId weight` per pair.
 *
 * Ids: when the caller passes the layer's id values (`ids`, in feature order), file ids are
 * matched to them — exactly as text first, then as numbers (so 17107 matches "17107.0"). Without
 * `ids`, the file's ids must be the 1-based row numbers 1…n, which is what GeoDa writes when no id
 * field was chosen. Any id that does not match stops the read with a message naming it.
 * A `.gal` must list every feature; in a `.gwt` a feature with no line is an island.
 *
 * Complexity: O(length of the file).
 *
 * @example
 * const w = parseGal('3\n1 1\n2\n2 2\n1 3\n3 1\n2\n');
 * // feature 0 ↔ 1 ↔ 2 in a chain: w.offsets = [0, 1, 3, 4], w.neighbours = [1, 0, 2, 1]
 */
import { weightsFromNeighbourLists, type SpatialWeights } from './spatialWeights';

export interface WeightsFileOptions {
  /** The id value of each feature, in feature order. Omit to use 1-based row numbers. */
  ids?: ArrayLike<string | number>;
  /** The id field's name, for messages. */
  idField?: string;
}

interface Header {
  n: number;
  idField?: string;
  bodyStart: number;
}

/** Reads a `.gal` file. */
export function parseGal(text: string, options: WeightsFileOptions = {}): SpatialWeights {
  const header = readHeader(text, 'GAL');
  const resolve = idResolver(header, options);
  const tokens = text.slice(header.bodyStart).split(/\s+/).filter(Boolean);
  const lists: (number[] | undefined)[] = new Array(resolve.n).fill(undefined);
  let t = 0;
  while (t < tokens.length) {
    const id = tokens[t++];
    const i = resolve.index(id);
    if (t >= tokens.length) throw new Error(`The GAL file ends after id ${id} without its count.`);
    const k = Number(tokens[t++]);
    if (!Number.isInteger(k) || k < 0)
      throw new Error(`The GAL file gives "${tokens[t - 1]}" as the neighbour count of ${id}.`);
    if (t + k > tokens.length)
      throw new Error(`The GAL file ends before the ${k} neighbours of id ${id}.`);
    const neighbours = tokens.slice(t, t + k).map((token) => resolve.index(token));
    t += k;
    if (i < 0) continue; // reported, with every other unknown id, by check()
    if (lists[i]) throw new Error(`The GAL file lists id ${id} twice.`);
    lists[i] = neighbours;
  }
  resolve.check();
  const missing = lists.flatMap((list, i) => (list ? [] : [i]));
  if (missing.length > 0)
    throw new Error(
      `The GAL file has no entry for ${missing.length.toLocaleString('en-US')} of the ` +
        `${resolve.n.toLocaleString('en-US')} features (first: ${missing
          .slice(0, 5)
          .map(resolve.name)
          .join(', ')}). Was it made for this layer?`,
    );
  return weightsFromNeighbourLists(lists as number[][]);
}

/** Reads a `.gwt` file. */
export function parseGwt(text: string, options: WeightsFileOptions = {}): SpatialWeights {
  const header = readHeader(text, 'GWT');
  const resolve = idResolver(header, options);
  const lists: number[][] = Array.from({ length: resolve.n }, () => []);
  const weightLists: number[][] = Array.from({ length: resolve.n }, () => []);
  const seen = new Set<string>();
  const lines = text.slice(header.bodyStart).split(/\r?\n/);
  lines.forEach((line, k) => {
    const parts = line.trim().split(/\s+/).filter(Boolean);
    if (parts.length === 0) return;
    if (parts.length < 3)
      throw new Error(
        `Line ${k + 2} of the GWT file should read "id neighbourId weight": "${line.trim()}".`,
      );
    const i = resolve.index(parts[0]);
    const j = resolve.index(parts[1]);
    if (i < 0 || j < 0) return; // reported by check()
    const weight = Number(parts[2]);
    if (!Number.isFinite(weight))
      throw new Error(`Line ${k + 2} of the GWT file has weight "${parts[2]}", not a number.`);
    const key = `${i} ${j}`;
    if (seen.has(key))
      throw new Error(
        `The GWT file lists the pair ${parts[0]} → ${parts[1]} twice (line ${k + 2}).`,
      );
    seen.add(key);
    lists[i].push(j);
    weightLists[i].push(weight);
  });
  resolve.check();
  return weightsFromNeighbourLists(lists, weightLists);
}

/** Reads a weights file by its extension (`.gal` or `.gwt`). */
export function parseWeightsFile(
  text: string,
  fileName: string,
  options: WeightsFileOptions = {},
): SpatialWeights {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.gal')) return parseGal(text, options);
  if (lower.endsWith('.gwt')) return parseGwt(text, options);
  throw new Error(`"${fileName}" is not a .gal or .gwt weights file.`);
}

function readHeader(text: string, kind: string): Header {
  const newline = text.search(/\r?\n/);
  const first = (newline < 0 ? text : text.slice(0, newline)).trim();
  const parts = first.split(/\s+/).filter(Boolean);
  const n = Number(parts.length === 1 ? parts[0] : parts[1]);
  if (parts.length === 0 || !Number.isInteger(n) || n < 0)
    throw new Error(
      `The first line of a ${kind} file should give the number of features ("n" or "0 n layer idField"); it reads "${first}".`,
    );
  return {
    n,
    idField: parts.length >= 4 ? parts[3] : undefined,
    bodyStart: newline < 0 ? text.length : newline + 1,
  };
}

function idResolver(header: Header, options: WeightsFileOptions) {
  const ids = options.ids;
  const n = ids ? ids.length : header.n;
  const fieldName = options.idField ?? header.idField;
  if (header.n !== n)
    throw new Error(
      `The weights file is for ${header.n.toLocaleString('en-US')} features, but the layer has ` +
        `${n.toLocaleString('en-US')}. Use the weights file made for this layer.`,
    );
  const exact = new Map<string, number>();
  const numeric = new Map<number, number>();
  if (ids) {
    for (let i = 0; i < ids.length; i++) {
      const key = String(ids[i]).trim();
      if (exact.has(key))
        throw new Error(
          `The id field${fieldName ? ` '${fieldName}'` : ''} has the value ${key} more than once, so it cannot name the features of a weights file. Choose a field with unique values.`,
        );
      exact.set(key, i);
      const value = Number(key);
      if (key !== '' && Number.isFinite(value) && !numeric.has(value)) numeric.set(value, i);
    }
  }
  const unknown: string[] = [];
  const index = (token: string): number => {
    if (ids) {
      const i = exact.get(token) ?? numeric.get(Number(token));
      if (i !== undefined) return i;
    } else {
      const row = Number(token);
      if (Number.isInteger(row) && row >= 1 && row <= n) return row - 1;
    }
    unknown.push(token);
    return -1;
  };
  const check = () => {
    if (unknown.length === 0) return;
    const distinct = [...new Set(unknown)];
    const shown = distinct.slice(0, 5).join(', ');
    throw new Error(
      ids
        ? `The weights file names ${distinct.length.toLocaleString('en-US')} id${distinct.length === 1 ? '' : 's'} that ${distinct.length === 1 ? 'is' : 'are'} not ${fieldName ? `in the field '${fieldName}'` : 'among the id values'} (${shown}${distinct.length > 5 ? ', …' : ''}).` +
            (header.idField
              ? ` The file says it was made with the id field '${header.idField}'.`
              : ' Choose the id field the file was made with.')
        : `The weights file names ${distinct.length.toLocaleString('en-US')} id${distinct.length === 1 ? '' : 's'} that ${distinct.length === 1 ? 'is' : 'are'} not row numbers 1…${n} (${shown}${distinct.length > 5 ? ', …' : ''}).` +
            (header.idField
              ? ` It was made with the id field '${header.idField}': choose that field.`
              : ''),
    );
  };
  const name = (i: number) => (ids ? String(ids[i]) : String(i + 1));
  return { n, index, check, name };
}
