// SPDX-License-Identifier: MIT
pragma solidity 0.8.23;

import {Fixture} from "../utils/Fixture.sol";
import {IStakingManager} from "../../src/interfaces/IStakingManager.sol";
import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {StakingManager} from "../../src/core/StakingManager.sol";
import {SequencerAgent} from "../../src/core/SequencerAgent.sol";
import {SequencerLockingPool} from "../../src/network/SequencerLockingPool.sol";

contract StakingManagerTest is Fixture {
    bytes32 internal constant PERMIT_TYPEHASH =
        keccak256("Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)");
    bytes32 internal constant KEEPER = keccak256("KEEPER_ROLE");
    bytes32 internal constant PAUSER = keccak256("PAUSER_ROLE");

    // ------------------------------------------------------------------ construction & wiring

    function test_constructor_revertsOnZeroAddress() public {
        vm.expectRevert(IStakingManager.ManagerZeroAddress.selector);
        new StakingManager(address(0), address(pool), admin);
        vm.expectRevert(IStakingManager.ManagerZeroAddress.selector);
        new StakingManager(address(metis), address(0), admin);
        vm.expectRevert(IStakingManager.ManagerZeroAddress.selector);
        new StakingManager(address(metis), address(pool), address(0));
    }

    function test_initialize_wiresEverything() public view {
        assertEq(manager.metis(), address(metis));
        assertEq(manager.lockingPool(), address(pool));
        assertEq(manager.eMetis(), address(eMetis));
        assertEq(manager.seMetis(), address(seMetis));
        assertEq(manager.dispatcher(), address(dispatcher));
        assertEq(manager.redemptionQueue(), address(queue));
        assertEq(manager.minStake(), 0.01 ether);
        assertTrue(manager.hasRole(manager.DEFAULT_ADMIN_ROLE(), admin));
    }

    function test_initialize_revertsTwice() public {
        vm.prank(admin);
        vm.expectRevert(StakingManager.ManagerAlreadyInitialized.selector);
        manager.initialize(address(1), address(2), address(3), address(4));
    }

    function test_initialize_revertsForNonAdminAndZero() public {
        StakingManager m = new StakingManager(address(metis), address(pool), admin);
        vm.prank(alice);
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, alice, bytes32(0))
        );
        m.initialize(address(1), address(2), address(3), address(4));
        vm.prank(admin);
        vm.expectRevert(IStakingManager.ManagerZeroAddress.selector);
        m.initialize(address(1), address(0), address(3), address(4));
    }

    // ------------------------------------------------------------------ stake

    function test_stake_mintsOneToOneAndBuffers() public {
        uint256 bufferBefore = manager.bufferedMetis();
        _fund(alice, 50e18);
        vm.startPrank(alice);
        metis.approve(address(manager), 50e18);
        vm.expectEmit(address(manager));
        emit IStakingManager.Staked(alice, bob, carol, 50e18, 50e18);
        uint256 out = manager.stake(50e18, bob, carol);
        vm.stopPrank();
        assertEq(out, 50e18);
        assertEq(eMetis.balanceOf(bob), 50e18);
        assertEq(metis.balanceOf(alice), 0);
        assertEq(manager.bufferedMetis(), bufferBefore + 50e18);
        _assertFullyBacked();
    }

    function test_stake_revertsOnZeroAmount() public {
        vm.prank(alice);
        vm.expectRevert(IStakingManager.ManagerZeroAmount.selector);
        manager.stake(0, alice, address(0));
    }

    function test_stake_revertsBelowMinimum() public {
        _fund(alice, 1e18);
        vm.startPrank(alice);
        metis.approve(address(manager), 1e18);
        vm.expectRevert(
            abi.encodeWithSelector(IStakingManager.ManagerBelowMinimum.selector, 0.01 ether - 1, 0.01 ether)
        );
        manager.stake(0.01 ether - 1, alice, address(0));
        manager.stake(0.01 ether, alice, address(0)); // exactly the minimum passes
        vm.stopPrank();
        assertEq(eMetis.balanceOf(alice), 0.01 ether);
    }

    function test_stake_revertsOnZeroReceiver() public {
        vm.prank(alice);
        vm.expectRevert(IStakingManager.ManagerZeroAddress.selector);
        manager.stake(1e18, address(0), address(0));
    }

    function test_stake_revertsWithoutAllowance() public {
        _fund(alice, 1e18);
        vm.prank(alice);
        vm.expectRevert();
        manager.stake(1e18, alice, address(0));
    }

    function test_stake_revertsWhenPaused() public {
        vm.prank(pauser);
        manager.pause();
        assertTrue(manager.paused());
        _fund(alice, 1e18);
        vm.startPrank(alice);
        metis.approve(address(manager), 1e18);
        vm.expectRevert(StakingManager.ManagerPaused.selector);
        manager.stake(1e18, alice, address(0));
        vm.expectRevert(StakingManager.ManagerPaused.selector);
        manager.stakeAndRestake(1e18, alice, address(0));
        vm.expectRevert(StakingManager.ManagerPaused.selector);
        manager.stakeWithPermit(1e18, alice, address(0), 0, 0, 0, 0);
        vm.expectRevert(StakingManager.ManagerPaused.selector);
        manager.stakeAndRestakeWithPermit(1e18, alice, address(0), 0, 0, 0, 0);
        vm.stopPrank();
        vm.prank(pauser);
        manager.unpause();
        vm.prank(alice);
        manager.stake(1e18, alice, address(0));
        assertEq(eMetis.balanceOf(alice), 1e18);
    }

    function test_pause_onlyPauserAndToggles() public {
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, alice, PAUSER));
        manager.pause();
        vm.prank(pauser);
        vm.expectRevert(StakingManager.ManagerNotPaused.selector);
        manager.unpause();
        vm.prank(pauser);
        vm.expectEmit(address(manager));
        emit StakingManager.Paused(pauser);
        manager.pause();
        vm.prank(pauser);
        vm.expectRevert(StakingManager.ManagerPaused.selector);
        manager.pause();
    }

    function test_setMinStake_adminOnlyWithEvent() public {
        vm.prank(alice);
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, alice, bytes32(0))
        );
        manager.setMinStake(1e18);
        vm.prank(admin);
        vm.expectEmit(address(manager));
        emit IStakingManager.MinStakeSet(5e18);
        manager.setMinStake(5e18);
        assertEq(manager.minStake(), 5e18);
        vm.prank(admin);
        vm.expectRevert();
        manager.setMinStake(uint256(type(uint88).max) + 1);
    }

    // ------------------------------------------------------------------ stake and restake

    function test_stakeAndRestake_depositsIntoVault() public {
        uint256 expected = seMetis.previewDeposit(40e18);
        _fund(alice, 40e18);
        vm.startPrank(alice);
        metis.approve(address(manager), 40e18);
        vm.expectEmit(address(manager));
        emit IStakingManager.StakedAndRestaked(alice, bob, carol, 40e18, expected);
        uint256 shares = manager.stakeAndRestake(40e18, bob, carol);
        vm.stopPrank();
        assertEq(shares, expected);
        assertEq(seMetis.balanceOf(bob), shares);
        assertEq(eMetis.balanceOf(bob), 0);
        assertEq(seMetis.totalAssets(), SEED_DEPOSIT + 40e18);
        assertEq(eMetis.balanceOf(address(seMetis)), SEED_DEPOSIT + 40e18);
        _assertFullyBacked();
    }

    function test_stakeAndRestake_reverts() public {
        vm.startPrank(alice);
        vm.expectRevert(IStakingManager.ManagerZeroAmount.selector);
        manager.stakeAndRestake(0, alice, address(0));
        vm.expectRevert(IStakingManager.ManagerZeroAddress.selector);
        manager.stakeAndRestake(1e18, address(0), address(0));
        vm.expectRevert(abi.encodeWithSelector(IStakingManager.ManagerBelowMinimum.selector, 1, 0.01 ether));
        manager.stakeAndRestake(1, alice, address(0));
        vm.stopPrank();
    }

    // ------------------------------------------------------------------ permits

    function _permitSig(uint256 key, address owner, uint256 value, uint256 deadline)
        internal
        view
        returns (uint8 v, bytes32 r, bytes32 s)
    {
        bytes32 structHash =
            keccak256(abi.encode(PERMIT_TYPEHASH, owner, address(manager), value, metis.nonces(owner), deadline));
        bytes32 digest = keccak256(abi.encodePacked("\x19\x01", metis.DOMAIN_SEPARATOR(), structHash));
        (v, r, s) = vm.sign(key, digest);
    }

    function test_stakeWithPermit_noApprovalNeeded() public {
        (address user, uint256 key) = makeAddrAndKey("permitUser");
        _fund(user, 10e18);
        (uint8 v, bytes32 r, bytes32 s) = _permitSig(key, user, 10e18, block.timestamp + 1);
        vm.prank(user);
        uint256 out = manager.stakeWithPermit(10e18, user, address(0), block.timestamp + 1, v, r, s);
        assertEq(out, 10e18);
        assertEq(eMetis.balanceOf(user), 10e18);
    }

    function test_stakeWithPermit_frontRunPermitStillStakes() public {
        (address user, uint256 key) = makeAddrAndKey("permitUser");
        _fund(user, 10e18);
        (uint8 v, bytes32 r, bytes32 s) = _permitSig(key, user, 10e18, block.timestamp + 1);
        // an attacker submits the permit first; the user's call must still go through
        metis.permit(user, address(manager), 10e18, block.timestamp + 1, v, r, s);
        vm.prank(user);
        manager.stakeWithPermit(10e18, user, address(0), block.timestamp + 1, v, r, s);
        assertEq(eMetis.balanceOf(user), 10e18);
    }

    function test_stakeWithPermit_badPermitWithoutAllowanceReverts() public {
        _fund(alice, 10e18);
        vm.prank(alice);
        vm.expectRevert();
        manager.stakeWithPermit(10e18, alice, address(0), block.timestamp + 1, 27, bytes32(0), bytes32(0));
    }

    function test_stakeAndRestakeWithPermit() public {
        (address user, uint256 key) = makeAddrAndKey("permitUser");
        _fund(user, 10e18);
        (uint8 v, bytes32 r, bytes32 s) = _permitSig(key, user, 10e18, block.timestamp + 1);
        vm.prank(user);
        uint256 shares = manager.stakeAndRestakeWithPermit(10e18, user, address(0), block.timestamp + 1, v, r, s);
        assertGt(shares, 0);
        assertEq(seMetis.balanceOf(user), shares);
    }

    // ------------------------------------------------------------------ seats and allocation

    function test_addSeat_deploysAgentOwnedByManager() public {
        (bytes memory pk, address signer) = _key(7);
        vm.prank(admin);
        vm.expectEmit(false, false, false, false, address(manager));
        emit IStakingManager.SeatAdded(0, address(0), signer);
        (uint256 idx, address agent) = manager.addSeat(signer, pk);
        assertEq(idx, 0);
        assertEq(manager.nodeCount(), 1);
        SequencerAgent a = SequencerAgent(agent);
        assertEq(a.manager(), address(manager));
        assertEq(a.signer(), signer);
        assertEq(keccak256(a.signerPubkey()), keccak256(pk));
        (address ag, address sg, uint256 seqId, uint256 principal, uint8 status) = manager.node(0);
        assertEq(ag, agent);
        assertEq(sg, signer);
        assertEq(seqId, 0);
        assertEq(principal, 0);
        assertEq(uint256(status), 0);
        assertEq(uint256(manager.nodeState(0)), uint256(StakingManager.NodeState.Pending));
    }

    function test_addSeat_reverts() public {
        vm.prank(alice);
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, alice, bytes32(0))
        );
        manager.addSeat(alice, "");
        vm.prank(admin);
        vm.expectRevert(IStakingManager.ManagerZeroAddress.selector);
        manager.addSeat(address(0), "");
    }

    function test_allocate_onlyKeeper() public {
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, alice, KEEPER));
        manager.allocate();
    }

    function test_allocate_revertsBelowMinLock() public {
        _addSeat(1);
        _stake(alice, MIN_LOCK - 2e18);
        vm.prank(keeper);
        vm.expectRevert(IStakingManager.ManagerNothingToAllocate.selector);
        manager.allocate();
    }

    function test_allocate_skipsSeatNotWhitelisted() public {
        (bytes memory pk, address signer) = _key(1);
        vm.prank(admin);
        (, address agent) = manager.addSeat(signer, pk);
        _stake(alice, MIN_LOCK);
        vm.prank(keeper);
        vm.expectRevert(IStakingManager.ManagerNothingToAllocate.selector);
        manager.allocate();
        vm.prank(admin);
        pool.setWhitelist(agent, true);
        assertEq(_allocate(), MIN_LOCK + SEED_DEPOSIT);
    }

    function test_allocate_opensSeatWithWholeBuffer() public {
        _addSeat(1);
        _stake(alice, 30_000e18);
        uint256 buffer = manager.bufferedMetis();
        vm.expectEmit(address(manager));
        emit IStakingManager.NodeOpened(0, 1, buffer);
        assertEq(_allocate(), buffer);
        (,, uint256 seqId, uint256 principal, uint8 status) = manager.node(0);
        assertEq(seqId, 1);
        assertEq(principal, buffer);
        assertEq(pool.sequencerBalance(1), buffer);
        assertEq(uint256(status), 2); // pool Status.Active
        assertEq(manager.bufferedMetis(), 0);
        assertEq(manager.totalLocked(), buffer);
        assertEq(manager.totalBacking(), eMetis.totalSupply());
        _assertFullyBacked();
    }

    function test_allocate_topsUpThenOpensNext() public {
        _addSeat(1);
        _addSeat(2);
        _stake(alice, MIN_LOCK);
        _allocate(); // seat 0 at 20,001
        _stake(bob, 150_000e18);
        vm.expectEmit(address(manager));
        emit IStakingManager.NodeToppedUp(0, MAX_LOCK - MIN_LOCK - SEED_DEPOSIT);
        _allocate();
        (,,, uint256 p0,) = manager.node(0);
        (,,, uint256 p1,) = manager.node(1);
        assertEq(p0, MAX_LOCK);
        assertEq(p1, 70_000e18 + SEED_DEPOSIT);
        assertEq(manager.bufferedMetis(), 0);
        // nothing left: a second call reverts
        vm.prank(keeper);
        vm.expectRevert(IStakingManager.ManagerNothingToAllocate.selector);
        manager.allocate();
        _assertFullyBacked();
    }

    function test_allocate_keepsMetisForUnfundedTickets() public {
        _addSeat(1);
        _stake(alice, MIN_LOCK + 500e18);
        _request(alice, 600e18);
        // buffer 20,501 minus 600 reserved = 19,901 < min lock
        vm.prank(keeper);
        vm.expectRevert(IStakingManager.ManagerNothingToAllocate.selector);
        manager.allocate();
        assertEq(manager.allocatable(), MIN_LOCK + 500e18 + SEED_DEPOSIT - 600e18);
        _stake(bob, 100e18);
        uint256 allocated = _allocate();
        assertEq(allocated, MIN_LOCK + SEED_DEPOSIT);
        assertEq(manager.bufferedMetis(), 600e18);
        _fundRedemptions(1);
        assertEq(manager.bufferedMetis(), 0);
    }

    // ------------------------------------------------------------------ harvest

    function _openOneNode(uint256 amount) internal {
        _addSeat(1);
        _stake(alice, amount);
        _allocate();
    }

    function test_harvest_mintsRewardsAndSplits() public {
        _openOneNode(MIN_LOCK);
        uint256 reward = _submitBatch(1000);
        assertEq(reward, 1000 * RPB);
        uint256 supplyBefore = eMetis.totalSupply();
        vm.expectEmit(address(manager));
        emit IStakingManager.Harvested(reward, reward / 10, reward - reward / 10);
        vm.prank(alice); // anyone
        uint256 got = manager.harvest();
        assertEq(got, reward);
        assertEq(eMetis.totalSupply(), supplyBefore + reward);
        assertEq(eMetis.balanceOf(treasury), reward / 10);
        assertEq(seMetis.unvestedRewards(), reward - reward / 10);
        assertEq(manager.bufferedMetis(), reward);
        _assertFullyBacked();
    }

    function test_harvest_withNothingIsANoop() public {
        _openOneNode(MIN_LOCK);
        uint256 supply = eMetis.totalSupply();
        assertEq(manager.harvest(), 0);
        assertEq(eMetis.totalSupply(), supply);
    }

    // ------------------------------------------------------------------ funding redemptions

    function test_fundRedemptions_paysFromBuffer() public {
        _stake(alice, 100e18);
        _request(alice, 60e18);
        _request(alice, 40e18);
        uint256 supply = eMetis.totalSupply();
        vm.expectEmit(address(manager));
        emit IStakingManager.RedemptionsFunded(2, 100e18, 100e18, 1e18);
        assertEq(_fundRedemptions(2), 100e18);
        assertEq(eMetis.totalSupply(), supply - 100e18);
        assertEq(eMetis.balanceOf(address(queue)), 0);
        assertEq(metis.balanceOf(address(queue)), 100e18);
        assertEq(queue.reservedMetis(), 100e18);
        _assertFullyBacked();
    }

    function test_fundRedemptions_reverts() public {
        _openOneNode(MIN_LOCK);
        _request(alice, 100e18);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, alice, KEEPER));
        manager.fundRedemptions(1);
        vm.prank(keeper);
        vm.expectRevert(abi.encodeWithSelector(IStakingManager.ManagerInsufficientBuffer.selector, 100e18, 0));
        manager.fundRedemptions(1);
        vm.prank(keeper);
        vm.expectRevert();
        manager.fundRedemptions(2); // unknown ticket
    }

    // ------------------------------------------------------------------ node liquidity

    function test_withdrawFromNode_partial() public {
        _openOneNode(50_000e18);
        _submitBatch(1); // the pool throttles withdrawals to one per batch after the lock
        vm.expectEmit(address(manager));
        emit IStakingManager.NodeWithdrawn(0, 10_000e18);
        vm.prank(keeper);
        manager.withdrawFromNode(0, 10_000e18);
        (,,, uint256 principal,) = manager.node(0);
        assertEq(principal, 40_000e18 + SEED_DEPOSIT);
        assertEq(manager.bufferedMetis(), 10_000e18);
        _assertFullyBacked();
    }

    function test_withdrawFromNode_reverts() public {
        _openOneNode(50_000e18);
        _submitBatch(1);
        vm.startPrank(keeper);
        vm.expectRevert(abi.encodeWithSelector(IStakingManager.ManagerUnknownNode.selector, 5));
        manager.withdrawFromNode(5, 1e18);
        vm.expectRevert(IStakingManager.ManagerZeroAmount.selector);
        manager.withdrawFromNode(0, 0);
        vm.expectRevert(abi.encodeWithSelector(StakingManager.ManagerBelowMinLock.selector, MIN_LOCK - 1e18, MIN_LOCK));
        manager.withdrawFromNode(0, 30_000e18 + SEED_DEPOSIT + 1e18);
        vm.stopPrank();
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, alice, KEEPER));
        manager.withdrawFromNode(0, 1e18);
        _addSeat(2);
        vm.prank(keeper);
        vm.expectRevert(abi.encodeWithSelector(IStakingManager.ManagerNodeNotActive.selector, 1));
        manager.withdrawFromNode(1, 1e18);
    }

    function test_unlockAndClaimNode_returnsPrincipalAndRewards() public {
        _openOneNode(MIN_LOCK);
        uint256 reward = _submitBatch(500);
        uint256 principal = MIN_LOCK + SEED_DEPOSIT;
        vm.expectEmit(address(manager));
        emit IStakingManager.NodeUnlockStarted(0, principal);
        vm.prank(keeper);
        manager.unlockNode(0);
        assertEq(uint256(manager.nodeState(0)), uint256(StakingManager.NodeState.Unlocking));
        // the reward paid on unlock was minted and dispatched
        assertEq(eMetis.balanceOf(treasury), reward / 10);
        assertEq(manager.totalLocked(), 0);
        assertEq(manager.totalPrincipal(), principal);
        _assertFullyBacked();

        vm.expectRevert(); // exit delay not over
        manager.claimUnlockedNode(0);
        _warp(21 days);
        vm.expectEmit(address(manager));
        emit IStakingManager.NodeUnlockClaimed(0, principal);
        manager.claimUnlockedNode(0);
        assertEq(manager.totalPrincipal(), 0);
        assertEq(manager.bufferedMetis(), principal + reward);
        assertEq(uint256(manager.nodeState(0)), uint256(StakingManager.NodeState.Closed));
        _assertFullyBacked();

        vm.expectRevert(abi.encodeWithSelector(IStakingManager.ManagerNodeNotUnlocking.selector, 0));
        manager.claimUnlockedNode(0);
    }

    function test_unlockNode_reverts() public {
        _addSeat(1);
        vm.prank(keeper);
        vm.expectRevert(abi.encodeWithSelector(IStakingManager.ManagerNodeNotActive.selector, 0));
        manager.unlockNode(0);
        vm.prank(keeper);
        vm.expectRevert(abi.encodeWithSelector(IStakingManager.ManagerUnknownNode.selector, 1));
        manager.unlockNode(1);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, alice, KEEPER));
        manager.unlockNode(0);
        vm.expectRevert(abi.encodeWithSelector(IStakingManager.ManagerNodeNotUnlocking.selector, 0));
        manager.claimUnlockedNode(0);
    }

    function test_syncNode_noLossReturnsZero() public {
        _openOneNode(MIN_LOCK);
        assertEq(manager.syncNode(0), 0);
        vm.expectRevert(abi.encodeWithSelector(IStakingManager.ManagerUnknownNode.selector, 3));
        manager.syncNode(3);
    }

    // ------------------------------------------------------------------ agent access

    function test_agent_onlyManager() public {
        (, address agent) = _addSeat(1);
        SequencerAgent a = SequencerAgent(agent);
        vm.startPrank(alice);
        vm.expectRevert(abi.encodeWithSelector(SequencerAgent.AgentOnlyManager.selector, alice));
        a.lock(1);
        vm.expectRevert(abi.encodeWithSelector(SequencerAgent.AgentOnlyManager.selector, alice));
        a.relock(1);
        vm.expectRevert(abi.encodeWithSelector(SequencerAgent.AgentOnlyManager.selector, alice));
        a.withdraw(1);
        vm.expectRevert(abi.encodeWithSelector(SequencerAgent.AgentOnlyManager.selector, alice));
        a.withdrawRewards();
        vm.expectRevert(abi.encodeWithSelector(SequencerAgent.AgentOnlyManager.selector, alice));
        a.unlock();
        vm.expectRevert(abi.encodeWithSelector(SequencerAgent.AgentOnlyManager.selector, alice));
        a.unlockClaim();
        vm.stopPrank();
        vm.prank(address(manager));
        vm.expectRevert(SequencerAgent.AgentNotLocked.selector);
        a.relock(1);
    }

    function test_agent_approvesExactlyWhatItLocks() public {
        (, address agent) = _addSeat(1);
        _stake(alice, 30_000e18);
        _allocate();
        assertEq(metis.allowance(agent, pool.escrow()), 0);
        assertEq(metis.balanceOf(agent), 0);
        assertEq(SequencerAgent(agent).seqId(), 1);
        vm.prank(address(manager));
        vm.expectRevert(abi.encodeWithSelector(SequencerAgent.AgentAlreadyLocked.selector, 1));
        SequencerAgent(agent).lock(1);
    }

    function test_views_unknownNodeReverts() public {
        vm.expectRevert(abi.encodeWithSelector(IStakingManager.ManagerUnknownNode.selector, 0));
        manager.node(0);
        vm.expectRevert(abi.encodeWithSelector(IStakingManager.ManagerUnknownNode.selector, 0));
        manager.nodeState(0);
        vm.expectRevert(abi.encodeWithSelector(IStakingManager.ManagerUnknownNode.selector, 0));
        manager.claimUnlockedNode(0);
    }

    function test_views_backingWithEmptySupplyIsOne() public {
        StakingManager m = new StakingManager(address(metis), address(pool), admin);
        EMetisLike e = new EMetisLike();
        vm.prank(admin);
        m.initialize(address(e), address(2), address(3), address(4));
        assertEq(m.backingRatio(), 1e18);
        assertEq(m.totalBacking(), 0);
        assertEq(m.totalLocked(), 0);
    }

    function test_harvest_twoNodesPaysBoth() public {
        _addSeat(1);
        _addSeat(2);
        _stake(alice, 150_000e18);
        _allocate();
        uint256 reward = _submitBatch(1_000);
        assertEq(reward, 2 * 1_000 * RPB);
        assertEq(manager.harvest(), reward);
        (,, uint256 s0,,) = manager.node(0);
        (,, uint256 s1,,) = manager.node(1);
        assertEq(pool.sequencerReward(s0), 0);
        assertEq(pool.sequencerReward(s1), 0);
        _assertFullyBacked();
    }
}

/// @dev An eMETIS stand-in with zero supply for the empty-protocol view test.
contract EMetisLike {
    function totalSupply() external pure returns (uint256) {
        return 0;
    }
}
