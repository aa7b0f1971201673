// SPDX-License-Identifier: MIT
pragma solidity 0.8.23;

/// @title Metis's LockingPool (L1), as deployed by MetisProtocol/metis-sequencer-contract.
/// @notice Only the functions and views this protocol (and its devnet model) use, with Metis's exact
/// signatures. The pool holds no METIS itself: amounts are approved to and held by LockingInfo (`escrow()`),
/// which also holds `minLock`, `maxLock`, `totalLocked` and `rewardPayer`. Every owner action is gated by
/// `whitelist(msg.sender)` (locking, relocking, withdrawing, claiming rewards, unlocking and claiming the
/// unlock), and one owner address owns at most one sequencer. Rewards are never paid on L1: they are
/// bridged to the sequencer's `rewardRecipient` on L2 by LockingInfo, paying the L1 bridge's ETH fee out of
/// `msg.value` (`max(l2Gas, minL2Gas) x discount`).
interface ILockingPool {
    /// @notice A sequencer's status (Metis spells the first value `Unavailabe`).
    enum Status {
        Unavailable,
        Inactive,
        Active,
        Unlocked
    }

    /// @notice Locks `amount` METIS (approved to `escrow()`) for a new sequencer owned by the caller.
    /// `signer` must be the address of the 64-byte uncompressed `signerPubkey` (no 0x04 prefix).
    function lockWithRewardRecipient(
        address signer,
        address rewardRecipient,
        uint256 amount,
        bytes calldata signerPubkey
    ) external;

    /// @notice Adds `amount` METIS (approved to `escrow()`) to an active sequencer; with `lockReward` the
    /// pending reward is added to the locked amount instead of being bridged later. Total <= maxLock.
    function relock(uint256 seqId, uint256 amount, bool lockReward) external;

    /// @notice Sends `amount` of an active sequencer's locked METIS to its owner on L1, at once. At most
    /// once per reward batch (`curBatchState().id > updatedBatch`), and what stays locked must be >= minLock.
    function withdraw(uint256 seqId, uint256 amount) external;

    /// @notice Bridges the pending reward to the reward recipient on L2 (nothing happens, and the ETH
    /// stays in the pool, when the reward is 0).
    function withdrawRewards(uint256 seqId, uint32 l2Gas) external payable;

    /// @notice Starts the exit: status Inactive, pending reward bridged to L2, principal claimable after
    /// `exitDelayPeriod`. Mainnet's implementation refuses ("BFT restriction") an unlock that would leave
    /// more than a third of the non-exited sequencers inactive.
    function unlock(uint256 seqId, uint32 l2Gas) external payable;

    /// @notice After the exit delay: sends the locked METIS to the owner on L1 and bridges any reward left.
    function unlockClaim(uint256 seqId, uint32 l2Gas) external payable;

    /// @notice MPC only: rewards `blocks[i] x rewardPerBlock` to the sequencer signing as `seqs[i]`, pulled
    /// by LockingInfo from the reward payer. `batchId` = current + 1, `startEpoch` = previous end + 1,
    /// `startEpoch < endEpoch`.
    function batchSubmitRewards(
        uint256 batchId,
        uint256 startEpoch,
        uint256 endEpoch,
        address[] calldata seqs,
        uint256[] calldata blocks
    ) external;

    /// @notice LockingInfo: holds the locked METIS and the limits.
    function escrow() external view returns (address);
    /// @notice A sequencer's whole state (Metis's `Sequencer` struct, as its public getter returns it).
    function sequencers(uint256 seqId)
        external
        view
        returns (
            uint256 amount,
            uint256 reward,
            uint256 activationBatch,
            uint256 updatedBatch,
            uint256 deactivationBatch,
            uint256 deactivationTime,
            uint256 unlockClaimTime,
            uint256 nonce,
            address owner,
            address signer,
            bytes memory pubkey,
            address rewardRecipient,
            Status status
        );
    /// @notice The sequencer id owned by `owner` (0 if none).
    function seqOwners(address owner) external view returns (uint256);
    /// @notice The sequencer id signing as `signer` (0 if none; type(uint256).max once used and retired).
    function seqSigners(address signer) external view returns (uint256);
    /// @notice How many sequencers have `status`.
    function seqStatuses(Status status) external view returns (uint256);
    /// @notice Whether `owner` may lock and operate a sequencer.
    function whitelist(address owner) external view returns (bool);
    /// @notice The current reward batch: id (starts at 1), L1 block, start and end epoch.
    function curBatchState() external view returns (uint256 id, uint256 number, uint256 startEpoch, uint256 endEpoch);
    function currentBatch() external view returns (uint256);
    function exitDelayPeriod() external view returns (uint256);
    function rewardPerBlock() external view returns (uint256);
    function mpcAddress() external view returns (address);
    function paused() external view returns (bool);
}
