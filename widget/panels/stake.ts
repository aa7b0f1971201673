// Stake tab: METIS -> eMETIS (or straight into seMETIS with the restake toggle), referral passed on-chain.
import { html, nothing } from 'lit';
import type { Address } from 'viem';
import { ProtocolError, approveTx, readPermitInfo, stakeWithPermitTx, formatAmount, previewRestake, previewStake, stakeTx, toDecimalString } from '../../contracts/bindings/index.js';
import type { MetisStakeWidget } from '../metis-stake-widget.js';
import type { Step } from '../tx-controller.js';
import { actionButton, amountField, fmtToken, permitThenAct, tryAmount, validAmount, type Permit } from './common.js';

export function renderStake(w: MetisStakeWidget) {
  const s = w.wallet.screen;
  const input = w.amounts.stake ?? '';
  let preview: string | typeof nothing = nothing;
  if (s && tryAmount(input) !== undefined) {
    try {
      const wei = tryAmount(input)!;
      preview = w.restake
        ? w.t('receive', { amount: fmtToken(previewRestake(previewStake(wei, s.protocol), s.protocol), 'seMETIS'), symbol: 'seMETIS' })
        : w.t('receive', { amount: formatAmount(previewStake(wei, s.protocol)), symbol: 'eMETIS' });
    } catch {
      /* preview only */
    }
  }
  return html`${amountField(w, 'stake', 'METIS', s && w.wallet.account ? s.user.metisBalance : undefined, [
      s ? w.t('minimum', { amount: formatAmount(s.protocol.minStake), symbol: 'METIS' }) : nothing,
      preview,
    ])}
    <label class="toggle">
      <input type="checkbox" part="toggle" .checked=${w.restake} @change=${(e: Event) => (w.restake = (e.target as HTMLInputElement).checked)} />
      ${w.t('restakeToggle')}
    </label>
    ${actionButton(w, 'stake', w.t('stake'), () => stake(w))}`;
}

function stake(w: MetisStakeWidget) {
  const s = w.wallet.screen;
  const m = w.wallet.manifest;
  if (!s || !m) return;
  if (s.protocol.paused) return w.tx.fail(new ProtocolError('paused', 'paused'), 'stake');
  const amount = validAmount(w, 'stake', w.amounts.stake ?? '', { min: s.protocol.minStake, balance: s.user.metisBalance }, 'METIS');
  if (amount === undefined) return;
  const restake = w.restake;
  const referral = w.referralAddress;
  void w.tx.run({
    action: restake ? 'stakeAndRestake' : 'stake',
    symbol: restake ? 'seMETIS' : 'eMETIS',
    pick: (u) => (restake ? u.seMetisBalance : u.eMetisBalance),
    steps: async () => {
      const account = w.wallet.account as Address;
      // through the snap: it handles allowances itself (permit, or an approval in `requires`)
      if (w.wallet.snap === 'installed')
        return [
          {
            label: w.t('stepAction', { action: w.t('stake') }),
            run: async () =>
              w.tx.sendAll(
                await w.wallet.invokeSnap(restake ? 'stakeAndRestake' : 'stake', {
                  amount: toDecimalString(amount),
                  ...(referral ? { referral } : {}),
                  chainId: m.chainId,
                }),
              ),
          },
        ];
      const label = w.t('stepAction', { action: w.t('stake') });
      const args = { amount, receiver: account, restake, ...(referral ? { referral } : {}) };
      const act = (permit?: Permit) => (permit ? stakeWithPermitTx(m, { ...args, ...permit }) : stakeTx(m, args));
      if ((w.wallet.screen?.user.metisAllowanceToManager ?? 0n) >= amount) return [{ label, run: () => w.tx.send(act()) }];
      // a permit when METIS supports EIP-2612 (the devnet's does; Metis L2's does not), else approve first
      const info = await readPermitInfo((r) => w.wallet.provider!.request(r), m.contracts.metis, account);
      if (info) return permitThenAct(w, { token: m.contracts.metis, spender: m.contracts.stakingManager, amount, symbol: 'METIS', ...info, label, act });
      const steps: Step[] = [
        { label: w.t('stepApprove', { symbol: 'METIS' }), run: () => w.tx.send(approveTx(m.contracts.metis, m.contracts.stakingManager, amount)) },
        { label, run: () => w.tx.send(act()) },
      ];
      return steps;
    },
  });
}
