// SPDX-License-Identifier: MIT
pragma solidity 0.8.23;

import {ProtocolFixture} from "../utils/ProtocolFixture.sol";
import {IStakingManager} from "../../src/interfaces/IStakingManager.sol";
import {ISeMetis} from "../../src/interfaces/ISeMetis.sol";
import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";

/// @notice The vault's exits held by the guardian's loss pause, end to end on the two-chain ProtocolFixture (the real
/// protocol; Metis's contracts are models, with the TEST-ONLY slashable LockingPool to make a loss real on L1): the
/// guardian sees a slash on L1 and holds exits before the report reaches L2, so no seMETIS holder leaves at the
/// pre-loss price; the first report built after the pause lifts it and shares the loss.
contract SeMetisLossPauseTest is ProtocolFixture {
    uint256 internal seat0;
    uint256 internal aliceShares;

    function setUp() public override {
        MetisConfig memory cfg = metisMainnetLike();
        cfg.slashable = true;
        _deployProtocol(cfg);
        aliceShares = _stakeAndRestake(alice, 30_000 ether);
        _stakeAndRestake(bob, 10_000 ether);
        _bridge(40_000 ether);
        _deliverToL1();
        (seat0,) = _addSeat("node-0");
        _openSeat(seat0, 40_000 ether);
        _report();
    }

    function test_pauseForLoss_holdsVaultExitsUntilTheLossIsShared() public {
        uint256 valueBefore = seMetis.convertToAssets(aliceShares);
        _slash(seat0, 4_000 ether); // on L1: not yet known on L2
        uint256 until = block.timestamp + manager.LOSS_PAUSE();
        vm.expectEmit(address(seMetis));
        emit ISeMetis.ExitPauseSet(until);
        vm.prank(guardian);
        manager.pauseForLoss();
        assertEq(seMetis.exitsPausedUntil(), until);
        assertEq(manager.lossPauseUntil(), until);
        assertEq(seMetis.maxRedeem(alice), 0);
        assertEq(seMetis.maxWithdraw(alice), 0);
        vm.prank(alice);
        vm.expectRevert(); // held (the exact error: see SeMetisReviewTest.test_exitPause_redeemRevertsExitsPaused)
        seMetis.redeem(aliceShares, alice, alice);
        assertEq(seMetis.balanceOf(alice), aliceShares);

        // the report built now carries the loss and lifts the pause
        _report();
        assertEq(manager.lastReport().nonce, 2);
        assertEq(manager.lastReport().shortfall, 4_000 ether);
        assertEq(seMetis.exitsPausedUntil(), 0);
        assertEq(manager.lossPauseUntil(), 0);
        uint256 valueAfter = seMetis.convertToAssets(aliceShares);
        assertApproxEqAbs(valueBefore - valueAfter, (4_000 ether * aliceShares) / seMetis.totalSupply(), 1e6);
        assertEq(seMetis.maxRedeem(alice), aliceShares);
        vm.prank(alice);
        uint256 out = seMetis.redeem(aliceShares, alice, alice);
        assertEq(out, valueAfter, "alice leaves at the post-loss price");
        assertFalse(manager.underBacked(), "seMETIS absorbed the whole loss");
    }

    /// A report built before the pause began (relayed after it) does not lift it.
    function test_pauseForLoss_olderReportDoesNotLiftIt() public {
        vm.prank(l1Keeper);
        hub.report(); // built now, not relayed yet
        vm.warp(block.timestamp + 1);
        vm.prank(guardian);
        manager.pauseForLoss();
        relayAllToL2();
        assertGt(seMetis.exitsPausedUntil(), block.timestamp, "still held");
        assertEq(seMetis.maxRedeem(alice), 0);
        _report(); // built after the pause began
        assertEq(seMetis.exitsPausedUntil(), 0);
    }

    function test_pauseForLoss_guardianEndsItEarly() public {
        bytes32 role = manager.GUARDIAN_ROLE();
        vm.prank(guardian);
        manager.pauseForLoss();
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, alice, role));
        manager.endLossPause();
        vm.expectEmit(address(seMetis));
        emit ISeMetis.ExitPauseSet(0);
        vm.prank(guardian);
        manager.endLossPause();
        assertEq(seMetis.exitsPausedUntil(), 0);
        assertEq(seMetis.maxRedeem(alice), aliceShares);
    }

    function test_pauseForLoss_expiresAfterLossPause() public {
        vm.prank(guardian);
        manager.pauseForLoss();
        uint256 until = seMetis.exitsPausedUntil();
        vm.warp(until - 1);
        assertEq(seMetis.maxRedeem(alice), 0);
        vm.warp(until);
        assertEq(seMetis.maxRedeem(alice), aliceShares, "bounded: exits reopen by themselves");
        vm.prank(alice);
        seMetis.redeem(aliceShares, alice, alice);
    }

    function test_pauseForLoss_onlyGuardianAndNotTwice() public {
        bytes32 role = manager.GUARDIAN_ROLE();
        vm.prank(pauser);
        vm.expectRevert(abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, pauser, role));
        manager.pauseForLoss();
        assertEq(seMetis.exitsPausedUntil(), 0);
        vm.prank(guardian);
        manager.pauseForLoss();
        uint256 until = seMetis.exitsPausedUntil();
        vm.warp(block.timestamp + 1 hours);
        vm.prank(guardian);
        vm.expectRevert(abi.encodeWithSelector(IStakingManager.ManagerLossPauseActive.selector, until));
        manager.pauseForLoss();
        assertEq(seMetis.exitsPausedUntil(), until, "not extended");
    }

    /// Only the manager holds the vault's exits: not the guardian, not the admin directly.
    function test_setExitPause_onlyTheManagerContract() public {
        address[3] memory callers = [guardian, admin, keeper];
        for (uint256 i; i < callers.length; ++i) {
            vm.prank(callers[i]);
            vm.expectRevert(abi.encodeWithSelector(ISeMetis.SeMetisOnlyManager.selector, callers[i]));
            seMetis.setExitPause(type(uint32).max);
        }
        assertEq(seMetis.exitsPausedUntil(), 0);
    }
}
