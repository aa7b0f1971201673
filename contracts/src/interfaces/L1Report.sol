// SPDX-License-Identifier: MIT
pragma solidity 0.8.23;

/// @notice What the L1 hub tells the L2 manager about the METIS it holds on Ethereum, carried by Metis's
/// cross-domain messengers. Every figure is either cumulative or current, so a report is idempotent: the L2
/// applies a report only when its nonce is newer than the last one applied, and an older one (a replay, or a
/// failed message retried late) changes nothing.
/// @dev Amounts in METIS wei. `shortfall` is what the seats hold below the principal the hub put in (a slash,
/// or less principal returned on a claim), losses realised at a claim included: it only falls if METIS is
/// paid back. The L1 assets are `idle + locked + unlocking`.
struct L1Report {
    /// @notice 1, 2, 3...: strictly increasing per hub.
    uint64 nonce;
    /// @notice L1 block time when the report was built.
    uint64 timestamp;
    /// @notice Cumulative METIS the hub received other than from its own seats (the L2 bridge's deliveries;
    /// a donation counts too).
    uint128 receivedFromL2;
    /// @notice Cumulative principal the hub deposited to the L2 manager through the L1 bridge.
    uint128 sentToL2;
    /// @notice Current losses: principal put into seats minus what they hold or returned.
    uint128 shortfall;
    /// @notice METIS held by the hub, not locked.
    uint128 idle;
    /// @notice METIS locked in active seats.
    uint128 locked;
    /// @notice METIS in seats that are in their exit delay.
    uint128 unlocking;
    /// @notice Fast-path capacity: METIS above minLock in active, whitelisted seats (a partial `withdraw`
    /// is immediate on L1, at most once per reward batch per seat).
    uint128 withdrawable;
    /// @notice Earliest `unlockClaimTime` of an unlocking seat (0 if none).
    uint64 nextClaimTime;
    /// @notice LockingPool's exit delay.
    uint64 exitDelay;
    /// @notice Seats locked and active.
    uint32 activeSeats;
    /// @notice LockingPool's reward per L2 block.
    uint128 rewardPerBlock;
    /// @notice METIS locked by every sequencer of the network (LockingInfo.totalLocked).
    uint128 networkLocked;
}
