// What every write method does first: validate the chain and account, read the lens once, get the locale.
import { DialogType } from '@metamask/snaps-sdk';
import { ResourceUnavailableError, UserRejectedRequestError } from './errors';
import type { JSXElement } from '@metamask/snaps-sdk/jsx';
import type { Address } from 'viem';
import { readScreen, type Manifest, type Screen } from '@metis-liquid-staking/contracts';
import { ensureChain, resolveAccount, rpc } from './chain';
import { requireManifest } from './deployments';
import { getTranslator, type Translate } from './i18n';
import { addressParam, asParams, chainIdParam, type Params } from './params';

export interface RequestContext {
  p: Params;
  m: Manifest;
  from: Address;
  screen: Screen;
  t: Translate;
}

/** Validates chainId and account, switches the snap's provider to the chain and reads the lens (one eth_call). */
export async function prepare(params: unknown, opts: { allowPaused?: boolean } = {}): Promise<RequestContext> {
  const p = asParams(params);
  const m = requireManifest(chainIdParam(p));
  const requested = addressParam(p, 'from', true);
  const [t] = await Promise.all([getTranslator(), ensureChain(m.chainId)]);
  const from = await resolveAccount(requested);
  const screen = await readScreen(rpc, m.contracts.lens, from);
  if (screen.protocol.paused && !opts.allowPaused) throw new ResourceUnavailableError(t('paused') + '. ' + t('pausedText'));
  return { p, m, from, screen, t };
}

/** Shows the confirmation; throws UserRejectedRequestError (4001) if the user cancels. */
export async function confirm(content: JSXElement): Promise<void> {
  const ok = await snap.request({ method: 'snap_dialog', params: { type: DialogType.Confirmation, content } });
  if (ok !== true) throw new UserRejectedRequestError('The user rejected the request.');
}
