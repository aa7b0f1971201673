// SPDX-License-Identifier: MIT
pragma solidity 0.8.23;

import {Test} from "../../utils/Test.sol";
import {MetisNetwork} from "../../utils/MetisNetwork.sol";
import {ILockingPool} from "../../../src/interfaces/metis/ILockingPool.sol";
import {MetisAddresses} from "../../../src/interfaces/metis/MetisAddresses.sol";
import {DevMetis} from "../../../src/network/DevMetis.sol";
import {L1StandardBridgeModel} from "../../../src/network/bridge/L1StandardBridgeModel.sol";
import {LockingInfoModel} from "../../../src/network/locking/LockingInfoModel.sol";
import {LockingPoolModel} from "../../../src/network/locking/LockingPoolModel.sol";
import {SequencerInfoModel} from "../../../src/network/locking/SequencerInfoModel.sol";

/// @notice Drives the LockingPool model (mainnet-like network) with random owner, MPC and admin actions.
contract LockingPoolHandler is MetisNetwork {
    uint256 internal constant ACTORS = 8;
    address[] internal actors;
    uint256 internal signerCount;

    /// @notice Calls per action, for the campaign summary.
    mapping(bytes32 action => uint256 calls) public calls;

    function init() external {
        deployMetisNetwork(metisMainnetLike());
        for (uint256 i = 0; i < ACTORS; i++) {
            address a = makeAddr(string.concat("actor", vm.toString(i)));
            actors.push(a);
            whitelistSequencerOwner(a);
        }
    }

    // ---------------------------------------------------------------- views for the invariants
    function pool() external view returns (LockingPoolModel) {
        return lockingPool;
    }

    function info() external view returns (LockingInfoModel) {
        return lockingInfo;
    }

    function metis() external view returns (DevMetis) {
        return l1Metis;
    }

    function bridge() external view returns (L1StandardBridgeModel) {
        return l1Bridge;
    }

    function chainId() external view returns (uint256) {
        return metisConfig.l2ChainId;
    }

    function seatOf(uint256 seqId) external view returns (SequencerInfoModel.Sequencer memory) {
        return seat(seqId);
    }

    // ---------------------------------------------------------------- actions
    function lock(uint256 actorSeed, uint256 amount) external {
        address owner = actors[actorSeed % ACTORS];
        if (lockingPool.seqOwners(owner) != 0) return;
        amount = bound(amount, lockingInfo.minLock(), lockingInfo.maxLock());
        lockSeat(owner, amount, makeAddr(string.concat("recipient", vm.toString(actorSeed % ACTORS))), _newSigner());
        calls["lock"]++;
    }

    function relock(uint256 seatSeed, uint256 amount, bool lockReward) external {
        (uint256 seqId, SequencerInfoModel.Sequencer memory s) = _pick(seatSeed);
        if (s.status != ILockingPool.Status.Active) return;
        uint256 room = lockingInfo.maxLock() - s.amount;
        uint256 fromReward = lockReward ? s.reward : 0;
        if (fromReward > room) return;
        amount = bound(amount, 0, room - fromReward);
        if (amount + fromReward == 0) return;
        fundL1(s.owner, amount);
        vm.startPrank(s.owner);
        l1Metis.approve(address(lockingInfo), amount);
        lockingPool.relock(seqId, amount, lockReward);
        vm.stopPrank();
        calls["relock"]++;
    }

    function withdraw(uint256 seatSeed, uint256 amount) external {
        (uint256 seqId, SequencerInfoModel.Sequencer memory s) = _pick(seatSeed);
        if (s.status != ILockingPool.Status.Active || lockingPool.currentBatch() <= s.updatedBatch) return;
        if (s.amount <= lockingInfo.minLock()) return;
        amount = bound(amount, 1, s.amount - lockingInfo.minLock());
        vm.prank(s.owner);
        lockingPool.withdraw(seqId, amount);
        calls["withdraw"]++;
    }

    function rewardBatch(uint256 seatSeed, uint256 blocksA, uint256 blocksB) external {
        uint256 n = lockingPool.totalSequencers();
        if (n == 0) return;
        address[] memory signers = new address[](2);
        uint256[] memory blocks = new uint256[](2);
        for (uint256 k = 0; k < 2; k++) {
            SequencerInfoModel.Sequencer memory s = seat((seatSeed % n + k) % n + 1);
            if (s.status == ILockingPool.Status.Unlocked) return;
            signers[k] = s.signer;
        }
        blocks[0] = bound(blocksA, 0, 100_000);
        blocks[1] = bound(blocksB, 0, 100_000);
        submitRewards(signers, blocks);
        calls["rewardBatch"]++;
    }

    function withdrawRewards(uint256 seatSeed) external {
        (uint256 seqId, SequencerInfoModel.Sequencer memory s) = _pick(seatSeed);
        if (s.status != ILockingPool.Status.Active) return;
        uint256 fee = l1ToL2Fee(METIS_DEFAULT_L2_GAS);
        fundEth(s.owner, fee);
        vm.prank(s.owner);
        lockingPool.withdrawRewards{value: fee}(seqId, METIS_DEFAULT_L2_GAS);
        calls["withdrawRewards"]++;
    }

    function unlock(uint256 seatSeed, bool force) external {
        (uint256 seqId, SequencerInfoModel.Sequencer memory s) = _pick(seatSeed);
        if (s.status != ILockingPool.Status.Active) return;
        uint256 active = lockingPool.seqStatuses(ILockingPool.Status.Active) - 1;
        uint256 inactive = lockingPool.seqStatuses(ILockingPool.Status.Inactive) + 1;
        if (!force && inactive * 3 > active + inactive) return; // the BFT restriction would refuse it
        uint256 fee = l1ToL2Fee(METIS_DEFAULT_L2_GAS);
        if (force) {
            fundEth(metisAdmin, fee);
            vm.prank(metisAdmin);
            lockingPool.forceUnlock{value: fee}(seqId, METIS_DEFAULT_L2_GAS);
        } else {
            fundEth(s.owner, fee);
            vm.prank(s.owner);
            lockingPool.unlock{value: fee}(seqId, METIS_DEFAULT_L2_GAS);
        }
        calls[force ? bytes32("forceUnlock") : bytes32("unlock")]++;
    }

    function unlockClaim(uint256 seatSeed, uint256 wait) external {
        (uint256 seqId, SequencerInfoModel.Sequencer memory s) = _pick(seatSeed);
        if (s.status != ILockingPool.Status.Inactive) return;
        vm.warp(block.timestamp + bound(wait, 0, 30 days));
        if (block.timestamp < s.unlockClaimTime) return;
        uint256 fee = l1ToL2Fee(METIS_DEFAULT_L2_GAS);
        fundEth(s.owner, fee);
        vm.prank(s.owner);
        lockingPool.unlockClaim{value: fee}(seqId, METIS_DEFAULT_L2_GAS);
        calls["unlockClaim"]++;
    }

    function updateSigner(uint256 seatSeed) external {
        (uint256 seqId, SequencerInfoModel.Sequencer memory s) = _pick(seatSeed);
        if (s.status != ILockingPool.Status.Active) return;
        if (lockingPool.currentBatch() < s.updatedBatch + lockingPool.signerUpdateThrottle()) return;
        vm.prank(s.signer);
        lockingPool.updateSigner(seqId, metisPubkey(_newSigner()));
        calls["updateSigner"]++;
    }

    function relayRewards() external {
        relayAllToL2();
        calls["relayRewards"]++;
    }

    // ---------------------------------------------------------------- internals
    function _pick(uint256 seed) internal view returns (uint256 seqId, SequencerInfoModel.Sequencer memory s) {
        uint256 n = lockingPool.totalSequencers();
        if (n == 0) return (0, s);
        seqId = seed % n + 1;
        s = seat(seqId);
    }

    function _newSigner() internal returns (string memory) {
        return string.concat("signer", vm.toString(++signerCount));
    }
}

/// @notice Invariants of the LockingPool / LockingInfo models under random use (256 runs x depth 64).
contract LockingPoolModelInvariantTest is Test {
    LockingPoolHandler internal handler;

    function setUp() public {
        handler = new LockingPoolHandler();
        handler.init();
        targetContract(address(handler));
        bytes4[] memory selectors = new bytes4[](9);
        selectors[0] = LockingPoolHandler.lock.selector;
        selectors[1] = LockingPoolHandler.relock.selector;
        selectors[2] = LockingPoolHandler.withdraw.selector;
        selectors[3] = LockingPoolHandler.rewardBatch.selector;
        selectors[4] = LockingPoolHandler.withdrawRewards.selector;
        selectors[5] = LockingPoolHandler.unlock.selector;
        selectors[6] = LockingPoolHandler.unlockClaim.selector;
        selectors[7] = LockingPoolHandler.updateSigner.selector;
        selectors[8] = LockingPoolHandler.relayRewards.selector;
        targetSelector(FuzzSelector({addr: address(handler), selectors: selectors}));
    }

    function _sums() internal view returns (uint256 amounts, uint256 rewards) {
        LockingPoolModel pool = handler.pool();
        uint256 n = pool.totalSequencers();
        for (uint256 id = 1; id <= n; id++) {
            SequencerInfoModel.Sequencer memory s = handler.seatOf(id);
            amounts += s.amount;
            rewards += s.reward;
        }
    }

    function invariant_lockingInfoMetisBalanceEqualsTotalLockedPlusUnpaidRewards() public view {
        (, uint256 rewards) = _sums();
        LockingInfoModel info = handler.info();
        assertEq(handler.metis().balanceOf(address(info)), info.totalLocked() + rewards);
    }

    function invariant_totalLockedEqualsTheSumOfSeatAmounts() public view {
        (uint256 amounts,) = _sums();
        assertEq(handler.info().totalLocked(), amounts);
    }

    function invariant_seqStatusesCountsMatchTheSequencers() public view {
        LockingPoolModel pool = handler.pool();
        uint256 n = pool.totalSequencers();
        uint256[4] memory counts;
        for (uint256 id = 1; id <= n; id++) {
            counts[uint256(handler.seatOf(id).status)]++;
        }
        assertEq(counts[0], 0, "no Unavailable seat among issued ids");
        assertEq(pool.seqStatuses(ILockingPool.Status.Inactive), counts[1]);
        assertEq(pool.seqStatuses(ILockingPool.Status.Active), counts[2]);
        assertEq(pool.seqStatuses(ILockingPool.Status.Unlocked), counts[3]);
        assertEq(counts[1] + counts[2] + counts[3], n);
    }

    function invariant_noOwnerHasTwoSequencers() public view {
        LockingPoolModel pool = handler.pool();
        uint256 n = pool.totalSequencers();
        for (uint256 i = 1; i <= n; i++) {
            SequencerInfoModel.Sequencer memory a = handler.seatOf(i);
            if (a.status == ILockingPool.Status.Unlocked) {
                continue;
            }
            assertEq(pool.seqOwners(a.owner), i, "seqOwners points to the owner's live seat");
            for (uint256 j = i + 1; j <= n; j++) {
                SequencerInfoModel.Sequencer memory b = handler.seatOf(j);
                if (b.status != ILockingPool.Status.Unlocked) assertTrue(a.owner != b.owner, "two live seats");
            }
        }
    }

    function invariant_activeSeatsStayWithinMinAndMaxLock() public view {
        LockingPoolModel pool = handler.pool();
        LockingInfoModel info = handler.info();
        uint256 n = pool.totalSequencers();
        for (uint256 id = 1; id <= n; id++) {
            SequencerInfoModel.Sequencer memory s = handler.seatOf(id);
            if (s.status == ILockingPool.Status.Unlocked) {
                assertEq(s.amount, 0);
                assertEq(s.reward, 0);
            } else {
                assertGe(s.amount, info.minLock());
                assertLe(s.amount, info.maxLock());
            }
        }
    }

    function invariant_signersMapToTheirSeatOrStayRetired() public view {
        LockingPoolModel pool = handler.pool();
        uint256 n = pool.totalSequencers();
        for (uint256 id = 1; id <= n; id++) {
            SequencerInfoModel.Sequencer memory s = handler.seatOf(id);
            uint256 mapped = pool.seqSigners(s.signer);
            if (s.status == ILockingPool.Status.Unlocked) assertEq(mapped, type(uint256).max);
            else assertEq(mapped, id);
        }
    }

    function invariant_bridgedRewardsAreAllLiquidatedRewards() public view {
        uint256 deposited =
            handler.bridge().deposits(address(handler.metis()), handler.chainId(), MetisAddresses.L2_METIS);
        assertEq(deposited, 100_000_000 ether + handler.info().totalRewardsLiquidated());
    }
}
