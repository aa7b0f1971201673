export * from './csv.js';
export * from './build.js';
