// Referral partners the snap knows by name, per chain. A referral outside this list is shown with a
// warning ("unknown referral"); it is only recorded in the Staked event, but users should know who it is.
import type { Address } from 'viem';

const PARTNERS: Record<number, Record<string, string>> = {
  // devnet: anvil account #9, used by the demo partner page
  31337: { '0xa0ee7a142d267c1f36714e4a8f75612f20a79720': 'Devnet demo partner' },
};

export function referralName(chainId: number, referral: Address): string | undefined {
  return PARTNERS[chainId]?.[referral.toLowerCase()];
}
