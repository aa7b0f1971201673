// SPDX-License-Identifier: MIT
pragma solidity 0.8.23;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {Initializable} from "@openzeppelin/contracts/proxy/utils/Initializable.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {MetisNetwork} from "../../utils/MetisNetwork.sol";
import {ILockingPool} from "../../../src/interfaces/metis/ILockingPool.sol";
import {ILockingInfo} from "../../../src/interfaces/metis/ILockingInfo.sol";
import {IL1StandardBridge} from "../../../src/interfaces/metis/IL1StandardBridge.sol";
import {MetisAddresses} from "../../../src/interfaces/metis/MetisAddresses.sol";
import {ModelInitializable} from "../../../src/network/ModelInitializable.sol";
import {LockingPoolModel} from "../../../src/network/locking/LockingPoolModel.sol";
import {LockingInfoModel} from "../../../src/network/locking/LockingInfoModel.sol";
import {SequencerInfoModel} from "../../../src/network/locking/SequencerInfoModel.sol";

/// @notice Shared setup and helpers for the LockingPool / LockingInfo model tests.
abstract contract LockingBase is MetisNetwork {
    uint256 internal constant MIN = 20_000 ether;
    uint256 internal constant MAX = 100_000 ether;
    uint256 internal constant RPB = 761_000 gwei;

    address internal op = makeAddr("op");
    address internal op2 = makeAddr("op2");
    address internal op3 = makeAddr("op3");
    address internal op4 = makeAddr("op4");
    address internal stranger = makeAddr("stranger");
    address internal recipient = makeAddr("recipient.l2");

    function _config() internal pure virtual returns (MetisConfig memory);

    function setUp() public virtual {
        deployMetisNetwork(_config());
    }

    function _seat(address owner, string memory name) internal returns (uint256 seqId, address signer) {
        return lockSeat(owner, MIN, recipient, name);
    }

    function _approve(address owner, uint256 amount) internal {
        fundL1(owner, amount);
        vm.prank(owner);
        l1Metis.approve(address(lockingInfo), amount);
    }

    function _fee() internal view returns (uint256) {
        return l1ToL2Fee(METIS_DEFAULT_L2_GAS);
    }

    function _nextBatch() internal {
        submitRewards(metisSigner(metisPubkey("__batch_filler__")), 0);
    }

    function _status(uint256 seqId) internal view returns (ILockingPool.Status) {
        return seat(seqId).status;
    }
}

/// @notice LockingPool + LockingInfo models, mainnet-like network (BFT restriction on, discount 1 gwei).
contract LockingPoolModelTest is LockingBase {
    function _config() internal pure override returns (MetisConfig memory) {
        return metisMainnetLike();
    }

    function setUp() public override {
        super.setUp();
        // a seat whose signer fills empty reward batches (blocks = 0) in `_nextBatch`
        lockSeat(makeAddr("filler"), MIN, recipient, "__batch_filler__");
    }

    // ================================================================ configuration and views

    function test_initialValues() public view {
        assertEq(lockingPool.exitDelayPeriod(), 21 days);
        assertEq(lockingPool.WITHDRAWAL_DELAY(), 21 days);
        assertEq(lockingPool.rewardPerBlock(), RPB);
        assertEq(lockingPool.BLOCK_REWARD(), RPB);
        assertEq(lockingPool.signerUpdateThrottle(), 1);
        assertEq(lockingPool.currentBatch(), 1);
        (uint256 id, uint256 number, uint256 startEpoch, uint256 endEpoch) = lockingPool.curBatchState();
        assertEq(id, 1);
        assertGt(number, 0);
        assertEq(startEpoch, 0);
        assertEq(endEpoch, 0);
        assertEq(lockingPool.owner(), metisAdmin);
        assertFalse(lockingPool.paused());
        assertEq(lockingPool.escrow(), address(lockingInfo));
        assertEq(lockingInfo.minLock(), MIN);
        assertEq(lockingInfo.maxLock(), MAX);
        assertEq(lockingInfo.l1Token(), address(l1Metis));
        assertEq(lockingInfo.l2Token(), MetisAddresses.L2_METIS);
        assertEq(lockingInfo.bridge(), address(l1Bridge));
        assertEq(lockingInfo.l2ChainId(), 1088);
        assertEq(lockingInfo.rewardPayer(), metisRewardPayer);
        assertEq(lockingInfo.owner(), metisAdmin);
        assertEq(lockingInfo.totalRewardsLiquidated(), 0);
        assertEq(lockingInfo.totalLocked(), MIN, "the filler seat");
    }

    function test_initialize_onlyOnce() public {
        vm.expectRevert(Initializable.InvalidInitialization.selector);
        lockingPool.initialize(address(lockingInfo), metisAdmin, true);
        vm.expectRevert(Initializable.InvalidInitialization.selector);
        lockingInfo.initialize(address(l1Bridge), address(l1Metis), MetisAddresses.L2_METIS, 1088, metisAdmin);
    }

    function test_initialize_onlyByDeployer() public {
        LockingPoolModel pool = new LockingPoolModel();
        LockingInfoModel info = new LockingInfoModel();
        vm.startPrank(stranger);
        vm.expectRevert(abi.encodeWithSelector(ModelInitializable.ModelNotDeployer.selector, stranger, address(this)));
        pool.initialize(address(info), stranger, false);
        vm.expectRevert(abi.encodeWithSelector(ModelInitializable.ModelNotDeployer.selector, stranger, address(this)));
        info.initialize(address(1), address(2), address(3), 4, stranger);
        vm.stopPrank();
        assertEq(pool.modelDeployer(), address(this));
        assertEq(pool.escrow(), address(0));
    }

    function test_worksWhenCopiedToAnotherAddress() public {
        LockingPoolModel template = new LockingPoolModel();
        address copy = makeAddr("copiedPool");
        vm.etch(copy, address(template).code);
        LockingPoolModel pool = LockingPoolModel(copy);
        assertEq(pool.owner(), address(0), "no constructor storage at the copy");
        pool.initialize(address(lockingInfo), metisAdmin, false);
        assertEq(pool.owner(), metisAdmin);
        assertEq(pool.exitDelayPeriod(), 21 days);
        assertEq(pool.currentBatch(), 1);
    }

    // ================================================================ lock

    function test_lockWithRewardRecipient_recordsTheSeat() public {
        bytes memory pubkey = metisPubkey("a");
        address signer = metisSigner(pubkey);
        whitelistSequencerOwner(op);
        _approve(op, 30_000 ether);
        uint256 total = lockingInfo.totalLocked() + 30_000 ether;

        vm.expectEmit(address(lockingInfo));
        emit ILockingInfo.Locked(signer, 2, 1, 1, 30_000 ether, total, pubkey);
        vm.expectEmit(address(lockingPool));
        emit SequencerInfoModel.SequencerOwnerChanged(2, op);
        vm.expectEmit(address(lockingPool));
        emit SequencerInfoModel.SequencerRewardRecipientChanged(2, recipient);
        vm.prank(op);
        lockingPool.lockWithRewardRecipient(signer, recipient, 30_000 ether, pubkey);

        SequencerInfoModel.Sequencer memory s = seat(2);
        assertEq(s.amount, 30_000 ether);
        assertEq(s.reward, 0);
        assertEq(s.activationBatch, 1);
        assertEq(s.updatedBatch, 1);
        assertEq(s.deactivationBatch, 0);
        assertEq(s.deactivationTime, 0);
        assertEq(s.unlockClaimTime, 0);
        assertEq(s.nonce, 1);
        assertEq(s.owner, op);
        assertEq(s.signer, signer);
        assertEq(keccak256(s.pubkey), keccak256(pubkey));
        assertEq(s.rewardRecipient, recipient);
        assertTrue(s.status == ILockingPool.Status.Active);
        assertEq(lockingPool.seqOwners(op), 2);
        assertEq(lockingPool.seqSigners(signer), 2);
        assertEq(lockingPool.seqStatuses(ILockingPool.Status.Active), 2);
        assertEq(lockingPool.totalSequencers(), 2);
        assertEq(lockingInfo.totalLocked(), total);
        assertEq(l1Metis.balanceOf(address(lockingInfo)), total);
        assertEq(l1Metis.balanceOf(op), 0);
    }

    function test_lockFor_hasNoRewardRecipient() public {
        bytes memory pubkey = metisPubkey("a");
        whitelistSequencerOwner(op);
        _approve(op, MIN);
        vm.expectEmit(address(lockingPool));
        emit SequencerInfoModel.SequencerRewardRecipientChanged(2, address(0));
        vm.prank(op);
        lockingPool.lockFor(metisSigner(pubkey), MIN, pubkey);
        assertEq(seat(2).rewardRecipient, address(0));
        assertEq(seat(2).amount, MIN);
    }

    function testFuzz_lock_amountWithinLimits(uint256 amount) public {
        amount = bound(amount, MIN, MAX);
        (uint256 seqId,) = lockSeat(op, amount, recipient, "a");
        assertEq(seat(seqId).amount, amount);
        assertEq(lockingInfo.totalLocked(), MIN + amount);
    }

    function testFuzz_lock_refusesAmountOutsideLimits(uint256 amount) public {
        amount = amount % 2 == 0 ? bound(amount, 0, MIN - 1) : bound(amount, MAX + 1, 10 * MAX);
        bytes memory pubkey = metisPubkey("a");
        whitelistSequencerOwner(op);
        _approve(op, amount);
        vm.expectRevert(bytes("invalid amount"));
        vm.prank(op);
        lockingPool.lockWithRewardRecipient(metisSigner(pubkey), recipient, amount, pubkey);
        assertEq(lockingPool.totalSequencers(), 1);
        assertEq(lockingPool.seqOwners(op), 0);
    }

    function test_lock_refusesNonWhitelisted() public {
        bytes memory pubkey = metisPubkey("a");
        _approve(op, MIN);
        vm.startPrank(op);
        vm.expectRevert(SequencerInfoModel.NotWhitelisted.selector);
        lockingPool.lockWithRewardRecipient(metisSigner(pubkey), recipient, MIN, pubkey);
        vm.expectRevert(SequencerInfoModel.NotWhitelisted.selector);
        lockingPool.lockFor(metisSigner(pubkey), MIN, pubkey);
        vm.stopPrank();
        assertEq(lockingPool.totalSequencers(), 1);
    }

    function test_lock_refusedWhilePaused() public {
        bytes memory pubkey = metisPubkey("a");
        whitelistSequencerOwner(op);
        _approve(op, MIN);
        vm.prank(metisAdmin);
        lockingPool.setPause(true);
        vm.startPrank(op);
        vm.expectRevert(Pausable.EnforcedPause.selector);
        lockingPool.lockWithRewardRecipient(metisSigner(pubkey), recipient, MIN, pubkey);
        vm.expectRevert(Pausable.EnforcedPause.selector);
        lockingPool.lockFor(metisSigner(pubkey), MIN, pubkey);
        vm.stopPrank();
    }

    function test_lock_refusesBadPubkeys() public {
        whitelistSequencerOwner(op);
        _approve(op, MIN);
        bytes memory pubkey = metisPubkey("a");
        vm.startPrank(op);
        vm.expectRevert(bytes("invalid pubkey"));
        lockingPool.lockWithRewardRecipient(metisSigner(pubkey), recipient, MIN, abi.encodePacked(pubkey, bytes1(0x04)));
        vm.expectRevert(bytes("invalid pubkey"));
        lockingPool.lockWithRewardRecipient(metisSigner(pubkey), recipient, MIN, abi.encodePacked(bytes32(0)));
        vm.expectRevert(bytes("pubkey and address mismatch"));
        lockingPool.lockWithRewardRecipient(stranger, recipient, MIN, pubkey);
        vm.stopPrank();
        assertEq(lockingPool.totalSequencers(), 1);
    }

    function test_lock_oneSequencerPerOwner() public {
        _seat(op, "a");
        bytes memory pubkey = metisPubkey("b");
        _approve(op, MIN);
        vm.expectRevert(SequencerInfoModel.OwnedSequencer.selector);
        vm.prank(op);
        lockingPool.lockWithRewardRecipient(metisSigner(pubkey), recipient, MIN, pubkey);
    }

    function test_lock_signerUsedOnce() public {
        (, address signer) = _seat(op, "a");
        whitelistSequencerOwner(op2);
        _approve(op2, MIN);
        vm.expectRevert(SequencerInfoModel.SignerExisted.selector);
        vm.prank(op2);
        lockingPool.lockWithRewardRecipient(signer, recipient, MIN, metisPubkey("a"));
    }

    function test_lock_needsApprovalToLockingInfo() public {
        bytes memory pubkey = metisPubkey("a");
        whitelistSequencerOwner(op);
        fundL1(op, MIN);
        vm.prank(op);
        l1Metis.approve(address(lockingPool), MIN); // the pool is the wrong spender
        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientAllowance.selector, address(lockingInfo), 0, MIN)
        );
        vm.prank(op);
        lockingPool.lockWithRewardRecipient(metisSigner(pubkey), recipient, MIN, pubkey);
    }

    // ================================================================ relock

    function test_relock_addsPrincipal() public {
        (uint256 seqId,) = _seat(op, "a");
        _approve(op, 5_000 ether);
        vm.expectEmit(address(lockingInfo));
        emit ILockingInfo.Relocked(seqId, 5_000 ether, 2 * MIN + 5_000 ether);
        vm.expectEmit(address(lockingInfo));
        emit ILockingInfo.LockUpdate(seqId, 2, MIN + 5_000 ether);
        vm.prank(op);
        lockingPool.relock(seqId, 5_000 ether, false);
        assertEq(seat(seqId).amount, MIN + 5_000 ether);
        assertEq(seat(seqId).nonce, 2);
        assertEq(lockingInfo.totalLocked(), 2 * MIN + 5_000 ether);
    }

    function test_relock_compoundsTheReward() public {
        (uint256 seqId, address signer) = _seat(op, "a");
        submitRewards(signer, 100);
        uint256 reward = 100 * RPB;
        vm.prank(op);
        lockingPool.relock(seqId, 0, true);
        assertEq(seat(seqId).amount, MIN + reward);
        assertEq(seat(seqId).reward, 0);
        assertEq(lockingInfo.totalLocked(), 2 * MIN + reward);
        assertEq(l1Metis.balanceOf(address(lockingInfo)), 2 * MIN + reward, "no METIS moved");
    }

    function test_relock_keepsTheRewardWithoutLockReward() public {
        (uint256 seqId, address signer) = _seat(op, "a");
        submitRewards(signer, 100);
        _approve(op, 1 ether);
        vm.prank(op);
        lockingPool.relock(seqId, 1 ether, false);
        assertEq(seat(seqId).reward, 100 * RPB);
        assertEq(seat(seqId).amount, MIN + 1 ether);
    }

    function test_relock_refusesAboveMaxLock() public {
        (uint256 seqId,) = lockSeat(op, MAX - 1 ether, recipient, "a");
        _approve(op, 2 ether);
        vm.expectRevert(bytes("locked>maxLock"));
        vm.prank(op);
        lockingPool.relock(seqId, 2 ether, false);
        vm.prank(op);
        lockingPool.relock(seqId, 1 ether, false);
        assertEq(seat(seqId).amount, MAX);
    }

    function test_relock_refusesNothingNew() public {
        (uint256 seqId,) = _seat(op, "a");
        vm.startPrank(op);
        vm.expectRevert(bytes("No new locked added"));
        lockingPool.relock(seqId, 0, false);
        vm.expectRevert(bytes("No new locked added"));
        lockingPool.relock(seqId, 0, true);
        vm.stopPrank();
        assertEq(seat(seqId).nonce, 1);
    }

    function test_relock_refusals() public {
        (uint256 seqId,) = _seat(op, "a");
        _approve(op, 1 ether);
        whitelistSequencerOwner(op2); // whitelisted, but not the owner
        vm.expectRevert(SequencerInfoModel.NotSeqOwner.selector);
        _relockAs(op2, seqId);
        vm.expectRevert(SequencerInfoModel.SeqNotActive.selector);
        _relockAs(op, 99);
        vm.prank(metisAdmin);
        lockingPool.setWhitelist(op, false);
        vm.expectRevert(SequencerInfoModel.NotWhitelisted.selector);
        _relockAs(op, seqId);
        whitelistSequencerOwner(op);
        vm.prank(metisAdmin);
        lockingPool.setPause(true);
        vm.expectRevert(Pausable.EnforcedPause.selector);
        _relockAs(op, seqId);
    }

    function _relockAs(address who, uint256 seqId) internal {
        vm.prank(who);
        lockingPool.relock(seqId, 1 ether, false);
    }

    // ================================================================ withdraw

    function test_withdraw_throttledInTheLockBatch() public {
        (uint256 seqId,) = lockSeat(op, 30_000 ether, recipient, "a");
        vm.expectRevert(bytes("withdraw throttle"));
        vm.prank(op);
        lockingPool.withdraw(seqId, 1 ether);
    }

    function test_withdraw_oncePerBatchKeepingMinLock() public {
        (uint256 seqId,) = lockSeat(op, 30_000 ether, recipient, "a");
        _nextBatch();
        vm.expectEmit(address(lockingInfo));
        emit ILockingInfo.Withdraw(seqId, 4_000 ether);
        vm.expectEmit(address(lockingInfo));
        emit ILockingInfo.LockUpdate(seqId, 2, 26_000 ether);
        vm.prank(op);
        lockingPool.withdraw(seqId, 4_000 ether);
        assertEq(l1Metis.balanceOf(op), 4_000 ether, "immediately, on L1");
        assertEq(seat(seqId).amount, 26_000 ether);
        assertEq(seat(seqId).updatedBatch, 2);
        assertEq(lockingInfo.totalLocked(), MIN + 26_000 ether);

        vm.expectRevert(bytes("withdraw throttle"));
        vm.prank(op);
        lockingPool.withdraw(seqId, 1 ether);

        _nextBatch();
        vm.expectRevert(bytes("invalid amount"));
        vm.prank(op);
        lockingPool.withdraw(seqId, 6_000 ether + 1);
        vm.prank(op);
        lockingPool.withdraw(seqId, 6_000 ether);
        assertEq(seat(seqId).amount, MIN);
    }

    function testFuzz_withdraw(uint256 locked, uint256 amount) public {
        locked = bound(locked, MIN, MAX);
        amount = bound(amount, 1, locked);
        (uint256 seqId,) = lockSeat(op, locked, recipient, "a");
        _nextBatch();
        if (locked - amount < MIN) {
            vm.expectRevert(bytes("invalid amount"));
            vm.prank(op);
            lockingPool.withdraw(seqId, amount);
            assertEq(seat(seqId).amount, locked);
        } else {
            vm.prank(op);
            lockingPool.withdraw(seqId, amount);
            assertEq(seat(seqId).amount, locked - amount);
            assertEq(l1Metis.balanceOf(op), amount);
        }
    }

    function test_withdraw_refusals() public {
        (uint256 seqId,) = lockSeat(op, 30_000 ether, recipient, "a");
        _nextBatch();
        vm.startPrank(op);
        vm.expectRevert(bytes("invalid amount"));
        lockingPool.withdraw(seqId, 0);
        vm.expectRevert(abi.encodeWithSignature("Panic(uint256)", 0x11));
        lockingPool.withdraw(seqId, 30_000 ether + 1);
        vm.expectRevert(SequencerInfoModel.SeqNotActive.selector);
        lockingPool.withdraw(99, 1 ether);
        vm.stopPrank();
        whitelistSequencerOwner(op2); // whitelisted, but not the owner
        vm.expectRevert(SequencerInfoModel.NotSeqOwner.selector);
        vm.prank(op2);
        lockingPool.withdraw(seqId, 1 ether);
        vm.prank(metisAdmin);
        lockingPool.setWhitelist(op, false);
        vm.expectRevert(SequencerInfoModel.NotWhitelisted.selector);
        vm.prank(op);
        lockingPool.withdraw(seqId, 1 ether);
        whitelistSequencerOwner(op);
        vm.prank(metisAdmin);
        lockingPool.setPause(true);
        vm.expectRevert(Pausable.EnforcedPause.selector);
        vm.prank(op);
        lockingPool.withdraw(seqId, 1 ether);
        assertEq(seat(seqId).amount, 30_000 ether);
    }

    // ================================================================ withdrawRewards

    function test_withdrawRewards_bridgesTheRewardToL2WithTheEthFee() public {
        (uint256 seqId, address signer) = _seat(op, "a");
        submitRewards(signer, 1_000);
        uint256 reward = 1_000 * RPB;
        uint256 fee = _fee();
        assertEq(fee, 200_000 gwei);
        fundEth(op, fee);
        uint256 sequencerEth = metisL1FeeRecipient.balance;

        vm.expectEmit(address(l1Bridge));
        emit IL1StandardBridge.ERC20DepositInitiated(
            address(l1Metis), MetisAddresses.L2_METIS, address(lockingInfo), recipient, reward, ""
        );
        vm.expectEmit(address(lockingInfo));
        emit ILockingInfo.ClaimRewards(seqId, recipient, reward, reward);
        vm.prank(op);
        lockingPool.withdrawRewards{value: fee}(seqId, 0);

        assertEq(seat(seqId).reward, 0);
        assertEq(metisL1FeeRecipient.balance, sequencerEth + fee, "the ETH fee went to Metis's L1 sequencer");
        assertEq(l1Metis.balanceOf(op), 0, "nothing on L1");
        assertEq(l1Metis.balanceOf(address(lockingInfo)), 2 * MIN);
        assertEq(lockingInfo.totalRewardsLiquidated(), reward);
        relayAllToL2();
        assertEq(recipient.balance, reward);
        assertEq(l2Metis.balanceOf(recipient), reward);
    }

    function test_withdrawRewards_refusesTooSmallAFee() public {
        (uint256 seqId, address signer) = _seat(op, "a");
        submitRewards(signer, 10);
        fundEth(op, 1 ether);
        vm.expectRevert(bytes("insufficient fee supplied. send at least 200000000000000"));
        vm.prank(op);
        lockingPool.withdrawRewards{value: 200_000 gwei - 1}(seqId, 0);
        vm.expectRevert(bytes("insufficient fee supplied. send at least 300000000000000"));
        vm.prank(op);
        lockingPool.withdrawRewards{value: 200_000 gwei}(seqId, 300_000);
        assertEq(seat(seqId).reward, 10 * RPB);
    }

    function test_withdrawRewards_zeroRewardBridgesNothingAndTheEthStaysInThePool() public {
        (uint256 seqId,) = _seat(op, "a");
        uint256 queued = l1ToL2Count();
        fundEth(op, 1 ether);
        vm.prank(op);
        lockingPool.withdrawRewards{value: 1 ether}(seqId, 0);
        assertEq(address(lockingPool).balance, 1 ether, "Metis leaves the ETH in LockingPool");
        assertEq(address(lockingInfo).balance, 0);
        assertEq(l1ToL2Count(), queued, "no message");
        assertEq(lockingInfo.totalRewardsLiquidated(), 0);
    }

    function test_withdrawRewards_refusals() public {
        bytes memory pubkey = metisPubkey("a");
        whitelistSequencerOwner(op);
        _approve(op, MIN);
        vm.prank(op);
        lockingPool.lockFor(metisSigner(pubkey), MIN, pubkey);
        vm.expectRevert(SequencerInfoModel.NoRewardRecipient.selector);
        vm.prank(op);
        lockingPool.withdrawRewards(2, 0);
        whitelistSequencerOwner(op2); // whitelisted, but not the owner
        vm.expectRevert(SequencerInfoModel.NotSeqOwner.selector);
        vm.prank(op2);
        lockingPool.withdrawRewards(2, 0);
        vm.expectRevert(SequencerInfoModel.SeqNotActive.selector);
        vm.prank(op);
        lockingPool.withdrawRewards(99, 0);
        vm.prank(metisAdmin);
        lockingPool.setWhitelist(op, false);
        vm.expectRevert(SequencerInfoModel.NotWhitelisted.selector);
        vm.prank(op);
        lockingPool.withdrawRewards(2, 0);
        whitelistSequencerOwner(op);
        vm.prank(metisAdmin);
        lockingPool.setPause(true);
        vm.expectRevert(Pausable.EnforcedPause.selector);
        vm.prank(op);
        lockingPool.withdrawRewards(2, 0);
    }

    // ================================================================ unlock

    function test_unlock_startsTheExitAndBridgesThePendingReward() public {
        (uint256 seqId, address signer) = _seat(op, "a");
        _seat(op2, "b");
        submitRewards(signer, 50);
        uint256 reward = 50 * RPB;
        uint256 fee = _fee();
        fundEth(op, fee);
        vm.warp(1_000_000);
        vm.expectEmit(address(lockingInfo));
        emit ILockingInfo.ClaimRewards(seqId, recipient, reward, reward);
        vm.expectEmit(address(lockingInfo));
        emit ILockingInfo.UnlockInit(signer, seqId, 2, 2, 1_000_000, 1_000_000 + 21 days, reward);
        vm.prank(op);
        lockingPool.unlock{value: fee}(seqId, 0);

        SequencerInfoModel.Sequencer memory s = seat(seqId);
        assertTrue(s.status == ILockingPool.Status.Inactive);
        assertEq(s.deactivationBatch, 2);
        assertEq(s.deactivationTime, 1_000_000);
        assertEq(s.unlockClaimTime, 1_000_000 + 21 days);
        assertEq(s.nonce, 2);
        assertEq(s.reward, 0);
        assertEq(s.amount, MIN, "principal stays locked");
        assertEq(lockingPool.seqStatuses(ILockingPool.Status.Active), 2);
        assertEq(lockingPool.seqStatuses(ILockingPool.Status.Inactive), 1);
        assertEq(lockingPool.seqOwners(op), seqId, "still owned until the claim");
        relayAllToL2();
        assertEq(recipient.balance, reward);
    }

    function test_unlock_zeroRewardLeavesTheEthInLockingInfo() public {
        (uint256 seqId, address signer) = _seat(op, "a");
        _seat(op2, "b");
        fundEth(op, 1 ether);
        vm.expectEmit(address(lockingInfo));
        emit ILockingInfo.ClaimRewards(seqId, recipient, 0, 0);
        vm.expectEmit(address(lockingInfo));
        emit ILockingInfo.UnlockInit(signer, seqId, 2, 1, block.timestamp, block.timestamp + 21 days, 0);
        vm.prank(op);
        lockingPool.unlock{value: 1 ether}(seqId, 0);
        assertEq(address(lockingInfo).balance, 1 ether, "Metis leaves the ETH in LockingInfo");
        assertEq(address(lockingPool).balance, 0);
    }

    function test_unlock_bftRestriction() public {
        // 2 active (filler + op): unlocking one would leave 1 of 2 inactive
        (uint256 seqId,) = _seat(op, "a");
        vm.expectRevert(bytes("BFT restriction"));
        vm.prank(op);
        lockingPool.unlock(seqId, 0);
        assertEq(lockingPool.seqStatuses(ILockingPool.Status.Active), 2);
        assertEq(lockingPool.seqStatuses(ILockingPool.Status.Inactive), 0);

        // 3 active: one may go (1 x 3 > 3 is false), a second may not (2 x 3 > 3)
        (uint256 seq2,) = _seat(op2, "b");
        vm.prank(op);
        lockingPool.unlock(seqId, 0);
        vm.expectRevert(bytes("BFT restriction"));
        vm.prank(op2);
        lockingPool.unlock(seq2, 0);

        // the restriction counts Inactive sequencers only; after the claim the seat no longer counts
        vm.warp(block.timestamp + 21 days);
        vm.prank(op);
        lockingPool.unlockClaim(seqId, 0);
        _seat(op3, "c");
        _seat(op4, "d");
        vm.prank(op2);
        lockingPool.unlock(seq2, 0);
        assertTrue(_status(seq2) == ILockingPool.Status.Inactive);
    }

    function test_unlock_refusals() public {
        (uint256 seqId,) = _seat(op, "a");
        _seat(op2, "b");
        vm.expectRevert(SequencerInfoModel.NotSeqOwner.selector);
        vm.prank(op2);
        lockingPool.unlock(seqId, 0);
        vm.expectRevert(SequencerInfoModel.SeqNotActive.selector);
        vm.prank(op);
        lockingPool.unlock(99, 0);
        vm.prank(metisAdmin);
        lockingPool.setWhitelist(op, false);
        vm.expectRevert(SequencerInfoModel.NotWhitelisted.selector);
        vm.prank(op);
        lockingPool.unlock(seqId, 0);
        whitelistSequencerOwner(op);
        vm.prank(metisAdmin);
        lockingPool.setPause(true);
        vm.expectRevert(Pausable.EnforcedPause.selector);
        vm.prank(op);
        lockingPool.unlock(seqId, 0);
        vm.prank(metisAdmin);
        lockingPool.setPause(false);
        vm.prank(op);
        lockingPool.unlock(seqId, 0);
        vm.expectRevert(SequencerInfoModel.SeqNotActive.selector);
        vm.prank(op);
        lockingPool.unlock(seqId, 0);
    }

    function test_unlock_needsARewardRecipient() public {
        _seat(op2, "b");
        _seat(op3, "c");
        bytes memory pubkey = metisPubkey("a");
        whitelistSequencerOwner(op);
        _approve(op, MIN);
        vm.prank(op);
        lockingPool.lockFor(metisSigner(pubkey), MIN, pubkey);
        uint256 seqId = lockingPool.seqOwners(op);
        vm.expectRevert(SequencerInfoModel.NoRewardRecipient.selector);
        vm.prank(op);
        lockingPool.unlock(seqId, 0);
        vm.prank(op);
        lockingPool.setSequencerRewardRecipient(seqId, recipient);
        vm.prank(op);
        lockingPool.unlock(seqId, 0);
    }

    function test_unlock_refusesTooSmallAFeeWhenARewardIsPending() public {
        (uint256 seqId, address signer) = _seat(op, "a");
        _seat(op2, "b");
        submitRewards(signer, 1);
        vm.expectRevert(bytes("insufficient fee supplied. send at least 200000000000000"));
        vm.prank(op);
        lockingPool.unlock(seqId, 0);
        assertTrue(_status(seqId) == ILockingPool.Status.Active);
    }

    // ================================================================ unlockClaim

    function test_unlockClaim_afterTheDelaySendsThePrincipalToTheOwnerOnL1() public {
        (uint256 seqId, address signer) = _seat(op, "a");
        _seat(op2, "b");
        vm.prank(op);
        lockingPool.unlock(seqId, 0);
        submitRewards(signer, 20); // an Inactive seat still earns
        uint256 reward = 20 * RPB;

        vm.warp(block.timestamp + 21 days - 1);
        vm.expectRevert(bytes("Not allowed to cliam"));
        vm.prank(op);
        lockingPool.unlockClaim(seqId, 0);

        vm.warp(block.timestamp + 1);
        uint256 fee = _fee();
        fundEth(op, fee);
        vm.expectEmit(address(lockingInfo));
        emit ILockingInfo.ClaimRewards(seqId, recipient, reward, reward);
        vm.expectEmit(address(lockingInfo));
        emit ILockingInfo.Unlocked(op, seqId, MIN, 2 * MIN);
        vm.prank(op);
        lockingPool.unlockClaim{value: fee}(seqId, 0);

        SequencerInfoModel.Sequencer memory s = seat(seqId);
        assertTrue(s.status == ILockingPool.Status.Unlocked);
        assertEq(s.amount, 0);
        assertEq(s.reward, 0);
        assertEq(s.nonce, 3);
        assertEq(l1Metis.balanceOf(op), MIN);
        assertEq(lockingInfo.totalLocked(), 2 * MIN);
        assertEq(lockingPool.seqOwners(op), 0);
        assertEq(lockingPool.seqSigners(signer), type(uint256).max, "signer retired");
        assertEq(lockingPool.seqStatuses(ILockingPool.Status.Inactive), 0);
        assertEq(lockingPool.seqStatuses(ILockingPool.Status.Unlocked), 1);
        relayAllToL2();
        assertEq(recipient.balance, reward);

        // claimed once; the owner may lock a new seat, never with the retired signer
        vm.expectRevert(bytes("Not allowed to cliam"));
        vm.prank(op);
        lockingPool.unlockClaim(seqId, 0);
        _approve(op, MIN);
        vm.expectRevert(SequencerInfoModel.SignerExisted.selector);
        vm.prank(op);
        lockingPool.lockWithRewardRecipient(signer, recipient, MIN, metisPubkey("a"));
        _seat(op, "a2");
        assertEq(lockingPool.seqOwners(op), 4);
    }

    function test_unlockClaim_zeroRewardLeavesTheEthInLockingInfo() public {
        (uint256 seqId,) = _seat(op, "a");
        _seat(op2, "b");
        vm.prank(op);
        lockingPool.unlock(seqId, 0);
        vm.warp(block.timestamp + 21 days);
        uint256 queued = l1ToL2Count();
        fundEth(op, 1 ether);
        vm.prank(op);
        lockingPool.unlockClaim{value: 1 ether}(seqId, 0);
        assertEq(address(lockingInfo).balance, 1 ether);
        assertEq(l1ToL2Count(), queued);
        assertEq(l1Metis.balanceOf(op), MIN);
    }

    function test_unlockClaim_refusals() public {
        (uint256 seqId,) = _seat(op, "a");
        _seat(op2, "b");
        vm.expectRevert(bytes("Not allowed to cliam"));
        vm.prank(op);
        lockingPool.unlockClaim(seqId, 0); // still Active
        vm.prank(op);
        lockingPool.unlock(seqId, 0);
        vm.warp(block.timestamp + 21 days);
        vm.expectRevert(SequencerInfoModel.NotSeqOwner.selector);
        vm.prank(op2);
        lockingPool.unlockClaim(seqId, 0);
        vm.prank(metisAdmin);
        lockingPool.setWhitelist(op, false);
        vm.expectRevert(SequencerInfoModel.NotWhitelisted.selector);
        vm.prank(op);
        lockingPool.unlockClaim(seqId, 0);
        whitelistSequencerOwner(op);
        vm.prank(metisAdmin);
        lockingPool.setPause(true);
        vm.expectRevert(Pausable.EnforcedPause.selector);
        vm.prank(op);
        lockingPool.unlockClaim(seqId, 0);
        assertEq(l1Metis.balanceOf(op), 0);
    }

    function test_unlockClaim_checksTheRewardRecipientFirst() public {
        bytes memory pubkey = metisPubkey("a");
        whitelistSequencerOwner(op);
        _approve(op, MIN);
        vm.prank(op);
        lockingPool.lockFor(metisSigner(pubkey), MIN, pubkey);
        vm.expectRevert(SequencerInfoModel.NoRewardRecipient.selector);
        vm.prank(op);
        lockingPool.unlockClaim(2, 0);
    }

    function test_unlockClaim_followsTheExitDelaySetByTheOwner() public {
        vm.prank(metisAdmin);
        lockingPool.updateWithdrawDelayTimeValue(3 days);
        (uint256 seqId,) = _seat(op, "a");
        _seat(op2, "b");
        vm.prank(op);
        lockingPool.unlock(seqId, 0);
        assertEq(seat(seqId).unlockClaimTime, block.timestamp + 3 days);
        vm.warp(block.timestamp + 3 days);
        vm.prank(op);
        lockingPool.unlockClaim(seqId, 0);
    }

    // ================================================================ forceUnlock

    function test_forceUnlock_bypassesWhitelistOwnershipBftAndPause() public {
        (uint256 seqId,) = _seat(op, "a"); // 2 active: a voluntary unlock would hit the BFT restriction
        vm.startPrank(metisAdmin);
        lockingPool.setWhitelist(op, false);
        lockingPool.setPause(true);
        lockingPool.forceUnlock(seqId, 0);
        vm.stopPrank();
        assertTrue(_status(seqId) == ILockingPool.Status.Inactive);
        assertEq(seat(seqId).unlockClaimTime, block.timestamp + 21 days);
        // the claim itself is an owner action: whitelist and pause apply
        vm.warp(block.timestamp + 21 days);
        vm.expectRevert(Pausable.EnforcedPause.selector);
        vm.prank(op);
        lockingPool.unlockClaim(seqId, 0);
        vm.prank(metisAdmin);
        lockingPool.setPause(false);
        vm.expectRevert(SequencerInfoModel.NotWhitelisted.selector);
        vm.prank(op);
        lockingPool.unlockClaim(seqId, 0);
    }

    function test_forceUnlock_refusals() public {
        (uint256 seqId,) = _seat(op, "a");
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, op));
        vm.prank(op);
        lockingPool.forceUnlock(seqId, 0);
        vm.expectRevert(SequencerInfoModel.SeqNotActive.selector);
        vm.prank(metisAdmin);
        lockingPool.forceUnlock(99, 0);

        bytes memory pubkey = metisPubkey("n");
        whitelistSequencerOwner(op2);
        _approve(op2, MIN);
        vm.prank(op2);
        lockingPool.lockFor(metisSigner(pubkey), MIN, pubkey);
        uint256 noRecipient = lockingPool.seqOwners(op2);
        vm.expectRevert(SequencerInfoModel.NoRewardRecipient.selector);
        vm.prank(metisAdmin);
        lockingPool.forceUnlock(noRecipient, 0);
    }

    // ================================================================ batchSubmitRewards

    function test_batchSubmitRewards_creditsBlocksTimesRewardPerBlock() public {
        (uint256 seq1, address s1) = _seat(op, "a");
        (uint256 seq2, address s2) = _seat(op2, "b");
        address[] memory signers = new address[](2);
        signers[0] = s1;
        signers[1] = s2;
        uint256[] memory blocks = new uint256[](2);
        blocks[0] = 700;
        blocks[1] = 300;
        uint256 payerBefore = l1Metis.balanceOf(metisRewardPayer);
        vm.roll(block.number + 5);

        vm.expectEmit(address(lockingInfo));
        emit ILockingInfo.BatchSubmitReward(2);
        vm.expectEmit(address(lockingPool));
        emit LockingPoolModel.DistributeReward(2, 1, 5, 1_000 * RPB, RPB);
        vm.prank(metisMpc);
        lockingPool.batchSubmitRewards(2, 1, 5, signers, blocks);

        assertEq(seat(seq1).reward, 700 * RPB);
        assertEq(seat(seq2).reward, 300 * RPB);
        assertEq(l1Metis.balanceOf(metisRewardPayer), payerBefore - 1_000 * RPB);
        assertEq(l1Metis.balanceOf(address(lockingInfo)), 3 * MIN + 1_000 * RPB);
        (uint256 id, uint256 number, uint256 startEpoch, uint256 endEpoch) = lockingPool.curBatchState();
        assertEq(id, 2);
        assertEq(number, block.number);
        assertEq(startEpoch, 1);
        assertEq(endEpoch, 5);
        assertEq(lockingPool.currentBatch(), 2);
    }

    function test_batchSubmitRewards_batchRules() public {
        (, address s1) = _seat(op, "a");
        address[] memory signers = new address[](1);
        signers[0] = s1;
        uint256[] memory blocks = new uint256[](1);
        blocks[0] = 1;
        vm.startPrank(metisMpc);
        vm.expectRevert(bytes("invalid batch id"));
        lockingPool.batchSubmitRewards(1, 1, 2, signers, blocks); // the first submitted id is 2
        vm.expectRevert(bytes("invalid batch id"));
        lockingPool.batchSubmitRewards(3, 1, 2, signers, blocks);
        vm.expectRevert(bytes("invalid startEpoch"));
        lockingPool.batchSubmitRewards(2, 0, 2, signers, blocks);
        vm.expectRevert(bytes("invalid startEpoch"));
        lockingPool.batchSubmitRewards(2, 2, 3, signers, blocks);
        vm.expectRevert(bytes("invalid endEpoch"));
        lockingPool.batchSubmitRewards(2, 1, 1, signers, blocks);
        vm.expectRevert(bytes("invalid endEpoch"));
        lockingPool.batchSubmitRewards(2, 1, 0, signers, blocks);
        lockingPool.batchSubmitRewards(2, 1, 10, signers, blocks);
        vm.expectRevert(bytes("invalid startEpoch"));
        lockingPool.batchSubmitRewards(3, 10, 20, signers, blocks);
        lockingPool.batchSubmitRewards(3, 11, 12, signers, blocks);
        vm.stopPrank();
        assertEq(lockingPool.currentBatch(), 3);
    }

    function test_batchSubmitRewards_refusals() public {
        (, address s1) = _seat(op, "a");
        address[] memory signers = new address[](1);
        signers[0] = s1;
        uint256[] memory blocks = new uint256[](1);
        vm.expectRevert(bytes("not MPC"));
        lockingPool.batchSubmitRewards(2, 1, 2, signers, blocks);
        vm.startPrank(metisMpc);
        vm.expectRevert(bytes("mismatch length"));
        lockingPool.batchSubmitRewards(2, 1, 2, signers, new uint256[](2));
        vm.expectRevert(bytes("mismatch length"));
        lockingPool.batchSubmitRewards(2, 1, 2, new address[](0), new uint256[](0));
        signers[0] = stranger;
        vm.expectRevert(SequencerInfoModel.NoSuchSeq.selector);
        lockingPool.batchSubmitRewards(2, 1, 2, signers, blocks);
        vm.stopPrank();
        assertEq(lockingPool.currentBatch(), 1);
    }

    function test_batchSubmitRewards_refusesARetiredSigner() public {
        (uint256 seqId, address signer) = _seat(op, "a");
        _nextBatch();
        bytes memory newKey = metisPubkey("a-new");
        vm.prank(signer);
        lockingPool.updateSigner(seqId, newKey);
        address[] memory signers = new address[](1);
        signers[0] = signer;
        (uint256 id,,, uint256 end) = lockingPool.curBatchState();
        vm.expectRevert(SequencerInfoModel.NoSuchSeq.selector);
        vm.prank(metisMpc);
        lockingPool.batchSubmitRewards(id + 1, end + 1, end + 2, signers, new uint256[](1));
        submitRewards(metisSigner(newKey), 3);
        assertEq(seat(seqId).reward, 3 * RPB);
    }

    function test_batchSubmitRewards_needsTheRewardPayersAllowance() public {
        (, address signer) = _seat(op, "a");
        vm.prank(metisRewardPayer);
        l1Metis.approve(address(lockingInfo), 0);
        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientAllowance.selector, address(lockingInfo), 0, RPB)
        );
        this.submitRewardsExternal(signer, 1);
    }

    function submitRewardsExternal(address signer, uint256 blocks) external {
        submitRewards(signer, blocks);
    }

    function testFuzz_batchSubmitRewards(uint256 blocks1, uint256 blocks2, uint256 span, uint256 rounds) public {
        blocks1 = bound(blocks1, 0, 1_000_000);
        blocks2 = bound(blocks2, 0, 1_000_000);
        span = bound(span, 1, 10_000);
        rounds = bound(rounds, 1, 5);
        (uint256 seq1, address s1) = _seat(op, "a");
        (uint256 seq2, address s2) = _seat(op2, "b");
        address[] memory signers = new address[](2);
        signers[0] = s1;
        signers[1] = s2;
        uint256[] memory blocks = new uint256[](2);
        blocks[0] = blocks1;
        blocks[1] = blocks2;
        for (uint256 r = 0; r < rounds; r++) {
            (uint256 id,,, uint256 end) = lockingPool.curBatchState();
            vm.prank(metisMpc);
            lockingPool.batchSubmitRewards(id + 1, end + 1, end + 1 + span, signers, blocks);
        }
        assertEq(seat(seq1).reward, rounds * blocks1 * RPB);
        assertEq(seat(seq2).reward, rounds * blocks2 * RPB);
        assertEq(lockingPool.currentBatch(), 1 + rounds);
        (,,, uint256 lastEnd) = lockingPool.curBatchState();
        assertEq(lastEnd, rounds * (span + 1));
        assertEq(l1Metis.balanceOf(address(lockingInfo)), 3 * MIN + rounds * (blocks1 + blocks2) * RPB);
    }

    // ================================================================ signer, owner, recipient

    function test_updateSigner_movesTheSeatToANewKey() public {
        (uint256 seqId, address signer) = _seat(op, "a");
        bytes memory newKey = metisPubkey("a-new");
        address newSigner = metisSigner(newKey);
        vm.expectRevert(bytes("signer updating throttle"));
        vm.prank(signer);
        lockingPool.updateSigner(seqId, newKey);
        _nextBatch();
        vm.expectEmit(address(lockingInfo));
        emit LockingInfoModel.SignerChange(seqId, 2, signer, newSigner, newKey);
        vm.prank(signer);
        lockingPool.updateSigner(seqId, newKey);
        SequencerInfoModel.Sequencer memory s = seat(seqId);
        assertEq(s.signer, newSigner);
        assertEq(keccak256(s.pubkey), keccak256(newKey));
        assertEq(s.nonce, 2);
        assertEq(s.updatedBatch, 2);
        assertEq(lockingPool.seqSigners(newSigner), seqId);
        assertEq(lockingPool.seqSigners(signer), type(uint256).max);
        // a signer update also counts as this batch's update for the withdraw throttle
        vm.expectRevert(bytes("withdraw throttle"));
        vm.prank(op);
        lockingPool.withdraw(seqId, 1);
    }

    function test_updateSigner_refusals() public {
        (uint256 seqId, address signer) = _seat(op, "a");
        (, address other) = _seat(op2, "b");
        _nextBatch();
        vm.expectRevert(SequencerInfoModel.NotSeqSigner.selector);
        vm.prank(op);
        lockingPool.updateSigner(seqId, metisPubkey("x"));
        vm.startPrank(signer);
        vm.expectRevert(SequencerInfoModel.SignerExisted.selector);
        lockingPool.updateSigner(seqId, metisPubkey("b"));
        vm.expectRevert(SequencerInfoModel.SignerExisted.selector);
        lockingPool.updateSigner(seqId, metisPubkey("a"));
        vm.expectRevert(bytes("invalid pubkey"));
        lockingPool.updateSigner(seqId, hex"01");
        vm.expectRevert(SequencerInfoModel.SeqNotActive.selector);
        lockingPool.updateSigner(99, metisPubkey("x"));
        vm.stopPrank();
        vm.prank(metisAdmin);
        lockingPool.setPause(true);
        vm.expectRevert(Pausable.EnforcedPause.selector);
        vm.prank(signer);
        lockingPool.updateSigner(seqId, metisPubkey("x"));
        assertEq(seat(seqId).signer, signer);
        assertEq(lockingPool.seqSigners(other), 3);
    }

    function test_setSequencerRewardRecipient() public {
        (uint256 seqId,) = _seat(op, "a");
        address newRecipient = makeAddr("new.recipient");
        vm.expectEmit(address(lockingPool));
        emit SequencerInfoModel.SequencerRewardRecipientChanged(seqId, newRecipient);
        vm.prank(op);
        lockingPool.setSequencerRewardRecipient(seqId, newRecipient);
        assertEq(seat(seqId).rewardRecipient, newRecipient);

        vm.expectRevert(SequencerInfoModel.NullAddress.selector);
        vm.prank(op);
        lockingPool.setSequencerRewardRecipient(seqId, address(0));
        whitelistSequencerOwner(op2); // whitelisted, but not the owner
        vm.expectRevert(SequencerInfoModel.NotSeqOwner.selector);
        vm.prank(op2);
        lockingPool.setSequencerRewardRecipient(seqId, newRecipient);
        vm.prank(metisAdmin);
        lockingPool.setWhitelist(op, false);
        vm.expectRevert(SequencerInfoModel.NotWhitelisted.selector);
        vm.prank(op);
        lockingPool.setSequencerRewardRecipient(seqId, recipient);
        whitelistSequencerOwner(op);
        _seat(op2, "b");
        vm.prank(op);
        lockingPool.unlock(seqId, 0);
        vm.expectRevert(SequencerInfoModel.SeqNotActive.selector);
        vm.prank(op);
        lockingPool.setSequencerRewardRecipient(seqId, recipient);
        assertEq(seat(seqId).rewardRecipient, newRecipient);
    }

    function test_setSequencerOwner() public {
        (uint256 seqId,) = _seat(op, "a");
        vm.expectEmit(address(lockingPool));
        emit SequencerInfoModel.SequencerOwnerChanged(seqId, op2);
        vm.prank(op);
        lockingPool.setSequencerOwner(seqId, op2);
        assertEq(seat(seqId).owner, op2);
        assertEq(lockingPool.seqOwners(op), 0);
        assertEq(lockingPool.seqOwners(op2), seqId);
        // the new owner acts only once whitelisted (not checked at the hand-over, as on Metis)
        vm.expectRevert(SequencerInfoModel.NotWhitelisted.selector);
        vm.prank(op2);
        lockingPool.setSequencerOwner(seqId, op3);

        whitelistSequencerOwner(op2);
        vm.startPrank(op2);
        vm.expectRevert(SequencerInfoModel.NullAddress.selector);
        lockingPool.setSequencerOwner(seqId, address(0));
        vm.expectRevert(SequencerInfoModel.SeqNotActive.selector);
        lockingPool.setSequencerOwner(99, op3);
        vm.stopPrank();
        vm.expectRevert(SequencerInfoModel.NotSeqOwner.selector);
        vm.prank(op);
        lockingPool.setSequencerOwner(seqId, op);
    }

    // ================================================================ admin

    function test_admin_setWhitelist() public {
        vm.expectEmit(address(lockingPool));
        emit SequencerInfoModel.SetWhitelist(op, true);
        vm.prank(metisAdmin);
        lockingPool.setWhitelist(op, true);
        assertTrue(lockingPool.whitelist(op));
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, op));
        vm.prank(op);
        lockingPool.setWhitelist(op2, true);
        assertFalse(lockingPool.whitelist(op2));
    }

    function test_admin_updateMpc() public {
        vm.expectEmit(address(lockingPool));
        emit LockingPoolModel.UpdateMpc(op);
        vm.prank(metisAdmin);
        lockingPool.updateMpc(op);
        assertEq(lockingPool.mpcAddress(), op);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, op));
        vm.prank(op);
        lockingPool.updateMpc(op2);
    }

    function test_admin_updateBlockReward() public {
        vm.expectEmit(address(lockingPool));
        emit LockingPoolModel.RewardUpdate(1 ether, RPB);
        vm.prank(metisAdmin);
        lockingPool.updateBlockReward(1 ether);
        assertEq(lockingPool.rewardPerBlock(), 1 ether);
        vm.expectRevert(bytes("invalid newReward"));
        vm.prank(metisAdmin);
        lockingPool.updateBlockReward(0);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, op));
        vm.prank(op);
        lockingPool.updateBlockReward(2);
    }

    function test_admin_updateWithdrawDelayTimeValue() public {
        vm.expectEmit(address(lockingPool));
        emit LockingPoolModel.WithrawDelayTimeChange(7 days, 21 days);
        vm.prank(metisAdmin);
        lockingPool.updateWithdrawDelayTimeValue(7 days);
        assertEq(lockingPool.exitDelayPeriod(), 7 days);
        vm.expectRevert(bytes("dalayTime==0"));
        vm.prank(metisAdmin);
        lockingPool.updateWithdrawDelayTimeValue(0);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, op));
        vm.prank(op);
        lockingPool.updateWithdrawDelayTimeValue(1);
    }

    function test_admin_setSignerUpdateThrottle() public {
        vm.expectEmit(address(lockingPool));
        emit LockingPoolModel.SetSignerUpdateThrottle(0);
        vm.prank(metisAdmin);
        lockingPool.setSignerUpdateThrottle(0);
        assertEq(lockingPool.signerUpdateThrottle(), 0);
        (uint256 seqId, address signer) = _seat(op, "a");
        vm.prank(signer);
        lockingPool.updateSigner(seqId, metisPubkey("a-new")); // allowed in the lock batch now
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, op));
        vm.prank(op);
        lockingPool.setSignerUpdateThrottle(1);
    }

    function test_admin_setPause() public {
        vm.expectEmit(address(lockingPool));
        emit Pausable.Paused(metisAdmin);
        vm.prank(metisAdmin);
        lockingPool.setPause(true);
        assertTrue(lockingPool.paused());
        vm.expectRevert(Pausable.EnforcedPause.selector);
        vm.prank(metisAdmin);
        lockingPool.setPause(true);
        vm.expectEmit(address(lockingPool));
        emit Pausable.Unpaused(metisAdmin);
        vm.prank(metisAdmin);
        lockingPool.setPause(false);
        vm.expectRevert(Pausable.ExpectedPause.selector);
        vm.prank(metisAdmin);
        lockingPool.setPause(false);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, op));
        vm.prank(op);
        lockingPool.setPause(true);
    }

    function test_admin_lockingInfoLimitsAndPayer() public {
        vm.startPrank(metisAdmin);
        vm.expectEmit(address(lockingInfo));
        emit LockingInfoModel.SetMinLock(10_000 ether);
        lockingInfo.setMinLock(10_000 ether);
        vm.expectRevert(bytes("_minLock=0"));
        lockingInfo.setMinLock(0);
        vm.expectEmit(address(lockingInfo));
        emit LockingInfoModel.SetMaxLock(10_000 ether);
        lockingInfo.setMaxLock(10_000 ether);
        vm.expectRevert(bytes("maxLock<minLock"));
        lockingInfo.setMaxLock(10_000 ether - 1);
        vm.expectEmit(address(lockingInfo));
        emit LockingInfoModel.SetRewardPayer(op);
        lockingInfo.setRewardPayer(op);
        vm.expectRevert(bytes("manager has been initialized"));
        lockingInfo.initManager(op);
        vm.stopPrank();
        assertEq(lockingInfo.minLock(), 10_000 ether);
        assertEq(lockingInfo.maxLock(), 10_000 ether);
        assertEq(lockingInfo.rewardPayer(), op);
        assertEq(lockingInfo.manager(), address(lockingPool));

        vm.startPrank(op);
        bytes memory denied = abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, op);
        vm.expectRevert(denied);
        lockingInfo.setMinLock(1);
        vm.expectRevert(denied);
        lockingInfo.setMaxLock(1);
        vm.expectRevert(denied);
        lockingInfo.setRewardPayer(op);
        vm.expectRevert(denied);
        lockingInfo.initManager(op);
        vm.stopPrank();
    }

    function test_lockingInfo_managerFunctionsAreForThePoolOnly() public {
        SequencerInfoModel.Sequencer memory s = seat(1);
        vm.startPrank(stranger);
        vm.expectRevert(bytes("Not manager"));
        lockingInfo.newSequencer(9, stranger, stranger, MIN, 1, "");
        vm.expectRevert(bytes("Not manager"));
        lockingInfo.increaseLocked(1, 2, stranger, MIN, 1, 0);
        vm.expectRevert(bytes("Not manager"));
        lockingInfo.withdrawLocking(1, stranger, 2, 1, MIN);
        vm.expectRevert(bytes("Not manager"));
        lockingInfo.initializeUnlock(1, 0, 0, s);
        vm.expectRevert(bytes("Not manager"));
        lockingInfo.finalizeUnlock(stranger, 1, MIN, 0, stranger, 0);
        vm.expectRevert(bytes("Not manager"));
        lockingInfo.liquidateReward(1, 1, stranger, 0);
        vm.expectRevert(bytes("Not manager"));
        lockingInfo.distributeReward(2, 1);
        vm.expectRevert(bytes("Not manager"));
        lockingInfo.logSignerChange(1, stranger, stranger, 2, "");
        vm.stopPrank();
        assertEq(l1Metis.balanceOf(address(lockingInfo)), MIN);
    }
}

/// @notice Sepolia-like network: no BFT restriction, discount 0 (no ETH fee).
contract LockingPoolModelSepoliaTest is LockingBase {
    function _config() internal pure override returns (MetisConfig memory) {
        return metisSepoliaLike();
    }

    function test_unlock_noBftRestriction() public {
        assertFalse(lockingPool.bftRestriction());
        (uint256 seqId,) = _seat(op, "a"); // the only sequencer
        vm.prank(op);
        lockingPool.unlock(seqId, 0);
        assertTrue(_status(seqId) == ILockingPool.Status.Inactive);
        assertEq(lockingPool.seqStatuses(ILockingPool.Status.Active), 0);
    }

    function test_withdrawRewards_withoutEthFee() public {
        (uint256 seqId, address signer) = _seat(op, "a");
        submitRewards(signer, 10);
        assertEq(_fee(), 0);
        vm.prank(op);
        lockingPool.withdrawRewards(seqId, 0);
        relayAllToL2();
        assertEq(recipient.balance, 10 * RPB);
        assertEq(l2Metis.balanceOf(recipient), 10 * RPB);
    }

    function test_fullExitWithoutFees() public {
        (uint256 seqId, address signer) = _seat(op, "a");
        submitRewards(signer, 10);
        vm.prank(op);
        lockingPool.unlock(seqId, 0);
        submitRewards(signer, 5);
        vm.warp(block.timestamp + 21 days);
        vm.prank(op);
        lockingPool.unlockClaim(seqId, 0);
        relayAllToL2();
        assertEq(l1Metis.balanceOf(op), MIN);
        assertEq(recipient.balance, 15 * RPB);
        assertEq(lockingInfo.totalLocked(), 0);
        assertEq(l1Metis.balanceOf(address(lockingInfo)), 0);
    }
}
