import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileLogger, rotateLogs } from '../../../src-main/core/util/logger';

/** A station runs for years: its log folder must stay bounded by size, count and age. */
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'wr-log-'));
const files = (d: string) => fs.readdirSync(d).sort();

describe('log rotation', () => {
  it('rotates the file when it reaches the size limit and keeps at most `keep` old files', () => {
    const dir = tmp();
    const log = fileLogger(dir, false, process.stderr, { maxBytes: 2000, keep: 3 });
    for (let i = 0; i < 200; i++) log.info('tick', { i, pad: 'x'.repeat(40) });
    expect(files(dir)).toEqual(['watchroom.1.log', 'watchroom.2.log', 'watchroom.3.log', 'watchroom.log']);
    for (const f of files(dir)) expect(fs.statSync(path.join(dir, f)).size).toBeLessThanOrEqual(2000);
    // Nothing is lost within what is kept: the newest line is in the current file, in order.
    const last = fs.readFileSync(path.join(dir, 'watchroom.log'), 'utf8').trim().split('\n').pop()!;
    expect(JSON.parse(last)).toMatchObject({ level: 'info', msg: 'tick', i: 199 });
    const prev = fs.readFileSync(path.join(dir, 'watchroom.1.log'), 'utf8').trim().split('\n').map((l) => JSON.parse(l).i as number);
    expect(prev[prev.length - 1]).toBeLessThan(199);
  });

  it('deletes rotated files older than the age limit, never the current one', () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'watchroom.log'), 'current\n');
    fs.writeFileSync(path.join(dir, 'watchroom.1.log'), 'recent\n');
    fs.writeFileSync(path.join(dir, 'watchroom.2.log'), 'old\n');
    const now = Date.now();
    const old = new Date(now - 100 * 86_400_000);
    fs.utimesSync(path.join(dir, 'watchroom.2.log'), old, old);
    fs.utimesSync(path.join(dir, 'watchroom.log'), old, old);
    rotateLogs(dir, { maxAgeDays: 90 }, now);
    expect(files(dir)).toEqual(['watchroom.1.log', 'watchroom.log']);
  });

  it('a small file is not rotated at start', () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'watchroom.log'), 'x\n');
    fileLogger(dir, false);
    expect(files(dir)).toEqual(['watchroom.log']);
  });
});
