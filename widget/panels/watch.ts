// "Add eMETIS / seMETIS to wallet": EIP-747 wallet_watchAsset with the manifest's token address and the bindings'
// symbol and decimals (no image). Offered after a stake or restake succeeded and on the Rewards tab. A refusal
// (4001, or `false` from older wallets) or a wallet without the method is a quiet "not added" next to the
// button, never an error stage or a `metis-stake:error` event.
import { html, nothing } from 'lit';
import { decimalsOf } from '@metis-liquid-staking/contracts';
import type { StringKey } from '../strings.js';
import type { MetisStakeWidget } from '../metis-stake-widget.js';

export type WatchSymbol = 'eMETIS' | 'seMETIS';

/** The last answer per widget and token (the note under the buttons). */
const notes = new WeakMap<MetisStakeWidget, Partial<Record<WatchSymbol, StringKey>>>();

async function watch(w: MetisStakeWidget, symbol: WatchSymbol): Promise<void> {
  const { provider: p, manifest: m } = w.wallet;
  if (!p || !m) return;
  let note: StringKey;
  try {
    const address = m.contracts[symbol === 'eMETIS' ? 'eMetis' : 'seMetis'];
    const ok = await p.request({
      method: 'wallet_watchAsset',
      params: { type: 'ERC20', options: { address, symbol, decimals: decimalsOf(symbol) } },
    });
    note = ok === false ? 'watchNo' : 'watchDone';
  } catch {
    // refused (4001) or no such method (4200, -32601): the same quiet note
    note = 'watchNo';
  }
  notes.set(w, { ...notes.get(w), [symbol]: note });
  w.requestUpdate();
}

/** The "Add … to wallet" buttons for `symbols` (connected with a manifest only), each with its last answer. */
export function watchButtons(w: MetisStakeWidget, symbols: readonly WatchSymbol[]) {
  if (!w.wallet.manifest || !w.wallet.account) return nothing;
  const n = notes.get(w) ?? {};
  return html`<p class="row" part="watch" aria-live="polite">
    ${symbols.map(
      (symbol) =>
        html`<button type="button" class="secondary" part="button watch-asset" data-watch=${symbol} @click=${() => watch(w, symbol)}>
            ${w.t('watchAdd', { symbol })}
          </button>
          ${n[symbol] ? html`<span class="hint" data-watch-note=${symbol}>${w.t(n[symbol], { symbol })}</span>` : nothing}`,
    )}
  </p>`;
}
