// SPDX-License-Identifier: MIT
pragma solidity 0.8.23;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IStakingManager} from "../../src/interfaces/IStakingManager.sol";

/// @notice Bench helper (never deployed outside a local anvil): makes many real seMETIS stakers quickly.
/// Each call pulls `amount * count` METIS from the caller and calls `stakeAndRestake(amount, receiver, 0)` on
/// the manager once per receiver, for `count` distinct receivers derived from `firstId`. Every staker is a
/// real deposit through the protocol's public entry point; nothing is written to storage directly.
contract BenchStakers {
    using SafeERC20 for IERC20;

    /// @notice The receiver address used for staker number `id` (distinct for distinct ids).
    /// @param id The staker number.
    /// @return The receiver address.
    function receiverOf(uint256 id) public pure returns (address) {
        return address(uint160(uint256(keccak256(abi.encode("bench-staker", id)))));
    }

    /// @notice Stakes and restakes `amount` METIS for each of `count` receivers, starting at staker `firstId`.
    /// @param manager The StakingManager.
    /// @param metis The METIS token.
    /// @param firstId The first staker number.
    /// @param count How many stakers to create.
    /// @param amount METIS per staker.
    function stakeFor(IStakingManager manager, IERC20 metis, uint256 firstId, uint256 count, uint256 amount) external {
        metis.safeTransferFrom(msg.sender, address(this), amount * count);
        metis.forceApprove(address(manager), amount * count);
        for (uint256 i; i < count; ++i) {
            manager.stakeAndRestake(amount, receiverOf(firstId + i), address(0));
        }
    }
}
