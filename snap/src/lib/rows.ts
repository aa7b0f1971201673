// Rows and warnings used on several screens.
import type { Address } from 'viem';
import {
  formatBps,
  redemptionEta,
  ticketStatus,
  type AllowancePlan,
  type Manifest,
  type ProtocolView,
  type TicketInfo,
} from '@metis-liquid-staking/contracts';
import { fmt, fmtDate } from './format';
import type { Translate } from './i18n';
import { partnerOf } from './partners';
import type { RowSpec, Warning } from '../../ui/parts';

export function aprRows(t: Translate, p: ProtocolView): RowSpec[] {
  return [
    { label: t('apr'), text: formatBps(p.aprBps) },
    { label: t('fee'), text: formatBps(p.feeBps) },
  ];
}

/**
 * The referral's rows and warning: its name from the on-chain PartnerRegistry when an active partner uses it,
 * else the bare address and an "unknown referral" warning (none for the staker's own address).
 */
export async function referralParts(
  t: Translate,
  m: Manifest,
  referral: Address | undefined,
  from: Address,
): Promise<{ rows: RowSpec[]; warnings: Warning[] }> {
  if (!referral) return { rows: [{ label: t('referral'), text: t('noReferral') }], warnings: [] };
  const p = await partnerOf(m, { referral });
  if (p)
    return {
      rows: [
        { label: t('referral'), text: p.name },
        { label: '', address: referral },
      ],
      warnings: [],
    };
  return {
    rows: [{ label: t('referral'), address: referral }],
    warnings:
      referral.toLowerCase() === from.toLowerCase()
        ? []
        : [{ title: t('unknownReferral'), text: t('unknownReferralText', { address: referral }), severity: 'warning' }],
  };
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

/** A wait in words, rounded up: "5 min", "3 h", "22 days". */
export function duration(t: Translate, seconds: bigint): string {
  const up = (unit: bigint) => (seconds + unit - 1n) / unit;
  if (seconds >= 86_400n) return t('daysN', { n: up(86_400n) });
  if (seconds >= 3_600n) return t('hours', { n: up(3_600n) });
  return t('minutes', { n: up(60n) });
}

/**
 * The honest wait for a new redemption of `eMetis` (the bindings' redemptionEta: fast path when the buffer and
 * fastCapacity cover the queue and this request, else the slow path), as a row and a banner.
 */
export function redemptionEtaRows(
  t: Translate,
  eMetis: bigint,
  p: Parameters<typeof redemptionEta>[1] & Pick<ProtocolView, 'exitDelay'>,
): { row: RowSpec; warning: Warning } {
  const e = redemptionEta(eMetis, p);
  const time = duration(t, e.seconds);
  return {
    row: { label: t('eta'), text: e.fastPath ? t('etaFast', { time }) : t('etaSlow', { time, unlock: duration(t, p.exitDelay) }) },
    warning: {
      title: t(e.fastPath ? 'redemptionFast' : 'redemptionDelay', { time }),
      text: t('redemptionDelayText'),
      severity: e.fastPath ? 'info' : 'warning',
    },
  };
}

/** When a ticket pays: claimable, its lens ETA (fast path ~date, slow path up to date), or waiting for the L1 report (eta 0). */
export function ticketWhen(t: Translate, k: Pick<TicketInfo, 'status' | 'eta' | 'fastPath'>): string {
  const st = ticketStatus(k);
  if (st !== 'pending') return st === 'claimable' ? t('ticketClaimable') : st;
  if (k.eta === 0n) return t('ticketWaitL1');
  return t(k.fastPath ? 'ticketFast' : 'ticketSlow', { date: fmtDate(k.eta) });
}
