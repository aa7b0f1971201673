/// <reference types="mocha" />
// Airdrop vesting explained (issue 14): before claiming, the tab says what the claim pays now and what vests later
// (the devnet's MerkleAirdrop: 50% vests linearly over 90 days from the claim); after claiming, the vesting in all
// and what can be released now (the lens's airdrop view); after time passes, "Release vested" pays the vested part
// (MerkleAirdrop.release) with the usual transaction stages. The wallet is the shared test EIP-1193 provider over
// anvil's unlocked accounts (test/helpers/test-wallet.ts); every transaction is real on the devnet's L2 chain.
import { expect } from '@open-wc/testing';
import { erc20Abi, type Address } from 'viem';
import { $, TestWallet, click, connected, devnet, increaseTime, isolate, read, settled, text, until } from './helpers.js';

const E18 = 10n ** 18n;
const DAY = 86_400;

describe('airdrop vesting', () => {
  isolate();

  it('claim shows now/later; after 45 days Release pays the vested half of the locked part', async function () {
    this.timeout(60000);
    const { accounts, manifest } = await devnet();
    const user = accounts[1]!;
    const gov = manifest.contracts.governanceToken as Address;
    const wallet = new TestWallet(user);
    const { el, events } = await connected(wallet);
    await until(() => el.wallet.proofs, 'proofs');
    await el.selectTab('airdrop');
    await until(() => $(el, '[data-airdrop=split]'), 'vesting terms read from the contract');
    expect(text(el, '[data-airdrop=split]')).to.equal('Paid now: 12,500; 12,500 more vests over 90 days from the claim.');

    click(el, '[data-action=airdrop]');
    expect((await settled(el)).kind, text(el, '[part~=status]')).to.equal('success');
    // paid now: the unlocked half
    expect(await read<bigint>(gov, erc20Abi, 'balanceOf', [user])).to.equal(12_500n * E18);
    await el.updateComplete;
    expect($(el, '[data-airdrop]')!.dataset.airdrop).to.equal('claimed');
    const vesting = () => el.wallet.screen!.airdrop;
    expect(vesting().vestedTotal).to.equal(12_500n * E18);
    expect(text(el, '[data-airdrop=vesting]')).to.match(/^Vesting: 12,500 in all; releasable now: [\d.]+\.$/);

    await increaseTime(45 * DAY);
    await el.wallet.refresh();
    await el.updateComplete;
    const releasable = vesting().vestedReleasable;
    expect(releasable >= 6_250n * E18 && releasable < 6_251n * E18, `releasable ${releasable}`).to.equal(true);
    expect(text(el, '[data-airdrop=vesting]')).to.contain('6,250');
    click(el, '[data-action=airdrop-release]');
    await until(() => el.tx.stage.kind === 'sign' || el.tx.stage.kind === 'pending' || el.tx.stage.kind === 'success', 'release started');
    expect((await settled(el)).kind, text(el, '[part~=status]')).to.equal('success');
    const after = await read<bigint>(gov, erc20Abi, 'balanceOf', [user]);
    const paid = after - 12_500n * E18;
    // the release is mined a block later than the lens read: a few seconds more have vested
    expect(paid >= releasable && paid < releasable + E18, `released ${paid}`).to.equal(true);
    expect(events.confirmed.at(-1)!.detail).to.include({ action: 'airdrop', after: String(after) });
    await el.updateComplete;
    // nothing left to release right now: the button is disabled
    expect(vesting().vestedReleasable < E18).to.equal(true);
  });
});
