// User-facing text, English and Japanese. Partners override any entry through the `strings` property.
// `{name}` placeholders are filled by `fmt`.

import { loadJa } from './locale-loader.js';

const en = {
  title: 'Stake METIS',
  connect: 'Connect wallet',
  chooseWallet: 'Choose a wallet',
  noWallet: 'No wallet found. Install a browser wallet to stake.',
  connected: 'Connected: {account}',
  loading: 'Loading…',
  retry: 'Retry',
  tabs: 'Staking actions',
  tabStake: 'Stake',
  tabRestake: 'Restake',
  tabRedeem: 'Redeem',
  tabRewards: 'Rewards',
  tabAirdrop: 'Airdrop',
  amount: 'Amount ({symbol})',
  max: 'Max',
  balance: 'Balance: {amount} {symbol}',
  minimum: 'Minimum: {amount} {symbol}',
  receive: 'You receive about {amount} {symbol}',
  restakeToggle: 'Restake for rewards (receive seMETIS)',
  gasNote: 'Native METIS, the gas token: Max keeps {amount} for gas.',
  stake: 'Stake',
  restakeIn: 'eMETIS → seMETIS',
  restakeOut: 'seMETIS → eMETIS',
  restake: 'Restake',
  unstake: 'Unstake',
  direction: 'Direction',
  redeemRequest: 'Request redemption',
  tickets: 'Your redemption tickets',
  noTickets: 'No tickets yet.',
  ticket: 'Ticket #{id}: {emetis} eMETIS → {metis} METIS, {status}',
  etaFast: 'ready ~{date} (fast path)',
  etaSlow: 'up to {date} (slow path)',
  etaWait: 'waiting for the L1 report',
  status_claimable: 'claimable',
  status_claimed: 'claimed',
  claim: 'Claim',
  apr: 'APR (after fee)',
  sharePrice: 'seMETIS price',
  earned: 'Earned to date',
  position: 'Your seMETIS',
  fee: 'Protocol fee',
  tvl: 'Total staked',
  seats: 'Active seats on L1',
  l1Locked: 'METIS locked on L1',
  inFlight: 'In flight between chains',
  airdropEligible: 'You can claim {amount} governance tokens.',
  airdropClaimed: 'You have already claimed this airdrop.',
  airdropNone: 'This account is not in the airdrop.',
  airdropNoFile: 'No airdrop proofs file is configured.',
  airdropClaim: 'Claim airdrop',
  stepApprove: 'Approve {symbol}',
  stepPermit: 'Sign permit for {symbol}',
  stepAction: 'Confirm {action}',
  stageSign: '{label}. Confirm in your wallet.',
  stagePending: 'Transaction pending: {hash}',
  stageSuccess: 'Done. {symbol}: {before} → {after}',
  stageFailed: 'Failed: {reason}',
  wrongNetwork: 'Your wallet is on the wrong network.',
  switchNetwork: 'Switch to {name}',
  snapOffer: 'Get staking insights in MetaMask',
  snapInstalled: 'MetaMask staking insights are installed; stake and restake go through them.',
  readOnly: 'Read-only: set manifest-url to enable transactions.',
  err_rejected: 'You rejected the request in your wallet.',
  'err_insufficient-funds': 'Insufficient balance (including gas).',
  'err_below-minimum': 'The amount is below the minimum.',
  'err_below-minimum-n': 'Below the minimum of {amount} {symbol}',
  'err_above-maximum': 'The amount is above the maximum.',
  'err_above-maximum-n': 'Above the maximum of {amount} {symbol}',
  err_paused: 'Staking is paused right now. Please try again later.',
  'err_wrong-network': 'Your wallet is on the wrong network. Switch to {name}.',
  'err_rpc-unreachable': 'The network cannot be reached. Check your connection and retry.',
  err_reverted: 'The transaction would fail ({name}).',
  'err_malformed-proofs': 'The airdrop proofs file is malformed.',
  'err_invalid-amount': 'Enter a valid amount.',
  err_manifest: 'Could not load the deployment settings.',
  err_unknown: 'Something went wrong: {message}',
  restakeOff: 'eMETIS alone earns no rewards; seMETIS does.',
  v_empty: 'Enter an amount',
  v_balance: 'Insufficient {symbol} balance',
  v_decimals: 'Max {n} decimals',
  airdropSplit: 'Paid now: {now}; {later} more vests over {days} days from the claim.',
  airdropVesting: 'Vesting: {total} in all; releasable now: {releasable}.',
  airdropRelease: 'Release vested',
  disconnect: 'Disconnect',
  stale: 'Figures may be out of date.',
  snapFallback: 'Sent directly (snap unavailable).',
  // issue 14.6 progress
  stepOf: 'Step {step} of {total}: ',
  watchAdd: 'Add {symbol} to wallet',
  watchDone: '{symbol} added to your wallet.',
  watchNo: '{symbol} was not added.',
  claimedOn: 'claimed {date}',
  // issue 14.11 no-wallet links
  installMetaMask: 'MetaMask',
  otherWallets: 'Other wallets',
  noWalletMobile: "On a phone, open this page in your wallet app's browser.",
};

export type Strings = typeof en;
export type StringKey = keyof Strings;

/** The widget's languages. English is inside the bundle; the others are separate modules loaded on first use
 * (in the ES module build a chunk beside it, so a partner whose visitors read English never ships them). */
export type Language = 'en' | 'ja';

const tables: Partial<Record<Language, Strings>> = { en };
const pending: Partial<Record<Language, Promise<Strings>>> = {};

/** The table of `lang` if it is loaded (English always is). */
export function loadedStrings(lang: Language): Strings | undefined {
  return tables[lang];
}

/** Loads the table of `lang` (once; later calls share the first load). */
export function loadStrings(lang: Language): Promise<Strings> {
  const t = tables[lang];
  if (t) return Promise.resolve(t);
  // a failed load (offline, blocked chunk) is not kept: English is shown and a later render tries again
  return (pending[lang] ??= loadJa().then(
    (t) => (tables[lang] = t),
    (e: unknown) => {
      delete pending[lang];
      throw e;
    },
  ));
}

/** Fills `{name}` placeholders. */
export function fmt(template: string, vars: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));
}
