// The protocol's typed TypeScript interface: ABIs, manifest, lens reading, previews, transactions, errors.
// snap/ and widget/ import from here; nothing about the protocol is written twice.
export * from './frontend-abis.js';
export * from './manifest.js';
export * from './amounts.js';
export * from './eip1193.js';
export * from './lens.js';
export * from './transactions.js';
export * from './errors.js';
export * from './airdrop.js';
export * from './address.js';
export * from './abi-codec.js';
