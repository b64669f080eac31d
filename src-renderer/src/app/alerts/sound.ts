/**
 * The sound of a new urgent alert: a short two-tone chime written as a WAV (16-bit PCM, mono) by
 * this code — bundled with the app, nothing fetched. The volume is a local setting (Settings →
 * 我的账号); it starts at 70 % and an overdue alert is never played below MIN_URGENT_VOLUME, so
 * an overdue deadline is never silent.
 */
const VOLUME_KEY = 'watchroom.alerts.volume';
export const DEFAULT_VOLUME = 70;
export const MIN_URGENT_VOLUME = 20;

export function getVolume(): number {
  const v = Number(localStorage.getItem(VOLUME_KEY));
  return localStorage.getItem(VOLUME_KEY) !== null && Number.isFinite(v) ? Math.min(100, Math.max(0, Math.round(v))) : DEFAULT_VOLUME;
}

export function setVolume(v: number) {
  localStorage.setItem(VOLUME_KEY, String(Math.min(100, Math.max(0, Math.round(v)))));
}

/** The volume an alert plays at, 0–1: overdue alerts never below the floor. */
export function playVolume(volume: number, urgent: boolean): number {
  return (urgent ? Math.max(volume, MIN_URGENT_VOLUME) : volume) / 100;
}

/** Pure: the chime as WAV bytes (two tones, 880 Hz then 660 Hz, with short fades). */
export function chimeWav(sampleRate = 16_000): Uint8Array<ArrayBuffer> {
  const tones: [number, number][] = [[880, 0.18], [0, 0.06], [660, 0.28]];
  const samples: number[] = [];
  for (const [hz, sec] of tones) {
    const n = Math.round(sec * sampleRate);
    const fade = Math.round(0.015 * sampleRate);
    for (let i = 0; i < n; i++) {
      const env = Math.min(1, i / fade, (n - i) / fade);
      samples.push(hz ? Math.sin((2 * Math.PI * hz * i) / sampleRate) * env * 0.6 : 0);
    }
  }
  const data = samples.length * 2;
  const buf = new ArrayBuffer(44 + data);
  const v = new DataView(buf);
  const str = (o: number, s: string) => [...s].forEach((c, i) => v.setUint8(o + i, c.charCodeAt(0)));
  str(0, 'RIFF');
  v.setUint32(4, 36 + data, true);
  str(8, 'WAVE');
  str(12, 'fmt ');
  v.setUint32(16, 16, true);
  v.setUint16(20, 1, true); // PCM
  v.setUint16(22, 1, true); // mono
  v.setUint32(24, sampleRate, true);
  v.setUint32(28, sampleRate * 2, true);
  v.setUint16(32, 2, true);
  v.setUint16(34, 16, true);
  str(36, 'data');
  v.setUint32(40, data, true);
  samples.forEach((s, i) => v.setInt16(44 + i * 2, Math.round(s * 32767), true));
  return new Uint8Array(buf);
}

let url: string | null = null;
/** Counts plays, so the e2e test can see that a new urgent alert sounded. */
let played = 0;

export function playChime(urgent: boolean, volume = getVolume()): void {
  const vol = playVolume(volume, urgent);
  if (vol <= 0) return;
  url ??= URL.createObjectURL(new Blob([chimeWav()], { type: 'audio/wav' }));
  const a = new Audio(url);
  a.volume = vol;
  played++;
  document.documentElement.dataset.alertSounds = String(played);
  // A page not yet touched by the user may refuse to play; the flashing title and the area remain.
  a.play().catch(() => undefined);
}
