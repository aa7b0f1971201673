// A tiny static HTTP server for the partner page and the snap (no dependencies).
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { PortInUseError } from './anvil.js';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.map': 'application/json; charset=utf-8',
};

/** A route: an exact URL path mapped to a file (or a function producing the body), or a prefix mapped to a directory. */
export type Route =
  | { path: string; file: string | (() => string | null); transform?: (body: string) => string }
  | { prefix: string; dir: string };

export interface StaticServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

function resolveRoute(routes: Route[], urlPath: string): { file: string; transform?: (b: string) => string } | null {
  for (const r of routes) {
    if ('path' in r && r.path === urlPath) {
      const file = typeof r.file === 'function' ? r.file() : r.file;
      return file ? { file, transform: r.transform } : null;
    }
  }
  for (const r of routes) {
    if ('prefix' in r && urlPath.startsWith(r.prefix)) {
      const rel = decodeURIComponent(urlPath.slice(r.prefix.length));
      const file = path.resolve(r.dir, `.${path.posix.normalize(`/${rel}`)}`);
      if (!file.startsWith(path.resolve(r.dir) + path.sep) && file !== path.resolve(r.dir)) return null;
      return { file };
    }
  }
  return null;
}

/** Serves `routes` on host:port; `cors` adds Access-Control-Allow-Origin: * (the snap server needs it). */
export function startStaticServer(opts: { port: number; host?: string; routes: Route[]; cors?: boolean; name?: string }): Promise<StaticServer> {
  const host = opts.host ?? '127.0.0.1';
  const server = http.createServer((req, res) => {
    const urlPath = new URL(req.url ?? '/', 'http://x').pathname;
    const headers: Record<string, string> = { 'cache-control': 'no-store' };
    if (opts.cors) {
      headers['access-control-allow-origin'] = '*';
      headers['access-control-allow-methods'] = 'GET, HEAD, OPTIONS';
      headers['access-control-allow-headers'] = '*';
    }
    if (req.method === 'OPTIONS') {
      res.writeHead(204, headers).end();
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, headers).end();
      return;
    }
    const hit = resolveRoute(opts.routes, urlPath === '/' ? '/index.html' : urlPath);
    let file = hit?.file;
    if (file && fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    if (!hit || !file || !fs.existsSync(file)) {
      res.writeHead(404, { ...headers, 'content-type': 'text/plain; charset=utf-8' }).end(`not found: ${urlPath}\n`);
      return;
    }
    const type = MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
    let body: Buffer | string = fs.readFileSync(file);
    if (hit.transform) body = hit.transform(body.toString('utf8'));
    res.writeHead(200, { ...headers, 'content-type': type });
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  return new Promise((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => {
      reject(err.code === 'EADDRINUSE' ? new PortInUseError(host, opts.port, opts.name ?? 'the web server') : err);
    });
    server.listen(opts.port, host, () => {
      resolve({
        url: `http://${host === '127.0.0.1' ? 'localhost' : host}:${opts.port}`,
        port: opts.port,
        close: () =>
          new Promise<void>((r) => {
            server.close(() => r());
            server.closeAllConnections();
          }),
      });
    });
  });
}
