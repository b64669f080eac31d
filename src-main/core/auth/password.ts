import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

// scrypt N=2^15, r=8, p=1 (~32 MiB, ~100 ms here): slow enough to make offline guessing costly.
const N = 1 << 15;
const R = 8;
const P = 1;
const KEYLEN = 32;
const MAXMEM = 64 * 1024 * 1024;

export function hashPassword(password: string, cost = N): string {
  const salt = randomBytes(16);
  const key = scryptSync(password.normalize('NFKC'), salt, KEYLEN, { N: cost, r: R, p: P, maxmem: MAXMEM });
  return `scrypt$${cost}$${R}$${P}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export function verifyPassword(password: string, stored: string): boolean {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [, n, r, p, salt, key] = parts;
  const expected = Buffer.from(key, 'base64');
  const got = scryptSync(password.normalize('NFKC'), Buffer.from(salt, 'base64'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: MAXMEM,
  });
  return got.length === expected.length && timingSafeEqual(got, expected);
}

let dummy: string | null = null;
/** A hash that matches nothing, verified for unknown users so response time does not reveal which names exist. */
export function dummyHash(): string {
  dummy ??= hashPassword(randomBytes(12).toString('hex'));
  return dummy;
}
