// Background jobs (endowment:cronjob): `checkRedemptions` announces each redemption once when it becomes
// claimable; `rewardsSummary` reports the rewards earned since the last summary (silent when nothing changed).
import type { OnCronjobHandler } from '@metamask/snaps-sdk';
import { methodNotFound } from './lib/errors';
import { formatAmount, ticketStatus } from '@metis-liquid-staking/contracts';
import { getTranslator } from './lib/i18n';
import { readPositions } from './lib/positions';
import { accountKey, getState, setState } from './lib/state';

const notify = (message: string) => snap.request({ method: 'snap_notify', params: { type: 'inApp', message } });

export const onCronjob: OnCronjobHandler = async ({ request }) => {
  if (request.method !== 'checkRedemptions' && request.method !== 'rewardsSummary') throw methodNotFound(request.method);
  const [t, state, positions] = await Promise.all([getTranslator(), getState(), readPositions()]);
  let sent = 0;
  for (const { m, account, screen } of positions) {
    if (request.method === 'checkRedemptions') {
      for (const k of screen.user.tickets) {
        const key = `${m.chainId}:${k.id}`;
        if (ticketStatus(k) !== 'claimable' || state.notified.includes(key)) continue;
        await notify(t('notifyClaimable', { id: k.id, amount: formatAmount(k.metisAmount) }));
        state.notified.push(key);
        sent++;
      }
    } else {
      const key = accountKey(m.chainId, account);
      const earned = screen.user.rewardsEarned;
      const last = BigInt(state.lastRewards[key] ?? '0');
      if (earned > last) {
        await notify(t('notifySummary', { amount: formatAmount(earned - last), total: formatAmount(earned) }));
        sent++;
      }
      state.lastRewards[key] = earned.toString();
    }
  }
  if (request.method === 'checkRedemptions') {
    // forget tickets that left every account (claimed or transferred) so the state stays small
    const live = new Set(positions.flatMap(({ m, screen }) => screen.user.tickets.map((k) => `${m.chainId}:${k.id}`)));
    state.notified = state.notified.filter((k) => live.has(k));
  }
  await setState(state);
  return { notified: sent };
};
