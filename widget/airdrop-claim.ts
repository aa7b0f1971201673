// The airdrop claim lookup (shard or proofs file, Merkle checks), split from the widget's entry: the ES module
// build loads it as a chunk the first time an account is looked up, so pages whose visitors never connect do
// not ship it (the IIFE keeps it inside).
export { fetchAirdropClaim } from '@metis-liquid-staking/contracts/airdrop-claim';
