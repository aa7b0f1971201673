// Test helpers for the snap: serve the built snap over HTTP (the devnet's snap server), install it in
// @metamask/snaps-simulation with anvil's mnemonic (so the snap's account is anvil's funded, unlocked
// account #0) and forward the snap's eth_* requests to a real anvil.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { installSnap } from '@metamask/snaps-simulation';
import type { JsonRpcRequest } from '@metamask/utils';
import { CONTRACTS_DIR, DEPLOYMENTS_DIR } from '@metis-liquid-staking/contracts/node';
import { findFreePort } from '../../devnet/anvil.js';
import { SNAP_DIR, snapRoutes, startStaticServer } from '../../devnet/serve.js';

export { SNAP_DIR };

const BINDINGS_DIR = path.join(CONTRACTS_DIR, 'bindings');
export const ANVIL_MNEMONIC = 'test test test test test test test test test test test junk';

const newest = (dir: string): number =>
  !fs.existsSync(dir)
    ? 0
    : fs.readdirSync(dir, { withFileTypes: true }).reduce((t, e) => {
        const p = path.join(dir, e.name);
        return Math.max(t, e.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs);
      }, 0);

/**
 * Runs `npm run build:snap` (snap/scripts/build.mjs) unless snap/dist/bundle.js is newer than every source
 * it is built from; the manifest shasum must match the bundle and locale files or installSnap refuses it.
 */
export function ensureSnapBuilt(): void {
  const bundles = [path.join(SNAP_DIR, 'dist', 'bundle.js'), path.join(SNAP_DIR, 'dist', 'devnet', 'bundle.js')];
  const sources = [...['src', 'ui', 'locales', 'images'].map((d) => path.join(SNAP_DIR, d)), BINDINGS_DIR, DEPLOYMENTS_DIR].map(newest);
  const sourceTime = Math.max(...sources, fs.statSync(path.join(SNAP_DIR, 'snap.config.ts')).mtimeMs);
  if (bundles.every((b) => fs.existsSync(b) && fs.statSync(b).mtimeMs >= sourceTime)) return;
  const r = spawnSync(process.execPath, [path.join(SNAP_DIR, 'scripts', 'build.mjs')], { cwd: SNAP_DIR, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`snap build failed:\n${r.stdout}\n${r.stderr}`);
  // webpack leaves an unchanged bundle untouched: mark it current so the next run does not rebuild
  const now = new Date();
  for (const b of bundles) fs.utimesSync(b, now, now);
}

/**
 * Serves the snap (manifest, bundle, icon, locales) on a free port with the devnet's snap server; the snap id
 * is local:<url>. `devnet` (default) serves snap.manifest.devnet.json, `production` snap.manifest.json.
 */
export async function serveSnap(target: 'devnet' | 'production' = 'devnet'): Promise<{ snapId: string; close(): Promise<void> }> {
  ensureSnapBuilt();
  const server = await startStaticServer({ port: await findFreePort(), routes: snapRoutes(target), cors: true, name: 'the test snap server' });
  return { snapId: `local:${server.url}`, close: () => server.close() };
}

/** An eth_call the snap made: the contract called and the call data. */
export type EthCall = { to: string; data: string };

/**
 * A mockJsonRpc implementation that sends the snap's chain requests to `url`. Accounts and the chain id
 * stay with the simulation (so the snap's own chain switching is exercised); returning undefined falls through.
 * `log` gets every forwarded method, `ethCalls` each eth_call's target and data.
 */
export function forwardTo(url: string, log?: string[], ethCalls?: EthCall[]) {
  return async (req: JsonRpcRequest): Promise<any> => {
    if (!/^(eth_|net_|web3_)/.test(req.method) || ['eth_requestAccounts', 'eth_accounts', 'eth_chainId'].includes(req.method)) return undefined;
    log?.push(req.method);
    if (req.method === 'eth_call' && Array.isArray(req.params)) {
      const { to, data } = req.params[0] as { to: string; data: string };
      ethCalls?.push({ to, data });
    }
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: req.method, params: req.params ?? [] }),
    });
    const body = (await res.json()) as { result?: unknown; error?: { code: number; message: string; data?: unknown } };
    if (body.error) throw Object.assign(new Error(body.error.message), body.error);
    return body.result;
  };
}

export type SimSnap = Awaited<ReturnType<typeof installSnap>>;

/** Installs the served snap with anvil's mnemonic and forwards chain requests to `rpcUrl`. */
export async function installTestSnap(
  snapId: string,
  rpcUrl: string,
  opts: { locale?: string; log?: string[]; ethCalls?: EthCall[] } = {},
): Promise<SimSnap> {
  const snap = await installSnap(snapId as Parameters<typeof installSnap>[0] & string, {
    options: { secretRecoveryPhrase: ANVIL_MNEMONIC, locale: opts.locale ?? 'en' },
  });
  snap.mockJsonRpc(forwardTo(rpcUrl, opts.log, opts.ethCalls));
  return snap;
}

/** Every string in a rendered snaps UI tree (text children, labels, titles, addresses), in order. */
export function uiText(node: unknown): string[] {
  const out: string[] = [];
  const walk = (n: unknown) => {
    if (n === null || n === undefined || typeof n === 'boolean') return;
    if (typeof n === 'string' || typeof n === 'number') {
      out.push(String(n));
      return;
    }
    if (Array.isArray(n)) return n.forEach(walk);
    if (typeof n === 'object') {
      const props = ((n as { props?: Record<string, unknown> }).props ?? {}) as Record<string, unknown>;
      for (const k of ['title', 'label', 'address']) if (typeof props[k] === 'string' && props[k]) out.push(props[k] as string);
      walk(props.children);
    }
  };
  walk(node);
  return out;
}

/** uiText joined with " | " for substring assertions. */
export const uiString = (node: unknown): string => uiText(node).join(' | ');

/** Every element of type `type` ("Image", "Row", ...) in a rendered snaps UI tree, in order. */
export function uiElements(node: unknown, type: string): { type: string; props: Record<string, unknown> }[] {
  const out: { type: string; props: Record<string, unknown> }[] = [];
  const walk = (n: unknown) => {
    if (Array.isArray(n)) return n.forEach(walk);
    if (n === null || typeof n !== 'object') return;
    const el = n as { type?: unknown; props?: Record<string, unknown> };
    if (el.type === type) out.push({ type, props: el.props ?? {} });
    walk(el.props?.children);
  };
  walk(node);
  return out;
}
