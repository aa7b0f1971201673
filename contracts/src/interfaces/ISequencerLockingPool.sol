// SPDX-License-Identifier: MIT
pragma solidity 0.8.23;

/// @title The Metis sequencer locking pool, as this protocol uses it.
/// @notice Names and semantics follow Metis's LockingPool (MetisProtocol/metis-sequencer-contract):
/// a whitelisted owner locks 20,000..100,000 METIS for one sequencer whose signer is derived from a
/// 64-byte public key; rewards accrue per L2 block from MPC-submitted batches and are paid by a funded
/// reward payer; unlocking takes an exit delay. On the devnet our own `SequencerLockingPool` implements
/// it, and rewards/principal are transferred directly where production uses the L1->L2 bridge.
interface ISequencerLockingPool {
    enum Status {
        Unavailable,
        Inactive,
        Active,
        Unlocked
    }

    /// @notice Locks `amount` METIS (approved to `escrow()`) for a new sequencer owned by the caller;
    /// rewards are paid to the caller.
    function lockFor(address signer, uint256 amount, bytes calldata signerPubkey) external;

    /// @notice Same as `lockFor` with an explicit reward recipient.
    function lockWithRewardRecipient(
        address signer,
        address rewardRecipient,
        uint256 amount,
        bytes calldata signerPubkey
    ) external;

    /// @notice Adds `amount` METIS (approved to `escrow()`) and, if `lockReward`, the pending reward to the lock.
    function relock(uint256 seqId, uint256 amount, bool lockReward) external;

    /// @notice Partial withdrawal of principal to the owner; what remains must stay >= minLock.
    function withdraw(uint256 seqId, uint256 amount) external;

    /// @notice Pays the pending reward to the sequencer's reward recipient.
    function withdrawRewards(uint256 seqId, uint32 l2Gas) external payable;

    /// @notice Starts the exit: the sequencer stops, pending reward is paid, principal is claimable after the exit delay.
    function unlock(uint256 seqId, uint32 l2Gas) external payable;

    /// @notice After the exit delay: returns the principal to the owner and pays any remaining reward.
    function unlockClaim(uint256 seqId, uint32 l2Gas) external payable;

    // ------------------------------------------------------------------ views
    function escrow() external view returns (address);
    function metis() external view returns (address);
    function minLock() external view returns (uint256);
    function maxLock() external view returns (uint256);
    function exitDelayPeriod() external view returns (uint256);
    function rewardPerBlock() external view returns (uint256);
    function currentBatch() external view returns (uint256);
    function totalLocked() external view returns (uint256);
    function paused() external view returns (bool);
    function whitelist(address owner) external view returns (bool);
    /// @notice The sequencer id owned by `owner` (0 if none).
    function seqOwners(address owner) external view returns (uint256);
    /// @notice The sequencer id using `signer` (0 if none).
    function seqSigners(address signer) external view returns (uint256);
    /// @notice Locked principal of a sequencer.
    function sequencerBalance(uint256 seqId) external view returns (uint256);
    /// @notice Pending (unpaid) reward of a sequencer.
    function sequencerReward(uint256 seqId) external view returns (uint256);
    function sequencerStatus(uint256 seqId) external view returns (Status);
    /// @notice Time after which `unlockClaim` succeeds (0 if not unlocking).
    function sequencerUnlockClaimTime(uint256 seqId) external view returns (uint256);
}
