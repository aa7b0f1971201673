// Partner sites, read on-chain from the deployment's PartnerRegistry (admin-managed, with events): the origins
// allowed to call the snap's RPC methods, and the names of referral addresses. The manifest lets any dapp call
// (`endowment:rpc` { dapps: true }) only because every request is refused here unless its origin is an active
// registered partner on the request's chain. One eth_call per look-up; an active partner is remembered in memory
// for PARTNER_TTL_MS (so a deactivation takes effect within 5 minutes); a miss is never remembered, so a newly
// registered site works at once, with no snap update.
import { UnauthorizedError } from './errors';
import type { Address } from 'viem';
import { readPartner, type Manifest, type Partner } from '@metis-liquid-staking/contracts';
import { ensureChain, rpc } from './chain';
import { requireManifest } from './deployments';
import { asParams, chainIdParam } from './params';

export const PARTNER_TTL_MS = 300_000;
const cache = new Map<string, [until: number, p: Partner]>();

/** The registry's partner for `key` on `m`'s chain (the snap's provider must be on that chain), or undefined. */
export async function partnerOf(m: Manifest, key: { origin: string } | { referral: Address }): Promise<Partner | undefined> {
  const k = m.chainId + ('origin' in key ? key.origin : key.referral.toLowerCase());
  const hit = cache.get(k);
  if (hit && hit[0] > Date.now()) return hit[1];
  const p = await readPartner(rpc, m.contracts.partnerRegistry, key);
  if (p?.active) cache.set(k, [Date.now() + PARTNER_TTL_MS, p]);
  else cache.delete(k);
  return p;
}

/**
 * Refuses (4100 Unauthorized, nothing done) a request whose origin is not an active partner in the registry of
 * the deployment its `chainId` names; switches the snap's provider to that chain. Params that name no deployment
 * are refused with -32602 before anything is read.
 */
export async function assertPartnerOrigin(origin: string, params: unknown): Promise<void> {
  const m = requireManifest(chainIdParam(asParams(params)));
  await ensureChain(m.chainId);
  const p = await partnerOf(m, { origin });
  if (!p?.active)
    throw new UnauthorizedError(
      `Origin ${origin} is not allowed to use this snap: ${p ? `its partner registration (${p.name}) is inactive` : 'not a registered partner'} on ${m.name} (${m.chainId}).`,
    );
}
