/// <reference types="mocha" />
// Reach (issue 14.11, 14.12 partner parts): the widget and the demo partner page at phone widths (390 and 320 px:
// no sideways scroll, all five tabs on screen and clickable), the no-wallet message with install links, and the
// partner attributes `tabs`, `tab`, `amount` and the `metis-stake:ready` event.
// The wallet is the shared test EIP-1193 provider over anvil's unlocked accounts (test/helpers/test-wallet.ts): only a
// wallet's UI is played; the contracts and the figures are the real devnet's.
import { expect } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import type { MetisStakeWidget } from '@metis-liquid-staking/widget';
import { $, TestWallet, click, connected, devnet, isolate, mount, text, until } from './helpers.js';

const WIDTHS = [390, 320] as const;
const TAB_IDS = ['stake', 'restake', 'redeem', 'rewards', 'airdrop'];

const tabIds = (el: Element) => [...el.shadowRoot!.querySelectorAll('[role=tab]')].map((t) => t.id.replace('tab-', ''));

/** Every tab button lies inside the viewport and is the element hit at its centre (nothing covers or clips it). */
function checkTabsOnScreen(el: MetisStakeWidget, win: Window = window) {
  const tabs = [...el.shadowRoot!.querySelectorAll<HTMLElement>('[role=tab]')];
  expect(tabs.length).to.be.greaterThan(0);
  for (const t of tabs) {
    const r = t.getBoundingClientRect();
    expect(r.left, `${t.id} left`).to.be.at.least(0);
    expect(r.right, `${t.id} right`).to.be.at.most(win.document.documentElement.clientWidth);
    expect(r.width, `${t.id} width`).to.be.greaterThan(20);
    const hit = el.shadowRoot!.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    expect(hit === t || t.contains(hit), `${t.id} is hit at its centre`).to.equal(true);
  }
}

/** No sideways scroll: the page is no wider than its viewport, and nothing in the widget sticks out of it. */
function checkNoSidewaysScroll(el: MetisStakeWidget, what: string, win: Window = window) {
  const doc = win.document.documentElement;
  expect(doc.scrollWidth, `${what}: page scrollWidth`).to.be.at.most(doc.clientWidth);
  const container = $(el, '[part~=container]')!;
  expect(container.scrollWidth, `${what}: widget scrollWidth`).to.be.at.most(container.clientWidth);
  const wide = [...el.shadowRoot!.querySelectorAll('*')].filter((e) => e.getBoundingClientRect().right > doc.clientWidth + 0.5);
  expect(
    wide.map((e) => e.tagName + (e.id ? `#${e.id}` : '')),
    `${what}: elements past the right edge`,
  ).to.deep.equal([]);
}

describe('phone widths', () => {
  isolate();
  afterEach(() => setViewport({ width: 800, height: 600 }));

  for (const width of WIDTHS)
    for (const locale of ['en', 'ja'])
      it(`${width} px (${locale}): no sideways scroll on any tab, all five tabs on screen and clickable`, async () => {
        await setViewport({ width, height: 800 });
        const { accounts } = await devnet();
        const { el } = await connected(new TestWallet(accounts[1]!), { locale });
        expect(tabIds(el)).to.deep.equal(TAB_IDS);
        for (const tab of TAB_IDS) {
          checkTabsOnScreen(el);
          click(el, `#tab-${tab}`);
          await el.updateComplete;
          expect($(el, `#tab-${tab}`)!.getAttribute('aria-selected')).to.equal('true');
          expect($(el, '[role=tabpanel]')!.dataset.tab).to.equal(tab);
          checkNoSidewaysScroll(el, `${tab} tab`);
        }
        await expect(el).to.be.accessible();
      });

  it('the demo partner page (devnet/partner-site, served by npm start) fits 390 and 320 px', async () => {
    // the page as npm start serves it, with its URLs pointed at this test server's bundle, manifest and proofs
    const html = (await (await fetch('/devnet/partner-site/index.html')).text())
      .replaceAll('"/metis-stake-widget.iife.js"', '"/widget/dist/metis-stake-widget.iife.js"')
      .replaceAll('"/deployments/31337.json"', '"/devnet/manifest.json"')
      .replaceAll('"/airdrop/proofs.json"', '"/devnet/proofs.json"')
      .replaceAll('"/assets/', '"/devnet/partner-site/assets/');
    for (const width of WIDTHS) {
      const frame = document.createElement('iframe');
      frame.style.cssText = `width: ${width}px; height: 900px; border: 0`;
      document.body.append(frame);
      try {
        // written into the frame (document.open gives it this page's URL; an about:srcdoc frame would have no base URL for location.href)
        const win = frame.contentWindow!;
        win.document.open();
        win.document.write(html);
        win.document.close();
        const el = await until(() => win.document.querySelector<MetisStakeWidget>('metis-stake-widget'), 'the demo widget');
        await until(() => el.wallet?.screen, 'the demo widget figures');
        await el.updateComplete;
        el.scrollIntoView();
        checkNoSidewaysScroll(el, `demo page at ${width} px`, win);
        checkTabsOnScreen(el, win);
      } finally {
        frame.remove();
      }
    }
  });
});

describe('no wallet', () => {
  isolate();

  it('links the wallet installs (new tab, rel=noopener) and says what to do on a phone', async () => {
    const info = console.info;
    const hints: string[] = [];
    console.info = (...a: unknown[]) => hints.push(a.join(' '));
    try {
      const { el } = await mount({ 'manifest-url': '/devnet/manifest.json' });
      click(el, '[part~=connect]');
      await el.updateComplete;
      const box = $(el, '[part~=no-wallet]')!;
      expect(box, 'the no-wallet message').to.not.equal(null);
      const links = [...box.querySelectorAll('a')];
      expect(links.map((a) => a.href)).to.deep.equal(['https://metamask.io/download/', 'https://ethereum.org/en/wallets/find-wallet/']);
      for (const a of links) {
        expect(a.target).to.equal('_blank');
        expect(a.rel.split(' ')).to.include('noopener');
      }
      expect(text(el, '[part~=no-wallet]')).to.contain('MetaMask').and.contain("wallet app's browser");
      // the partner developer is told (console) how to reach mobile wallets: hand in a provider
      expect(hints.join('\n')).to.contain('provider').and.contain('AppKit');
      await expect(el).to.be.accessible();
    } finally {
      console.info = info;
    }
  });
});

describe('partner attributes', () => {
  isolate();
  let warnings: string[] = [];
  const warn = console.warn;
  beforeEach(() => {
    warnings = [];
    console.warn = (...a: unknown[]) => warnings.push(a.join(' '));
  });
  afterEach(() => {
    console.warn = warn;
  });

  it('tabs="…" shows the listed tabs in that order, selects the first, ignores unknown names with a warning', async () => {
    const { el } = await mount({ 'manifest-url': '/devnet/manifest.json', tabs: 'redeem, Stake,bogus,restake,stake' });
    expect(tabIds(el)).to.deep.equal(['redeem', 'stake', 'restake']);
    expect(el.tab).to.equal('redeem');
    expect($(el, '[role=tabpanel]')!.dataset.tab).to.equal('redeem');
    expect(warnings.join('\n')).to.contain('bogus');
    // the keyboard moves among the shown tabs only; a hidden tab cannot be selected
    $(el, '#tab-redeem')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'End', bubbles: true, composed: true }));
    await el.updateComplete;
    expect(el.tab).to.equal('restake');
    $(el, '#tab-restake')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true, composed: true }));
    await el.updateComplete;
    expect(el.tab).to.equal('redeem');
    await el.selectTab('airdrop');
    expect(el.tab).to.equal('redeem');
    // changed later: the new list, its first tab
    el.setAttribute('tabs', 'rewards,airdrop');
    await el.updateComplete;
    expect(tabIds(el)).to.deep.equal(['rewards', 'airdrop']);
    expect(el.tab).to.equal('rewards');
    // nothing known: all tabs
    el.setAttribute('tabs', 'nope');
    await el.updateComplete;
    expect(tabIds(el)).to.deep.equal(TAB_IDS);
  });

  it('tab="…" picks the first tab; one not shown falls back to the first listed', async () => {
    const { el } = await mount({ 'manifest-url': '/devnet/manifest.json', tab: 'rewards' });
    expect(tabIds(el)).to.deep.equal(TAB_IDS);
    expect(el.tab).to.equal('rewards');
    expect($(el, '#tab-rewards')!.getAttribute('aria-selected')).to.equal('true');
    expect(warnings).to.deep.equal([]);
    const other = await mount({ 'manifest-url': '/devnet/manifest.json', tabs: 'stake,redeem', tab: 'airdrop' });
    expect(other.el.tab).to.equal('stake');
  });

  it('amount="…" presets the first tab\'s amount, validated like typed input', async () => {
    const { accounts } = await devnet();
    const { el } = await connected(new TestWallet(accounts[1]!), { amount: '100' });
    const input = $<HTMLInputElement>(el, '#stake')!;
    expect(input.value).to.equal('100');
    expect(input.getAttribute('aria-invalid')).to.equal('false');
    expect(text(el, '#stake-hint')).to.contain('You receive about 100');
    const button = $<HTMLButtonElement>(el, '[data-action=stake]')!;
    expect(button.disabled).to.equal(false);
    expect(text(el, '[data-action=stake]')).to.equal('Stake');

    // too many decimals: the same reason as typing it
    const bad = await connected(new TestWallet(accounts[2]!), { amount: '1.0000000000000000001' });
    expect($<HTMLInputElement>(bad.el, '#stake')!.getAttribute('aria-invalid')).to.equal('true');
    expect(text(bad.el, '[data-action=stake]')).to.equal('Max 18 decimals');
    expect($<HTMLButtonElement>(bad.el, '[data-action=stake]')!.disabled).to.equal(true);

    // with tab="redeem" the preset goes to the redeem field (no eMETIS yet: insufficient balance)
    const redeem = await connected(new TestWallet(accounts[3]!), { tab: 'redeem', amount: '5' });
    expect($<HTMLInputElement>(redeem.el, '#redeem')!.value).to.equal('5');
    expect(text(redeem.el, '[data-action=redeem]')).to.equal('Insufficient eMETIS balance');
    expect($<HTMLInputElement>(redeem.el, '#redeem')!.getAttribute('aria-invalid')).to.equal('true');
  });

  it('fires metis-stake:ready once (bubbling, composed) when the manifest and the figures are loaded', async () => {
    const { accounts, manifest } = await devnet();
    const ready: CustomEvent[] = [];
    const rec = (e: Event) => ready.push(e as CustomEvent);
    document.addEventListener('metis-stake:ready', rec);
    try {
      const { el } = await mount({ 'manifest-url': '/devnet/manifest.json' });
      el.wallet.pollMs = 100;
      await until(() => ready.length, 'metis-stake:ready');
      expect(el.wallet.screen, 'figures on screen when ready fires').to.not.equal(undefined);
      const [e] = ready;
      expect(e!.bubbles && e!.composed).to.equal(true);
      expect(e!.detail).to.deep.equal({ chainId: manifest.chainId, name: manifest.name, contracts: manifest.contracts });
      // refreshes and a connection later do not fire it again
      const wallet = new TestWallet(accounts[1]!);
      el.provider = wallet as never;
      await el.updateComplete;
      click(el, '[part~=connect]');
      await until(() => el.wallet.screen?.user.account === accounts[1], 'connected figures');
      await new Promise((r) => setTimeout(r, 2500));
      expect(ready.length).to.equal(1);
    } finally {
      document.removeEventListener('metis-stake:ready', rec);
    }
  });
});
