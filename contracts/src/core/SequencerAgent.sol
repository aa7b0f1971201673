// SPDX-License-Identifier: MIT
pragma solidity 0.8.23;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ISequencerLockingPool} from "../interfaces/ISequencerLockingPool.sol";

/// @title SequencerAgent: the owner of one sequencer seat in the locking pool.
/// @notice The locking pool allows one sequencer per owner, so the StakingManager deploys one agent per seat.
/// The agent is the only contract that calls the pool. It locks with the manager as reward recipient, so
/// rewards go straight to the manager, and it forwards any principal the pool returns to the manager.
/// Every function is callable by the manager only; the agent never holds METIS between calls.
contract SequencerAgent {
    using SafeERC20 for IERC20;

    /// @notice The StakingManager that deployed and controls this agent.
    address public immutable manager;
    /// @notice The locking pool.
    ISequencerLockingPool public immutable pool;
    /// @notice METIS.
    IERC20 public immutable metis;
    /// @notice The sequencer signer this seat runs.
    address public immutable signer;
    /// @notice The signer's 64-byte public key.
    bytes public signerPubkey;
    /// @notice The sequencer id in the pool (0 until locked).
    uint256 public seqId;

    event AgentLocked(uint256 indexed seqId, uint256 amount);
    event AgentRelocked(uint256 indexed seqId, uint256 amount);
    event AgentWithdrawn(uint256 indexed seqId, uint256 amount);
    event AgentRewardsWithdrawn(uint256 indexed seqId);
    event AgentUnlocked(uint256 indexed seqId);
    event AgentUnlockClaimed(uint256 indexed seqId, uint256 principal);

    error AgentOnlyManager(address caller);
    error AgentAlreadyLocked(uint256 seqId);
    error AgentNotLocked();

    modifier onlyManager() {
        if (msg.sender != manager) revert AgentOnlyManager(msg.sender);
        _;
    }

    modifier locked() {
        if (seqId == 0) revert AgentNotLocked();
        _;
    }

    /// @param manager_ the StakingManager (the deployer)
    /// @param pool_ the locking pool
    /// @param signer_ the sequencer signer address
    /// @param signerPubkey_ the signer's 64-byte public key
    constructor(address manager_, address pool_, address signer_, bytes memory signerPubkey_) {
        manager = manager_;
        pool = ISequencerLockingPool(pool_);
        metis = IERC20(ISequencerLockingPool(pool_).metis());
        signer = signer_;
        signerPubkey = signerPubkey_;
    }

    /// @notice Locks `amount` METIS (already sent here by the manager) for a new sequencer whose rewards go
    /// to the manager. Approves the escrow exactly `amount`.
    /// @return id the sequencer id assigned by the pool
    function lock(uint256 amount) external onlyManager returns (uint256 id) {
        if (seqId != 0) revert AgentAlreadyLocked(seqId);
        metis.forceApprove(pool.escrow(), amount);
        pool.lockWithRewardRecipient(signer, manager, amount, signerPubkey);
        id = pool.seqOwners(address(this));
        seqId = id;
        emit AgentLocked(id, amount);
    }

    /// @notice Adds `amount` METIS (already sent here by the manager) to the lock; rewards are not compounded.
    function relock(uint256 amount) external onlyManager locked {
        metis.forceApprove(pool.escrow(), amount);
        pool.relock(seqId, amount, false);
        emit AgentRelocked(seqId, amount);
    }

    /// @notice Withdraws `amount` of principal and forwards it to the manager.
    /// @return forwarded the METIS sent to the manager
    function withdraw(uint256 amount) external onlyManager locked returns (uint256 forwarded) {
        pool.withdraw(seqId, amount);
        emit AgentWithdrawn(seqId, amount);
        forwarded = _forward();
    }

    /// @notice Asks the pool to pay the pending reward to the reward recipient (the manager).
    function withdrawRewards() external onlyManager locked {
        pool.withdrawRewards(seqId, 0);
        emit AgentRewardsWithdrawn(seqId);
    }

    /// @notice Starts the exit of this sequencer (the pool pays the pending reward to the manager).
    function unlock() external onlyManager locked {
        pool.unlock(seqId, 0);
        emit AgentUnlocked(seqId);
    }

    /// @notice After the exit delay: claims the principal and forwards it to the manager.
    /// @return forwarded the METIS sent to the manager (the principal the pool returned)
    function unlockClaim() external onlyManager locked returns (uint256 forwarded) {
        pool.unlockClaim(seqId, 0);
        forwarded = _forward();
        emit AgentUnlockClaimed(seqId, forwarded);
    }

    /// @dev Sends every METIS this agent holds to the manager.
    function _forward() private returns (uint256 amount) {
        amount = metis.balanceOf(address(this));
        if (amount != 0) metis.safeTransfer(manager, amount);
    }
}
