// SPDX-License-Identifier: MIT
pragma solidity 0.8.23;

/// @title Splits harvested rewards (in eMETIS) between the treasury fee and the seMETIS vault.
interface IRewardDispatcher {
    event Dispatched(uint256 amount, uint256 toTreasury, uint256 toVault);
    event FeeSet(uint256 feeBps);
    event TreasurySet(address treasury);

    error DispatcherFeeTooHigh(uint256 feeBps, uint256 maxFeeBps);
    error DispatcherZeroAddress();

    /// @notice Splits this contract's whole eMETIS balance: `fee` to the treasury, the rest to the vault.
    function dispatch() external returns (uint256 toTreasury, uint256 toVault);

    function feeBps() external view returns (uint256);
    function MAX_FEE_BPS() external view returns (uint256);
    function treasury() external view returns (address);
    function setFeeBps(uint256 feeBps) external;
    function setTreasury(address treasury) external;
}
