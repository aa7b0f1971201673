// SPDX-License-Identifier: MIT
pragma solidity 0.8.23;

import {HubTestBase} from "../l1/HubTestBase.sol";
import {ISequencerHub} from "../../src/interfaces/ISequencerHub.sol";
import {L1Report} from "../../src/interfaces/L1Report.sol";
import {SequencerAgent} from "../../src/l1/SequencerAgent.sol";

/// @notice The hub's reports (real SequencerHub -> Metis's L1 messenger MODEL -> real StakingManager on L2) carry
/// the exact cumulative figures after every kind of move: bridge arrivals, opens, top-ups, withdrawals, returns,
/// unlocks, claims and a slash; and METIS donated to the hub or to an agent never raises nor hides a loss.
/// The pool is the TEST-ONLY `LockingPoolWithSlash` (slashable: true; Metis has no slashing today), on both the
/// mainnet-like and the Sepolia-like variants, with three independent operators' sequencers. METIS reaches the hub through the real L2
/// path (stake, bridgeToL1, 7-day window, relay).
///
/// What the code does with donations (asserted below): the shortfall is `(locked - returned) - what the live seats
/// hold in the pool`, so it only reads seats; METIS given to the hub is idle METIS, counted in `idle` and in
/// `receivedFromL2` (which is idle + locked + sent - returned); METIS given to an agent is invisible until the
/// agent forwards it (withdraw, claim or sweep) and then counts the same way, never as returned principal (the hub
/// books `min(received, amount)`). So a donation never lowers the shortfall, and a loss of the same size stays
/// reported in full while the donation shows up only in idle assets. On L2 a donation returned by the hub is
/// credited as principal (`sentToL2`), which cancels it in `buffer + bridged - credited - shortfall`: it ends in the
/// manager's buffer but counts neither as backing nor against a loss.
abstract contract HubReportsTest is HubTestBase {
    /// @dev The hub's built report must be `x`; the keeper sends it and L2 must hold exactly it after the relay.
    function _reportAndCheck(L1Report memory x) internal {
        _assertReportEq(hub.buildReport(), x);
        _report();
        _assertReportEq(manager.lastReport(), x);
    }

    function test_reports_exactCumulativeFiguresAfterEveryKindOfMove() public {
        // a bridge arrival
        _arrive(alice, 200_000 ether);
        _reportAndCheck(_expectedReport(200_000 ether, 0, 0, 200_000 ether, 0, 0, 0, 0, 0));
        _assertFullyBacked();

        // two opens
        (uint256 a,) = _addSeat("A");
        (uint256 b,) = _addSeat("B");
        _openSeat(a, 60_000 ether);
        _openSeat(b, 50_000 ether);
        _reportAndCheck(_expectedReport(200_000 ether, 0, 0, 90_000 ether, 110_000 ether, 0, 70_000 ether, 0, 2));

        // a top-up
        _keeperTopUp(b, 20_000 ether);
        _reportAndCheck(_expectedReport(200_000 ether, 0, 0, 70_000 ether, 130_000 ether, 0, 90_000 ether, 0, 2));

        // a partial withdrawal (the fast path)
        _nextBatch();
        _keeperWithdraw(a, 30_000 ether);
        _reportAndCheck(_expectedReport(200_000 ether, 0, 0, 100_000 ether, 100_000 ether, 0, 60_000 ether, 0, 2));
        _assertFullyBacked();

        // a return to L2: its own report (sent first) already carries it
        L1Report memory x =
            _expectedReport(200_000 ether, 40_000 ether, 0, 60_000 ether, 100_000 ether, 0, 60_000 ether, 0, 2);
        _returnToL2(40_000 ether);
        _assertReportEq(manager.lastReport(), x);
        assertEq(manager.creditPrincipal(), 40_000 ether);
        _assertFullyBacked();

        // an unlock
        _keeperUnlock(a);
        uint256 claimA = block.timestamp + 21 days;
        _reportAndCheck(
            _expectedReport(
                200_000 ether, 40_000 ether, 0, 60_000 ether, 70_000 ether, 30_000 ether, 50_000 ether, claimA, 1
            )
        );
        _assertFullyBacked();

        // a slash of B (test-only pool): reportable at once by anyone, and L2 books the loss
        uint256 backingBefore = manager.totalBacking();
        _slash(b, 5_000 ether);
        x = _expectedReport(
            200_000 ether, 40_000 ether, 5_000 ether, 60_000 ether, 65_000 ether, 30_000 ether, 45_000 ether, claimA, 1
        );
        _assertReportEq(hub.buildReport(), x);
        vm.prank(stranger);
        hub.report();
        relayAllToL2();
        _assertReportEq(manager.lastReport(), x);
        assertEq(manager.totalBacking(), backingBefore - 5_000 ether, "L2 booked the loss");

        // a claim
        vm.warp(claimA);
        hub.claimSeat(a);
        _reportAndCheck(
            _expectedReport(200_000 ether, 40_000 ether, 5_000 ether, 90_000 ether, 65_000 ether, 0, 45_000 ether, 0, 1)
        );

        // a second arrival
        _arrive(bob, 10_000 ether);
        _reportAndCheck(
            _expectedReport(
                210_000 ether, 40_000 ether, 5_000 ether, 100_000 ether, 65_000 ether, 0, 45_000 ether, 0, 1
            )
        );

        // the slashed seat exits: the loss is realised at its claim and stays reported
        _keeperUnlock(b);
        vm.warp(block.timestamp + 21 days);
        hub.claimSeat(b);
        _reportAndCheck(_expectedReport(210_000 ether, 40_000 ether, 5_000 ether, 165_000 ether, 0, 0, 0, 0, 0));
        (uint256 lockedCum, uint256 returnedCum, uint256 sentCum) = hub.totals();
        assertEq(lockedCum, 130_000 ether);
        assertEq(returnedCum, 125_000 ether, "30k withdrawn + 30k claimed (A) + 65k claimed (B)");
        assertEq(sentCum, 40_000 ether);

        // everything goes home: L2's backing is exactly what it holds
        x = _expectedReport(210_000 ether, 205_000 ether, 5_000 ether, 0, 0, 0, 0, 0, 0);
        _returnToL2(165_000 ether);
        _assertReportEq(manager.lastReport(), x);
        manager.creditPrincipal();
        assertEq(manager.totalBacking(), manager.bufferedMetis(), "backing == METIS held on L2");
        assertEq(manager.bufferedMetis(), 210_000 ether + SEED_DEPOSIT - 5_000 ether);
    }

    function test_report_aLossIsReportableAtOnceButOnlyOnce() public {
        _arrive(alice, 100_000 ether);
        (uint256 a,) = _addSeat("A");
        (uint256 b,) = _addSeat("B");
        _openSeat(a, 50_000 ether);
        _openSeat(b, 50_000 ether);
        vm.prank(stranger);
        hub.report();
        uint256 t = block.timestamp;
        vm.expectRevert(abi.encodeWithSelector(ISequencerHub.HubReportTooSoon.selector, t + 1 hours));
        vm.prank(stranger);
        hub.report();

        _slash(a, 1 ether);
        vm.prank(stranger);
        hub.report(); // the losses changed: no waiting
        (uint256 nonce,) = hub.lastReport();
        assertEq(nonce, 2);
        vm.expectRevert(abi.encodeWithSelector(ISequencerHub.HubReportTooSoon.selector, t + 1 hours));
        vm.prank(stranger);
        hub.report();

        // a loss on an unlocking seat counts the same
        _keeperUnlock(b);
        vm.warp(t + 10 minutes);
        _slash(b, 2 ether);
        vm.prank(stranger);
        hub.report();
        relayAllToL2();
        assertEq(manager.lastReport().shortfall, 3 ether);

        // realising a loss at the claim changes no figure of it: no early report
        vm.warp(block.timestamp + 21 days);
        _keeperReport();
        hub.claimSeat(b);
        assertEq(hub.buildReport().shortfall, 3 ether);
        uint256 next = block.timestamp + 1 hours;
        vm.expectRevert(abi.encodeWithSelector(ISequencerHub.HubReportTooSoon.selector, next));
        vm.prank(stranger);
        hub.report();
    }

    function test_slashBelowMinLock_nothingWithdrawableAndWithdrawRefused() public {
        _arrive(alice, 30_000 ether);
        (uint256 a,) = _addSeat("A");
        _openSeat(a, 30_000 ether);
        _slash(a, 12_000 ether); // 18,000 left, below minLock
        _nextBatch();
        L1Report memory r = hub.buildReport();
        assertEq(r.locked, 18_000 ether);
        assertEq(r.withdrawable, 0);
        assertEq(r.shortfall, 12_000 ether);
        vm.expectRevert(abi.encodeWithSelector(ISequencerHub.HubBelowMinLock.selector, 18_000 ether - 1, MIN_LOCK));
        _keeperWithdraw(a, 1);
        // a top-up is still accepted (relock has no minimum) and does not repay the loss
        _fundHub(5_000 ether);
        _keeperTopUp(a, 5_000 ether);
        r = hub.buildReport();
        assertEq(r.locked, 23_000 ether);
        assertEq(r.withdrawable, 3_000 ether);
        assertEq(r.shortfall, 12_000 ether);
    }

    function test_donationToTheHub_countsAsReceivedNeverAsALoss() public {
        _arrive(alice, 60_000 ether);
        (uint256 a,) = _addSeat("A");
        _openSeat(a, 60_000 ether);
        _report();
        L1Report memory r0 = hub.buildReport();
        fundL1(address(hub), 7_000 ether); // a donation
        L1Report memory r = hub.buildReport();
        assertEq(r.shortfall, 0);
        assertEq(r.idle, r0.idle + 7_000 ether);
        assertEq(r.receivedFromL2, r0.receivedFromL2 + 7_000 ether);
        assertEq(r.locked, r0.locked);
        // no loss changed, so a donation cannot buy anyone an early report
        vm.expectRevert(abi.encodeWithSelector(ISequencerHub.HubReportTooSoon.selector, block.timestamp + 1 hours));
        vm.prank(stranger);
        hub.report();
    }

    function test_donationToAnAgent_invisibleUntilForwardedThenReceivedNotReturned() public {
        _arrive(alice, 120_000 ether);
        (uint256 a, address agentA) = _addSeat("A");
        (uint256 b, address agentB) = _addSeat("B");
        _openSeat(a, 60_000 ether);
        _openSeat(b, 60_000 ether);
        L1Report memory r0 = hub.buildReport();
        fundL1(agentA, 2 ether);
        fundL1(agentB, 3 ether);
        _assertReportEq(hub.buildReport(), r0); // held by the agents: not the hub's yet

        // forwarded by a withdrawal
        _nextBatch();
        _keeperWithdraw(a, 10_000 ether);
        L1Report memory r1 = hub.buildReport();
        assertEq(r1.receivedFromL2, r0.receivedFromL2 + 2 ether);
        assertEq(r1.idle, r0.idle + 10_000 ether + 2 ether);
        assertEq(r1.shortfall, 0);
        // forwarded by a claim
        _keeperUnlock(b);
        vm.warp(block.timestamp + 21 days);
        hub.claimSeat(b);
        (, uint256 returnedCum,) = hub.totals();
        assertEq(returnedCum, 10_000 ether + 60_000 ether, "only the seats' own METIS is returned principal");
        L1Report memory r2 = hub.buildReport();
        assertEq(r2.receivedFromL2, r0.receivedFromL2 + 5 ether);
        assertEq(r2.shortfall, 0);
        // forwarded by anyone's sweep
        fundL1(agentA, 4 ether);
        SequencerAgent(agentA).sweep();
        assertEq(hub.buildReport().receivedFromL2, r0.receivedFromL2 + 9 ether);
        assertEq(hub.buildReport().shortfall, 0);
    }

    function test_donationOfTheSameSize_neverHidesALoss() public {
        _arrive(alice, 110_000 ether);
        (uint256 a,) = _addSeat("A");
        (uint256 b, address agentB) = _addSeat("B");
        _openSeat(a, 60_000 ether);
        _openSeat(b, 50_000 ether);
        _report();
        L1Report memory r0 = hub.buildReport();
        uint256 backing0 = manager.totalBacking();

        _slash(b, 5_000 ether);
        fundL1(address(hub), 5_000 ether); // someone "makes good" the loss by sending METIS to the hub
        fundL1(agentB, 3_000 ether); // and some to the slashed seat's agent
        L1Report memory r = hub.buildReport();
        assertEq(r.shortfall, 5_000 ether, "the loss is reported in full");
        assertEq(r.idle + r.locked + r.unlocking, r0.idle + r0.locked + r0.unlocking, "assets unchanged net");
        assertEq(r.idle, r0.idle + 5_000 ether, "the donation is idle METIS");
        assertEq(r.receivedFromL2, r0.receivedFromL2 + 5_000 ether, "booked as received");
        vm.prank(stranger);
        hub.report(); // reportable at once: the losses changed
        relayAllToL2();
        assertEq(manager.totalBacking(), backing0 - 5_000 ether, "L2 books the whole loss");

        // the slashed seat exits: the agent's 3,000 come along as received METIS, the loss is realised
        _keeperUnlock(b);
        vm.warp(block.timestamp + 21 days);
        hub.claimSeat(b);
        r = hub.buildReport();
        assertEq(r.shortfall, 5_000 ether);
        assertEq(r.receivedFromL2, r0.receivedFromL2 + 8_000 ether);
        (, uint256 returnedCum,) = hub.totals();
        assertEq(returnedCum, 45_000 ether);

        // idle METIS goes home: on L2 the donated 8,000 are credited as principal and sit in the buffer,
        // counted neither as backing nor against the loss
        uint256 idle = r.idle;
        _returnToL2(idle);
        manager.creditPrincipal();
        assertEq(manager.totalBacking(), backing0 - 5_000 ether, "the donations do not offset the loss on L2");
        L1Report memory last = manager.lastReport();
        assertEq(
            manager.bufferedMetis() + last.locked + last.unlocking + last.idle,
            manager.totalBacking() + 8_000 ether,
            "METIS held on both chains == backing + the donations"
        );
    }
}

/// @notice HubReportsTest on the mainnet-like variant (discount 1 gwei, BFT restriction), slashable test pool.
contract HubReportsMainnetTest is HubReportsTest {
    function _config() internal pure override returns (MetisConfig memory) {
        return _slashable(metisMainnetLike());
    }
}

/// @notice HubReportsTest on the Sepolia-like variant (discount 0, no BFT restriction), slashable test pool.
contract HubReportsSepoliaTest is HubReportsTest {
    function _config() internal pure override returns (MetisConfig memory) {
        return _slashable(metisSepoliaLike());
    }
}
