// SPDX-License-Identifier: MIT
pragma solidity 0.8.23;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {IAddressManager} from "../../interfaces/metis/IL1StandardBridge.sol";
import {ModelInitializable} from "../ModelInitializable.sol";

/// @title DEVNET/TEST MODEL of Metis's Lib_AddressManager (L1): never deployed to a real network.
/// @notice Metis's name registry: the owner maps names to addresses; contracts resolve their peers by name.
/// The names the models use are Metis's: "MVM_DiscountOracle", "StateCommitmentChain", "GCD_MANAGER" (the
/// discount oracle's manager), "<l2ChainId>_MVM_Sequencer" (receives the L1->L2 fees) and
/// "<l2ChainId>_MVM_Proposer" (appends state batches).
/// @dev Differences from Metis's Lib_AddressManager: the owner is set by a one-time `initialize(owner)` by the
/// deployer of the code (Metis's constructor makes the deployer the owner), and owner checks revert with
/// OpenZeppelin 5's `OwnableUnauthorizedAccount(caller)` instead of "Ownable: caller is not the owner".
contract AddressManagerModel is IAddressManager, Ownable, ModelInitializable {
    /// @notice `_name` now resolves to `_newAddress` (it resolved to `_oldAddress`).
    event AddressSet(string indexed _name, address _newAddress, address _oldAddress);

    mapping(bytes32 nameHash => address addr) private _addresses;

    constructor() Ownable(msg.sender) {}

    /// @notice One-time configuration.
    /// @param _owner The account allowed to set addresses.
    function initialize(address _owner) external initializer onlyModelDeployer {
        _transferOwnership(_owner);
    }

    /// @notice Owner only: `_name` resolves to `_address` from now on.
    /// @param _name The name.
    /// @param _address The address (zero clears the entry).
    function setAddress(string calldata _name, address _address) external onlyOwner {
        bytes32 nameHash = keccak256(abi.encodePacked(_name));
        address old = _addresses[nameHash];
        _addresses[nameHash] = _address;
        emit AddressSet(_name, _address, old);
    }

    /// @inheritdoc IAddressManager
    function getAddress(string calldata _name) external view override returns (address) {
        return _addresses[keccak256(abi.encodePacked(_name))];
    }
}
