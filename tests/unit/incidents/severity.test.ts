import { describe, expect, it } from 'vitest';
import { suggestAccidentGrade } from '../../../src-main/contract/incidents';
import { ACCIDENT_THRESHOLDS } from '../../../src-main/core/incidents/taxonomy';

const g = (dead: number, serious: number, loss: number | null = 0) => suggestAccidentGrade(ACCIDENT_THRESHOLDS, { dead, serious }, loss).grade;
const WAN = 10_000; // 万元

describe('standards §2: Decree 493 Art. 3 accident grades (以上 includes, 以下 excludes)', () => {
  it('standards §2: deaths — 30 以上 特别重大, 10–29 重大, 3–9 较大, under 3 一般', () => {
    expect(g(30, 0)).toBe('I');
    expect(g(29, 0)).toBe('II');
    expect(g(10, 0)).toBe('II');
    expect(g(9, 0)).toBe('III');
    expect(g(3, 0)).toBe('III');
    expect(g(2, 0)).toBe('IV');
    expect(g(0, 0)).toBe('IV');
  });

  it('standards §2: serious injuries — 100 以上 I, 50–99 II, 10–49 III, under 10 IV', () => {
    expect(g(0, 100)).toBe('I');
    expect(g(0, 99)).toBe('II');
    expect(g(0, 50)).toBe('II');
    expect(g(0, 49)).toBe('III');
    expect(g(0, 10)).toBe('III');
    expect(g(0, 9)).toBe('IV');
  });

  it('standards §2: direct loss — 1亿 以上 I, 5000万–<1亿 II, 1000万–<5000万 III, under 1000万 IV', () => {
    expect(g(0, 0, 10_000 * WAN)).toBe('I');
    expect(g(0, 0, 10_000 * WAN - 1)).toBe('II');
    expect(g(0, 0, 5_000 * WAN)).toBe('II');
    expect(g(0, 0, 5_000 * WAN - 1)).toBe('III');
    expect(g(0, 0, 1_000 * WAN)).toBe('III');
    expect(g(0, 0, 1_000 * WAN - 1)).toBe('IV');
    expect(g(0, 0, null)).toBe('IV');
  });

  it('standards §2: any one criterion, the highest grade wins, and the reasons are named', () => {
    expect(g(2, 10, 0)).toBe('III');
    expect(g(3, 0, 10_000 * WAN)).toBe('I');
    expect(g(10, 100, 0)).toBe('I');
    expect(suggestAccidentGrade(ACCIDENT_THRESHOLDS, { dead: 10, serious: 60 }, 5_000 * WAN).by).toEqual(['deaths', 'serious', 'directLoss']);
    expect(suggestAccidentGrade(ACCIDENT_THRESHOLDS, { dead: 31, serious: 60 }, 0).by).toEqual(['deaths']);
  });

  it('standards §2: thresholds are data (resources/taxonomy/severity.json), ordered from the highest grade', () => {
    expect(ACCIDENT_THRESHOLDS.map((t) => t.grade)).toEqual(['I', 'II', 'III']);
    expect(ACCIDENT_THRESHOLDS[0]).toMatchObject({ deathsAtLeast: 30, seriousAtLeast: 100, directLossAtLeast: 100_000_000 });
  });
});
