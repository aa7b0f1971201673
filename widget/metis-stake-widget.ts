// <metis-stake-widget>: the embeddable staking widget. State lives in two reactive controllers
// (wallet + manifest + lens, with @lit/task; transaction stages); each tab is a render module under ./panels.
import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { isAddress, type Address, type Hex } from 'viem';
import { explorerOf, type ClassifiedError, type Eip1193Provider } from '@metis-liquid-staking/contracts';
import type { ErrorSource, MetisStakeEventDetails, MetisStakeEventName } from './events.js';
import { injectedWallet, type DiscoveredWallet } from './eip6963.js';
import { fmtToken } from './panels/common.js';
import { renderStake } from './panels/stake.js';
import { OnAccentController } from './on-accent.js';
import { watchButtons, type WatchSymbol } from './panels/watch.js';
import { fmt, loadStrings, loadedStrings, type Language, type StringKey, type Strings } from './strings.js';
import { styles } from './styles.js';
import { TxController } from './tx-controller.js';
import { WalletController, type WidgetConfig } from './wallet-controller.js';

export const TABS = ['stake', 'restake', 'redeem', 'rewards', 'airdrop'] as const;
export type Tab = (typeof TABS)[number];

type Panel = (w: MetisStakeWidget) => unknown;
/**
 * Stake renders from the first paint; the other tabs are modules of their own, loaded the first time one is shown
 * (chunks in the ES module build, so a page that never opens them never fetches them; inside the IIFE).
 */
const PANELS: Record<Tab, () => Promise<Panel>> = {
  stake: () => Promise.resolve(renderStake),
  restake: () => import('./panels/restake.js').then((m) => m.renderRestake),
  redeem: () => import('./panels/redeem.js').then((m) => m.renderRedeem),
  rewards: () => import('./panels/rewards.js').then((m) => m.renderRewards),
  airdrop: () => import('./panels/airdrop.js').then((m) => m.renderAirdrop),
};
const panels: Partial<Record<Tab, Panel>> = { stake: renderStake };
const panelLoads: Partial<Record<Tab, Promise<void>>> = {};
const TAB_KEYS: Record<Tab, StringKey> = {
  stake: 'tabStake',
  restake: 'tabRestake',
  redeem: 'tabRedeem',
  rewards: 'tabRewards',
  airdrop: 'tabAirdrop',
};

/** Tabs with an amount field (its id is the tab's name): where the `amount` preset goes. */
const AMOUNT_TABS: readonly Tab[] = ['stake', 'restake', 'redeem'];

/** The `tabs` attribute: known names in the order given (duplicates once); unknown ones are warned about and ignored; none known: all tabs. */
export function parseTabs(value: string | undefined): readonly Tab[] {
  if (value === undefined) return TABS;
  const names = value
    .split(',')
    .map((n) => n.trim().toLowerCase())
    .filter(Boolean);
  const unknown = names.filter((n) => !(TABS as readonly string[]).includes(n));
  if (unknown.length) console.warn(`<metis-stake-widget>: unknown tabs ignored: ${unknown}`);
  const known = [...new Set(names.filter((n): n is Tab => (TABS as readonly string[]).includes(n)))];
  return known.length ? known : TABS;
}

/** Where a visitor without a wallet can get one (no-wallet message; links open in a new tab). */
const WALLET_LINKS: readonly (readonly [StringKey, string])[] = [
  ['installMetaMask', 'https://metamask.io/download/'],
  ['otherWallets', 'https://ethereum.org/en/wallets/find-wallet/'],
];
const NO_WALLET_HINT = '<metis-stake-widget>: no wallet. Phones: set .provider (wagmi/AppKit, docs/partners.md)';
let hinted = false;

/** The snap the widget offers by default: the npm package (the devnet's partner page sets its local one). */
export const DEFAULT_SNAP_ID = 'npm:@metis-liquid-staking/snap';

/**
 * The staking widget.
 *
 * @tag metis-stake-widget
 * @fires metis-stake:connected - a wallet connected: `{ account, chainId, wallet? }`
 * @fires metis-stake:submitted - a transaction was sent: `{ action, hash, step, total }`
 * @fires metis-stake:confirmed - an action succeeded: `{ action, hash?, symbol, decimals, before, after }` (wei as decimal strings)
 * @fires metis-stake:error - something failed: `{ action, code, errorName?, message }`
 * @fires metis-stake:ready - the manifest and the first lens figures are loaded (once per manifest-url / lens / chain-id): `{ chainId?, name?, contracts }`
 * @cssprop --metis-stake-accent - accent (buttons, selected tab)
 * @cssprop --metis-stake-on-accent - text on the accent
 * @cssprop --metis-stake-bg - background
 * @cssprop --metis-stake-fg - text
 * @cssprop --metis-stake-muted - secondary text
 * @cssprop --metis-stake-border - borders
 * @cssprop --metis-stake-surface - inputs and cards
 * @cssprop --metis-stake-error - error text
 * @cssprop --metis-stake-success - success text
 * @cssprop --metis-stake-radius - corner radius
 * @cssprop --metis-stake-font - font family
 * @cssprop --metis-stake-max-width - maximum width
 * @csspart container - the whole widget
 * @csspart tab - each tab button (the selected one is also `tab-selected`)
 * @csspart panel - the current tab's panel
 * @csspart button - every button (`primary-button`, `max`, `connect`, `disconnect`, `wallet`, `switch`, `retry`, `snap` name them)
 * @csspart input - amount inputs
 * @csspart status - transaction stages
 * @csspart spinner - the ring shown while the wallet or the chain is awaited (still under reduced motion)
 * @csspart watch - the "Add eMETIS / seMETIS to wallet" row (its buttons are `button watch-asset`)
 * @csspart error - error messages
 * @csspart stale - the note shown while the figures could not be refreshed (the container has `data-stale` then)
 */
export class MetisStakeWidget extends LitElement {
  static override styles = styles;
  static override properties = {
    chainId: { type: Number, attribute: 'chain-id' },
    manifestUrl: { attribute: 'manifest-url' },
    lensAddress: { attribute: 'lens' },
    referral: {},
    theme: { reflect: true },
    locale: {},
    proofsUrl: { attribute: 'airdrop-proofs-url' },
    snapId: { attribute: 'snap-id' },
    tabs: {},
    initialTab: { attribute: 'tab' },
    amount: {},
    provider: { attribute: false },
    strings: { attribute: false },
    tab: { state: true },
    amounts: { state: true },
    restake: { state: true },
    restakeDir: { state: true },
    picking: { state: true },
  };

  chainId?: number;
  manifestUrl?: string;
  lensAddress?: string;
  referral?: string;
  /** `auto` (default: follows the OS's prefers-color-scheme), `light` or `dark`. */
  theme: 'auto' | 'light' | 'dark' = 'auto';
  /** `en` or `ja`; unset, the language follows the element's own or nearest ancestor's `lang` attribute. */
  locale?: string;
  proofsUrl?: string;
  /** The MetaMask snap to offer (default DEFAULT_SNAP_ID, the npm package). */
  snapId = DEFAULT_SNAP_ID;
  /** The tabs shown, in order, comma-separated (`stake,restake,redeem`); unknown names are ignored with a console warning. Default: all five. */
  tabs?: string;
  /** The tab selected first (`tab` attribute; default the first of `tabs`). */
  initialTab?: string;
  /** An amount preset in the first tab's amount field (stake, restake or redeem), validated like typed input. */
  amount?: string;
  /** Any EIP-1193 provider; without one the widget discovers wallets (EIP-6963, then window.ethereum). */
  provider?: Eip1193Provider;
  /** Text overrides (any key of the English strings). */
  strings: Partial<Strings> = {};
  /** @internal the selected tab (use selectTab) */
  tab: Tab = 'stake';
  /** @internal amounts typed per field */
  amounts: Record<string, string> = {};
  /** @internal the stake tab's "restake for rewards" toggle (on: the default path earns) */
  restake = true;
  /** @internal the restake tab's direction */
  restakeDir: 'in' | 'out' = 'in';
  /** @internal the wallet list is open */
  picking = false;
  /** The tabs shown, in order (from `tabs`). */
  shownTabs: readonly Tab[] = TABS;

  readonly wallet = new WalletController(this);
  readonly tx = new TxController(this, this.wallet);
  /** @internal black or white text on the accent, from the computed accent */
  readonly onAccent = new OnAccentController(this);

  config(): WidgetConfig {
    return {
      manifestUrl: this.manifestUrl,
      lens: this.lensAddress,
      chainId: this.chainId,
      proofsUrl: this.proofsUrl,
      snapId: this.snapId,
      provider: this.provider,
    };
  }

  // `lang` stays HTMLElement's own property: the widget only watches the attribute to re-render.
  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, 'lang'];
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    super.attributeChangedCallback(name, old, value);
    if (name === 'lang') this.requestUpdate();
  }

  /** The language tag asked for: `locale`, else the closest `lang` attribute (the element's, an ancestor's, the page's), else `en`. */
  get localeTag(): string {
    return this.locale || this.closest('[lang]')?.getAttribute('lang') || document.documentElement.lang || 'en';
  }

  /** The language shown for {@link localeTag}: `en` unless Japanese. */
  get language(): Language {
    return this.localeTag.toLowerCase().split('-')[0] === 'ja' ? 'ja' : 'en';
  }

  emit<K extends MetisStakeEventName>(name: K, detail: MetisStakeEventDetails[K]): void {
    this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
  }

  /** The language on screen: {@link language} once its strings are loaded, English until then. */
  get shownLanguage(): Language {
    return loadedStrings(this.language) ? this.language : 'en';
  }

  t(key: StringKey, vars?: Record<string, string | number>): string {
    return fmt(this.strings?.[key] ?? loadedStrings(this.shownLanguage)![key] ?? key, vars);
  }

  get canTransact(): boolean {
    return !!(this.wallet.account && this.wallet.manifest && this.wallet.screen);
  }

  get referralAddress(): Address | undefined {
    return this.referral && isAddress(this.referral, { strict: false }) ? (this.referral.toLowerCase() as Address) : undefined;
  }

  setAmount(id: string, value: string): void {
    this.amounts = { ...this.amounts, [id]: value };
    this.tx.reset();
  }

  /** Plain-words text for a classified error. */
  errorText(e: ClassifiedError, vars?: Record<string, string>): string {
    switch (e.code) {
      case 'reverted':
        return this.t('err_reverted', { name: e.errorName ?? e.message });
      case 'below-minimum':
      case 'above-maximum':
        return vars ? this.t(`err_${e.code}-n`, vars) : this.t(`err_${e.code}`) + (e.errorName ? ` (${e.errorName})` : '');
      case 'wrong-network':
        return this.t('err_wrong-network', { name: this.wallet.manifest?.name ?? String(this.wallet.expectedChainId ?? '') });
      case 'unknown':
        return this.t('err_unknown', { message: e.message });
      default:
        return this.t(`err_${e.code}`);
    }
  }

  /** The partner's `tabs`, `tab` and `amount`: the tabs shown, the one selected first, the preset in its amount field. */
  private partnerOptions(changed: PropertyValues<this>): void {
    if (changed.has('tabs')) this.shownTabs = parseTabs(this.tabs);
    if (changed.has('tabs') || changed.has('initialTab')) {
      const first = this.initialTab?.trim().toLowerCase() as Tab;
      this.tab = this.shownTabs.includes(first) ? first : this.shownTabs[0]!;
    }
    // the preset goes into the first tab's field (an amount the user typed there is kept)
    if ((changed.has('amount') || changed.has('tabs') || changed.has('initialTab')) && this.amount && AMOUNT_TABS.includes(this.tab))
      this.amounts = { ...this.amounts, [this.tab]: this.amounts[this.tab] || this.amount.trim() };
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    this.partnerOptions(changed);
    // the manifest, proofs and figures reload by themselves when their inputs change (WalletController's tasks)
    if (changed.has('provider')) this.wallet.setProvider(this.provider);
    // a language whose strings are not loaded yet: English until its module arrives, then a re-render
    const lang = this.language;
    if (!loadedStrings(lang))
      this.pending.add(
        loadStrings(lang).then(
          () => this.requestUpdate(),
          () => {},
        ),
      );
  }

  /** Modules being loaded for the screen (a language's strings, a tab's panel). */
  private pending = new Set<Promise<void>>();

  /** Also waits for the modules the screen needs (a language's strings, a tab's panel) and the render showing them. */
  protected override async getUpdateComplete(): Promise<boolean> {
    let done = await super.getUpdateComplete();
    while (this.pending.size) {
      const loads = [...this.pending];
      await Promise.all(loads);
      for (const l of loads) this.pending.delete(l);
      done = await super.getUpdateComplete();
    }
    return done;
  }

  private connect(e: Event, w?: DiscoveredWallet): Promise<void> {
    return this.refocus(e, async () => {
      this.picking = false;
      try {
        await this.wallet.connect(w);
      } catch (e) {
        this.tx.fail(e, 'connect');
      }
    });
  }

  /**
   * Runs `f` for click `e` (connect, disconnect: the button used goes away) and keeps the focus of a keyboard or
   * screen reader user (a click without a pointer: `detail` 0) in the widget, not on <body>: on the amount input
   * (else the primary button, else Disconnect) once connected, else on Connect. A tap moves no focus (no keyboard pops up).
   */
  private async refocus(e: Event, f: () => unknown): Promise<void> {
    const keyboard = (e as MouseEvent).detail === 0;
    await f();
    // rendered now: the account may have been set by the eth_accounts restore running alongside, unrendered yet
    this.requestUpdate();
    await this.updateComplete;
    if (!keyboard || this.shadowRoot!.activeElement) return;
    const q = (s: string) => this.renderRoot.querySelector<HTMLElement>(s);
    (this.wallet.account ? (q('#panel input') ?? q('#panel .primary:enabled') ?? q('[part~=disconnect]')) : q('[part~=connect]'))?.focus();
  }

  private onConnectClick(e: Event): void {
    if (this.provider) void this.connect(e);
    else this.picking = !this.picking;
  }

  private async guarded(action: ErrorSource, f: () => Promise<void>): Promise<void> {
    try {
      await f();
      this.tx.reset();
    } catch (e) {
      this.tx.fail(e, action);
    }
  }

  private onTabKey(e: KeyboardEvent): void {
    const tabs = this.shownTabs;
    const i = tabs.indexOf(this.tab);
    const next = { ArrowRight: i + 1, ArrowLeft: i - 1 + tabs.length, Home: 0, End: tabs.length - 1 }[e.key];
    if (next === undefined) return;
    e.preventDefault();
    this.selectTab(tabs[next % tabs.length]!, true);
  }

  /** Selects a tab (a tab hidden by `tabs` is not selected); resolves once the tab's panel is shown. */
  async selectTab(tab: Tab, focus = false): Promise<void> {
    if (!this.shownTabs.includes(tab)) return;
    this.tab = tab;
    this.tx.reset();
    await this.updateComplete;
    if (focus) this.renderRoot.querySelector<HTMLElement>(`#tab-${tab}`)?.focus();
  }

  private renderWallets() {
    if (!this.picking) return nothing;
    const injected = injectedWallet();
    const list = this.wallet.wallets.length ? this.wallet.wallets : injected ? [injected] : [];
    if (!list.length) {
      if (!hinted) console.info(NO_WALLET_HINT);
      hinted = true;
      return html`<div class="hint" role="status" part="no-wallet">
        <p>${this.t('noWallet')}</p>
        <ul>
          ${WALLET_LINKS.map(([key, href]) => html`<li><a href=${href} target="_blank" rel="noopener">${this.t(key)}</a></li>`)}
        </ul>
        <p>${this.t('noWalletMobile')}</p>
      </div>`;
    }
    return html`<ul class="wallets" part="wallets" aria-label=${this.t('chooseWallet')}>
      ${list.map(
        (w) =>
          html`<li>
            <button type="button" class="secondary" part="button wallet" data-wallet=${w.info.rdns} @click=${(e: Event) => this.connect(e, w)}>
              ${w.info.icon ? html`<img src=${w.info.icon} alt="" />` : nothing}${w.info.name}
            </button>
          </li>`,
      )}
    </ul>`;
  }

  private renderBanners() {
    const c = this.wallet;
    const out = [];
    if (c.error)
      out.push(
        html`<div class="banner error" role="alert" part="error banner">
          ${c.error.manifest ? this.t('err_manifest') : this.errorText(c.error)}
          <button type="button" class="secondary" part="button retry" @click=${() => c.load()}>${this.t('retry')}</button>
        </div>`,
      );
    if (c.wrongNetwork)
      out.push(
        html`<div class="banner" part="banner network">
          ${this.t('wrongNetwork')}
          <button type="button" class="secondary" part="button switch" @click=${() => this.guarded('switch-network', () => c.switchNetwork())}>
            ${this.t('switchNetwork', { name: c.manifest?.name ?? String(c.expectedChainId) })}
          </button>
        </div>`,
      );
    if (c.snap === 'available')
      out.push(
        html`<button
          type="button"
          class="secondary"
          part="button snap"
          data-action="snap"
          @click=${() => this.guarded('snap', () => c.installSnap())}
        >
          ${this.t('snapOffer')}
        </button>`,
      );
    if (c.snap === 'installed') out.push(html`<p class="hint" data-snap="installed">${this.t('snapInstalled')}</p>`);
    if (c.snapNote) out.push(html`<p class="hint" data-snap="fallback">${this.t('snapFallback')}</p>`);
    if (c.stale) out.push(html`<p class="hint" part="stale" role="status">${this.t('stale')}</p>`);
    if (!c.manifest && c.lens) out.push(html`<p class="hint">${this.t('readOnly')}</p>`);
    return out;
  }

  /** String `key` with its `{hash}` as 0x1234…abcd (the full hash in its title): a link to the manifest's explorer when it has one. */
  private withHash(key: StringKey, hash: Hex) {
    const m = this.wallet.manifest;
    const explorer = m && explorerOf(m);
    const short = `${hash.slice(0, 6)}…${hash.slice(-4)}`;
    const [before, after] = this.t(key, { hash: '\u0000' }).split('\u0000');
    return html`${before}${
      explorer
        ? html`<a href=${`${explorer.replace(/\/$/, '')}/tx/${hash}`} target="_blank" rel="noopener" title=${hash}>${short}</a>`
        : html`<span title=${hash}>${short}</span>`
    }${after ?? ''}`;
  }

  private renderStage() {
    const s = this.tx.stage;
    switch (s.kind) {
      case 'sign':
      case 'pending': {
        // "Step 1 of 2" only when there are two; a CSS spinner while waiting (still under reduced motion)
        const step = s.total > 1 ? this.t('stepOf', { step: s.step, total: s.total }) : '';
        return html`${
            this.tx.labels.length > 1
              ? html`<ol part="steps">
                  ${this.tx.labels.map((l, i) => html`<li aria-current=${i + 1 === s.step ? 'step' : 'false'}>${l}</li>`)}
                </ol>`
              : nothing
          }
          <p data-stage=${s.kind}>
            <span class="spinner" part="spinner" aria-hidden="true"></span>${
              s.kind === 'sign' ? step + this.t('stageSign', { label: s.label }) : html`${step}${this.withHash('stagePending', s.hash)}`
            }
          </p>`;
      }
      case 'success':
        return html`<p data-stage="success" class="success">
            ${this.t('stageSuccess', { symbol: s.symbol, before: fmtToken(s.before, s.symbol), after: fmtToken(s.after, s.symbol) })}
          </p>
          ${['stake', 'stakeAndRestake', 'restake'].includes(s.action) ? watchButtons(this, [s.symbol as WatchSymbol]) : nothing}`;
      case 'failed':
        return html`<div data-stage="failed" role="alert">
          <p class="error" part="error" data-code=${s.error.code}>${this.t('stageFailed', { reason: this.errorText(s.error, s.vars) })}</p>
          ${
            s.error.code === 'wrong-network'
              ? html`<button
                  type="button"
                  class="secondary"
                  part="button switch"
                  @click=${() => this.guarded('switch-network', () => this.wallet.switchNetwork())}
                >
                  ${this.t('switchNetwork', { name: this.wallet.manifest?.name ?? '' })}
                </button>`
              : nothing
          }
          ${s.retry ? html`<button type="button" class="secondary" part="button retry" @click=${s.retry}>${this.t('retry')}</button>` : nothing}
        </div>`;
      default:
        return nothing;
    }
  }

  private renderPanel() {
    const tab = this.tab;
    const panel = panels[tab];
    if (panel) return panel(this);
    // a failed load (offline, a blocked chunk) is not kept: the next render of the tab tries again
    const load = (panelLoads[tab] ??= PANELS[tab]().then(
      (p) => void (panels[tab] = p),
      () => void delete panelLoads[tab],
    ));
    this.pending.add(load);
    void load.then(() => this.requestUpdate());
    return html`<p class="hint">${this.t('loading')}</p>`;
  }

  override render(): TemplateResult {
    const c = this.wallet;
    const short = c.account ? `${c.account.slice(0, 6)}…${c.account.slice(-4)}` : '';
    return html`<section
      part="container"
      lang=${this.shownLanguage}
      ?data-stale=${c.stale}
      aria-labelledby="title"
      aria-busy=${c.loading ? 'true' : 'false'}
    >
      <header part="header">
        <h2 id="title">${this.t('title')}</h2>
        ${
          c.account
            ? html`<span part="account" title=${c.account}>${this.t('connected', { account: short })}</span>
                <button type="button" class="secondary" part="button disconnect" @click=${(e: Event) => this.refocus(e, () => c.disconnect())}>
                  ${this.t('disconnect')}
                </button>`
            : html`<button
                type="button"
                class="secondary"
                part="button connect"
                aria-expanded=${this.provider ? nothing : String(this.picking)}
                @click=${this.onConnectClick}
              >
                ${this.t('connect')}
              </button>`
        }
      </header>
      ${this.renderWallets()} ${this.renderBanners()}
      <div role="tablist" aria-label=${this.t('tabs')} part="tabs" @keydown=${this.onTabKey}>
        ${this.shownTabs.map(
          (tab) =>
            html`<button
              type="button"
              role="tab"
              id=${`tab-${tab}`}
              part=${tab === this.tab ? 'tab tab-selected' : 'tab'}
              aria-selected=${tab === this.tab ? 'true' : 'false'}
              aria-controls="panel"
              tabindex=${tab === this.tab ? 0 : -1}
              @click=${() => this.selectTab(tab)}
            >
              ${this.t(TAB_KEYS[tab])}
            </button>`,
        )}
      </div>
      <div role="tabpanel" id="panel" part="panel" data-tab=${this.tab} aria-labelledby=${`tab-${this.tab}`}>${this.renderPanel()}</div>
      <div part="status" role="status" aria-live="polite">${this.renderStage()}</div>
      ${c.loading && !c.screen ? html`<p class="hint" part="loading">${this.t('loading')}</p>` : nothing}
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'metis-stake-widget': MetisStakeWidget;
  }
}
