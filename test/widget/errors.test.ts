/// <reference types="mocha" />
// Every error the widget explains in plain words, provoked for real (wallet rejection, balances, limits,
// pause, wrong chain, dead RPC, contract reverts decoded to their custom error name, bad proofs file),
// and nothing left in a loading state.
// The wallet is the shared test EIP-1193 provider over anvil's unlocked accounts (test/helpers/test-wallet.ts): only a wallet's UI
// cannot exist here; every transaction and signature is real on the devnet chain.
import { expect } from '@open-wc/testing';
import { encodeFunctionData } from 'viem';
import { claimAirdropTx, parseManifest } from '@metis-liquid-staking/contracts';
import { stakingManagerAbi } from '@metis-liquid-staking/contracts/abis';
import { $, TestWallet, click, connected, devnet, isolate, mount, rpc, sendAs, settled, text, type, until } from './helpers.js';
import type { MetisStakeWidget } from '@metis-liquid-staking/widget';

const E18 = 10n ** 18n;

async function stakeAttempt(el: MetisStakeWidget, amount: string) {
  type(el, '#stake', amount);
  await el.updateComplete;
  click(el, '[data-action=stake]');
  const s = await settled(el);
  expect(s.kind).to.equal('failed');
  return s as Extract<typeof s, { kind: 'failed' }>;
}

const errorText = (el: MetisStakeWidget) => text(el, '[part~=status] [part~=error]');

/** Typed `amount` in field `id`: the widget refuses it while typing, the button disabled and saying why. */
async function refused(el: MetisStakeWidget, id: string, amount: string, reason: string) {
  type(el, `#${id}`, amount);
  await el.updateComplete;
  const b = $<HTMLButtonElement>(el, `[data-action=${id}]`)!;
  expect(b.disabled, 'button disabled').to.equal(true);
  expect(text(el, `[data-action=${id}]`)).to.equal(reason);
  expect(text(el, `#${id}-err`)).to.equal(reason);
  expect($(el, `#${id}`)!.getAttribute('aria-invalid')).to.equal('true');
}

/** Nothing stays in a busy/loading state (the refresh after a failure may still be in flight briefly). */
async function notStuck(el: MetisStakeWidget) {
  expect(el.tx.busy, 'tx not busy').to.equal(false);
  await until(() => !el.wallet.loading, 'loading to end', 5000);
  await el.updateComplete;
  expect(($(el, '[data-action=stake]') as HTMLButtonElement | null)?.disabled ?? false, 'action enabled again').to.equal(false);
}

describe('errors in plain words', () => {
  isolate();

  it('user rejection (4001): explains, emits metis-stake:error, and Retry succeeds once the user confirms', async () => {
    const { accounts } = await devnet();
    const wallet = new TestWallet(accounts[1]!);
    wallet.reject.add('eth_sendTransaction');
    const { el, events } = await connected(wallet);
    const s = await stakeAttempt(el, '1');
    expect(s.error.code).to.equal('rejected');
    expect(errorText(el)).to.equal('Failed: You rejected the request in your wallet.');
    expect(events.errors.at(-1)!.detail).to.include({ action: 'stakeAndRestake', code: 'rejected' });
    expect(events.errors.at(-1)!.composed && events.errors.at(-1)!.bubbles).to.equal(true);
    await notStuck(el);
    wallet.reject.clear();
    click(el, '[part~=status] [part~=retry]');
    await until(() => el.tx.stage.kind === 'success', 'retry success', 20000);
  });

  it('insufficient balance: more METIS than held (validation) and no gas money (native balance)', async () => {
    const { accounts } = await devnet();
    const user = accounts[1]!;
    const wallet = new TestWallet(user);
    const { el, events } = await connected(wallet);
    await refused(el, 'stake', '100001', 'Insufficient METIS balance');
    expect(wallet.count('eth_sendTransaction')).to.equal(0);

    // the lens still shows the old balance: the gas check before sending catches it
    await rpc('anvil_setBalance', [user, '0x0']);
    const s = await stakeAttempt(el, '1');
    expect(s.error.code).to.equal('insufficient-funds');
    expect(errorText(el)).to.equal('Failed: Insufficient balance (including gas).');
    expect(wallet.count('eth_sendTransaction'), 'never asked the wallet').to.equal(0);
    expect(events.errors.map((e) => e.detail.code)).to.deep.equal(['insufficient-funds']);
    expect(el.tx.busy).to.equal(false);
    // the refresh after the failure read the empty balance: the button now says so
    await until(() => text(el, '[data-action=stake]') === 'Insufficient METIS balance', 'refreshed reason', 5000);
  });

  it('below minimum: checked before sending, and decoded from the revert when the lens was stale', async () => {
    const { accounts, manifest } = await devnet();
    const user = accounts[1]!;
    const wallet = new TestWallet(user);
    const { el } = await connected(wallet);
    await refused(el, 'stake', '0.001', 'Below the minimum of 0.01 METIS');
    expect(wallet.count('eth_estimateGas')).to.equal(0);

    // the admin raises the minimum behind the widget's back: the simulation reverts with the custom error
    await sendAs(
      accounts[0]!,
      manifest.contracts.stakingManager,
      encodeFunctionData({ abi: stakingManagerAbi, functionName: 'setMinStake', args: [5n * E18] }),
    );
    const s = await stakeAttempt(el, '1');
    expect(s.error).to.include({ code: 'below-minimum', errorName: 'ManagerBelowMinimum' });
    expect(errorText(el)).to.equal('Failed: The amount is below the minimum. (ManagerBelowMinimum)');
    expect(wallet.count('eth_sendTransaction', (p) => (p as [{ to: string }])[0].to === manifest.contracts.stakingManager)).to.equal(0);
    expect(el.tx.busy).to.equal(false);
    // the refresh after the failure read the new minimum
    await until(() => text(el, '[data-action=stake]') === 'Below the minimum of 5 METIS', 'new minimum', 5000);
  });

  it('above maximum: a redemption larger than the queue allows', async () => {
    const { accounts } = await devnet();
    const wallet = new TestWallet(accounts[1]!);
    const { el } = await connected(wallet);
    click(el, '#tab-redeem');
    await el.updateComplete;
    await refused(el, 'redeem', '100001', 'Above the maximum of 100,000 eMETIS');
  });

  it('paused: the revert from a pause the lens had not seen yet, then the lens flag', async () => {
    const { accounts, manifest } = await devnet();
    const wallet = new TestWallet(accounts[1]!);
    const { el } = await connected(wallet);
    await sendAs(accounts[0]!, manifest.contracts.stakingManager, encodeFunctionData({ abi: stakingManagerAbi, functionName: 'pause' }));
    let s = await stakeAttempt(el, '1');
    expect(s.error).to.include({ code: 'paused', errorName: 'ManagerPaused' });
    expect(errorText(el)).to.equal('Failed: Staking is paused right now. Please try again later.');
    await el.wallet.refresh();
    expect(el.wallet.screen!.protocol.paused).to.equal(true);
    s = await stakeAttempt(el, '1');
    expect(s.error.code).to.equal('paused');
    await notStuck(el);
  });

  it('wrong network: explains, offers the switch, adds the chain on 4902 with the manifest rpcUrl, then works', async () => {
    const { accounts, manifest } = await devnet();
    const wallet = new TestWallet(accounts[1]!);
    wallet.chainOverride = 1;
    wallet.knowsDevnet = false;
    const { el, events } = await mount({ 'manifest-url': '/devnet/manifest.json' }, wallet);
    click(el, '[part~=connect]');
    await until(() => el.wallet.account && el.wallet.chainId === 1, 'connected on chain 1');
    await until(() => el.wallet.screen, 'figures read through the manifest rpcUrl');
    await el.updateComplete;
    expect(text(el, '[part~=network]')).to.contain('Your wallet is on the wrong network.');
    expect(text(el, '[part~=network] [part~=switch]')).to.equal('Switch to devnet');
    const s = await stakeAttempt(el, '1');
    expect(s.error.code).to.equal('wrong-network');
    expect(errorText(el)).to.equal('Failed: Your wallet is on the wrong network. Switch to devnet.');
    expect(events.errors.at(-1)!.detail.code).to.equal('wrong-network');
    click(el, '[part~=status] [part~=switch]');
    await until(() => el.wallet.chainId === manifest.chainId && !el.wallet.wrongNetwork, 'switched');
    expect(wallet.count('wallet_switchEthereumChain')).to.equal(1);
    expect(wallet.added).to.have.length(1);
    expect(wallet.added[0]).to.deep.include({ chainId: '0x7a69', chainName: 'devnet', rpcUrls: [manifest.rpcUrl] });
    await el.updateComplete;
    expect($(el, '[part~=network]')).to.equal(null);
    type(el, '#stake', '1');
    click(el, '[data-action=stake]');
    expect((await settled(el)).kind).to.equal('success');
  });

  it('RPC unreachable: from the wallet mid-session and from the manifest rpcUrl before connecting; Retry recovers', async () => {
    const { accounts } = await devnet();
    const wallet = new TestWallet(accounts[1]!);
    const { el } = await connected(wallet);
    wallet.down = true;
    const s = await stakeAttempt(el, '1');
    expect(s.error.code).to.equal('rpc-unreachable');
    expect(errorText(el)).to.equal('Failed: The network cannot be reached. Check your connection and retry.');
    await notStuck(el);
    wallet.down = false;

    const { el: el2, events } = await mount({ 'manifest-url': '/devnet/manifest-down.json' });
    await until(() => el2.wallet.error, 'load error');
    await el2.updateComplete;
    expect(el2.wallet.error!.code).to.equal('rpc-unreachable');
    expect(text(el2, '[part~=banner]')).to.contain('The network cannot be reached.');
    expect(el2.wallet.loading).to.equal(false);
    expect(events.errors.some((e) => e.detail.code === 'rpc-unreachable')).to.equal(true);
  });

  it('reverted: a claim that would fail shows the decoded custom error name and never reaches the wallet', async () => {
    const { accounts, manifest } = await devnet();
    const user = accounts[2]!;
    const wallet = new TestWallet(user);
    const { el } = await connected(wallet);
    await until(() => el.wallet.claim, 'claim found');
    click(el, '#tab-airdrop');
    await el.updateComplete;
    // the airdrop is claimed elsewhere after the widget read the lens
    const c = el.wallet.claim!;
    const m = parseManifest(manifest);
    const tx = claimAirdropTx(m, { index: c.index, account: user, amount: c.amount, proof: c.proof });
    await sendAs(user, tx.to, tx.data);
    const sends = wallet.count('eth_sendTransaction');
    click(el, '[data-action=airdrop]');
    const s = await settled(el);
    expect(s.kind === 'failed' && s.error).to.include({ code: 'reverted', errorName: 'AirdropAlreadyClaimed' });
    expect(errorText(el)).to.equal('Failed: The transaction would fail (AirdropAlreadyClaimed).');
    expect(wallet.count('eth_sendTransaction')).to.equal(sends);
  });

  it('malformed proofs file (bad entries, not JSON): explained on the Airdrop tab with a metis-stake:error', async () => {
    const { accounts } = await devnet();
    for (const url of ['/devnet/proofs-malformed.json', '/devnet/proofs-not-json.json']) {
      const wallet = new TestWallet(accounts[1]!);
      const { el, events } = await connected(wallet, { 'airdrop-proofs-url': url });
      await until(() => el.wallet.proofsError, 'proofs error');
      click(el, '#tab-airdrop');
      await el.updateComplete;
      expect(text(el, '[part~=panel] [part~=error]')).to.equal('The airdrop proofs file is malformed.');
      expect(events.errors.some((e) => e.detail.code === 'malformed-proofs' && e.detail.action === 'airdrop')).to.equal(true);
      el.remove();
    }
  });

  it('an unloadable manifest shows a plain message with Retry, not a spinner', async () => {
    const { el } = await mount({ 'manifest-url': '/devnet/missing.json' });
    await until(() => el.wallet.error, 'manifest error');
    await el.updateComplete;
    expect(text(el, '[part~=banner]')).to.contain('Could not load the deployment settings.');
    expect($(el, '[part~=banner] [part~=retry]')).to.not.equal(null);
    expect(el.wallet.loading).to.equal(false);
    expect($(el, '[part~=loading]')).to.equal(null);
  });
});
