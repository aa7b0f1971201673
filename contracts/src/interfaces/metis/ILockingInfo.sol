// SPDX-License-Identifier: MIT
pragma solidity 0.8.23;

/// @title Metis's LockingInfo (L1): the escrow of LockingPool, holder of the limits and of every locked METIS.
/// @notice The views this protocol reads and the events Metis emits from it (the pool's owner actions are
/// logged here, not on LockingPool).
interface ILockingInfo {
    event Locked(
        address indexed signer,
        uint256 indexed sequencerId,
        uint256 nonce,
        uint256 indexed activationBatch,
        uint256 amount,
        uint256 total,
        bytes signerPubkey
    );
    event Relocked(uint256 indexed sequencerId, uint256 amount, uint256 total);
    event LockUpdate(uint256 indexed sequencerId, uint256 indexed nonce, uint256 indexed newAmount);
    event Withdraw(uint256 indexed sequencerId, uint256 amount);
    event ClaimRewards(
        uint256 indexed sequencerId, address recipient, uint256 indexed amount, uint256 indexed totalAmount
    );
    event UnlockInit(
        address indexed user,
        uint256 indexed sequencerId,
        uint256 nonce,
        uint256 deactivationBatch,
        uint256 deactivationTime,
        uint256 unlockClaimTime,
        uint256 indexed amount
    );
    event Unlocked(address indexed user, uint256 indexed sequencerId, uint256 amount, uint256 total);
    event BatchSubmitReward(uint256 _newBatchId);

    function minLock() external view returns (uint256);
    function maxLock() external view returns (uint256);
    /// @notice METIS locked by every sequencer of the network.
    function totalLocked() external view returns (uint256);
    function rewardPayer() external view returns (address);
    function l1Token() external view returns (address);
    function l2Token() external view returns (address);
    function bridge() external view returns (address);
    function l2ChainId() external view returns (uint256);
    function totalRewardsLiquidated() external view returns (uint256);
}
