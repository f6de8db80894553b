import { describe, expect, it } from 'vitest';
import { nearestNeighbourIndex } from '../../../src/analysis/nearestNeighbourIndex';
import { createRandom } from '../../../src/analysis/random';

describe('nearestNeighbourIndex (Clark & Evans 1954)', () => {
  it('gives the pencil-and-paper values for the four corners of a square', () => {
    // Each corner's nearest neighbour is 10 m away: D̄o = 10. Bounding rectangle A = 100 m².
    // D̄e = 0.5/√(4/100) = 2.5; R = 4; SE = 0.26136/√(16/100) = 0.6534; z = 7.5/0.6534 = 11.478.
    const r = nearestNeighbourIndex(new Float64Array([0, 0, 10, 0, 10, 10, 0, 10]));
    expect(r.observedMeanDistanceMetres).toBe(10);
    expect(r.expectedMeanDistanceMetres).toBe(2.5);
    expect(r.ratio).toBe(4);
    expect(r.standardErrorMetres).toBeCloseTo(0.6534, 12);
    expect(r.zScore).toBeCloseTo(7.5 / 0.6534, 10);
    expect(r.pValue).toBeLessThan(1e-29);
    expect(r.studyArea).toMatchObject({ areaSquareMetres: 100, source: 'bounding rectangle' });
    expect(r.incidentsSharingCoordinates).toBe(0);
    expect(r.warning).toBeUndefined();
    expect(r.summary).toMatch(/dispersed/);
  });

  it('matches spatstat clarkevans / clarkevans.test with no edge correction', () => {
    // R (spatstat 3.0-3): i <- 0:19
    //   X <- ppp((i*37) %% 101, (i*53) %% 97, window = owin(c(0, 101), c(0, 97)))
    //   mean(nndist(X))                          # 5.69209978830308
    //   clarkevans(X, correction = "none")       # 0.514364449564319
    //   clarkevans.test(X, correction = "none", alternative = "two.sided")$p.value
    //                                            # 3.25523573336817e-05
    // spatstat's SE uses √((4 − π)/(4π)) = 0.2613616; Clark & Evans and ArcGIS print 0.26136,
    // which this module uses. With it, in R: n <- 20; A <- 101 * 97; Do <- mean(nndist(X))
    //   z <- (Do - 0.5 / sqrt(n / A)) / (0.26136 / sqrt(n^2 / A))   # -4.15485959238105
    //   2 * pnorm(-abs(z))                                            # 3.25487354496375e-05
    const xy = new Float64Array(40);
    for (let i = 0; i < 20; i++) {
      xy[2 * i] = (i * 37) % 101;
      xy[2 * i + 1] = (i * 53) % 97;
    }
    const r = nearestNeighbourIndex(xy, { areaSquareMetres: 101 * 97 });
    expect(r.observedMeanDistanceMetres).toBeCloseTo(5.69209978830308, 12);
    expect(r.ratio).toBeCloseTo(0.514364449564319, 12);
    expect(r.zScore).toBeCloseTo(-4.15485959238105, 12);
    expect(r.pValue / 3.25487354496375e-5).toBeCloseTo(1, 9);
    // …and within 0.02% of spatstat's p with its unrounded constant.
    expect(r.pValue / 3.25523573336817e-5).toBeCloseTo(1, 3);
    expect(r.studyArea.source).toBe('given');
  });

  it('reads a random pattern as random and a clustered one as clustered', () => {
    const rng = createRandom(7);
    const n = 4000;
    const random = new Float64Array(2 * n);
    for (let i = 0; i < 2 * n; i++) random[i] = 2000 * rng.next();
    const r = nearestNeighbourIndex(random, { areaSquareMetres: 2000 * 2000 });
    // Without edge correction R is biased a little upwards (border points see fewer neighbours).
    expect(r.ratio).toBeGreaterThan(0.97);
    expect(r.ratio).toBeLessThan(1.06);
    const clustered = new Float64Array(2 * n);
    for (let i = 0; i < n; i++) {
      const c = i % 5;
      clustered[2 * i] = 300 + 350 * c + 30 * rng.normal();
      clustered[2 * i + 1] = 1000 + 30 * rng.normal();
    }
    const c = nearestNeighbourIndex(clustered, { areaSquareMetres: 2000 * 2000 });
    expect(c.ratio).toBeLessThan(0.3);
    expect(c.pValue).toBeLessThan(1e-10);
    expect(c.summary).toMatch(/clustered/);
  });

  it('counts incidents sharing exact coordinates and warns about snapped data', () => {
    // Ten incidents: four at one snapped point, two at another, four alone.
    const xy = new Float64Array([
      5, 5, 5, 5, 5, 5, 5, 5, 40, 40, 40, 40, 0, 90, 90, 0, 60, 20, 20, 60,
    ]);
    const r = nearestNeighbourIndex(xy, { areaSquareMetres: 10000, areaDescription: 'beat 12' });
    expect(r.incidentsSharingCoordinates).toBe(6);
    expect(r.distinctLocations).toBe(6);
    expect(r.warning).toMatch(/^6 of 10 incidents \(60\.0%\) share exact coordinates/);
    expect(r.summary).toMatch(/beat 12/);
    // A mask that keeps one incident of each shared location leaves no duplicates.
    const mask = new Uint8Array([1, 0, 0, 0, 1, 0, 1, 1, 1, 1]);
    const m = nearestNeighbourIndex(xy, { areaSquareMetres: 10000, mask });
    expect(m.count).toBe(6);
    expect(m.incidentsSharingCoordinates).toBe(0);
    expect(m.warning).toBeUndefined();
  });

  it('asks for a study area when the incidents have no extent', () => {
    expect(() => nearestNeighbourIndex(new Float64Array([0, 0, 5, 0]))).toThrow(
      /give the study area/,
    );
    expect(() => nearestNeighbourIndex(new Float64Array([0, 0]))).toThrow(/at least 2/);
  });
});
