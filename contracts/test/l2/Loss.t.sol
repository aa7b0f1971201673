// SPDX-License-Identifier: MIT
pragma solidity 0.8.23;

import {ProtocolFixture} from "../utils/ProtocolFixture.sol";
import {IStakingManager} from "../../src/interfaces/IStakingManager.sol";
import {ISequencerHub} from "../../src/interfaces/ISequencerHub.sol";
import {ISeMetis} from "../../src/interfaces/ISeMetis.sol";

/// @notice The loss rule across chains, and regressions of the security review's loss findings. A loss starts on
/// L1 (a slash: Metis has none today, so a TEST-ONLY LockingPool subclass plays a future one), reaches L2 in the
/// hub's report, and is charged to seMETIS first; only the rest makes eMETIS under-backed.
/// @dev The defence against acting on stale backing (findings 1 and 2): a loss is reportable by anyone at once (the
/// hub's rate limit does not apply when the losses changed), Metis relays the report in minutes, and the guardian
/// (the keeper's watcher) holds stakes, vault exits, redemption funding and reward minting from the moment it sees
/// the loss on L1 until the report lands (at most a day). The window is therefore the relay time, and zero once the
/// guardian acts.
contract LossTest is ProtocolFixture {
    uint256 internal seatIndex;

    function setUp() public override {
        MetisConfig memory cfg = metisMainnetLike();
        cfg.slashable = true;
        _deployProtocol(cfg);
        // other operators' sequencers, so that mainnet's BFT rule lets one of ours unlock
        lockSeat(makeAddr("operator-a"), 50_000 ether, makeAddr("operator-a.l2"), "operator-a");
        lockSeat(makeAddr("operator-b"), 50_000 ether, makeAddr("operator-b.l2"), "operator-b");
        lockSeat(makeAddr("operator-c"), 50_000 ether, makeAddr("operator-c.l2"), "operator-c");
        // two 10,000 eMETIS depositors in seMETIS, 20,001 METIS in one seatIndex
        _stakeAndRestake(alice, 10_000 ether);
        _stakeAndRestake(bob, 10_000 ether);
        _bridge(manager.bridgeable());
        _deliverToL1();
        (seatIndex,) = _addSeat("n0");
        _openSeat(seatIndex, 20_001 ether);
        _report();
        _assertFullyBacked();
    }

    // ================================================================= the rule

    function test_lossChargedToSeMetisFirst() public {
        uint256 supply = eMetis.totalSupply();
        _slash(seatIndex, 8_000 ether);
        hub.report(); // anyone: the loss changed
        syncMessages();
        vm.expectEmit(address(manager));
        emit IStakingManager.LossRecorded(8_000 ether, 8_000 ether, 0, 1e18);
        _deliverNextToL2();
        assertEq(eMetis.totalSupply(), supply - 8_000 ether, "the vault's eMETIS is burned");
        assertEq(manager.backingRatio(), 1e18, "eMETIS still fully backed");
        assertFalse(manager.underBacked());
        // every depositor (the 1-METIS seed too) loses in proportion to its shares: 12,001 of 20,001 remain
        uint256 each = uint256(10_000 ether) * 12_001 / 20_001;
        assertApproxEqAbs(seMetis.previewRedeem(seMetis.balanceOf(alice)), each, 1e9);
        assertApproxEqAbs(seMetis.previewRedeem(seMetis.balanceOf(bob)), each, 1e9);
    }

    function test_lossBeyondSeMetisLowersBackingAndRedemptionsPayProRata() public {
        // carol holds 10,000 plain eMETIS whose METIS also goes into the seatIndex: 30,001 locked, 20,001 in seMETIS
        _stake(carol, 10_000 ether);
        _bridge(manager.bridgeable());
        _deliverToL1();
        vm.prank(l1Keeper);
        hub.topUpSeat(seatIndex, 10_000 ether);
        _report();
        _slash(seatIndex, 25_000 ether);
        hub.report();
        syncMessages();
        vm.expectEmit(address(manager));
        emit IStakingManager.LossRecorded(25_000 ether, 20_001 ether, 4_999 ether, 0.5001e18);
        _deliverNextToL2();
        assertEq(seMetis.totalAssets(), 0, "seMETIS absorbed all it had");
        assertTrue(manager.underBacked());
        assertEq(manager.backingRatio(), 0.5001e18, "5,001 METIS back 10,000 eMETIS");
        // carol's redemption pays pro rata once the seatIndex's remaining principal is back on L2 (below minLock a
        // partial withdrawal is refused: the seatIndex exits)
        uint256 t = _request(carol, 10_000 ether);
        vm.prank(l1Keeper);
        vm.expectRevert(abi.encodeWithSelector(ISequencerHub.HubBelowMinLock.selector, 0, MIN_LOCK));
        hub.withdrawFromSeat(seatIndex, 5_001 ether);
        vm.prank(l1Keeper);
        hub.unlockSeat(seatIndex);
        vm.warp(block.timestamp + 21 days);
        hub.claimSeat(seatIndex);
        _returnToL2(5_001 ether);
        _fundRedemptions(t);
        vm.prank(carol);
        assertEq(queue.claim(t, carol), 5_001 ether, "10,000 eMETIS x 0.5001");
        assertEq(eMetis.totalSupply(), 0, "every eMETIS is redeemed or absorbed");
        assertEq(manager.totalBacking(), 0, "and every METIS left paid out");
    }

    function test_newStakeAfterAnUncoveredLossMintsAtBacking() public {
        _stake(carol, 10_000 ether);
        _bridge(manager.bridgeable());
        _deliverToL1();
        vm.prank(l1Keeper);
        hub.topUpSeat(seatIndex, 10_000 ether);
        _report();
        _slash(seatIndex, 25_000 ether);
        hub.report();
        relayAllToL2();
        assertEq(manager.backingRatio(), 0.5001e18);
        uint256 minted = _stake(alice, 1_000 ether);
        assertEq(minted, uint256(1_000 ether) * 10_000 ether / 5_001 ether, "METIS x supply / backing");
        assertEq(manager.backingRatio(), 0.5001e18, "the ratio is unchanged by a stake");
    }

    // ================================================================= finding 1: exit before the loss is recorded

    /// @notice Old behaviour: a seMETIS holder who exits between the slash and its record leaves whole and the
    /// holder who stays absorbs the whole loss. The window is now the relay time, and the guardian closes it.
    function test_finding1_exitBeforeTheReportIsHeldByTheGuardian() public {
        _slash(seatIndex, 8_000 ether);
        // the guardian sees the loss on L1 and holds exits at once; anyone sends the report in the same block
        vm.prank(guardian);
        manager.pauseForLoss();
        hub.report();
        uint256 aliceShares = seMetis.balanceOf(alice);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(ISeMetis.SeMetisExitsPaused.selector, manager.lossPauseUntil()));
        seMetis.redeem(aliceShares, alice, alice);
        assertEq(seMetis.maxRedeem(alice), 0);
        // the report lands (minutes later on Metis), lifts the hold, and the loss is shared
        vm.warp(block.timestamp + 10 minutes);
        relayAllToL2();
        assertEq(manager.lossPauseUntil(), 0);
        vm.prank(alice);
        uint256 aliceOut = seMetis.redeem(aliceShares, alice, alice);
        uint256 bobOut = _redeemAll(bob);
        uint256 each = uint256(10_000 ether) * 12_001 / 20_001; // 8,000 of 20,001 lost, pro rata
        assertApproxEqAbs(aliceOut, each, 1e9, "alice shares the loss");
        assertApproxEqAbs(bobOut, each, 1e9, "bob shares the loss");
    }

    /// @notice The window without the guardian is the time until the report lands: a loss can be reported by anyone
    /// in the block it happens, although the hub otherwise rate-limits non-keeper reports.
    function test_finding1_lossReportableByAnyoneAtOnce() public {
        // a report just went out: a stranger's report without a loss change is refused...
        vm.expectRevert(
            abi.encodeWithSelector(ISequencerHub.HubReportTooSoon.selector, block.timestamp + hub.minReportInterval())
        );
        vm.prank(carol);
        hub.report();
        // ...but once the seatIndex holds less than its principal, at once
        _slash(seatIndex, 1 ether);
        vm.prank(carol);
        hub.report();
        relayAllToL2();
        assertEq(manager.lastReport().shortfall, 1 ether);
        assertEq(manager.lastReport().timestamp, block.timestamp, "applied in the block the relay delivered it");
    }

    // ================================================================= finding 2: stakes at stale backing

    /// @notice Old behaviour: a newcomer staking 30,000 after an uncovered 5,000 loss, before it is recorded, loses
    /// about 2,543. Now the guardian holds stakes while the report is on its way, and the newcomer then mints at
    /// backing: it gets exactly what it paid for.
    function test_finding2_newcomerNeverPaysAnOldLoss() public {
        // drain seMETIS so the next loss is uncovered: everyone leaves the vault into plain eMETIS
        _redeemAll(alice);
        _redeemAll(bob);
        _redeemAll(seeder);
        _slash(seatIndex, 5_000 ether);
        vm.prank(guardian);
        manager.pauseForLoss();
        fundL2(carol, 30_000 ether);
        vm.prank(carol);
        vm.expectRevert(abi.encodeWithSelector(IStakingManager.ManagerLossPaused.selector, manager.lossPauseUntil()));
        manager.stake{value: 30_000 ether}(carol, address(0));
        hub.report();
        relayAllToL2();
        assertTrue(manager.underBacked());
        uint256 ratio = manager.backingRatio();
        assertLt(ratio, 1e18);
        vm.prank(carol);
        uint256 minted = manager.stake{value: 30_000 ether}(carol, address(0));
        // carol's eMETIS is worth what she paid (rounded down in the protocol's favour)
        uint256 worth = minted * manager.backingRatio() / 1e18;
        assertApproxEqAbs(worth, 30_000 ether, 1e6, "no part of the old loss");
        assertLe(worth, 30_000 ether);
    }

    /// @notice Redemption funding is held too: a ticket funded while the loss is on its way would lock in the stale rate.
    function test_finding2_redemptionFundingHeldUntilTheReport() public {
        _stake(carol, 10_000 ether);
        uint256 t = _request(carol, 10_000 ether);
        _redeemAll(alice);
        _redeemAll(bob);
        _redeemAll(seeder);
        _slash(seatIndex, 5_000 ether);
        vm.prank(guardian);
        manager.pauseForLoss();
        vm.expectRevert(abi.encodeWithSelector(IStakingManager.ManagerLossPaused.selector, manager.lossPauseUntil()));
        _fundRedemptions(t);
        hub.report();
        relayAllToL2();
        uint256 ratio = manager.backingRatio();
        _fundRedemptions(t);
        vm.prank(carol);
        uint256 paid = queue.claim(t, carol);
        assertEq(paid, 10_000 ether * ratio / 1e18, "paid at the ratio after the loss");
    }

    // ================================================================= finding 3: total loss

    /// @notice Old behaviour: with backing 0 and eMETIS outstanding, a newcomer's 10,000 METIS minted 1:1 and paid
    /// ~7,436 to holders of worthless eMETIS. Now zero backing refuses stakes.
    function test_finding3_zeroBackingRefusesStakes() public {
        _redeemAll(alice);
        _redeemAll(bob);
        _redeemAll(seeder);
        _slash(seatIndex, 20_001 ether);
        hub.report();
        relayAllToL2();
        assertEq(manager.totalBacking(), 0);
        assertGt(eMetis.totalSupply(), 0);
        fundL2(carol, 10_000 ether);
        vm.prank(carol);
        vm.expectRevert(IStakingManager.ManagerNoBacking.selector);
        manager.stake{value: 10_000 ether}(carol, address(0));
        assertEq(carol.balance, 10_000 ether);
    }

    /// @notice Rewards that arrive with zero backing are not minted (an at-backing mint is undefined): they back
    /// every holder's eMETIS, pro rata.
    function test_finding3_rewardsAtZeroBackingBackTheHolders() public {
        _redeemAll(alice);
        _redeemAll(bob);
        _redeemAll(seeder);
        _rewardSeat(seatIndex, 20_000); // earned before the slash
        _slash(seatIndex, 20_001 ether);
        hub.report();
        relayAllToL2();
        assertEq(manager.totalBacking(), 0);
        uint256 supply = eMetis.totalSupply();
        hub.withdrawRewards(seatIndex);
        relayAllToL2();
        uint256 rewards = rewardReceiver.pendingRewards();
        assertGt(rewards, 0);
        vm.expectEmit(address(manager));
        emit IStakingManager.RewardsMinted(rewards, 0, 0, 0);
        _harvest();
        assertEq(eMetis.totalSupply(), supply, "nothing minted");
        assertEq(manager.totalBacking(), rewards, "the rewards back the holders");
    }

    // ================================================================= finding 7: losses while under-backed

    /// @notice Old behaviour: while under-backed the vault absorbed 1 eMETIS per METIS lost although an eMETIS was
    /// worth less, so plain holders still lost. Now the vault absorbs loss x supply / backing and the ratio holds.
    function test_finding7_vaultAbsorbsAtTheRatioWhileUnderBacked() public {
        _redeemAll(alice);
        _redeemAll(bob);
        _redeemAll(seeder);
        _slash(seatIndex, 2_001 ether); // uncovered: nothing in the vault
        hub.report();
        relayAllToL2();
        uint256 ratio = manager.backingRatio();
        assertLt(ratio, 1e18);
        // new restakers fill the vault (minting at backing)
        _stakeAndRestake(carol, 5_000 ether);
        _bridge(manager.bridgeable());
        _deliverToL1();
        vm.prank(l1Keeper);
        hub.topUpSeat(seatIndex, 5_000 ether);
        _report();
        uint256 ratioBefore = manager.backingRatio();
        // a second loss of 1,000 METIS: the vault gives up eMETIS worth 1,000 METIS at the ratio
        uint256 vaultBefore = seMetis.totalAssets();
        _slash(seatIndex, 1_000 ether);
        hub.report();
        relayAllToL2();
        uint256 absorbed = vaultBefore - seMetis.totalAssets();
        assertApproxEqAbs(absorbed, 1_000 ether * 1e18 / ratioBefore, 1e12, "loss x supply / backing");
        assertApproxEqAbs(manager.backingRatio(), ratioBefore, 1e6, "plain eMETIS holders keep their ratio");
    }

    function _redeemAll(address user) private returns (uint256 assets) {
        uint256 shares = seMetis.balanceOf(user);
        if (shares == 0) return 0;
        vm.prank(user);
        assets = seMetis.redeem(shares, user, user);
    }
}
