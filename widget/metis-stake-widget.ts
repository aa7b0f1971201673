// <metis-stake-widget>: the embeddable staking widget. State lives in two reactive controllers
// (wallet + lens, transaction stages); each tab is a render module under ./panels.
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import type { Address, Hex } from 'viem';
import { type ClassifiedError, type Eip1193Provider } from '../contracts/bindings/index.js';
import { injectedWallet, type DiscoveredWallet } from './eip6963.js';
import { renderAirdrop } from './panels/airdrop.js';
import { fmtToken } from './panels/common.js';
import { renderRedeem } from './panels/redeem.js';
import { renderRestake } from './panels/restake.js';
import { renderRewards } from './panels/rewards.js';
import { renderStake } from './panels/stake.js';
import { STRINGS, fmt, type StringKey, type Strings } from './strings.js';
import { styles } from './styles.js';
import { TxController } from './tx-controller.js';
import { WalletController, type WidgetConfig } from './wallet-controller.js';

export const TABS = ['stake', 'restake', 'redeem', 'rewards', 'airdrop'] as const;
export type Tab = (typeof TABS)[number];
const TAB_KEYS: Record<Tab, StringKey> = { stake: 'tabStake', restake: 'tabRestake', redeem: 'tabRedeem', rewards: 'tabRewards', airdrop: 'tabAirdrop' };

/** `detail` of the widget's events (all bubble and are composed). */
export interface StakeEventDetails {
  'stake-connected': { account: Address; chainId: number; wallet?: string };
  'stake-submitted': { action: string; hash: Hex; step: number };
  'stake-confirmed': { action: string; hash?: Hex; before: bigint; after: bigint };
  'stake-error': { action: string } & ClassifiedError;
}

export class MetisStakeWidget extends LitElement {
  static override styles = styles;
  static override properties = {
    chainId: { type: Number, attribute: 'chain-id' },
    manifestUrl: { attribute: 'manifest-url' },
    lensAddress: { attribute: 'lens' },
    referral: {},
    theme: { reflect: true },
    lang: {},
    proofsUrl: { attribute: 'airdrop-proofs-url' },
    snapId: { attribute: 'snap-id' },
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
  theme: 'light' | 'dark' = 'light';
  override lang = 'en';
  proofsUrl?: string;
  snapId = 'local:http://localhost:8080';
  /** Any EIP-1193 provider; without one the widget discovers wallets (EIP-6963, then window.ethereum). */
  provider?: Eip1193Provider;
  /** Text overrides (any key of the English strings). */
  strings: Partial<Strings> = {};
  tab: Tab = 'stake';
  amounts: Record<string, string> = {};
  restake = false;
  restakeDir: 'in' | 'out' = 'in';
  picking = false;

  readonly wallet = new WalletController(this);
  readonly tx = new TxController(this, this.wallet);

  config(): WidgetConfig {
    return { manifestUrl: this.manifestUrl, lens: this.lensAddress, chainId: this.chainId, proofsUrl: this.proofsUrl, snapId: this.snapId };
  }

  emit<K extends keyof StakeEventDetails>(name: K, detail: StakeEventDetails[K]): void {
    this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
  }

  t(key: StringKey, vars?: Record<string, string | number>): string {
    const dict = STRINGS[this.lang === 'ja' ? 'ja' : 'en'];
    return fmt(this.strings?.[key] ?? dict[key] ?? key, vars);
  }

  get canTransact(): boolean {
    return !!(this.wallet.account && this.wallet.manifest && this.wallet.screen);
  }

  get referralAddress(): Address | undefined {
    return this.referral && /^0x[0-9a-fA-F]{40}$/.test(this.referral) ? (this.referral.toLowerCase() as Address) : undefined;
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

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('provider')) this.wallet.setProvider(this.provider);
    if ((['manifestUrl', 'lensAddress', 'chainId', 'proofsUrl', 'provider'] as const).some((k) => changed.has(k))) void this.wallet.load();
  }

  private async connect(w?: DiscoveredWallet): Promise<void> {
    this.picking = false;
    try {
      await this.wallet.connect(w);
    } catch (e) {
      this.tx.fail(e, 'connect');
    }
  }

  private onConnectClick(): void {
    if (this.provider) void this.connect();
    else this.picking = !this.picking;
  }

  private async guarded(action: string, f: () => Promise<void>): Promise<void> {
    try {
      await f();
      this.tx.reset();
    } catch (e) {
      this.tx.fail(e, action);
    }
  }

  private onTabKey(e: KeyboardEvent): void {
    const i = TABS.indexOf(this.tab);
    const next = { ArrowRight: i + 1, ArrowLeft: i - 1 + TABS.length, Home: 0, End: TABS.length - 1 }[e.key];
    if (next === undefined) return;
    e.preventDefault();
    this.selectTab(TABS[next % TABS.length]!, true);
  }

  async selectTab(tab: Tab, focus = false): Promise<void> {
    this.tab = tab;
    this.tx.reset();
    if (!focus) return;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`#tab-${tab}`)?.focus();
  }

  private renderWallets() {
    if (!this.picking) return nothing;
    const injected = injectedWallet();
    const list = this.wallet.wallets.length ? this.wallet.wallets : injected ? [injected] : [];
    if (!list.length) return html`<p class="hint" role="status">${this.t('noWallet')}</p>`;
    return html`<ul class="wallets" part="wallets" aria-label=${this.t('chooseWallet')}>
      ${list.map(
        (w) =>
          html`<li>
            <button type="button" class="secondary" part="button wallet" data-wallet=${w.info.rdns} @click=${() => this.connect(w)}>
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
        html`<button type="button" class="secondary" part="button snap" data-action="snap" @click=${() => this.guarded('snap', () => c.installSnap())}>
          ${this.t('snapOffer')}
        </button>`,
      );
    if (c.snap === 'installed') out.push(html`<p class="hint" data-snap="installed">${this.t('snapInstalled')}</p>`);
    if (!c.manifest && c.lens) out.push(html`<p class="hint">${this.t('readOnly')}</p>`);
    return out;
  }

  private renderStage() {
    const s = this.tx.stage;
    switch (s.kind) {
      case 'sign':
      case 'pending': {
        const explorer = this.wallet.manifest?.explorer;
        return html`${this.tx.labels.length > 1
            ? html`<ol part="steps">
                ${this.tx.labels.map((l, i) => html`<li aria-current=${i + 1 === s.step ? 'step' : 'false'}>${l}</li>`)}
              </ol>`
            : nothing}
          <p data-stage=${s.kind}>
            ${s.kind === 'sign'
              ? this.t('stageSign', { step: s.step, total: s.total, label: s.label })
              : explorer
                ? html`${this.t('stagePending', { hash: '' })}<a href=${`${explorer}/tx/${s.hash}`} target="_blank" rel="noopener">${s.hash}</a>`
                : this.t('stagePending', { hash: s.hash })}
          </p>`;
      }
      case 'success':
        return html`<p data-stage="success" class="success">
          ${this.t('stageSuccess', { symbol: s.symbol, before: fmtToken(s.before, s.symbol), after: fmtToken(s.after, s.symbol) })}
        </p>`;
      case 'failed':
        return html`<div data-stage="failed" role="alert">
          <p class="error" part="error" data-code=${s.error.code}>${this.t('stageFailed', { reason: this.errorText(s.error, s.vars) })}</p>
          ${s.error.code === 'wrong-network'
            ? html`<button type="button" class="secondary" part="button switch" @click=${() => this.guarded('switch-network', () => this.wallet.switchNetwork())}>
                ${this.t('switchNetwork', { name: this.wallet.manifest?.name ?? '' })}
              </button>`
            : nothing}
          ${s.retry ? html`<button type="button" class="secondary" part="button retry" @click=${s.retry}>${this.t('retry')}</button>` : nothing}
        </div>`;
      default:
        return nothing;
    }
  }

  private renderPanel() {
    switch (this.tab) {
      case 'stake':
        return renderStake(this);
      case 'restake':
        return renderRestake(this);
      case 'redeem':
        return renderRedeem(this);
      case 'rewards':
        return renderRewards(this);
      default:
        return renderAirdrop(this);
    }
  }

  override render() {
    const c = this.wallet;
    const short = c.account ? `${c.account.slice(0, 6)}…${c.account.slice(-4)}` : '';
    return html`<section part="container" lang=${this.lang} aria-labelledby="title" aria-busy=${c.loading ? 'true' : 'false'}>
      <header part="header">
        <h2 id="title">${this.t('title')}</h2>
        ${c.account
          ? html`<span part="account" title=${c.account}>${this.t('connected', { account: short })}</span>`
          : html`<button type="button" class="secondary" part="button connect" aria-expanded=${this.provider ? nothing : String(this.picking)} @click=${this.onConnectClick}>
              ${this.t('connect')}
            </button>`}
      </header>
      ${this.renderWallets()} ${this.renderBanners()}
      <div role="tablist" aria-label=${this.t('tabs')} part="tabs" @keydown=${this.onTabKey}>
        ${TABS.map(
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
  interface HTMLElementEventMap {
    'stake-connected': CustomEvent<StakeEventDetails['stake-connected']>;
    'stake-submitted': CustomEvent<StakeEventDetails['stake-submitted']>;
    'stake-confirmed': CustomEvent<StakeEventDetails['stake-confirmed']>;
    'stake-error': CustomEvent<StakeEventDetails['stake-error']>;
  }
}
