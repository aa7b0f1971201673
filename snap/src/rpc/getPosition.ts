// `getPosition`: the account's position from one lens call, as JSON (amounts in wei, decimal strings).
import type { Json } from '@metamask/snaps-sdk';
import { ticketStatus } from '@metis-liquid-staking/contracts';
import { prepare } from '../lib/context';

export async function getPosition(params: unknown): Promise<Json> {
  const { m, from, screen } = await prepare(params, { allowPaused: true });
  const { protocol: p, user: u } = screen;
  const s = (v: bigint) => v.toString();
  return {
    chainId: m.chainId,
    account: from,
    metis: s(u.metisBalance),
    eMetis: s(u.eMetisBalance),
    seMetis: s(u.seMetisBalance),
    seMetisAssets: s(u.seMetisAssets),
    seMetisMetisValue: s(u.seMetisMetisValue),
    rewardsEarned: s(u.rewardsEarned),
    aprBps: Number(p.aprBps),
    feeBps: Number(p.feeBps),
    sharePrice: s(p.sharePrice),
    paused: p.paused,
    tickets: u.tickets.map((k) => ({
      id: s(k.id),
      eMetisAmount: s(k.eMetisAmount),
      metisAmount: s(k.metisAmount),
      maturity: Number(k.maturity),
      status: ticketStatus(k),
    })),
  };
}
