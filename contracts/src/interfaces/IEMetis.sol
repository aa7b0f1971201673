// SPDX-License-Identifier: MIT
pragma solidity 0.8.23;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";

/// @title eMETIS: METIS staked through this protocol, 1:1 while fully backed.
interface IEMetis is IERC20, IERC20Permit {
    error EMetisOnlyMinter(address caller);

    /// @notice The only address allowed to mint and burn (the StakingManager).
    function minter() external view returns (address);

    /// @notice Mints `amount` to `to`. Minter only.
    function mint(address to, uint256 amount) external;

    /// @notice Burns `amount` from `from` without allowance. Minter only (redemptions and loss absorption).
    function burn(address from, uint256 amount) external;
}
