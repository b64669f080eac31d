import { parseArgs } from 'node:util';
import { defaultDataDir } from './core/app';

/** Command-line flags shared by the launcher, the web server and the CLI. */
export function readArgs(argv = process.argv.slice(2)) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: false,
    options: {
      'data-dir': { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      web: { type: 'boolean' },
      'admin-password': { type: 'string' },
      years: { type: 'string' },
      out: { type: 'string' },
      seed: { type: 'string' },
      scale: { type: 'string' },
      'tls-cert': { type: 'string' },
      'tls-key': { type: 'string' },
      'allow-plain-http': { type: 'boolean' },
      hub: { type: 'boolean' },
      pg: { type: 'string' },
      'hub-pg': { type: 'string' },
      'read-workers': { type: 'string' },
    },
  });
  const port = values.port === undefined ? 5180 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0..65535, got ${String(values.port)}`);
  const readWorkers = values['read-workers'] === undefined ? undefined : Number(values['read-workers']);
  if (readWorkers !== undefined && (!Number.isInteger(readWorkers) || readWorkers < 0 || readWorkers > 16)) {
    throw new Error(`--read-workers must be 0..16, got ${String(values['read-workers'])}`);
  }
  return {
    dataDir: String(values['data-dir'] ?? process.env.WATCHROOM_DATA_DIR ?? defaultDataDir()),
    port,
    host: String(values.host ?? '127.0.0.1'),
    web: !!values.web,
    adminPassword: values['admin-password'] as string | undefined,
    years: values.years ? Number(values.years) : undefined,
    out: values.out as string | undefined,
    seed: values.seed ? Number(values.seed) : undefined,
    scale: values.scale ? Number(values.scale) : undefined,
    tlsCert: values['tls-cert'] as string | undefined,
    tlsKey: values['tls-key'] as string | undefined,
    allowPlainHttp: !!values['allow-plain-http'],
    /** `hub`: a sync-only hub process on the PostgreSQL database `pg`. */
    hub: !!values.hub,
    pg: (values.pg as string | undefined) ?? process.env.WATCHROOM_HUB_PG,
    /** `serve --hub-pg URL`: the district station with its hub store in PostgreSQL. */
    hubPg: values['hub-pg'] as string | undefined,
    readWorkers,
    positionals,
  };
}
