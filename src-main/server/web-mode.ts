import path from 'node:path';
import { createApp, type App } from '../core/app';
import { startServer, type RunningServer } from './http';
import { translate } from '../core/i18n/messages';
import { ApiError } from '../core/util/errors';

export interface WebModeOptions {
  dataDir: string;
  host: string;
  port: number;
  staticDir: string;
}

/**
 * Runs the app as a local web server (no Electron). Binds 127.0.0.1 unless told otherwise;
 * SIGTERM/SIGINT close the server and checkpoint the WAL before exit.
 */
export async function runWebMode(o: WebModeOptions): Promise<{ app: App; server: RunningServer }> {
  let app: App;
  try {
    app = createApp({ dataDir: o.dataDir });
  } catch (e) {
    if (e instanceof ApiError) {
      console.error(translate('zh-CN', e.key, e.params));
      console.error(translate('en', e.key, e.params));
      process.exit(2);
    }
    throw e;
  }
  if (o.host !== '127.0.0.1' && o.host !== 'localhost' && o.host !== '::1') {
    console.warn(
      `警告 / Warning: listening on ${o.host}: other computers on the network can reach this station. Every call still needs a signed-in session.`,
    );
  }
  const server = await startServer({ app, host: o.host, port: o.port, staticDir: o.staticDir });
  let stopping = false;
  const stop = async (sig: string) => {
    if (stopping) return;
    stopping = true;
    app.services.log.info('stopping', { signal: sig });
    await server.close();
    app.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
  return { app, server };
}

export const builtRendererDir = (mainOutDir: string) => path.join(mainOutDir, '..', 'renderer');
