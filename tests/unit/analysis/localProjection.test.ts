import { describe, expect, it } from 'vitest';
import { createLocalProjection, EARTH_RADIUS_METRES } from '../../../src/analysis/localProjection';
import { createRandom } from '../../../src/analysis/random';

describe('createLocalProjection', () => {
  const p = createLocalProjection(-87.65, 41.85);

  it('puts the centre at the origin', () => {
    const [x, y] = p.forward(-87.65, 41.85);
    expect(x).toBeCloseTo(0, 9);
    expect(y).toBeCloseTo(0, 9);
  });

  it('measures a degree of latitude along the central meridian as R·π/180', () => {
    // 6,371,008.8 m × π / 180 = 111,195.08 m
    const [, y] = p.forward(-87.65, 42.85);
    expect(y).toBeCloseTo((EARTH_RADIUS_METRES * Math.PI) / 180, 3);
  });

  it('measures east–west distance as the great-circle distance near the centre', () => {
    // Haversine distance between (41.85, -87.65) and (41.85, -87.60): 4,139.6 m
    const [x] = p.forward(-87.6, 41.85);
    const phi = (41.85 * Math.PI) / 180;
    const dl = (0.05 * Math.PI) / 180;
    const hav = 2 * EARTH_RADIUS_METRES * Math.asin(Math.cos(phi) * Math.sin(dl / 2));
    expect(Math.abs(x - hav) / hav).toBeLessThan(1e-4);
  });

  it('inverts its forward transform', () => {
    const rng = createRandom(7);
    for (let i = 0; i < 100; i++) {
      const lon = -87.65 + (rng.next() - 0.5);
      const lat = 41.85 + (rng.next() - 0.5);
      const [x, y] = p.forward(lon, lat);
      const [lon2, lat2] = p.inverse(x, y);
      expect(lon2).toBeCloseTo(lon, 10);
      expect(lat2).toBeCloseTo(lat, 10);
    }
  });
});
