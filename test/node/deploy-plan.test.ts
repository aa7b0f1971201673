// `deploy --plan` (devnet/deploy-plan.ts) on two local anvils standing in for Sepolia and Metis Sepolia: the real
// chain ids and Metis's models at Metis's real addresses (test/helpers/metis-standin.ts; Metis's own contracts
// cannot exist here). The plan passes when every named contract has code, names exactly the addresses that lack
// it when some do, calls a wrong chain id an error, lists missing env in one go, and its predicted addresses are
// where a real-network deploy (deployProtocolFull, the same code path as `npm run deploy`) puts the contracts.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { getContractAddress, type Address } from 'viem';
import { L2_STANDARD_BRIDGE } from '@metis-liquid-staking/contracts';
import { ANVIL_ADDRESSES, ANVIL_KEYS } from '../../devnet/accounts.js';
import { demoRecipientsCsv } from '../../devnet/airdrop.js';
import { deployProtocolFull } from '../../devnet/deploy.js';
import { buildDeployPlan, ChainCheckError, formatPlan, missingCode, observeChains, planMain, planReady } from '../../devnet/deploy-plan.js';
import { MissingConfigError, NETWORKS } from '../../devnet/networks.js';
import { startMetisStandin, type MetisStandin } from '../helpers/metis-standin.js';

const DEPLOYER = ANVIL_ADDRESSES[0]!;
const addressOf = (plan: ReturnType<typeof buildDeployPlan>, name: string): Address | undefined =>
  plan.contracts.find((c) => c.name === name)?.address;

describe('deploy plan: pure parts', () => {
  test('missing and malformed env are listed in one error, without asking for keys', () => {
    assert.throws(
      () => buildDeployPlan('andromeda', { ANDROMEDA_DEPLOYER_ADDRESS: '0x1234', ANDROMEDA_L1_LOCKING_POOL: 'pool' }),
      (err: unknown) => {
        assert.ok(err instanceof MissingConfigError);
        assert.deepEqual(
          err.missing.map((m) => m.split(' ')[0]),
          ['ANDROMEDA_RPC_URL', 'ANDROMEDA_L1_RPC_URL', 'ANDROMEDA_L1_LOCKING_POOL', 'ANDROMEDA_DEPLOYER_ADDRESS'],
        );
        assert.doesNotMatch(err.message, /KEY/);
        return true;
      },
    );
  });

  test("real networks: Metis's contracts, predicted addresses from the deployers' nonces, roles and prerequisites", () => {
    const env = {
      ANDROMEDA_RPC_URL: 'http://l2',
      ANDROMEDA_L1_RPC_URL: 'http://l1',
      ANDROMEDA_DEPLOYER_KEY: ANVIL_KEYS[1]!,
      ANDROMEDA_L1_KEEPER_ADDRESS: ANVIL_ADDRESSES[5]!,
    };
    const noNonce = buildDeployPlan('andromeda', env);
    assert.equal(addressOf(noNonce, 'SequencerHub'), undefined, 'no prediction without the nonces');
    const plan = buildDeployPlan('andromeda', env, { nonces: { l2: 7, l1: 3 } });
    const me = ANVIL_ADDRESSES[1]!;
    assert.deepEqual(plan.deployers, { l2: me, l1: me }, 'the L2 key deploys both sides when no L1 key is given');
    const manager = getContractAddress({ from: me, nonce: 7n });
    assert.equal(addressOf(plan, 'StakingManager'), manager);
    assert.equal(addressOf(plan, 'eMETIS'), getContractAddress({ from: manager, nonce: 1n }));
    const hub = getContractAddress({ from: me, nonce: 3n });
    assert.equal(addressOf(plan, 'SequencerHub'), hub);
    const a = NETWORKS.andromeda.metisL1!;
    assert.deepEqual(
      plan.existing.filter((e) => e.chain === 'L1').map((e) => e.address),
      [a.metis, a.lockingPool, a.lockingInfo, a.l1Bridge, a.l1Messenger],
    );
    assert.ok(plan.existing.some((e) => e.chain === 'L2' && e.address === L2_STANDARD_BRIDGE));
    assert.deepEqual(plan.roles.find((r) => r.contract === 'SequencerHub' && r.role === 'KEEPER_ROLE')?.holder, ANVIL_ADDRESSES[5]);
    const pre = plan.prerequisites.join('\n');
    assert.match(pre, new RegExp(`hub ${hub} on MVM_DiscountOracle's cross-domain sender whitelist`));
    assert.match(pre, new RegExp(`whitelist each seat's agent in LockingPool ${a.lockingPool}`));
    assert.match(pre, /ETH on the hub/);
    assert.match(pre, /METIS on L2 for the keeper/);
    const text = formatPlan(plan);
    assert.match(text, new RegExp(`SequencerHub +${hub}`));
    assert.match(text, /deploy plan for andromeda \(nothing is sent\)/);
  });
});

describe('deploy plan on anvils standing in for Sepolia and Metis Sepolia', () => {
  let s: MetisStandin;
  let env: Record<string, string>;
  before(async () => {
    s = await startMetisStandin('metis-sepolia');
    env = { METIS_SEPOLIA_RPC_URL: s.l2.url, METIS_SEPOLIA_L1_RPC_URL: s.l1.url, METIS_SEPOLIA_DEPLOYER_ADDRESS: DEPLOYER };
  });
  after(async () => s?.stop());

  test("passes when each of Metis's contracts has code at its real address and LockingPool's escrow is LockingInfo", async () => {
    const plan = buildDeployPlan('metis-sepolia', env);
    const obs = await observeChains(plan);
    assert.equal(obs.l2ChainId, 59902);
    assert.equal(obs.l1ChainId, 11155111);
    assert.deepEqual(missingCode(obs), []);
    assert.deepEqual(obs.escrow, { ok: true, actual: s.metisL1.lockingInfo });
    assert.ok(planReady(obs));
    let printed = '';
    const code = await planMain(['--network', 'metis-sepolia', '--plan', '--airdrop-csv', '/dev/null/none'], env, (t) => (printed = t)).catch(
      (e: Error) => e,
    );
    assert.ok(code instanceof Error && /no such file/.test(code.message), 'a missing CSV is an error');
    assert.equal(await planMain(['--network', 'metis-sepolia', '--plan'], env, (t) => (printed = t)), 0);
    assert.match(printed, /chains checked: both chain ids match/);
    assert.match(printed, /LockingPool +0x7591940125cC0344a65D60319d1ADcD463B2D4c3 +has code/);
    assert.match(printed, new RegExp(`deployer ${DEPLOYER} \\(nonce \\d+`));
  });

  test('the predicted addresses are where a real-network deploy puts the contracts', async () => {
    const obs = await observeChains(buildDeployPlan('metis-sepolia', env));
    const plan = buildDeployPlan('metis-sepolia', env, { nonces: { l2: obs.nonces!.l2!, l1: obs.nonces!.l1! } });
    // the models are uninitialized copies: enough for the deploy's calls (the manager's seed stake included)
    const { manifest } = await deployProtocolFull({
      network: 'metis-sepolia',
      l2: { rpcUrl: s.l2.url, key: ANVIL_KEYS[0] },
      l1: { rpcUrl: s.l1.url, key: ANVIL_KEYS[0] },
      metisL1: s.metisL1,
      airdropCsv: demoRecipientsCsv(),
      manifestDir: null,
      proofsFile: null,
    });
    const c = manifest.contracts;
    const expected: Record<string, Address> = {
      StakingManager: c.stakingManager,
      eMETIS: c.eMetis,
      RewardReceiver: c.rewardReceiver,
      SeMetis: c.seMetis,
      RewardDispatcher: c.rewardDispatcher,
      RedemptionQueue: c.redemptionQueue,
      MerkleAirdrop: c.airdrop,
      LiquidityMining: c.liquidityMining,
      GovernanceToken: c.governanceToken,
      StakingLens: c.lens,
      PartnerRegistry: c.partnerRegistry,
      SequencerHub: manifest.l1!.contracts.hub,
    };
    for (const [name, address] of Object.entries(expected)) assert.equal(addressOf(plan, name), address, name);
  });

  test('a wrong chain id on either RPC is a clear error', async () => {
    const swapped = buildDeployPlan('metis-sepolia', { ...env, METIS_SEPOLIA_RPC_URL: s.l1.url });
    await assert.rejects(observeChains(swapped), (err: unknown) => {
      assert.ok(err instanceof ChainCheckError);
      assert.match(err.message, /metis-sepolia \(L2\) RPC at .* \(METIS_SEPOLIA_RPC_URL\) is chain 11155111, expected 59902/);
      return true;
    });
    const andromeda = buildDeployPlan('andromeda', { ANDROMEDA_RPC_URL: s.l2.url, ANDROMEDA_L1_RPC_URL: s.l1.url });
    await assert.rejects(observeChains(andromeda), /is chain 59902, expected 1088/);
  });

  test('lists exactly the addresses that lack code, and the plan fails', async () => {
    await s.clearCode('L1', s.metisL1.lockingInfo);
    await s.clearCode('L2', L2_STANDARD_BRIDGE);
    const obs = await observeChains(buildDeployPlan('metis-sepolia', env));
    assert.deepEqual(
      obs.code.filter((x) => !x.hasCode).map((x) => x.address),
      [L2_STANDARD_BRIDGE, s.metisL1.lockingInfo],
    );
    assert.equal(planReady(obs), false);
    let printed = '';
    assert.equal(await planMain(['--network', 'metis-sepolia', '--plan'], env, (t) => (printed = t)), 1);
    const notReady = printed.slice(printed.indexOf('NOT READY'));
    assert.equal(notReady.split('\n').filter((l) => l.startsWith('  ')).length, 2, notReady);
    assert.match(notReady, new RegExp(`L2StandardBridge ${L2_STANDARD_BRIDGE} \\(L2\\)`));
    assert.match(notReady, new RegExp(`LockingInfo ${s.metisL1.lockingInfo} \\(L1; override with METIS_SEPOLIA_L1_LOCKING_INFO\\)`));
    assert.doesNotMatch(printed, /chains checked/);
  });
});
