/// <reference types="mocha" />
// The rewards chart in the Rewards tab (issue 14): drawn by the bindings (contracts/bindings/rewards-chart.ts) from
// seMETIS's price checkpoints, which the lens returns with every refresh. After a real reward cycle on the two-chain
// devnet (keeper, relayer, time on both chains: Metis's bridge and LockingPool are the devnet's models), the chart
// is an image with an accessible name and a description that states the figures; before connecting it shows the
// share price. The wallet is the shared test EIP-1193 provider (test/helpers/test-wallet.ts).
import { expect } from '@open-wc/testing';
import { formatAmount, sharePricePerToken } from '@metis-liquid-staking/contracts';
import { $, TestWallet, click, connected, devnet, isolate, mount, rewardCycle, settleDevnet, settled, text, type, until } from './helpers.js';

describe('rewards chart', () => {
  isolate();

  it('before connecting: the seMETIS price chart, an image with a name and a description', async () => {
    const { el } = await mount({ 'manifest-url': '/devnet/manifest.json' });
    await until(() => el.wallet.screen, 'figures');
    await el.selectTab('rewards');
    await el.updateComplete;
    const svg = $(el, '[part~=chart] svg')!;
    expect(svg.getAttribute('role')).to.equal('img');
    expect(svg.getAttribute('aria-label')).to.equal('seMETIS price');
    expect(svg.querySelector('path')!.getAttribute('stroke')).to.equal('currentColor');
    const price = sharePricePerToken(el.wallet.screen!.protocol);
    expect(svg.querySelector('desc')!.textContent).to.contain(`(${formatAmount(price, 6)} eMETIS)`);
  });

  it('after a real reward cycle: the account earned eMETIS over time, its last figure in the description', async function () {
    this.timeout(180000);
    const { accounts } = await devnet();
    const wallet = new TestWallet(accounts[4]!);
    const { el } = await connected(wallet);
    // restaked (the default), enough to open a node seat so the pool pays rewards
    type(el, '#stake', '25000');
    click(el, '[data-action=stake]');
    expect((await settled(el)).kind, text(el, '[part~=status]')).to.equal('success');
    await el.selectTab('rewards');
    await el.updateComplete;
    const before = $(el, '[part~=chart] svg')!;
    expect(before.getAttribute('aria-label')).to.equal('Earned to date');

    await settleDevnet({ maxRounds: 12 }); // bridged to L1, a seat opened, the report back on L2
    await rewardCycle(el); // rewards paid on L1, bridged, harvested, streamed in

    const s = el.wallet.screen!;
    expect(s.priceHistory.length > 0, 'checkpoints from the lens').to.equal(true);
    const svg = $(el, '[part~=chart] svg')!;
    expect(svg.getAttribute('role')).to.equal('img');
    expect(svg.getAttribute('aria-label')).to.equal('Earned to date');
    expect(svg.querySelector('title')!.textContent).to.equal('Earned to date');
    const desc = svg.querySelector('desc')!.textContent!;
    const m = /^From \S+ \(([\d,.]+) eMETIS\) to \S+ \(([\d,.]+) eMETIS\), (\d+) points\.$/.exec(desc);
    expect(m, desc).to.not.equal(null);
    expect(m![1]).to.equal('0');
    expect(Number(m![2]!.replace(/,/g, '')) > 0, `earned in the chart: ${desc}`).to.equal(true);
    expect(Number(m![3])).to.be.greaterThan(1);
    // the path climbs: more than a flat line
    expect(svg.querySelector('path')!.getAttribute('d')!.split('L').length).to.be.greaterThan(1);

    // and the Stake tab's rate is precise: the price moved, so it is not shown as a bare "1"
    await el.selectTab('stake');
    await el.updateComplete;
    expect(sharePricePerToken(s.protocol) > 10n ** 18n).to.equal(true);
    expect(text(el, '[data-figure=sharePrice] dd')).to.not.equal('1 seMETIS = 1 eMETIS');
  });
});
