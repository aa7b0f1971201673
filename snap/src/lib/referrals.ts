// Referral partners the snap knows by name, per chain. A referral outside this list is shown with a
// warning ("unknown referral"); it is only recorded in the Staked event, but users should know who it is.
import type { Address } from 'viem';

const PARTNERS: Record<number, Record<string, string>> = {
  // devnet: the demo partner page's referral (devnet/start.ts PARTNER_REFERRAL)
  31337: { '0x5a4e0f1c3b8d2e7a9c6b0d4f1e2a3b4c5d6e7f80': 'Devnet demo partner' },
};

export function referralName(chainId: number, referral: Address): string | undefined {
  return PARTNERS[chainId]?.[referral.toLowerCase()];
}
