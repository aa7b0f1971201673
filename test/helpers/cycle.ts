// Driving the two-chain devnet in tests: the keeper's pass (devnet/keeper.ts, with the devnet MPC playing
// Metis's reward batches) and the relayer's (devnet/relayer.ts, playing Metis's bridge), with simulated time on
// both chains. Used by the node, end-to-end and bench suites so no suite writes its own loop.
import { runKeeperTick, type KeeperAction, type KeeperOptions } from '../../devnet/keeper.js';
import type { TestDevnet } from './devnet-fixture.js';
import { evmIncreaseTime } from './rpc.js';

/** The keeper's options on a test devnet: its keeper (and guardian) key on both chains and the devnet MPC. */
export function keeperOptions(d: TestDevnet, over: Partial<KeeperOptions> = {}): KeeperOptions {
  return {
    manifest: d.manifest,
    l2RpcUrl: d.url,
    l1RpcUrl: d.l1Url,
    l2Key: d.roles.keeper.key,
    l1Key: d.roles.keeper.key,
    mpcKey: d.roles.mpc.key,
    log: () => {},
    ...over,
  };
}

/** One keeper pass over both chains with the devnet's keeper (and guardian) and MPC keys. */
export function keeperTick(d: TestDevnet, log: (msg: string) => void = () => {}): Promise<KeeperAction[]> {
  return runKeeperTick(keeperOptions(d, { log }));
}

/** Moves both chains' clocks forward by `seconds` (a block is mined on each). */
export async function advanceBoth(d: TestDevnet, seconds: number): Promise<void> {
  await Promise.all([evmIncreaseTime(d.url, seconds), evmIncreaseTime(d.l1Url, seconds)]);
}

export interface SettleResult {
  actions: KeeperAction[];
  relays: number;
  rounds: number;
}

/**
 * Keeper pass, relayer pass, `stepSeconds` of simulated time; repeated until a round does nothing (or
 * `maxRounds`). Keeper errors are returned with the actions (kind 'error'), never thrown.
 */
export async function settle(d: TestDevnet, opts: { maxRounds?: number; stepSeconds?: number } = {}): Promise<SettleResult> {
  const all: KeeperAction[] = [];
  let relays = 0;
  let rounds = 0;
  for (; rounds < (opts.maxRounds ?? 8);) {
    rounds++;
    const actions = await keeperTick(d);
    const relayed = await d.relayer.tick();
    all.push(...actions);
    relays += relayed.length;
    if (actions.filter((a) => a.tx).length === 0 && relayed.length === 0) break;
    await advanceBoth(d, opts.stepSeconds ?? 180);
  }
  return { actions: all, relays, rounds };
}
