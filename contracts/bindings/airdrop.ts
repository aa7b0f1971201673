// The airdrop proofs file (written by `npm run airdrop:build`): validation and look-up, shared by
// the widget, the snap and the devnet.
import { concat, encodeAbiParameters, getAddress, isAddress, keccak256, type Address, type Hex } from 'viem';
import { ProtocolError } from './errors.js';

export interface AirdropClaim {
  index: bigint;
  account: Address;
  amount: bigint;
  proof: Hex[];
}

export interface AirdropProofs {
  root: Hex;
  claims: Map<string, AirdropClaim>; // key: lower-case address
}

const HEX32 = /^0x[0-9a-fA-F]{64}$/;

function bad(why: string): never {
  throw new ProtocolError('malformed-proofs', `The airdrop proofs file is malformed: ${why}.`);
}

/** Validates the proofs JSON `{ root, claims: { [address]: { index, amount, proof } } }`. */
export function parseAirdropProofs(input: unknown, expectedRoot?: Hex): AirdropProofs {
  if (typeof input !== 'object' || input === null) bad('not a JSON object');
  const o = input as Record<string, unknown>;
  if (typeof o.root !== 'string' || !HEX32.test(o.root)) bad('root is missing or not 32 bytes');
  if (expectedRoot && o.root.toLowerCase() !== expectedRoot.toLowerCase()) bad('its root does not match the airdrop contract');
  if (typeof o.claims !== 'object' || o.claims === null) bad('claims are missing');
  const claims = new Map<string, AirdropClaim>();
  for (const [addr, raw] of Object.entries(o.claims as Record<string, unknown>)) {
    if (!isAddress(addr, { strict: false })) bad(`"${addr}" is not an address`);
    const c = raw as Record<string, unknown>;
    if (typeof c !== 'object' || c === null) bad(`entry for ${addr} is not an object`);
    const idx = c.index;
    const amt = c.amount;
    if (!(typeof idx === 'number' || (typeof idx === 'string' && /^\d+$/.test(idx)))) bad(`index for ${addr} is not a number`);
    if (typeof amt !== 'string' || !/^\d+$/.test(amt) || BigInt(amt) === 0n) bad(`amount for ${addr} is not a positive integer string`);
    if (!Array.isArray(c.proof) || !c.proof.every((p) => typeof p === 'string' && HEX32.test(p)))
      bad(`proof for ${addr} is not a list of 32-byte hashes`);
    claims.set(addr.toLowerCase(), {
      index: BigInt(idx as string | number),
      account: getAddress(addr),
      amount: BigInt(amt),
      proof: c.proof as Hex[],
    });
  }
  return { root: o.root as Hex, claims };
}

export function findClaim(proofs: AirdropProofs, account: string): AirdropClaim | undefined {
  return proofs.claims.get(account.toLowerCase());
}

/** Fetches and validates a proofs file. */
export async function fetchAirdropProofs(url: string, expectedRoot?: Hex, fetchImpl: typeof fetch = fetch): Promise<AirdropProofs> {
  let json: unknown;
  try {
    const res = await fetchImpl(url);
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    json = await res.json();
  } catch (e) {
    if (e instanceof SyntaxError) bad('it is not JSON');
    throw new ProtocolError('rpc-unreachable', `Could not load the airdrop proofs from ${url}: ${(e as Error).message}`);
  }
  return parseAirdropProofs(json, expectedRoot);
}

// ---- Merkle proofs, as OpenZeppelin's StandardMerkleTree and MerkleAirdrop.sol check them ----

/** The leaf's ABI encoding, shared with MerkleAirdrop.sol and the tree builder: (index, account, amount). */
export const AIRDROP_LEAF = [{ type: 'uint256' }, { type: 'address' }, { type: 'uint256' }] as const;

/** The airdrop leaf: keccak256(bytes.concat(keccak256(abi.encode(index, account, amount)))). */
export function airdropLeaf(index: bigint, account: Address, amount: bigint): Hex {
  return keccak256(keccak256(encodeAbiParameters(AIRDROP_LEAF, [index, account, amount])));
}

/** True when `claim.proof` leads from the claim's leaf to `root` (OZ MerkleProof: sorted-pair hashing). */
export function verifyAirdropClaim(root: Hex, claim: Pick<AirdropClaim, 'index' | 'account' | 'amount' | 'proof'>): boolean {
  let node = airdropLeaf(claim.index, claim.account, claim.amount);
  for (const sibling of claim.proof) node = keccak256(BigInt(node) < BigInt(sibling) ? concat([node, sibling]) : concat([sibling, node]));
  return node.toLowerCase() === root.toLowerCase();
}
