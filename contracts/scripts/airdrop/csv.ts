// Parses and validates an airdrop recipients CSV (`account,amount`, amounts in whole tokens, 18 decimals).
import { getAddress, parseUnits } from 'viem';

export const TOKEN_DECIMALS = 18;

export interface Recipient {
  /** EIP-55 checksum address. */
  account: `0x${string}`;
  /** Amount in wei. */
  amount: bigint;
  /** 1-based line of the CSV this recipient came from. */
  line: number;
}

/** A CSV problem, with the 1-based line it was found on. */
export class AirdropCsvError extends Error {
  constructor(
    readonly line: number,
    readonly reason: string,
  ) {
    super(`line ${line}: ${reason}`);
    this.name = 'AirdropCsvError';
  }
}

const AMOUNT_RE = /^(\d+)(?:\.(\d+))?$/;
const ADDRESS_RE = /^0x[0-9a-fA-F]{40}$/;

/**
 * Converts a decimal token amount ("12.5") to wei exactly.
 * Throws an Error (without a line) when the text is not a plain non-negative decimal or has more than 18 decimals.
 */
export function parseTokenAmount(text: string, decimals = TOKEN_DECIMALS): bigint {
  const m = AMOUNT_RE.exec(text);
  if (!m) throw new Error(`amount "${text}" is not a decimal number`);
  if ((m[2] ?? '').length > decimals) throw new Error(`amount "${text}" has more than ${decimals} decimals`);
  return parseUnits(text, decimals);
}

/**
 * Parses the recipients CSV. The first non-empty line must be the header `account,amount`; blank lines are
 * ignored. Every row is checked (address with a valid checksum if mixed-case, amount > 0 with at most 18 decimals,
 * no account twice, compared case-insensitively); the first bad row throws an {@link AirdropCsvError}.
 */
export function parseRecipientsCsv(text: string): Recipient[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const recipients: Recipient[] = [];
  const seen = new Map<string, number>();
  let headerSeen = false;
  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1;
    const raw = (lines[i] ?? '').trim();
    if (raw === '') continue;
    // Plain CSV: no commas inside fields; surrounding double quotes (as spreadsheets export them) are dropped.
    const cells = raw.split(',').map((c) =>
      c
        .trim()
        .replace(/^"(.*)"$/, '$1')
        .trim(),
    );
    if (!headerSeen) {
      if (cells.length !== 2 || cells[0]?.toLowerCase() !== 'account' || cells[1]?.toLowerCase() !== 'amount') {
        throw new AirdropCsvError(lineNo, `expected the header "account,amount", got "${raw}"`);
      }
      headerSeen = true;
      continue;
    }
    if (cells.length !== 2) throw new AirdropCsvError(lineNo, `expected 2 columns, got ${cells.length}`);
    const [accountText = '', amountText = ''] = cells;
    // viem's isAddress(strict) then getAddress would hash each address twice; one getAddress does both checks
    // (a lower-case address is accepted, any other must be its checksum form).
    if (!ADDRESS_RE.test(accountText)) throw new AirdropCsvError(lineNo, `bad address "${accountText}"`);
    const account = getAddress(accountText);
    if (account !== accountText && accountText !== accountText.toLowerCase()) {
      throw new AirdropCsvError(lineNo, `bad address "${accountText}" (checksum mismatch)`);
    }
    let amount: bigint;
    try {
      amount = parseTokenAmount(amountText);
    } catch (err) {
      throw new AirdropCsvError(lineNo, (err as Error).message);
    }
    if (amount === 0n) throw new AirdropCsvError(lineNo, 'amount is zero');
    const key = accountText.toLowerCase();
    const first = seen.get(key);
    if (first !== undefined) {
      throw new AirdropCsvError(lineNo, `duplicate account ${account} (first on line ${first})`);
    }
    seen.set(key, lineNo);
    recipients.push({ account, amount, line: lineNo });
  }
  if (!headerSeen) throw new AirdropCsvError(1, 'empty file: expected the header "account,amount"');
  if (recipients.length === 0) throw new AirdropCsvError(lines.length, 'no recipients');
  return recipients;
}
