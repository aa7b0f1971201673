// Chain helpers for the Node tests: viem's anvil test client (with the public actions) per RPC URL.
import { createTestClient, http, publicActions, type Hex } from 'viem';

const clients = new Map<string, ReturnType<typeof makeClient>>();
const makeClient = (url: string) =>
  createTestClient({ mode: 'anvil', transport: http(url, { retryCount: 0, timeout: 60_000 }), pollingInterval: 100 }).extend(publicActions);

/** viem's anvil test client for `url` (cheat codes and public actions), one per URL. */
export function chainClient(url: string) {
  let c = clients.get(url);
  if (!c) clients.set(url, (c = makeClient(url)));
  return c;
}

/** One JSON-RPC request (for methods viem's actions do not name, and raw eth_* calls); errors are viem's. */
export async function rpc<T = unknown>(url: string, method: string, params: unknown[] = []): Promise<T> {
  return chainClient(url).request({ method, params } as never) as Promise<T>;
}

/** Moves the chain clock forward by `seconds` and mines a block so views see the new time. */
export async function evmIncreaseTime(url: string, seconds: number): Promise<void> {
  await chainClient(url).increaseTime({ seconds });
  await chainClient(url).mine({ blocks: 1 });
}

/** Mines `n` blocks (one second apart). */
export async function mine(url: string, n = 1): Promise<void> {
  await chainClient(url).mine({ blocks: n, interval: 1 });
}

/** Current block number (not cached). */
export async function blockNumber(url: string): Promise<bigint> {
  return chainClient(url).getBlockNumber({ cacheTime: 0 });
}

/** Takes an EVM snapshot (restore with `revert`). */
export async function snapshot(url: string): Promise<Hex> {
  return chainClient(url).snapshot();
}

export async function revert(url: string, id: Hex): Promise<void> {
  await chainClient(url).revert({ id });
}
