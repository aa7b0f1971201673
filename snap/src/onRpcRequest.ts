// Dapp-facing RPC: the origin must be an active partner in the on-chain PartnerRegistry of the request's
// deployment (lib/partners.ts), then the method is dispatched to its own module.
import type { Json, OnRpcRequestHandler } from '@metamask/snaps-sdk';
import { methodNotFound } from './lib/errors';
import { assertPartnerOrigin } from './lib/partners';
import { claimRedemption } from './rpc/claimRedemption';
import { getPosition } from './rpc/getPosition';
import { rememberAirdropClaim } from './rpc/rememberAirdropClaim';
import { requestRedemption } from './rpc/requestRedemption';
import { restake } from './rpc/restake';
import { stake } from './rpc/stake';
import { stakeAndRestake } from './rpc/stakeAndRestake';

const METHODS: Record<string, (params: unknown) => Promise<Json>> = {
  stake,
  stakeAndRestake,
  restake,
  requestRedemption,
  claimRedemption,
  getPosition,
  rememberAirdropClaim,
};

export const onRpcRequest: OnRpcRequestHandler = async ({ origin, request }) => {
  await assertPartnerOrigin(origin, request.params);
  const method = Object.prototype.hasOwnProperty.call(METHODS, request.method) ? METHODS[request.method] : undefined;
  if (!method) throw methodNotFound(request.method);
  return method(request.params);
};
