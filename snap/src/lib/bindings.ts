// The one place the snap imports the shared protocol bindings from (contracts/bindings). Nothing about
// the protocol (ABIs, previews, amounts, transactions) is re-implemented in the snap.
export * from '../../../contracts/bindings/frontend-abis.js';
export * from '../../../contracts/bindings/manifest.js';
export * from '../../../contracts/bindings/amounts.js';
export * from '../../../contracts/bindings/eip1193.js';
export * from '../../../contracts/bindings/lens.js';
export * from '../../../contracts/bindings/transactions.js';
export * from '../../../contracts/bindings/errors.js';
export * from '../../../contracts/bindings/address.js';
export * from '../../../contracts/bindings/abi-codec.js';
export * from '../../../contracts/bindings/airdrop.js';
