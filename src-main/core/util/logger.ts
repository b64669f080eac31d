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

/** JSON lines in <dataDir>/logs/watchroom.log; also echoed to stderr for warnings and errors. */
export function fileLogger(dir: string, echo = true, echoTo: NodeJS.WritableStream = process.stderr): Logger {
  fs.mkdirSync(dir, { recursive: true });
  const out = guardStream(echoTo);
  const file = path.join(dir, 'watchroom.log');
  const write = (level: string, msg: string, data?: Record<string, unknown>) => {
    const line = JSON.stringify({ t: new Date().toISOString(), level, msg, ...data });
    try {
      fs.appendFileSync(file, line + '\n');
    } catch {
      // A full disk must not take the app down with it; stderr still sees it.
    }
    if (echo && level !== 'info') {
      try {
        out.write(line + '\n');
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
