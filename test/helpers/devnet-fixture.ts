// Shared test fixture: two fresh anvils (L1 and L2) on free ports with Metis's models and the whole protocol
// deployed on both, and the devnet relayer ready to carry messages. Used by the devnet, widget, snap and
// end-to-end tests.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Address, Hex } from 'viem';
import { findFreePort, startAnvil, type AnvilHandle } from '../../devnet/anvil.js';
import { ANVIL_ADDRESSES, ANVIL_KEYS, DEVNET_RELAYER_KEY, DEVNET_ROLES, DEVNET_TREASURY } from '../../devnet/accounts.js';
import type { AirdropProofsJson } from '../../devnet/airdrop.js';
import { deployProtocolFull, seedDemoBalances, type DeployParams, type Manifest } from '../../devnet/deploy.js';
import { NETWORKS } from '../../devnet/networks.js';
import { Relayer, relayerOptionsFor } from '../../devnet/relayer.js';

export interface TestAccount {
  index: number;
  address: Address;
  key: Hex;
}

export interface TestDevnet {
  /** The L2 (Metis) RPC: what wallets, the widget and the snap talk to. */
  url: string;
  port: number;
  /** The L1 (Ethereum) RPC. */
  l1Url: string;
  manifest: Manifest;
  proofs: AirdropProofsJson;
  /** anvil's ten dev accounts (0 = admin/deployer, 6 = reward payer, 7 = keeper and guardian, 8 = MPC). */
  accounts: TestAccount[];
  roles: { admin: TestAccount; rewardPayer: TestAccount; keeper: TestAccount; mpc: TestAccount; treasury: Address };
  /** A relayer over both chains (not started: call `relayer.tick()`, or `relayer.start(ms)`). */
  relayer: Relayer;
  /** Temporary directory holding the manifest and proofs files (removed by stop). */
  dir: string;
  manifestFile: string;
  proofsFile: string;
  stop(): Promise<void>;
}

export interface TestDevnetOptions {
  /** Give the demo accounts (0..5 and 9) 100,000 native METIS each on L2. Default true. */
  seed?: boolean;
  /** Number of node seats. Default 3. */
  seats?: number;
  params?: DeployParams;
  /** Keep anvil's output on the console. */
  verbose?: boolean;
}

/**
 * Starts the two anvils on free ports, deploys Metis's models and the protocol (manifest and proofs go to a temp
 * dir, never the repo) and optionally seeds demo balances. Always call `stop()` (e.g. in `after`).
 */
export async function startTestDevnet(opts: TestDevnetOptions = {}): Promise<TestDevnet> {
  const l2Port = await findFreePort();
  const l1Port = await findFreePort();
  const anvils: AnvilHandle[] = [];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'metis-devnet-'));
  let relayer: Relayer | undefined;
  const cleanup = async () => {
    await relayer?.stop();
    await Promise.all(anvils.map((a) => a.stop()));
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    anvils.push(await startAnvil({ port: l2Port, chainId: NETWORKS.devnet.chainId, silent: !opts.verbose }));
    anvils.push(await startAnvil({ port: l1Port, chainId: NETWORKS.devnet.l1ChainId, silent: !opts.verbose }));
    const [l2, l1] = anvils as [AnvilHandle, AnvilHandle];
    const { manifest, proofs, manifestFile, proofsFile } = await deployProtocolFull({
      network: 'devnet',
      l2: { rpcUrl: l2.url, key: ANVIL_KEYS[DEVNET_ROLES.admin] },
      l1: { rpcUrl: l1.url, key: ANVIL_KEYS[DEVNET_ROLES.admin] },
      seats: opts.seats,
      params: opts.params,
      manifestDir: dir,
      proofsFile: path.join(dir, 'airdrop', 'proofs.json'),
      log: opts.verbose ? (m) => console.log(m) : undefined,
    });
    if (opts.seed ?? true) await seedDemoBalances({ rpcUrl: l2.url });
    relayer = new Relayer(
      relayerOptionsFor(manifest, {
        l1RpcUrl: l1.url,
        l2RpcUrl: l2.url,
        key: DEVNET_RELAYER_KEY,
        confirmations: 0,
        log: opts.verbose ? (m) => console.log(m) : () => {},
      }),
    );
    const accounts = ANVIL_KEYS.map((key, index) => ({ index, key, address: ANVIL_ADDRESSES[index]! }));
    const at = (i: number) => accounts[i]!;
    return {
      url: l2.url,
      port: l2Port,
      l1Url: l1.url,
      manifest,
      proofs,
      accounts,
      roles: {
        admin: at(DEVNET_ROLES.admin),
        rewardPayer: at(DEVNET_ROLES.rewardPayer),
        keeper: at(DEVNET_ROLES.keeper),
        mpc: at(DEVNET_ROLES.mpc),
        treasury: DEVNET_TREASURY,
      },
      relayer,
      dir,
      manifestFile: manifestFile!,
      proofsFile: proofsFile!,
      stop: cleanup,
    };
  } catch (err) {
    await cleanup();
    throw err;
  }
}
