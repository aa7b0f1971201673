// The snap's view of the chain: MetaMask's `ethereum` provider (endowment:ethereum-provider).
// Reads only; a snap cannot send transactions, it returns them to the dapp.
import { ChainDisconnectedError, InvalidParamsError } from './errors';
import { getAddress, numberToHex, type Address } from 'viem';
import type { RequestFn } from '@metis-liquid-staking/contracts';

/** EIP-1193 request over the snap's provider, typed as the bindings expect. */
export const rpc: RequestFn = (args) => ethereum.request(args as Parameters<typeof ethereum.request>[0]) as Promise<unknown>;

/** Makes the snap's provider use `chainId` (MetaMask keeps a chain per snap). */
export async function ensureChain(chainId: number): Promise<void> {
  const current = Number(BigInt((await rpc({ method: 'eth_chainId' })) as string));
  if (current === chainId) return;
  try {
    await rpc({ method: 'wallet_switchEthereumChain', params: [{ chainId: numberToHex(chainId) }] });
  } catch (e) {
    throw new ChainDisconnectedError(`Could not switch to chain ${chainId}: ${(e as Error).message ?? e}. Add the network to MetaMask first.`);
  }
}

/** Accounts the user has connected to the snap, asking for them if `ask` (RPC requests) and not otherwise. */
export async function accounts(ask: boolean): Promise<Address[]> {
  const list = (await rpc({ method: ask ? 'eth_requestAccounts' : 'eth_accounts' })) as string[] | null;
  return (list ?? []).map((a) => getAddress(a));
}

/** The account a request acts for: `requested` if it is connected to the snap, else the first connected one. */
export async function resolveAccount(requested: Address | undefined): Promise<Address> {
  const list = await accounts(true);
  if (list.length === 0) throw new InvalidParamsError('No account is connected to the snap.');
  if (!requested) return list[0]!;
  const found = list.find((a) => a.toLowerCase() === requested.toLowerCase());
  if (!found) throw new InvalidParamsError(`Account ${requested} is not connected to the snap.`);
  return found;
}
