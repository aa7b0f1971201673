// Origins allowed to call the snap's RPC methods: exactly the endowment:rpc.allowedOrigins of the manifest
// this bundle was built for (snap.config.ts injects them): the production manifest lists partner sites only,
// the devnet manifest adds the devnet's demo partner page. MetaMask enforces the manifest; every request is
// checked again here so a permissive client (or a manifest mistake) cannot widen it.
import { UnauthorizedError } from '@metamask/snaps-sdk';

export const ALLOWED_ORIGINS = (process.env.SNAP_ALLOWED_ORIGINS ?? []) as unknown as readonly string[];

export function isOriginAllowed(origin: string): boolean {
  return ALLOWED_ORIGINS.includes(origin);
}

export function assertOrigin(origin: string): void {
  if (!isOriginAllowed(origin)) throw new UnauthorizedError(`Origin ${origin} is not allowed to use this snap.`);
}
