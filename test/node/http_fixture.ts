/**
 * A local HTTP server (node:http on 127.0.0.1, random port) for download tests, with
 * switchable misbehaviour: no Range support, connections dropped mid-body, redirects,
 * error statuses, stalls.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** How the server answers one path. */
export interface Route {
  /** The file's bytes. */
  body?: Uint8Array;
  /** Honour `Range: bytes=N-` with 206 (default true). */
  range?: boolean;
  /** The first `times` requests send full headers but only `after` body bytes, then drop the connection. */
  drop?: { times: number; after: number };
  /** The first `times` requests are answered with this status and no body. */
  fail?: { times: number; status: number };
  /** Answer 302 with this Location (relative or absolute). */
  redirect?: string;
  /** Send headers, then stay silent this long before the body. */
  stallMs?: number;
}

/** A request as the server saw it. */
export interface Seen {
  path: string;
  range?: string;
}

export interface TestServer {
  /** Base URL ending in '/'. */
  url: string;
  /** Requests so far, in order. */
  seen: Seen[];
  routes: Record<string, Route>;
  close(): Promise<void>;
}

/** Start a server for `routes` (keys are paths like '/a.bin'). */
export async function startServer(routes: Record<string, Route>): Promise<TestServer> {
  const seen: Seen[] = [];
  const counts = new Map<string, number>();
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    seen.push({ path, ...(req.headers.range ? { range: req.headers.range } : {}) });
    const n = (counts.get(path) ?? 0) + 1;
    counts.set(path, n);
    answer(routes[path], n, req, res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    seen,
    routes,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

function answer(route: Route | undefined, n: number, req: IncomingMessage, res: ServerResponse): void {
  if (!route) return void res.writeHead(404).end('not found');
  if (route.redirect) return void res.writeHead(302, { Location: route.redirect }).end();
  if (route.fail && n <= route.fail.times) return void res.writeHead(route.fail.status).end();
  const body = route.body ?? new Uint8Array(0);
  const m = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
  let start = 0;
  if (m && route.range !== false) {
    start = Number(m[1]);
    if (start >= body.length) {
      return void res.writeHead(416, { 'Content-Range': `bytes */${body.length}` }).end();
    }
    res.writeHead(206, {
      'Content-Length': body.length - start,
      'Content-Range': `bytes ${start}-${body.length - 1}/${body.length}`,
      'Accept-Ranges': 'bytes',
    });
  } else {
    res.writeHead(200, { 'Content-Length': body.length, ...(route.range !== false ? { 'Accept-Ranges': 'bytes' } : {}) });
  }
  const rest = body.subarray(start);
  if (route.drop && n <= route.drop.times) {
    // A partial write, then drop the connection once the client has had time to read it
    // (a reset discards bytes the client has not read yet, which would make tests flaky).
    res.write(rest.subarray(0, route.drop.after), () => setTimeout(() => res.destroy(), 50));
    return;
  }
  if (route.stallMs) {
    res.flushHeaders();
    setTimeout(() => res.end(rest), route.stallMs).unref();
    return;
  }
  res.end(rest);
}

/** A port with nothing listening on it (bound, then released): connecting gets ECONNREFUSED. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}
