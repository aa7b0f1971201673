// SPDX-License-Identifier: MIT
pragma solidity 0.8.23;

import {Fixture} from "../utils/Fixture.sol";
import {IRedemptionQueue} from "../../src/interfaces/IRedemptionQueue.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

contract StakingFuzzTest is Fixture {
    function testFuzz_stake_mintsExactlyAndStaysBacked(uint256 amount, address receiver) public {
        vm.assume(receiver != address(0));
        amount = bound(amount, 0.01 ether, 1e26);
        uint256 supply = eMetis.totalSupply();
        uint256 before = eMetis.balanceOf(receiver);
        _fund(alice, amount);
        vm.startPrank(alice);
        metis.approve(address(manager), amount);
        assertEq(manager.stake(amount, receiver, bob), amount);
        vm.stopPrank();
        assertEq(eMetis.balanceOf(receiver) - before, amount);
        assertEq(eMetis.totalSupply(), supply + amount);
        _assertFullyBacked();
    }

    function testFuzz_stakeAndRestake_sharesMatchPreview(uint256 first, uint256 second, uint256 reward) public {
        first = bound(first, 0.01 ether, 1e25);
        second = bound(second, 0.01 ether, 1e25);
        reward = bound(reward, 0, 1e24);
        _stakeAndRestake(alice, first);
        if (reward != 0) {
            // rewards stream in between the two deposits
            _addSeat(1);
            _stake(carol, MIN_LOCK);
            _allocate();
            _submitBatch(reward / RPB + 1);
            manager.harvest();
            _warp(3 days);
        }
        uint256 expected = seMetis.previewDeposit(second);
        uint256 assets = seMetis.totalAssets();
        assertEq(_stakeAndRestake(bob, second), expected);
        assertEq(seMetis.totalAssets(), assets + second);
        // bob's shares are never worth more than he paid
        assertLe(seMetis.convertToAssets(seMetis.balanceOf(bob)), second);
        _assertFullyBacked();
    }

    function testFuzz_restakeThenUnstake_roundTripNeverGains(uint256 amount, uint256 part) public {
        amount = bound(amount, 0.01 ether, 1e25);
        _stake(alice, amount);
        part = bound(part, 1e9, amount);
        uint256 shares = _restake(alice, part);
        vm.prank(alice);
        uint256 back = seMetis.redeem(shares, alice, alice);
        assertLe(back, part);
        assertApproxEqAbs(back, part, 1e6);
        assertEq(eMetis.balanceOf(alice), amount - part + back);
        _assertFullyBacked();
    }

    /// @dev Several users redeem in a fuzzed order; each ticket pays exactly its eMETIS at a full backing.
    function testFuzz_redeem_orderingsPayExactly(uint256[4] memory amounts, uint256 orderSeed, uint256 fundAt) public {
        address[4] memory users = [alice, bob, carol, makeAddr("dave")];
        uint256 total;
        for (uint256 i; i < 4; ++i) {
            amounts[i] = bound(amounts[i], 0.01 ether, 100_000e18);
            _stake(users[i], amounts[i]);
            total += amounts[i];
        }
        uint256[4] memory ids;
        for (uint256 k; k < 4; ++k) {
            uint256 i = (orderSeed % 4 + k) % 4;
            ids[i] = _request(users[i], amounts[i]);
        }
        assertEq(queue.unfinalizedAmount(), total);
        // fund in two steps at a fuzzed split
        fundAt = bound(fundAt, 1, 4);
        _fundRedemptions(fundAt);
        if (fundAt < 4) _fundRedemptions(4);
        assertEq(queue.reservedMetis(), total);
        _warp(21 days);
        for (uint256 i; i < 4; ++i) {
            vm.prank(users[i]);
            assertEq(queue.claim(ids[i], users[i]), amounts[i]);
            assertEq(metis.balanceOf(users[i]), amounts[i]);
        }
        assertEq(queue.reservedMetis(), 0);
        assertEq(metis.balanceOf(address(queue)), 0);
        _assertFullyBacked();
    }

    /// @dev After an uncovered loss every ticket pays floor(amount * rate) and the queue stays solvent.
    function testFuzz_redeem_afterLossPaysProRata(uint256 slashAmount, uint256 a, uint256 b) public {
        _addSeat(1);
        _stake(alice, 50_000e18);
        _allocate();
        (,, uint256 seqId,,) = manager.node(0);
        a = bound(a, 1e18, 20_000e18);
        b = bound(b, 1e18, 20_000e18);
        uint256 t1 = _request(alice, a);
        uint256 t2 = _request(alice, b);
        slashAmount = bound(slashAmount, 1, 30_000e18);
        vm.prank(admin);
        pool.slash(seqId, slashAmount);
        manager.syncNode(0);
        uint256 ratio = manager.backingRatio();
        assertLe(ratio, 1e18);
        vm.prank(keeper);
        manager.unlockNode(0);
        _warp(21 days);
        manager.claimUnlockedNode(0);
        uint256 paid = _fundRedemptions(t2);
        assertEq(paid, Math.mulDiv(a + b, ratio, 1e18));
        vm.startPrank(alice);
        uint256 p1 = queue.claim(t1, alice);
        uint256 p2 = queue.claim(t2, alice);
        vm.stopPrank();
        assertEq(p1, Math.mulDiv(a, ratio, 1e18));
        assertEq(p2, Math.mulDiv(b, ratio, 1e18));
        assertLe(p1 + p2, paid);
        assertEq(metis.balanceOf(address(queue)), paid - p1 - p2);
        assertGe(manager.backingRatio(), ratio);
    }

    /// @dev allocate() never breaks the pool's limits and leaves less than a seat's minimum idle.
    function testFuzz_allocate_respectsLimits(uint256 total, uint256 steps) public {
        for (uint256 i = 1; i <= 3; ++i) {
            _addSeat(i);
        }
        total = bound(total, 1e18, 400_000e18);
        steps = bound(steps, 1, 4);
        for (uint256 s; s < steps; ++s) {
            _stake(alice, total / steps);
            vm.prank(keeper);
            try manager.allocate() {} catch {}
        }
        uint256 open;
        for (uint256 i; i < 3; ++i) {
            (,, uint256 seqId, uint256 principal,) = manager.node(i);
            if (seqId == 0) {
                assertEq(principal, 0);
                continue;
            }
            ++open;
            assertGe(principal, MIN_LOCK);
            assertLe(principal, MAX_LOCK);
            assertEq(pool.sequencerBalance(seqId), principal);
        }
        // what stays idle could not fill a seat: either below the minimum or every seat is full
        uint256 idle = manager.bufferedMetis();
        assertTrue(idle < MIN_LOCK || manager.totalLocked() == 3 * MAX_LOCK, "idle METIS left");
        _assertFullyBacked();
    }

    function testFuzz_request_limits(uint256 amount) public {
        _stake(alice, 200_000e18);
        vm.startPrank(alice);
        eMetis.approve(address(queue), amount);
        if (amount == 0) {
            vm.expectRevert(IRedemptionQueue.QueueZeroAmount.selector);
        } else if (amount < 0.01 ether) {
            vm.expectRevert(abi.encodeWithSelector(IRedemptionQueue.QueueAmountBelowMin.selector, amount, 0.01 ether));
        } else if (amount > 100_000e18) {
            vm.expectRevert(abi.encodeWithSelector(IRedemptionQueue.QueueAmountAboveMax.selector, amount, 100_000e18));
        }
        queue.requestRedemption(amount, alice);
        vm.stopPrank();
    }
}
