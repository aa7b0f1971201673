// SPDX-License-Identifier: MIT
pragma solidity 0.8.23;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";

/// @title Escrow of the sequencer locking pool.
/// @notice Holds every METIS locked for sequencers and every reward not yet paid. It has one job:
/// move METIS in (from an account that approved this escrow) and out, only when its pool says so.
/// Users and the reward payer approve METIS to this contract, as with Metis's LockingInfo.
contract LockingEscrow {
    using SafeERC20 for IERC20;

    /// @notice The pool that deployed this escrow; the only account it obeys.
    address public immutable pool;
    /// @notice The METIS token held.
    IERC20 public immutable metis;

    /// @notice The caller is not the pool.
    error EscrowNotPool(address caller);

    /// @dev Deployed by the pool in its constructor.
    /// @param metis_ The METIS token.
    constructor(IERC20 metis_) {
        pool = msg.sender;
        metis = metis_;
    }

    modifier onlyPool() {
        if (msg.sender != pool) revert EscrowNotPool(msg.sender);
        _;
    }

    /// @notice Pulls `amount` METIS from `from` (which approved this escrow) into the escrow.
    /// @param from Account debited.
    /// @param amount Amount pulled.
    function pull(address from, uint256 amount) external onlyPool {
        metis.safeTransferFrom(from, address(this), amount);
    }

    /// @notice Sends `amount` METIS held by the escrow to `to`.
    /// @param to Recipient.
    /// @param amount Amount sent.
    function push(address to, uint256 amount) external onlyPool {
        metis.safeTransfer(to, amount);
    }
}
