// Rows and warnings used on several screens.
import type { Address } from 'viem';
import { formatBps, type AllowancePlan, type Manifest, type ProtocolView } from '@metis-liquid-staking/contracts';
import { fmt } from './format';
import type { Translate } from './i18n';
import { referralName } from './referrals';
import type { RowSpec, Warning } from '../../ui/parts';

export function aprRows(t: Translate, p: ProtocolView): RowSpec[] {
  return [
    { label: t('apr'), text: formatBps(p.aprBps) },
    { label: t('fee'), text: formatBps(p.feeBps) },
  ];
}

export function referralRow(t: Translate, chainId: number, referral: Address | undefined): RowSpec[] {
  if (!referral) return [{ label: t('referral'), text: t('noReferral') }];
  const name = referralName(chainId, referral);
  return name
    ? [
        { label: t('referral'), text: name },
        { label: '', address: referral },
      ]
    : [{ label: t('referral'), address: referral }];
}

export function referralWarning(t: Translate, chainId: number, referral: Address | undefined, from?: Address): Warning[] {
  if (!referral || referralName(chainId, referral)) return [];
  if (from && referral.toLowerCase() === from.toLowerCase()) return [];
  return [{ title: t('unknownReferral'), text: t('unknownReferralText', { address: referral }), severity: 'warning' }];
}

export function contractRows(t: Translate, m: Manifest, to: Address): RowSpec[] {
  return [
    { label: t('contract'), address: to },
    { label: t('network'), text: `${m.name} (${m.chainId})` },
  ];
}

/** The info banner that says how the allowance is covered: a permit signed in MetaMask, or an approval sent first. */
export function allowanceWarnings(t: Translate, plan: AllowancePlan, amount: bigint): Warning[] {
  if (plan.kind === 'ready') return [];
  const permit = plan.kind === 'permit';
  return [
    {
      title: t(permit ? 'permitSigned' : 'approvalFirst'),
      text: t(permit ? 'permitText' : 'approvalText', { amount: fmt(amount, plan.symbol) }),
      severity: 'info',
    },
  ];
}
