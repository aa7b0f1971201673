// SPDX-License-Identifier: MIT
pragma solidity 0.8.23;

import {Fixture} from "../utils/Fixture.sol";
import {IStakingManager} from "../../src/interfaces/IStakingManager.sol";
import {IRedemptionQueue} from "../../src/interfaces/IRedemptionQueue.sol";
import {StakingManager} from "../../src/core/StakingManager.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

/// @notice Loss rule: a shortfall is charged to seMETIS assets first; only beyond that does eMETIS lose its
/// 1:1 backing, and then redemptions pay pro-rata.
contract LossTest is Fixture {
    uint256 internal seqId;

    /// @dev alice restakes `restaked`, bob stakes `staked`; everything is locked in one node.
    function _setUpNode(uint256 restaked, uint256 staked) internal {
        _addSeat(1);
        _stakeAndRestake(alice, restaked);
        _stake(bob, staked);
        _allocate();
        (,, seqId,,) = manager.node(0);
    }

    function _slash(uint256 amount) internal {
        vm.prank(admin);
        pool.slash(seqId, amount);
    }

    // ------------------------------------------------------------------ branch 1: seMETIS absorbs all

    function test_slashSmallerThanVault_sharePriceDropsEMetisStaysBacked() public {
        _setUpNode(10_000e18, 30_000e18);
        uint256 assetsBefore = seMetis.totalAssets(); // 10,001
        uint256 aliceBefore = seMetis.convertToAssets(seMetis.balanceOf(alice));
        uint256 supplyBefore = eMetis.totalSupply();
        _slash(1_000e18);

        vm.expectEmit(address(manager));
        emit IStakingManager.LossRecorded(0, 1_000e18, 1_000e18, 0, 1e18);
        vm.prank(carol); // anyone
        assertEq(manager.syncNode(0), 1_000e18);

        assertEq(seMetis.totalAssets(), assetsBefore - 1_000e18, "vault assets drop by the loss");
        assertEq(eMetis.balanceOf(address(seMetis)), assetsBefore - 1_000e18, "absorbed eMETIS burned");
        assertEq(eMetis.totalSupply(), supplyBefore - 1_000e18);
        assertEq(manager.backingRatio(), 1e18, "eMETIS stays 1:1");
        assertFalse(manager.underBacked());
        (,,, uint256 principal,) = manager.node(0);
        assertEq(principal, 40_001e18 - 1_000e18);
        _assertFullyBacked();
        // alice's position fell by about her share of the loss (she owns ~10,000/10,001 of the vault)
        uint256 aliceAfter = seMetis.convertToAssets(seMetis.balanceOf(alice));
        assertApproxEqAbs(aliceBefore - aliceAfter, Math.mulDiv(1_000e18, 10_000, 10_001), 1e12);
        // bob's plain eMETIS still redeems 1:1
        assertEq(eMetis.balanceOf(bob), 30_000e18);
        // a second sync finds nothing
        assertEq(manager.syncNode(0), 0);
    }

    function test_harvestRecordsLossToo() public {
        _setUpNode(10_000e18, 30_000e18);
        _slash(500e18);
        vm.expectEmit(address(manager));
        emit IStakingManager.LossRecorded(0, 500e18, 500e18, 0, 1e18);
        manager.harvest();
        _assertFullyBacked();
    }

    // ------------------------------------------------------------------ branch 2: beyond the vault

    function test_slashLargerThanVault_backingRatioDropsAndQueuePaysProRata() public {
        _setUpNode(1_000e18, 29_000e18); // vault 1,001, node 30,001
        uint256 ticket = _request(bob, 10_000e18); // queued before the loss
        _slash(3_001e18);

        manager.syncNode(0);
        // absorbed 1,001 (the whole vault), uncovered 2,000
        assertEq(seMetis.totalAssets(), 0);
        assertTrue(manager.underBacked());
        uint256 supply = eMetis.totalSupply();
        assertEq(supply, 30_001e18 - 1_001e18);
        uint256 ratio = manager.backingRatio();
        assertEq(ratio, Math.mulDiv(27_000e18, 1e18, 29_000e18));
        assertEq(manager.totalBacking(), 27_000e18);

        // the queued ticket now shows its pro-rata value
        assertEq(queue.getTicket(ticket).metisAmount, Math.mulDiv(10_000e18, ratio, 1e18));

        // liquidity: unlock the node, claim after the delay, then fund at the ratio
        vm.prank(keeper);
        manager.unlockNode(0);
        _warp(21 days);
        vm.prank(keeper);
        manager.claimUnlockedNode(0);
        assertEq(manager.bufferedMetis(), 27_000e18);

        uint256 paid = _fundRedemptions(ticket);
        assertEq(paid, Math.mulDiv(10_000e18, ratio, 1e18), "pro-rata, rounded down");
        assertEq(queue.rateOf(ticket), ratio);
        assertGe(manager.backingRatio(), ratio, "funding never lowers the ratio for those who stay");

        vm.prank(bob);
        assertEq(queue.claim(ticket, bob), paid);
        assertEq(metis.balanceOf(bob), paid);
    }

    function test_lossRecordedEventForUncoveredPart() public {
        _setUpNode(1_000e18, 29_000e18);
        _slash(3_001e18);
        uint256 ratio = Math.mulDiv(27_000e18, 1e18, 29_000e18);
        vm.expectEmit(address(manager));
        emit IStakingManager.LossRecorded(0, 3_001e18, 1_001e18, 2_000e18, ratio);
        manager.syncNode(0);
    }

    function test_stakeAfterUncoveredLossMintsAtRatio() public {
        _setUpNode(1_000e18, 29_000e18);
        _slash(3_001e18);
        manager.syncNode(0);
        uint256 ratio = manager.backingRatio();
        uint256 supply = eMetis.totalSupply();
        uint256 backing = manager.totalBacking();
        uint256 out = _stake(carol, 2_700e18);
        assertEq(out, Math.mulDiv(2_700e18, supply, backing));
        assertGt(out, 2_700e18); // carol is not charged for the old loss
        assertGe(manager.backingRatio(), ratio);
        assertApproxEqAbs(manager.backingRatio(), ratio, 1);
    }

    function test_harvestAfterUncoveredLossMintsAtRatio() public {
        _setUpNode(1_000e18, 29_000e18);
        _slash(3_001e18);
        manager.syncNode(0);
        uint256 ratio = manager.backingRatio();
        uint256 supply = eMetis.totalSupply();
        uint256 backing = manager.totalBacking();
        uint256 reward = _submitBatch(1000);
        manager.harvest();
        assertEq(eMetis.totalSupply() - supply, Math.mulDiv(reward, supply, backing));
        assertApproxEqAbs(manager.backingRatio(), ratio, 1);
    }

    // ------------------------------------------------------------------ branch 3: forced unlock mid-queue

    function test_forceUnlockMidQueue_keeperClaimsPrincipalThenFundsQueue() public {
        _setUpNode(5_000e18, 45_000e18); // node 50,001
        uint256 pendingReward = _submitBatch(100);
        uint256 t1 = _request(bob, 20_000e18);

        vm.prank(admin);
        pool.forceUnlock(seqId, 0);
        _warp(5 days);
        uint256 t2 = _request(bob, 15_000e18); // queued after the forced unlock
        // the pending reward reached the manager outside a harvest: no eMETIS yet
        assertEq(manager.bufferedMetis(), pendingReward);
        // harvest does not revert on the inactive node and turns that reward into eMETIS
        assertEq(manager.harvest(), pendingReward);
        _assertFullyBacked();

        vm.prank(keeper);
        vm.expectRevert(); // only the reward is in the buffer
        manager.fundRedemptions(t2);

        vm.expectRevert(); // exit delay not over
        manager.claimUnlockedNode(0);
        _warp(16 days);
        vm.prank(keeper);
        manager.claimUnlockedNode(0);
        assertEq(uint256(manager.nodeState(0)), uint256(StakingManager.NodeState.Closed));
        assertEq(manager.totalPrincipal(), 0);
        _assertFullyBacked();

        assertEq(_fundRedemptions(t2), 35_000e18);
        vm.startPrank(bob);
        assertEq(queue.claim(t1, bob), 20_000e18);
        vm.expectRevert(
            abi.encodeWithSelector(IRedemptionQueue.QueueNotMature.selector, t2, queue.getTicket(t2).maturity)
        );
        queue.claim(t2, bob);
        vm.stopPrank();
        _warp(5 days);
        vm.prank(bob);
        assertEq(queue.claim(t2, bob), 15_000e18);
        assertEq(metis.balanceOf(bob), 35_000e18);
        assertEq(manager.backingRatio(), 1e18);
        _assertFullyBacked();
    }

    function test_claimUnlockedNodeAfterSlashDuringUnlock() public {
        _setUpNode(10_000e18, 30_000e18);
        vm.prank(keeper);
        manager.unlockNode(0);
        _slash(2_000e18); // slashed while unlocking
        _warp(21 days);
        vm.expectEmit(address(manager));
        emit IStakingManager.LossRecorded(0, 2_000e18, 2_000e18, 0, 1e18);
        manager.claimUnlockedNode(0);
        assertEq(manager.bufferedMetis(), 38_001e18);
        _assertFullyBacked();
    }

    function test_forceUnlockedNodeIsSkippedByAllocateAndKeeperPaths() public {
        _setUpNode(5_000e18, 45_000e18);
        _addSeat(2);
        vm.prank(admin);
        pool.forceUnlock(seqId, 0);
        _stake(carol, 30_000e18);
        // allocate notices the forced unlock instead of reverting on relock, and opens the next seat
        vm.expectEmit(address(manager));
        emit IStakingManager.NodeUnlockStarted(0, 50_001e18);
        _allocate();
        assertEq(uint256(manager.nodeState(0)), uint256(StakingManager.NodeState.Unlocking));
        (,,, uint256 p1,) = manager.node(1);
        assertEq(p1, 30_000e18);
        assertEq(manager.totalLocked(), 30_000e18);
        assertEq(manager.totalPrincipal(), 80_001e18);
        vm.startPrank(keeper);
        vm.expectRevert(abi.encodeWithSelector(IStakingManager.ManagerNodeNotActive.selector, 0));
        manager.withdrawFromNode(0, 1e18);
        vm.expectRevert(abi.encodeWithSelector(IStakingManager.ManagerNodeNotActive.selector, 0));
        manager.unlockNode(0);
        vm.stopPrank();
        _assertFullyBacked();
    }

    function test_syncNoticesForcedUnlock() public {
        _setUpNode(5_000e18, 45_000e18);
        vm.prank(admin);
        pool.forceUnlock(seqId, 0);
        assertEq(manager.syncNode(0), 0);
        assertEq(uint256(manager.nodeState(0)), uint256(StakingManager.NodeState.Unlocking));
    }

    function test_compensationRestoresBackingAndOneToOneMinting() public {
        _setUpNode(1_000e18, 29_000e18);
        _slash(3_001e18);
        manager.syncNode(0);
        assertTrue(manager.underBacked());
        // someone (e.g. an insurance fund) pays the uncovered 2,000 METIS back into the buffer
        _fund(admin, 2_000e18);
        vm.prank(admin);
        metis.transfer(address(manager), 2_000e18);
        assertEq(manager.backingRatio(), 1e18);
        // until a harvest notices, new stakes are still quoted at the (now full) ratio: 1:1
        assertEq(_stake(carol, 10e18), 10e18);
        vm.expectEmit(address(manager));
        emit StakingManager.BackingRestored(manager.totalBacking(), eMetis.totalSupply());
        manager.harvest();
        assertFalse(manager.underBacked());
        assertEq(_stake(carol, 10e18), 10e18);
        _assertFullyBacked();
    }
}
