import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A small fault-injecting HTTP proxy between a station and its hub. Each request gets a fault
 * chosen by `plan(n, path)` (n counts requests from 0):
 * - 'pass'          forward as is
 * - 'down'          the line is down: the connection is reset, the hub sees nothing
 * - 'cutRequest'    half of the body reaches the hub, then both sides are cut (killed mid-batch)
 * - 'dropResponse'  the hub receives and applies, but the answer never reaches the station
 * - 'duplicate'     the hub receives the request twice; the station sees the second answer
 * - 'delay'         forwarded after `delayMs`; the answer is held as long again (a slow line)
 * - 'slowBody'      half of the body, a pause of `delayMs`, then the rest (time to kill the hub mid-batch)
 * `onFault(fault, n)` is called as a fault starts (tests kill processes from there).
 */
export type Fault = 'pass' | 'down' | 'cutRequest' | 'dropResponse' | 'duplicate' | 'delay' | 'slowBody';

export interface FaultProxy {
  url: string;
  counts: Record<Fault, number>;
  requests: number;
  onFault: ((fault: Fault, n: number) => void) | null;
  setTarget(url: string): void;
  setPlan(plan: (n: number, path: string) => Fault): void;
  close(): Promise<void>;
}

function forward(target: URL, req: http.IncomingMessage, body: Buffer, partial = false, pauseMs = 0): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const up = http.request(
      { host: target.hostname, port: target.port, path: req.url, method: req.method, headers: { ...req.headers, host: target.host, 'content-length': String(body.length) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 502, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      },
    );
    up.on('error', reject);
    if (pauseMs) {
      up.write(body.subarray(0, Math.floor(body.length / 2)));
      setTimeout(() => up.end(body.subarray(Math.floor(body.length / 2))), pauseMs);
      return;
    }
    if (partial) {
      up.write(body.subarray(0, Math.floor(body.length / 2)));
      setTimeout(() => {
        up.destroy();
        reject(new Error('cut'));
      }, 20);
      return;
    }
    up.end(body);
  });
}

export async function startProxy(targetUrl: string, opts: { delayMs?: number } = {}): Promise<FaultProxy> {
  let target = new URL(targetUrl);
  let plan: (n: number, path: string) => Fault = () => 'pass';
  const counts: Record<Fault, number> = { pass: 0, down: 0, cutRequest: 0, dropResponse: 0, duplicate: 0, delay: 0, slowBody: 0 };
  const hooks: { onFault: FaultProxy['onFault'] } = { onFault: null };
  let n = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const fault = plan(n++, req.url ?? '');
      counts[fault]++;
      if (fault !== 'pass') hooks.onFault?.(fault, n - 1);
      const reply = (r: { status: number; headers: http.IncomingHttpHeaders; body: Buffer }) => {
        res.writeHead(r.status, { 'content-type': String(r.headers['content-type'] ?? 'application/json'), 'content-length': r.body.length });
        res.end(r.body);
      };
      const fail = () => res.socket?.destroy();
      switch (fault) {
        case 'down':
          return fail();
        case 'cutRequest':
          return void forward(target, req, body, true).then(fail, fail);
        case 'dropResponse':
          return void forward(target, req, body).then(fail, fail);
        case 'duplicate':
          return void forward(target, req, body)
            .then(() => forward(target, req, body))
            .then(reply, fail);
        case 'delay':
          return void setTimeout(
            () => void forward(target, req, body).then((r) => setTimeout(() => reply(r), opts.delayMs ?? 200), fail),
            opts.delayMs ?? 200,
          );
        case 'slowBody':
          return void forward(target, req, body, false, opts.delayMs ?? 200).then(reply, fail);
        default:
          return void forward(target, req, body).then(reply, fail);
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    counts,
    get requests() {
      return n;
    },
    get onFault() {
      return hooks.onFault;
    },
    set onFault(f) {
      hooks.onFault = f;
    },
    setTarget: (u) => (target = new URL(u)),
    setPlan: (p) => (plan = p),
    close: () =>
      new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
  };
}
