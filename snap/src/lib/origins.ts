// Origins allowed to call the snap's RPC methods. The manifest's endowment:rpc.allowedOrigins holds the
// same list (a test checks that they match); MetaMask enforces the manifest, and every request is
// checked again here so a permissive client (or a manifest mistake) cannot widen it.
import { UnauthorizedError } from '@metamask/snaps-sdk';

export const ALLOWED_ORIGINS: readonly string[] = [
  'http://localhost:3000', // the devnet's demo partner page
  'https://stake.metis-lsd.example', // placeholder for the first real partner site
];

export function isOriginAllowed(origin: string): boolean {
  return ALLOWED_ORIGINS.includes(origin);
}

export function assertOrigin(origin: string): void {
  if (!isOriginAllowed(origin)) throw new UnauthorizedError(`Origin ${origin} is not allowed to use this snap.`);
}
