// EIP-2612 permits signed from inside the snap: MetaMask lets a snap with endowment:ethereum-provider
// call eth_signTypedData_v4 (MetaMask/snaps#2969 unblocked it; eth_sendTransaction stays blocked), and
// shows its own signature confirmation. With a permit the dapp sends ONE transaction instead of
// approve + action: stakeWithPermit / stakeAndRestakeWithPermit (METIS permit to the manager) and
// requestRedemptionWithPermit (eMETIS permit to the queue). The vault's deposit (restake) has no
// permit variant, so restake needs an approval transaction when the allowance is short.
import type { Address, Hex } from 'viem';
import { permitTypedData, readPermitInfo, splitSignature } from './bindings';
import { rpc } from './chain';

export const PERMIT_VALIDITY = 3600n; // seconds after the chain's current time

export interface PermitSignature {
  deadline: bigint;
  v: number;
  r: Hex;
  s: Hex;
}

/** The token's EIP-712 name and the owner's permit nonce, or undefined when the token has no permit (e.g. Metis L2's METIS). */
export function permitInfo(token: Address, owner: Address): Promise<{ name: string; nonce: bigint } | undefined> {
  return readPermitInfo(rpc, token, owner);
}

/** Asks MetaMask (its own confirmation) to sign a permit for `value` of `token` to `spender`. */
export async function signPermit(a: {
  token: Address;
  chainId: number;
  name: string;
  owner: Address;
  spender: Address;
  value: bigint;
  nonce: bigint;
  now: bigint;
}): Promise<PermitSignature> {
  const deadline = a.now + PERMIT_VALIDITY;
  const typed = permitTypedData({ ...a, deadline });
  const sig = (await rpc({ method: 'eth_signTypedData_v4', params: [a.owner, JSON.stringify(typed)] })) as Hex;
  return { deadline, ...splitSignature(sig) };
}
