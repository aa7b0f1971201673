// Airdrop tab: eligibility from the proofs file, claimed state from the lens, claim; what the claim pays now and
// what vests later (MerkleAirdrop's vestingBps share, linearly over vestingDuration from the claim: both read once
// from the contract, through the wallet on the right chain), then the vesting in all and what can be released
// now (the lens's airdrop view), and Release.
import { html, nothing } from 'lit';
import { decodeFunctionResult, encodeFunctionData, type Address } from 'viem';
import {
  GOVERNANCE_TOKEN,
  airdropAbi,
  claimAirdropTx,
  ethCall,
  formatAmount,
  releaseAirdropTx,
  type Manifest,
  type TxRequest,
} from '@metis-liquid-staking/contracts';
import type { MetisStakeWidget } from '../metis-stake-widget.js';
import { actionButton } from './common.js';

/** The airdrop contract's vesting terms, read once per contract: [vestingBps, vestingDuration (s)]. */
const terms = new Map<Address, readonly [bigint, bigint] | 'reading'>();

function vestingTerms(w: MetisStakeWidget, m: Manifest) {
  const a = m.contracts.airdrop;
  const t = terms.get(a);
  const p = w.wallet.provider;
  if (t || !p || w.wallet.wrongNetwork) return t === 'reading' ? undefined : t;
  terms.set(a, 'reading');
  const read = async (functionName: 'vestingBps' | 'vestingDuration') =>
    BigInt(
      decodeFunctionResult({
        abi: airdropAbi,
        functionName,
        data: await ethCall((r) => p.request(r), a, encodeFunctionData({ abi: airdropAbi, functionName })),
      }),
    );
  void Promise.all([read('vestingBps'), read('vestingDuration')]).then(
    ([bps, duration]) => {
      terms.set(a, [bps!, duration!]);
      w.requestUpdate();
    },
    () => terms.delete(a),
  );
  return undefined;
}

export function renderAirdrop(w: MetisStakeWidget) {
  const c = w.wallet;
  if (c.proofsError) return html`<p class="error" role="alert" part="error">${w.errorText(c.proofsError)}</p>`;
  if (!c.proofs) return html`<p class="hint">${w.t('airdropNoFile')}</p>`;
  if (!c.account) return html`<p class="hint">${w.t('connect')}</p>`;
  const claim = c.claim;
  if (!claim) return html`<p class="hint" data-airdrop="none">${w.t('airdropNone')}</p>`;
  const m = c.manifest;
  const a = c.screen?.airdrop;
  // claim and release both report as the 'airdrop' action (the governance token balance before/after)
  const send = (label: string, tx: () => TxRequest) =>
    void w.tx.run({
      action: 'airdrop',
      symbol: GOVERNANCE_TOKEN.symbol,
      pick: (u) => u.governanceBalance,
      steps: () => [{ label: w.t('stepAction', { action: label }), run: () => w.tx.send(tx()) }],
    });
  if (a?.claimed[0])
    return html`<p class="hint" data-airdrop="claimed">${w.t('airdropClaimed')}</p>
      ${
        a.vestedTotal
          ? html`<p data-airdrop="vesting">
                ${w.t('airdropVesting', { total: formatAmount(a.vestedTotal), releasable: formatAmount(a.vestedReleasable) })}
              </p>
              ${actionButton(
                w,
                'airdrop-release',
                w.t('airdropRelease'),
                () => m && send(w.t('airdropRelease'), () => releaseAirdropTx(m, { account: c.account! })),
                a.vestedReleasable ? undefined : w.t('airdropRelease'),
              )}`
          : nothing
      }`;
  const t = m && vestingTerms(w, m);
  const later = t ? (claim.amount * t[0]) / 10_000n : 0n;
  return html`<p data-airdrop="eligible">${w.t('airdropEligible', { amount: formatAmount(claim.amount) })}</p>
    ${
      t
        ? html`<p class="hint" data-airdrop="split">
            ${w.t('airdropSplit', { now: formatAmount(claim.amount - later), later: formatAmount(later), days: String(t[1] / 86_400n) })}
          </p>`
        : nothing
    }
    ${actionButton(w, 'airdrop', w.t('airdropClaim'), () => {
      if (m)
        send(w.t('airdropClaim'), () => claimAirdropTx(m, { index: claim.index, account: c.account!, amount: claim.amount, proof: claim.proof }));
    })}`;
}
