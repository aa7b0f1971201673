export * from './csv.js';
export * from './build.js';
export * from './shards.js';
