// The transaction request the snap returns to the dapp (which sends it with eth_sendTransaction).
import { numberToHex, type Address, type Hex } from 'viem';
import type { TxRequest } from '@metis-liquid-staking/contracts';

/**
 * `value` and `chainId` are 0x-prefixed hex quantities, ready for eth_sendTransaction as they are.
 * `requires` (only when an allowance is missing and no permit is possible) lists transactions the dapp
 * sends first, in order, each in the same format; drop the field before sending the main transaction.
 */
export type SnapTxOne = { from: Address; to: Address; data: Hex; value: Hex; chainId: Hex };
export type SnapTx = SnapTxOne | (SnapTxOne & { requires: SnapTxOne[] });

export function snapTx(from: Address, chainId: number, tx: TxRequest, requires: TxRequest[] = []): SnapTx {
  const one = (t: TxRequest): SnapTxOne => ({ from, to: t.to, data: t.data, value: numberToHex(t.value), chainId: numberToHex(chainId) });
  return requires.length ? { ...one(tx), requires: requires.map(one) } : one(tx);
}
