// Two local anvils standing in for a real Metis network and its Ethereum L1: the real chain ids (anvil --chain-id)
// and Metis's models (contracts/src/network) at Metis's real addresses. What cannot exist here is played: Metis's
// own contracts are not on these chains, so each model is deployed as a template and its runtime code copied to
// the real address with anvil_setCode, exactly as devnet/deploy.ts installs the L2 predeploys; LockingPool's copy
// is initialized with the real LockingInfo address as its escrow (the deployer of the template may do it).
import type { Address, Hex } from 'viem';
import {
  L2_CROSS_DOMAIN_MESSENGER,
  L2_METIS,
  L2_STANDARD_BRIDGE,
  OVM_GAS_PRICE_ORACLE,
  type MetisL1Addresses,
} from '@metis-liquid-staking/contracts';
import { findFreePort, startAnvil, type AnvilHandle } from '../../devnet/anvil.js';
import { ANVIL_KEYS } from '../../devnet/accounts.js';
import { artifact } from '../../devnet/artifacts.js';
import { makeClients, write, type Clients } from '../../devnet/chain.js';
import { NETWORKS, type NetworkName } from '../../devnet/networks.js';

/** Which Metis contract each model plays, by the key it has in MetisL1Addresses (L1) or its predeploy (L2). */
export const L1_STANDINS = {
  metis: 'DevMetis',
  lockingPool: 'LockingPoolModel',
  lockingInfo: 'LockingInfoModel',
  l1Bridge: 'L1StandardBridgeModel',
  l1Messenger: 'L1CrossDomainMessengerModel',
} as const satisfies Record<Exclude<keyof MetisL1Addresses, 'chainId'>, string>;

export const L2_STANDINS: readonly { address: Address; model: string }[] = [
  { address: L2_METIS, model: 'L2MetisModel' },
  { address: L2_STANDARD_BRIDGE, model: 'L2StandardBridgeModel' },
  { address: L2_CROSS_DOMAIN_MESSENGER, model: 'L2CrossDomainMessengerModel' },
  { address: OVM_GAS_PRICE_ORACLE, model: 'GasPriceOracleModel' },
];

export interface MetisStandin {
  network: NetworkName;
  l2: AnvilHandle;
  l1: AnvilHandle;
  /** Metis's L1 addresses the models sit at. */
  metisL1: MetisL1Addresses;
  /** Removes the code at `address` (to test a missing contract). */
  clearCode(chain: 'L1' | 'L2', address: Address): Promise<void>;
  stop(): Promise<void>;
}

async function copyModel(c: Clients, model: string, at: Address): Promise<void> {
  const a = artifact(model);
  const hash = await c.wallet.deployContract({
    abi: a.abi,
    bytecode: a.bytecode,
    args: model === 'DevMetis' ? [c.address] : [],
    account: c.account,
    chain: c.chain,
  } as never);
  const r = await c.publicClient.waitForTransactionReceipt({ hash });
  if (!r.contractAddress) throw new Error(`deploying the ${model} template failed (tx ${hash})`);
  const code = await c.publicClient.getCode({ address: r.contractAddress });
  await c.publicClient.request({ method: 'anvil_setCode' as never, params: [at, code] as never });
}

/**
 * Starts the two anvils for `network` (metis-sepolia: chains 59902 and 11155111; andromeda: 1088 and 1) on free
 * ports and, unless `models: false`, puts the models at Metis's real addresses. Always call `stop()`.
 */
export async function startMetisStandin(network: Exclude<NetworkName, 'devnet'>, opts: { models?: boolean } = {}): Promise<MetisStandin> {
  const cfg = NETWORKS[network];
  const metisL1 = cfg.metisL1!;
  const anvils: AnvilHandle[] = [];
  const stop = async () => {
    await Promise.all(anvils.map((a) => a.stop()));
  };
  try {
    const l2 = await startAnvil({ port: await findFreePort(), chainId: cfg.chainId });
    anvils.push(l2);
    const l1 = await startAnvil({ port: await findFreePort(), chainId: cfg.l1ChainId });
    anvils.push(l1);
    const key: Hex = ANVIL_KEYS[0]!;
    const c1 = await makeClients({ rpcUrl: l1.url, key, chainId: cfg.l1ChainId });
    const c2 = await makeClients({ rpcUrl: l2.url, key, chainId: cfg.chainId });
    if (opts.models ?? true) {
      for (const [k, model] of Object.entries(L1_STANDINS) as [keyof typeof L1_STANDINS, string][]) await copyModel(c1, model, metisL1[k]);
      await write(
        c1,
        metisL1.lockingPool,
        artifact('LockingPoolModel').abi,
        'initialize',
        [metisL1.lockingInfo, c1.address, false],
        'LockingPool copy initialize',
      );
      for (const s of L2_STANDINS) await copyModel(c2, s.model, s.address);
    }
    return {
      network,
      l2,
      l1,
      metisL1,
      clearCode: async (chain, address) => {
        const c = chain === 'L1' ? c1 : c2;
        await c.publicClient.request({ method: 'anvil_setCode' as never, params: [address, '0x'] as never });
      },
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
