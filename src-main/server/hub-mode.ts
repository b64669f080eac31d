import fs from 'node:fs';
import path from 'node:path';
import { openPgHubStore } from '../core/sync/pg/store';
import { translate } from '../core/i18n/messages';
import { ApiError } from '../core/util/errors';
import { fileLogger } from '../core/util/logger';
import { startHubServer } from './hub-server';

export interface HubModeOptions {
  pg: string;
  host: string;
  port: number;
  logDir: string;
  tlsCert?: string;
  tlsKey?: string;
  allowPlainHttp?: boolean;
}

/** `npm run hub -- --pg URL`: migrates the hub database (or refuses a newer one) and serves sync. */
export async function runHubMode(o: HubModeOptions) {
  const log = fileLogger(o.logDir);
  let hub;
  try {
    hub = await openPgHubStore(o.pg);
    if (!(await hub.identity())) throw new ApiError('UNAVAILABLE', 'sync.hubNotReady');
  } catch (e) {
    if (e instanceof ApiError) {
      console.error(translate('zh-CN', e.key, e.params));
      console.error(translate('en', e.key, e.params));
      await hub?.close();
      process.exit(2);
    }
    throw e;
  }
  if (!!o.tlsCert !== !!o.tlsKey) throw new Error('--tls-cert and --tls-key go together');
  const tls = o.tlsCert && o.tlsKey ? { cert: fs.readFileSync(o.tlsCert), key: fs.readFileSync(o.tlsKey) } : null;
  const server = await startHubServer({ hub, log, host: o.host, port: o.port, tls, allowPlainHttp: o.allowPlainHttp });
  const stop = async () => {
    await server.close().catch(() => undefined);
    await hub.close().catch(() => undefined);
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
  return { server, hub, logDir: path.resolve(o.logDir) };
}
