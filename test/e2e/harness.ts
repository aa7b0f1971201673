// End-to-end harness: the devnet's demo partner page in Debian's Chromium (playwright-core), with a wallet
// injected into the page whose requests are answered in this (node) process.
//
// What is real: the anvil chain (startTestDevnet), the partner page and widget bundle served by the devnet's
// own static server (devnet/serve.ts, same routes as `npm start`), the snap bundle running in
// @metamask/snaps-simulation (test/helpers/snap.ts). What is played: only MetaMask's UI, by the same
// TestWallet the widget tests use (test/helpers/test-wallet.ts), living in this process behind the page's
// injected provider. It sends eth_* to anvil, which signs for its unlocked dev accounts; wallet_getSnaps /
// wallet_requestSnaps / wallet_invokeSnap go to the real snap in the simulation, whose dialog the test
// approves there (MetaMask would show it).
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { Address } from 'viem';
import { CONTRACTS_DIR } from '@metis-liquid-staking/contracts/node';
import { REPO_ROOT, findFreePort } from '../../devnet/anvil.js';
import { startStaticServer, type StaticServer } from '../../devnet/serve.js';
import { WIDGET_DIR, partnerSiteRoutes } from '../../devnet/partner-routes.js';
import type { TestDevnet } from '../helpers/devnet-fixture.js';
import { installTestSnap, serveSnap, uiString, type SimSnap } from '../helpers/snap.js';
import { TestWallet, type WalletSnap } from '../helpers/test-wallet.js';
// @ts-expect-error plain .mjs helper without types
import { CHROMIUM_ARGS, HOW_TO_GET_CHROMIUM, findChromium } from '../../scripts/find-chromium.mjs';

/** The origin `npm start` serves the partner page on; the devnet deploy registers it in the PartnerRegistry, so the snap serves it. */
export const PARTNER_ORIGIN = 'http://localhost:3000';
export const SNAP_ORIGIN = 'http://localhost:8080';
export const SNAP_ID = `local:${SNAP_ORIGIN}`;
/** Snap methods that return data without a confirmation dialog. */
const SNAP_METHODS_WITHOUT_DIALOG = ['rememberAirdropClaim', 'getPosition'];

export const WIDGET_BUNDLE = path.join(WIDGET_DIR, 'dist', 'metis-stake-widget.iife.js');
export const ARTIFACTS = path.join(REPO_ROOT, 'test-artifacts');

const newest = (p: string): number =>
  !fs.existsSync(p)
    ? 0
    : fs.statSync(p).isDirectory()
      ? fs.readdirSync(p).reduce((t, e) => Math.max(t, newest(path.join(p, e))), 0)
      : fs.statSync(p).mtimeMs;

/** Runs `npm run build:widget:bundles` unless the IIFE bundle is newer than the widget's sources and the bindings. */
export function ensureWidgetBuilt(): void {
  const sources = fs
    .readdirSync(WIDGET_DIR)
    .filter((e) => e !== 'dist' && e !== 'node_modules')
    .map((e) => newest(path.join(WIDGET_DIR, e)));
  const src = Math.max(...sources, newest(path.join(CONTRACTS_DIR, 'bindings')), newest(path.join(REPO_ROOT, 'rollup.config.mjs')));
  if (fs.existsSync(WIDGET_BUNDLE) && fs.statSync(WIDGET_BUNDLE).mtimeMs >= src) return;
  const r = spawnSync('npm', ['run', '-s', 'build:widget:bundles'], { cwd: REPO_ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`npm run build:widget:bundles failed:\n${r.stdout}\n${r.stderr}`);
}

/**
 * Serves devnet/partner-site with devnet/serve.ts and the same routes as `npm start` (partnerSiteRoutes), on a free port, with the test devnet's manifest (its
 * rpcUrl pointing at the test anvil) and airdrop proofs.
 */
export async function servePartnerSite(d: TestDevnet): Promise<StaticServer> {
  ensureWidgetBuilt();
  const chainId = d.manifest.chainId;
  const manifestFile = path.join(d.dir, `partner-${chainId}.json`);
  fs.writeFileSync(manifestFile, `${JSON.stringify({ ...d.manifest, rpcUrl: d.url }, null, 2)}\n`);
  return startStaticServer({
    port: await findFreePort(),
    name: 'the e2e partner page',
    routes: partnerSiteRoutes({ chainId, snapOrigin: SNAP_ORIGIN, manifestFile, proofsFile: d.proofsFile, widgetBundle: WIDGET_BUNDLE }),
  });
}

/**
 * Launches Chromium with http://localhost:3000 (the origin `npm start` uses, the PartnerRegistry's demo partner)
 * mapped to the partner site's free port, so nothing binds port 3000 and the page still loads from a
 * loopback address (Chromium's local-network-access rules then let it read anvil, as with `npm start`).
 */
export async function launchChromium(site: StaticServer): Promise<Browser> {
  const executablePath = findChromium() as string | undefined;
  if (!executablePath) throw new Error(HOW_TO_GET_CHROMIUM);
  const args = [...(CHROMIUM_ARGS as string[]), `--host-rules=MAP localhost:3000 127.0.0.1:${site.port}`];
  return chromium.launch({ executablePath, headless: true, args });
}

/** The snap as MetaMask would run it: the real bundle in the simulation, its chain requests sent to anvil. */
export interface SnapHost {
  sim: SimSnap;
  /** eth_* methods the snap sent to the chain (counted in the forwarder). */
  chainCalls: string[];
  /** Every dialog the snap showed, as text, with the RPC method that opened it. */
  dialogs: { method: string; type: string; text: string }[];
  /** Whether the "user" approves the snap's dialogs (default true). */
  approve: boolean;
  close(): Promise<void>;
}

export async function startSnap(d: TestDevnet): Promise<SnapHost> {
  const server = await serveSnap();
  const chainCalls: string[] = [];
  const sim = await installTestSnap(server.snapId, d.url, { log: chainCalls });
  return {
    sim,
    chainCalls,
    dialogs: [],
    approve: true,
    close: async () => {
      await sim.executionService.terminateAllSnaps();
      await server.close();
    },
  };
}

/** The test wallet of an end-to-end page: `account` is one of anvil's unlocked accounts; with `snap` it is MetaMask with snap support. */
export function e2eWallet(d: TestDevnet, account: Address, snap?: SnapHost): TestWallet {
  return new TestWallet(account, { rpcUrl: d.url, chainId: d.manifest.chainId }, snap && snapOf(snap));
}

/**
 * The real snap behind the wallet: each wallet_invokeSnap runs in the simulation with the page's origin
 * (MetaMask passes the calling page's; the page is on http://localhost:3000). Its dialog is recorded and
 * approved, or rejected while `host.approve` is false, where MetaMask would show it.
 */
function snapOf(host: SnapHost): WalletSnap {
  return {
    id: SNAP_ID,
    // the snap is already installed in the simulation; wallet_requestSnaps (MetaMask's install prompt) sets this
    installed: false,
    invoke: async (request) => {
      const pending = host.sim.request({ method: request.method, params: request.params as never, origin: PARTNER_ORIGIN });
      if (!SNAP_METHODS_WITHOUT_DIALOG.includes(request.method)) {
        const ui = (await pending.getInterface()) as { type: string; content: unknown; ok?: () => Promise<void>; cancel?: () => Promise<void> };
        host.dialogs.push({ method: request.method, type: ui.type, text: uiString(ui.content) });
        if (host.approve) await ui.ok!();
        else await ui.cancel!();
      }
      const r = (await pending).response as { result?: unknown; error?: { code: number; message: string } };
      if (r.error) throw Object.assign(new Error(r.error.message), { code: r.error.code });
      return r.result;
    },
  };
}

/** The provider script injected into the page: EIP-1193 + an EIP-6963 announcement, bridged to node. */
const PROVIDER_SCRIPT = `(() => {
  const listeners = new Map();
  const provider = {
    isMetaMask: true,
    async request({ method, params }) {
      const r = await window.__e2eWalletRequest(method, params === undefined ? null : params);
      if (r.error) throw Object.assign(new Error(r.error.message), r.error);
      return r.result;
    },
    on(e, l) { if (!listeners.has(e)) listeners.set(e, new Set()); listeners.get(e).add(l); },
    removeListener(e, l) { listeners.get(e)?.delete(l); },
  };
  window.__e2eEmit = (e, ...args) => listeners.get(e)?.forEach((l) => l(...args));
  window.ethereum = provider;
  const info = { uuid: '5d1f7b3e-0e2e-4e2e-9e2e-e2e000000001', name: 'MetaMask', icon: '', rdns: 'io.metamask' };
  const announce = () => window.dispatchEvent(new CustomEvent('eip6963:announceProvider', { detail: Object.freeze({ info, provider }) }));
  window.addEventListener('eip6963:requestProvider', announce);
  announce();
})();`;

export interface PartnerPage {
  context: BrowserContext;
  page: Page;
  wallet: TestWallet;
  /** Text of a selector inside the widget's shadow root (whitespace collapsed). */
  text(sel: string): Promise<string>;
  /** Saves test-artifacts/<name>.png. */
  shot(name: string): Promise<void>;
  close(): Promise<void>;
}

/** Opens the partner page at http://localhost:3000 (served by `site` on its free port, see launchChromium). */
export async function openPartnerPage(browser: Browser, wallet: TestWallet): Promise<PartnerPage> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.exposeFunction('__e2eWalletRequest', (method: string, params: unknown) => wallet.handle(method, params));
  await context.addInitScript(PROVIDER_SCRIPT);
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  await page.goto(`${PARTNER_ORIGIN}/`);
  await page.waitForFunction(() => !!customElements.get('metis-stake-widget'));
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const text = (sel: string) =>
    page.evaluate(
      (s) => (document.querySelector('metis-stake-widget')!.shadowRoot!.querySelector(s)?.textContent ?? '').replace(/\s+/g, ' ').trim(),
      sel,
    );
  return {
    context,
    page,
    wallet,
    text,
    shot: async (name) => {
      await page.locator('metis-stake-widget').scrollIntoViewIfNeeded();
      await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
    },
    close: async () => {
      if (pageErrors.length) console.log(`page errors: ${pageErrors.join('\n')}`);
      await context.close();
    },
  };
}

/** One keeper pass (allocate / MPC reward batch / harvest / fund redemptions), as devnet/keeper.ts runs it. */
export { keeperTick } from '../helpers/cycle.js';
