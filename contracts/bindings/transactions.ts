// Transaction builders for every user action. The widget sends them; the snap returns them to the dapp.
import type { Address, Hex } from 'viem';
import { decodeResult, encodeCall } from './abi-codec.js';
import { airdropAbi, eMetisAbi, metisAbi, redemptionQueueAbi, seMetisAbi, stakingManagerAbi } from './frontend-abis.js';
import { ethCall, type RequestFn, type TxRequest } from './eip1193.js';
import type { Manifest } from './manifest.js';

const MAX_UINT256 = (1n << 256n) - 1n;
const ZERO: Address = '0x0000000000000000000000000000000000000000';
const tx = (to: Address, data: Hex): TxRequest => ({ to, data, value: 0n });

/** ERC-20 approve for any token (METIS, eMETIS, seMETIS share the standard signature; the trimmed ABI keeps bundles small). */
export function approveTx(token: Address, spender: Address, amount: bigint = MAX_UINT256): TxRequest {
  return tx(token, encodeCall(metisAbi, 'approve', [spender, amount]));
}

/** stake(assets, receiver, referral) or, with `restake`, stakeAndRestake. METIS must be approved to the manager. */
export function stakeTx(m: Manifest, a: { amount: bigint; receiver: Address; referral?: Address; restake?: boolean }): TxRequest {
  const fn = a.restake ? 'stakeAndRestake' : 'stake';
  return tx(
    m.contracts.stakingManager,
    encodeCall(stakingManagerAbi, fn, [a.amount, a.receiver, a.referral ?? ZERO]),
  );
}

/** stakeWithPermit / stakeAndRestakeWithPermit: `stakeTx` with an EIP-2612 permit on METIS instead of an approval. */
export function stakeWithPermitTx(
  m: Manifest,
  a: { amount: bigint; receiver: Address; referral?: Address; restake?: boolean; deadline: bigint; v: number; r: Hex; s: Hex },
): TxRequest {
  const fn = a.restake ? 'stakeAndRestakeWithPermit' : 'stakeWithPermit';
  return tx(
    m.contracts.stakingManager,
    encodeCall(stakingManagerAbi, fn, [a.amount, a.receiver, a.referral ?? ZERO, a.deadline, a.v, a.r, a.s]),
  );
}

/** ERC-4626 deposit of eMETIS into seMETIS. eMETIS must be approved to the vault. */
export function restakeTx(m: Manifest, a: { assets: bigint; receiver: Address }): TxRequest {
  return tx(m.contracts.seMetis, encodeCall(seMetisAbi, 'deposit', [a.assets, a.receiver]));
}

/** ERC-4626 redeem of seMETIS shares back to eMETIS. */
export function unstakeTx(m: Manifest, a: { shares: bigint; receiver: Address; owner: Address }): TxRequest {
  return tx(m.contracts.seMetis, encodeCall(seMetisAbi, 'redeem', [a.shares, a.receiver, a.owner]));
}

export function requestRedemptionTx(m: Manifest, a: { amount: bigint; owner: Address }): TxRequest {
  return tx(
    m.contracts.redemptionQueue,
    encodeCall(redemptionQueueAbi, 'requestRedemption', [a.amount, a.owner]),
  );
}

export function requestRedemptionWithPermitTx(
  m: Manifest,
  a: { amount: bigint; owner: Address; deadline: bigint; v: number; r: Hex; s: Hex },
): TxRequest {
  return tx(
    m.contracts.redemptionQueue,
    encodeCall(redemptionQueueAbi, 'requestRedemptionWithPermit', [a.amount, a.owner, a.deadline, a.v, a.r, a.s]),
  );
}

export function claimRedemptionTx(m: Manifest, a: { ticketId: bigint; to: Address }): TxRequest {
  return tx(m.contracts.redemptionQueue, encodeCall(redemptionQueueAbi, 'claim', [a.ticketId, a.to]));
}

export function claimAirdropTx(m: Manifest, a: { index: bigint; account: Address; amount: bigint; proof: readonly Hex[] }): TxRequest {
  return tx(
    m.contracts.airdrop,
    encodeCall(airdropAbi, 'claim', [a.index, a.account, a.amount, a.proof]),
  );
}

/** EIP-712 typed data for an EIP-2612 permit on any token (eth_signTypedData_v4 params[1]). */
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

/** EIP-712 typed data for an eMETIS permit (EIP-2612), for eth_signTypedData_v4. */
export function eMetisPermitTypedData(
  m: Manifest,
  a: { owner: Address; spender: Address; value: bigint; nonce: bigint; deadline: bigint; name?: string },
) {
  return permitTypedData({ ...a, token: m.contracts.eMetis, chainId: m.chainId, name: a.name ?? EMETIS_NAME });
}

/**
 * A token's EIP-712 name and `owner`'s EIP-2612 nonce (two eth_calls), or undefined when the token has no
 * permit (e.g. Metis L2's METIS) or the calls fail: then use approve-then-act.
 */
export async function readPermitInfo(request: RequestFn, token: Address, owner: Address): Promise<{ name: string; nonce: bigint } | undefined> {
  try {
    const [nonceRaw, nameRaw] = await Promise.all([
      ethCall(request, token, encodeCall(metisAbi, 'nonces', [owner])),
      ethCall(request, token, encodeCall(metisAbi, 'name')),
    ]);
    return {
      nonce: decodeResult(metisAbi, 'nonces', nonceRaw) as bigint,
      name: decodeResult(metisAbi, 'name', nameRaw) as string,
    };
  } catch {
    return undefined;
  }
}

/** eMETIS's ERC-20 name, which its EIP-712 domain uses. */
export const EMETIS_NAME = 'Staked Metis (eMETIS)';

/** Splits a 65-byte signature into v, r, s. */
export function splitSignature(sig: Hex): { v: number; r: Hex; s: Hex } {
  if (!/^0x[0-9a-fA-F]{130}$/.test(sig)) throw new Error('signature must be 65 bytes');
  const r = `0x${sig.slice(2, 66)}` as Hex;
  const s = `0x${sig.slice(66, 130)}` as Hex;
  let v = parseInt(sig.slice(130, 132), 16);
  if (v < 27) v += 27;
  return { v, r, s };
}

export { eMetisAbi };
