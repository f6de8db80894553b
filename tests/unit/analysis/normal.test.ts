import { describe, expect, it } from 'vitest';
import {
  normalCdf,
  normalQuantile,
  normalUpperTail,
  twoSidedP,
} from '../../../src/analysis/normal';

describe('normal distribution', () => {
  it('matches R pnorm at published points', () => {
    // R: pnorm(c(0, 1, -1, 1.96, -3, 5)) →
    // 0.5 0.8413447460685429 0.1586552539314571 0.9750021048517795 0.0013498980316301 0.9999997133484281
    expect(normalCdf(0)).toBe(0.5);
    expect(normalCdf(1)).toBeCloseTo(0.8413447460685429, 15);
    expect(normalCdf(-1)).toBeCloseTo(0.1586552539314571, 15);
    expect(normalCdf(1.96)).toBeCloseTo(0.9750021048517795, 15);
    expect(normalCdf(-3)).toBeCloseTo(0.0013498980316301, 15);
    expect(normalCdf(5)).toBeCloseTo(0.9999997133484281, 15);
  });

  it('keeps relative precision far in the upper tail', () => {
    // R: pnorm(10, lower.tail = FALSE) = 7.619853024160527e-24
    expect(normalUpperTail(10) / 7.619853024160527e-24).toBeCloseTo(1, 12);
  });

  it('gives two-sided p-values as 2·pnorm(−|z|)', () => {
    expect(twoSidedP(1.959963984540054)).toBeCloseTo(0.05, 14);
    expect(twoSidedP(-2.5758293035489)).toBeCloseTo(0.01, 12);
    expect(twoSidedP(0)).toBe(1);
  });

  it('inverts with the quantile function (R qnorm)', () => {
    // R: qnorm(c(0.975, 0.995, 0.95, 1e-10)) → 1.959963984540054 2.575829303548901 1.644853626951472 -6.361340902404056
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 13);
    expect(normalQuantile(0.995)).toBeCloseTo(2.575829303548901, 13);
    expect(normalQuantile(0.95)).toBeCloseTo(1.644853626951472, 13);
    expect(normalQuantile(1e-10)).toBeCloseTo(-6.361340902404056, 11);
    expect(normalQuantile(0.5)).toBe(0);
  });
});
