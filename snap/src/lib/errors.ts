// The errors the snap returns to dapps (JSON-RPC codes as in EIP-1193 / EIP-1474), in the Snaps platform's
// wire format: what the SDK's SnapError serializes to (code -31002, "Snap Error", the error as data.cause),
// which MetaMask recognises by that shape (snaps-sdk isSnapError) and passes on as { code, message, data }
// without treating the snap as crashed. The SDK's error classes do the same through @metamask/rpc-errors,
// @metamask/utils and superstruct: about 15 KB of a bundle with a 26 KB gzip budget.
import type { Json } from '@metamask/snaps-sdk';

export class SnapRpcError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly data?: Record<string, Json>,
  ) {
    super(message);
  }

  serialize() {
    const cause = { code: this.code, message: this.message, ...(this.data ? { data: this.data } : {}) };
    return { code: -31002, message: 'Snap Error', data: { cause } };
  }
}

const kind = (code: number) =>
  class extends SnapRpcError {
    constructor(message: string) {
      super(code, message);
    }
  };

/** -32602: a parameter is missing or wrong (the message says which and why). */
export const InvalidParamsError = kind(-32602);
/** -32002: the protocol is paused. */
export const ResourceUnavailableError = kind(-32002);
/** 4001: the user cancelled the dialog. */
export const UserRejectedRequestError = kind(4001);
/** 4100: the origin is not an active registered partner. */
export const UnauthorizedError = kind(4100);
/** 4901: the snap's provider could not switch to the request's chain. */
export const ChainDisconnectedError = kind(4901);

/** -32601, with the method in `data`. */
export const methodNotFound = (method: string) => new SnapRpcError(-32601, `The method ${method} does not exist.`, { method });
