import { describe, expect, it } from 'vitest';
import { chimeWav, playVolume, DEFAULT_VOLUME, MIN_URGENT_VOLUME } from '../../../src-renderer/src/app/alerts/sound';

// The alert chime is written as a WAV by code (no file fetched): a real RIFF/PCM file a browser plays.
describe('alert chime', () => {
  it('is a 16-bit mono PCM WAV whose header matches its data', () => {
    const b = chimeWav(8000);
    const v = new DataView(b.buffer);
    const str = (o: number, n: number) => String.fromCharCode(...b.slice(o, o + n));
    expect(str(0, 4)).toBe('RIFF');
    expect(str(8, 4)).toBe('WAVE');
    expect(str(12, 4)).toBe('fmt ');
    expect(v.getUint16(20, true)).toBe(1);
    expect(v.getUint16(22, true)).toBe(1);
    expect(v.getUint32(24, true)).toBe(8000);
    expect(v.getUint16(34, true)).toBe(16);
    expect(str(36, 4)).toBe('data');
    expect(v.getUint32(4, true)).toBe(b.length - 8);
    expect(v.getUint32(40, true)).toBe(b.length - 44);
    // About half a second of sound, not silence.
    expect((b.length - 44) / 2 / 8000).toBeCloseTo(0.52, 1);
    let peak = 0;
    for (let i = 44; i < b.length; i += 2) peak = Math.max(peak, Math.abs(v.getInt16(i, true)));
    expect(peak).toBeGreaterThan(10_000);
  });

  it('is never silent by default, and an overdue alert never below the floor', () => {
    expect(DEFAULT_VOLUME).toBeGreaterThan(0);
    expect(playVolume(DEFAULT_VOLUME, true)).toBe(DEFAULT_VOLUME / 100);
    expect(playVolume(0, true)).toBe(MIN_URGENT_VOLUME / 100);
    expect(playVolume(5, true)).toBe(MIN_URGENT_VOLUME / 100);
    expect(playVolume(0, false)).toBe(0);
    expect(playVolume(60, false)).toBe(0.6);
  });
});
