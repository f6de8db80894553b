import { featureCollection, point, standardDeviationalEllipse as turfEllipse } from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { createRandom } from '../../../src/analysis/random';
import { standardDeviationalEllipse } from '../../../src/analysis/standardDeviationalEllipse';

function ringArea(ring: number[][]): number {
  let a = 0;
  for (let i = 0; i + 1 < ring.length; i++)
    a += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
  return a / 2;
}

describe('standardDeviationalEllipse', () => {
  it('gives the pencil-and-paper axes of a cross of four points', () => {
    // (±10, 0), (0, ±5): var x = 200/4 = 50, var y = 50/4 = 12.5, cov 0.
    // √2 · √50 = 10 m east–west (rotation 90°), √2 · √12.5 = 5 m north–south.
    const xy = new Float64Array([110, 200, 90, 200, 100, 205, 100, 195]);
    const { ellipses, method } = standardDeviationalEllipse(xy);
    const [e] = ellipses;
    expect(e.meanCentreXMetres).toBe(100);
    expect(e.meanCentreYMetres).toBe(200);
    expect(e.majorSemiAxisMetres).toBeCloseTo(10, 12);
    expect(e.minorSemiAxisMetres).toBeCloseTo(5, 12);
    expect(e.rotationDegrees).toBeCloseTo(90, 12);
    expect(e.shareInside).toBe(1); // all four lie on the ellipse
    expect(method).toMatch(/√2/);
    // Without the correction the axes are the plain standard deviations.
    const [plain] = standardDeviationalEllipse(xy, { correction: 'none' }).ellipses;
    expect(plain.majorSemiAxisMetres).toBeCloseTo(Math.sqrt(50), 12);
    // Two standard deviations double the axes.
    const [two] = standardDeviationalEllipse(xy, { standardDeviations: 2 }).ellipses;
    expect(two.minorSemiAxisMetres).toBeCloseTo(10, 12);
    // Outline: 64 vertices closed, counter-clockwise, area ≈ π·10·5.
    expect(e.ring).toHaveLength(65);
    expect(e.ring[64]).toEqual(e.ring[0]);
    expect(ringArea(e.ring)).toBeCloseTo(
      Math.PI * 50 * (64 / (2 * Math.PI)) * Math.sin((2 * Math.PI) / 64),
      9,
    );
  });

  it('points the rotation along a north-east line', () => {
    const xy = new Float64Array([0, 0, 1, 1, 2, 2, 3, 3.2, 4, 3.9]);
    const [e] = standardDeviationalEllipse(xy).ellipses;
    expect(e.rotationDegrees).toBeGreaterThan(40);
    expect(e.rotationDegrees).toBeLessThan(50);
    const flipped = xy.map((v, i) => (i % 2 === 0 ? -v : v));
    const [w] = standardDeviationalEllipse(flipped).ellipses;
    expect(w.rotationDegrees).toBeCloseTo(180 - e.rotationDegrees, 9); // north-west
  });

  it('matches Turf’s standardDeviationalEllipse (the ArcGIS formulas, planar)', () => {
    // @turf/standard-deviational-ellipse 7.x computes on the coordinates as given; its sigmaX and
    // sigmaY are the axes along θ's rotated frame and its angle θ is the long axis' azimuth.
    const rng = createRandom(4);
    const coords: [number, number][] = [];
    for (let i = 0; i < 200; i++) {
      const u = 3 * rng.normal();
      const v = rng.normal();
      coords.push([10 + 0.8 * u - 0.6 * v, 20 + 0.6 * u + 0.8 * v]);
    }
    const turf = turfEllipse(featureCollection(coords.map((c) => point(c))));
    const props = turf.properties?.standardDeviationalEllipse as {
      meanCenterCoordinates: number[];
      semiMajorAxis: number;
      semiMinorAxis: number;
      angle: number;
    };
    const [e] = standardDeviationalEllipse(Float64Array.from(coords.flat())).ellipses;
    expect(e.meanCentreXMetres).toBeCloseTo(props.meanCenterCoordinates[0], 12);
    expect(e.meanCentreYMetres).toBeCloseTo(props.meanCenterCoordinates[1], 12);
    const turfAxes = [props.semiMajorAxis, props.semiMinorAxis].sort((a, b) => b - a);
    expect(e.majorSemiAxisMetres).toBeCloseTo(turfAxes[0], 10);
    expect(e.minorSemiAxisMetres).toBeCloseTo(turfAxes[1], 10);
    expect(e.rotationDegrees).toBeCloseTo(((props.angle % 180) + 180) % 180, 8);
  });

  it('holds about 63% of a bivariate normal pattern with √2 and 39% without, per category', () => {
    // 1 − e^(−1) = 63.2% (√2 axes) and 1 − e^(−1/2) = 39.3% (plain SDs).
    const rng = createRandom(21);
    const n = 20000;
    const xy = new Float64Array(2 * n);
    const categories = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      categories[i] = i % 2;
      const u = (categories[i] === 0 ? 400 : 100) * rng.normal();
      const v = 150 * rng.normal();
      const a = (30 * Math.PI) / 180; // long axis 30° east of north
      xy[2 * i] = 5000 + u * Math.sin(a) + v * Math.cos(a);
      xy[2 * i + 1] = 8000 + u * Math.cos(a) - v * Math.sin(a);
    }
    const { ellipses } = standardDeviationalEllipse(xy, {
      categories,
      categoryNames: ['burglary', 'robbery'],
    });
    const [burglary, robbery] = ellipses;
    expect(burglary.name).toBe('burglary');
    expect(burglary.count).toBe(10000);
    expect(burglary.shareInside).toBeCloseTo(1 - Math.exp(-1), 1);
    expect(burglary.rotationDegrees).toBeCloseTo(30, 0);
    expect(burglary.majorSemiAxisMetres / (Math.SQRT2 * 400)).toBeCloseTo(1, 1);
    // Robbery's long axis is the other one (150 m across vs 100 m along): 120° from north.
    expect(Math.abs(robbery.rotationDegrees - 120)).toBeLessThan(2); // a rounder cloud: noisier
    const [plain] = standardDeviationalEllipse(xy, { categories, correction: 'none' }).ellipses;
    expect(plain.shareInside).toBeCloseTo(1 - Math.exp(-0.5), 1);
  });

  it('skips empty categories, follows the mask and mutates nothing', () => {
    const xy = new Float64Array([0, 0, 2, 0, 50, 50, 0, 2]);
    const copy = xy.slice();
    const { ellipses } = standardDeviationalEllipse(xy, {
      categories: new Int32Array([2, 2, 0, 2]),
      mask: new Uint8Array([1, 1, 0, 1]),
    });
    expect(ellipses.map((e) => e.category)).toEqual([2]);
    expect(ellipses[0].count).toBe(3);
    expect(xy).toEqual(copy);
  });
});
