// Transaction builders for every user action (the widget sends them; the snap returns them to the dapp),
// and the one allowance plan both front ends follow: enough allowance -> nothing; else an EIP-2612 permit
// where the token has one; else an approve transaction first.
import { decodeFunctionResult, encodeFunctionData, hexToNumber, maxUint256, size, slice, zeroAddress, type Address, type Hex } from 'viem';
import { airdropAbi, metisAbi, redemptionQueueAbi, seMetisAbi, stakingManagerAbi } from './frontend-abis.js';
import { ethCall, type RequestFn, type TxRequest } from './eip1193.js';
import type { Screen } from './lens.js';
import type { Manifest } from './manifest.js';
import { TOKENS } from './tokens.js';

const tx = (to: Address, data: Hex): TxRequest => ({ to, data, value: 0n });

/** ERC-20 approve for any token (METIS, eMETIS, seMETIS share the standard signature). */
export function approveTx(token: Address, spender: Address, amount: bigint = maxUint256): TxRequest {
  return tx(token, encodeFunctionData({ abi: metisAbi, functionName: 'approve', args: [spender, amount] }));
}

/** An EIP-2612 permit signature, split for the `...WithPermit` entry points. */
export interface PermitSignature {
  deadline: bigint;
  v: number;
  r: Hex;
  s: Hex;
}

export interface StakeArgs {
  amount: bigint;
  receiver: Address;
  referral?: Address | undefined;
  restake?: boolean | undefined;
}

/**
 * The main path on Metis: stake native METIS (the gas token) as the transaction's value. `stake(receiver,
 * referral)` or, with `restake`, `stakeAndRestake`. No allowance, no permit: one transaction.
 */
export function stakeTx(m: Manifest, a: StakeArgs): TxRequest {
  const args = [a.receiver, a.referral ?? zeroAddress] as const;
  const data = a.restake
    ? encodeFunctionData({ abi: stakingManagerAbi, functionName: 'stakeAndRestake', args })
    : encodeFunctionData({ abi: stakingManagerAbi, functionName: 'stake', args });
  return { to: m.contracts.stakingManager, data, value: a.amount };
}

/**
 * The ERC-20 face of METIS (`stakeErc20` / `stakeErc20AndRestake`), for integrations that hold METIS as a
 * token: it needs an allowance to the manager first (Metis L2's METIS has no permit). Same balance as native.
 */
export function stakeErc20Tx(m: Manifest, a: StakeArgs): TxRequest {
  const args = [a.amount, a.receiver, a.referral ?? zeroAddress] as const;
  const data = a.restake
    ? encodeFunctionData({ abi: stakingManagerAbi, functionName: 'stakeErc20AndRestake', args })
    : encodeFunctionData({ abi: stakingManagerAbi, functionName: 'stakeErc20', args });
  return tx(m.contracts.stakingManager, data);
}

/** ERC-4626 deposit of eMETIS into seMETIS. eMETIS must be approved to the vault. */
export function restakeTx(m: Manifest, a: { assets: bigint; receiver: Address }): TxRequest {
  return tx(m.contracts.seMetis, encodeFunctionData({ abi: seMetisAbi, functionName: 'deposit', args: [a.assets, a.receiver] }));
}

/** ERC-4626 redeem of seMETIS shares back to eMETIS. */
export function unstakeTx(m: Manifest, a: { shares: bigint; receiver: Address; owner: Address }): TxRequest {
  return tx(m.contracts.seMetis, encodeFunctionData({ abi: seMetisAbi, functionName: 'redeem', args: [a.shares, a.receiver, a.owner] }));
}

export function requestRedemptionTx(m: Manifest, a: { amount: bigint; owner: Address }): TxRequest {
  return tx(
    m.contracts.redemptionQueue,
    encodeFunctionData({ abi: redemptionQueueAbi, functionName: 'requestRedemption', args: [a.amount, a.owner] }),
  );
}

export function requestRedemptionWithPermitTx(m: Manifest, a: { amount: bigint; owner: Address } & PermitSignature): TxRequest {
  return tx(
    m.contracts.redemptionQueue,
    encodeFunctionData({
      abi: redemptionQueueAbi,
      functionName: 'requestRedemptionWithPermit',
      args: [a.amount, a.owner, a.deadline, a.v, a.r, a.s],
    }),
  );
}

export function claimRedemptionTx(m: Manifest, a: { ticketId: bigint; to: Address }): TxRequest {
  return tx(m.contracts.redemptionQueue, encodeFunctionData({ abi: redemptionQueueAbi, functionName: 'claim', args: [a.ticketId, a.to] }));
}

export function claimAirdropTx(m: Manifest, a: { index: bigint; account: Address; amount: bigint; proof: readonly Hex[] }): TxRequest {
  return tx(m.contracts.airdrop, encodeFunctionData({ abi: airdropAbi, functionName: 'claim', args: [a.index, a.account, a.amount, a.proof] }));
}

/** Pays `account` the vested part of its airdrop claim released so far (MerkleAirdrop.release; anyone may send it). */
export function releaseAirdropTx(m: Manifest, a: { account: Address }): TxRequest {
  return tx(m.contracts.airdrop, encodeFunctionData({ abi: airdropAbi, functionName: 'release', args: [a.account] }));
}

/** EIP-712 typed data for an EIP-2612 permit on any token (eth_signTypedData_v4 params[1], JSON-encoded). */
export function permitTypedData(a: {
  token: Address;
  chainId: number;
  name: string;
  version?: string;
  owner: Address;
  spender: Address;
  value: bigint;
  nonce: bigint;
  deadline: bigint;
}) {
  return {
    types: {
      EIP712Domain: [
        { name: 'name', type: 'string' },
        { name: 'version', type: 'string' },
        { name: 'chainId', type: 'uint256' },
        { name: 'verifyingContract', type: 'address' },
      ],
      Permit: [
        { name: 'owner', type: 'address' },
        { name: 'spender', type: 'address' },
        { name: 'value', type: 'uint256' },
        { name: 'nonce', type: 'uint256' },
        { name: 'deadline', type: 'uint256' },
      ],
    },
    primaryType: 'Permit' as const,
    domain: { name: a.name, version: a.version ?? '1', chainId: a.chainId, verifyingContract: a.token },
    message: { owner: a.owner, spender: a.spender, value: a.value.toString(), nonce: a.nonce.toString(), deadline: a.deadline.toString() },
  };
}

export type PermitTypedData = ReturnType<typeof permitTypedData>;

/**
 * A token's EIP-712 name and `owner`'s EIP-2612 nonce (two eth_calls), or undefined when the token has no
 * permit (e.g. Metis L2's METIS) or the calls fail: then approve-then-act.
 */
export async function readPermitInfo(request: RequestFn, token: Address, owner: Address): Promise<{ name: string; nonce: bigint } | undefined> {
  try {
    const [nonces, name] = await Promise.all([
      ethCall(request, token, encodeFunctionData({ abi: metisAbi, functionName: 'nonces', args: [owner] })),
      ethCall(request, token, encodeFunctionData({ abi: metisAbi, functionName: 'name' })),
    ]);
    return {
      nonce: decodeFunctionResult({ abi: metisAbi, functionName: 'nonces', data: nonces }),
      name: decodeFunctionResult({ abi: metisAbi, functionName: 'name', data: name }),
    };
  } catch {
    return undefined;
  }
}

/** eMETIS's ERC-20 name, which its EIP-712 domain uses. */
export const EMETIS_NAME = 'Staked Metis (eMETIS)';

/** How long a permit stays valid: one hour after the chain's current time (the lens's `timestamp`). */
export const PERMIT_VALIDITY = 3600n;
export const permitDeadline = (chainNow: bigint): bigint => chainNow + PERMIT_VALIDITY;

/** The actions that spend a token allowance (a native stake spends none; `stakeErc20` is its ERC-20 face). */
export type AllowanceAction = 'stakeErc20' | 'restake' | 'requestRedemption';

/** What an action needs: `allowance` of `token` to `spender`; where a permit comes from (none: the vault's deposit has no permit entry point). */
function allowanceNeed(action: AllowanceAction, m: Manifest, s: Screen) {
  const c = m.contracts;
  const u = s.user;
  if (action === 'stakeErc20')
    return { token: c.metis, symbol: TOKENS.METIS.symbol, spender: c.stakingManager, allowance: u.metisAllowanceToManager, permit: 'read' as const };
  if (action === 'requestRedemption')
    return {
      token: c.eMetis,
      symbol: TOKENS.eMETIS.symbol,
      spender: c.redemptionQueue,
      allowance: u.eMetisAllowanceToQueue,
      permit: { name: EMETIS_NAME, nonce: u.eMetisNonce },
    };
  return { token: c.eMetis, symbol: TOKENS.eMETIS.symbol, spender: c.seMetis, allowance: u.eMetisAllowanceToVault, permit: undefined };
}

/**
 * How an action gets its allowance. `ready`: the allowance covers the amount. `permit`: sign `typedData`
 * (eth_signTypedData_v4) and use the action's `...WithPermit` entry point; `approve` is the fallback for a
 * wallet that cannot sign typed data. `approve`: send `approve` first, then the action.
 */
export type AllowancePlan =
  | { kind: 'ready' }
  | { kind: 'permit'; symbol: string; typedData: PermitTypedData; deadline: bigint; approve: TxRequest }
  | { kind: 'approve'; symbol: string; approve: TxRequest };

/**
 * The allowance plan for `amount` of `action` by `owner`, from the lens figures (`s`): the METIS permit's
 * name and nonce are read from the token (one that has no permit, like Metis L2's METIS, gets `approve`),
 * eMETIS's come with the lens; the vault's deposit has no permit, so restake gets `approve`.
 * Approvals are for the exact amount. The permit deadline is the chain's time plus PERMIT_VALIDITY.
 */
export async function planAllowance(
  request: RequestFn,
  action: AllowanceAction,
  a: { m: Manifest; screen: Screen; owner: Address; amount: bigint },
): Promise<AllowancePlan> {
  const need = allowanceNeed(action, a.m, a.screen);
  if (need.allowance >= a.amount) return { kind: 'ready' };
  const approve = approveTx(need.token, need.spender, a.amount);
  const permit = need.permit === 'read' ? await readPermitInfo(request, need.token, a.owner) : need.permit;
  if (!permit) return { kind: 'approve', symbol: need.symbol, approve };
  const deadline = permitDeadline(a.screen.protocol.timestamp);
  const typedData = permitTypedData({
    token: need.token,
    chainId: a.m.chainId,
    name: permit.name,
    owner: a.owner,
    spender: need.spender,
    value: a.amount,
    nonce: permit.nonce,
    deadline,
  });
  return { kind: 'permit', symbol: need.symbol, typedData, deadline, approve };
}

/** Asks the wallet behind `request` to sign a permit plan's typed data; returns the split signature. */
export async function signPermit(
  request: RequestFn,
  owner: Address,
  plan: { typedData: PermitTypedData; deadline: bigint },
): Promise<PermitSignature> {
  const sig = (await request({ method: 'eth_signTypedData_v4', params: [owner, JSON.stringify(plan.typedData)] })) as Hex;
  // r ‖ s ‖ v (65 bytes; v 0/1 or 27/28). Not viem's parseSignature: it brings secp256k1 (about 20 KB gzip)
  // into both bundles for what is three slices here.
  if (size(sig) !== 65) throw new Error(`the wallet returned a signature of ${size(sig)} bytes, expected 65`);
  const v = hexToNumber(slice(sig, 64, 65));
  return { deadline: plan.deadline, r: slice(sig, 0, 32), s: slice(sig, 32, 64), v: v < 27 ? v + 27 : v };
}
