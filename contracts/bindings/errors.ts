// Turning wallet, RPC and contract errors into one small set of codes with the custom error's name,
// so both front ends can show them in plain words. Reverts are decoded by viem against every protocol error.
import { decodeErrorResult, type Hex } from 'viem';
import { protocolErrorsAbi } from './frontend-abis.js';

export type ErrorCode =
  | 'rejected'
  | 'insufficient-funds'
  | 'below-minimum'
  | 'above-maximum'
  | 'paused'
  | 'wrong-network'
  | 'rpc-unreachable'
  | 'reverted'
  | 'malformed-proofs'
  | 'invalid-amount'
  | 'unknown';

export interface ClassifiedError {
  code: ErrorCode;
  /** The contract's custom error name when the revert data decoded, e.g. "ManagerBelowMinimum". */
  errorName?: string;
  message: string;
}

/** A protocol-level error raised by our own code (bad amount, wrong chain, malformed proofs...). */
export class ProtocolError extends Error {
  override name = 'ProtocolError';
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** Decodes revert data against every protocol error (and Error(string) / Panic(uint256)); undefined if none matches. */
export function decodeRevert(data: Hex | undefined): { errorName: string; args: readonly unknown[] } | undefined {
  if (!data || data.length < 10) return undefined;
  try {
    const { errorName, args } = decodeErrorResult({ abi: protocolErrorsAbi, data });
    return { errorName, args: args ?? [] };
  } catch {
    return undefined;
  }
}

const NAME_TO_CODE: Record<string, ErrorCode> = {
  EnforcedPause: 'paused',
  ManagerPaused: 'paused',
  ManagerLossPaused: 'paused', // the guardian's loss pause (deposits and vault exits held for at most a day)
  SeMetisExitsPaused: 'paused',
  ManagerBelowMinimum: 'below-minimum',
  QueueAmountBelowMin: 'below-minimum',
  QueueAmountAboveMax: 'above-maximum',
  ERC20InsufficientBalance: 'insufficient-funds',
  ERC20InsufficientAllowance: 'reverted',
};

function findRevertData(e: unknown, depth = 0): Hex | undefined {
  if (!e || typeof e !== 'object' || depth > 6) return undefined;
  const o = e as Record<string, unknown>;
  for (const k of ['data', 'error', 'cause', 'originalError']) {
    const v = o[k];
    if (typeof v === 'string' && /^0x[0-9a-fA-F]{8,}$/.test(v)) return v as Hex;
    const nested = findRevertData(v, depth + 1);
    if (nested) return nested;
  }
  return undefined;
}

function findCode(e: unknown, depth = 0): number | undefined {
  if (!e || typeof e !== 'object' || depth > 6) return undefined;
  const o = e as Record<string, unknown>;
  if (typeof o.code === 'number') return o.code;
  return findCode(o.error ?? o.cause, depth + 1);
}

function messageOf(e: unknown): string {
  if (e instanceof Error) return e.message;
  if (e && typeof e === 'object' && typeof (e as { message?: unknown }).message === 'string') return (e as { message: string }).message;
  return String(e);
}

/** Classifies anything thrown by a provider request, a fetch or our own checks. */
export function classifyError(e: unknown): ClassifiedError {
  if (e instanceof ProtocolError) return { code: e.code, message: e.message };
  if (e && typeof e === 'object' && (e as { name?: string }).name === 'AmountError') {
    const problem = (e as { problem: string }).problem;
    const code: ErrorCode =
      problem === 'below-minimum'
        ? 'below-minimum'
        : problem === 'above-maximum'
          ? 'above-maximum'
          : problem === 'insufficient-balance'
            ? 'insufficient-funds'
            : 'invalid-amount';
    return { code, message: messageOf(e) };
  }
  const message = messageOf(e);
  const code = findCode(e);
  if (code === 4001 || /user (rejected|denied)/i.test(message)) return { code: 'rejected', message };
  if (code === 4902 || code === 4901) return { code: 'wrong-network', message };
  const revert = decodeRevert(findRevertData(e));
  if (revert) return { code: NAME_TO_CODE[revert.errorName] ?? 'reverted', errorName: revert.errorName, message };
  if (/insufficient funds/i.test(message)) return { code: 'insufficient-funds', message };
  if (e instanceof TypeError || /failed to fetch|fetch failed|ECONNREFUSED|network ?error|NetworkError|Load failed/i.test(message))
    return { code: 'rpc-unreachable', message };
  if (/revert/i.test(message)) return { code: 'reverted', message };
  return { code: 'unknown', message };
}
