/**
 * `npm start`: the desktop window where the Electron runtime is installed; otherwise the same
 * app in web mode on http://127.0.0.1:<port>. Runs under plain Node; never imports 'electron'
 * (requiring it would try to download the binary).
 */
import path from 'node:path';
import { spawn } from 'node:child_process';
import { readArgs } from './args';
import { builtRendererDir, runWebMode } from './server/web-mode';
import { electronBinary } from './launcher-detect';
import { runHubMode } from './server/hub-mode';

async function main() {
  const args = readArgs();
  if (args.hub) {
    if (!args.pg) throw new Error('npm run hub -- --pg postgres://user@host/db [--port N --host H]');
    const h = await runHubMode({ pg: args.pg, host: args.host, port: args.port, logDir: path.join(args.dataDir, 'logs'), tlsCert: args.tlsCert, tlsKey: args.tlsKey, allowPlainHttp: args.allowPlainHttp });
    console.log(`Watchroom hub: ${h.server.url}/api/sync/  (PostgreSQL)`);
    return;
  }
  const root = path.resolve(__dirname, '..', '..');
  const bin = args.web ? null : electronBinary(root);
  if (bin) {
    const child = spawn(bin, [root, ...process.argv.slice(2)], { stdio: 'inherit' });
    child.on('exit', (code) => process.exit(code ?? 0));
    return;
  }
  if (!args.web) {
    console.log('未找到 Electron 运行时，Watchroom 以网页模式运行。 (The Electron runtime is not installed here, so Watchroom runs in web mode.)');
  }
  let port = args.port;
  const start = () => runWebMode({ dataDir: args.dataDir, host: args.host, port, staticDir: builtRendererDir(__dirname), tlsCert: args.tlsCert, tlsKey: args.tlsKey, allowPlainHttp: args.allowPlainHttp, readWorkers: args.readWorkers, mainOutDir: __dirname, hubPg: args.hubPg });
  let running;
  try {
    running = await start();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EADDRINUSE' || process.argv.includes('--port')) throw e;
    port = 0; // the default port is taken: any free one will do
    running = await start();
  }
  console.log(`Watchroom: ${running.server.url}/  (data: ${args.dataDir})`);
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
