// Metis's own contracts: the L2 predeploys (the same on Andromeda and Metis Sepolia) and, per L2, the L1
// addresses of LockingPool, LockingInfo, the L1 bridge and messenger and L1 METIS (verified facts:
// ../shared/notes/metis-bridge-facts.md). The deploy and the keeper read them; the devnet puts its models of
// these contracts at the same L2 addresses.
import type { Address } from 'viem';

/** METIS on L2: the gas token, which is also an ERC-20 at this address (one balance, two faces). */
export const L2_METIS: Address = '0xDeadDeAddeAddEAddeadDEaDDEAdDeaDDeAD0000';
export const L2_CROSS_DOMAIN_MESSENGER: Address = '0x4200000000000000000000000000000000000007';
export const L2_STANDARD_BRIDGE: Address = '0x4200000000000000000000000000000000000010';
export const OVM_GAS_PRICE_ORACLE: Address = '0x420000000000000000000000000000000000000F';
export const SEQUENCER_FEE_WALLET: Address = '0x4200000000000000000000000000000000000011';

/** The L1 side of a Metis network. */
export interface MetisL1Addresses {
  /** The L1 chain id (Ethereum 1, Sepolia 11155111). */
  chainId: number;
  metis: Address;
  lockingPool: Address;
  lockingInfo: Address;
  l1Bridge: Address;
  l1Messenger: Address;
}

/** Metis's L1 contracts for Andromeda (1088) and Metis Sepolia (59902). */
export const METIS_L1: Readonly<Record<number, MetisL1Addresses>> = {
  1088: {
    chainId: 1,
    metis: '0x9E32b13ce7f2E80A01932B42553652E053D6ed8e',
    lockingPool: '0xD54c868362C2098E0E46F12E7D924C6A332952Dd',
    lockingInfo: '0x0fe382b74C3894B65c10E5C12ae60Bbd8FAf5b48',
    l1Bridge: '0x3980c9ed79d2c191A89E02Fa3529C60eD6e9c04b',
    l1Messenger: '0x081D1101855bD523bA69A9794e0217F0DB6323ff',
  },
  59902: {
    chainId: 11155111,
    metis: '0x7f49160EB9BB068101d445fe77E17ecDb37D0B47',
    lockingPool: '0x7591940125cC0344a65D60319d1ADcD463B2D4c3',
    lockingInfo: '0x390A6fE63385522E87e248BC5200f7d3a02F994b',
    l1Bridge: '0x9848dE505e6Aa301cEecfCf23A0a150140fc996e',
    l1Messenger: '0x4542c621eEe9fC533c2e6bd80880C89990EE10cD',
  },
};

/** Mainnet's LockingPool refuses an unlock that would leave more than a third of sequencers inactive. */
export const HAS_BFT_RESTRICTION: Readonly<Record<number, boolean>> = { 1088: true, 59902: false };
