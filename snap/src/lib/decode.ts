// Decoding calls to the protocol's contracts into plain words, with the expected result at the lens's
// current rates and warnings. Snap-only (the widget builds calls, it never needs to read them back).
// Each contract's call data is decoded by viem with that contract's typed ABI.
import { decodeFunctionData, maxUint256, type Abi, type Address, type Hex } from 'viem';
import {
  airdropAbi,
  contractKeyOf,
  erc20Abi,
  GOVERNANCE_TOKEN,
  liquidityMiningAbi,
  previewRedemption,
  previewRestake,
  previewStake,
  previewStakeAndRestake,
  previewUnstake,
  previewWithdrawShares,
  redemptionQueueAbi,
  seMetisAbi,
  stakingManagerAbi,
  ticketStatus,
  TOKEN_OF,
  TOKENS,
  type ContractKey,
  type Manifest,
  type Screen,
  type TokenInfo,
} from '@metis-liquid-staking/contracts';
import { fmt, fmtShares } from './format';
import type { Translate } from './i18n';
import { aprRows, redemptionEtaRows, referralParts, ticketWhen } from './rows';
import type { RowSpec, Warning } from '../../ui/parts';

export interface Described {
  action: string;
  rows: RowSpec[];
  warnings: Warning[];
  critical: boolean;
}

const GOV = GOVERNANCE_TOKEN.symbol;
const SE = TOKENS.seMETIS;

/** The call `data` decodes to with `abi`, or undefined (unknown selector or malformed arguments). */
function decodeWith<const A extends Abi>(abi: A, data: Hex) {
  try {
    return decodeFunctionData({ abi, data });
  } catch {
    return undefined;
  }
}

/** Decodes `data` sent to protocol contract `key` (its function name and arguments), or undefined. */
export function decodeCall(key: ContractKey, data: Hex): { functionName: string; args: readonly unknown[] } | undefined {
  if (!data || data.length < 10) return undefined;
  const abis = {
    stakingManager: stakingManagerAbi,
    redemptionQueue: redemptionQueueAbi,
    airdrop: airdropAbi,
    liquidityMining: liquidityMiningAbi,
    seMetis: seMetisAbi,
  } as const;
  const found = key in abis ? decodeWith(abis[key as keyof typeof abis], data) : undefined;
  const call = found ?? (TOKEN_OF[key] ? decodeWith(erc20Abi, data) : undefined);
  return call ? { functionName: call.functionName, args: call.args ?? [] } : undefined;
}

/**
 * Plain-words description of a call from `from` to the protocol contract `key`, sending `value` wei of native
 * METIS (the amount of a native stake: `stake(receiver, referral)` carries none in its call data). A referral is
 * named from the PartnerRegistry (one eth_call unless remembered).
 */
export async function describeCall(t: Translate, m: Manifest, key: ContractKey, data: Hex, from: Address, s: Screen, value = 0n): Promise<Described> {
  const { protocol: p, user: u } = s;
  const warnings: Warning[] = [];
  const rows: RowSpec[] = [];
  const above = (amount: bigint, balance: bigint, tok: TokenInfo) => {
    if (amount > balance)
      warnings.push({
        title: t('aboveBalance'),
        text: t('aboveBalanceText', { balance: fmt(balance, '', tok.decimals).trim(), symbol: tok.symbol }),
        severity: 'danger',
      });
  };
  const expected = (text: string) => rows.push({ label: t('expected'), text });
  const amt = (v: bigint, decimals = 18) => fmt(v, '', decimals).trim();
  let action: string | undefined;

  const tokenCall = (tok: TokenInfo, balance: bigint | undefined) => {
    const c = decodeWith(erc20Abi, data);
    if (c?.functionName === 'approve') {
      const [spender, amount] = c.args;
      const spenderName = contractKeyOf(m, spender) ?? spender;
      action =
        amount === maxUint256
          ? t('act.approveUnlimited', { spender: spenderName, symbol: tok.symbol })
          : t('act.approve', { spender: spenderName, amount: amt(amount, tok.decimals), symbol: tok.symbol });
      rows.push({ label: t('contract'), address: spender });
    } else if (c?.functionName === 'transfer') {
      const [to, amount] = c.args;
      action = t('act.transfer', { amount: amt(amount, tok.decimals), symbol: tok.symbol, to });
      if (balance !== undefined) above(amount, balance, tok);
    }
  };

  if (key === 'stakingManager') {
    const c = decodeWith(stakingManagerAbi, data);
    if (c) {
      // native (payable): the amount is the value; the ERC-20 face (stakeErc20...) has it as the first argument
      const erc20 = c.functionName === 'stakeErc20' || c.functionName === 'stakeErc20AndRestake';
      const [amount, receiver, referral] = erc20 ? c.args : [value, ...c.args];
      const restake = c.functionName.endsWith('AndRestake');
      action = t(restake ? 'act.stakeAndRestake' : 'act.stake', { amount: amt(amount) });
      expected(restake ? fmtShares(previewStakeAndRestake(amount, p)) : fmt(previewStake(amount, p), 'eMETIS'));
      if (receiver.toLowerCase() !== from.toLowerCase()) rows.push({ label: t('account'), address: receiver });
      const ref = await referralParts(t, m, BigInt(referral) === 0n ? undefined : referral, from);
      rows.push(...aprRows(t, p), ...ref.rows);
      if (!erc20 && amount === 0n) warnings.push({ title: t('noValue'), text: t('noValueText', { min: amt(p.minStake) }), severity: 'danger' });
      if (erc20 && u.metisAllowanceToManager < amount)
        warnings.push({ title: t('allowanceLow'), text: t('allowanceLowText', { amount: amt(amount) }), severity: 'danger' });
      above(amount, u.metisBalance, TOKENS.METIS);
      warnings.push(...ref.warnings);
    }
  } else if (key === 'redemptionQueue') {
    const c = decodeWith(redemptionQueueAbi, data);
    if (c?.functionName === 'requestRedemption' || c?.functionName === 'requestRedemptionWithPermit') {
      const amount = c.args[0];
      action = t('act.requestRedemption', { amount: amt(amount) });
      expected(fmt(previewRedemption(amount, p), 'METIS'));
      const eta = redemptionEtaRows(t, amount, p);
      rows.push(eta.row);
      warnings.push(eta.warning);
      above(amount, u.eMetisBalance, TOKENS.eMETIS);
    } else if (c?.functionName === 'claim' || c?.functionName === 'claimBatch') {
      const ids = c.functionName === 'claim' ? [c.args[0]] : [...c.args[0]];
      action = c.functionName === 'claim' ? t('act.claim', { id: ids[0]! }) : t('act.claimBatch', { count: ids.length });
      let total = 0n;
      for (const id of ids) {
        const k = u.tickets.find((x) => x.id === id);
        if (!k) continue;
        total += k.metisAmount;
        const st = ticketStatus(k);
        if (st !== 'claimable')
          rows.push({
            label: `${t('ticket')} #${id}`,
            text: ticketWhen(t, k),
            variant: 'warning',
          });
      }
      expected(fmt(total, 'METIS'));
    }
  } else if (key === 'seMetis') {
    const c = decodeWith(seMetisAbi, data);
    if (c?.functionName === 'deposit') {
      const amount = c.args[0];
      action = t('act.restake', { amount: amt(amount) });
      expected(fmtShares(previewRestake(amount, p)));
      rows.push(...aprRows(t, p));
      above(amount, u.eMetisBalance, TOKENS.eMETIS);
    } else if (c?.functionName === 'redeem') {
      const shares = c.args[0];
      action = t('act.unstake', { amount: fmtShares(shares).replace(` ${SE.symbol}`, '') });
      expected(fmt(previewUnstake(shares, p), 'eMETIS'));
      above(shares, u.seMetisBalance, SE);
    } else if (c?.functionName === 'withdraw') {
      const assets = c.args[0];
      action = t('act.withdraw', { amount: amt(assets) });
      expected(`-${fmtShares(previewWithdrawShares(assets, p))}`);
      above(assets, u.seMetisAssets, TOKENS.eMETIS);
    } else tokenCall(SE, u.seMetisBalance);
  } else if (key === 'liquidityMining') {
    const c = decodeWith(liquidityMiningAbi, data);
    if (c) {
      const token = c.args[0];
      const isShares = token.toLowerCase() === m.contracts.seMetis.toLowerCase();
      const symbol = isShares ? SE.symbol : (contractKeyOf(m, token) ?? 'LP');
      const decimals = isShares ? SE.decimals : 18;
      if (c.functionName === 'stake') {
        action = t('act.miningStake', { amount: amt(c.args[1], decimals), symbol });
        if (isShares) above(c.args[1], u.seMetisBalance, SE);
      } else if (c.functionName === 'withdraw') {
        action = t('act.miningWithdraw', { amount: amt(c.args[1], decimals), symbol });
      } else if (c.functionName === 'getReward') {
        action = t('act.miningGetReward');
        if (isShares) expected(fmt(u.miningEarned, GOV));
      } else if (c.functionName === 'exit') {
        action = t('act.miningExit');
        if (isShares) expected(`${fmtShares(u.miningStaked)} + ${fmt(u.miningEarned, GOV)}`);
      }
    }
  } else if (key === 'airdrop') {
    const c = decodeWith(airdropAbi, data);
    if (c?.functionName === 'claim') action = t('act.airdropClaim', { amount: amt(c.args[2]) });
    else if (c?.functionName === 'release') {
      action = t('act.airdropRelease');
      expected(fmt(s.airdrop.vestedReleasable, GOV));
    }
  } else {
    const tok = TOKEN_OF[key];
    if (tok) tokenCall(tok, key === 'metis' ? u.metisBalance : key === 'eMetis' ? u.eMetisBalance : undefined);
  }

  if (p.paused && (key === 'stakingManager' || key === 'seMetis' || key === 'redemptionQueue')) {
    warnings.unshift({ title: t('paused'), text: t('pausedText'), severity: 'danger' });
  }
  if (action === undefined) rows.push({ label: t('contract'), text: `${key} (${data.slice(0, 10)})` });
  return { action: action ?? t('unknownCall'), rows, warnings, critical: warnings.some((w) => w.severity === 'danger') };
}
