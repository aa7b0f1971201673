// SPDX-License-Identifier: MIT
pragma solidity 0.8.23;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {IOVMGasPriceOracle} from "../../interfaces/metis/IL2StandardBridge.sol";
import {ModelInitializable} from "../ModelInitializable.sol";

/// @title DEVNET/TEST MODEL of Metis's OVM_GasPriceOracle (predeploy 0x420000000000000000000000000000000000000F):
/// never deployed to a real network.
/// @notice Holds `minErc20BridgeCost`, the least native METIS the L2 bridge accepts as the fee of a withdrawal
/// to L1, set by the owner.
/// @dev Differences from Metis's OVM_GasPriceOracle: only the bridge fee is modelled (no gas price, L1 base fee,
/// overhead, scalar or decimals); the owner is OpenZeppelin 5 `Ownable` set by a one-time
/// `initialize(owner, minErc20BridgeCost)` by the deployer of the code (Metis's owner is set in the genesis
/// state and changed by the L2 manager, and its owner check reverts "Function can only be called by the owner
/// of this contract.").
contract GasPriceOracleModel is IOVMGasPriceOracle, Ownable, ModelInitializable {
    /// @notice The bridge fee changed.
    event MinErc20BridgeCostUpdated(uint256);

    /// @inheritdoc IOVMGasPriceOracle
    uint256 public override minErc20BridgeCost;

    constructor() Ownable(msg.sender) {}

    /// @notice One-time configuration.
    /// @param _owner Sets the fee.
    /// @param _minErc20BridgeCost The initial fee, in wei of native METIS.
    function initialize(address _owner, uint256 _minErc20BridgeCost) external initializer onlyModelDeployer {
        _transferOwnership(_owner);
        minErc20BridgeCost = _minErc20BridgeCost;
        emit MinErc20BridgeCostUpdated(_minErc20BridgeCost);
    }

    /// @notice Owner only: the least native METIS a withdrawal to L1 must pay.
    /// @param _minCost The new fee.
    function setMinErc20BridgeCost(uint256 _minCost) external onlyOwner {
        minErc20BridgeCost = _minCost;
        emit MinErc20BridgeCostUpdated(_minCost);
    }
}
