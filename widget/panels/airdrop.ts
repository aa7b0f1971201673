// Airdrop tab: eligibility from the proofs file, claimed state from the lens, claim.
import { html } from 'lit';
import { GOVERNANCE_TOKEN, claimAirdropTx, formatAmount } from '@metis-liquid-staking/contracts';
import type { MetisStakeWidget } from '../metis-stake-widget.js';
import { actionButton } from './common.js';

export function renderAirdrop(w: MetisStakeWidget) {
  const c = w.wallet;
  if (c.proofsError) return html`<p class="error" role="alert" part="error">${w.errorText(c.proofsError)}</p>`;
  if (!c.proofs) return html`<p class="hint">${w.t('airdropNoFile')}</p>`;
  if (!c.account) return html`<p class="hint">${w.t('connect')}</p>`;
  const claim = c.claim;
  if (!claim) return html`<p class="hint" data-airdrop="none">${w.t('airdropNone')}</p>`;
  if (c.screen?.airdrop.claimed[0]) return html`<p class="hint" data-airdrop="claimed">${w.t('airdropClaimed')}</p>`;
  return html`<p data-airdrop="eligible">${w.t('airdropEligible', { amount: formatAmount(claim.amount) })}</p>
    ${actionButton(w, 'airdrop', w.t('airdropClaim'), () => {
      const m = c.manifest;
      if (!m) return;
      void w.tx.run({
        action: 'airdrop',
        symbol: GOVERNANCE_TOKEN.symbol,
        pick: (u) => u.governanceBalance,
        steps: () => [
          {
            label: w.t('stepAction', { action: w.t('airdropClaim') }),
            run: () => w.tx.send(claimAirdropTx(m, { index: claim.index, account: c.account!, amount: claim.amount, proof: claim.proof })),
          },
        ],
      });
    })}`;
}
