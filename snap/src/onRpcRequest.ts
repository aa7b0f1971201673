// Dapp-facing RPC: the origin is checked against the manifest's allowedOrigins again here, then the
// method is dispatched to its own module.
import { MethodNotFoundError, type Json, type OnRpcRequestHandler } from '@metamask/snaps-sdk';
import { assertOrigin } from './lib/origins';
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
  assertOrigin(origin);
  const method = Object.prototype.hasOwnProperty.call(METHODS, request.method) ? METHODS[request.method] : undefined;
  if (!method) throw new MethodNotFoundError({ method: request.method });
  return method(request.params);
};
