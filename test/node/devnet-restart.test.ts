// Restart: two anvils with state files (as `npm start` keeps them in .devnet/l2-state.json and l1-state.json) keep
// their chains, the deployment on both and the balances across stop/start, and the bridge goes on working.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseEther, zeroAddress } from 'viem';
import { seMetisAbi, sequencerHubAbi, stakingManagerAbi } from '@metis-liquid-staking/contracts/abis';
import { ANVIL_KEYS, DEVNET_RELAYER_KEY } from '../../devnet/accounts.js';
import { findFreePort, startAnvil, type AnvilHandle } from '../../devnet/anvil.js';
import { makeClients, write } from '../../devnet/chain.js';
import { deployProtocolFull, isDeployed, seedDemoBalances, type Manifest } from '../../devnet/deploy.js';
import { NETWORKS } from '../../devnet/networks.js';
import { Relayer, relayerOptionsFor } from '../../devnet/relayer.js';
import { blockNumber } from '../helpers/rpc.js';

let firstDeploy: Manifest | undefined;

const startBoth = async (ports: [number, number], dir?: string): Promise<[AnvilHandle, AnvilHandle]> => {
  const l2 = await startAnvil({ port: ports[0], chainId: NETWORKS.devnet.chainId, stateFile: dir && path.join(dir, 'l2-state.json') });
  const l1 = await startAnvil({ port: ports[1], chainId: NETWORKS.devnet.l1ChainId, stateFile: dir && path.join(dir, 'l1-state.json') });
  return [l2, l1];
};

const relayerFor = (m: Manifest, l2: AnvilHandle, l1: AnvilHandle) =>
  new Relayer(relayerOptionsFor(m, { l1RpcUrl: l1.url, l2RpcUrl: l2.url, key: DEVNET_RELAYER_KEY, confirmations: 0, log: () => {} }));

const deploy = (l2: AnvilHandle, l1: AnvilHandle) =>
  deployProtocolFull({
    network: 'devnet',
    l2: { rpcUrl: l2.url, key: ANVIL_KEYS[0] },
    l1: { rpcUrl: l1.url, key: ANVIL_KEYS[0] },
    manifestDir: null,
    proofsFile: null,
  });

test('a two-chain devnet started with state files continues after stop/start', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'devnet-restart-'));
  const ports: [number, number] = [await findFreePort(), await findFreePort()];
  let [l2, l1] = await startBoth(ports, dir);
  try {
    const { manifest } = await deploy(l2, l1);
    firstDeploy = manifest;
    await seedDemoBalances({ rpcUrl: l2.url });
    const m = manifest.contracts;
    const user = await makeClients({ rpcUrl: l2.url, key: ANVIL_KEYS[3]! });
    await write(user, m.stakingManager, stakingManagerAbi, 'stakeAndRestake', [user.address, zeroAddress], 'stake', parseEther('1234'));
    const shares = await user.publicClient.readContract({ address: m.seMetis, abi: seMetisAbi, functionName: 'balanceOf', args: [user.address] });
    const native = await user.publicClient.getBalance({ address: user.address });
    const heights = [await blockNumber(l2.url), await blockNumber(l1.url)];
    assert.ok(shares > 0n);

    await Promise.all([l2.stop(), l1.stop()]);
    for (const f of ['l2-state.json', 'l1-state.json']) {
      assert.ok(fs.statSync(path.join(dir, f)).size > 0, `anvil dumped ${f} on stop`);
    }

    [l2, l1] = await startBoth(ports, dir);
    assert.equal(await isDeployed(l2.url, l1.url, manifest), true, 'contracts on both chains survive the restart');
    const again = await makeClients({ rpcUrl: l2.url, key: ANVIL_KEYS[3]! });
    assert.equal(
      await again.publicClient.readContract({ address: m.seMetis, abi: seMetisAbi, functionName: 'balanceOf', args: [user.address] }),
      shares,
    );
    assert.equal(await again.publicClient.getBalance({ address: user.address }), native);
    assert.ok(
      (await blockNumber(l2.url)) >= heights[0]! && (await blockNumber(l1.url)) >= heights[1]!,
      'both chains continue from where they stopped',
    );
    // and it still works: another stake goes through on the restored L2, and a hub report crosses the restored bridge
    await write(again, m.stakingManager, stakingManagerAbi, 'stake', [again.address, zeroAddress], 'stake', parseEther('1'));
    const hubAdmin = await makeClients({ rpcUrl: l1.url, key: ANVIL_KEYS[0]! });
    await write(hubAdmin, manifest.l1!.contracts.hub, sequencerHubAbi, 'report');
    const relays = await relayerFor(manifest, l2, l1).tick();
    assert.ok(
      relays.some((r) => r.direction === 'L1->L2' && r.ok && r.target === m.stakingManager),
      'the report reached the manager after the restart',
    );
    const last = await again.publicClient.readContract({ address: m.stakingManager, abi: stakingManagerAbi, functionName: 'lastReport' });
    assert.equal(last.nonce, 1n);
  } finally {
    await Promise.all([l2.stop(), l1.stop()]);
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('fresh chains have no deployment: isDeployed is false, and a deploy gives the same addresses', async () => {
  const [l2, l1] = await startBoth([await findFreePort(), await findFreePort()]);
  try {
    assert.ok(firstDeploy, 'the first test deployed');
    assert.equal(await isDeployed(l2.url, l1.url, firstDeploy), false);
    const { manifest } = await deploy(l2, l1);
    // deterministic: same deployer and order on fresh chains -> the same addresses as the first test's deploy
    assert.deepEqual(manifest.contracts, firstDeploy.contracts);
    assert.deepEqual(manifest.l1!.contracts, firstDeploy.l1!.contracts);
    assert.equal(await isDeployed(l2.url, l1.url, manifest), true);
    // the L1 swapped for the L2 is not a deployment of this manifest
    assert.equal(await isDeployed(l1.url, l2.url, manifest), false);
  } finally {
    await Promise.all([l2.stop(), l1.stop()]);
  }
});
