#!/usr/bin/env node
// Turns forge artifacts into typed ABIs (`as const`) for snap/, widget/, devnet/ and test/.
// Each binding comes from the implementation's artifact; while an implementation does not exist yet
// the interface's artifact stands in (and a warning says so). Run after `forge build`.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const contractsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(contractsDir, 'out');
const target = path.join(contractsDir, 'bindings', 'abis.ts');

/** binding export name -> [implementation, interface fallback] */
const BINDINGS = {
  // the protocol on L2
  stakingManagerAbi: ['StakingManager', 'IStakingManager'],
  rewardReceiverAbi: ['RewardReceiver', null],
  eMetisAbi: ['EMetis', 'IEMetis'],
  seMetisAbi: ['SeMetis', 'ISeMetis'],
  rewardDispatcherAbi: ['RewardDispatcher', 'IRewardDispatcher'],
  redemptionQueueAbi: ['RedemptionQueue', 'IRedemptionQueue'],
  governanceTokenAbi: ['GovernanceToken', null],
  airdropAbi: ['MerkleAirdrop', 'IMerkleAirdrop'],
  liquidityMiningAbi: ['LiquidityMining', 'ILiquidityMining'],
  lensAbi: ['StakingLens', 'IStakingLens'],
  partnerRegistryAbi: ['PartnerRegistry', null],
  // the protocol on L1
  sequencerHubAbi: ['SequencerHub', 'ISequencerHub'],
  sequencerAgentAbi: ['SequencerAgent', null],
  // Metis's contracts: the devnet models' ABIs, a superset of Metis's own with the same signatures
  metisAbi: ['DevMetis', 'IERC20'], // L1 METIS on the devnet (an ERC-20 with a faucet); any ERC-20
  l2MetisAbi: ['L2MetisModel', null], // METIS's ERC-20 face on L2 (0xDead…0000)
  lockingPoolAbi: ['LockingPoolModel', 'ILockingPool'],
  lockingInfoAbi: ['LockingInfoModel', 'ILockingInfo'],
  l1BridgeAbi: ['L1StandardBridgeModel', 'IL1StandardBridge'],
  l2BridgeAbi: ['L2StandardBridgeModel', 'IL2StandardBridge'],
  l1MessengerAbi: ['L1CrossDomainMessengerModel', null],
  l2MessengerAbi: ['L2CrossDomainMessengerModel', null],
  stateCommitmentChainAbi: ['StateCommitmentChainModel', null],
  discountOracleAbi: ['DiscountOracleModel', null],
  addressManagerAbi: ['AddressManagerModel', null],
  gasPriceOracleAbi: ['GasPriceOracleModel', null],
};

function readAbi(name) {
  const file = path.join(outDir, `${name}.sol`, `${name}.json`);
  if (!fs.existsSync(file)) return null;
  return JSON.parse(fs.readFileSync(file, 'utf8')).abi;
}

const missing = [];
let body = '';
for (const [exportName, [impl, iface]] of Object.entries(BINDINGS)) {
  let abi = readAbi(impl);
  let source = impl;
  if (!abi && iface) {
    abi = readAbi(iface);
    source = iface;
    if (abi) console.warn(`bindings: ${impl} not built yet, using ${iface} for ${exportName}`);
  }
  if (!abi) {
    missing.push(impl);
    continue;
  }
  body += `\n/** ABI of ${source} (generated from the forge artifact). */\nexport const ${exportName} = ${JSON.stringify(abi, null, 2)} as const;\n`;
}
if (missing.length && !process.env.BINDINGS_ALLOW_MISSING) {
  console.error(`bindings: no artifact for ${missing.join(', ')}; run forge build first`);
  process.exit(1);
}
// Front-end ABIs: only the functions a user action, a screen or the snap's call decoding needs (no events:
// the front ends read state through the lens), so the widget and snap bundles stay small. viem encodes and
// decodes with them, typed from the `as const` literals. Every error of every contract on L2 goes into one
// deduplicated `protocolErrorsAbi` (parameter names dropped: nothing reads them), which bindings/errors.ts
// decodes reverts with (viem's decodeErrorResult). The front ends only send L2 transactions, so the errors of
// the L1 side (the hub, its agents, Metis's L1 contracts and their models) never reach them and stay out.
const FRONTEND = {
  metisAbi: ['approve', 'allowance', 'balanceOf', 'nonces', 'name'],
  eMetisAbi: ['approve', 'allowance', 'balanceOf', 'nonces', 'name'],
  stakingManagerAbi: ['stake', 'stakeAndRestake', 'stakeErc20', 'stakeErc20AndRestake'],
  seMetisAbi: ['deposit', 'redeem', 'withdraw', 'approve', 'priceHistory'],
  redemptionQueueAbi: ['requestRedemption', 'requestRedemptionWithPermit', 'claim', 'claimBatch'],
  airdropAbi: ['claim', 'release', 'vestingBps', 'vestingDuration'],
  liquidityMiningAbi: ['stake', 'withdraw', 'getReward', 'exit'],
  lensAbi: ['getAll'],
  partnerRegistryAbi: ['partnerOf', 'partnerOfReferral'],
};
/** The ERC-20 calls the snap describes on any protocol token: `erc20Abi` (from the METIS artifact). */
const ERC20_FRONTEND = ['approve', 'transfer'];
/**
 * Keeps bundles small: drops `internalType` (only the compiler needs it) and, on functions, the names of
 * top-level inputs and outputs (calls are positional; tuple component names stay, they name the decoded
 * objects' fields).
 */
const slim = (item) => {
  const out = JSON.parse(JSON.stringify(item, (k, v) => (k === 'internalType' ? undefined : v)));
  if (out.type !== 'function') return out;
  for (const list of [out.inputs, out.outputs]) for (const p of list) delete p.name;
  return out;
};
/**
 * Contracts no front-end transaction reaches: the L1 side; on L2 the reward receiver and dispatcher (the
 * keeper's), the lens (a view), the partner registry (its registrar's), the governance token (front ends
 * only claim it through the airdrop, whose transfer errors are the ERC-20 ones), and Metis's bridge,
 * messenger and gas price oracle (the keeper and the relayer call them). Their errors cannot come back.
 */
const NOT_FRONTEND = new Set([
  'rewardReceiverAbi',
  'rewardDispatcherAbi',
  'lensAbi',
  'partnerRegistryAbi',
  'governanceTokenAbi',
  'l2BridgeAbi',
  'l2MessengerAbi',
  'gasPriceOracleAbi',
  'sequencerHubAbi',
  'sequencerAgentAbi',
  'metisAbi', // DevMetis is L1 METIS; on L2 METIS is l2MetisAbi (its errors stay)
  'lockingPoolAbi',
  'lockingInfoAbi',
  'l1BridgeAbi',
  'l1MessengerAbi',
  'stateCommitmentChainAbi',
  'discountOracleAbi',
  'addressManagerAbi',
]);
/**
 * Errors only a restricted caller or a configuration step can raise (role and owner checks, caller-only entry
 * points, initialisation, zero addresses and bad settings in constructors and setters, the keeper's report and
 * finalisation): a user's stake, restake, redemption, claim or mining call never meets them.
 */
const NOT_USER_ERROR =
  /^(AccessControl|Ownable)|Only[A-Z]|NotDistributor|Initializ|Zero(Address|Minter|Root|Duration)$|NotDeployer|UnauthorizedReport|Bad(Limits|Rate|Finalization|Vesting)$|InvalidCycle$|DeadlineInPast$|PoolExists$|NotStakeable$/;
const errorSeen = new Set();
const errorItems = [];
let frontend = '';
for (const [exportName, [impl, iface]] of Object.entries(BINDINGS)) {
  const abi = readAbi(impl) ?? (iface ? readAbi(iface) : null);
  if (!abi) continue;
  for (const item of NOT_FRONTEND.has(exportName) ? [] : abi) {
    if (item.type !== 'error' || NOT_USER_ERROR.test(item.name)) continue;
    const inputs = slim(item).inputs.map(({ name, ...rest }) => rest);
    const key = JSON.stringify([item.name, inputs]);
    if (!errorSeen.has(key)) {
      errorSeen.add(key);
      errorItems.push({ type: 'error', name: item.name, inputs });
    }
  }
  const names = FRONTEND[exportName];
  if (!names) continue;
  const picked = abi.filter((i) => names.includes(i.name)).map(slim);
  frontend += `\nexport const ${exportName} = ${JSON.stringify(picked)} as const;\n`;
  if (exportName === 'metisAbi') {
    const erc20 = abi.filter((i) => i.type === 'function' && ERC20_FRONTEND.includes(i.name)).map(slim);
    frontend += `\n/** ERC-20 approve and transfer (any protocol token). */\nexport const erc20Abi = ${JSON.stringify(erc20)} as const;\n`;
  }
}
frontend += `\n/** The custom errors a user's transaction on L2 can meet (deduplicated; parameter names dropped). */\nexport const protocolErrorsAbi = ${JSON.stringify(errorItems)} as const;\n`;
fs.writeFileSync(
  path.join(contractsDir, 'bindings', 'frontend-abis.ts'),
  '// GENERATED by contracts/scripts/gen-bindings.mjs: the subset of each ABI the widget and snap use. Do not edit.\n' + frontend,
);

const header = '// GENERATED by contracts/scripts/gen-bindings.mjs from forge artifacts. Do not edit by hand.\n';
fs.writeFileSync(target, header + body);
console.log(`bindings: wrote ${path.relative(process.cwd(), target)} (${Object.keys(BINDINGS).length - missing.length} ABIs)`);
