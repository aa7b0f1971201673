// The devnet's web servers (partner page, snap): sirv serves the files; a route table says which URL path
// is which file or folder, and lets a route rewrite a text file as it is served (the partner page's chain id).
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { createRequire } from 'node:module';
import sirv, { type RequestHandler } from 'sirv';
import { PortInUseError } from './anvil.js';

/** A route: an exact URL path mapped to a file (or a function naming it), or a prefix mapped to a directory. */
export type Route = { path: string; file: string | (() => string | null); transform?: (body: string) => string } | { prefix: string; dir: string };

export interface StaticServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

const TEXT_TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.json': 'application/json; charset=utf-8' };

/** Serves `routes` on host:port; `cors` adds Access-Control-Allow-Origin: * (the snap server needs it). */
export function startStaticServer(opts: { port: number; host?: string; routes: Route[]; cors?: boolean; name?: string }): Promise<StaticServer> {
  const host = opts.host ?? '127.0.0.1';
  // dev: re-reads the folder on each request (bundles appear and change while the devnet runs), no caching
  const servers = new Map<string, RequestHandler>();
  const serveFrom = (dir: string) => {
    let s = servers.get(dir);
    if (!s) servers.set(dir, (s = sirv(dir, { dev: true, dotfiles: false })));
    return s;
  };
  const server = http.createServer((req, res) => {
    if (opts.cors) {
      res.setHeader('access-control-allow-origin', '*');
      res.setHeader('access-control-allow-methods', 'GET, HEAD, OPTIONS');
      res.setHeader('access-control-allow-headers', '*');
    }
    res.setHeader('cache-control', 'no-store');
    if (req.method === 'OPTIONS') return void res.writeHead(204).end();
    if (req.method !== 'GET' && req.method !== 'HEAD') return void res.writeHead(405).end();
    const notFound = () => void res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end(`not found: ${req.url}\n`);
    const url = new URL(req.url ?? '/', 'http://x');
    const urlPath = url.pathname === '/' ? '/index.html' : url.pathname;
    const exact = opts.routes.find((r): r is Extract<Route, { path: string }> => 'path' in r && r.path === urlPath);
    if (exact) {
      const file = typeof exact.file === 'function' ? exact.file() : exact.file;
      if (!file || !fs.existsSync(file)) return notFound();
      if (exact.transform) {
        const body = exact.transform(fs.readFileSync(file, 'utf8'));
        res.writeHead(200, { 'content-type': TEXT_TYPES[path.extname(file)] ?? 'text/plain; charset=utf-8' });
        return void res.end(req.method === 'HEAD' ? undefined : body);
      }
      req.url = `/${encodeURIComponent(path.basename(file))}`;
      return serveFrom(path.dirname(file))(req, res, notFound);
    }
    const dir = opts.routes.find((r): r is Extract<Route, { prefix: string }> => 'prefix' in r && urlPath.startsWith(r.prefix));
    if (!dir) return notFound();
    req.url = `/${url.pathname.slice(dir.prefix.length)}${url.search}`;
    return serveFrom(dir.dir)(req, res, notFound);
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

/** The snap server's routes (what MetaMask fetches for a local: snap): the devnet manifest (default) or the production one. */
export function snapRoutes(target: 'devnet' | 'production' = 'devnet'): Route[] {
  const dir = SNAP_DIR;
  return [
    { path: '/snap.manifest.json', file: path.join(dir, target === 'devnet' ? 'snap.manifest.devnet.json' : 'snap.manifest.json') },
    { path: '/package.json', file: path.join(dir, 'package.json') },
    { path: '/index.html', file: () => null },
    { prefix: '/dist/', dir: path.join(dir, 'dist') },
    { prefix: '/images/', dir: path.join(dir, 'images') },
    { prefix: '/locales/', dir: path.join(dir, 'locales') },
  ];
}

/** The @metis-liquid-staking/snap package's folder. */
export const SNAP_DIR = path.dirname(createRequire(import.meta.url).resolve('@metis-liquid-staking/snap/package.json'));
