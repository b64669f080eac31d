import fs from 'node:fs';
import path from 'node:path';

export interface Logger {
  info(msg: string, data?: Record<string, unknown>): void;
  warn(msg: string, data?: Record<string, unknown>): void;
  error(msg: string, data?: Record<string, unknown>): void;
}

/**
 * A failing echo stream (stderr on a full disk, a closed pipe) reports asynchronously through
 * 'error'; with no listener that event would end the process. Logging never takes the app down.
 */
function guardStream(s: NodeJS.WritableStream): NodeJS.WritableStream {
  if (!s.listeners('error').includes(ignoreError)) s.on('error', ignoreError);
  return s;
}
function ignoreError() {}


export interface RotationOptions {
  /** Rotate when the current file would pass this size (default 5 MB). */
  maxBytes?: number;
  /** Rotated files kept (watchroom.1.log … watchroom.N.log; default 10). */
  keep?: number;
  /** Rotated files older than this are deleted (default 90 days). */
  maxAgeDays?: number;
}

const DAY_MS = 24 * 3600_000;

/**
 * Moves watchroom.log to watchroom.1.log (shifting older ones up) when it has reached maxBytes,
 * and deletes rotated files beyond `keep` or older than maxAgeDays. A station left running for
 * years keeps a bounded log folder.
 */
export function rotateLogs(dir: string, o: RotationOptions = {}, now = Date.now()): void {
  const maxBytes = o.maxBytes ?? 5 * 1024 * 1024;
  const keep = o.keep ?? 10;
  const maxAge = (o.maxAgeDays ?? 90) * DAY_MS;
  const file = path.join(dir, 'watchroom.log');
  const rotated = (i: number) => path.join(dir, `watchroom.${i}.log`);
  let size = 0;
  try {
    size = fs.statSync(file).size;
  } catch {
    /* no log yet */
  }
  if (size >= maxBytes) {
    try {
      fs.rmSync(rotated(keep), { force: true });
      for (let i = keep - 1; i >= 1; i--) if (fs.existsSync(rotated(i))) fs.renameSync(rotated(i), rotated(i + 1));
      fs.renameSync(file, rotated(1));
    } catch {
      // Another process holding the file must not stop logging; the next write tries again.
    }
  }
  for (const name of fs.readdirSync(dir)) {
    const m = /^watchroom\.(\d+)\.log$/.exec(name);
    if (!m) continue;
    const p = path.join(dir, name);
    try {
      if (Number(m[1]) > keep || now - fs.statSync(p).mtimeMs > maxAge) fs.rmSync(p, { force: true });
    } catch {
      /* gone already */
    }
  }
}

/**
 * JSON lines in <dataDir>/logs/watchroom.log, rotated by size and age (rotateLogs); also echoed to
 * stderr for warnings and errors.
 */
export function fileLogger(dir: string, echo = true, echoTo: NodeJS.WritableStream = process.stderr, rotation: RotationOptions = {}): Logger {
  fs.mkdirSync(dir, { recursive: true });
  const out = guardStream(echoTo);
  const file = path.join(dir, 'watchroom.log');
  const maxBytes = rotation.maxBytes ?? 5 * 1024 * 1024;
  rotateLogs(dir, rotation);
  let size = 0;
  try {
    size = fs.statSync(file).size;
  } catch {
    /* new file */
  }
  const write = (level: string, msg: string, data?: Record<string, unknown>) => {
    const line = JSON.stringify({ t: new Date().toISOString(), level, msg, ...data }) + '\n';
    const bytes = Buffer.byteLength(line);
    if (size + bytes > maxBytes && size > 0) {
      rotateLogs(dir, { ...rotation, maxBytes: 0 });
      size = 0;
    }
    try {
      fs.appendFileSync(file, line);
      size += bytes;
    } catch {
      // A full disk must not take the app down with it; stderr still sees it.
    }
    if (echo && level !== 'info') {
      try {
        out.write(line);
      } catch {
        // A synchronous refusal (EPIPE, ENOSPC) is dropped like the file append above.
      }
    }
  };
  return {
    info: (m, d) => write('info', m, d),
    warn: (m, d) => write('warn', m, d),
    error: (m, d) => write('error', m, d),
  };
}

export function memoryLogger(): Logger & { lines: { level: string; msg: string; data?: Record<string, unknown> }[] } {
  const lines: { level: string; msg: string; data?: Record<string, unknown> }[] = [];
  return {
    lines,
    info: (msg, data) => lines.push({ level: 'info', msg, data }),
    warn: (msg, data) => lines.push({ level: 'warn', msg, data }),
    error: (msg, data) => lines.push({ level: 'error', msg, data }),
  };
}
