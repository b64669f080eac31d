import fs from 'node:fs';
import path from 'node:path';

export interface Logger {
  info(msg: string, data?: Record<string, unknown>): void;
  warn(msg: string, data?: Record<string, unknown>): void;
  error(msg: string, data?: Record<string, unknown>): void;
}

/** JSON lines in <dataDir>/logs/watchroom.log; also echoed to stderr for warnings and errors. */
export function fileLogger(dir: string, echo = true): Logger {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'watchroom.log');
  const write = (level: string, msg: string, data?: Record<string, unknown>) => {
    const line = JSON.stringify({ t: new Date().toISOString(), level, msg, ...data });
    try {
      fs.appendFileSync(file, line + '\n');
    } catch {
      // A full disk must not take the app down with it; stderr still sees it.
    }
    if (echo && level !== 'info') process.stderr.write(line + '\n');
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
