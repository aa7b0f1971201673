// Transaction insights: for a transaction to one of the protocol's contracts on a known chain, the
// decoded call in plain words, the expected result at the current rate, the fee and warnings.
// Anything else gets no insight (null).
import type { OnTransactionHandler } from '@metamask/snaps-sdk';
import type { Address, Hex } from 'viem';
import { contractKeyOf, readScreen } from './lib/bindings';
import { ensureChain, rpc } from './lib/chain';
import { describeCall } from './lib/decode';
import { chainIdFromCaip, manifestOf } from './lib/deployments';
import { getTranslator } from './lib/i18n';
import { Insight } from '../ui/Insight';

export const onTransaction: OnTransactionHandler = async ({ transaction, chainId }) => {
  const id = chainIdFromCaip(chainId);
  const m = id === undefined ? undefined : manifestOf(id);
  const to = transaction.to as Address | undefined;
  const key = m ? contractKeyOf(m, to) : undefined;
  if (!m || !key) return null;
  const from = transaction.from as Address;
  const [t] = await Promise.all([getTranslator(), ensureChain(m.chainId)]);
  const screen = await readScreen(rpc, m.contracts.lens, from);
  const d = describeCall(t, m, key, (transaction.data ?? '0x') as Hex, from, screen);
  return {
    content: Insight({ title: t('insightTitle'), actionLabel: t('function'), action: d.action, rows: d.rows, warnings: d.warnings }),
    ...(d.critical ? { severity: 'critical' as const } : {}),
  };
};
