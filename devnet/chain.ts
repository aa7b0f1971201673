// viem clients and a small transaction helper shared by deploy, seed and keeper.
import {
  createPublicClient,
  createWalletClient,
  defineChain,
  http,
  type Abi,
  type Account,
  type Address,
  type Chain,
  type Hex,
  type PublicClient,
  type TransactionReceipt,
  type WalletClient,
} from 'viem';
import { privateKeyToAccount } from 'viem/accounts';

export function makeChain(chainId: number, rpcUrl: string, name = `chain-${chainId}`): Chain {
  return defineChain({
    id: chainId,
    name,
    nativeCurrency: { name: 'Metis', symbol: 'METIS', decimals: 18 },
    rpcUrls: { default: { http: [rpcUrl] } },
  });
}

export interface Clients {
  chain: Chain;
  publicClient: PublicClient;
  wallet: WalletClient;
  account: Account | Address;
  address: Address;
}

/** Public + wallet clients for `key` (local signing) or an unlocked `address` (anvil). */
export async function makeClients(opts: {
  rpcUrl: string;
  key?: Hex;
  address?: Address;
  chainId?: number;
  pollingInterval?: number;
  retryCount?: number;
}): Promise<Clients> {
  const transport = http(opts.rpcUrl, { retryCount: opts.retryCount ?? 3, retryDelay: 250, timeout: 20_000 });
  const probe = createPublicClient({ transport });
  const chainId = opts.chainId ?? (await probe.getChainId());
  const chain = makeChain(chainId, opts.rpcUrl);
  const pollingInterval = opts.pollingInterval ?? (chainId === 31337 ? 100 : 2_000);
  const publicClient = createPublicClient({ chain, transport, pollingInterval }) as PublicClient;
  let account: Account | Address;
  if (opts.key) account = privateKeyToAccount(opts.key);
  else if (opts.address) account = opts.address;
  else throw new Error('makeClients: a private key or an unlocked address is required');
  const wallet = createWalletClient({ chain, transport, account, pollingInterval });
  const address = typeof account === 'string' ? account : account.address;
  return { chain, publicClient, wallet, account, address };
}

/** Thrown when a transaction reverted on chain. */
export class TxRevertedError extends Error {
  constructor(
    readonly label: string,
    readonly hash: Hex,
  ) {
    super(`${label} reverted (tx ${hash})`);
    this.name = 'TxRevertedError';
  }
}

/**
 * Simulates, sends and waits for one contract call; throws (with the decoded revert reason from the
 * simulation when there is one) if it would revert or did revert.
 */
export async function write(
  c: Clients,
  to: Address,
  abi: Abi | readonly unknown[],
  functionName: string,
  args: readonly unknown[] = [],
  label = functionName,
  value?: bigint,
): Promise<TransactionReceipt> {
  const { request } = await c.publicClient.simulateContract({
    address: to,
    abi: abi as Abi,
    functionName,
    args,
    account: c.account,
    value,
  } as never);
  const hash = await c.wallet.writeContract(request as never);
  const receipt = await c.publicClient.waitForTransactionReceipt({ hash });
  if (receipt.status !== 'success') throw new TxRevertedError(label, hash);
  return receipt;
}

/** Read helper with loose typing (ABIs come from artifacts at runtime). */
export async function read<T = unknown>(
  c: Pick<Clients, 'publicClient'>,
  address: Address,
  abi: Abi | readonly unknown[],
  functionName: string,
  args: readonly unknown[] = [],
): Promise<T> {
  return (await c.publicClient.readContract({ address, abi: abi as Abi, functionName, args } as never)) as T;
}
