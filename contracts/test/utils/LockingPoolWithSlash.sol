// SPDX-License-Identifier: MIT
pragma solidity 0.8.23;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {LockingInfoModel} from "../../src/network/locking/LockingInfoModel.sol";
import {LockingPoolModel} from "../../src/network/locking/LockingPoolModel.sol";

/// @title TEST ONLY: LockingInfo model with the escrow half of a FUTURE slash. NOT METIS BEHAVIOUR.
/// @notice Metis's contracts have no on-chain slashing today (its docs list intended cases). Tests of the protocol
/// need to see what a slash would do to a seat: this subclass lets its pool take METIS out of `totalLocked` and
/// send it to a sink. Use it only together with `LockingPoolWithSlash`.
contract LockingInfoWithSlash is LockingInfoModel {
    using SafeERC20 for IERC20;

    /// @notice NOT METIS: `amount` of sequencer `seqId`'s lock went to `sink`.
    event Slashed(uint256 indexed seqId, uint256 amount, address indexed sink);

    /// @notice Pool only: lowers `totalLocked` by `amount` and sends that METIS to `sink`.
    function slashLocked(uint256 seqId, uint256 amount, address sink) external onlyManager {
        totalLocked -= amount;
        IERC20(l1Token).safeTransfer(sink, amount);
        emit Slashed(seqId, amount, sink);
    }
}

/// @title TEST ONLY: LockingPool model with a FUTURE slash. NOT METIS BEHAVIOUR.
/// @notice `slash(seqId, amount, sink)` (owner only) lowers an Active or Inactive sequencer's locked amount (and
/// LockingInfo's `totalLocked`) by `amount`, moving that METIS to `sink`. It may leave a seat below `minLock`. The
/// escrow must be a `LockingInfoWithSlash`.
contract LockingPoolWithSlash is LockingPoolModel {
    /// @notice NOT METIS: the sequencer cannot be slashed (unknown, unlocked, or less locked than `amount`).
    error SlashNotPossible(uint256 seqId, uint256 amount);

    /// @notice NOT METIS: takes `amount` of sequencer `seqId`'s locked METIS and sends it to `sink`.
    /// @param seqId The sequencer.
    /// @param amount METIS to take (<= its locked amount).
    /// @param sink Receives the METIS.
    function slash(uint256 seqId, uint256 amount, address sink) external onlyOwner {
        Sequencer storage seq = sequencers[seqId];
        if ((seq.status != Status.Active && seq.status != Status.Inactive) || amount > seq.amount || amount == 0) {
            revert SlashNotPossible(seqId, amount);
        }
        seq.amount -= amount;
        seq.nonce++;
        LockingInfoWithSlash(escrow).slashLocked(seqId, amount, sink);
    }
}
