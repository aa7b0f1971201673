// `rememberAirdropClaim`: a dapp that has the proofs file hands the snap an account's genesis airdrop claim,
// so the home page can show it (the snap has no network access to fetch the file itself). The snap checks
// the proof against the root of its bundled deployment manifest and refuses anything that does not verify,
// so a site can only tell it what is true. No dialog: nothing is signed or sent, and the stored data is
// public (the tree is published) and only shown on the home page. Returns true when stored.
import type { Json } from '@metamask/snaps-sdk';
import { InvalidParamsError } from '../lib/errors';
import type { Hex } from 'viem';
import { verifyAirdropClaim } from '@metis-liquid-staking/contracts';
import { accounts } from '../lib/chain';
import { requireManifest } from '../lib/deployments';
import { addressParam, asParams, chainIdParam } from '../lib/params';
import { accountKey, getState, setState } from '../lib/state';

const UINT = /^\d{1,78}$/;
const HEX32 = /^0x[0-9a-fA-F]{64}$/;

export async function rememberAirdropClaim(params: unknown): Promise<Json> {
  const p = asParams(params);
  const m = requireManifest(chainIdParam(p));
  const account = addressParam(p, 'account');
  const { index, amount, proof } = p;
  const idx = typeof index === 'number' && Number.isSafeInteger(index) ? String(index) : index;
  if (typeof idx !== 'string' || !UINT.test(idx)) throw new InvalidParamsError('index must be a non-negative integer.');
  if (typeof amount !== 'string' || !UINT.test(amount) || BigInt(amount) === 0n)
    throw new InvalidParamsError('amount must be a positive integer in wei, as a decimal string.');
  if (!Array.isArray(proof) || proof.length > 64 || !proof.every((h) => typeof h === 'string' && HEX32.test(h)))
    throw new InvalidParamsError('proof must be a list of 32-byte hex strings.');
  if (!(await accounts(false)).includes(account)) throw new InvalidParamsError(`Account ${account} is not connected to the snap.`);
  const claim = { index: BigInt(idx), account, amount: BigInt(amount), proof: proof as Hex[] };
  if (!verifyAirdropClaim(m.airdrop.root, claim)) throw new InvalidParamsError(`The airdrop proof does not match the airdrop on chain ${m.chainId}.`);
  const state = await getState();
  state.airdrops[accountKey(m.chainId, account)] = { index: claim.index.toString(), amount: claim.amount.toString() };
  await setState(state);
  return true;
}
