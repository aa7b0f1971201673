// The minimal EIP-1193 surface both front ends use, and the few JSON-RPC calls they make over it (viem's
// clients are not used here: they would add their action and transport layers to both bundles for three calls).
import { numberToHex, type Address, type Hex } from 'viem';

export interface Eip1193Provider {
  request(args: { method: string; params?: unknown[] | Record<string, unknown> }): Promise<unknown>;
  on?(event: string, listener: (...args: unknown[]) => void): void;
  removeListener?(event: string, listener: (...args: unknown[]) => void): void;
}

export type RequestFn = Eip1193Provider['request'];

export interface TxRequest {
  to: Address;
  data: Hex;
  value: bigint;
}

export async function ethCall(request: RequestFn, to: Address, data: Hex, from?: Address): Promise<Hex> {
  return (await request({ method: 'eth_call', params: [{ to, data, ...(from ? { from } : {}) }, 'latest'] })) as Hex;
}

export async function chainIdOf(request: RequestFn): Promise<number> {
  return Number(BigInt((await request({ method: 'eth_chainId' })) as string));
}

/** The JSON-RPC transaction object for eth_sendTransaction / eth_estimateGas. */
export function rpcTx(from: Address, tx: TxRequest): { from: Address; to: Address; data: Hex; value: Hex } {
  return { from, to: tx.to, data: tx.data, value: numberToHex(tx.value) };
}

export interface Receipt {
  status: Hex;
  transactionHash: Hex;
  blockNumber: Hex;
  gasUsed: Hex;
}

/** Polls for a receipt; resolves when mined (status checked by the caller). */
export async function waitForReceipt(request: RequestFn, hash: Hex, { pollMs = 500, timeoutMs = 120_000 } = {}): Promise<Receipt> {
  const start = Date.now();
  for (;;) {
    const r = (await request({ method: 'eth_getTransactionReceipt', params: [hash] })) as Receipt | null;
    if (r) return r;
    if (Date.now() - start > timeoutMs) throw new Error(`transaction ${hash} not mined after ${Math.round(timeoutMs / 1000)} s`);
    await new Promise((res) => setTimeout(res, pollMs));
  }
}
