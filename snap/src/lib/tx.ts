// The transaction request the snap returns to the dapp (which sends it with eth_sendTransaction).
import type { Address, Hex } from 'viem';
import { toHexQuantity, type TxRequest } from './bindings';

/**
 * `value` and `chainId` are 0x-prefixed hex quantities, ready for eth_sendTransaction as they are.
 * `requires` (only when an allowance is missing and no permit is possible) lists transactions the dapp
 * sends first, in order, each in the same format; drop the field before sending the main transaction.
 */
export interface SnapTx {
  from: Address;
  to: Address;
  data: Hex;
  value: Hex;
  chainId: Hex;
  requires?: Omit<SnapTx, 'requires'>[];
}

export function snapTx(from: Address, chainId: number, tx: TxRequest, requires: TxRequest[] = []): SnapTx {
  const one = (t: TxRequest) => ({ from, to: t.to, data: t.data, value: toHexQuantity(t.value), chainId: toHexQuantity(chainId) });
  return requires.length ? { ...one(tx), requires: requires.map(one) } : one(tx);
}
