// SPDX-License-Identifier: MIT
pragma solidity 0.8.23;

import {Test} from "../utils/Test.sol";
import {EMetis} from "../../src/l2/token/EMetis.sol";
import {SeMetis} from "../../src/l2/vault/SeMetis.sol";
import {RewardDispatcher} from "../../src/l2/vault/RewardDispatcher.sol";

/// @notice Deploys eMETIS (with a test address as minter and manager), seMETIS and the dispatcher,
/// wired as the deploy script will: the dispatcher holds DISPATCHER_ROLE on the vault.
abstract contract VaultBase is Test {
    EMetis internal eMetis;
    SeMetis internal vault;
    RewardDispatcher internal dispatcher;

    address internal manager;
    address internal admin;
    address internal treasury;
    address internal alice;
    address internal bob;
    address internal carol;

    uint256 internal constant OFFSET = 1e6; // 10 ** _decimalsOffset()

    function setUp() public virtual {
        manager = makeAddr("manager");
        admin = makeAddr("admin");
        treasury = makeAddr("treasury");
        alice = makeAddr("alice");
        bob = makeAddr("bob");
        carol = makeAddr("carol");

        eMetis = new EMetis(manager);
        vault = new SeMetis(eMetis, manager, admin);
        dispatcher = new RewardDispatcher(address(eMetis), address(vault), treasury, admin);
        bytes32 role = vault.DISPATCHER_ROLE();
        vm.prank(admin);
        vault.grantRole(role, address(dispatcher));
    }

    function _mint(address to, uint256 amount) internal {
        vm.prank(manager);
        eMetis.mint(to, amount);
    }

    /// @dev Mints `assets` eMETIS to `user`, approves and deposits them for `user`.
    function _deposit(address user, uint256 assets) internal returns (uint256 shares) {
        _mint(user, assets);
        vm.startPrank(user);
        eMetis.approve(address(vault), assets);
        shares = vault.deposit(assets, user);
        vm.stopPrank();
    }

    /// @dev Adds `amount` straight to the vault as rewards (no fee), as the dispatcher would.
    function _addRewards(uint256 amount) internal {
        _mint(address(vault), amount);
        vm.prank(address(dispatcher));
        vault.addRewards(amount);
    }

    function _redeemAll(address user) internal returns (uint256 assets) {
        uint256 shares = vault.balanceOf(user);
        vm.prank(user);
        assets = vault.redeem(shares, user, user);
    }
}
