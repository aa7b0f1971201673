// The protocol's typed TypeScript interface (package @metis-liquid-staking/contracts): ABIs, chains,
// manifest, tokens, lens reading and previews, the allowance plan, transactions, errors, airdrop proofs.
// snap/ and widget/ import from here; nothing about the protocol is written twice.
export * from './frontend-abis.js';
export * from './chains.js';
export * from './metis-network.js';
export * from './manifest.js';
export * from './tokens.js';
export * from './amounts.js';
export * from './eip1193.js';
export * from './lens.js';
export * from './transactions.js';
export * from './errors.js';
export * from './airdrop.js';
export * from './airdrop-shards.js';
export * from './rewards-chart.js';
export * from './partners.js';
