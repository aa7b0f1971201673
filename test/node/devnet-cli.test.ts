// Bad input: missing configuration, an unreachable RPC, a taken port.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findFreePort, PortInUseError, startAnvil } from '../../devnet/anvil.js';
import { ANVIL_KEYS } from '../../devnet/accounts.js';
import { Keeper, KeeperRpcError } from '../../devnet/keeper.js';
import { MissingConfigError, resolveNetwork } from '../../devnet/networks.js';
import type { Manifest } from '../../devnet/deploy.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Runs a CLI with an environment stripped of every network variable. */
function runCli(script: string, args: string[], extraEnv: Record<string, string> = {}) {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v !== undefined && !/^(ANDROMEDA|METIS_SEPOLIA|DEVNET)_|^(RPC_URL|PRIVATE_KEY)$/.test(k)) env[k] = v;
  }
  return spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'devnet', script), ...args], {
    cwd: root,
    env: { ...env, ...extraEnv },
    encoding: 'utf8',
    timeout: 60_000,
  });
}

test('deploy-cli for andromeda without env lists every missing variable and exits 1', () => {
  const r = runCli('deploy-cli.ts', ['--network', 'andromeda']);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /ANDROMEDA_RPC_URL/);
  assert.match(r.stderr, /ANDROMEDA_DEPLOYER_KEY/);
  assert.match(r.stderr, /ANDROMEDA_LOCKING_POOL/);
  assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
});

test('deploy-cli rejects a malformed key and a missing --network; keeper-cli says what is missing', () => {
  const bad = runCli('deploy-cli.ts', ['--network', 'metis-sepolia'], {
    METIS_SEPOLIA_RPC_URL: 'http://127.0.0.1:1',
    METIS_SEPOLIA_DEPLOYER_KEY: '0x1234',
    METIS_SEPOLIA_LOCKING_POOL: '0x00000000000000000000000000000000000000aa',
  });
  assert.equal(bad.status, 1);
  assert.match(bad.stderr, /METIS_SEPOLIA_DEPLOYER_KEY \(must be a 0x-prefixed 32-byte hex private key\)/);
  assert.doesNotMatch(bad.stderr, /METIS_SEPOLIA_RPC_URL/);

  const none = runCli('deploy-cli.ts', []);
  assert.equal(none.status, 1);
  assert.match(none.stderr, /--network is required/);

  const k = runCli('keeper-cli.ts', ['--network', 'andromeda']);
  assert.equal(k.status, 1);
  assert.match(k.stderr, /ANDROMEDA_RPC_URL/);
  assert.match(k.stderr, /ANDROMEDA_KEEPER_KEY/);

  const unknown = runCli('keeper-cli.ts', ['--network', 'mainnet']);
  assert.equal(unknown.status, 1);
  assert.match(unknown.stderr, /Unknown network "mainnet"/);
});

test('resolveNetwork: real networks refuse the devnet defaults; devnet needs nothing', () => {
  assert.throws(() => resolveNetwork('andromeda', 'deployer', {}), MissingConfigError);
  const dev = resolveNetwork('devnet', 'deployer', {});
  assert.equal(dev.rpcUrl, 'http://127.0.0.1:8545');
  assert.equal(dev.key, undefined);
  const full = resolveNetwork('andromeda', 'deployer', {
    ANDROMEDA_RPC_URL: 'https://example.invalid',
    ANDROMEDA_DEPLOYER_KEY: ANVIL_KEYS[1]!,
    ANDROMEDA_LOCKING_POOL: '0x00000000000000000000000000000000000000aa',
  });
  assert.equal(full.config.chainId, 1088);
  assert.equal(full.config.metis, '0xDeadDeAddeAddEAddeadDEaDDEAdDeaDDeAD0000');
});

test('keeper against an unreachable RPC retries, then fails with a clear error', async () => {
  const port = await findFreePort(); // nothing listens there
  const logs: string[] = [];
  const keeper = new Keeper({
    rpcUrl: `http://127.0.0.1:${port}`,
    manifest: { chainId: 31337 } as Manifest,
    keeperKey: ANVIL_KEYS[7]!,
    retries: 3,
    retryBaseMs: 20,
    log: (m) => logs.push(m),
  });
  const t0 = Date.now();
  await assert.rejects(keeper.tick(), (err: unknown) => {
    assert.ok(err instanceof KeeperRpcError);
    assert.equal(err.attempts, 3);
    assert.match(err.message, new RegExp(`failed after 3 attempts against http://127.0.0.1:${port}`));
    return true;
  });
  assert.equal(logs.filter((l) => /retry \d\/2/.test(l)).length, 2, 'two retries were logged');
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

test('npm start with the RPC port taken prints one clear line and exits 1', async () => {
  const srv = net.createServer();
  const port = await new Promise<number>((resolve) => srv.listen(0, '127.0.0.1', () => resolve((srv.address() as net.AddressInfo).port)));
  try {
    const r = runCli('start.ts', ['--port', String(port), '--web-port', String(await findFreePort()), '--snap-port', String(await findFreePort())]);
    assert.equal(r.status, 1);
    const lines = r.stderr.trim().split('\n');
    assert.equal(lines.length, 1, r.stderr);
    assert.match(lines[0]!, new RegExp(`error: Port ${port} on 127.0.0.1 is already in use.*--port`));
  } finally {
    srv.close();
  }
});

test('real-network deploys refuse the devnet model and check the LockingPool before deploying anything', async () => {
  const port = await findFreePort();
  const anvil = await startAnvil({ port });
  try {
    const { deployProtocolFull } = await import('../../devnet/deploy.js');
    const { NETWORKS } = await import('../../devnet/networks.js');
    const { makeClients } = await import('../../devnet/chain.js');
    const base = { rpcUrl: anvil.url, deployerKey: ANVIL_KEYS[0]!, manifestDir: null, proofsFile: null } as const;
    // the devnet deploys its own pool: an external one is refused
    await assert.rejects(
      deployProtocolFull({ ...base, network: 'devnet', lockingPool: '0x00000000000000000000000000000000000000aa' }),
      /devnet deploys its own SequencerLockingPool/,
    );
    // a real network (chain id patched to this anvil's) needs a real airdrop list and a pool with code
    const sepolia = { ...NETWORKS['metis-sepolia'], chainId: 31337 };
    await assert.rejects(
      deployProtocolFull({ ...base, network: sepolia, lockingPool: '0x00000000000000000000000000000000000000aa' }),
      /airdrop recipients CSV is required/,
    );
    const csv = 'account,amount\n0x70997970C51812dc3A010C7d01b50e0d17dc79C8,10\n';
    await assert.rejects(
      deployProtocolFull({ ...base, network: sepolia, airdropCsv: csv, lockingPool: '0x00000000000000000000000000000000000000aa' }),
      /metis-sepolia: no contract at LockingPool address 0x0+aa/,
    );
    await assert.rejects(
      deployProtocolFull({ ...base, network: sepolia, airdropCsv: csv }),
      /LockingPool is required \(set METIS_SEPOLIA_LOCKING_POOL\)/,
    );
    // nothing was deployed: no DevMetis, no devnet pool
    const c = await makeClients({ rpcUrl: anvil.url, key: ANVIL_KEYS[0]! });
    assert.equal(await c.publicClient.getTransactionCount({ address: c.address }), 0);
  } finally {
    await anvil.stop();
  }
});

test('deploys refuse contracts above the size limit before sending anything', async () => {
  const { artifact } = await import('../../devnet/artifacts.js');
  const { EIP170_LIMIT, deployProtocolFull } = await import('../../devnet/deploy.js');
  const { NETWORKS } = await import('../../devnet/networks.js');
  const { makeClients } = await import('../../devnet/chain.js');
  const names = ['StakingManager', 'EMetis', 'SeMetis', 'RewardDispatcher', 'RedemptionQueue', 'StakingLens'];
  // Today every contract fits EIP-170 (checked here); a lower limit exercises the refusal.
  for (const n of names) assert.ok(artifact(n).runtimeSize <= EIP170_LIMIT, `${n} fits EIP-170`);
  const sizeLimit = Math.max(...names.map((n) => artifact(n).runtimeSize)) - 1;
  const big = names.find((n) => artifact(n).runtimeSize > sizeLimit)!;
  const anvil = await startAnvil({ port: await findFreePort() });
  try {
    // some contract to stand in for Metis's LockingPool, deployed by another account
    const other = await makeClients({ rpcUrl: anvil.url, key: ANVIL_KEYS[1]! });
    const a = artifact('DevMetis');
    const hash = await other.wallet.deployContract({
      abi: a.abi,
      bytecode: a.bytecode,
      args: [other.address],
      account: other.account,
      chain: other.chain,
    } as never);
    const pool = (await other.publicClient.waitForTransactionReceipt({ hash })).contractAddress!;
    await assert.rejects(
      deployProtocolFull({
        rpcUrl: anvil.url,
        deployerKey: ANVIL_KEYS[0]!,
        network: { ...NETWORKS.andromeda, chainId: 31337 },
        airdropCsv: 'account,amount\n0x70997970C51812dc3A010C7d01b50e0d17dc79C8,10\n',
        lockingPool: pool,
        manifestDir: null,
        proofsFile: null,
        sizeLimit,
      }),
      new RegExp(`${big}'s runtime bytecode is \\d+ bytes, above the ${sizeLimit}-byte limit \\(EIP-170\\): andromeda would refuse it`),
    );
    const deployer = await makeClients({ rpcUrl: anvil.url, key: ANVIL_KEYS[0]! });
    assert.equal(await deployer.publicClient.getTransactionCount({ address: deployer.address }), 0, 'nothing sent');
  } finally {
    await anvil.stop();
  }
});
