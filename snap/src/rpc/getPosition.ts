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
    // the L1 picture from the last hub report: node seats, METIS locked, on its way between the chains
    l1: {
      activeSeats: Number(p.activeSeats),
      totalLocked: s(p.totalLocked),
      unlocking: s(p.unlocking),
      inFlightToL1: s(p.inFlightToL1),
      inFlightToL2: s(p.inFlightToL2),
      reportTimestamp: Number(p.reportTimestamp),
    },
    tickets: u.tickets.map((k) => ({
      id: s(k.id),
      eMetisAmount: s(k.eMetisAmount),
      metisAmount: s(k.metisAmount),
      status: ticketStatus(k),
      // the lens's estimate (unix seconds; 0 until an L1 report lets it estimate) and its path
      eta: Number(k.eta),
      fastPath: k.fastPath,
    })),
  };
}
