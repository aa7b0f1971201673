// Entry point: one handler per module.
export { onRpcRequest } from './onRpcRequest';
export { onTransaction } from './onTransaction';
export { onHomePage } from './onHomePage';
export { onCronjob } from './onCronjob';
