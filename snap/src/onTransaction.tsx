// Transaction insights: for a transaction to one of the protocol's contracts on a known chain, the
// decoded call in plain words (a native stake's amount is the transaction's value), the expected result at the
// current rate, the redemption ETA (fast or slow path), the fee and warnings.
// A transaction on another chain to an address that is a protocol contract on a bundled chain gets a
// warning (the protocol is not deployed there). Anything else gets no insight (null).
import type { OnTransactionHandler } from '@metamask/snaps-sdk';
import type { Address, Hex } from 'viem';
import { contractKeyOf, readScreen } from '@metis-liquid-staking/contracts';
import { ensureChain, rpc } from './lib/chain';
import { describeCall } from './lib/decode';
import { chainIdFromCaip, deployments, manifestOf } from './lib/deployments';
import { getTranslator } from './lib/i18n';
import { Insight } from '../ui/Insight';

export const onTransaction: OnTransactionHandler = async ({ transaction, chainId }) => {
  const id = chainIdFromCaip(chainId);
  const m = id === undefined ? undefined : manifestOf(id);
  const to = transaction.to as Address | undefined;
  const key = m ? contractKeyOf(m, to) : undefined;
  if (!m) {
    const elsewhere = [...deployments().values()].find((d) => contractKeyOf(d, to));
    if (!elsewhere) return null;
    const t = await getTranslator();
    const warning = {
      title: t('unknownChain'),
      text: `${chainId}: ${contractKeyOf(elsewhere, to)} (${elsewhere.name})`,
      severity: 'danger' as const,
    };
    return {
      content: Insight({ title: t('insightTitle'), actionLabel: t('function'), action: t('unknownCall'), rows: [], warnings: [warning] }),
      severity: 'critical' as const,
    };
  }
  if (!key) return null;
  const from = transaction.from as Address;
  const [t] = await Promise.all([getTranslator(), ensureChain(m.chainId)]);
  const screen = await readScreen(rpc, m.contracts.lens, from);
  // MetaMask gives the value as a hex quantity: the amount of a native stake
  const value = typeof transaction.value === 'string' && /^0x[0-9a-fA-F]+$/.test(transaction.value) ? BigInt(transaction.value) : 0n;
  const d = await describeCall(t, m, key, (transaction.data ?? '0x') as Hex, from, screen, value);
  return {
    content: Insight({ title: t('insightTitle'), actionLabel: t('function'), action: d.action, rows: d.rows, warnings: d.warnings }),
    ...(d.critical ? { severity: 'critical' as const } : {}),
  };
};
