// Restart: a devnet with a state file keeps its chain, deployment and balances across stop/start.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseEther, zeroAddress } from 'viem';
import { metisAbi, seMetisAbi, stakingManagerAbi } from '@metis-liquid-staking/contracts/abis';
import { ANVIL_KEYS } from '../../devnet/accounts.js';
import { findFreePort, startAnvil } from '../../devnet/anvil.js';
import { makeClients, read, write } from '../../devnet/chain.js';
import { deployProtocolFull, isDeployed, seedDemoBalances } from '../../devnet/deploy.js';
import { blockNumber } from '../helpers/rpc.js';

let firstContracts: Record<string, string> | undefined;

test('a devnet started with a state file continues after stop/start', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'devnet-restart-'));
  const stateFile = path.join(dir, 'state.json');
  const port = await findFreePort();
  let anvil = await startAnvil({ port, stateFile });
  try {
    const { manifest } = await deployProtocolFull({
      rpcUrl: anvil.url,
      deployerKey: ANVIL_KEYS[0],
      network: 'devnet',
      manifestDir: null,
      proofsFile: null,
    });
    firstContracts = manifest.contracts;
    await seedDemoBalances({ rpcUrl: anvil.url, manifest });
    const user = await makeClients({ rpcUrl: anvil.url, key: ANVIL_KEYS[3]! });
    const m = manifest.contracts;
    await write(user, m.metis, metisAbi, 'approve', [m.stakingManager, parseEther('1234')]);
    await write(user, m.stakingManager, stakingManagerAbi, 'stakeAndRestake', [parseEther('1234'), user.address, zeroAddress]);
    const shares = await read<bigint>(user, m.seMetis, seMetisAbi, 'balanceOf', [user.address]);
    const metisLeft = await read<bigint>(user, m.metis, metisAbi, 'balanceOf', [user.address]);
    const height = await blockNumber(anvil.url);
    assert.ok(shares > 0n);

    await anvil.stop();
    assert.ok(fs.existsSync(stateFile) && fs.statSync(stateFile).size > 0, 'anvil dumped its state on stop');

    anvil = await startAnvil({ port, stateFile });
    assert.equal(await isDeployed(anvil.url, manifest), true, 'contracts survive the restart');
    const again = await makeClients({ rpcUrl: anvil.url, key: ANVIL_KEYS[3]! });
    assert.equal(await read<bigint>(again, m.seMetis, seMetisAbi, 'balanceOf', [user.address]), shares);
    assert.equal(await read<bigint>(again, m.metis, metisAbi, 'balanceOf', [user.address]), metisLeft);
    assert.ok((await blockNumber(anvil.url)) >= height, 'the chain continues from where it stopped');
    // and it still works: another stake goes through on the restored chain
    await write(again, m.metis, metisAbi, 'approve', [m.stakingManager, parseEther('1')]);
    await write(again, m.stakingManager, stakingManagerAbi, 'stake', [parseEther('1'), again.address, zeroAddress]);
  } finally {
    await anvil.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a fresh chain has no deployment: isDeployed is false, and a deploy gives the same addresses', async () => {
  const port = await findFreePort();
  const anvil = await startAnvil({ port });
  try {
    const fake = JSON.parse(JSON.stringify({ chainId: 31337, contracts: { metis: '0x5FbDB2315678afecb367f032d93F642f64180aa3' } }));
    assert.equal(await isDeployed(anvil.url, fake), false);
    const { manifest } = await deployProtocolFull({
      rpcUrl: anvil.url,
      deployerKey: ANVIL_KEYS[0],
      network: 'devnet',
      manifestDir: null,
      proofsFile: null,
    });
    // deterministic: same deployer and order on a fresh devnet -> the same addresses as the first test's deploy
    assert.ok(firstContracts, 'the first test deployed');
    assert.deepEqual(manifest.contracts, firstContracts);
    assert.equal(manifest.contracts.metis, '0x5FbDB2315678afecb367f032d93F642f64180aa3');
    assert.equal(await isDeployed(anvil.url, manifest), true);
  } finally {
    await anvil.stop();
  }
});
