// Raw JSON-RPC helpers for tests (anvil cheat methods included).

let nextId = 1;

/** Sends one JSON-RPC request and returns its result; throws with the node's message on error. */
export async function rpc<T = unknown>(url: string, method: string, params: unknown[] = []): Promise<T> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: nextId++, method, params }),
  });
  const body = (await res.json()) as { result?: T; error?: { message: string; code: number } };
  if (body.error) throw new Error(`${method}: ${body.error.message} (code ${body.error.code})`);
  return body.result as T;
}

/** Moves the chain clock forward by `seconds` and mines a block so views see the new time. */
export async function evmIncreaseTime(url: string, seconds: number): Promise<void> {
  await rpc(url, 'evm_increaseTime', [seconds]);
  await rpc(url, 'evm_mine', []);
}

/** Mines `n` blocks (anvil_mine; one second apart). */
export async function mine(url: string, n = 1): Promise<void> {
  await rpc(url, 'anvil_mine', [`0x${n.toString(16)}`, '0x1']);
}

/** Current block number. */
export async function blockNumber(url: string): Promise<bigint> {
  return BigInt(await rpc<string>(url, 'eth_blockNumber', []));
}

/** Takes an EVM snapshot (restore with `revert`). */
export async function snapshot(url: string): Promise<string> {
  return rpc<string>(url, 'evm_snapshot', []);
}

export async function revert(url: string, id: string): Promise<boolean> {
  return rpc<boolean>(url, 'evm_revert', [id]);
}
