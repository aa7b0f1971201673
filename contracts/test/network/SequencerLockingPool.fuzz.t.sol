// SPDX-License-Identifier: MIT
pragma solidity 0.8.23;

import {PoolBase} from "./PoolBase.sol";
import {SequencerLockingPool} from "../../src/network/SequencerLockingPool.sol";

contract SequencerLockingPoolFuzzTest is PoolBase {
    function testFuzz_lock_amountWithinLimits(uint256 amount) public {
        amount = bound(amount, 0, 2 * MAX);
        (bytes memory pk, address signer) = key(1);
        if (amount < MIN) {
            vm.expectRevert(abi.encodeWithSelector(SequencerLockingPool.PoolBelowMinLock.selector, amount, MIN));
        } else if (amount > MAX) {
            vm.expectRevert(abi.encodeWithSelector(SequencerLockingPool.PoolAboveMaxLock.selector, amount, MAX));
        }
        vm.prank(alice);
        pool.lockFor(signer, amount, pk);
        if (amount >= MIN && amount <= MAX) {
            assertEq(pool.sequencerBalance(1), amount);
            assertEq(metis.balanceOf(escrow), amount);
        } else {
            assertEq(pool.seqOwners(alice), 0);
        }
    }

    function testFuzz_lock_signerMustMatchPubkey(bytes32 a, bytes32 b, address claimed) public {
        bytes memory pk = abi.encodePacked(a, b);
        address derived = address(uint160(uint256(keccak256(pk))));
        vm.assume(claimed != derived);
        vm.expectRevert(abi.encodeWithSelector(SequencerLockingPool.PoolSignerMismatch.selector, claimed, derived));
        vm.prank(alice);
        pool.lockFor(claimed, MIN, pk);
        vm.prank(alice);
        pool.lockFor(derived, MIN, pk);
        assertEq(pool.seqSigners(derived), 1);
    }

    function testFuzz_relock(uint256 initial, uint256 extra, uint256 blocks, bool lockReward) public {
        initial = bound(initial, MIN, MAX);
        blocks = bound(blocks, 0, 1_000_000);
        (uint256 id, address signer) = lockAs(alice, 1, initial);
        submit(signer, blocks);
        uint256 reward = blocks * RPB;
        uint256 fromReward = lockReward ? reward : 0;
        extra = bound(extra, 0, 2 * MAX);
        uint256 total = initial + extra + fromReward;
        vm.prank(alice);
        if (extra + fromReward == 0) {
            vm.expectRevert(SequencerLockingPool.PoolNothingToRelock.selector);
        } else if (total > MAX) {
            vm.expectRevert(abi.encodeWithSelector(SequencerLockingPool.PoolAboveMaxLock.selector, total, MAX));
        }
        pool.relock(id, extra, lockReward);
        if (extra + fromReward != 0 && total <= MAX) {
            assertEq(pool.sequencerBalance(id), total);
            assertEq(pool.sequencerReward(id), reward - fromReward);
            assertEq(pool.totalLocked(), total);
        } else {
            assertEq(pool.sequencerBalance(id), initial);
        }
        assertEq(metis.balanceOf(escrow), pool.totalLocked() + pool.totalReward());
    }

    function testFuzz_withdraw(uint256 initial, uint256 amount) public {
        initial = bound(initial, MIN, MAX);
        amount = bound(amount, 1, MAX);
        (uint256 id,) = lockAs(alice, 1, initial);
        emptyBatch();
        uint256 before = metis.balanceOf(alice);
        vm.prank(alice);
        if (amount > initial) {
            vm.expectRevert(
                abi.encodeWithSelector(SequencerLockingPool.PoolWithdrawExceedsLocked.selector, amount, initial)
            );
        } else if (initial - amount < MIN) {
            vm.expectRevert(
                abi.encodeWithSelector(SequencerLockingPool.PoolBelowMinLock.selector, initial - amount, MIN)
            );
        }
        pool.withdraw(id, amount);
        if (amount <= initial && initial - amount >= MIN) {
            assertEq(metis.balanceOf(alice), before + amount);
            assertEq(pool.sequencerBalance(id), initial - amount);
        } else {
            assertEq(metis.balanceOf(alice), before);
            assertEq(pool.sequencerBalance(id), initial);
        }
        assertGe(pool.sequencerBalance(id), MIN);
    }

    function testFuzz_batchRewards(uint256[3] memory blocks, uint256 rpb) public {
        rpb = bound(rpb, 0, 1e18);
        vm.prank(admin);
        pool.setRewardPerBlock(rpb);
        address[] memory s = new address[](3);
        uint256[] memory b = new uint256[](3);
        (, s[0]) = lockAs(alice, 1, MIN);
        (, s[1]) = lockAs(bob, 2, MIN);
        s[2] = s[0];
        uint256 sum;
        for (uint256 i; i < 3; ++i) {
            b[i] = bound(blocks[i], 0, 10_000_000);
            sum += b[i];
        }
        uint256 payerBefore = metis.balanceOf(payer);
        submitMany(s, b);
        assertEq(pool.sequencerReward(1), (b[0] + b[2]) * rpb);
        assertEq(pool.sequencerReward(2), b[1] * rpb);
        assertEq(payerBefore - metis.balanceOf(payer), sum * rpb);
        assertEq(metis.balanceOf(escrow), 2 * MIN + sum * rpb);
        assertEq(pool.totalReward(), sum * rpb);
    }

    function testFuzz_slash(uint256 blocks, uint256 amount) public {
        blocks = bound(blocks, 0, 1_000_000);
        (uint256 id, address signer) = lockAs(alice, 1, MIN);
        submit(signer, blocks);
        uint256 available = MIN + blocks * RPB;
        amount = bound(amount, 1, available);
        vm.prank(admin);
        pool.slash(id, amount);
        assertEq(pool.sequencerBalance(id) + pool.sequencerReward(id), available - amount);
        assertEq(metis.balanceOf(admin), amount);
        assertEq(metis.balanceOf(escrow), pool.totalLocked() + pool.totalReward());
    }
}
