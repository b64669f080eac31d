import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  LocalDate, addDays, addMonths, dayDiff, endOfLocalDay, isLocalDate, localDate, localMinuteOfDay, localMonth, localToUtc,
  monthDates, nextSlot, tzOffset, weekday, zoneOf, DEFAULT_TIME_ZONE,
} from '../../../src-main/contract/time';

const SH = 'Asia/Shanghai';
describe('contract/time: one calendar for main and renderer', () => {
  it('local dates are real calendar dates', () => {
    expect(isLocalDate('2026-02-28')).toBe(true);
    expect(isLocalDate('2026-02-29')).toBe(false);
    expect(isLocalDate('2028-02-29')).toBe(true);
    expect(isLocalDate('2026-13-01')).toBe(false);
    expect(isLocalDate('2026-1-01')).toBe(false);
    expect(LocalDate.safeParse('2026-04-31').success).toBe(false);
  });
  it('day and month arithmetic', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(dayDiff('2026-12-01', '2027-01-01')).toBe(31);
    expect(weekday('2026-12-02')).toBe(3);
    expect(monthDates('2027-02')).toHaveLength(28);
    expect(addMonths('2026-12', 1)).toBe('2027-01');
    expect(addMonths('2027-01', -13)).toBe('2025-12');
  });
  it('Beijing time: local date, month and minute of an instant', () => {
    const t = Date.UTC(2026, 11, 31, 16, 30); // 2027-01-01 00:30 in Beijing
    expect(localDate(t, SH)).toBe('2027-01-01');
    expect(localMonth(t, SH)).toBe('2027-01');
    expect(localMinuteOfDay(t, SH)).toBe(30);
    expect(localToUtc('2027-01-01', 30, SH)).toBe(t);
    expect(endOfLocalDay(t, SH)).toBe(Date.UTC(2027, 0, 1, 16, 0) - 1);
    expect(nextSlot(t, SH, ['08:00', '20:00'])).toBe(Date.UTC(2027, 0, 1, 0, 0));
  });
  it('zones with daylight saving: local wall time round-trips across the change', () => {
    const NY = 'America/New_York';
    // 2026-03-08 is the spring-forward day: 03:00 local is 07:00 UTC (EDT, −4).
    expect(localToUtc('2026-03-08', 3 * 60, NY)).toBe(Date.UTC(2026, 2, 8, 7, 0));
    expect(localToUtc('2026-03-07', 12 * 60, NY)).toBe(Date.UTC(2026, 2, 7, 17, 0));
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2030, 0, 1) }), (ms) => {
        const d = localDate(ms, NY);
        const m = localMinuteOfDay(ms, NY);
        // Round trip holds except in the skipped spring-forward hour, which has no local time.
        const back = localToUtc(d, m, NY);
        expect(Math.abs(back - (ms - (ms % 60_000))) <= 3_600_000).toBe(true);
        expect(tzOffset(ms, SH)).toBe(8 * 3_600_000);
      }),
      { numRuns: 300 },
    );
  });
  it('the zone default is stated once', () => {
    expect(zoneOf(null)).toBe(DEFAULT_TIME_ZONE);
    expect(zoneOf({ timeZone: 'Asia/Urumqi' })).toBe('Asia/Urumqi');
  });
});
