// Decoding calls to the protocol's contracts into plain words, with the expected result at the lens's
// current rates and warnings. Snap-only (the widget builds calls, it never needs to read them back).
import type { Address, Hex } from 'viem';
import {
  airdropAbi,
  decodeCallData,
  erc20Abi,
  type AbiItem,
  contractKeyOf,
  liquidityMiningAbi,
  previewRedemption,
  previewRestake,
  previewStake,
  previewUnstake,
  redemptionMaturity,
  redemptionQueueAbi,
  seMetisAbi,
  SEMETIS_DECIMALS,
  stakingManagerAbi,
  ticketStatus,
  WAD,
  type ContractKey,
  type Manifest,
  type Screen,
} from './bindings';
import { days, fmt, fmtDate, fmtShares } from './format';
import type { Translate } from './i18n';
import { aprRows, referralRow, referralWarning } from './rows';
import type { RowSpec, Warning } from '../../ui/parts';

export interface Described {
  action: string;
  rows: RowSpec[];
  warnings: Warning[];
  critical: boolean;
}

const MAX_UINT256 = (1n << 256n) - 1n;

/** The ABI each protocol contract is decoded with; the tokens also get ERC-20 approve/transfer. */
const ABIS: Partial<Record<ContractKey, readonly AbiItem[]>> = {
  stakingManager: stakingManagerAbi,
  seMetis: [...seMetisAbi, ...erc20Abi],
  redemptionQueue: redemptionQueueAbi,
  airdrop: airdropAbi,
  liquidityMining: liquidityMiningAbi,
  metis: erc20Abi,
  eMetis: erc20Abi,
  governanceToken: erc20Abi,
};

/** The governance token's symbol (GovernanceToken is ERC20("Metis LSD Governance", "MLSD")). */
export const GOV = 'MLSD';

const TOKEN: Partial<Record<ContractKey, { symbol: string; decimals: number }>> = {
  metis: { symbol: 'METIS', decimals: 18 },
  eMetis: { symbol: 'eMETIS', decimals: 18 },
  seMetis: { symbol: 'seMETIS', decimals: SEMETIS_DECIMALS },
  governanceToken: { symbol: GOV, decimals: 18 },
};

/** Decodes `data` sent to protocol contract `key`, or undefined for a function the snap does not know. */
export function decodeCall(key: ContractKey, data: Hex): { functionName: string; args: readonly unknown[] } | undefined {
  const abi = ABIS[key];
  if (!abi || !data || data.length < 10) return undefined;
  try {
    return decodeCallData(abi, data);
  } catch {
    return undefined;
  }
}

const WARN = 'warning' as const;

/** Plain-words description of a call from `from` to the protocol contract `key`. */
export function describeCall(t: Translate, m: Manifest, key: ContractKey, data: Hex, from: Address, s: Screen): Described {
  const { protocol: p, user: u } = s;
  const warnings: Warning[] = [];
  const rows: RowSpec[] = [];
  const above = (amount: bigint, balance: bigint, symbol: string, decimals = 18) => {
    if (amount > balance)
      warnings.push({
        title: t('aboveBalance'),
        text: t('aboveBalanceText', { balance: fmt(balance, '', decimals).trim(), symbol }),
        severity: 'danger',
      });
  };
  const expected = (text: string) => rows.push({ label: t('expected'), text });
  const call = decodeCall(key, data);
  let action = t('unknownCall');

  if (call) {
    const a = call.args;
    const fn = call.functionName;
    if (key === 'stakingManager') {
      const [amount, receiver, referral] = a as [bigint, Address, Address];
      const restake = fn.startsWith('stakeAndRestake');
      action = t(restake ? 'act.stakeAndRestake' : 'act.stake', { amount: fmt(amount, '').trim() });
      expected(restake ? fmtShares(previewRestake(previewStake(amount, p), p)) : fmt(previewStake(amount, p), 'eMETIS'));
      if (receiver.toLowerCase() !== from.toLowerCase()) rows.push({ label: t('account'), address: receiver });
      const ref = BigInt(referral) === 0n ? undefined : referral;
      rows.push(...aprRows(t, p), ...referralRow(t, m.chainId, ref));
      above(amount, u.metisBalance, 'METIS');
      warnings.push(...referralWarning(t, m.chainId, ref, from));
    } else if (key === 'redemptionQueue' && fn.startsWith('requestRedemption')) {
      const amount = a[0] as bigint;
      action = t('act.requestRedemption', { amount: fmt(amount, '').trim() });
      expected(fmt(previewRedemption(amount, p), 'METIS'));
      rows.push({ label: t('maturity'), text: fmtDate(redemptionMaturity(p.timestamp, p)) });
      warnings.push({ title: t('redemptionDelay', { days: days(p.exitDelay) }), text: t('redemptionDelayText'), severity: WARN });
      above(amount, u.eMetisBalance, 'eMETIS');
    } else if (key === 'redemptionQueue' && (fn === 'claim' || fn === 'claimBatch')) {
      const ids = fn === 'claim' ? [a[0] as bigint] : [...(a[0] as readonly bigint[])];
      action = fn === 'claim' ? t('act.claim', { id: ids[0]! }) : t('act.claimBatch', { count: ids.length });
      let total = 0n;
      for (const id of ids) {
        const k = u.tickets.find((x) => x.id === id);
        if (!k) continue;
        total += k.metisAmount;
        const st = ticketStatus(k);
        if (st !== 'claimable')
          rows.push({
            label: `${t('ticket')} #${id}`,
            text: st === 'claimed' ? st : t('ticketWaiting', { date: fmtDate(k.maturity) }),
            variant: 'warning',
          });
      }
      expected(fmt(total, 'METIS'));
    } else if (key === 'seMetis' && fn === 'deposit') {
      const amount = a[0] as bigint;
      action = t('act.restake', { amount: fmt(amount, '').trim() });
      expected(fmtShares(previewRestake(amount, p)));
      rows.push(...aprRows(t, p));
      above(amount, u.eMetisBalance, 'eMETIS');
    } else if (key === 'seMetis' && fn === 'redeem') {
      const shares = a[0] as bigint;
      action = t('act.unstake', { amount: fmtShares(shares).replace(' seMETIS', '') });
      expected(fmt(previewUnstake(shares, p), 'eMETIS'));
      above(shares, u.seMetisBalance, 'seMETIS', SEMETIS_DECIMALS);
    } else if (key === 'seMetis' && fn === 'withdraw') {
      const assets = a[0] as bigint;
      action = t('act.withdraw', { amount: fmt(assets, '').trim() });
      const shares = p.sharePrice === 0n ? assets : (assets * WAD + p.sharePrice - 1n) / p.sharePrice;
      expected(`-${fmtShares(shares)}`);
      above(assets, u.seMetisAssets, 'eMETIS');
    } else if (fn === 'approve' && TOKEN[key]) {
      const [spender, amount] = a as [Address, bigint];
      const tok = TOKEN[key]!;
      const spenderName = contractKeyOf(m, spender) ?? spender;
      action =
        amount === MAX_UINT256
          ? t('act.approveUnlimited', { spender: spenderName, symbol: tok.symbol })
          : t('act.approve', { spender: spenderName, amount: fmt(amount, '', tok.decimals).trim(), symbol: tok.symbol });
      rows.push({ label: t('contract'), address: spender });
    } else if (fn === 'transfer' && TOKEN[key]) {
      const [to, amount] = a as [Address, bigint];
      const tok = TOKEN[key]!;
      action = t('act.transfer', { amount: fmt(amount, '', tok.decimals).trim(), symbol: tok.symbol, to });
      const bal = key === 'metis' ? u.metisBalance : key === 'eMetis' ? u.eMetisBalance : key === 'seMetis' ? u.seMetisBalance : undefined;
      if (bal !== undefined) above(amount, bal, tok.symbol, tok.decimals);
    } else if (key === 'liquidityMining') {
      const token = a[0] as Address;
      const isShares = token.toLowerCase() === m.contracts.seMetis.toLowerCase();
      const symbol = isShares ? 'seMETIS' : (contractKeyOf(m, token) ?? 'LP');
      const decimals = isShares ? SEMETIS_DECIMALS : 18;
      const amount = a[1] as bigint | undefined;
      if (fn === 'stake' && amount !== undefined) {
        action = t('act.miningStake', { amount: fmt(amount, '', decimals).trim(), symbol });
        if (isShares) above(amount, u.seMetisBalance, 'seMETIS', SEMETIS_DECIMALS);
      } else if (fn === 'withdraw' && amount !== undefined) {
        action = t('act.miningWithdraw', { amount: fmt(amount, '', decimals).trim(), symbol });
      } else if (fn === 'getReward') {
        action = t('act.miningGetReward');
        if (isShares) expected(fmt(u.miningEarned, GOV));
      } else if (fn === 'exit') {
        action = t('act.miningExit');
        if (isShares) expected(`${fmtShares(u.miningStaked)} + ${fmt(u.miningEarned, GOV)}`);
      }
    } else if (key === 'airdrop' && fn === 'claim') {
      action = t('act.airdropClaim', { amount: fmt(a[2] as bigint, '').trim() });
    } else if (key === 'airdrop' && fn === 'release') {
      action = t('act.airdropRelease');
      expected(fmt(s.airdrop.vestedReleasable, GOV));
    }
  }
  if (p.paused && (key === 'stakingManager' || key === 'seMetis' || key === 'redemptionQueue')) {
    warnings.unshift({ title: t('paused'), text: t('pausedText'), severity: 'danger' });
  }
  if (!call) rows.push({ label: t('contract'), text: `${key} (${data.slice(0, 10)})` });
  return { action, rows, warnings, critical: warnings.some((w) => w.severity === 'danger') };
}

