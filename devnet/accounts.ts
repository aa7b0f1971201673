// anvil's well-known dev accounts (mnemonic "test test ... junk") and the devnet's fixed role assignment.
// These keys are public; they exist only on local chains.
import { getAddress, keccak256, toHex, type Address, type Hex } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';

export const ANVIL_KEYS: readonly Hex[] = [
  '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80',
  '0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d',
  '0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a',
  '0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6',
  '0x47e179ec197488593b187f80a00eb0da91f1b9d0b13f8733639f19c30a34926a',
  '0x8b3a350cf5c34c9194ca85829a2df0ec3153be0318b5e2d3348e872092edffba',
  '0x92db14e403b83dfe3df233f83dfa3a0d7096f21ca9b0d6d6b8d88b2b4ec1564e',
  '0x4bbbf85ce3377467afe5d46f804f221813b2bb87f24d81f60f1fcdbf7cbf4356',
  '0xdbda1821b80551c9d65939329250298aa3472ba22feea921c0cf5d620ea67b97',
  '0x2a871d0798f97d79848a013d4936a73bf4cc922c825d33c1cf7073dff6d409c6',
] as const;

export const ANVIL_ADDRESSES: readonly Address[] = ANVIL_KEYS.map((k) => privateKeyToAccount(k).address);

/** Who does what on the devnet (indexes into the anvil dev accounts). */
export const DEVNET_ROLES = {
  /** Deployer and admin of every contract (a timelock in production). */
  admin: 0,
  /** Funded reward payer of the locking pool (plays the Ecosystem Development Fund). */
  rewardPayer: 6,
  /** Holder of KEEPER_ROLE on the manager (L2) and on the hub (L1), and of GUARDIAN_ROLE: runs the keeper. */
  keeper: 7,
  /** The network's MPC key: submits reward batches to the locking pool. */
  mpc: 8,
} as const;

/** Demo users funded with METIS by the seed step; 0..5 are in the demo airdrop, 9 is not. */
export const DEMO_ACCOUNT_INDEXES = [0, 1, 2, 3, 4, 5, 9] as const;
export const AIRDROP_ACCOUNT_INDEXES = [0, 1, 2, 3, 4, 5] as const;
export const INELIGIBLE_ACCOUNT_INDEX = 9;

/** Protocol treasury on the devnet: a fixed address without a dev key (it only receives). */
export const DEVNET_TREASURY: Address = getAddress('0x7ea5000000000000000000000000000000000001');

/** Receiver of the seed seMETIS shares (nobody holds its key). */
export const DEAD_ADDRESS: Address = '0x000000000000000000000000000000000000dEaD';

/**
 * The devnet relayer's L1 key (plays Metis's proposer and relays L2->L1 messages; it holds no funds but the
 * ETH for its own gas). Derived, not an anvil account: the ten anvil accounts already have roles.
 */
export const DEVNET_RELAYER_KEY: Hex = keccak256(toHex('metis-devnet-relayer'));
export const DEVNET_RELAYER: Address = privateKeyToAccount(DEVNET_RELAYER_KEY).address;

/** Deterministic signer key of devnet seat `i` (the sequencer's block-signing key). */
export function seatSignerKey(i: number): Hex {
  return keccak256(toHex(`metis-devnet-sequencer-signer-${i}`));
}

/** Signer address and 64-byte public key (uncompressed, without the 0x04 prefix) of seat `i`. */
export function seatSigner(i: number): { signer: Address; pubkey: Hex } {
  const acct = privateKeyToAccount(seatSignerKey(i));
  return { signer: acct.address, pubkey: `0x${acct.publicKey.slice(4)}` as Hex };
}

/** The devnet's demo partner (the DEX page `npm start` serves on :3000): its referral address. */
export const DEVNET_PARTNER_REFERRAL: Address = getAddress('0x5a4e0f1c3b8d2e7a9c6b0d4f1e2a3b4c5d6e7f80');
/** The devnet's demo partner as the deploy registers it in the PartnerRegistry. */
export const DEVNET_PARTNERS = [{ origin: 'http://localhost:3000', referral: DEVNET_PARTNER_REFERRAL, name: 'Demo DEX (devnet)' }] as const;
