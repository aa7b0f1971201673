// SPDX-License-Identifier: MIT
pragma solidity 0.8.23;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {MetisNetwork} from "../../utils/MetisNetwork.sol";
import {LockingInfoWithSlash, LockingPoolWithSlash} from "../../utils/LockingPoolWithSlash.sol";
import {ILockingPool} from "../../../src/interfaces/metis/ILockingPool.sol";

/// @notice The test-only future slash (NOT Metis behaviour) used by the protocol's loss tests.
contract LockingPoolWithSlashTest is MetisNetwork {
    address internal op = makeAddr("op");
    address internal sink = makeAddr("sink");
    LockingPoolWithSlash internal pool;

    function setUp() public {
        MetisConfig memory cfg = metisSepoliaLike();
        cfg.slashable = true;
        deployMetisNetwork(cfg);
        pool = LockingPoolWithSlash(address(lockingPool));
    }

    function test_slash_lowersTheSeatAndTotalLockedAndMovesTheMetis() public {
        (uint256 seqId,) = lockSeat(op, 30_000 ether, op, "a");
        vm.expectEmit(address(lockingInfo));
        emit LockingInfoWithSlash.Slashed(seqId, 12_000 ether, sink);
        vm.prank(metisAdmin);
        pool.slash(seqId, 12_000 ether, sink);
        assertEq(seat(seqId).amount, 18_000 ether, "may go below minLock");
        assertEq(seat(seqId).nonce, 2);
        assertEq(lockingInfo.totalLocked(), 18_000 ether);
        assertEq(l1Metis.balanceOf(sink), 12_000 ether);
        assertEq(l1Metis.balanceOf(address(lockingInfo)), 18_000 ether);

        // an Inactive seat can be slashed too, and its claim pays what is left
        vm.prank(op);
        pool.unlock(seqId, 0);
        vm.prank(metisAdmin);
        pool.slash(seqId, 8_000 ether, sink);
        vm.warp(block.timestamp + 21 days);
        vm.prank(op);
        pool.unlockClaim(seqId, 0);
        assertEq(l1Metis.balanceOf(op), 10_000 ether);
        assertTrue(seat(seqId).status == ILockingPool.Status.Unlocked);
    }

    function test_slash_refusals() public {
        (uint256 seqId,) = lockSeat(op, 20_000 ether, op, "a");
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, op));
        vm.prank(op);
        pool.slash(seqId, 1, sink);
        vm.startPrank(metisAdmin);
        vm.expectRevert(abi.encodeWithSelector(LockingPoolWithSlash.SlashNotPossible.selector, seqId, 20_000 ether + 1));
        pool.slash(seqId, 20_000 ether + 1, sink);
        vm.expectRevert(abi.encodeWithSelector(LockingPoolWithSlash.SlashNotPossible.selector, seqId, 0));
        pool.slash(seqId, 0, sink);
        vm.expectRevert(abi.encodeWithSelector(LockingPoolWithSlash.SlashNotPossible.selector, 9, 1));
        pool.slash(9, 1, sink);
        vm.stopPrank();
        vm.expectRevert(bytes("Not manager"));
        LockingInfoWithSlash(address(lockingInfo)).slashLocked(seqId, 1, sink);
        assertEq(lockingInfo.totalLocked(), 20_000 ether);
    }
}
