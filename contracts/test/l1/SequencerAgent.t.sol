// SPDX-License-Identifier: MIT
pragma solidity 0.8.23;

import {HubTestBase} from "./HubTestBase.sol";
import {SequencerAgent} from "../../src/l1/SequencerAgent.sol";
import {ISequencerHub} from "../../src/interfaces/ISequencerHub.sol";

/// @notice Unit tests of SequencerAgent (real), the per-seat owner the hub clones: only its hub may act through
/// it (every function but the permissionless `sweep`, which can only pay the hub), it locks once, refuses every
/// seat operation before its lock, and never holds METIS, ETH or an allowance between calls. Metis's
/// LockingPool/LockingInfo and bridge are MODELS (src/network) with Metis's rules; the hub is real.
contract SequencerAgentTest is HubTestBase {
    uint256 internal constant OPEN = 50_000 ether;

    function _hubOnlyCalls(SequencerAgent a) internal pure returns (bytes[6] memory calls) {
        a; // the calls are encoded for any agent
        calls[0] = abi.encodeCall(SequencerAgent.lock, (OPEN, address(1)));
        calls[1] = abi.encodeCall(SequencerAgent.relock, (1 ether));
        calls[2] = abi.encodeCall(SequencerAgent.withdraw, (1 ether));
        calls[3] = abi.encodeCall(SequencerAgent.withdrawRewards, (uint32(REWARD_GAS)));
        calls[4] = abi.encodeCall(SequencerAgent.unlock, (uint32(REWARD_GAS)));
        calls[5] = abi.encodeCall(SequencerAgent.unlockClaim, (uint32(REWARD_GAS)));
    }

    function test_everySeatFunction_revertsForAnyoneButTheHub() public {
        uint256 s = _openNew("node-0", OPEN);
        _rewardSeat(s, 20_000);
        SequencerAgent a = _agentOf(s);
        bytes[6] memory calls = _hubOnlyCalls(a);
        address[4] memory callers = [admin, l1Keeper, stranger, metisAdmin];
        bytes32 before = _fingerprint();
        for (uint256 c; c < callers.length; ++c) {
            for (uint256 i; i < calls.length; ++i) {
                vm.expectRevert(abi.encodeWithSelector(SequencerAgent.AgentOnlyHub.selector, callers[c]));
                vm.prank(callers[c]);
                (bool ok,) = address(a).call(calls[i]);
                ok;
            }
        }
        assertEq(_fingerprint(), before);
    }

    function test_onlyHub_checkedBeforeTheLockState() public {
        (, address agent) = _addSeat("node-0"); // not locked yet: onlyHub still answers first
        vm.expectRevert(abi.encodeWithSelector(SequencerAgent.AgentOnlyHub.selector, stranger));
        vm.prank(stranger);
        SequencerAgent(agent).withdraw(1 ether);
    }

    function test_lock_twiceReverts() public {
        uint256 s = _openNew("node-0", OPEN);
        SequencerAgent a = _agentOf(s);
        uint256 seqId = a.seqId();
        fundL1(address(a), OPEN);
        bytes32 before = _fingerprint();
        vm.expectRevert(abi.encodeWithSelector(SequencerAgent.AgentAlreadyLocked.selector, seqId));
        vm.prank(address(hub));
        a.lock(OPEN, address(rewardReceiver));
        assertEq(_fingerprint(), before);
    }

    function test_seatCallsBeforeLock_revertAgentNotLocked() public {
        (, address agent) = _addSeat("node-0");
        SequencerAgent a = SequencerAgent(agent);
        bytes[6] memory calls = _hubOnlyCalls(a);
        for (uint256 i = 1; i < calls.length; ++i) {
            vm.expectRevert(SequencerAgent.AgentNotLocked.selector);
            vm.prank(address(hub));
            (bool ok,) = agent.call(calls[i]);
            ok;
        }
        assertEq(a.seqId(), 0);
    }

    function test_lock_recordsTheSeqIdThePoolAssigned() public {
        (, address agent) = _addSeat("node-0");
        SequencerAgent a = SequencerAgent(agent);
        fundL1(agent, OPEN);
        uint256 expected = lockingPool.totalSequencers() + 1;
        vm.prank(address(hub));
        uint256 id = a.lock(OPEN, address(rewardReceiver));
        assertEq(id, expected);
        assertEq(a.seqId(), expected);
        assertEq(lockingPool.seqOwners(agent), expected);
        assertEq(seat(expected).owner, agent);
        assertEq(l1Metis.balanceOf(agent), 0);
        assertEq(l1Metis.allowance(agent, address(lockingInfo)), 0);
    }

    function test_sweep_anyoneForwardsStrayMetisToTheHubOnly() public {
        uint256 s = _openNew("node-0", OPEN);
        address agent = _agent(s);
        fundL1(agent, 3 ether);
        uint256 hubBefore = _idle();
        vm.expectEmit(agent);
        emit SequencerAgent.AgentForwarded(3 ether);
        vm.prank(stranger);
        uint256 forwarded = SequencerAgent(agent).sweep();
        assertEq(forwarded, 3 ether);
        assertEq(_idle(), hubBefore + 3 ether, "to the hub");
        assertEq(l1Metis.balanceOf(stranger), 0, "never to the caller");
        assertEq(l1Metis.balanceOf(agent), 0);
        (, uint256 returnedCum,) = hub.totals();
        assertEq(returnedCum, 0, "a sweep returns no principal");
    }

    function test_sweep_withNothingHeldIsANoOp() public {
        (, address agent) = _addSeat("node-0");
        syncMessages(); // drains the recorded logs
        uint256 forwarded = SequencerAgent(agent).sweep();
        assertEq(forwarded, 0);
        assertEq(vm.getRecordedLogs().length, 0, "no event");
    }

    function test_sweep_worksOnAPendingAgent() public {
        (, address agent) = _addSeat("node-0");
        fundL1(agent, 1 ether);
        SequencerAgent(agent).sweep();
        assertEq(_idle(), 1 ether);
    }

    function test_agent_holdsNothingBetweenCalls() public {
        uint256 s = _openNew("node-0", OPEN);
        address agent = _agent(s);
        _assertEmpty(agent);
        _fundHub(10_000 ether);
        _keeperTopUp(s, 10_000 ether);
        _assertEmpty(agent);
        _rewardSeat(s, 20_000);
        hub.withdrawRewards(s);
        _assertEmpty(agent);
        _nextBatch();
        _keeperWithdraw(s, 5_000 ether);
        _assertEmpty(agent);
        _rewardSeat(s, 20_000);
        _keeperUnlock(s);
        _assertEmpty(agent);
        _rewardSeat(s, 20_000);
        vm.warp(block.timestamp + 21 days);
        hub.claimSeat(s);
        _assertEmpty(agent);
        _assertState(s, ISequencerHub.SeatState.Closed);
    }

    function _assertEmpty(address agent) internal view {
        assertEq(l1Metis.balanceOf(agent), 0, "agent METIS");
        assertEq(agent.balance, 0, "agent ETH");
        assertEq(l1Metis.allowance(agent, address(lockingInfo)), 0, "agent allowance");
    }
}
