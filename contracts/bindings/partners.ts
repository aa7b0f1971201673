// Partner sites from the PartnerRegistry on L2 (the manifest's `partnerRegistry`): a site origin or a referral
// address -> the registered partner (origin, referral, name, active). One eth_call per look-up; the snap uses it
// to decide which origins may call it and to name referrals.
import { decodeFunctionResult, encodeFunctionData, type Address } from 'viem';
import { ethCall, type RequestFn } from './eip1193.js';
import { partnerRegistryAbi } from './frontend-abis.js';

export interface Partner {
  id: bigint;
  origin: string;
  referral: Address;
  name: string;
  active: boolean;
}

/**
 * The partner registered for `key`, or undefined. By origin ("https://dex.example", exact, lower-case as
 * browsers give it) the partner is returned whether active or not (check `active`); by referral only an active one.
 */
export async function readPartner(
  request: RequestFn,
  registry: Address,
  key: { origin: string } | { referral: Address },
): Promise<Partner | undefined> {
  const data =
    'origin' in key
      ? encodeFunctionData({ abi: partnerRegistryAbi, functionName: 'partnerOf', args: [key.origin] })
      : encodeFunctionData({ abi: partnerRegistryAbi, functionName: 'partnerOfReferral', args: [key.referral] });
  // both functions return (found, id, Partner)
  const [found, id, p] = decodeFunctionResult({ abi: partnerRegistryAbi, functionName: 'partnerOf', data: await ethCall(request, registry, data) });
  return found ? { id, ...p } : undefined;
}
