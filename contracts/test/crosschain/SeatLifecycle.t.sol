// SPDX-License-Identifier: MIT
pragma solidity 0.8.23;

import {ProtocolFixture} from "../utils/ProtocolFixture.sol";
import {MetisAddresses} from "../../src/interfaces/metis/MetisAddresses.sol";
import {ILockingPool} from "../../src/interfaces/metis/ILockingPool.sol";
import {ISequencerHub} from "../../src/interfaces/ISequencerHub.sol";
import {IRedemptionQueue} from "../../src/interfaces/IRedemptionQueue.sol";
import {IStakingLens} from "../../src/interfaces/IStakingLens.sol";
import {L1Report} from "../../src/interfaces/L1Report.sol";

/// @notice The whole life of a seat across the two chains, on Metis's models (LockingPool/LockingInfo, bridges and
/// messengers with their real rules; only Metis's contracts and its relayers are played): stakes on L2 -> bridged
/// (7-day fraud window) -> seat opened on L1 -> MPC batches -> rewards bridged to L2 -> harvest -> a redemption
/// paid through the fast path within hours -> unlock -> 21 days -> claim -> principal back on L2.
contract SeatLifecycleTest is ProtocolFixture {
    function setUp() public override {
        super.setUp();
        // Metis's network has other node operators: three independent sequencers of 50,000 each.
        lockSeat(makeAddr("operator-a"), 50_000 ether, makeAddr("operator-a.l2"), "operator-a");
        lockSeat(makeAddr("operator-b"), 50_000 ether, makeAddr("operator-b.l2"), "operator-b");
        lockSeat(makeAddr("operator-c"), 50_000 ether, makeAddr("operator-c.l2"), "operator-c");
    }

    function test_wholeLifeOfASeat() public {
        // --- stakes on L2
        _stakeAndRestake(alice, 30_000 ether);
        _stake(bob, 10_000 ether);
        _assertFullyBacked();
        assertEq(manager.bufferedMetis(), 40_001 ether);

        // --- bridged to L1: in flight for the fraud window
        _bridge(40_001 ether);
        assertEq(manager.bufferedMetis(), 0);
        _assertFullyBacked();
        commitL2Messages();
        vm.warp(block.timestamp + 7 days - 1);
        syncMessages();
        vm.expectRevert(bytes("Provided message could not be verified.")); // inside the fraud window
        relayToL1Early(0);
        vm.warp(block.timestamp + 2);
        relayAllToL1();
        assertEq(l1Metis.balanceOf(address(hub)), 40_001 ether, "METIS reached the hub");
        _assertFullyBacked();

        // --- a seat opens with 40,000; the report tells L2
        (uint256 seat0,) = _addSeat("node-0");
        _openSeat(seat0, 40_000 ether);
        _report();
        L1Report memory r = manager.lastReport();
        assertEq(r.locked, 40_000 ether);
        assertEq(r.idle, 1 ether);
        assertEq(r.receivedFromL2, 40_001 ether);
        assertEq(r.withdrawable, 20_000 ether);
        _assertFullyBacked();

        // --- the MPC pays rewards; they are bridged to the L2 RewardReceiver and harvested
        uint256 rewards = _rewardSeat(seat0, 20_000);
        uint256 ethBefore = address(hub).balance;
        _withdrawRewards(seat0);
        assertEq(ethBefore - address(hub).balance, 200_000 * 1 gwei, "hub paid the L1 bridge fee");
        assertEq(l2Metis.balanceOf(address(rewardReceiver)), rewards, "rewards arrived on L2");
        uint256 supplyBefore = eMetis.totalSupply();
        _harvest();
        assertEq(eMetis.totalSupply(), supplyBefore + rewards, "rewards minted as eMETIS");
        assertEq(eMetis.balanceOf(treasury), rewards / 10, "10% fee");
        _assertFullyBacked();

        // --- bob redeems 10,000: the fast path (partial withdraw on L1 + deposit) pays it within hours
        uint256 ticket = _request(bob, 10_000 ether);
        IStakingLens.UserView memory u = lens.getUser(bob);
        assertEq(u.tickets.length, 1);
        assertTrue(u.tickets[0].fastPath, "lens: fast path");
        assertEq(u.tickets[0].eta, block.timestamp + FAST_PATH_DELAY, "lens: fast-path ETA");
        uint256 requestedAt = block.timestamp;
        submitRewards(seatSigner[seat0], 1); // a new batch lets the seat withdraw again
        vm.prank(l1Keeper);
        hub.withdrawFromSeat(seat0, 10_000 ether);
        _returnToL2(10_000 ether);
        // the report went first: L2 knew of the principal before it arrived, and credits it at the next action
        assertEq(manager.pendingPrincipal(), 10_000 ether, "announced, arrived, not yet credited");
        assertEq(l2Metis.balanceOf(address(manager)), manager.bufferedMetis() + 10_000 ether, "it has arrived");
        _assertFullyBacked();
        _fundRedemptions(ticket); // credits the arrival, then pays
        assertEq(manager.pendingPrincipal(), 0, "credited");
        vm.prank(bob);
        uint256 paid = queue.claim(ticket, bob);
        assertEq(paid, 10_000 ether);
        assertEq(bob.balance, 10_000 ether, "bob has his METIS on L2");
        assertLe(block.timestamp - requestedAt, 1 hours, "fast path: paid without the 21-day exit delay");
        _assertFullyBacked();

        // --- slow path: unlock, 21 days, claim, principal back on L2
        vm.prank(l1Keeper);
        hub.unlockSeat(seat0);
        (,,,, ISequencerHub.SeatState st) = hub.seat(seat0);
        assertEq(uint8(st), uint8(ISequencerHub.SeatState.Unlocking));
        _report();
        assertEq(manager.lastReport().unlocking, 30_000 ether);
        _assertFullyBacked();
        vm.expectRevert();
        hub.claimSeat(seat0);
        vm.warp(block.timestamp + 21 days);
        hub.claimSeat(seat0); // anyone
        assertEq(l1Metis.balanceOf(address(hub)), 30_001 ether, "principal back on L1");
        _returnToL2(30_001 ether);
        assertEq(manager.creditPrincipal(), 30_001 ether, "anyone credits the arrival");
        assertEq(manager.bufferedMetis(), 30_001 ether + rewards, "all principal and the rewards back on L2");
        _assertFullyBacked();
        assertEq(hub.liveSeats().length, 0, "no live seat left");
    }
}
