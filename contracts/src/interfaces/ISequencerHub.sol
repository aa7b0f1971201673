// SPDX-License-Identifier: MIT
pragma solidity 0.8.23;

import {L1Report} from "./L1Report.sol";

/// @title The protocol's L1 hub: receives METIS bridged from L2, runs node seats in Metis's LockingPool
/// through one SequencerAgent per seat, returns principal to the L2 manager and reports to it.
/// @notice Every METIS movement has a fixed destination: the hub's own agents (which lock in LockingInfo and
/// forward everything back to the hub), or the L1 bridge towards the L2 manager. The keeper chooses when and
/// how much, never where. Rewards never touch L1: LockingInfo bridges them to the L2 RewardReceiver.
/// ETH bridge fees (`max(l2Gas, minL2Gas) x discount`, read from Metis's discount oracle) come from the
/// hub's own ETH balance; running short is a clear revert.
interface ISequencerHub {
    enum SeatState {
        None,
        Pending, // agent deployed, waiting to be whitelisted by Metis governance and opened
        Active, // locked in the pool
        Unlocking, // exit delay running (unlocked by the keeper, or force-unlocked by Metis)
        Closed, // principal claimed back to the hub
        Removed // never opened; removed by the admin
    }

    event SeatAdded(uint256 indexed seatIndex, address agent, address signer);
    event SeatRemoved(uint256 indexed seatIndex);
    event SeatOpened(uint256 indexed seatIndex, uint256 seqId, uint256 amount);
    event SeatToppedUp(uint256 indexed seatIndex, uint256 amount, uint256 principal);
    event SeatWithdrawn(uint256 indexed seatIndex, uint256 amount, uint256 received);
    event SeatRewardsBridged(uint256 indexed seatIndex, uint256 reward, uint256 ethFee);
    event SeatUnlockStarted(uint256 indexed seatIndex, uint256 claimTime, uint256 ethFee);
    /// @notice Metis unlocked the seat on its own (`forceUnlock`): the hub now treats it as unlocking.
    event SeatForceUnlocked(uint256 indexed seatIndex, uint256 claimTime);
    event SeatClaimed(uint256 indexed seatIndex, uint256 principal, uint256 returned, uint256 ethFee);
    event PrincipalReturned(uint256 amount, uint256 totalSentToL2, uint256 ethFee);
    event ReportSent(uint256 indexed nonce, L1Report report, uint256 ethFee);
    event EthReceived(address indexed from, uint256 amount);
    event EthRefunded(address indexed to, uint256 amount);
    event GasLimitsSet(uint32 depositL2Gas, uint32 rewardL2Gas, uint32 reportL2Gas);
    event MinRewardWithdrawalSet(uint256 amount);
    event MinReportIntervalSet(uint256 interval);

    error HubZeroAddress();
    error HubZeroAmount();
    error HubUnknownSeat(uint256 seatIndex);
    error HubBadSeatState(uint256 seatIndex, SeatState state);
    error HubBadSigner(address signer);
    error HubSignerUsed(address signer, uint256 seqId);
    error HubNotWhitelisted(uint256 seatIndex, address agent);
    error HubBadLockAmount(uint256 amount, uint256 minLock, uint256 maxLock);
    error HubInsufficientIdle(uint256 amount, uint256 idle);
    error HubBelowMinLock(uint256 remaining, uint256 minLock);
    error HubWithdrawThrottled(uint256 seatIndex, uint256 currentBatch, uint256 updatedBatch);
    error HubRewardTooSmall(uint256 reward, uint256 minimum);
    error HubNotClaimable(uint256 seatIndex, uint256 claimTime);
    error HubInsufficientEth(uint256 needed, uint256 available);
    error HubReportTooSoon(uint256 nextAllowedAt);
    error HubBadGasLimits();
    error HubBadReportInterval(uint256 interval);
    /// @notice LockingPool's `sequencers(id)` answered something that is not Metis's tuple.
    error HubBadPoolResponse();

    // ------------------------------------------------------------------ admin
    /// @notice Admin: deploys the agent of a new seat. `signerPubkey` must be the 64-byte key of `signer`,
    /// unused in the pool and by this hub's other seats. The seat opens once Metis whitelists the agent.
    function addSeat(address signer, bytes calldata signerPubkey) external returns (uint256 seatIndex, address agent);
    /// @notice Admin: drops a seat that never opened (a bad key, or governance declined it).
    function removeSeat(uint256 seatIndex) external;

    // ------------------------------------------------------------------ keeper
    /// @notice Keeper: locks `amount` idle METIS in a pending, whitelisted seat (minLock..maxLock).
    function openSeat(uint256 seatIndex, uint256 amount) external;
    /// @notice Keeper: adds `amount` idle METIS to an active seat (up to maxLock); rewards are not compounded.
    function topUpSeat(uint256 seatIndex, uint256 amount) external;
    /// @notice Keeper: withdraws `amount` of an active seat's principal to the hub at once (the fast path);
    /// the seat keeps at least minLock, once per reward batch.
    function withdrawFromSeat(uint256 seatIndex, uint256 amount) external;
    /// @notice Keeper: starts a seat's exit (the slow path): principal claimable after the pool's exit delay.
    function unlockSeat(uint256 seatIndex) external;
    /// @notice Keeper: deposits `amount` idle METIS to the L2 manager through the L1 bridge, then reports.
    function returnToL2(uint256 amount) external;

    // ------------------------------------------------------------------ anyone
    /// @notice Bridges a seat's pending reward to the L2 RewardReceiver (at least `minRewardWithdrawal`).
    function withdrawRewards(uint256 seatIndex) external;
    /// @notice After the exit delay: claims a seat's principal back to the hub.
    function claimSeat(uint256 seatIndex) external;
    /// @notice Notices a seat Metis force-unlocked (keeper operations on such a seat revert until it is synced).
    function syncSeat(uint256 seatIndex) external;
    /// @notice Sends the L2 manager a report. Anyone may; non-keepers at most once per `minReportInterval`
    /// unless the losses changed since the last report (a loss is always reportable at once).
    function report() external;

    // ------------------------------------------------------------------ views
    function buildReport() external view returns (L1Report memory);
    /// @notice The ETH fee the L1 bridge and messenger take for `l2Gas` now.
    function bridgeFee(uint32 l2Gas) external view returns (uint256);
    function seatCount() external view returns (uint256);
    function seat(uint256 seatIndex)
        external
        view
        returns (address agent, address signer, uint256 seqId, uint256 principal, SeatState state);
    /// @notice Indexes of the seats that hold METIS in the pool (active or unlocking).
    function liveSeats() external view returns (uint256[] memory);
    /// @notice Whether an unlock now would pass mainnet's BFT rule (more than 2/3 of the non-exited
    /// sequencers stay active). Metis Sepolia's pool has no such rule.
    function unlockWouldPassBft() external view returns (bool);
}
