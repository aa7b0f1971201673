/// <reference types="mocha" />
// Look (issue 14.10, 14.12): the text on the primary buttons is derived from the accent (axe on every tab with the
// demo page's #00d2c6 and a dark accent; computed contrast >= 4.5:1 for many accents; a partner's
// --metis-stake-on-accent still wins); a keyboard connect or disconnect keeps focus in the widget; the tabs' focus
// ring is not clipped by the tab row; the tab row does not shift and the panel height does not jump across tabs;
// theme="auto" (the default) follows prefers-color-scheme; a CJK fallback in the font stack; the Rewards tab's
// share price precise enough to agree with the preview.
// The wallet is the shared test EIP-1193 provider over anvil's unlocked accounts (test/helpers/test-wallet.ts): it
// stands in for MetaMask's UI only; every transaction is real on the devnet chain.
import { expect } from '@open-wc/testing';
import { emulateMedia, resetMouse, sendKeys, sendMouse } from '@web/test-runner-commands';
import { encodeFunctionData, erc20Abi, parseAbi, parseUnits, type Address } from 'viem';
import { sharePricePerToken } from '@metis-liquid-staking/contracts';
import type { MetisStakeWidget } from '@metis-liquid-staking/widget';
import { $, TestWallet, click, connected, devnet, increaseTime, isolate, mount, rpc, sendAs, settled, text, type, until } from './helpers.js';

const MANIFEST = { 'manifest-url': '/devnet/manifest.json' };
const TABS = ['stake', 'restake', 'redeem', 'rewards', 'airdrop'] as const;

/** WCAG 2 contrast ratio of two computed `rgb(r, g, b)` colours (independent of the widget's own derivation). */
function contrast(a: string, b: string): number {
  const lum = (c: string) => {
    const m = /rgba?\((\d+), (\d+), (\d+)/.exec(c);
    if (!m) throw new Error(`not an rgb() colour: ${c}`);
    const [r, g, bl] = [m[1], m[2], m[3]].map((v) => {
      const s = Number(v) / 255;
      return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

function primaryContrast(el: MetisStakeWidget): number {
  const cs = getComputedStyle($(el, '[part~=primary-button]')!);
  return contrast(cs.color, cs.backgroundColor);
}

describe('text on the accent (14.10)', () => {
  isolate();

  const accents = [
    '#00d2c6',
    '#1a237e',
    '#ffeb3b',
    '#e91e63',
    '#777777',
    '#808080',
    '#0057b8',
    '#7cc4ff',
    'hsl(280 60% 55%)',
    'orange',
    'rgb(0, 0, 0)',
  ];
  it(`primary buttons reach 4.5:1 with any accent (${accents.length} accents, both themes)`, async () => {
    for (const theme of ['light', 'dark'])
      for (const accent of accents) {
        const { el } = await mount({ ...MANIFEST, theme, style: `--metis-stake-accent: ${accent}` });
        const ratio = primaryContrast(el);
        expect(ratio, `${theme} ${accent}: ${ratio.toFixed(2)}:1`).to.be.at.least(4.5);
        el.remove();
      }
    // and the themes' own accents
    for (const theme of ['light', 'dark']) {
      const { el } = await mount({ ...MANIFEST, theme });
      expect(primaryContrast(el), theme).to.be.at.least(4.5);
      el.remove();
    }
  });

  it("a partner's --metis-stake-on-accent still wins", async () => {
    const { el } = await mount({ ...MANIFEST, style: '--metis-stake-accent: #00d2c6; --metis-stake-on-accent: rgb(10, 20, 30)' });
    expect(getComputedStyle($(el, '[part~=primary-button]')!).color).to.equal('rgb(10, 20, 30)');
  });

  it('follows an accent changed after mounting (at the next render)', async () => {
    const { el } = await mount({ ...MANIFEST, style: '--metis-stake-accent: #1a237e' });
    const before = getComputedStyle($(el, '[part~=primary-button]')!).color;
    el.style.setProperty('--metis-stake-accent', '#00d2c6');
    el.requestUpdate();
    await el.updateComplete;
    expect(getComputedStyle($(el, '[part~=primary-button]')!).color).to.not.equal(before);
    expect(primaryContrast(el)).to.be.at.least(4.5);
  });

  for (const [theme, accent] of [
    ['light', '#00d2c6'],
    ['dark', '#00d2c6'],
    ['light', '#1a237e'],
    ['dark', '#1a237e'],
  ] as const) {
    it(`axe: no violations on any tab, primary buttons enabled (${theme}, accent ${accent})`, async () => {
      const { accounts } = await devnet();
      const { el } = await connected(new TestWallet(accounts[1]!), { theme, style: `--metis-stake-accent: ${accent}` });
      // some eMETIS first (restake off), so the Restake and Redeem buttons can be enabled too
      ($(el, '[part~=toggle]') as HTMLInputElement).click();
      type(el, '#stake', '10');
      click(el, '[data-action=stake]');
      expect((await settled(el)).kind, text(el, '[part~=status]')).to.equal('success');
      for (const tab of TABS) {
        await el.selectTab(tab);
        await el.updateComplete;
        const input = $<HTMLInputElement>(el, '#panel input[inputmode]');
        if (input) {
          type(el, '#panel input[inputmode]', '2');
          await el.updateComplete;
          const b = $<HTMLButtonElement>(el, '[part~=primary-button]')!;
          expect(b.disabled, `${tab}: ${b.textContent}`).to.equal(false); // axe skips disabled buttons
        }
        await expect(el, tab).to.be.accessible();
      }
    });
  }
});

describe('focus (14.10)', () => {
  isolate();
  afterEach(() => {
    delete (window as { ethereum?: unknown }).ethereum;
  });

  it('Enter on Connect: once connected, focus is on the amount input, not <body>', async () => {
    const { accounts } = await devnet();
    const { el } = await mount(MANIFEST, new TestWallet(accounts[1]!));
    $(el, '[part~=connect]')!.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => el.wallet.account && !$(el, '[part~=connect]'), 'connected, the Connect button gone');
    await until(() => el.shadowRoot!.activeElement, 'focus back in the widget');
    expect(document.activeElement).to.equal(el);
    expect(el.shadowRoot!.activeElement!.id).to.equal('stake');
  });

  it('through the wallet list (Enter, Tab to the wallet, Enter): focus stays in the widget; Disconnect by keyboard leaves it on Connect', async () => {
    const { accounts } = await devnet();
    (window as { ethereum?: unknown }).ethereum = new TestWallet(accounts[1]!);
    const { el } = await mount(MANIFEST);
    $(el, '[part~=connect]')!.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot!.activeElement!.getAttribute('part')).to.contain('wallet');
    await sendKeys({ press: 'Enter' });
    await until(() => el.wallet.account && !$(el, '[part~=connect]'), 'connected, the Connect button gone');
    await until(() => el.shadowRoot!.activeElement, 'focus back in the widget');
    expect(el.shadowRoot!.activeElement!.id).to.equal('stake');

    $(el, '[part~=disconnect]')!.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => !el.wallet.account && !$(el, '[part~=disconnect]'), 'disconnected, the Disconnect button gone');
    await until(() => el.shadowRoot!.activeElement, 'focus back in the widget');
    expect(el.shadowRoot!.activeElement!.getAttribute('part')).to.contain('connect');
  });

  it('a mouse click on Connect moves no focus to the input (on a phone that would pop up the keyboard)', async () => {
    const { accounts } = await devnet();
    const { el } = await mount(MANIFEST, new TestWallet(accounts[1]!));
    const r = $(el, '[part~=connect]')!.getBoundingClientRect();
    try {
      await sendMouse({ type: 'click', position: [Math.round(r.left + r.width / 2), Math.round(r.top + r.height / 2)] });
    } finally {
      await resetMouse();
    }
    await until(() => el.wallet.account && !$(el, '[part~=connect]'), 'connected, the Connect button gone');
    await el.updateComplete;
    await new Promise((res) => setTimeout(res, 200));
    expect(el.shadowRoot!.activeElement?.id).to.not.equal('stake');
  });

  it("a keyboard-focused tab's focus ring is not clipped by the tab row", async () => {
    const { el } = await mount(MANIFEST);
    $(el, '#tab-restake')!.focus();
    for (const key of ['ArrowLeft', 'ArrowRight', 'End', 'Home']) {
      await sendKeys({ press: key });
      await el.updateComplete;
      const tab = el.shadowRoot!.activeElement as HTMLElement;
      expect(tab.getAttribute('role'), key).to.equal('tab');
      expect(tab.matches(':focus-visible'), key).to.equal(true);
      const cs = getComputedStyle(tab);
      expect(cs.outlineStyle, key).to.not.equal('none');
      const out = parseFloat(cs.outlineOffset) + parseFloat(cs.outlineWidth);
      const r = tab.getBoundingClientRect();
      // every ancestor up to the container that clips its overflow must contain the whole ring
      for (let a = tab.parentElement; a && a.getAttribute('part') !== 'container'; a = a.parentElement) {
        const ac = getComputedStyle(a);
        if (ac.overflowX === 'visible' && ac.overflowY === 'visible') continue;
        const b = a.getBoundingClientRect();
        const clip = {
          left: b.left + a.clientLeft,
          top: b.top + a.clientTop,
          right: b.left + a.clientLeft + a.clientWidth,
          bottom: b.top + a.clientTop + a.clientHeight,
        };
        const ring = { left: r.left - out, top: r.top - out, right: r.right + out, bottom: r.bottom + out };
        const msg = `${key} ${tab.id}: ring ${JSON.stringify(ring)} in ${JSON.stringify(clip)}`;
        expect(ring.top >= clip.top - 0.5 && ring.bottom <= clip.bottom + 0.5, msg).to.equal(true);
        // horizontally only the part scrolled into view counts (a scrolling tab row)
        if (r.left >= clip.left && r.right <= clip.right) expect(ring.left >= clip.left - 0.5 && ring.right <= clip.right + 0.5, msg).to.equal(true);
      }
    }
  });
});

describe('layout across tabs (14.12)', () => {
  isolate();

  it('the tab buttons keep their positions and widths when another tab is selected', async () => {
    for (const lang of ['en', 'ja']) {
      const { el } = await mount({ ...MANIFEST, lang });
      const rects = () =>
        TABS.map((t) => $(el, `#tab-${t}`)!.getBoundingClientRect()).map((r) => [r.left, r.width].map((v) => Math.round(v * 2) / 2));
      const first = rects();
      for (const tab of [...TABS.slice(1), 'stake' as const]) {
        click(el, `#tab-${tab}`);
        await el.updateComplete;
        expect(rects(), `${lang} ${tab} selected`).to.deep.equal(first);
      }
      el.remove();
    }
  });

  it('the panel (and the whole widget) has the same height on every tab, connected and not', async () => {
    const { accounts } = await devnet();
    for (const wallet of [undefined, new TestWallet(accounts[1]!)]) {
      const { el } = wallet ? await connected(wallet) : await mount(MANIFEST);
      await until(() => el.wallet.screen, 'figures');
      await el.updateComplete;
      const heights: Record<string, [number, number]> = {};
      for (const tab of TABS) {
        await el.selectTab(tab);
        await el.updateComplete;
        heights[tab] = [$(el, '[part~=panel]')!.getBoundingClientRect().height, el.getBoundingClientRect().height];
      }
      for (const i of [0, 1]) {
        const hs = Object.values(heights).map((h) => h[i]!);
        expect(Math.max(...hs) - Math.min(...hs), `${wallet ? 'connected' : 'not connected'} ${JSON.stringify(heights)}`).to.be.at.most(4);
      }
      el.remove();
    }
  });
});

describe('theme auto (14.12)', () => {
  isolate();
  afterEach(() => emulateMedia({ colorScheme: 'light' }));

  it('theme defaults to auto and follows prefers-color-scheme (the text on the accent too); light/dark pin it', async () => {
    const bg = (el: MetisStakeWidget) => getComputedStyle($(el, '[part~=container]')!).backgroundColor;
    await emulateMedia({ colorScheme: 'dark' });
    const { el } = await mount(MANIFEST);
    expect(el.theme).to.equal('auto');
    expect(el.getAttribute('theme')).to.equal('auto');
    expect(bg(el)).to.equal('rgb(21, 26, 33)');
    expect(primaryContrast(el)).to.be.at.least(4.5);
    await emulateMedia({ colorScheme: 'light' });
    await until(() => bg(el) === 'rgb(255, 255, 255)', 'light again');
    // the text on the accent follows at the re-render the scheme change asks for
    await until(() => primaryContrast(el) >= 4.5, 'on-accent follows the light accent');
    el.theme = 'dark';
    await el.updateComplete;
    expect(bg(el)).to.equal('rgb(21, 26, 33)');
    expect(primaryContrast(el)).to.be.at.least(4.5);
    await emulateMedia({ colorScheme: 'dark' });
    el.theme = 'light';
    await el.updateComplete;
    expect(bg(el)).to.equal('rgb(255, 255, 255)');
    expect(primaryContrast(el)).to.be.at.least(4.5);
  });
});

describe('Japanese font fallback (14.12)', () => {
  isolate();

  it('the font stack has CJK fonts after the Latin ones, also under a partner font', async () => {
    for (const style of ['', '--metis-stake-font: "Inter", system-ui, sans-serif']) {
      const { el } = await mount({ ...MANIFEST, lang: 'ja', style });
      const family = getComputedStyle($(el, '[part~=container]')!).fontFamily;
      expect(family, family).to.match(/Hiragino Sans|Noto Sans CJK JP|Yu Gothic|Meiryo/);
      if (style) expect(family, 'the Latin fonts first').to.match(/^"?Inter"?, system-ui/);
      el.remove();
    }
  });
});

describe('share price on the Rewards tab (14.12)', () => {
  isolate();

  it('exact unless marked "≈", then within 1e-10 of the lens price (never a bare "1" for 1.000004)', async () => {
    const { accounts } = await devnet();
    const { manifest } = await devnet();
    const user = accounts[1]!;
    const { el } = await connected(new TestWallet(user));
    // a price that needs more than 6 decimals: 0.0000123 eMETIS of rewards (sent to the vault and added as its
    // reward dispatcher does), fully vested after one rewards cycle
    ($(el, '[part~=toggle]') as HTMLInputElement).click();
    type(el, '#stake', '1');
    click(el, '[data-action=stake]');
    expect((await settled(el)).kind, text(el, '[part~=status]')).to.equal('success');
    const { seMetis, eMetis, rewardDispatcher } = manifest.contracts as Record<string, Address>;
    const reward = 12_300_000_000_000n;
    await sendAs(user, eMetis!, encodeFunctionData({ abi: erc20Abi, functionName: 'transfer', args: [seMetis!, reward] }));
    await rpc('anvil_setBalance', [rewardDispatcher, '0x56bc75e2d63100000']);
    await sendAs(
      rewardDispatcher!,
      seMetis!,
      encodeFunctionData({ abi: parseAbi(['function addRewards(uint256)']), functionName: 'addRewards', args: [reward] }),
    );
    await increaseTime(30 * 86400);
    await el.wallet.refresh();
    await until(() => el.wallet.screen && sharePricePerToken(el.wallet.screen.protocol) % 10n ** 12n !== 0n, 'a price needing > 6 decimals');
    await el.selectTab('rewards');
    await el.updateComplete;
    const p = el.wallet.screen!.protocol;
    const price = sharePricePerToken(p);
    const shown = text(el, '[data-figure=sharePrice] dd');
    const m = /^1 seMETIS = (≈?)([\d,.]+) eMETIS$/.exec(shown);
    expect(m, shown).to.not.equal(null);
    const v = parseUnits(m![2]!.replace(/,/g, ''), 18);
    if (m![1]) expect(v !== price && price - v < 10n ** 8n, `${shown} vs ${price}`).to.equal(true);
    else expect(v, `${shown} vs ${price}`).to.equal(price);
    // the same text as the Stake tab's rate
    await el.selectTab('stake');
    await el.updateComplete;
    expect(text(el, '[data-figure=sharePrice] dd')).to.equal(shown);
  });
});
