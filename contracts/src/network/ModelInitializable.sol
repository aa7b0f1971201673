// SPDX-License-Identifier: MIT
pragma solidity 0.8.23;

import {Initializable} from "@openzeppelin/contracts/proxy/utils/Initializable.sol";

/// @title One-time configuration for the devnet/test models of Metis's contracts.
/// @notice DEVNET/TEST ONLY: never deployed to a real network. The models are deployed normally, or their
/// runtime code is copied to Metis's fixed predeploy addresses (`anvil_setCode` on the devnet, `vm.etch` in
/// forge). A copy runs no constructor, so every setting that matters is written by a one-time `initialize`
/// (a second call reverts with OpenZeppelin's `InvalidInitialization()`).
/// @dev Who may initialize: the account that deployed the code. It is kept in an immutable, which is part of
/// the runtime code and therefore holds at a copied address too: deploy the template and initialize the copy
/// from the same account. (Metis's own contracts sit behind proxies with open initializers.)
abstract contract ModelInitializable is Initializable {
    address private immutable _modelDeployer;

    /// @notice `initialize` was called by someone other than the deployer of the code.
    error ModelNotDeployer(address caller, address deployer);

    constructor() {
        _modelDeployer = msg.sender;
    }

    /// @dev Restricts a function to the deployer of the code (use together with `initializer`).
    modifier onlyModelDeployer() {
        if (msg.sender != _modelDeployer) revert ModelNotDeployer(msg.sender, _modelDeployer);
        _;
    }

    /// @notice The account allowed to call `initialize` (the deployer of this code, also at a copied address).
    function modelDeployer() external view returns (address) {
        return _modelDeployer;
    }
}
