// End-to-end partner flows in a real browser: the devnet's demo partner page (devnet/partner-site, served
// with the same routes as `npm start`) embeds <metis-stake-widget> with one script tag; the page's manifest
// points at a fresh anvil devnet on a free port (startTestDevnet). Debian's Chromium via playwright-core.
//
// Only MetaMask's UI is played. The injected wallet (harness.ts) answers the page's requests in this
// process: eth_* go to anvil, which signs for its unlocked dev accounts; the snap methods go to the REAL
// snap bundle running in @metamask/snaps-simulation, whose confirmation dialog is read and approved here
// (where MetaMask would show it). Every transaction is real on the devnet chain.
// Screenshots of each step: test-artifacts/e2e-*.png (gitignored).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { encodeFunctionData, erc20Abi, parseEther, type Address } from 'viem';
import { formatAmount, previewStakeAndRestake, readScreen, ticketStatus, type Screen } from '@metis-liquid-staking/contracts';
import { startTestDevnet, type TestDevnet } from '../helpers/devnet-fixture.js';
import { mine, rpc } from '../helpers/rpc.js';
import { advanceBoth, settle } from '../helpers/cycle.js';
import { uiString } from '../helpers/snap.js';
import {
  ARTIFACTS,
  e2eWallet,
  keeperTick,
  launchChromium,
  openPartnerPage,
  servePartnerSite,
  startSnap,
  type PartnerPage,
  type SnapHost,
} from './harness.js';
import type { Browser } from 'playwright-core';
import type { StaticServer } from '../../devnet/serve.js';

const W = 'metis-stake-widget';

describe('partner page flows (Chromium + anvil + snap simulation)', { timeout: 180_000 }, () => {
  let d: TestDevnet;
  let site: StaticServer;
  let browser: Browser;
  let snap: SnapHost;
  const pages: PartnerPage[] = [];

  const screen = (who: Address): Promise<Screen> =>
    readScreen((a) => rpc(d.url, a.method, (a.params ?? []) as unknown[]), d.manifest.contracts.lens, who);
  const balance = async (token: Address, who: Address): Promise<bigint> =>
    BigInt(
      await rpc<string>(d.url, 'eth_call', [
        { to: token, data: encodeFunctionData({ abi: erc20Abi, functionName: 'balanceOf', args: [who] }) },
        'latest',
      ]),
    );

  /** Opens the partner page with a wallet for `account` (MetaMask with snap support when `withSnap`). */
  async function open(account: Address, withSnap = false): Promise<PartnerPage> {
    const p = await openPartnerPage(browser, e2eWallet(d, account, withSnap ? snap : undefined));
    pages.push(p);
    return p;
  }

  /** The user clicks Connect and picks the announced wallet; resolves when the figures for the account are shown. */
  async function connect(p: PartnerPage): Promise<void> {
    await p.page.locator(`${W} [part~=connect]`).click();
    await p.page.locator(`${W} [part~=wallet][data-wallet="io.metamask"]`).click();
    await p.page.waitForFunction(
      (acct) => (document.querySelector('metis-stake-widget') as any)?.wallet?.screen?.user?.account?.toLowerCase() === acct,
      p.wallet.account.toLowerCase(),
    );
  }

  async function tab(p: PartnerPage, name: string): Promise<void> {
    await p.page.locator(`${W} #tab-${name}`).click();
  }

  /** Waits until the widget's transaction stage ends; returns its kind and the status text. */
  async function settled(p: PartnerPage): Promise<{ kind: string; status: string }> {
    await p.page.waitForFunction(
      () => {
        const k = (document.querySelector('metis-stake-widget') as any).tx.stage.kind;
        return k === 'success' || k === 'failed';
      },
      undefined,
      { timeout: 30_000 },
    );
    const kind = await p.page.evaluate(() => (document.querySelector('metis-stake-widget') as any).tx.stage.kind as string);
    return { kind, status: await p.text('[part~=status]') };
  }

  /** Re-reads the lens in the widget (what it does on its own after each transaction or chain event). */
  async function refresh(p: PartnerPage): Promise<void> {
    await p.page.evaluate(async () => {
      const el = document.querySelector('metis-stake-widget') as any;
      await el.wallet.refresh();
      await el.updateComplete;
    });
  }

  before(async () => {
    const t0 = Date.now();
    d = await startTestDevnet({ seed: true });
    site = await servePartnerSite(d);
    browser = await launchChromium(site);
    snap = await startSnap(d);
    console.log(`# setup (devnet, Chromium, partner page, snap) ${((Date.now() - t0) / 1000).toFixed(1)}s`);
  });

  after(async () => {
    for (const p of pages) await p.close().catch(() => {});
    await browser?.close();
    await snap?.close();
    await site?.close();
    await d?.stop();
  });

  test('1. embed -> connect -> stake with the restake toggle -> confirmed -> balances and lens figures update', async () => {
    const user = d.accounts[1]!.address;
    const p = await open(user);
    // one script tag and one element on the partner's page
    assert.equal(await p.page.locator('script[src="/metis-stake-widget.iife.js"]').count(), 1);
    assert.equal(await p.page.locator(W).count(), 1);
    await p.page.waitForFunction(() => !!(document.querySelector('metis-stake-widget') as any).wallet.screen);
    await p.shot('e2e-1a-embedded');

    await connect(p);
    const before = await screen(user);
    assert.equal(before.user.seMetisBalance, 0n);
    await tab(p, 'rewards');
    const tvlBefore = await p.text('[data-figure=tvl] dd');
    assert.equal(tvlBefore, `${formatAmount(before.protocol.tvl)} METIS`);
    await p.shot('e2e-1b-connected');

    await tab(p, 'stake');
    assert.ok(await p.page.locator(`${W} [part~=toggle]`).isChecked(), 'earning by default: stake and restake');
    await p.page.locator(`${W} #stake`).fill('1000');
    assert.match(await p.text('[part~=panel]'), /1,000 seMETIS/, 'preview of the seMETIS received');
    await p.page.locator(`${W} [data-action=stake]`).click();
    const s = await settled(p);
    assert.equal(s.kind, 'success', s.status);
    assert.match(s.status, /seMETIS: 0 → 1,000/);
    assert.ok(p.wallet.count('eth_sendTransaction') >= 1);
    await p.shot('e2e-1c-staked');

    const now = await screen(user);
    assert.equal(
      now.user.seMetisBalance,
      previewStakeAndRestake(parseEther('1000'), before.protocol),
      `seMETIS at the price the page showed (tvl ${now.protocol.tvl}, eMETIS ${now.protocol.eMetisSupply}, vault ${now.protocol.seMetisTotalAssets})`,
    );
    // METIS is the gas token: the balance falls by the stake plus the transaction's gas
    const spent = before.user.metisBalance - now.user.metisBalance;
    assert.ok(spent > parseEther('1000') && spent < parseEther('1000.01'), `spent ${spent}`);
    await tab(p, 'rewards');
    assert.equal(await p.text('[data-figure=tvl] dd'), `${formatAmount(now.protocol.tvl)} METIS`);
    assert.notEqual(await p.text('[data-figure=tvl] dd'), tvlBefore, 'TVL figure moved');
    assert.match(await p.text('[data-figure=position] dd'), /^1,000 seMETIS ≈ 1,000 eMETIS$/);
    await p.shot('e2e-1d-figures');
  });

  test('2. staking approved inside MetaMask: the widget routes stake through the real snap and sends its transaction', async () => {
    // only MetaMask's UI is played: the snap is the real bundle in the simulation, the chain is anvil
    const user = d.accounts[0]!.address; // the simulation's account (anvil's mnemonic)
    const p = await open(user, true);
    await connect(p);
    assert.equal(await p.text('[data-action=snap]'), 'Get staking insights in MetaMask');
    await p.shot('e2e-2a-snap-offered');
    await p.page.locator(`${W} [data-action=snap]`).click();
    await p.page.locator(`${W} [data-snap=installed]`).waitFor();

    const before = await screen(user);
    await tab(p, 'stake');
    await p.page.locator(`${W} [part~=toggle]`).uncheck(); // plain eMETIS this time
    await p.page.locator(`${W} #stake`).fill('100');
    await p.page.locator(`${W} [data-action=stake]`).click();
    const s = await settled(p);
    assert.equal(s.kind, 'success', s.status);
    await p.shot('e2e-2b-staked-via-snap');

    // the snap's confirmation, as MetaMask showed it
    const dialog = snap.dialogs.at(-1)!;
    assert.equal(dialog.method, 'stake');
    assert.equal(dialog.type, 'confirmation');
    assert.match(dialog.text, /Stake METIS/);
    assert.match(dialog.text, /You pay \| 100 METIS/);
    assert.match(dialog.text, /You receive \| 100 eMETIS/);
    assert.match(dialog.text, /Referral \| Demo DEX \(devnet\)/, "the page's referral attribute reached the snap");
    assert.ok(dialog.text.includes(d.manifest.contracts.stakingManager), dialog.text);
    assert.deepEqual(
      p.wallet.snapMethods.filter((m) => m !== 'rememberAirdropClaim'),
      ['stake'],
      "one stake through the snap (the widget may also hand the snap the account's airdrop claim)",
    );
    assert.ok(snap.chainCalls.includes('eth_call'), 'the snap read the lens on anvil');
    // the widget (not the snap) sent what the snap returned
    assert.equal(p.wallet.count('eth_sendTransaction'), 1, 'one transaction: the native stake the snap returned');
    const now = await screen(user);
    assert.equal(now.user.eMetisBalance - before.user.eMetisBalance, parseEther('100'));
    assert.match(s.status, /eMETIS: .* → /);
  });

  test("3. rewards: after MPC batches and time travel the snap home page shows what the widget's Rewards tab shows", async () => {
    const user = d.accounts[0]!.address;
    const p = pages.at(-1)!; // the MetaMask page of test 2, snap installed
    assert.equal(p.wallet.account, user);
    await tab(p, 'stake');
    await p.page.locator(`${W} [part~=toggle]`).check();
    await p.page.locator(`${W} #stake`).fill('25000');
    await p.page.locator(`${W} [data-action=stake]`).click();
    const s = await settled(p);
    assert.equal(s.kind, 'success', s.status);
    assert.equal(snap.dialogs.at(-1)!.method, 'stakeAndRestake');
    assert.match(snap.dialogs.at(-1)!.text, /25,000 METIS/);

    // the keeper bridges the buffer to L1, the relayer carries it (Metis's bridge is played by the devnet's
    // models and relayer), the hub opens a node seat, its report comes back to L2
    const allocated = await settle(d, { maxRounds: 12 });
    assert.ok(
      allocated.actions.some((a) => (a.kind === 'open' || a.kind === 'topUp') && a.tx),
      JSON.stringify(allocated.actions.map((a) => a.kind)),
    );
    // the sequencers produce blocks; the devnet MPC pays the reward batch on L1; the hub bridges the reward to
    // the RewardReceiver on L2; the keeper harvests it into seMETIS
    await mine(d.url, 2000);
    await advanceBoth(d, 4000);
    const cycle = await settle(d, { maxRounds: 8, stepSeconds: 60 });
    assert.ok(
      cycle.actions.some((a) => a.kind === 'mpc') && cycle.actions.some((a) => a.kind === 'harvest' && a.tx),
      JSON.stringify(cycle.actions.map((a) => a.kind)),
    );
    await advanceBoth(d, 2 * 86400); // the harvested rewards stream in

    await refresh(p);
    await tab(p, 'rewards');
    const widgetEarned = await p.text('[data-figure=earned] dd');
    await p.shot('e2e-3a-widget-rewards');
    const home = uiString((await snap.sim.onHomePage()).getInterface().content);
    const snapEarned = /Rewards earned \| ([\d,.]+) eMETIS/.exec(home)?.[1];
    const lens = await screen(user);
    assert.ok(lens.user.rewardsEarned > 0n, 'rewards earned on-chain');
    assert.equal(widgetEarned, `${formatAmount(lens.user.rewardsEarned, 6)} eMETIS`);
    assert.equal(snapEarned, formatAmount(lens.user.rewardsEarned, 4));
    // the same figure: the widget's 6 decimals cut to the snap's 4
    const [whole, frac = ''] = widgetEarned.replace(' eMETIS', '').split('.');
    const cut = frac.slice(0, 4).replace(/0+$/, '');
    assert.equal(snapEarned, cut ? `${whole}.${cut}` : whole);
    saveText('e2e-3b-snap-home.txt', home);
  });

  test('4. airdrop: an eligible account claims; an ineligible one sees why; a second claim is refused', async () => {
    const user = d.accounts[2]!.address; // 12,500 in the demo airdrop
    const a = await open(user);
    const b = await open(user); // a second tab of the same account, opened before the claim
    for (const p of [a, b]) {
      await connect(p);
      await p.page.waitForFunction(() => !!(document.querySelector('metis-stake-widget') as any).wallet.proofs);
      await tab(p, 'airdrop');
      await p.page.locator(`${W} [data-airdrop=eligible]`).waitFor();
    }
    assert.match(await a.text('[part~=panel]'), /12,500/);
    await a.shot('e2e-4a-airdrop-eligible');
    const gov = d.manifest.contracts.governanceToken as Address;
    const before = await balance(gov, user);
    await a.page.locator(`${W} [data-action=airdrop]`).click();
    const s = await settled(a);
    assert.equal(s.kind, 'success', s.status);
    assert.ok((await balance(gov, user)) > before, 'governance tokens received');
    await a.page.locator(`${W} [data-airdrop=claimed]`).waitFor();
    assert.equal(await a.text('[data-airdrop]'), 'You have already claimed this airdrop.');
    await a.shot('e2e-4b-airdrop-claimed');

    // the stale tab tries again: the widget simulates, the contract refuses, nothing reaches the wallet
    const sends = b.wallet.count('eth_sendTransaction');
    await b.page.locator(`${W} [data-action=airdrop]`).click();
    const again = await settled(b);
    assert.equal(again.kind, 'failed');
    assert.match(again.status, /AirdropAlreadyClaimed/);
    assert.equal(b.wallet.count('eth_sendTransaction'), sends);
    await b.shot('e2e-4c-airdrop-second-claim-refused');

    const outsider = await open(d.accounts[9]!.address);
    await connect(outsider);
    await outsider.page.waitForFunction(() => !!(document.querySelector('metis-stake-widget') as any).wallet.proofs);
    await tab(outsider, 'airdrop');
    await outsider.page.locator(`${W} [data-airdrop=none]`).waitFor();
    assert.equal(await outsider.text('[part~=panel]'), 'This account is not in the airdrop.');
    await outsider.shot('e2e-4d-airdrop-ineligible');
  });

  test('5. redemption: request with an honest ETA, the keeper funds it from the L2 buffer (fast path), claim', async () => {
    const user = d.accounts[3]!.address;
    const p = await open(user);
    await connect(p);
    await p.page.locator(`${W} [part~=toggle]`).uncheck(); // eMETIS to redeem
    await p.page.locator(`${W} #stake`).fill('20');
    await p.page.locator(`${W} [data-action=stake]`).click();
    assert.equal((await settled(p)).kind, 'success');

    await tab(p, 'redeem');
    await p.page.locator(`${W} #redeem`).fill('5');
    await p.page.locator(`${W} [data-action=redeem]`).click();
    const s = await settled(p);
    assert.equal(s.kind, 'success', s.status);
    const lens = await screen(user);
    const ticket = lens.user.tickets.at(-1)!;
    assert.equal(ticket.metisAmount, parseEther('5'));
    assert.equal(ticket.fastPath, true, 'the L2 buffer covers it: the fast path');
    const li = p.page.locator(`${W} [data-ticket="${ticket.id}"]`);
    await li.waitFor();
    assert.equal(await li.getAttribute('data-status'), 'pending');
    assert.equal(await p.page.locator(`${W} [data-action="claim-${ticket.id}"]`).count(), 0, 'nothing to claim yet');
    await p.shot('e2e-5a-redemption-requested');

    const funded = await keeperTick(d);
    assert.ok(
      funded.some((a) => a.kind === 'fund'),
      JSON.stringify(funded.map((a) => a.kind)),
    );
    await refresh(p);
    await p.page.waitForFunction((id) => {
      const el = document.querySelector('metis-stake-widget')!.shadowRoot!.querySelector(`[data-ticket="${id}"]`) as HTMLElement | null;
      return el?.dataset.status === 'claimable';
    }, String(ticket.id));
    await p.shot('e2e-5b-redemption-claimable');

    const metisBefore = (await screen(user)).user.metisBalance;
    await p.page.locator(`${W} [data-action="claim-${ticket.id}"]`).click();
    const c = await settled(p);
    assert.equal(c.kind, 'success', c.status);
    // METIS is also the gas token: the claim's own gas comes out of the same balance
    const got = (await screen(user)).user.metisBalance - metisBefore;
    assert.ok(got > parseEther('4.99') && got <= parseEther('5'), `received ${got}`);
    const after = (await screen(user)).user.tickets.find((t) => t.id === ticket.id);
    assert.ok(!after || ticketStatus(after) === 'claimed', 'claimed (or gone from the open list)');
    await p.shot('e2e-5c-redemption-claimed');
  });
});

function saveText(name: string, text: string): void {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  fs.writeFileSync(path.join(ARTIFACTS, name), text);
}
