// SPDX-License-Identifier: MIT
pragma solidity 0.8.23;

import {ProtocolFixture} from "../utils/ProtocolFixture.sol";
import {ISequencerHub} from "../../src/interfaces/ISequencerHub.sol";
import {ILockingPool} from "../../src/interfaces/metis/ILockingPool.sol";
import {L1Report} from "../../src/interfaces/L1Report.sol";
import {SequencerAgent} from "../../src/l1/SequencerAgent.sol";
import {SequencerInfoModel} from "../../src/network/locking/SequencerInfoModel.sol";

/// @dev Forge's `mockCall` / `clearMockedCalls` cheatcodes (real signatures), declared here so that the shared
/// Vm.sol stays untouched.
interface VmMockCalls {
    function mockCall(address callee, bytes calldata data, bytes calldata returnData) external;
    function clearMockedCalls() external;
}

/// @dev Refuses every ETH transfer (a recipient `refundEth` cannot pay).
contract EthRefuser {
    receive() external payable {
        revert("no ETH, thanks");
    }
}

/// @notice Shared base of the L1 hub tests: the whole protocol (ProtocolFixture) on a chosen Metis variant, plus
/// helpers to fund the hub, open seats, advance reward batches, force-unlock seats as Metis's owner, and a
/// fingerprint of every piece of hub-related state so that a refused call can be shown to have changed nothing.
/// @dev What is real: SequencerHub, SequencerAgent, StakingManager and the rest of the protocol. What is a model:
/// Metis's LockingPool/LockingInfo, bridges, messengers and oracles (src/network, with Metis's rules), played in
/// one EVM by MetisNetwork.
abstract contract HubTestBase is ProtocolFixture {
    uint256 internal constant REWARD_GAS = 200_000;
    uint256 internal constant REPORT_GAS = 400_000;
    uint256 internal constant DEPOSIT_GAS = 200_000;

    address internal stranger = makeAddr("stranger");
    address internal donor = makeAddr("donor");

    /// @dev Signer of an independent operator's seat (used to move reward batches on without touching the hub).
    address internal operatorSigner;

    /// @dev Network variant of the test contract.
    function _config() internal pure virtual returns (MetisConfig memory) {
        return metisMainnetLike();
    }

    /// @dev Number of independent operators (50,000 METIS each) locked before the test (mainnet's BFT rule needs them).
    function _operators() internal pure virtual returns (uint256) {
        return 3;
    }

    function setUp() public virtual override {
        _deployProtocol(_config());
        for (uint256 i; i < _operators(); ++i) {
            string memory name = string.concat("operator-", vm.toString(i));
            (, address signer) = lockSeat(makeAddr(name), 50_000 ether, makeAddr(string.concat(name, ".l2")), name);
            if (i == 0) operatorSigner = signer;
        }
    }

    // ------------------------------------------------------------------ config helpers

    function _slashable(MetisConfig memory cfg) internal pure returns (MetisConfig memory) {
        cfg.slashable = true;
        return cfg;
    }

    function _isMainnetLike() internal view returns (bool) {
        return metisConfig.discount != 0;
    }

    // ------------------------------------------------------------------ funding

    /// @dev Puts `amount` L1 METIS on the hub directly (the hub cannot tell it from a bridge delivery).
    function _fundHub(uint256 amount) internal {
        fundL1(address(hub), amount);
    }

    /// @dev The real path: `user` stakes `amount` on L2, the keeper bridges it, it is relayed on L1 after the window.
    function _arrive(address user, uint256 amount) internal {
        _stake(user, amount);
        _bridge(amount);
        _deliverToL1();
    }

    // ------------------------------------------------------------------ seats

    /// @dev Adds a whitelisted seat and opens it with `amount` of METIS minted to the hub for it.
    function _openNew(string memory name, uint256 amount) internal returns (uint256 seatIndex) {
        _fundHub(amount);
        (seatIndex,) = _addSeat(name);
        _openSeat(seatIndex, amount);
    }

    function _agent(uint256 seatIndex) internal view returns (address agent) {
        (agent,,,,) = hub.seat(seatIndex);
    }

    function _seqId(uint256 seatIndex) internal view returns (uint256 seqId) {
        (,, seqId,,) = hub.seat(seatIndex);
    }

    function _principal(uint256 seatIndex) internal view returns (uint256 principal) {
        (,,, principal,) = hub.seat(seatIndex);
    }

    function _state(uint256 seatIndex) internal view returns (ISequencerHub.SeatState state) {
        (,,,, state) = hub.seat(seatIndex);
    }

    function _assertState(uint256 seatIndex, ISequencerHub.SeatState expected) internal view {
        assertEq(uint256(_state(seatIndex)), uint256(expected), "hub seat state");
    }

    function _poolSeat(uint256 seatIndex) internal view returns (SequencerInfoModel.Sequencer memory) {
        return seat(_seqId(seatIndex));
    }

    function _idle() internal view returns (uint256) {
        return l1Metis.balanceOf(address(hub));
    }

    /// @dev Moves the pool to a new reward batch without rewarding any hub seat (rewards an operator, or, with no
    /// operator, credits `fallbackSeat`'s signer one block).
    function _nextBatch() internal {
        if (operatorSigner != address(0)) submitRewards(operatorSigner, 1);
        else submitRewards(seatSigner[0], 1);
    }

    /// @dev Metis's owner force-unlocks seat `seatIndex`, paying the bridge fee of its pending reward itself.
    function _forceUnlock(uint256 seatIndex) internal {
        uint256 fee = _poolSeat(seatIndex).reward == 0 ? 0 : l1ToL2Fee(uint32(REWARD_GAS));
        fundEth(metisAdmin, fee);
        uint256 seqId = _seqId(seatIndex);
        vm.prank(metisAdmin);
        lockingPool.forceUnlock{value: fee}(seqId, uint32(REWARD_GAS));
    }

    function _setWhitelist(address owner, bool yes) internal {
        vm.prank(metisAdmin);
        lockingPool.setWhitelist(owner, yes);
    }

    function _keeperUnlock(uint256 seatIndex) internal {
        vm.prank(l1Keeper);
        hub.unlockSeat(seatIndex);
    }

    function _keeperWithdraw(uint256 seatIndex, uint256 amount) internal {
        vm.prank(l1Keeper);
        hub.withdrawFromSeat(seatIndex, amount);
    }

    function _keeperTopUp(uint256 seatIndex, uint256 amount) internal {
        vm.prank(l1Keeper);
        hub.topUpSeat(seatIndex, amount);
    }

    function _keeperReturn(uint256 amount) internal {
        vm.prank(l1Keeper);
        hub.returnToL2(amount);
    }

    function _keeperReport() internal {
        vm.prank(l1Keeper);
        hub.report();
    }

    // ------------------------------------------------------------------ fees

    function _rewardFee() internal view returns (uint256) {
        return l1ToL2Fee(hub.rewardL2Gas());
    }

    function _reportFee() internal view returns (uint256) {
        return l1ToL2Fee(hub.reportL2Gas());
    }

    function _depositFee() internal view returns (uint256) {
        return l1ToL2Fee(hub.depositL2Gas());
    }

    /// @dev Leaves the hub exactly `amount` ETH.
    function _setHubEth(uint256 amount) internal {
        vm.deal(address(hub), amount);
    }

    // ------------------------------------------------------------------ state fingerprint

    /// @dev A hash of every piece of state a hub call can move: the hub's totals, report cursor, settings, live list,
    /// METIS and ETH; every seat's hub record, agent balance and full pool record; LockingInfo's totals and ETH;
    /// the L1->L2 message queue length.
    function _fingerprint() internal view returns (bytes32 h) {
        (uint256 lockedCum, uint256 returnedCum, uint256 sentCum) = hub.totals();
        (uint256 nonce, uint256 sentAt) = hub.lastReport();
        h = keccak256(
            abi.encode(
                lockedCum,
                returnedCum,
                sentCum,
                nonce,
                sentAt,
                hub.liveSeats(),
                hub.seatCount(),
                l1Metis.balanceOf(address(hub)),
                address(hub).balance
            )
        );
        h = keccak256(
            abi.encode(
                h,
                hub.depositL2Gas(),
                hub.rewardL2Gas(),
                hub.reportL2Gas(),
                hub.minRewardWithdrawal(),
                hub.minReportInterval(),
                lockingInfo.totalLocked(),
                address(lockingInfo).balance,
                address(lockingPool).balance,
                l1Metis.balanceOf(address(lockingInfo)),
                l1Messenger.getQueueLengthByChainId(metisConfig.l2ChainId)
            )
        );
        uint256 count = hub.seatCount();
        for (uint256 i; i < count; ++i) {
            (address agent, address signer, uint256 seqId, uint256 principal, ISequencerHub.SeatState state) =
                hub.seat(i);
            h = keccak256(
                abi.encode(h, agent, signer, seqId, principal, state, l1Metis.balanceOf(agent), agent.balance)
            );
            if (seqId != 0) h = keccak256(abi.encode(h, seat(seqId)));
        }
    }

    // ------------------------------------------------------------------ reports

    function _assertReportEq(L1Report memory a, L1Report memory b) internal pure {
        assertEq(a.nonce, b.nonce, "nonce");
        assertEq(a.timestamp, b.timestamp, "timestamp");
        assertEq(a.receivedFromL2, b.receivedFromL2, "receivedFromL2");
        assertEq(a.sentToL2, b.sentToL2, "sentToL2");
        assertEq(a.shortfall, b.shortfall, "shortfall");
        assertEq(a.idle, b.idle, "idle");
        assertEq(a.locked, b.locked, "locked");
        assertEq(a.unlocking, b.unlocking, "unlocking");
        assertEq(a.withdrawable, b.withdrawable, "withdrawable");
        assertEq(a.nextClaimTime, b.nextClaimTime, "nextClaimTime");
        assertEq(a.exitDelay, b.exitDelay, "exitDelay");
        assertEq(a.activeSeats, b.activeSeats, "activeSeats");
        assertEq(a.rewardPerBlock, b.rewardPerBlock, "rewardPerBlock");
        assertEq(a.networkLocked, b.networkLocked, "networkLocked");
    }

    /// @dev The report a hand-computed state should produce (the network-wide fields are read from Metis's models).
    function _expectedReport(
        uint256 receivedFromL2,
        uint256 sentToL2,
        uint256 shortfall,
        uint256 idle,
        uint256 locked,
        uint256 unlocking,
        uint256 withdrawable,
        uint256 nextClaimTime,
        uint256 activeSeats
    ) internal view returns (L1Report memory r) {
        (uint256 nonce,) = hub.lastReport();
        r.nonce = uint64(nonce + 1);
        r.timestamp = uint64(block.timestamp);
        r.receivedFromL2 = uint128(receivedFromL2);
        r.sentToL2 = uint128(sentToL2);
        r.shortfall = uint128(shortfall);
        r.idle = uint128(idle);
        r.locked = uint128(locked);
        r.unlocking = uint128(unlocking);
        r.withdrawable = uint128(withdrawable);
        r.nextClaimTime = uint64(nextClaimTime);
        r.exitDelay = uint64(lockingPool.exitDelayPeriod());
        r.activeSeats = uint32(activeSeats);
        r.rewardPerBlock = uint128(lockingPool.rewardPerBlock());
        r.networkLocked = uint128(lockingInfo.totalLocked());
    }

    function _mock() internal pure returns (VmMockCalls) {
        return VmMockCalls(address(vm));
    }

    /// @dev The agent code an EIP-1167 clone of `implementation` has.
    function _cloneCode(address implementation) internal pure returns (bytes memory) {
        return abi.encodePacked(hex"363d3d373d3d3d363d73", implementation, hex"5af43d82803e903d91602b57fd5bf3");
    }

    function _agentOf(uint256 seatIndex) internal view returns (SequencerAgent) {
        return SequencerAgent(_agent(seatIndex));
    }

    function _poolStatus(uint256 seatIndex) internal view returns (uint256) {
        return uint256(_poolSeat(seatIndex).status);
    }

    function _statusActive() internal pure returns (uint256) {
        return uint256(ILockingPool.Status.Active);
    }

    function _statusInactive() internal pure returns (uint256) {
        return uint256(ILockingPool.Status.Inactive);
    }
}
