// Bad input to the command-line tools and the deploy: missing configuration, an unreachable RPC, the wrong chain
// on either RPC, a taken port, contracts too big, Metis addresses without code; and the deploy CLI on two anvils.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseManifest } from '@metis-liquid-staking/contracts';
import { findFreePort, PortInUseError, startAnvil } from '../../devnet/anvil.js';
import { ANVIL_KEYS } from '../../devnet/accounts.js';
import { makeClients } from '../../devnet/chain.js';
import { Keeper, KeeperRpcError } from '../../devnet/keeper.js';
import { l1OverrideVar, MissingConfigError, NETWORKS, resolveNetwork } from '../../devnet/networks.js';
import type { Manifest } from '../../devnet/deploy.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const NO_CODE = '0x00000000000000000000000000000000000000aa';

function cliEnv(extraEnv: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v !== undefined && !/^(ANDROMEDA|METIS_SEPOLIA|DEVNET)_|^(RPC_URL|PRIVATE_KEY)$/.test(k)) env[k] = v;
  }
  return { ...env, ...extraEnv };
}

/** Runs a CLI with an environment stripped of every network variable. */
function runCli(script: string, args: string[], extraEnv: Record<string, string> = {}) {
  return spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'devnet', script), ...args], {
    cwd: root,
    env: cliEnv(extraEnv),
    encoding: 'utf8',
    timeout: 60_000,
  });
}

/** The same, without blocking the event loop (for CLIs that talk to an anvil of this process). */
function runCliAsync(
  script: string,
  args: string[],
  extraEnv: Record<string, string> = {},
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'devnet', script), ...args], { cwd: root, env: cliEnv(extraEnv) });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

test('deploy-cli --help explains both chains; andromeda without env lists every missing variable and exits 1', () => {
  const help = runCli('deploy-cli.ts', ['--help']);
  assert.equal(help.status, 0);
  assert.match(help.stdout, /--network/);
  assert.match(help.stdout, /ANDROMEDA_L1_RPC_URL/);
  assert.match(help.stdout, /127\.0\.0\.1:8546 \(chain 1337/);

  const r = runCli('deploy-cli.ts', ['--network', 'andromeda']);
  assert.equal(r.status, 1);
  for (const v of ['ANDROMEDA_RPC_URL', 'ANDROMEDA_L1_RPC_URL', 'ANDROMEDA_DEPLOYER_KEY', 'ANDROMEDA_L1_DEPLOYER_KEY'])
    assert.match(r.stderr, new RegExp(`${v} \\(`));
  assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
});

test('deploy-cli rejects a malformed key, a missing --network, --seats on a real network; keeper-cli says what is missing', () => {
  const bad = runCli('deploy-cli.ts', ['--network', 'metis-sepolia'], {
    METIS_SEPOLIA_L1_RPC_URL: 'http://127.0.0.1:1',
    METIS_SEPOLIA_DEPLOYER_KEY: '0x1234',
    METIS_SEPOLIA_L1_DEPLOYER_KEY: ANVIL_KEYS[0]!,
  });
  assert.equal(bad.status, 1);
  assert.match(bad.stderr, /METIS_SEPOLIA_DEPLOYER_KEY \(must be a 0x-prefixed 32-byte hex private key\)/);
  assert.doesNotMatch(bad.stderr, /METIS_SEPOLIA_RPC_URL|METIS_SEPOLIA_L1_DEPLOYER_KEY/, 'sepolia has a default L2 RPC; the L1 key is set');

  const seats = runCli('deploy-cli.ts', ['--network', 'metis-sepolia', '--seats', '2'], {
    METIS_SEPOLIA_L1_RPC_URL: 'http://127.0.0.1:1',
    METIS_SEPOLIA_DEPLOYER_KEY: ANVIL_KEYS[0]!,
    METIS_SEPOLIA_L1_DEPLOYER_KEY: ANVIL_KEYS[0]!,
  });
  assert.equal(seats.status, 1);
  assert.match(seats.stderr, /--seats is for the devnet/);

  const none = runCli('deploy-cli.ts', []);
  assert.equal(none.status, 1);
  assert.match(none.stderr, /--network is required/);

  const k = runCli('keeper-cli.ts', ['--network', 'andromeda']);
  assert.equal(k.status, 1);
  for (const v of ['ANDROMEDA_RPC_URL', 'ANDROMEDA_L1_RPC_URL', 'ANDROMEDA_KEEPER_KEY', 'ANDROMEDA_L1_KEEPER_KEY'])
    assert.match(k.stderr, new RegExp(v));

  const unknown = runCli('keeper-cli.ts', ['--network', 'mainnet']);
  assert.equal(unknown.status, 1);
  assert.match(unknown.stderr, /Unknown network "mainnet"/);
});

test('resolveNetwork: real networks refuse the devnet defaults; devnet needs nothing; L1 overrides apply', () => {
  assert.throws(() => resolveNetwork('andromeda', 'deployer', {}), MissingConfigError);
  const dev = resolveNetwork('devnet', 'deployer', {});
  assert.equal(dev.l2RpcUrl, 'http://127.0.0.1:8545');
  assert.equal(dev.l1RpcUrl, 'http://127.0.0.1:8546');
  assert.equal(dev.l2Key, undefined);
  assert.equal(dev.l1Key, undefined);
  const poolVar = l1OverrideVar(NETWORKS.andromeda, 'lockingPool');
  assert.equal(poolVar, 'ANDROMEDA_L1_LOCKING_POOL');
  const full = resolveNetwork('andromeda', 'deployer', {
    ANDROMEDA_RPC_URL: 'https://example.invalid',
    ANDROMEDA_L1_RPC_URL: 'https://l1.example.invalid',
    ANDROMEDA_DEPLOYER_KEY: ANVIL_KEYS[1]!,
    ANDROMEDA_L1_DEPLOYER_KEY: ANVIL_KEYS[2]!,
    [poolVar]: NO_CODE,
  });
  assert.equal(full.config.chainId, 1088);
  assert.equal(full.config.l1ChainId, 1);
  assert.equal(full.l2Key, ANVIL_KEYS[1]);
  assert.equal(full.l1Key, ANVIL_KEYS[2]);
  assert.equal(full.metisL1?.lockingPool, NO_CODE, 'the override replaces Metis address');
  assert.equal(full.metisL1?.lockingInfo, NETWORKS.andromeda.metisL1?.lockingInfo, 'the others stay');
});

test('deploy-cli: a devnet RPC that is down, or the wrong chain on either RPC, is one clear line before any transaction', async () => {
  const anvil = await startAnvil({ port: await findFreePort(), chainId: NETWORKS.devnet.chainId });
  try {
    const down = `http://127.0.0.1:${await findFreePort()}`;
    const r1 = await runCliAsync('deploy-cli.ts', ['--network', 'devnet'], { DEVNET_RPC_URL: anvil.url, DEVNET_L1_RPC_URL: down });
    assert.equal(r1.status, 1);
    assert.match(r1.stderr, new RegExp(`error: cannot reach the devnet's L1 RPC at ${down} \\(DEVNET_L1_RPC_URL\\).*start both anvils first`));
    assert.equal(r1.stderr.trim().split('\n').length, 1, r1.stderr);
    // the L2 anvil given as the L1: chain 31337 where 1337 is expected
    const r2 = await runCliAsync('deploy-cli.ts', ['--network', 'devnet'], { DEVNET_RPC_URL: anvil.url, DEVNET_L1_RPC_URL: anvil.url });
    assert.equal(r2.status, 1);
    assert.match(r2.stderr, new RegExp(`the devnet's L1 RPC at ${anvil.url} \\(DEVNET_L1_RPC_URL\\) is chain 31337, expected 1337`));
    const r3 = await runCliAsync('deploy-cli.ts', ['--network', 'devnet'], { DEVNET_RPC_URL: down });
    assert.equal(r3.status, 1);
    assert.match(r3.stderr, /cannot reach the devnet \(L2\) RPC/);
    const c = await makeClients({ rpcUrl: anvil.url, key: ANVIL_KEYS[0]! });
    assert.equal(await c.publicClient.getTransactionCount({ address: c.address }), 0, 'nothing sent');
  } finally {
    await anvil.stop();
  }
});

test('deploy-cli on two anvils deploys Metis models and both sides, and writes the manifest with its l1 part', async () => {
  const l2 = await startAnvil({ port: await findFreePort(), chainId: NETWORKS.devnet.chainId });
  const l1 = await startAnvil({ port: await findFreePort(), chainId: NETWORKS.devnet.l1ChainId });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'deploy-cli-'));
  try {
    const file = path.join(dir, 'out', 'devnet.json');
    const proofs = path.join(dir, 'proofs.json');
    const r = await runCliAsync('deploy-cli.ts', ['--network', 'devnet', '--manifest', file, '--proofs', proofs, '--seats', '2'], {
      DEVNET_RPC_URL: l2.url,
      DEVNET_L1_RPC_URL: l1.url,
    });
    assert.equal(r.status, 0, r.stderr + r.stdout);
    assert.match(r.stdout, new RegExp(`manifest: ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    const m = parseManifest(JSON.parse(fs.readFileSync(file, 'utf8')));
    assert.equal(m.chainId, 31337);
    assert.equal(m.rpcUrl, l2.url);
    assert.ok(m.l1, 'the manifest has its l1 part');
    assert.equal(m.l1.chainId, 1337);
    assert.equal(m.l1.rpcUrl, l1.url);
    assert.ok(m.l1.network?.stateCommitmentChain, 'the devnet records its Metis models');
    const c2 = await makeClients({ rpcUrl: l2.url, key: ANVIL_KEYS[0]! });
    const c1 = await makeClients({ rpcUrl: l1.url, key: ANVIL_KEYS[0]! });
    for (const [name, a] of Object.entries(m.contracts))
      assert.ok(((await c2.publicClient.getCode({ address: a })) ?? '0x').length > 2, `${name} has code on L2`);
    for (const [name, a] of Object.entries(m.l1.contracts))
      assert.ok(((await c1.publicClient.getCode({ address: a })) ?? '0x').length > 2, `${name} has code on L1`);
    const { sequencerHubAbi } = await import('@metis-liquid-staking/contracts/abis');
    assert.equal(
      await c1.publicClient.readContract({ address: m.l1.contracts.hub, abi: sequencerHubAbi, functionName: 'seatCount' }),
      2n,
      '--seats 2',
    );
    assert.ok(fs.statSync(proofs).size > 0, 'proofs written where asked');
  } finally {
    await Promise.all([l2.stop(), l1.stop()]);
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('deploy-cli --plan needs no keys, checks the chain ids and sends nothing', async () => {
  const l2 = await startAnvil({ port: await findFreePort(), chainId: NETWORKS.devnet.chainId });
  const l1 = await startAnvil({ port: await findFreePort(), chainId: NETWORKS.devnet.l1ChainId });
  try {
    const plan = await runCliAsync('deploy-cli.ts', ['--network', 'devnet', '--plan'], { DEVNET_RPC_URL: l2.url, DEVNET_L1_RPC_URL: l1.url });
    assert.equal(plan.status, 0, plan.stderr);
    assert.match(plan.stdout, /deploy plan for devnet \(nothing is sent\)/);
    assert.match(plan.stdout, new RegExp(`L2 devnet, chain 31337 \\(RPC answers 31337\\), ${l2.url}`));
    assert.match(plan.stdout, new RegExp(`L1 of devnet, chain 1337 \\(RPC answers 1337\\), ${l1.url}`));
    assert.match(plan.stdout, /SequencerHub/);
    assert.match(plan.stdout, /3 seats are added and whitelisted/);
    for (const a of [l2, l1]) {
      const c = await makeClients({ rpcUrl: a.url, key: ANVIL_KEYS[0]! });
      assert.equal(await c.publicClient.getBlockNumber(), 0n, 'nothing sent');
    }
    // a real network without keys: the plan still checks the chains (this anvil is not Metis Sepolia)
    const wrong = await runCliAsync('deploy-cli.ts', ['--network', 'metis-sepolia', '--plan'], {
      METIS_SEPOLIA_RPC_URL: l2.url,
      METIS_SEPOLIA_L1_RPC_URL: l1.url,
    });
    assert.equal(wrong.status, 1);
    assert.match(
      wrong.stderr,
      new RegExp(
        `the metis-sepolia \\(L2\\) RPC at ${l2.url} \\(METIS_SEPOLIA_RPC_URL\\) is chain 31337, expected ${NETWORKS['metis-sepolia'].chainId}`,
      ),
    );
    assert.doesNotMatch(wrong.stderr, /DEPLOYER_KEY/, 'no keys needed for a plan');
  } finally {
    await Promise.all([l2.stop(), l1.stop()]);
  }
});

test("deploy-cli --plan on chains with Metis Sepolia's ids but none of its contracts lists every missing one", async () => {
  const sepolia = NETWORKS['metis-sepolia'];
  const l2 = await startAnvil({ port: await findFreePort(), chainId: sepolia.chainId });
  const l1 = await startAnvil({ port: await findFreePort(), chainId: sepolia.l1ChainId });
  try {
    const r = await runCliAsync('deploy-cli.ts', ['--network', 'metis-sepolia', '--plan'], {
      METIS_SEPOLIA_RPC_URL: l2.url,
      METIS_SEPOLIA_L1_RPC_URL: l1.url,
    });
    assert.equal(r.status, 1, 'a plan with missing Metis contracts is not ready');
    for (const what of [
      'METIS \\(L2 predeploy\\) +0xDeadDeAddeAddEAddeadDEaDDEAdDeaDDeAD0000',
      'L2StandardBridge',
      'METIS \\(L1\\)',
      `LockingPool +${sepolia.metisL1!.lockingPool}`,
      'LockingInfo',
      'L1StandardBridge',
      'L1CrossDomainMessenger',
    ]) {
      assert.match(r.stdout, new RegExp(`${what}.*NO CODE`));
    }
  } finally {
    await Promise.all([l2.stop(), l1.stop()]);
  }
});

test('keeper against an unreachable RPC retries with backoff, then fails with a clear error', async () => {
  const port = await findFreePort(); // nothing listens there
  const keeper = new Keeper({
    manifest: { chainId: 31337, l1: { chainId: 1337 } } as Manifest,
    l2RpcUrl: `http://127.0.0.1:${port}`,
    l1RpcUrl: `http://127.0.0.1:${port}`,
    l2Key: ANVIL_KEYS[7]!,
    l1Key: ANVIL_KEYS[7]!,
    retries: 3,
    retryBaseMs: 20,
    log: () => {},
  });
  const t0 = Date.now();
  await assert.rejects(keeper.tick(), (err: unknown) => {
    assert.ok(err instanceof KeeperRpcError);
    assert.equal(err.attempts, 3);
    assert.match(err.message, /keeper: connect failed after 3 attempts/);
    return true;
  });
  assert.ok(Date.now() - t0 >= 20 + 40, 'backoff waited between attempts');
});

test('startAnvil on a taken port fails with PortInUseError and a one-line message', async () => {
  const srv = net.createServer();
  const port = await new Promise<number>((resolve) => srv.listen(0, '127.0.0.1', () => resolve((srv.address() as net.AddressInfo).port)));
  try {
    await assert.rejects(startAnvil({ port }), (err: unknown) => {
      assert.ok(err instanceof PortInUseError);
      assert.equal(err.message.split('\n').length, 1);
      assert.match(err.message, new RegExp(`Port ${port}`));
      return true;
    });
  } finally {
    srv.close();
  }
});

test('npm start with either anvil port taken prints one clear line and exits 1', async () => {
  const srv = net.createServer();
  const port = await new Promise<number>((resolve) => srv.listen(0, '127.0.0.1', () => resolve((srv.address() as net.AddressInfo).port)));
  try {
    const free = async () => String(await findFreePort());
    for (const [flag, args] of [
      ['--port', ['--port', String(port), '--l1-port', await free()]],
      ['--l1-port', ['--port', await free(), '--l1-port', String(port)]],
    ] as const) {
      const r = runCli('start.ts', [...args, '--web-port', await free(), '--snap-port', await free(), '--state-dir', os.tmpdir()]);
      assert.equal(r.status, 1);
      const lines = r.stderr.trim().split('\n');
      assert.equal(lines.length, 1, r.stderr);
      assert.match(lines[0]!, new RegExp(`error: Port ${port} on 127.0.0.1 is already in use.*${flag}\\)`));
    }
  } finally {
    srv.close();
  }
});

test('real-network deploys need Metis L1 addresses with code and a real airdrop list, checked before anything is sent', async () => {
  const anvil = await startAnvil({ port: await findFreePort() });
  try {
    const { deployProtocolFull } = await import('../../devnet/deploy.js');
    // a real network with both chain ids patched to this anvil's (one anvil plays both chains)
    const sepolia = { ...NETWORKS['metis-sepolia'], chainId: 31337, l1ChainId: 31337 };
    const base = {
      network: sepolia,
      l2: { rpcUrl: anvil.url, key: ANVIL_KEYS[0]! },
      l1: { rpcUrl: anvil.url, key: ANVIL_KEYS[0]! },
      manifestDir: null,
      proofsFile: null,
    } as const;
    await assert.rejects(deployProtocolFull({ ...base, metisL1: sepolia.metisL1 }), /airdrop recipients CSV is required/);
    const csv = 'account,amount\n0x70997970C51812dc3A010C7d01b50e0d17dc79C8,10\n';
    await assert.rejects(deployProtocolFull({ ...base, airdropCsv: csv }), /Metis's L1 addresses are required/);
    // devnet-derived seat signers (public keys) are never used on a real network
    await assert.rejects(deployProtocolFull({ ...base, airdropCsv: csv, metisL1: sepolia.metisL1, seats: 1 }), /seats are added after the deploy/);
    const noCode = { chainId: 31337, metis: NO_CODE, lockingPool: NO_CODE, lockingInfo: NO_CODE, l1Bridge: NO_CODE, l1Messenger: NO_CODE } as const;
    await assert.rejects(deployProtocolFull({ ...base, airdropCsv: csv, metisL1: noCode }), (err: unknown) => {
      assert.ok(err instanceof Error);
      assert.match(err.message, /no contract at:/);
      for (const what of ['METIS \\(L2\\)', 'L2StandardBridge', 'LockingPool 0x0+aa', 'LockingInfo', 'L1CrossDomainMessenger'])
        assert.match(err.message, new RegExp(what));
      return true;
    });
    const c = await makeClients({ rpcUrl: anvil.url, key: ANVIL_KEYS[0]! });
    assert.equal(await c.publicClient.getTransactionCount({ address: c.address }), 0, 'nothing was deployed');
  } finally {
    await anvil.stop();
  }
});

test('deploys refuse contracts above the size limit before sending anything', async () => {
  const { artifact } = await import('../../devnet/artifacts.js');
  const { EIP170_LIMIT, deployProtocolFull } = await import('../../devnet/deploy.js');
  const names = ['StakingManager', 'SeMetis', 'RewardDispatcher', 'RedemptionQueue', 'StakingLens', 'SequencerHub'];
  // Today every contract fits EIP-170 (checked here); a lower limit exercises the refusal.
  for (const n of names) assert.ok(artifact(n).runtimeSize <= EIP170_LIMIT, `${n} fits EIP-170`);
  const sizeLimit = Math.max(...names.map((n) => artifact(n).runtimeSize)) - 1;
  const big = names.find((n) => artifact(n).runtimeSize > sizeLimit)!;
  const anvil = await startAnvil({ port: await findFreePort() });
  try {
    await assert.rejects(
      deployProtocolFull({
        network: { ...NETWORKS.andromeda, chainId: 31337, l1ChainId: 31337 },
        l2: { rpcUrl: anvil.url, key: ANVIL_KEYS[0]! },
        l1: { rpcUrl: anvil.url, key: ANVIL_KEYS[0]! },
        metisL1: NETWORKS.andromeda.metisL1,
        airdropCsv: 'account,amount\n0x70997970C51812dc3A010C7d01b50e0d17dc79C8,10\n',
        manifestDir: null,
        proofsFile: null,
        sizeLimit,
      }),
      new RegExp(`${big}'s runtime bytecode is \\d+ bytes, above the ${sizeLimit}-byte limit \\(EIP-170\\): andromeda(’s|'s L1)? would refuse it`),
    );
    const deployer = await makeClients({ rpcUrl: anvil.url, key: ANVIL_KEYS[0]! });
    assert.equal(await deployer.publicClient.getTransactionCount({ address: deployer.address }), 0, 'nothing sent');
  } finally {
    await anvil.stop();
  }
});
