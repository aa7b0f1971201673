// Shared test fixture: a fresh anvil on a free port with the whole protocol deployed.
// Used by the devnet, widget, snap and end-to-end tests. Keep the signature of startTestDevnet stable.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Address, Hex } from 'viem';
import { findFreePort, startAnvil } from '../../devnet/anvil.js';
import { ANVIL_ADDRESSES, ANVIL_KEYS, DEVNET_ROLES, DEVNET_TREASURY } from '../../devnet/accounts.js';
import type { AirdropProofsJson } from '../../devnet/airdrop.js';
import { deployProtocolFull, seedDemoBalances, type DeployParams, type Manifest } from '../../devnet/deploy.js';

export interface TestAccount {
  index: number;
  address: Address;
  key: Hex;
}

export interface TestDevnet {
  url: string;
  port: number;
  manifest: Manifest;
  proofs: AirdropProofsJson;
  /** anvil's ten dev accounts (0 = admin/deployer, 6 = reward payer, 7 = keeper, 8 = MPC). */
  accounts: TestAccount[];
  /** Named roles for convenience. */
  roles: { admin: TestAccount; rewardPayer: TestAccount; keeper: TestAccount; mpc: TestAccount; treasury: Address };
  /** Temporary directory holding manifest and proofs files (removed by stop). */
  dir: string;
  manifestFile: string;
  proofsFile: string;
  stop(): Promise<void>;
}

export interface TestDevnetOptions {
  /** Mint demo METIS (100,000 each) to accounts 0..5 and 9. Default true. */
  seed?: boolean;
  /** Number of node seats. Default 3. */
  seats?: number;
  params?: DeployParams;
  /** Keep anvil's output on the console. */
  verbose?: boolean;
}

/**
 * Starts anvil on a free port, deploys the protocol (manifest and proofs go to a temp dir, never the repo)
 * and optionally seeds demo balances. Always call `stop()` (e.g. in `after`).
 */
export async function startTestDevnet(opts: TestDevnetOptions = {}): Promise<TestDevnet> {
  const port = await findFreePort();
  const anvil = await startAnvil({ port, silent: !opts.verbose });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'metis-devnet-'));
  const cleanup = async () => {
    await anvil.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    const { manifest, proofs, manifestFile, proofsFile } = await deployProtocolFull({
      rpcUrl: anvil.url,
      deployerKey: ANVIL_KEYS[DEVNET_ROLES.admin],
      network: 'devnet',
      seats: opts.seats,
      params: opts.params,
      manifestDir: dir,
      proofsFile: path.join(dir, 'airdrop', 'proofs.json'),
      log: opts.verbose ? (m) => console.log(m) : undefined,
    });
    if (opts.seed ?? true) await seedDemoBalances({ rpcUrl: anvil.url, manifest });
    const accounts = ANVIL_KEYS.map((key, index) => ({ index, key, address: ANVIL_ADDRESSES[index]! }));
    const at = (i: number) => accounts[i]!;
    return {
      url: anvil.url,
      port,
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
