import { fromArrayBuffer } from 'geotiff';
import proj4 from 'proj4';
import { describe, expect, it, vi } from 'vitest';
import { kernelDensity } from '../../../src/analysis/kernelDensity';
import { createLocalProjection } from '../../../src/analysis/localProjection';
import { createRandom } from '../../../src/analysis/random';
import { localProjectionProj4, writeGeoTiff } from '../../../src/data/geoTiff';

// geotiff's Node build loads `web-worker`, which, finding itself off Node's main thread (vitest
// runs test files in worker threads) and no global Worker, sets itself up as a worker and fails.
// A placeholder Worker, set before the imports, keeps it on its main-thread path; no decoder pool
// is used here, so it is never constructed.
vi.hoisted(() => {
  const scope = globalThis as { Worker?: unknown };
  if (typeof scope.Worker !== 'function')
    scope.Worker = class {
      constructor() {
        throw new Error('No worker threads in these tests.');
      }
    };
});

async function readBack(buffer: ArrayBuffer) {
  const tiff = await fromArrayBuffer(buffer);
  const image = await tiff.getImage();
  const [band] = await image.readRasters({ interleave: false });
  return { image, band: band as Float32Array };
}

describe('writeGeoTiff', () => {
  it('writes a Float32 raster north-up with its origin, cell size and no-data value', async () => {
    // 3 × 2 cells of 50 m from (1000, 2000); row 0 of the input is the southern row.
    const raster = {
      minXMetres: 1000,
      minYMetres: 2000,
      cellSizeMetres: 50,
      cols: 3,
      rows: 2,
      values: new Float64Array([1, 2, 3, 4.5, NaN, 6]),
    };
    const { image, band } = await readBack(
      writeGeoTiff(raster, { centreLon: -0.1, centreLat: 51.5 }),
    );
    expect(image.getWidth()).toBe(3);
    expect(image.getHeight()).toBe(2);
    expect(image.getSamplesPerPixel()).toBe(1);
    expect(image.getBitsPerSample()).toBe(32);
    // North row first.
    expect(Array.from(band.slice(0, 3))).toEqual([4.5, NaN, 6]);
    expect(Array.from(band.slice(3))).toEqual([1, 2, 3]);
    expect(image.getOrigin()).toEqual([1000, 2100, 0]);
    expect(image.getResolution()).toEqual([50, -50, 0]);
    expect(image.getGDALNoData()).toBeNaN();
  });

  it('declares the local transverse Mercator in user-defined geokeys', async () => {
    const raster = {
      minXMetres: -500,
      minYMetres: -500,
      cellSizeMetres: 100,
      cols: 10,
      rows: 10,
      values: new Float64Array(100).fill(7),
    };
    const buffer = writeGeoTiff(
      raster,
      { centreLon: -87.65, centreLat: 41.85 },
      { description: 'incidents per km²'.replace('²', '2') },
    );
    const { image } = await readBack(buffer);
    const keys = image.getGeoKeys();
    expect(keys).toMatchObject({
      GTModelTypeGeoKey: 1,
      GTRasterTypeGeoKey: 1,
      GeographicTypeGeoKey: 32767,
      GeogGeodeticDatumGeoKey: 32767,
      GeogPrimeMeridianGeoKey: 8901,
      GeogAngularUnitsGeoKey: 9102,
      GeogSemiMajorAxisGeoKey: 6371008.8,
      GeogSemiMinorAxisGeoKey: 6371008.8,
      ProjectedCSTypeGeoKey: 32767,
      ProjectionGeoKey: 32767,
      ProjCoordTransGeoKey: 1,
      ProjLinearUnitsGeoKey: 9001,
      ProjNatOriginLongGeoKey: -87.65,
      ProjNatOriginLatGeoKey: 41.85,
      ProjFalseEastingGeoKey: 0,
      ProjFalseNorthingGeoKey: 0,
      ProjScaleAtNatOriginGeoKey: 1,
    });
    expect(keys?.GTCitationGeoKey).toBe('Local TM 41.85000 -87.65000; incidents per km2');
    expect(keys?.GeogCitationGeoKey).toBe('Sphere R=6371008.8');
    expect(image.getGDALNoData()).toBeNull();
    // A long description is cut so that the header still fits.
    const long = writeGeoTiff(
      raster,
      { centreLon: 0, centreLat: 0 },
      { description: 'x'.repeat(5000) },
    );
    const citation = (await readBack(long)).image.getGeoKeys()?.GTCitationGeoKey as string;
    expect(citation).toHaveLength('Local TM 0.00000 0.00000; '.length + 120);
  });

  it('means the same projection as the analysis: PROJ reads the keys as our local TM', () => {
    // The keys above are what GDAL turns into this PROJ string; proj4js must then agree with
    // createLocalProjection (Snyder's spherical TM) to well under a millimetre.
    const local = createLocalProjection(-87.65, 41.85);
    // proj4js's default tmerc is Poder/Engsager's ellipsoidal form and refuses a sphere; `+approx`
    // selects Snyder's formulas, exact on a sphere (as PROJ's tmerc is for +R). proj4(def) alone
    // projects lon/lat on the definition's own sphere, with no datum shift, as the analysis does.
    const tm = proj4(`${localProjectionProj4(-87.65, 41.85)} +approx`);
    for (const [lon, lat] of [
      [-87.65, 41.85],
      [-87.9, 41.7],
      [-87.5, 42.0],
      [-87.3, 41.6],
    ]) {
      const [x, y] = tm.forward([lon, lat]);
      const [ex, ey] = local.forward(lon, lat);
      expect(Math.abs(x - ex)).toBeLessThan(1e-3);
      expect(Math.abs(y - ey)).toBeLessThan(1e-3);
    }
  });

  it('round-trips a realistic density surface value for value', async () => {
    const rng = createRandom(10);
    const xy = new Float64Array(4000);
    for (let i = 0; i < 4000; i++) xy[i] = 2000 * rng.normal();
    const surface = kernelDensity(xy, { bandwidthMetres: 600, cellSizeMetres: 50 });
    const { image, band } = await readBack(
      writeGeoTiff(surface, { centreLon: 2.35, centreLat: 48.85 }, { noDataValue: -9999 }),
    );
    expect(image.getWidth()).toBe(surface.cols);
    expect(image.getHeight()).toBe(surface.rows);
    expect(image.getGDALNoData()).toBe(-9999);
    const expected = new Float32Array(surface.cols * surface.rows);
    for (let r = 0; r < surface.rows; r++)
      for (let c = 0; c < surface.cols; c++)
        expected[r * surface.cols + c] = surface.values[(surface.rows - 1 - r) * surface.cols + c];
    expect(band).toEqual(expected);
    const [ox, oy] = image.getOrigin();
    expect(ox).toBeCloseTo(surface.minXMetres, 9);
    expect(oy).toBeCloseTo(surface.minYMetres + surface.rows * surface.cellSizeMetres, 9);
  });
});
