// SPDX-License-Identifier: MIT
pragma solidity 0.8.23;

import {PoolBase} from "./PoolBase.sol";
import {SequencerLockingPool} from "../../src/network/SequencerLockingPool.sol";
import {LockingEscrow} from "../../src/network/LockingEscrow.sol";
import {ISequencerLockingPool} from "../../src/interfaces/ISequencerLockingPool.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";

contract SequencerLockingPoolTest is PoolBase {
    event Locked(
        uint256 indexed seqId,
        address indexed owner,
        address indexed signer,
        address rewardRecipient,
        uint256 amount,
        uint256 batchId,
        bytes signerPubkey
    );
    event DistributeReward(
        uint256 indexed batchId, uint256 startEpoch, uint256 endEpoch, uint256 amount, uint256 rewardPerBlock
    );
    event Slashed(
        uint256 indexed seqId, address indexed recipient, uint256 fromPrincipal, uint256 fromReward, uint256 locked
    );
    event UnlockInit(uint256 indexed seqId, bool forced, uint256 unlockClaimTime, uint256 locked, uint256 nonce);

    // ------------------------------------------------------------------ construction and defaults
    function test_constructor_defaults() public view {
        assertEq(pool.metis(), address(metis));
        assertEq(LockingEscrow(escrow).pool(), address(pool));
        assertEq(address(LockingEscrow(escrow).metis()), address(metis));
        assertEq(pool.owner(), admin);
        assertEq(pool.mpc(), mpc);
        assertEq(pool.rewardPayer(), payer);
        assertEq(pool.slashRecipient(), admin);
        assertEq(pool.minLock(), MIN);
        assertEq(pool.maxLock(), MAX);
        assertEq(pool.exitDelayPeriod(), 21 days);
        assertEq(pool.rewardPerBlock(), 0.000761e18);
        assertEq(pool.currentBatch(), 0);
        assertEq(pool.totalLocked(), 0);
        assertFalse(pool.paused());
    }

    function test_constructor_revertsOnZeroAddress() public {
        vm.expectRevert(SequencerLockingPool.PoolZeroAddress.selector);
        new SequencerLockingPool(address(0), admin, mpc, payer);
        vm.expectRevert(SequencerLockingPool.PoolZeroAddress.selector);
        new SequencerLockingPool(address(metis), admin, address(0), payer);
        vm.expectRevert(SequencerLockingPool.PoolZeroAddress.selector);
        new SequencerLockingPool(address(metis), admin, mpc, address(0));
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableInvalidOwner.selector, address(0)));
        new SequencerLockingPool(address(metis), address(0), mpc, payer);
    }

    // ------------------------------------------------------------------ escrow
    function test_escrow_onlyPool() public {
        vm.expectRevert(abi.encodeWithSelector(LockingEscrow.EscrowNotPool.selector, alice));
        vm.prank(alice);
        LockingEscrow(escrow).push(alice, 1);
        vm.expectRevert(abi.encodeWithSelector(LockingEscrow.EscrowNotPool.selector, alice));
        vm.prank(alice);
        LockingEscrow(escrow).pull(bob, 1);
    }

    // ------------------------------------------------------------------ lock
    function test_lockFor_createsActiveSequencer() public {
        (bytes memory pk, address signer) = key(1);
        uint256 before = metis.balanceOf(alice);
        vm.expectEmit(address(pool));
        emit Locked(1, alice, signer, alice, MIN, 0, pk);
        vm.prank(alice);
        pool.lockFor(signer, MIN, pk);

        assertEq(pool.seqOwners(alice), 1);
        assertEq(pool.seqSigners(signer), 1);
        assertEq(pool.sequencerBalance(1), MIN);
        assertEq(pool.sequencerReward(1), 0);
        assertTrue(pool.sequencerStatus(1) == ISequencerLockingPool.Status.Active);
        assertEq(pool.sequencerUnlockClaimTime(1), 0);
        assertEq(pool.totalLocked(), MIN);
        assertEq(metis.balanceOf(escrow), MIN);
        assertEq(metis.balanceOf(alice), before - MIN);
        _checkFreshTuple(pk, signer);
    }

    function _checkFreshTuple(bytes memory pk, address signer) internal view {
        SequencerLockingPool.Sequencer memory q = info(1);
        assertEq(q.amount, MIN);
        assertEq(q.reward + q.activationBatch + q.updatedBatch + q.deactivationBatch + q.deactivationTime, 0);
        assertEq(uint256(q.unlockClaimTime) + q.nonce, 0);
        assertEq(q.owner, alice);
        assertEq(q.signer, signer);
        assertEq(keccak256(q.pubkey), keccak256(pk));
        assertEq(q.rewardRecipient, alice);
        assertTrue(q.status == ISequencerLockingPool.Status.Active);
    }

    /// @dev `sequencers(id)` returns Metis's 13-value tuple (amount, reward, activationBatch, updatedBatch,
    /// deactivationBatch, deactivationTime, unlockClaimTime, nonce, owner, signer, pubkey, rewardRecipient,
    /// status); decoded here as the struct after prefixing the tuple with its head offset.
    function test_sequencers_returnsMetisTuple() public {
        (uint256 id, address signer) = lockAs(alice, 1, MAX);
        submit(signer, 7);
        emptyBatch();
        vm.prank(alice);
        pool.withdraw(id, 1e18);
        vm.warp(1000);
        vm.prank(alice);
        pool.unlock(id, 0);
        (bool ok, bytes memory ret) = address(pool).staticcall(abi.encodeCall(pool.sequencers, (id)));
        assertTrue(ok);
        SequencerLockingPool.Sequencer memory q =
            abi.decode(bytes.concat(bytes32(uint256(32)), ret), (SequencerLockingPool.Sequencer));
        (bytes memory pk,) = key(1);
        assertEq(q.amount, MAX - 1e18);
        assertEq(q.reward, 0);
        assertEq(q.activationBatch, 0);
        assertEq(q.updatedBatch, 2);
        assertEq(q.deactivationBatch, 2);
        assertEq(q.deactivationTime, 1000);
        assertEq(q.unlockClaimTime, 1000 + 21 days);
        assertEq(q.nonce, 2);
        assertEq(q.owner, alice);
        assertEq(q.signer, signer);
        assertEq(keccak256(q.pubkey), keccak256(pk));
        assertEq(q.rewardRecipient, alice);
        assertTrue(q.status == ISequencerLockingPool.Status.Inactive);
        assertEq(keccak256(abi.encode(q)), keccak256(abi.encode(pool.sequencerInfo(id))));
    }

    function test_lockFor_secondOwnerGetsNextId() public {
        lockAs(alice, 1, MIN);
        (uint256 id,) = lockAs(bob, 2, MAX);
        assertEq(id, 2);
        assertEq(pool.seqCount(), 2);
        assertEq(pool.totalLocked(), MIN + MAX);
    }

    function test_lockWithRewardRecipient_setsRecipient() public {
        (bytes memory pk, address signer) = key(1);
        vm.prank(alice);
        pool.lockWithRewardRecipient(signer, bob, MIN, pk);
        assertEq(info(1).rewardRecipient, bob);
    }

    function test_lockWithRewardRecipient_revertsOnZeroRecipient() public {
        (bytes memory pk, address signer) = key(1);
        vm.expectRevert(SequencerLockingPool.PoolZeroAddress.selector);
        vm.prank(alice);
        pool.lockWithRewardRecipient(signer, address(0), MIN, pk);
    }

    function test_lock_revertsNotWhitelisted() public {
        (bytes memory pk, address signer) = key(1);
        address eve = makeAddr("eve");
        vm.expectRevert(abi.encodeWithSelector(SequencerLockingPool.PoolNotWhitelisted.selector, eve));
        vm.prank(eve);
        pool.lockFor(signer, MIN, pk);
    }

    function test_lock_revertsWhenWhitelistRevoked() public {
        vm.prank(admin);
        pool.setWhitelist(alice, false);
        (bytes memory pk, address signer) = key(1);
        vm.expectRevert(abi.encodeWithSelector(SequencerLockingPool.PoolNotWhitelisted.selector, alice));
        vm.prank(alice);
        pool.lockWithRewardRecipient(signer, alice, MIN, pk);
    }

    function test_lock_revertsSecondSequencer() public {
        lockAs(alice, 1, MIN);
        (bytes memory pk, address signer) = key(2);
        vm.expectRevert(abi.encodeWithSelector(SequencerLockingPool.PoolOwnerHasSequencer.selector, alice, 1));
        vm.prank(alice);
        pool.lockFor(signer, MIN, pk);
    }

    function test_lock_revertsBadPubkeyLength() public {
        (bytes memory pk, address signer) = key(1);
        bytes memory short = new bytes(63);
        vm.expectRevert(abi.encodeWithSelector(SequencerLockingPool.PoolInvalidPubkeyLength.selector, 63));
        vm.prank(alice);
        pool.lockFor(signer, MIN, short);
        bytes memory long = abi.encodePacked(bytes1(0x04), pk); // 65 bytes, prefixed form
        vm.expectRevert(abi.encodeWithSelector(SequencerLockingPool.PoolInvalidPubkeyLength.selector, 65));
        vm.prank(alice);
        pool.lockFor(signer, MIN, long);
    }

    function test_lock_revertsSignerMismatch() public {
        (bytes memory pk, address signer) = key(1);
        (, address other) = key(2);
        vm.expectRevert(abi.encodeWithSelector(SequencerLockingPool.PoolSignerMismatch.selector, other, signer));
        vm.prank(alice);
        pool.lockFor(other, MIN, pk);
    }

    function test_lock_revertsSignerInUse() public {
        (, address signer) = lockAs(alice, 1, MIN);
        (bytes memory pk,) = key(1);
        vm.expectRevert(abi.encodeWithSelector(SequencerLockingPool.PoolSignerUsed.selector, signer, 1));
        vm.prank(bob);
        pool.lockFor(signer, MIN, pk);
    }

    function test_lock_revertsBelowMin() public {
        (bytes memory pk, address signer) = key(1);
        vm.expectRevert(abi.encodeWithSelector(SequencerLockingPool.PoolBelowMinLock.selector, MIN - 1, MIN));
        vm.prank(alice);
        pool.lockFor(signer, MIN - 1, pk);
    }

    function test_lock_revertsAboveMax() public {
        (bytes memory pk, address signer) = key(1);
        vm.expectRevert(abi.encodeWithSelector(SequencerLockingPool.PoolAboveMaxLock.selector, MAX + 1, MAX));
        vm.prank(alice);
        pool.lockFor(signer, MAX + 1, pk);
    }

    function test_lock_revertsWhenPaused() public {
        vm.prank(admin);
        pool.setPause(true);
        (bytes memory pk, address signer) = key(1);
        vm.expectRevert(SequencerLockingPool.PoolPaused.selector);
        vm.prank(alice);
        pool.lockFor(signer, MIN, pk);
    }

    function test_lock_revertsWithoutAllowance() public {
        address carol = makeAddr("carol");
        vm.startPrank(admin);
        pool.setWhitelist(carol, true);
        metis.mint(carol, MIN);
        vm.stopPrank();
        (bytes memory pk, address signer) = key(1);
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InsufficientAllowance.selector, escrow, 0, MIN));
        vm.prank(carol);
        pool.lockFor(signer, MIN, pk);
    }

    // ------------------------------------------------------------------ relock
    function test_relock_addsPrincipal() public {
        (uint256 id,) = lockAs(alice, 1, MIN);
        vm.prank(alice);
        pool.relock(id, 5_000e18, false);
        assertEq(pool.sequencerBalance(id), MIN + 5_000e18);
        assertEq(pool.totalLocked(), MIN + 5_000e18);
        assertEq(metis.balanceOf(escrow), MIN + 5_000e18);
    }

    function test_relock_lockRewardMovesRewardIntoPrincipal() public {
        (uint256 id, address signer) = lockAs(alice, 1, MIN);
        submit(signer, 1000);
        uint256 r = 1000 * RPB;
        assertEq(pool.sequencerReward(id), r);
        uint256 escrowBefore = metis.balanceOf(escrow);
        vm.prank(alice);
        pool.relock(id, 0, true);
        assertEq(pool.sequencerBalance(id), MIN + r);
        assertEq(pool.sequencerReward(id), 0);
        assertEq(pool.totalLocked(), MIN + r);
        assertEq(pool.totalReward(), 0);
        assertEq(metis.balanceOf(escrow), escrowBefore, "no METIS moves");
    }

    function test_relock_withoutLockRewardKeepsReward() public {
        (uint256 id, address signer) = lockAs(alice, 1, MIN);
        submit(signer, 10);
        vm.prank(alice);
        pool.relock(id, 1e18, false);
        assertEq(pool.sequencerReward(id), 10 * RPB);
        assertEq(pool.sequencerBalance(id), MIN + 1e18);
    }

    function test_relock_revertsAboveMax() public {
        (uint256 id,) = lockAs(alice, 1, MAX - 1e18);
        vm.expectRevert(abi.encodeWithSelector(SequencerLockingPool.PoolAboveMaxLock.selector, MAX + 1e18, MAX));
        vm.prank(alice);
        pool.relock(id, 2e18, false);
    }

    function test_relock_revertsAboveMaxWithReward() public {
        (uint256 id, address signer) = lockAs(alice, 1, MAX);
        submit(signer, 1);
        vm.expectRevert(abi.encodeWithSelector(SequencerLockingPool.PoolAboveMaxLock.selector, MAX + RPB, MAX));
        vm.prank(alice);
        pool.relock(id, 0, true);
    }

    function test_relock_revertsNothing() public {
        (uint256 id,) = lockAs(alice, 1, MIN);
        vm.expectRevert(SequencerLockingPool.PoolNothingToRelock.selector);
        vm.prank(alice);
        pool.relock(id, 0, true);
    }

    function test_relock_revertsNotOwner() public {
        (uint256 id,) = lockAs(alice, 1, MIN);
        vm.expectRevert(abi.encodeWithSelector(SequencerLockingPool.PoolNotSeqOwner.selector, id, bob));
        vm.prank(bob);
        pool.relock(id, 1e18, false);
    }

    function test_relock_revertsNotWhitelisted() public {
        (uint256 id,) = lockAs(alice, 1, MIN);
        vm.prank(admin);
        pool.setWhitelist(alice, false);
        vm.expectRevert(abi.encodeWithSelector(SequencerLockingPool.PoolNotWhitelisted.selector, alice));
        vm.prank(alice);
        pool.relock(id, 1e18, false);
    }

    function test_relock_revertsPaused() public {
        (uint256 id,) = lockAs(alice, 1, MIN);
        vm.prank(admin);
        pool.setPause(true);
        vm.expectRevert(SequencerLockingPool.PoolPaused.selector);
        vm.prank(alice);
        pool.relock(id, 1e18, false);
    }

    function test_relock_revertsInactive() public {
        (uint256 id,) = lockAs(alice, 1, MIN);
        vm.prank(alice);
        pool.unlock(id, 0);
        vm.expectRevert(abi.encodeWithSelector(SequencerLockingPool.PoolSeqNotActive.selector, id));
        vm.prank(alice);
        pool.relock(id, 1e18, false);
    }

    // ------------------------------------------------------------------ withdraw
    function test_withdraw_sendsPrincipal() public {
        (uint256 id,) = lockAs(alice, 1, MAX);
        emptyBatch();
        uint256 before = metis.balanceOf(alice);
        vm.prank(alice);
        pool.withdraw(id, MAX - MIN);
        assertEq(metis.balanceOf(alice), before + MAX - MIN);
        assertEq(pool.sequencerBalance(id), MIN);
        assertEq(pool.totalLocked(), MIN);
        assertEq(info(id).updatedBatch, 1);
    }

    function test_withdraw_revertsInLockBatch() public {
        (uint256 id,) = lockAs(alice, 1, MAX);
        vm.expectRevert(abi.encodeWithSelector(SequencerLockingPool.PoolWithdrawThrottled.selector, id, 0));
        vm.prank(alice);
        pool.withdraw(id, 1e18);
    }

    function test_withdraw_revertsTwiceInBatch() public {
        (uint256 id,) = lockAs(alice, 1, MAX);
        emptyBatch();
        vm.prank(alice);
        pool.withdraw(id, 1e18);
        vm.expectRevert(abi.encodeWithSelector(SequencerLockingPool.PoolWithdrawThrottled.selector, id, 1));
        vm.prank(alice);
        pool.withdraw(id, 1e18);
        emptyBatch();
        vm.prank(alice);
        pool.withdraw(id, 1e18);
        assertEq(pool.sequencerBalance(id), MAX - 2e18);
    }

    function test_withdraw_revertsBelowMin() public {
        (uint256 id,) = lockAs(alice, 1, MIN + 10);
        emptyBatch();
        vm.expectRevert(abi.encodeWithSelector(SequencerLockingPool.PoolBelowMinLock.selector, MIN - 1, MIN));
        vm.prank(alice);
        pool.withdraw(id, 11);
    }

    function test_withdraw_revertsAboveLocked() public {
        (uint256 id,) = lockAs(alice, 1, MIN);
        emptyBatch();
        vm.expectRevert(abi.encodeWithSelector(SequencerLockingPool.PoolWithdrawExceedsLocked.selector, MIN + 1, MIN));
        vm.prank(alice);
        pool.withdraw(id, MIN + 1);
    }

    function test_withdraw_revertsZero() public {
        (uint256 id,) = lockAs(alice, 1, MIN);
        emptyBatch();
        vm.expectRevert(SequencerLockingPool.PoolZeroAmount.selector);
        vm.prank(alice);
        pool.withdraw(id, 0);
    }

    function test_withdraw_revertsNotOwner() public {
        (uint256 id,) = lockAs(alice, 1, MAX);
        emptyBatch();
        vm.expectRevert(abi.encodeWithSelector(SequencerLockingPool.PoolNotSeqOwner.selector, id, bob));
        vm.prank(bob);
        pool.withdraw(id, 1e18);
    }

    function test_withdraw_revertsPaused() public {
        (uint256 id,) = lockAs(alice, 1, MAX);
        emptyBatch();
        vm.prank(admin);
        pool.setPause(true);
        vm.expectRevert(SequencerLockingPool.PoolPaused.selector);
        vm.prank(alice);
        pool.withdraw(id, 1e18);
    }

    function test_withdraw_revertsUnknownSequencer() public {
        vm.expectRevert(abi.encodeWithSelector(SequencerLockingPool.PoolNotSeqOwner.selector, 7, alice));
        vm.prank(alice);
        pool.withdraw(7, 1e18);
    }

    // ------------------------------------------------------------------ rewards
    function test_batchSubmitRewards_creditsAndPulls() public {
        (uint256 a, address sa) = lockAs(alice, 1, MIN);
        (uint256 b, address sb) = lockAs(bob, 2, MIN);
        address[] memory s = new address[](2);
        uint256[] memory n = new uint256[](2);
        (s[0], s[1], n[0], n[1]) = (sa, sb, 300, 700);
        uint256 payerBefore = metis.balanceOf(payer);
        vm.expectEmit(address(pool));
        emit DistributeReward(1, 1, 10, 1000 * RPB, RPB);
        vm.prank(mpc);
        pool.batchSubmitRewards(1, 1, 10, s, n);
        assertEq(pool.sequencerReward(a), 300 * RPB);
        assertEq(pool.sequencerReward(b), 700 * RPB);
        assertEq(pool.totalReward(), 1000 * RPB);
        assertEq(metis.balanceOf(payer), payerBefore - 1000 * RPB);
        assertEq(metis.balanceOf(escrow), 2 * MIN + 1000 * RPB);
        assertEq(pool.currentBatch(), 1);
        assertEq(pool.lastEndEpoch(), 10);
        // next batch continues from epoch 11; the same signer may appear twice
        (s[0], s[1], n[0], n[1]) = (sa, sa, 1, 2);
        vm.prank(mpc);
        pool.batchSubmitRewards(2, 11, 11, s, n);
        assertEq(pool.sequencerReward(a), 303 * RPB);
    }

    function test_batchSubmitRewards_usesCurrentRewardPerBlock() public {
        (uint256 id, address signer) = lockAs(alice, 1, MIN);
        vm.prank(admin);
        pool.setRewardPerBlock(1e15);
        submit(signer, 5);
        assertEq(pool.sequencerReward(id), 5e15);
    }

    function test_batchSubmitRewards_revertsNotMpc() public {
        vm.expectRevert(abi.encodeWithSelector(SequencerLockingPool.PoolNotMpc.selector, alice));
        vm.prank(alice);
        pool.batchSubmitRewards(1, 1, 1, new address[](0), new uint256[](0));
    }

    function test_batchSubmitRewards_revertsWrongBatchId() public {
        vm.expectRevert(abi.encodeWithSelector(SequencerLockingPool.PoolInvalidBatchId.selector, 2, 1));
        vm.prank(mpc);
        pool.batchSubmitRewards(2, 1, 1, new address[](0), new uint256[](0));
        vm.expectRevert(abi.encodeWithSelector(SequencerLockingPool.PoolInvalidBatchId.selector, 0, 1));
        vm.prank(mpc);
        pool.batchSubmitRewards(0, 1, 1, new address[](0), new uint256[](0));
    }

    function test_batchSubmitRewards_revertsWrongStartEpoch() public {
        vm.expectRevert(abi.encodeWithSelector(SequencerLockingPool.PoolInvalidStartEpoch.selector, 0, 1));
        vm.prank(mpc);
        pool.batchSubmitRewards(1, 0, 1, new address[](0), new uint256[](0));
        vm.prank(mpc);
        pool.batchSubmitRewards(1, 1, 5, new address[](0), new uint256[](0));
        vm.expectRevert(abi.encodeWithSelector(SequencerLockingPool.PoolInvalidStartEpoch.selector, 7, 6));
        vm.prank(mpc);
        pool.batchSubmitRewards(2, 7, 8, new address[](0), new uint256[](0));
    }

    function test_batchSubmitRewards_revertsEndBeforeStart() public {
        vm.prank(mpc);
        pool.batchSubmitRewards(1, 1, 5, new address[](0), new uint256[](0));
        vm.expectRevert(abi.encodeWithSelector(SequencerLockingPool.PoolInvalidEndEpoch.selector, 6, 5));
        vm.prank(mpc);
        pool.batchSubmitRewards(2, 6, 5, new address[](0), new uint256[](0));
    }

    function test_batchSubmitRewards_revertsLengthMismatch() public {
        vm.expectRevert(abi.encodeWithSelector(SequencerLockingPool.PoolLengthMismatch.selector, 1, 0));
        vm.prank(mpc);
        pool.batchSubmitRewards(1, 1, 1, new address[](1), new uint256[](0));
    }

    function test_batchSubmitRewards_revertsUnknownSigner() public {
        (, address stranger) = key(99);
        address[] memory s = new address[](1);
        s[0] = stranger;
        vm.expectRevert(abi.encodeWithSelector(SequencerLockingPool.PoolSignerNotActive.selector, stranger));
        vm.prank(mpc);
        pool.batchSubmitRewards(1, 1, 1, s, new uint256[](1));
    }

    function test_batchSubmitRewards_revertsInactiveSigner() public {
        (uint256 id, address signer) = lockAs(alice, 1, MIN);
        vm.prank(alice);
        pool.unlock(id, 0);
        address[] memory s = new address[](1);
        s[0] = signer;
        vm.expectRevert(abi.encodeWithSelector(SequencerLockingPool.PoolSignerNotActive.selector, signer));
        vm.prank(mpc);
        pool.batchSubmitRewards(1, 1, 1, s, new uint256[](1));
    }

    function test_batchSubmitRewards_revertsPayerWithoutAllowance() public {
        (, address signer) = lockAs(alice, 1, MIN);
        vm.prank(payer);
        metis.approve(escrow, 0);
        address[] memory s = new address[](1);
        uint256[] memory n = new uint256[](1);
        (s[0], n[0]) = (signer, 10);
        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientAllowance.selector, escrow, 0, 10 * RPB)
        );
        vm.prank(mpc);
        pool.batchSubmitRewards(1, 1, 1, s, n);
        assertEq(pool.currentBatch(), 0, "state rolled back");
    }

    function test_batchSubmitRewards_runsWhilePaused() public {
        (uint256 id, address signer) = lockAs(alice, 1, MIN);
        vm.prank(admin);
        pool.setPause(true);
        submit(signer, 1);
        assertEq(pool.sequencerReward(id), RPB);
    }

    function test_withdrawRewards_paysRecipient() public {
        (bytes memory pk, address signer) = key(1);
        vm.prank(alice);
        pool.lockWithRewardRecipient(signer, bob, MIN, pk);
        submit(signer, 100);
        uint256 before = metis.balanceOf(bob);
        vm.prank(alice);
        pool.withdrawRewards(1, 200_000);
        assertEq(metis.balanceOf(bob), before + 100 * RPB);
        assertEq(pool.sequencerReward(1), 0);
        assertEq(pool.totalReward(), 0);
        assertEq(metis.balanceOf(escrow), MIN);
    }

    function test_withdrawRewards_zeroRewardIsNoop() public {
        (uint256 id,) = lockAs(alice, 1, MIN);
        uint256 before = metis.balanceOf(alice);
        vm.prank(alice);
        pool.withdrawRewards(id, 0);
        assertEq(metis.balanceOf(alice), before);
    }

    function test_withdrawRewards_revertsWithValue() public {
        (uint256 id,) = lockAs(alice, 1, MIN);
        vm.deal(alice, 1 ether);
        vm.expectRevert(abi.encodeWithSelector(SequencerLockingPool.PoolBridgeFeeNotSupported.selector, 1));
        vm.prank(alice);
        pool.withdrawRewards{value: 1}(id, 0);
    }

    function test_withdrawRewards_revertsNotOwner() public {
        (uint256 id,) = lockAs(alice, 1, MIN);
        vm.expectRevert(abi.encodeWithSelector(SequencerLockingPool.PoolNotSeqOwner.selector, id, bob));
        vm.prank(bob);
        pool.withdrawRewards(id, 0);
    }

    function test_withdrawRewards_revertsPaused() public {
        (uint256 id,) = lockAs(alice, 1, MIN);
        vm.prank(admin);
        pool.setPause(true);
        vm.expectRevert(SequencerLockingPool.PoolPaused.selector);
        vm.prank(alice);
        pool.withdrawRewards(id, 0);
    }

    function test_setSequencerRewardRecipient() public {
        (uint256 id, address signer) = lockAs(alice, 1, MIN);
        vm.prank(alice);
        pool.setSequencerRewardRecipient(id, bob);
        submit(signer, 1);
        uint256 before = metis.balanceOf(bob);
        vm.prank(alice);
        pool.withdrawRewards(id, 0);
        assertEq(metis.balanceOf(bob), before + RPB);
        vm.expectRevert(abi.encodeWithSelector(SequencerLockingPool.PoolNotSeqOwner.selector, id, bob));
        vm.prank(bob);
        pool.setSequencerRewardRecipient(id, bob);
        vm.expectRevert(SequencerLockingPool.PoolZeroAddress.selector);
        vm.prank(alice);
        pool.setSequencerRewardRecipient(id, address(0));
    }

    // ------------------------------------------------------------------ unlock / claim
    function test_unlock_thenClaim() public {
        (uint256 id, address signer) = lockAs(alice, 1, MIN);
        submit(signer, 10);
        uint256 before = metis.balanceOf(alice);
        vm.expectEmit(address(pool));
        emit UnlockInit(id, false, block.timestamp + 21 days, MIN, 1);
        vm.prank(alice);
        pool.unlock(id, 0);
        assertTrue(pool.sequencerStatus(id) == ISequencerLockingPool.Status.Inactive);
        assertEq(pool.sequencerUnlockClaimTime(id), block.timestamp + 21 days);
        assertEq(metis.balanceOf(alice), before + 10 * RPB, "reward paid at unlock");
        assertEq(pool.totalLocked(), MIN, "principal still locked while inactive");
        assertEq(pool.seqOwners(alice), id);

        vm.warp(block.timestamp + 21 days);
        vm.prank(alice);
        pool.unlockClaim(id, 0);
        assertTrue(pool.sequencerStatus(id) == ISequencerLockingPool.Status.Unlocked);
        assertEq(metis.balanceOf(alice), before + 10 * RPB + MIN);
        assertEq(pool.totalLocked(), 0);
        assertEq(pool.sequencerBalance(id), 0);
        assertEq(pool.seqOwners(alice), 0);
        assertEq(pool.seqSigners(signer), id, "signer stays bound (blacklisted)");
        assertEq(metis.balanceOf(escrow), 0);
    }

    function test_unlockClaim_ownerMayLockAgainButNotWithOldSigner() public {
        (uint256 id, address signer) = lockAs(alice, 1, MIN);
        vm.prank(alice);
        pool.unlock(id, 0);
        vm.warp(block.timestamp + 21 days);
        vm.prank(alice);
        pool.unlockClaim(id, 0);
        (bytes memory pk,) = key(1);
        vm.expectRevert(abi.encodeWithSelector(SequencerLockingPool.PoolSignerUsed.selector, signer, id));
        vm.prank(alice);
        pool.lockFor(signer, MIN, pk);
        vm.expectRevert(abi.encodeWithSelector(SequencerLockingPool.PoolSignerUsed.selector, signer, id));
        vm.prank(bob);
        pool.lockFor(signer, MIN, pk);
        (uint256 id2,) = lockAs(alice, 2, MIN);
        assertEq(id2, 2);
    }

    function test_unlockClaim_revertsTooEarly() public {
        (uint256 id,) = lockAs(alice, 1, MIN);
        vm.prank(alice);
        pool.unlock(id, 0);
        uint256 t = block.timestamp + 21 days;
        vm.warp(t - 1);
        vm.expectRevert(abi.encodeWithSelector(SequencerLockingPool.PoolUnlockTooEarly.selector, id, t));
        vm.prank(alice);
        pool.unlockClaim(id, 0);
    }

    function test_unlockClaim_revertsTwice() public {
        (uint256 id,) = lockAs(alice, 1, MIN);
        vm.prank(alice);
        pool.unlock(id, 0);
        vm.warp(block.timestamp + 21 days);
        vm.prank(alice);
        pool.unlockClaim(id, 0);
        vm.expectRevert(abi.encodeWithSelector(SequencerLockingPool.PoolSeqNotInactive.selector, id));
        vm.prank(alice);
        pool.unlockClaim(id, 0);
    }

    function test_unlockClaim_revertsWhileActive() public {
        (uint256 id,) = lockAs(alice, 1, MIN);
        vm.expectRevert(abi.encodeWithSelector(SequencerLockingPool.PoolSeqNotInactive.selector, id));
        vm.prank(alice);
        pool.unlockClaim(id, 0);
    }

    function test_unlockClaim_revertsNotOwner() public {
        (uint256 id,) = lockAs(alice, 1, MIN);
        vm.prank(alice);
        pool.unlock(id, 0);
        vm.warp(block.timestamp + 21 days);
        vm.expectRevert(abi.encodeWithSelector(SequencerLockingPool.PoolNotSeqOwner.selector, id, bob));
        vm.prank(bob);
        pool.unlockClaim(id, 0);
    }

    function test_unlockClaim_revertsWithValueAndPaused() public {
        (uint256 id,) = lockAs(alice, 1, MIN);
        vm.prank(alice);
        pool.unlock(id, 0);
        vm.warp(block.timestamp + 21 days);
        vm.deal(alice, 1 ether);
        vm.expectRevert(abi.encodeWithSelector(SequencerLockingPool.PoolBridgeFeeNotSupported.selector, 5));
        vm.prank(alice);
        pool.unlockClaim{value: 5}(id, 0);
        vm.prank(admin);
        pool.setPause(true);
        vm.expectRevert(SequencerLockingPool.PoolPaused.selector);
        vm.prank(alice);
        pool.unlockClaim(id, 0);
    }

    function test_unlock_revertsTwice() public {
        (uint256 id,) = lockAs(alice, 1, MIN);
        vm.prank(alice);
        pool.unlock(id, 0);
        vm.expectRevert(abi.encodeWithSelector(SequencerLockingPool.PoolSeqNotActive.selector, id));
        vm.prank(alice);
        pool.unlock(id, 0);
    }

    function test_unlock_revertsNotOwnerValueAndPaused() public {
        (uint256 id,) = lockAs(alice, 1, MIN);
        vm.expectRevert(abi.encodeWithSelector(SequencerLockingPool.PoolNotSeqOwner.selector, id, bob));
        vm.prank(bob);
        pool.unlock(id, 0);
        vm.deal(alice, 1 ether);
        vm.expectRevert(abi.encodeWithSelector(SequencerLockingPool.PoolBridgeFeeNotSupported.selector, 1));
        vm.prank(alice);
        pool.unlock{value: 1}(id, 0);
        vm.prank(admin);
        pool.setPause(true);
        vm.expectRevert(SequencerLockingPool.PoolPaused.selector);
        vm.prank(alice);
        pool.unlock(id, 0);
    }

    function test_unlock_exitDelayChangeAppliesToLaterUnlocks() public {
        (uint256 id,) = lockAs(alice, 1, MIN);
        vm.prank(alice);
        pool.unlock(id, 0);
        uint256 t = pool.sequencerUnlockClaimTime(id);
        vm.prank(admin);
        pool.setExitDelay(0);
        assertEq(pool.sequencerUnlockClaimTime(id), t);
        (uint256 id2,) = lockAs(bob, 2, MIN);
        vm.prank(bob);
        pool.unlock(id2, 0);
        vm.prank(bob);
        pool.unlockClaim(id2, 0);
        assertTrue(pool.sequencerStatus(id2) == ISequencerLockingPool.Status.Unlocked);
    }

    // ------------------------------------------------------------------ forceUnlock
    function test_forceUnlock_byAdminThenOwnerClaims() public {
        (uint256 id, address signer) = lockAs(alice, 1, MIN);
        submit(signer, 3);
        uint256 before = metis.balanceOf(alice);
        vm.expectEmit(address(pool));
        emit UnlockInit(id, true, block.timestamp + 21 days, MIN, 1);
        vm.prank(admin);
        pool.forceUnlock(id, 0);
        assertTrue(pool.sequencerStatus(id) == ISequencerLockingPool.Status.Inactive);
        assertEq(metis.balanceOf(alice), before + 3 * RPB);
        vm.warp(block.timestamp + 21 days);
        vm.prank(alice);
        pool.unlockClaim(id, 0);
        assertEq(metis.balanceOf(alice), before + 3 * RPB + MIN);
    }

    function test_forceUnlock_reverts() public {
        (uint256 id,) = lockAs(alice, 1, MIN);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, alice));
        vm.prank(alice);
        pool.forceUnlock(id, 0);
        vm.expectRevert(abi.encodeWithSelector(SequencerLockingPool.PoolSeqNotActive.selector, 5));
        vm.prank(admin);
        pool.forceUnlock(5, 0);
        vm.deal(admin, 1 ether);
        vm.expectRevert(abi.encodeWithSelector(SequencerLockingPool.PoolBridgeFeeNotSupported.selector, 1));
        vm.prank(admin);
        pool.forceUnlock{value: 1}(id, 0);
    }

    // ------------------------------------------------------------------ slash
    function test_slash_principalThenReward() public {
        (uint256 id, address signer) = lockAs(alice, 1, MIN);
        submit(signer, 1000);
        uint256 r = 1000 * RPB;
        vm.expectEmit(address(pool));
        emit Slashed(id, admin, 1e18, 0, MIN - 1e18);
        vm.prank(admin);
        pool.slash(id, 1e18);
        assertEq(pool.sequencerBalance(id), MIN - 1e18);
        assertEq(metis.balanceOf(admin), 1e18);

        address sink = makeAddr("sink");
        address slasher = makeAddr("slasher");
        vm.startPrank(admin);
        pool.setSlashRecipient(sink);
        pool.setSlasher(slasher, true);
        vm.stopPrank();
        vm.prank(slasher);
        pool.slash(id, MIN - 1e18 + r / 2);
        assertEq(pool.sequencerBalance(id), 0);
        assertEq(pool.sequencerReward(id), r - r / 2);
        assertEq(pool.totalLocked(), 0);
        assertEq(pool.totalReward(), r - r / 2);
        assertEq(metis.balanceOf(sink), MIN - 1e18 + r / 2);
        assertEq(metis.balanceOf(escrow), r - r / 2);
    }

    function test_slash_inactiveSequencer() public {
        (uint256 id,) = lockAs(alice, 1, MIN);
        vm.prank(alice);
        pool.unlock(id, 0);
        vm.prank(admin);
        pool.slash(id, 5e18);
        vm.warp(block.timestamp + 21 days);
        uint256 before = metis.balanceOf(alice);
        vm.prank(alice);
        pool.unlockClaim(id, 0);
        assertEq(metis.balanceOf(alice), before + MIN - 5e18);
    }

    function test_slash_reverts() public {
        (uint256 id, address signer) = lockAs(alice, 1, MIN);
        submit(signer, 1);
        vm.expectRevert(abi.encodeWithSelector(SequencerLockingPool.PoolNotSlasher.selector, alice));
        vm.prank(alice);
        pool.slash(id, 1);
        vm.expectRevert(
            abi.encodeWithSelector(SequencerLockingPool.PoolSlashExceedsBalance.selector, MIN + RPB + 1, MIN + RPB)
        );
        vm.prank(admin);
        pool.slash(id, MIN + RPB + 1);
        vm.expectRevert(SequencerLockingPool.PoolZeroAmount.selector);
        vm.prank(admin);
        pool.slash(id, 0);
        vm.expectRevert(abi.encodeWithSelector(SequencerLockingPool.PoolSeqNotActive.selector, 9));
        vm.prank(admin);
        pool.slash(9, 1);
        address slasher = makeAddr("slasher");
        vm.startPrank(admin);
        pool.setSlasher(slasher, true);
        pool.setSlasher(slasher, false);
        vm.stopPrank();
        vm.expectRevert(abi.encodeWithSelector(SequencerLockingPool.PoolNotSlasher.selector, slasher));
        vm.prank(slasher);
        pool.slash(id, 1);
    }

    // ------------------------------------------------------------------ admin setters
    function test_setters_updateAndEmit() public {
        address m = makeAddr("m2");
        vm.startPrank(admin);
        pool.setMpc(m);
        pool.setRewardPayer(m);
        pool.setRewardPerBlock(1e18);
        pool.setExitDelay(90 days);
        pool.setLockLimits(1, 1);
        pool.setPause(true);
        vm.stopPrank();
        assertEq(pool.mpc(), m);
        assertEq(pool.rewardPayer(), m);
        assertEq(pool.rewardPerBlock(), 1e18);
        assertEq(pool.exitDelayPeriod(), 90 days);
        assertEq(pool.minLock(), 1);
        assertEq(pool.maxLock(), 1);
        assertTrue(pool.paused());
    }

    function test_setters_revertOnBadValues() public {
        vm.startPrank(admin);
        vm.expectRevert(SequencerLockingPool.PoolZeroAddress.selector);
        pool.setMpc(address(0));
        vm.expectRevert(SequencerLockingPool.PoolZeroAddress.selector);
        pool.setRewardPayer(address(0));
        vm.expectRevert(SequencerLockingPool.PoolZeroAddress.selector);
        pool.setSlashRecipient(address(0));
        vm.expectRevert(abi.encodeWithSelector(SequencerLockingPool.PoolRewardPerBlockTooHigh.selector, 1e18 + 1, 1e18));
        pool.setRewardPerBlock(1e18 + 1);
        vm.expectRevert(
            abi.encodeWithSelector(SequencerLockingPool.PoolExitDelayTooLong.selector, 90 days + 1, 90 days)
        );
        pool.setExitDelay(90 days + 1);
        vm.expectRevert(abi.encodeWithSelector(SequencerLockingPool.PoolInvalidLockLimits.selector, 0, 5));
        pool.setLockLimits(0, 5);
        vm.expectRevert(abi.encodeWithSelector(SequencerLockingPool.PoolInvalidLockLimits.selector, 6, 5));
        pool.setLockLimits(6, 5);
        vm.stopPrank();
    }

    function test_setters_onlyOwner() public {
        bytes memory err = abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, alice);
        vm.startPrank(alice);
        vm.expectRevert(err);
        pool.setWhitelist(alice, true);
        vm.expectRevert(err);
        pool.setMpc(alice);
        vm.expectRevert(err);
        pool.setRewardPayer(alice);
        vm.expectRevert(err);
        pool.setSlashRecipient(alice);
        vm.expectRevert(err);
        pool.setSlasher(alice, true);
        vm.expectRevert(err);
        pool.setRewardPerBlock(1);
        vm.expectRevert(err);
        pool.setExitDelay(1);
        vm.expectRevert(err);
        pool.setLockLimits(1, 2);
        vm.expectRevert(err);
        pool.setPause(true);
        vm.stopPrank();
    }

    function test_ownership_twoStep() public {
        vm.prank(admin);
        pool.transferOwnership(bob);
        assertEq(pool.owner(), admin);
        vm.prank(bob);
        pool.acceptOwnership();
        assertEq(pool.owner(), bob);
    }

    function test_unpause_restoresLocking() public {
        vm.startPrank(admin);
        pool.setPause(true);
        pool.setPause(false);
        vm.stopPrank();
        (uint256 id,) = lockAs(alice, 1, MIN);
        assertEq(id, 1);
    }

    // ------------------------------------------------------------------ gas figures
    /// @dev Harvesting many nodes calls withdrawRewards once per node: keep it cheap.
    function test_gas_withdrawRewardsStaysCheap() public {
        (uint256 id, address signer) = lockAs(alice, 1, MIN);
        submit(signer, 100);
        vm.prank(alice);
        pool.withdrawRewards(id, 0);
        assertLt(vm.lastCallGas().gasTotalUsed, 60_000);
        assertEq(pool.sequencerReward(id), 0);
    }
}
