// SPDX-License-Identifier: MIT
pragma solidity 0.8.23;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IStakingManager} from "../../src/interfaces/IStakingManager.sol";

/// @notice BENCH ONLY (`npm run bench`): makes many distinct seMETIS holders quickly, so the harvest's gas can be
/// measured with 10,000 stakers. Each id gets its own receiver; the caller pays through the ERC-20 face of METIS.
contract BenchStakers {
    using SafeERC20 for IERC20;

    /// @notice The receiver for staker `id` (a fresh address no one holds a key to).
    function receiverOf(uint256 id) public pure returns (address) {
        return address(uint160(uint256(keccak256(abi.encode("bench-staker", id)))));
    }

    /// @notice stakeErc20AndRestake `amount` for the receivers of ids `firstId`..`firstId + count - 1`.
    function stakeFor(IStakingManager manager, IERC20 metis, uint256 firstId, uint256 count, uint256 amount) external {
        metis.safeTransferFrom(msg.sender, address(this), amount * count);
        metis.forceApprove(address(manager), amount * count);
        for (uint256 i; i < count; ++i) {
            manager.stakeErc20AndRestake(amount, receiverOf(firstId + i), address(0));
        }
    }
}
