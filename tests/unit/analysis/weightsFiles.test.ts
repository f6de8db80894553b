import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SpatialWeights } from '../../../src/analysis/spatialWeights';
import { parseGal, parseGwt, parseWeightsFile } from '../../../src/analysis/weightsFiles';

const dir = path.resolve(__dirname, '../../../../shared/reference');

const rows = (w: SpatialWeights) =>
  Array.from({ length: w.n }, (_, i) =>
    Array.from(w.neighbours.subarray(w.offsets[i], w.offsets[i + 1])),
  );

describe('parseGal', () => {
  it('reads an old-style GAL by row number, with an island on an empty line', () => {
    const w = parseGal('4\n1 1\n2\n2 2\n1 3\n3 1\n2\n4 0\n\n');
    expect(rows(w)).toEqual([[1], [0, 2], [1], []]);
    expect(Array.from(w.weights)).toEqual([1, 1, 1, 1]);
  });

  it('matches GeoDa ids to an id field, as text or as numbers', () => {
    const text = '0 3 beats BEAT\n0111 2\n0112 0113\n0112 1\n0111\n0113 1\n0111\n';
    expect(rows(parseGal(text, { ids: ['0112', '0111', '0113'] }))).toEqual([[1], [0, 2], [1]]);
    expect(rows(parseGal(text, { ids: [112, 111, 113] }))).toEqual([[1], [0, 2], [1]]);
  });

  it('says which ids do not match and which field the file was made with', () => {
    const text = '0 3 beats BEAT\n111 2\n112 999\n112 1\n111\n113 1\n111\n';
    expect(() => parseGal(text, { ids: [111, 112, 113], idField: 'BEAT_NUM' })).toThrow(
      "The weights file names 1 id that is not in the field 'BEAT_NUM' (999). The file says it was made with the id field 'BEAT'.",
    );
    expect(() => parseGal(text)).toThrow(/not row numbers 1…3 \(111, 112, 999, 113\)/);
    expect(() => parseGal('5\n1 0\n', {})).toThrow(/no entry for 4 of the 5 features/);
    expect(() => parseGal(text, { ids: [1, 2] })).toThrow(/for 3 features, but the layer has 2/);
    expect(() => parseGal(text, { ids: [1, 1, 2] })).toThrow(/has the value 1 more than once/);
  });

  describe.skipIf(!existsSync(dir))('St Louis queen GAL (needs ../shared/reference)', () => {
    it('round-trips libpysal stl.gal through FIPS ids and through row numbers', () => {
      // libpysal.examples: stl.gal (78 counties, ids 1…78 in stl_hom.txt order), FIPSNO field.
      const ref = JSON.parse(readFileSync(path.join(dir, 'esda_moran_global_stl.json'), 'utf8'));
      const fips: string[] = ref.inputs.FIPSNO;
      const gal: Record<string, number[]> = ref.weights_or_params.gal_neighbours_1based;
      const byRow = Array.from({ length: 78 }, (_, i) => gal[String(i + 1)]);
      const galRows = `78\n${byRow.map((list, i) => `${i + 1} ${list.length}\n${list.join(' ')}`).join('\n')}\n`;
      const expected = byRow.map((list) => list.map((j) => j - 1));
      expect(rows(parseGal(galRows))).toEqual(expected);
      // The same file written by GeoDa with FIPSNO as the id, features in a shuffled order.
      const galFips = `0 78 stl_hom FIPSNO\n${byRow
        .map((list, i) => `${fips[i]} ${list.length}\n${list.map((j) => fips[j - 1]).join(' ')}`)
        .reverse()
        .join('\n')}\n`;
      expect(rows(parseWeightsFile(galFips, 'stl.GAL', { ids: fips }))).toEqual(expected);
    });
  });
});

describe('parseGwt', () => {
  it('reads weights per pair, with islands for features without lines', () => {
    const text = '0 3 shops ID\nA B 0.5\nB A 0.5\nB C 2\n';
    const w = parseGwt(text, { ids: ['A', 'B', 'C'] });
    expect(rows(w)).toEqual([[1], [0, 2], []]);
    expect(Array.from(w.weights)).toEqual([0.5, 0.5, 2]);
    expect(() => parseGwt('0 3 shops ID\nA B 0.5\nA B 1\n', { ids: ['A', 'B', 'C'] })).toThrow(
      /pair A → B twice/,
    );
    expect(() => parseWeightsFile('', 'w.kwt')).toThrow(/not a .gal or .gwt/);
  });
});
