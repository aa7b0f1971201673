// SPDX-License-Identifier: MIT
pragma solidity 0.8.23;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IStakingManager} from "../interfaces/IStakingManager.sol";

/// @title RewardReceiver: the reward recipient of every node seat, on Metis (L2).
/// @notice Metis's LockingInfo bridges sequencer rewards from L1 to this address as a bare mint of METIS
/// (no call into it). Principal never comes here (the L1 hub returns it to the StakingManager), so whatever
/// this contract holds is reward. `harvest()` hands it all to the manager, which mints the same amount of
/// eMETIS (at backing, if eMETIS is under-backed) to the RewardDispatcher: the fee to the treasury, the rest
/// streamed to seMETIS.
/// @dev Deployed by the StakingManager's constructor. Reads METIS only through its ERC-20 face.
contract RewardReceiver {
    using SafeERC20 for IERC20;

    /// @notice METIS's ERC-20 face.
    IERC20 public immutable metis;
    /// @notice The StakingManager, the only place rewards go.
    IStakingManager public immutable manager;

    /// @notice `amount` METIS of rewards went to the manager and became eMETIS for the dispatcher.
    event Harvested(address indexed caller, uint256 amount);

    /// @notice There is no reward to hand over.
    error ReceiverNothingToHarvest();

    /// @param metis_ METIS's ERC-20 face
    /// @param manager_ the StakingManager
    constructor(IERC20 metis_, address manager_) {
        metis = metis_;
        manager = IStakingManager(manager_);
    }

    /// @notice Anyone: hands every METIS held here to the manager as rewards.
    /// @return amount the rewards handed over
    function harvest() external returns (uint256 amount) {
        amount = metis.balanceOf(address(this));
        if (amount == 0) revert ReceiverNothingToHarvest();
        emit Harvested(msg.sender, amount);
        metis.safeTransfer(address(manager), amount);
        manager.mintRewards(amount);
    }

    /// @notice Rewards waiting to be harvested.
    function pendingRewards() external view returns (uint256) {
        return metis.balanceOf(address(this));
    }
}
