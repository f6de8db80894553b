/**
 * Hot-spot analysis speed (issue 4): aggregation of 1,000,000 points to ~50,000 square cells and
 * to hexagons, grid Gi* by disc stencil on 100,000 cells and against the all-pairs computation on
 * 20,000 cells, LISA with 999 permutations on 10,000 cells, and one-click optimized hot spots.
 * Peers run in the same process: a Map-keyed aggregation (the usual hand-written JS), the generic
 * CSR Gi* on distance-band weights, and the all-pairs Gi*.
 */
import { getisOrdGiStar, getisOrdGiStarGrid } from '../src/analysis/getisOrdGiStar';
import { buildGrid, countPointsInGrid, createGrid, type Grid } from '../src/analysis/grid';
import { localMoran } from '../src/analysis/localMoran';
import { optimizedHotSpots } from '../src/analysis/optimizedHotSpots';
import { createRandom } from '../src/analysis/random';
import { distanceBandWeights, rowStandardise } from '../src/analysis/spatialWeights';
import { studyAreaFromPolygons } from '../src/analysis/studyArea';
import { measure, printTable } from './measure';

function squareArea(side: number) {
  return studyAreaFromPolygons([[new Float64Array([0, 0, side, 0, side, side, 0, side])]]);
}

/** Points of a city: 70% spread evenly, 30% in 40 Gaussian clusters. */
function cityPoints(n: number, side: number, seed: number): Float64Array {
  const rng = createRandom(seed);
  const xy = new Float64Array(2 * n);
  const centres = Array.from({ length: 40 }, () => [rng.next() * side, rng.next() * side]);
  for (let i = 0; i < n; i++) {
    if (rng.next() < 0.7) {
      xy[2 * i] = rng.next() * side;
      xy[2 * i + 1] = rng.next() * side;
    } else {
      const [cx, cy] = centres[i % 40];
      xy[2 * i] = Math.min(side, Math.max(0, cx + rng.normal() * 300));
      xy[2 * i + 1] = Math.min(side, Math.max(0, cy + rng.normal() * 300));
    }
  }
  return xy;
}

/** The usual hand-written aggregation: a string key per point into a Map. */
function mapAggregation(xy: Float64Array, size: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = 0; i < xy.length; i += 2) {
    const key = `${Math.floor(xy[i] / size)},${Math.floor(xy[i + 1] / size)}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** Gi* by all pairs: every cell against every cell, distance computed each time. */
function allPairsGiStar(grid: Grid, values: ArrayLike<number>, band: number): Float64Array {
  const n = grid.cellCount;
  const c = grid.centres;
  let sum = 0;
  let sumSq = 0;
  for (let i = 0; i < n; i++) {
    sum += values[i];
    sumSq += values[i] * values[i];
  }
  const mean = sum / n;
  const s = Math.sqrt(sumSq / n - mean * mean);
  const limit = band * band * (1 + 2e-6);
  const z = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let W = 0;
    let wx = 0;
    for (let j = 0; j < n; j++) {
      const dx = c[2 * i] - c[2 * j];
      const dy = c[2 * i + 1] - c[2 * j + 1];
      if (dx * dx + dy * dy <= limit) {
        W++;
        wx += values[j];
      }
    }
    z[i] = (wx - mean * W) / (s * Math.sqrt((n * W - W * W) / (n - 1)));
  }
  return z;
}

function poissonish(grid: Grid, seed: number): Float64Array {
  const rng = createRandom(seed);
  const v = new Float64Array(grid.cellCount);
  for (let i = 0; i < v.length; i++) v[i] = Math.floor(-Math.log(1 - rng.next()) * 3);
  return v;
}

export async function bench(): Promise<void> {
  // 1. Aggregation: 1,000,000 points over 22.36 km × 22.36 km.
  const side = 22360;
  const area = squareArea(side);
  const points = cityPoints(1_000_000, side, 1);
  const squares = createGrid({ shape: 'square', cellSizeMetres: 100, studyArea: area });
  const hexes = createGrid({ shape: 'hex', cellSizeMetres: 107.5, studyArea: area });
  const countSquares = await measure(() => countPointsInGrid(squares, points), { runs: 15 });
  const buildSquares = await measure(
    () => buildGrid(points, { shape: 'square', cellSizeMetres: 100, studyArea: area }),
    { runs: 7 },
  );
  const countHexes = await measure(() => countPointsInGrid(hexes, points), { runs: 15 });
  const buildHexes = await measure(
    () => buildGrid(points, { shape: 'hex', cellSizeMetres: 107.5, studyArea: area }),
    { runs: 7 },
  );
  const mapPeer = await measure(() => mapAggregation(points, 100), { runs: 3 });
  printTable('Aggregate 1,000,000 points (targets: squares ≤ 10 ms, hexagons ≤ 50 ms)', [
    {
      task: `count into ${squares.cellCount.toLocaleString('en-US')} squares (100 m)`,
      'median ms': countSquares.medianMs,
      'vs Map peer': `${(mapPeer.medianMs / countSquares.medianMs).toFixed(0)}× faster`,
    },
    {
      task: 'buildGrid squares (layout + cells + count)',
      'median ms': buildSquares.medianMs,
      'vs Map peer': `${(mapPeer.medianMs / buildSquares.medianMs).toFixed(0)}× faster`,
    },
    {
      task: `count into ${hexes.cellCount.toLocaleString('en-US')} hexagons (107.5 m)`,
      'median ms': countHexes.medianMs,
      'vs Map peer': `${(mapPeer.medianMs / countHexes.medianMs).toFixed(0)}× faster`,
    },
    {
      task: 'buildGrid hexagons (layout + cells + count)',
      'median ms': buildHexes.medianMs,
      'vs Map peer': `${(mapPeer.medianMs / buildHexes.medianMs).toFixed(0)}× faster`,
    },
    {
      task: 'peer: Map keyed by "c,r" strings (squares)',
      'median ms': mapPeer.medianMs,
      'vs Map peer': '1×',
    },
  ]);

  // 2. Grid Gi*: 100,000 cells with a 10-cell band; all pairs on 20,000 cells.
  const big = createGrid({ shape: 'square', cellSizeMetres: 100, studyArea: squareArea(31620) });
  const bigValues = poissonish(big, 2);
  const rows: Record<string, string | number>[] = [];
  for (const cells of [3, 5, 10]) {
    const t = await measure(() => getisOrdGiStarGrid(big, bigValues, cells * 100), { runs: 9 });
    rows.push({
      task: `stencil Gi*, ${big.cellCount.toLocaleString('en-US')} squares, band ${cells} cells`,
      'median ms': t.medianMs,
      ratio: '',
    });
  }
  const bigHex = createGrid({ shape: 'hex', cellSizeMetres: 100, studyArea: squareArea(29400) });
  const bigHexValues = poissonish(bigHex, 3);
  const hexTime = await measure(() => getisOrdGiStarGrid(bigHex, bigHexValues, 1000), { runs: 9 });
  rows.push({
    task: `stencil Gi*, ${bigHex.cellCount.toLocaleString('en-US')} hexagons, band 10 cells`,
    'median ms': hexTime.medianMs,
    ratio: '',
  });
  const mid = createGrid({ shape: 'square', cellSizeMetres: 100, studyArea: squareArea(14140) });
  const midValues = poissonish(mid, 4);
  const stencil = await measure(() => getisOrdGiStarGrid(mid, midValues, 1000), { runs: 15 });
  const csr = await measure(
    () => getisOrdGiStar(midValues, distanceBandWeights(mid.centres, 1000)),
    { runs: 3 },
  );
  const allPairs = await measure(() => allPairsGiStar(mid, midValues, 1000), {
    runs: 3,
    warmup: 1,
  });
  const n20 = mid.cellCount.toLocaleString('en-US');
  rows.push(
    {
      task: `stencil Gi*, ${n20} squares, band 10 cells`,
      'median ms': stencil.medianMs,
      ratio: '1×',
    },
    {
      task: `peer: CSR Gi* incl. building distance-band weights, ${n20} squares`,
      'median ms': csr.medianMs,
      ratio: `stencil ${(csr.medianMs / stencil.medianMs).toFixed(0)}× faster`,
    },
    {
      task: `peer: all-pairs Gi*, ${n20} squares`,
      'median ms': allPairs.medianMs,
      ratio: `stencil ${(allPairs.medianMs / stencil.medianMs).toFixed(0)}× faster`,
    },
  );
  printTable('Grid Gi* (targets: 100,000 cells, band ≤ 10 cells ≤ 15 ms; ≥ 100× all pairs)', rows);

  // 3. LISA, 999 conditional permutations on 10,000 cells.
  const lisaGrid = createGrid({
    shape: 'square',
    cellSizeMetres: 100,
    studyArea: squareArea(10000),
  });
  const lisaValues = poissonish(lisaGrid, 5);
  const lisaRows: Record<string, string | number>[] = [];
  for (const [label, band] of [
    ['queen (band √2 cells, 8 neighbours)', 100 * Math.SQRT2],
    ['band 3 cells (28 neighbours)', 300],
  ] as const) {
    const w = rowStandardise(distanceBandWeights(lisaGrid.centres, band));
    const t = await measure(() => localMoran(lisaValues, w, { permutations: 999, seed: 1 }), {
      runs: 3,
    });
    lisaRows.push({
      task: `LISA ${lisaGrid.cellCount.toLocaleString('en-US')} cells, ${label}`,
      'median ms': t.medianMs,
    });
  }
  printTable('LISA with 999 permutations (target ≤ 2,000 ms)', lisaRows);

  // 4. One click: optimized hot spots on the 1,000,000 points.
  const ohsa = await measure(() => optimizedHotSpots(points), { runs: 3 });
  const result = optimizedHotSpots(points);
  printTable(
    'Optimized hot spots, 1,000,000 points (study area, cell size, band search, Gi*, FDR)',
    [
      {
        task: `${result.grid.cellCount.toLocaleString('en-US')} cells of ${result.cellSizeMetres} m, band ${Math.round(result.bandMetres)} m (${result.bandRule})`,
        'median ms': ohsa.medianMs,
      },
    ],
  );
}
