// SPDX-License-Identifier: MIT
pragma solidity 0.8.23;

import {VaultBase} from "./VaultBase.sol";
import {RewardDispatcher} from "../../src/l2/vault/RewardDispatcher.sol";
import {IRewardDispatcher} from "../../src/interfaces/IRewardDispatcher.sol";
import {ISeMetis} from "../../src/interfaces/ISeMetis.sol";
import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";

contract RewardDispatcherTest is VaultBase {
    function test_constructor_state() public view {
        assertEq(dispatcher.feeBps(), 1000);
        assertEq(dispatcher.MAX_FEE_BPS(), 2000);
        assertEq(dispatcher.treasury(), treasury);
        assertEq(address(dispatcher.eMetis()), address(eMetis));
        assertEq(address(dispatcher.seMetis()), address(vault));
        assertTrue(dispatcher.hasRole(dispatcher.DEFAULT_ADMIN_ROLE(), admin));
    }

    function test_constructor_revertsOnZeroAddresses() public {
        address e = address(eMetis);
        address v = address(vault);
        vm.expectRevert(IRewardDispatcher.DispatcherZeroAddress.selector);
        new RewardDispatcher(address(0), v, treasury, admin);
        vm.expectRevert(IRewardDispatcher.DispatcherZeroAddress.selector);
        new RewardDispatcher(e, address(0), treasury, admin);
        vm.expectRevert(IRewardDispatcher.DispatcherZeroAddress.selector);
        new RewardDispatcher(e, v, address(0), admin);
        vm.expectRevert(IRewardDispatcher.DispatcherZeroAddress.selector);
        new RewardDispatcher(e, v, treasury, address(0));
    }

    function test_dispatch_splitsTenPercent() public {
        _deposit(alice, 100 ether);
        _mint(address(dispatcher), 10 ether);
        vm.expectEmit(address(dispatcher));
        emit IRewardDispatcher.Dispatched(10 ether, 1 ether, 9 ether);
        vm.prank(bob); // anyone may dispatch
        (uint256 toTreasury, uint256 toVault) = dispatcher.dispatch();
        assertEq(toTreasury, 1 ether);
        assertEq(toVault, 9 ether);
        assertEq(eMetis.balanceOf(treasury), 1 ether);
        assertEq(eMetis.balanceOf(address(vault)), 109 ether);
        assertEq(eMetis.balanceOf(address(dispatcher)), 0);
        assertEq(vault.unvestedRewards(), 9 ether);
        assertEq(vault.totalAssets(), 100 ether);
    }

    function test_dispatch_feeRoundsDown() public {
        _mint(address(dispatcher), 19);
        (uint256 toTreasury, uint256 toVault) = dispatcher.dispatch();
        assertEq(toTreasury, 1); // 1.9 -> 1
        assertEq(toVault, 18);
        _mint(address(dispatcher), 9);
        (toTreasury, toVault) = dispatcher.dispatch();
        assertEq(toTreasury, 0);
        assertEq(toVault, 9);
        assertEq(eMetis.balanceOf(treasury), 1);
    }

    function test_dispatch_emptyIsNoop() public {
        vm.recordLogs();
        (uint256 toTreasury, uint256 toVault) = dispatcher.dispatch();
        assertEq(toTreasury, 0);
        assertEq(toVault, 0);
        assertEq(vm.getRecordedLogs().length, 0);
        assertEq(vault.streamEnd(), 0);
    }

    function test_dispatch_zeroFeeSendsAllToVault() public {
        vm.prank(admin);
        dispatcher.setFeeBps(0);
        _mint(address(dispatcher), 5 ether);
        (uint256 toTreasury, uint256 toVault) = dispatcher.dispatch();
        assertEq(toTreasury, 0);
        assertEq(toVault, 5 ether);
        assertEq(eMetis.balanceOf(treasury), 0);
    }

    function test_dispatch_maxFee() public {
        vm.prank(admin);
        dispatcher.setFeeBps(2000);
        _mint(address(dispatcher), 5 ether);
        (uint256 toTreasury, uint256 toVault) = dispatcher.dispatch();
        assertEq(toTreasury, 1 ether);
        assertEq(toVault, 4 ether);
    }

    function test_dispatch_revertsWithoutVaultRole() public {
        bytes32 role = vault.DISPATCHER_ROLE();
        vm.prank(admin);
        vault.revokeRole(role, address(dispatcher));
        _mint(address(dispatcher), 1 ether);
        vm.expectRevert(abi.encodeWithSelector(ISeMetis.SeMetisOnlyDispatcher.selector, address(dispatcher)));
        dispatcher.dispatch();
    }

    function test_dispatch_goesToNewTreasury() public {
        vm.prank(admin);
        dispatcher.setTreasury(carol);
        _mint(address(dispatcher), 10 ether);
        dispatcher.dispatch();
        assertEq(eMetis.balanceOf(carol), 1 ether);
        assertEq(eMetis.balanceOf(treasury), 0);
    }

    function test_setFeeBps_emitsAndReverts() public {
        vm.expectEmit(address(dispatcher));
        emit IRewardDispatcher.FeeSet(1500);
        vm.prank(admin);
        dispatcher.setFeeBps(1500);
        assertEq(dispatcher.feeBps(), 1500);

        vm.prank(admin);
        vm.expectRevert(abi.encodeWithSelector(IRewardDispatcher.DispatcherFeeTooHigh.selector, 2001, 2000));
        dispatcher.setFeeBps(2001);
    }

    function test_setFeeBps_revertsForNonAdmin() public {
        bytes32 role = dispatcher.DEFAULT_ADMIN_ROLE();
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, alice, role));
        dispatcher.setFeeBps(0);
    }

    function test_setTreasury_emitsAndReverts() public {
        vm.expectEmit(address(dispatcher));
        emit IRewardDispatcher.TreasurySet(carol);
        vm.prank(admin);
        dispatcher.setTreasury(carol);
        assertEq(dispatcher.treasury(), carol);

        vm.prank(admin);
        vm.expectRevert(IRewardDispatcher.DispatcherZeroAddress.selector);
        dispatcher.setTreasury(address(0));
    }

    function test_setTreasury_revertsForNonAdmin() public {
        bytes32 role = dispatcher.DEFAULT_ADMIN_ROLE();
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, alice, role));
        dispatcher.setTreasury(alice);
    }

    function testFuzz_dispatch_treasuryNeverGetsMoreThanFee(uint256 amount, uint256 fee) public {
        amount = bound(amount, 1, 1e28);
        fee = bound(fee, 0, 2000);
        vm.prank(admin);
        dispatcher.setFeeBps(fee);
        _mint(address(dispatcher), amount);
        (uint256 toTreasury, uint256 toVault) = dispatcher.dispatch();
        assertEq(toTreasury + toVault, amount);
        assertLe(toTreasury * 10_000, amount * fee);
        assertGt((toTreasury + 1) * 10_000, amount * fee); // rounded down by less than 1 wei
        assertEq(eMetis.balanceOf(treasury), toTreasury);
        assertEq(vault.unvestedRewards(), toVault);
    }
}
