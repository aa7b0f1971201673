// SPDX-License-Identifier: MIT
pragma solidity 0.8.23;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {Initializable} from "@openzeppelin/contracts/proxy/utils/Initializable.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {Errors} from "@openzeppelin/contracts/utils/Errors.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {HubTestBase, EthRefuser} from "./HubTestBase.sol";
import {SequencerHub} from "../../src/l1/SequencerHub.sol";
import {SequencerAgent} from "../../src/l1/SequencerAgent.sol";
import {ISequencerHub} from "../../src/interfaces/ISequencerHub.sol";
import {IL1ReportReceiver} from "../../src/interfaces/IL1ReportReceiver.sol";
import {L1Report} from "../../src/interfaces/L1Report.sol";
import {ILockingPool} from "../../src/interfaces/metis/ILockingPool.sol";
import {IL1StandardBridge} from "../../src/interfaces/metis/IL1StandardBridge.sol";
import {IL1CrossDomainMessenger} from "../../src/interfaces/metis/ICrossDomainMessengers.sol";
import {IL2StandardBridge} from "../../src/interfaces/metis/IL2StandardBridge.sol";
import {MetisAddresses} from "../../src/interfaces/metis/MetisAddresses.sol";
import {SequencerInfoModel} from "../../src/network/locking/SequencerInfoModel.sol";

/// @notice Unit tests of every function and revert of SequencerHub (real) on the mainnet-like Metis variant
/// (discount 1 gwei, BFT restriction on), over Metis's LockingPool/LockingInfo, bridge, messenger and oracle
/// MODELS (src/network), with three independent operators' sequencers in the pool so that the BFT rule lets one
/// hub seat exit. Idle METIS is minted to the hub directly (the hub cannot tell it from a bridge delivery).
contract SequencerHubTest is HubTestBase {
    uint256 internal constant OPEN = 50_000 ether;

    // ================================================================= constructor

    function test_constructor_setsWiringAndDefaults() public view {
        assertEq(address(hub.metis()), address(l1Metis));
        assertEq(address(hub.pool()), address(lockingPool));
        assertEq(address(hub.l1Bridge()), address(l1Bridge));
        assertEq(address(hub.l1Messenger()), address(l1Messenger));
        assertEq(hub.l2ChainId(), 1088);
        assertEq(hub.l2Manager(), address(manager));
        assertEq(hub.l2RewardReceiver(), address(rewardReceiver));
        assertTrue(hub.agentImplementation().code.length > 0, "implementation deployed");
        assertTrue(hub.hasRole(hub.DEFAULT_ADMIN_ROLE(), admin));
        assertFalse(hub.hasRole(hub.DEFAULT_ADMIN_ROLE(), address(this)));
        assertEq(hub.KEEPER_ROLE(), keccak256("KEEPER_ROLE"));
        assertEq(hub.depositL2Gas(), 200_000);
        assertEq(hub.rewardL2Gas(), 200_000);
        assertEq(hub.reportL2Gas(), 400_000);
        assertEq(hub.minRewardWithdrawal(), 10 ether);
        assertEq(hub.minReportInterval(), 1 hours);
        assertEq(hub.seatCount(), 0);
        assertEq(hub.liveSeats().length, 0);
        (uint256 l, uint256 r, uint256 s) = hub.totals();
        assertEq(l + r + s, 0);
        (uint256 nonce, uint256 at) = hub.lastReport();
        assertEq(nonce + at, 0);
    }

    function test_constructor_revertsOnEachZeroArgument() public {
        for (uint256 i; i < 8; ++i) {
            vm.expectRevert(ISequencerHub.HubZeroAddress.selector);
            _deployHubWithZero(i);
        }
        assertTrue(address(_deployHubWithZero(type(uint256).max)) != address(0), "all set: deploys");
    }

    function _deployHubWithZero(uint256 zero) internal returns (SequencerHub) {
        return new SequencerHub(
            zero == 0 ? IERC20(address(0)) : l1Metis,
            zero == 1 ? ILockingPool(address(0)) : ILockingPool(address(lockingPool)),
            zero == 2 ? IL1StandardBridge(address(0)) : l1Bridge,
            zero == 3 ? IL1CrossDomainMessenger(address(0)) : l1Messenger,
            zero == 4 ? 0 : 1088,
            zero == 5 ? address(0) : address(manager),
            zero == 6 ? address(0) : address(rewardReceiver),
            zero == 7 ? address(0) : admin
        );
    }

    // ================================================================= addSeat

    function test_addSeat_deploysAnInitializedCloneOfTheImplementation() public {
        bytes memory pubkey = metisPubkey("node-0");
        address signer = metisSigner(pubkey);
        address predicted = vm.computeCreateAddress(address(hub), vm.getNonce(address(hub)));
        vm.expectEmit(address(hub));
        emit ISequencerHub.SeatAdded(0, predicted, signer);
        vm.prank(admin);
        (uint256 seatIndex, address agent) = hub.addSeat(signer, pubkey);

        assertEq(seatIndex, 0);
        assertEq(agent, predicted);
        assertEq(keccak256(agent.code), keccak256(_cloneCode(hub.agentImplementation())), "EIP-1167 clone");
        SequencerAgent a = SequencerAgent(agent);
        assertEq(a.hub(), address(hub));
        assertEq(address(a.pool()), address(lockingPool));
        assertEq(address(a.metis()), address(l1Metis));
        assertEq(a.signer(), signer);
        assertEq(keccak256(a.signerPubkey()), keccak256(pubkey));
        assertEq(a.seqId(), 0);
        (address sAgent, address sSigner, uint256 seqId, uint256 principal, ISequencerHub.SeatState st) = hub.seat(0);
        assertEq(sAgent, agent);
        assertEq(sSigner, signer);
        assertEq(seqId + principal, 0);
        assertEq(uint256(st), uint256(ISequencerHub.SeatState.Pending));
        assertEq(hub.seatCount(), 1);
        assertEq(hub.liveSeats().length, 0, "a pending seat is not live");

        (uint256 second, address agent2) = _addSeat("node-1");
        assertEq(second, 1);
        assertTrue(agent2 != agent, "one agent per seat");
    }

    function test_addSeat_revertsOnBadPubkeyLength() public {
        bytes memory key = metisPubkey("node-0");
        address signer = metisSigner(key);
        bytes32 before = _fingerprint();
        bytes[3] memory bad = [bytes(""), _slice(key, 63), abi.encodePacked(key, bytes1(0x01))];
        for (uint256 i; i < 3; ++i) {
            vm.expectRevert(abi.encodeWithSelector(ISequencerHub.HubBadSigner.selector, signer));
            vm.prank(admin);
            hub.addSeat(signer, bad[i]);
        }
        // a 65-byte key with the 0x04 prefix is refused too (Metis takes the 64 bytes without it)
        vm.expectRevert(abi.encodeWithSelector(ISequencerHub.HubBadSigner.selector, signer));
        vm.prank(admin);
        hub.addSeat(signer, abi.encodePacked(bytes1(0x04), key));
        assertEq(_fingerprint(), before);
    }

    function test_addSeat_revertsOnSignerMismatch() public {
        bytes memory key = metisPubkey("node-0");
        address other = metisSigner(metisPubkey("node-1"));
        vm.expectRevert(abi.encodeWithSelector(ISequencerHub.HubBadSigner.selector, other));
        vm.prank(admin);
        hub.addSeat(other, key);
        assertEq(hub.seatCount(), 0);
    }

    function test_addSeat_revertsOnZeroSigner() public {
        vm.expectRevert(abi.encodeWithSelector(ISequencerHub.HubBadSigner.selector, address(0)));
        vm.prank(admin);
        hub.addSeat(address(0), metisPubkey("node-0"));
        assertEq(hub.seatCount(), 0);
    }

    function test_addSeat_revertsWhenSignerLockedInPool() public {
        bytes memory key = metisPubkey("operator-0"); // operator-0's live sequencer signs with it
        uint256 seqId = lockingPool.seqSigners(operatorSigner);
        assertTrue(seqId != 0);
        vm.expectRevert(abi.encodeWithSelector(ISequencerHub.HubSignerUsed.selector, operatorSigner, seqId));
        vm.prank(admin);
        hub.addSeat(operatorSigner, key);
        assertEq(hub.seatCount(), 0);
    }

    function test_addSeat_revertsWhenSignerRetiredInPool() public {
        // operator-0's signer moves to a new key: the old signer is retired for ever (type(uint256).max)
        bytes memory oldKey = metisPubkey("operator-0");
        uint256 seqId = lockingPool.seqSigners(operatorSigner);
        _nextBatch();
        vm.prank(operatorSigner);
        lockingPool.updateSigner(seqId, metisPubkey("operator-0-new"));
        assertEq(lockingPool.seqSigners(operatorSigner), type(uint256).max);
        vm.expectRevert(abi.encodeWithSelector(ISequencerHub.HubSignerUsed.selector, operatorSigner, type(uint256).max));
        vm.prank(admin);
        hub.addSeat(operatorSigner, oldKey);
        assertEq(hub.seatCount(), 0);
    }

    function test_addSeat_revertsForNonAdmin() public {
        bytes memory key = metisPubkey("node-0");
        address signer = metisSigner(key);
        address[2] memory callers = [l1Keeper, stranger];
        for (uint256 i; i < 2; ++i) {
            vm.expectRevert(
                abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, callers[i], bytes32(0))
            );
            vm.prank(callers[i]);
            hub.addSeat(signer, key);
        }
        assertEq(hub.seatCount(), 0);
    }

    /// @notice A signer serves one seat of this hub: a second pending seat with it is refused at once (it would
    /// fail later in the pool), and removing the pending seat frees the signer.
    function test_addSeat_sameSignerTwiceRefused_untilTheFirstIsRemoved() public {
        (uint256 first,) = _addSeat("node-0");
        bytes memory key = metisPubkey("node-0");
        address signer = metisSigner(key);
        bytes32 before = _fingerprint();
        vm.expectRevert(abi.encodeWithSelector(ISequencerHub.HubSignerUsed.selector, signer, 0));
        vm.prank(admin);
        hub.addSeat(signer, key);
        assertEq(_fingerprint(), before);
        vm.prank(admin);
        hub.removeSeat(first);
        _assertState(first, ISequencerHub.SeatState.Removed);
        (uint256 second,) = _addSeat("node-0");
        _fundHub(OPEN);
        _openSeat(second, OPEN);
        _assertState(second, ISequencerHub.SeatState.Active);
    }

    function test_agentImplementation_cannotBeInitialized() public {
        SequencerAgent impl = SequencerAgent(hub.agentImplementation());
        bytes memory key = metisPubkey("node-0");
        vm.expectRevert(Initializable.InvalidInitialization.selector);
        impl.initialize(ILockingPool(address(lockingPool)), l1Metis, metisSigner(key), key);
        assertEq(impl.hub(), address(0));
    }

    function test_agent_cannotBeReinitialized() public {
        (, address agent) = _addSeat("node-0");
        bytes memory key = metisPubkey("evil");
        address[2] memory callers = [address(hub), stranger];
        for (uint256 i; i < 2; ++i) {
            vm.expectRevert(Initializable.InvalidInitialization.selector);
            vm.prank(callers[i]);
            SequencerAgent(agent).initialize(ILockingPool(address(lockingPool)), l1Metis, metisSigner(key), key);
        }
        assertEq(SequencerAgent(agent).hub(), address(hub));
        assertEq(SequencerAgent(agent).signer(), metisSigner(metisPubkey("node-0")));
    }

    // ================================================================= removeSeat

    function test_removeSeat_removesAPendingSeat() public {
        (uint256 s,) = _addSeat("node-0");
        vm.expectEmit(address(hub));
        emit ISequencerHub.SeatRemoved(s);
        vm.prank(admin);
        hub.removeSeat(s);
        _assertState(s, ISequencerHub.SeatState.Removed);
        assertEq(hub.seatCount(), 1, "the record stays");
        _fundHub(OPEN);
        vm.expectRevert(
            abi.encodeWithSelector(ISequencerHub.HubBadSeatState.selector, s, ISequencerHub.SeatState.Removed)
        );
        vm.prank(l1Keeper);
        hub.openSeat(s, OPEN);
    }

    function test_removeSeat_revertsUnlessPending() public {
        uint256 active = _openNew("node-0", OPEN);
        (uint256 removed,) = _addSeat("node-1");
        vm.prank(admin);
        hub.removeSeat(removed);
        uint256 unlocking = _openNew("node-2", OPEN);
        _keeperUnlock(unlocking);
        bytes32 before = _fingerprint();

        vm.expectRevert(
            abi.encodeWithSelector(ISequencerHub.HubBadSeatState.selector, active, ISequencerHub.SeatState.Active)
        );
        vm.prank(admin);
        hub.removeSeat(active);
        vm.expectRevert(
            abi.encodeWithSelector(ISequencerHub.HubBadSeatState.selector, removed, ISequencerHub.SeatState.Removed)
        );
        vm.prank(admin);
        hub.removeSeat(removed);
        vm.expectRevert(
            abi.encodeWithSelector(ISequencerHub.HubBadSeatState.selector, unlocking, ISequencerHub.SeatState.Unlocking)
        );
        vm.prank(admin);
        hub.removeSeat(unlocking);
        assertEq(_fingerprint(), before);
    }

    function test_removeSeat_revertsForNonAdminAndUnknownSeat() public {
        (uint256 s,) = _addSeat("node-0");
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, l1Keeper, bytes32(0))
        );
        vm.prank(l1Keeper);
        hub.removeSeat(s);
        vm.expectRevert(abi.encodeWithSelector(ISequencerHub.HubUnknownSeat.selector, 1));
        vm.prank(admin);
        hub.removeSeat(1);
        _assertState(s, ISequencerHub.SeatState.Pending);
    }

    // ================================================================= openSeat

    function test_openSeat_locksInThePoolThroughTheAgent() public {
        _fundHub(OPEN + 7 ether);
        (uint256 s, address agent) = _addSeat("node-0");
        bytes memory key = metisPubkey("node-0");
        uint256 networkBefore = lockingInfo.totalLocked();
        uint256 expectedSeqId = lockingPool.totalSequencers() + 1;

        vm.expectEmit(address(hub));
        emit ISequencerHub.SeatOpened(s, expectedSeqId, OPEN);
        _openSeat(s, OPEN);

        {
            (address sAgent, address sSigner, uint256 seqId, uint256 principal, ISequencerHub.SeatState st) =
                hub.seat(s);
            assertEq(sAgent, agent);
            assertEq(sSigner, metisSigner(key));
            assertEq(seqId, expectedSeqId);
            assertEq(principal, OPEN);
            assertEq(uint256(st), uint256(ISequencerHub.SeatState.Active));
            assertEq(SequencerAgent(agent).seqId(), seqId);
        }
        _assertOpenedInPool(s, agent, key, networkBefore);
    }

    function _assertOpenedInPool(uint256 s, address agent, bytes memory key, uint256 networkBefore) internal view {
        uint256 seqId = _seqId(s);
        SequencerInfoModel.Sequencer memory p = seat(seqId);
        assertEq(p.owner, agent, "the agent owns the pool sequencer");
        assertEq(p.rewardRecipient, address(rewardReceiver), "rewards go to the L2 RewardReceiver");
        assertEq(p.signer, metisSigner(key));
        assertEq(keccak256(p.pubkey), keccak256(key));
        assertEq(p.amount, OPEN);
        assertEq(p.reward, 0);
        assertEq(uint256(p.status), _statusActive());
        assertEq(lockingPool.seqOwners(agent), seqId);
        assertEq(lockingPool.seqSigners(metisSigner(key)), seqId);

        assertEq(_idle(), 7 ether, "idle spent");
        assertEq(l1Metis.balanceOf(agent), 0, "the agent keeps nothing");
        assertEq(l1Metis.allowance(agent, address(lockingInfo)), 0, "approval used up");
        assertEq(lockingInfo.totalLocked(), networkBefore + OPEN);
        (uint256 lockedCum, uint256 returnedCum, uint256 sentCum) = hub.totals();
        assertEq(lockedCum, OPEN);
        assertEq(returnedCum + sentCum, 0);
        uint256[] memory live = hub.liveSeats();
        assertEq(live.length, 1);
        assertEq(live[0], s);
    }

    function test_openSeat_acceptsExactlyMinLockAndMaxLock() public {
        uint256 a = _openNew("node-0", MIN_LOCK);
        uint256 b = _openNew("node-1", MAX_LOCK);
        assertEq(_poolSeat(a).amount, MIN_LOCK);
        assertEq(_poolSeat(b).amount, MAX_LOCK);
    }

    function test_openSeat_revertsUnlessPending() public {
        uint256 s = _openNew("node-0", OPEN);
        _fundHub(OPEN);
        bytes32 before = _fingerprint();
        vm.expectRevert(
            abi.encodeWithSelector(ISequencerHub.HubBadSeatState.selector, s, ISequencerHub.SeatState.Active)
        );
        vm.prank(l1Keeper);
        hub.openSeat(s, OPEN);
        vm.expectRevert(abi.encodeWithSelector(ISequencerHub.HubUnknownSeat.selector, 5));
        vm.prank(l1Keeper);
        hub.openSeat(5, OPEN);
        assertEq(_fingerprint(), before);
    }

    function test_openSeat_revertsWhenAgentNotWhitelisted() public {
        _fundHub(OPEN);
        vm.prank(admin);
        (uint256 s, address agent) = hub.addSeat(metisSigner(metisPubkey("node-0")), metisPubkey("node-0"));
        bytes32 before = _fingerprint();
        vm.expectRevert(abi.encodeWithSelector(ISequencerHub.HubNotWhitelisted.selector, s, agent));
        vm.prank(l1Keeper);
        hub.openSeat(s, OPEN);
        assertEq(_fingerprint(), before);
        whitelistSequencerOwner(agent); // Metis governance says yes: now it opens
        _openSeat(s, OPEN);
        _assertState(s, ISequencerHub.SeatState.Active);
    }

    function test_openSeat_revertsOutsideLockingInfoLimits() public {
        _fundHub(MAX_LOCK + 1);
        (uint256 s,) = _addSeat("node-0");
        bytes32 before = _fingerprint();
        uint256[2] memory bad = [MIN_LOCK - 1, MAX_LOCK + 1];
        for (uint256 i; i < 2; ++i) {
            vm.expectRevert(abi.encodeWithSelector(ISequencerHub.HubBadLockAmount.selector, bad[i], MIN_LOCK, MAX_LOCK));
            vm.prank(l1Keeper);
            hub.openSeat(s, bad[i]);
        }
        assertEq(_fingerprint(), before);
    }

    function test_openSeat_readsTheLimitsFromLockingInfoEachTime() public {
        vm.startPrank(metisAdmin);
        lockingInfo.setMinLock(30_000 ether);
        lockingInfo.setMaxLock(60_000 ether);
        vm.stopPrank();
        _fundHub(70_000 ether);
        (uint256 s,) = _addSeat("node-0");
        vm.expectRevert(
            abi.encodeWithSelector(ISequencerHub.HubBadLockAmount.selector, 25_000 ether, 30_000 ether, 60_000 ether)
        );
        vm.prank(l1Keeper);
        hub.openSeat(s, 25_000 ether);
        vm.expectRevert(
            abi.encodeWithSelector(ISequencerHub.HubBadLockAmount.selector, 70_000 ether, 30_000 ether, 60_000 ether)
        );
        vm.prank(l1Keeper);
        hub.openSeat(s, 70_000 ether);
        _openSeat(s, 60_000 ether);
        assertEq(_poolSeat(s).amount, 60_000 ether);
    }

    function test_openSeat_revertsWhenIdleTooSmall() public {
        _fundHub(OPEN - 1);
        (uint256 s,) = _addSeat("node-0");
        bytes32 before = _fingerprint();
        vm.expectRevert(abi.encodeWithSelector(ISequencerHub.HubInsufficientIdle.selector, OPEN, OPEN - 1));
        vm.prank(l1Keeper);
        hub.openSeat(s, OPEN);
        assertEq(_fingerprint(), before);
    }

    function test_openSeat_revertsForNonKeeper() public {
        _fundHub(OPEN);
        (uint256 s,) = _addSeat("node-0");
        bytes32 role = hub.KEEPER_ROLE();
        address[2] memory callers = [admin, stranger];
        for (uint256 i; i < 2; ++i) {
            vm.expectRevert(
                abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, callers[i], role)
            );
            vm.prank(callers[i]);
            hub.openSeat(s, OPEN);
        }
        _assertState(s, ISequencerHub.SeatState.Pending);
    }

    // ================================================================= topUpSeat

    function test_topUpSeat_addsToTheLockWithoutCompoundingTheReward() public {
        uint256 s = _openNew("node-0", OPEN);
        uint256 reward = _rewardSeat(s, 5_000);
        _fundHub(10_000 ether);
        vm.expectEmit(address(hub));
        emit ISequencerHub.SeatToppedUp(s, 10_000 ether, OPEN + 10_000 ether);
        _keeperTopUp(s, 10_000 ether);
        assertEq(_principal(s), OPEN + 10_000 ether);
        assertEq(_poolSeat(s).amount, OPEN + 10_000 ether);
        assertEq(_poolSeat(s).reward, reward, "reward not compounded");
        assertEq(_idle(), 0);
        assertEq(l1Metis.balanceOf(_agent(s)), 0);
        (uint256 lockedCum,,) = hub.totals();
        assertEq(lockedCum, OPEN + 10_000 ether);
    }

    function test_topUpSeat_upToMaxLockExactlyThenRefused() public {
        uint256 s = _openNew("node-0", OPEN);
        _fundHub(MAX_LOCK);
        vm.expectRevert(abi.encodeWithSelector(ISequencerHub.HubBadLockAmount.selector, MAX_LOCK + 1, 0, MAX_LOCK));
        vm.prank(l1Keeper);
        hub.topUpSeat(s, MAX_LOCK - OPEN + 1);
        _keeperTopUp(s, MAX_LOCK - OPEN);
        assertEq(_poolSeat(s).amount, MAX_LOCK);
        bytes32 before = _fingerprint();
        vm.expectRevert(abi.encodeWithSelector(ISequencerHub.HubBadLockAmount.selector, MAX_LOCK + 1, 0, MAX_LOCK));
        vm.prank(l1Keeper);
        hub.topUpSeat(s, 1);
        assertEq(_fingerprint(), before);
    }

    function test_topUpSeat_revertsOnZeroAmount() public {
        uint256 s = _openNew("node-0", OPEN);
        _fundHub(1 ether);
        bytes32 before = _fingerprint();
        vm.expectRevert(ISequencerHub.HubZeroAmount.selector);
        vm.prank(l1Keeper);
        hub.topUpSeat(s, 0);
        assertEq(_fingerprint(), before);
    }

    function test_topUpSeat_revertsWhenNotWhitelisted() public {
        uint256 s = _openNew("node-0", OPEN);
        address agent = _agent(s);
        _setWhitelist(agent, false);
        _fundHub(1 ether);
        bytes32 before = _fingerprint();
        vm.expectRevert(abi.encodeWithSelector(ISequencerHub.HubNotWhitelisted.selector, s, agent));
        vm.prank(l1Keeper);
        hub.topUpSeat(s, 1 ether);
        assertEq(_fingerprint(), before);
    }

    function test_topUpSeat_revertsWhenIdleTooSmallOrSeatNotActive() public {
        uint256 s = _openNew("node-0", OPEN);
        (uint256 pending,) = _addSeat("node-1");
        _fundHub(1 ether);
        bytes32 before = _fingerprint();
        vm.expectRevert(abi.encodeWithSelector(ISequencerHub.HubInsufficientIdle.selector, 2 ether, 1 ether));
        vm.prank(l1Keeper);
        hub.topUpSeat(s, 2 ether);
        vm.expectRevert(
            abi.encodeWithSelector(ISequencerHub.HubBadSeatState.selector, pending, ISequencerHub.SeatState.Pending)
        );
        vm.prank(l1Keeper);
        hub.topUpSeat(pending, 1 ether);
        bytes32 role = hub.KEEPER_ROLE();
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, stranger, role)
        );
        vm.prank(stranger);
        hub.topUpSeat(s, 1 ether);
        assertEq(_fingerprint(), before);
    }

    function test_topUpSeat_revertsOnForceUnlockedSeatWithoutSyncing() public {
        uint256 s = _openNew("node-0", OPEN);
        _forceUnlock(s);
        _fundHub(1 ether);
        bytes32 before = _fingerprint();
        vm.expectRevert(
            abi.encodeWithSelector(ISequencerHub.HubBadSeatState.selector, s, ISequencerHub.SeatState.Unlocking)
        );
        vm.prank(l1Keeper);
        hub.topUpSeat(s, 1 ether);
        assertEq(_fingerprint(), before, "the sync is rolled back with the revert");
        _assertState(s, ISequencerHub.SeatState.Active);
    }

    // ================================================================= withdrawFromSeat

    function test_withdrawFromSeat_sendsPrincipalBackToTheHubAtOnce() public {
        uint256 s = _openNew("node-0", OPEN);
        _nextBatch();
        uint256 networkBefore = lockingInfo.totalLocked();
        vm.expectEmit(address(hub));
        emit ISequencerHub.SeatWithdrawn(s, 10_000 ether, 10_000 ether);
        _keeperWithdraw(s, 10_000 ether);
        assertEq(_idle(), 10_000 ether, "METIS back in the hub");
        assertEq(_principal(s), OPEN - 10_000 ether);
        assertEq(_poolSeat(s).amount, OPEN - 10_000 ether);
        assertEq(_poolSeat(s).updatedBatch, lockingPool.currentBatch());
        assertEq(lockingInfo.totalLocked(), networkBefore - 10_000 ether);
        assertEq(l1Metis.balanceOf(_agent(s)), 0);
        (uint256 lockedCum, uint256 returnedCum,) = hub.totals();
        assertEq(lockedCum, OPEN);
        assertEq(returnedCum, 10_000 ether);
        _assertState(s, ISequencerHub.SeatState.Active);
    }

    function test_withdrawFromSeat_keepsMinLock() public {
        uint256 s = _openNew("node-0", OPEN);
        _nextBatch();
        bytes32 before = _fingerprint();
        vm.expectRevert(abi.encodeWithSelector(ISequencerHub.HubBelowMinLock.selector, MIN_LOCK - 1, MIN_LOCK));
        vm.prank(l1Keeper);
        hub.withdrawFromSeat(s, OPEN - MIN_LOCK + 1);
        vm.expectRevert(abi.encodeWithSelector(ISequencerHub.HubBelowMinLock.selector, 0, MIN_LOCK));
        vm.prank(l1Keeper);
        hub.withdrawFromSeat(s, OPEN + 1);
        assertEq(_fingerprint(), before);
        _keeperWithdraw(s, OPEN - MIN_LOCK);
        assertEq(_poolSeat(s).amount, MIN_LOCK, "down to minLock exactly");
    }

    function test_withdrawFromSeat_throttledOncePerBatch() public {
        uint256 s = _openNew("node-0", OPEN);
        bytes32 before = _fingerprint();
        // not in the batch it was locked in
        vm.expectRevert(abi.encodeWithSelector(ISequencerHub.HubWithdrawThrottled.selector, s, 1, 1));
        vm.prank(l1Keeper);
        hub.withdrawFromSeat(s, 1 ether);
        assertEq(_fingerprint(), before);
        _nextBatch();
        _keeperWithdraw(s, 1 ether);
        before = _fingerprint();
        vm.expectRevert(abi.encodeWithSelector(ISequencerHub.HubWithdrawThrottled.selector, s, 2, 2));
        vm.prank(l1Keeper);
        hub.withdrawFromSeat(s, 1 ether);
        assertEq(_fingerprint(), before);
        _nextBatch();
        _keeperWithdraw(s, 1 ether);
        assertEq(_poolSeat(s).amount, OPEN - 2 ether);
    }

    function test_withdrawFromSeat_revertsOnZeroNonKeeperPendingAndNotWhitelisted() public {
        uint256 s = _openNew("node-0", OPEN);
        (uint256 pending,) = _addSeat("node-1");
        _nextBatch();
        bytes32 before = _fingerprint();
        vm.expectRevert(ISequencerHub.HubZeroAmount.selector);
        vm.prank(l1Keeper);
        hub.withdrawFromSeat(s, 0);
        bytes32 role = hub.KEEPER_ROLE();
        vm.expectRevert(abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, admin, role));
        vm.prank(admin);
        hub.withdrawFromSeat(s, 1 ether);
        vm.expectRevert(
            abi.encodeWithSelector(ISequencerHub.HubBadSeatState.selector, pending, ISequencerHub.SeatState.Pending)
        );
        vm.prank(l1Keeper);
        hub.withdrawFromSeat(pending, 1 ether);
        address agent = _agent(s);
        _setWhitelist(agent, false);
        vm.expectRevert(abi.encodeWithSelector(ISequencerHub.HubNotWhitelisted.selector, s, agent));
        vm.prank(l1Keeper);
        hub.withdrawFromSeat(s, 1 ether);
        assertEq(_fingerprint(), before);
    }

    function test_withdrawFromSeat_strayMetisInTheAgentIsReceivedNotReturned() public {
        uint256 s = _openNew("node-0", OPEN);
        address agent = _agent(s);
        fundL1(agent, 5 ether); // sent to the agent by mistake
        _nextBatch();
        L1Report memory before = hub.buildReport();
        vm.expectEmit(address(hub));
        emit ISequencerHub.SeatWithdrawn(s, 10_000 ether, 10_000 ether + 5 ether);
        _keeperWithdraw(s, 10_000 ether);
        (, uint256 returnedCum,) = hub.totals();
        assertEq(returnedCum, 10_000 ether, "returned counts only the seat's METIS");
        assertEq(_idle(), 10_005 ether);
        assertEq(l1Metis.balanceOf(agent), 0);
        L1Report memory r = hub.buildReport();
        assertEq(r.receivedFromL2, before.receivedFromL2 + 5 ether, "the stray METIS counts as received");
        assertEq(r.shortfall, 0);
    }

    // ================================================================= withdrawRewards

    function test_withdrawRewards_anyoneBridgesTheRewardToTheL2RewardReceiver() public {
        uint256 s = _openNew("node-0", OPEN);
        uint256 reward = _rewardSeat(s, 20_000);
        uint256 fee = 200_000 * 1 gwei;
        assertEq(hub.bridgeFee(uint32(REWARD_GAS)), fee);
        uint256 ethBefore = address(hub).balance;
        uint256 sequencerEthBefore = metisL1FeeRecipient.balance;
        uint256 receiverBefore = l2Metis.balanceOf(address(rewardReceiver));

        vm.expectEmit(address(hub));
        emit ISequencerHub.SeatRewardsBridged(s, reward, fee);
        vm.prank(stranger);
        hub.withdrawRewards(s);

        assertEq(ethBefore - address(hub).balance, fee, "exact fee out of the hub's ETH");
        assertEq(metisL1FeeRecipient.balance - sequencerEthBefore, fee, "fee reached Metis's L1 fee recipient");
        assertEq(address(lockingInfo).balance + address(lockingPool).balance, 0, "no ETH left in Metis's contracts");
        assertEq(_poolSeat(s).reward, 0);
        assertEq(_idle(), 0, "rewards never touch L1");
        assertEq(l2Metis.balanceOf(address(rewardReceiver)), receiverBefore, "not on L2 before the relay");
        relayAllToL2();
        assertEq(l2Metis.balanceOf(address(rewardReceiver)), receiverBefore + reward, "reward arrived on L2");
        assertEq(rewardReceiver.pendingRewards(), receiverBefore + reward);
    }

    function test_withdrawRewards_revertsBelowMinRewardWithdrawal() public {
        uint256 s = _openNew("node-0", OPEN);
        uint256 reward = _rewardSeat(s, 1_000); // 0.761 METIS < 10 METIS
        bytes32 before = _fingerprint();
        vm.expectRevert(abi.encodeWithSelector(ISequencerHub.HubRewardTooSmall.selector, reward, 10 ether));
        hub.withdrawRewards(s);
        assertEq(_fingerprint(), before);
        vm.prank(admin);
        hub.setMinRewardWithdrawal(reward);
        hub.withdrawRewards(s);
        assertEq(_poolSeat(s).reward, 0);
    }

    function test_withdrawRewards_zeroRewardRefusedEvenWithZeroMinimum() public {
        uint256 s = _openNew("node-0", OPEN);
        vm.prank(admin);
        hub.setMinRewardWithdrawal(0);
        bytes32 before = _fingerprint();
        vm.expectRevert(abi.encodeWithSelector(ISequencerHub.HubRewardTooSmall.selector, 0, 1));
        hub.withdrawRewards(s);
        assertEq(_fingerprint(), before, "no ETH sent for nothing");
    }

    function test_withdrawRewards_feeFollowsGasLimitAndOracleMinimum() public {
        uint256 s = _openNew("node-0", OPEN);
        // Metis raises the minimum L2 gas above the hub's reward gas: the fee follows the minimum
        vm.prank(metisAdmin);
        discountOracle.setMinL2Gas(300_000);
        _rewardSeat(s, 20_000);
        uint256 ethBefore = address(hub).balance;
        hub.withdrawRewards(s);
        assertEq(ethBefore - address(hub).balance, 300_000 * 1 gwei);
        // the hub's reward gas above the minimum: the fee follows it
        vm.prank(admin);
        hub.setGasLimits(200_000, 500_000, 400_000);
        _rewardSeat(s, 20_000);
        ethBefore = address(hub).balance;
        hub.withdrawRewards(s);
        assertEq(ethBefore - address(hub).balance, 500_000 * 1 gwei);
    }

    function test_withdrawRewards_revertsWhenHubOutOfEth() public {
        uint256 s = _openNew("node-0", OPEN);
        uint256 reward = _rewardSeat(s, 20_000);
        uint256 fee = _rewardFee();
        _setHubEth(fee - 1);
        bytes32 before = _fingerprint();
        vm.expectRevert(abi.encodeWithSelector(ISequencerHub.HubInsufficientEth.selector, fee, fee - 1));
        hub.withdrawRewards(s);
        assertEq(_fingerprint(), before);
        assertEq(_poolSeat(s).reward, reward, "reward still pending");
        fundEth(address(hub), 1);
        hub.withdrawRewards(s);
        assertEq(address(hub).balance, 0);
        assertEq(_poolSeat(s).reward, 0);
    }

    function test_withdrawRewards_revertsOnPendingUnlockingAndDewhitelistedSeats() public {
        uint256 s = _openNew("node-0", OPEN);
        uint256 u = _openNew("node-1", OPEN);
        (uint256 pending,) = _addSeat("node-2");
        uint256[] memory both = new uint256[](2);
        both[0] = s;
        both[1] = u;
        _rewardSeats(both, 20_000);
        _keeperUnlock(u);
        _rewardSeat(u, 20_000); // an unlocking sequencer still earns for its last blocks
        address agent = _agent(s);
        _setWhitelist(agent, false);
        bytes32 before = _fingerprint();
        vm.expectRevert(abi.encodeWithSelector(ISequencerHub.HubNotWhitelisted.selector, s, agent));
        hub.withdrawRewards(s);
        vm.expectRevert(
            abi.encodeWithSelector(ISequencerHub.HubBadSeatState.selector, u, ISequencerHub.SeatState.Unlocking)
        );
        hub.withdrawRewards(u);
        vm.expectRevert(
            abi.encodeWithSelector(ISequencerHub.HubBadSeatState.selector, pending, ISequencerHub.SeatState.Pending)
        );
        hub.withdrawRewards(pending);
        vm.expectRevert(abi.encodeWithSelector(ISequencerHub.HubUnknownSeat.selector, 3));
        hub.withdrawRewards(3);
        assertEq(_fingerprint(), before);
    }

    // ================================================================= unlockSeat

    function test_unlockSeat_withPendingRewardPaysTheFeeAndBridgesIt() public {
        uint256 s = _openNew("node-0", OPEN);
        uint256 reward = _rewardSeat(s, 20_000);
        uint256 fee = _rewardFee();
        uint256 ethBefore = address(hub).balance;
        uint256 receiverBefore = l2Metis.balanceOf(address(rewardReceiver));
        uint256 claimTime = block.timestamp + 21 days;
        vm.expectEmit(address(hub));
        emit ISequencerHub.SeatUnlockStarted(s, claimTime, fee);
        _keeperUnlock(s);
        assertEq(ethBefore - address(hub).balance, fee);
        _assertState(s, ISequencerHub.SeatState.Unlocking);
        SequencerInfoModel.Sequencer memory p = _poolSeat(s);
        assertEq(uint256(p.status), _statusInactive());
        assertEq(p.unlockClaimTime, claimTime);
        assertEq(p.reward, 0);
        assertEq(p.amount, OPEN, "principal waits out the exit delay in the pool");
        assertEq(hub.liveSeats().length, 1, "still live");
        assertEq(_principal(s), OPEN);
        relayAllToL2();
        assertEq(l2Metis.balanceOf(address(rewardReceiver)), receiverBefore + reward);
    }

    function test_unlockSeat_withoutRewardSendsNoEth() public {
        uint256 s = _openNew("node-0", OPEN);
        uint256 ethBefore = address(hub).balance;
        uint256 infoEth = address(lockingInfo).balance;
        uint256 queued = l1Messenger.getQueueLengthByChainId(1088);
        vm.expectEmit(address(hub));
        emit ISequencerHub.SeatUnlockStarted(s, block.timestamp + 21 days, 0);
        _keeperUnlock(s);
        assertEq(address(hub).balance, ethBefore, "no fee without a reward");
        assertEq(address(lockingInfo).balance, infoEth, "nothing stuck in LockingInfo");
        assertEq(l1Messenger.getQueueLengthByChainId(1088), queued, "nothing bridged");
    }

    function test_unlockSeat_withoutRewardWorksWithNoEthAtAll() public {
        uint256 s = _openNew("node-0", OPEN);
        _setHubEth(0);
        _keeperUnlock(s);
        _assertState(s, ISequencerHub.SeatState.Unlocking);
    }

    function test_unlockSeat_revertsWhenHubOutOfEthWithRewardPending() public {
        uint256 s = _openNew("node-0", OPEN);
        _rewardSeat(s, 10);
        uint256 fee = _rewardFee();
        _setHubEth(fee - 1);
        bytes32 before = _fingerprint();
        vm.expectRevert(abi.encodeWithSelector(ISequencerHub.HubInsufficientEth.selector, fee, fee - 1));
        vm.prank(l1Keeper);
        hub.unlockSeat(s);
        assertEq(_fingerprint(), before);
        _assertState(s, ISequencerHub.SeatState.Active);
    }

    function test_unlockSeat_bftRestrictionBubblesAndLeavesTheSeatActive() public {
        uint256 s = _openNew("node-0", OPEN);
        // 4 active: one may leave (1 of 4 inactive); operator-0 does, and a second exit (2 of 4) is refused
        assertTrue(hub.unlockWouldPassBft());
        vm.prank(makeAddr("operator-0"));
        lockingPool.unlock(1, uint32(REWARD_GAS));
        assertFalse(hub.unlockWouldPassBft());
        bytes32 before = _fingerprint();
        vm.expectRevert(bytes("BFT restriction"));
        vm.prank(l1Keeper);
        hub.unlockSeat(s);
        assertEq(_fingerprint(), before);
        _assertState(s, ISequencerHub.SeatState.Active);
        assertEq(_poolStatus(s), _statusActive());
    }

    function test_unlockSeat_revertsUnlessActiveWhitelistedAndKeeper() public {
        uint256 s = _openNew("node-0", OPEN);
        uint256 u = _openNew("node-1", OPEN);
        _keeperUnlock(u);
        (uint256 pending,) = _addSeat("node-2");
        bytes32 before = _fingerprint();
        vm.expectRevert(
            abi.encodeWithSelector(ISequencerHub.HubBadSeatState.selector, u, ISequencerHub.SeatState.Unlocking)
        );
        vm.prank(l1Keeper);
        hub.unlockSeat(u);
        vm.expectRevert(
            abi.encodeWithSelector(ISequencerHub.HubBadSeatState.selector, pending, ISequencerHub.SeatState.Pending)
        );
        vm.prank(l1Keeper);
        hub.unlockSeat(pending);
        bytes32 role = hub.KEEPER_ROLE();
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, stranger, role)
        );
        vm.prank(stranger);
        hub.unlockSeat(s);
        address agent = _agent(s);
        _setWhitelist(agent, false);
        vm.expectRevert(abi.encodeWithSelector(ISequencerHub.HubNotWhitelisted.selector, s, agent));
        vm.prank(l1Keeper);
        hub.unlockSeat(s);
        assertEq(_fingerprint(), before);
    }

    // ================================================================= claimSeat

    function test_claimSeat_revertsBeforeTheClaimTime() public {
        uint256 s = _openNew("node-0", OPEN);
        _keeperUnlock(s);
        uint256 claimTime = block.timestamp + 21 days;
        vm.warp(claimTime - 1);
        bytes32 before = _fingerprint();
        vm.expectRevert(abi.encodeWithSelector(ISequencerHub.HubNotClaimable.selector, s, claimTime));
        hub.claimSeat(s);
        assertEq(_fingerprint(), before);
        vm.warp(claimTime);
        hub.claimSeat(s);
        _assertState(s, ISequencerHub.SeatState.Closed);
    }

    function test_claimSeat_anyoneGetsThePrincipalBackToTheHub() public {
        uint256 a = _openNew("node-0", 30_000 ether);
        uint256 b = _openNew("node-1", 40_000 ether);
        uint256 c = _openNew("node-2", 50_000 ether);
        _keeperUnlock(a);
        vm.warp(block.timestamp + 21 days);
        uint256 networkBefore = lockingInfo.totalLocked();
        uint256 ethBefore = address(hub).balance;
        vm.expectEmit(address(hub));
        emit ISequencerHub.SeatClaimed(a, 30_000 ether, 30_000 ether, 0);
        vm.prank(stranger);
        hub.claimSeat(a);
        assertEq(_idle(), 30_000 ether, "principal back in the hub");
        assertEq(address(hub).balance, ethBefore, "no reward, no fee");
        _assertState(a, ISequencerHub.SeatState.Closed);
        assertEq(_principal(a), 0);
        (uint256 lockedCum, uint256 returnedCum,) = hub.totals();
        assertEq(lockedCum, 120_000 ether);
        assertEq(returnedCum, 30_000 ether);
        assertEq(lockingInfo.totalLocked(), networkBefore - 30_000 ether);
        assertEq(_poolStatus(a), uint256(ILockingPool.Status.Unlocked));
        assertEq(lockingPool.seqOwners(_agent(a)), 0);
        assertEq(l1Metis.balanceOf(_agent(a)), 0);
        // swap and pop: the last live seat takes the claimed one's place
        uint256[] memory live = hub.liveSeats();
        assertEq(live.length, 2);
        assertEq(live[0], c);
        assertEq(live[1], b);
        // the seat's signer is retired in the pool: it can never be added again
        address signer = seatSigner[a];
        bytes memory key = metisPubkey("node-0");
        vm.expectRevert(abi.encodeWithSelector(ISequencerHub.HubSignerUsed.selector, signer, type(uint256).max));
        vm.prank(admin);
        hub.addSeat(signer, key);
    }

    function test_claimSeat_bridgesTheRewardLeftOverWithTheFee() public {
        uint256 s = _openNew("node-0", OPEN);
        _keeperUnlock(s);
        uint256 late = _rewardSeat(s, 20_000); // rewards for its last blocks arrive while it is unlocking
        vm.warp(block.timestamp + 21 days);
        uint256 fee = _rewardFee();
        uint256 ethBefore = address(hub).balance;
        uint256 receiverBefore = l2Metis.balanceOf(address(rewardReceiver));
        vm.expectEmit(address(hub));
        emit ISequencerHub.SeatClaimed(s, OPEN, OPEN, fee);
        hub.claimSeat(s);
        assertEq(ethBefore - address(hub).balance, fee);
        assertEq(_idle(), OPEN, "only principal comes to L1");
        relayAllToL2();
        assertEq(l2Metis.balanceOf(address(rewardReceiver)), receiverBefore + late);
    }

    function test_claimSeat_revertsWhenOutOfEthWithRewardLeftOver() public {
        uint256 s = _openNew("node-0", OPEN);
        _keeperUnlock(s);
        _rewardSeat(s, 10);
        vm.warp(block.timestamp + 21 days);
        uint256 fee = _rewardFee();
        _setHubEth(fee - 1);
        bytes32 before = _fingerprint();
        vm.expectRevert(abi.encodeWithSelector(ISequencerHub.HubInsufficientEth.selector, fee, fee - 1));
        hub.claimSeat(s);
        assertEq(_fingerprint(), before);
    }

    function test_claimSeat_revertsOnActivePendingClosedAndDewhitelistedSeats() public {
        uint256 active = _openNew("node-0", OPEN);
        (uint256 pending,) = _addSeat("node-1");
        uint256 closed = _openNew("node-2", OPEN);
        uint256 locked = _openNew("node-3", OPEN);
        _keeperUnlock(closed);
        vm.warp(block.timestamp + 21 days);
        hub.claimSeat(closed);
        _keeperUnlock(locked);
        vm.warp(block.timestamp + 21 days);
        address agent = _agent(locked);
        _setWhitelist(agent, false);
        bytes32 before = _fingerprint();
        vm.expectRevert(
            abi.encodeWithSelector(ISequencerHub.HubBadSeatState.selector, active, ISequencerHub.SeatState.Active)
        );
        hub.claimSeat(active);
        vm.expectRevert(
            abi.encodeWithSelector(ISequencerHub.HubBadSeatState.selector, pending, ISequencerHub.SeatState.Pending)
        );
        hub.claimSeat(pending);
        vm.expectRevert(
            abi.encodeWithSelector(ISequencerHub.HubBadSeatState.selector, closed, ISequencerHub.SeatState.Closed)
        );
        hub.claimSeat(closed);
        vm.expectRevert(abi.encodeWithSelector(ISequencerHub.HubNotWhitelisted.selector, locked, agent));
        hub.claimSeat(locked);
        assertEq(_fingerprint(), before);
    }

    // ================================================================= syncSeat and Metis's forceUnlock

    function test_syncSeat_noticesAForceUnlock() public {
        uint256 s = _openNew("node-0", OPEN);
        hub.syncSeat(s); // nothing to notice
        _assertState(s, ISequencerHub.SeatState.Active);
        _forceUnlock(s);
        _assertState(s, ISequencerHub.SeatState.Active);
        uint256 claimTime = block.timestamp + 21 days;
        vm.expectEmit(address(hub));
        emit ISequencerHub.SeatForceUnlocked(s, claimTime);
        vm.prank(stranger);
        hub.syncSeat(s);
        _assertState(s, ISequencerHub.SeatState.Unlocking);
        // a second sync is a no-op (no event)
        syncMessages(); // drains the recorded logs
        hub.syncSeat(s);
        assertEq(vm.getRecordedLogs().length, 0);
        vm.expectRevert(abi.encodeWithSelector(ISequencerHub.HubUnknownSeat.selector, 1));
        hub.syncSeat(1);
    }

    function test_syncSeat_isANoOpOnPendingAndUnlockingSeats() public {
        (uint256 pending,) = _addSeat("node-0");
        uint256 u = _openNew("node-1", OPEN);
        _keeperUnlock(u);
        bytes32 before = _fingerprint();
        hub.syncSeat(pending);
        hub.syncSeat(u);
        assertEq(_fingerprint(), before);
    }

    function test_forceUnlockedSeat_everyOperationSeesItAsUnlocking() public {
        uint256 s = _openNew("node-0", OPEN);
        uint256 reward = _rewardSeat(s, 20_000);
        uint256 receiverBefore = l2Metis.balanceOf(address(rewardReceiver));
        _forceUnlock(s); // Metis bridges the pending reward with its own ETH
        uint256 claimTime = block.timestamp + 21 days;
        relayAllToL2();
        assertEq(l2Metis.balanceOf(address(rewardReceiver)), receiverBefore + reward, "Metis paid the reward out");
        _nextBatch();
        _fundHub(1 ether);
        bytes memory unlocking =
            abi.encodeWithSelector(ISequencerHub.HubBadSeatState.selector, s, ISequencerHub.SeatState.Unlocking);
        bytes32 before = _fingerprint();
        vm.startPrank(l1Keeper);
        vm.expectRevert(unlocking);
        hub.topUpSeat(s, 1 ether);
        vm.expectRevert(unlocking);
        hub.withdrawFromSeat(s, 1 ether);
        vm.expectRevert(unlocking);
        hub.unlockSeat(s);
        vm.expectRevert(unlocking);
        hub.withdrawRewards(s);
        vm.expectRevert(abi.encodeWithSelector(ISequencerHub.HubNotClaimable.selector, s, claimTime));
        hub.claimSeat(s);
        vm.stopPrank();
        assertEq(_fingerprint(), before);

        // the report already counts it as unlocking (it reads the pool, not the hub's record)
        L1Report memory r = hub.buildReport();
        assertEq(r.locked, 0);
        assertEq(r.unlocking, OPEN);
        assertEq(r.withdrawable, 0);
        assertEq(r.activeSeats, 0);
        assertEq(r.nextClaimTime, claimTime);

        // after the delay, claimSeat syncs and claims in one go
        vm.warp(claimTime);
        vm.expectEmit(address(hub));
        emit ISequencerHub.SeatForceUnlocked(s, claimTime);
        vm.expectEmit(address(hub));
        emit ISequencerHub.SeatClaimed(s, OPEN, OPEN, 0);
        hub.claimSeat(s);
        _assertState(s, ISequencerHub.SeatState.Closed);
        assertEq(_idle(), OPEN + 1 ether);
        assertEq(hub.liveSeats().length, 0);
    }

    // ================================================================= report

    function test_report_sendsTheBuiltReportToTheL2Manager() public {
        uint256 s = _openNew("node-0", OPEN);
        _fundHub(3 ether);
        L1Report memory expected = hub.buildReport();
        uint256 fee = 400_000 * 1 gwei;
        uint256 ethBefore = address(hub).balance;
        uint256 index = l1ToL2Count();
        vm.expectEmit(address(hub));
        emit ISequencerHub.ReportSent(1, expected, fee);
        vm.prank(stranger);
        hub.report();
        assertEq(ethBefore - address(hub).balance, fee, "report fee");
        (uint256 nonce, uint256 at) = hub.lastReport();
        assertEq(nonce, 1);
        assertEq(at, block.timestamp);
        assertEq(l1ToL2Count(), index + 1);
        L1ToL2Message memory m = l1ToL2Message(index);
        assertEq(m.target, address(manager));
        assertEq(m.sender, address(hub));
        assertEq(m.gasLimit, REPORT_GAS);
        assertEq(keccak256(m.message), keccak256(abi.encodeCall(IL1ReportReceiver.receiveReport, (expected))));
        relayAllToL2();
        _assertReportEq(manager.lastReport(), expected);
        assertEq(expected.locked, _poolSeat(s).amount);
    }

    function test_report_nonKeeperAtMostOncePerInterval() public {
        _openNew("node-0", OPEN);
        vm.prank(stranger);
        hub.report();
        uint256 next = block.timestamp + 1 hours;
        vm.warp(next - 1);
        bytes32 before = _fingerprint();
        vm.expectRevert(abi.encodeWithSelector(ISequencerHub.HubReportTooSoon.selector, next));
        vm.prank(stranger);
        hub.report();
        assertEq(_fingerprint(), before);
        _keeperReport(); // the keeper is never rate-limited
        (uint256 nonce,) = hub.lastReport();
        assertEq(nonce, 2);
        // the keeper's report restarts the interval for everyone else
        vm.warp(next);
        vm.expectRevert(abi.encodeWithSelector(ISequencerHub.HubReportTooSoon.selector, next - 1 + 1 hours));
        vm.prank(stranger);
        hub.report();
        vm.warp(next - 1 + 1 hours);
        vm.prank(stranger);
        hub.report();
        (nonce,) = hub.lastReport();
        assertEq(nonce, 3);
    }

    function test_report_zeroIntervalLetsAnyoneReportAnyTime() public {
        vm.prank(admin);
        hub.setMinReportInterval(0);
        vm.startPrank(stranger);
        hub.report();
        hub.report();
        vm.stopPrank();
        (uint256 nonce,) = hub.lastReport();
        assertEq(nonce, 2);
    }

    function test_report_revertsWhenHubOutOfEth() public {
        uint256 fee = _reportFee();
        _setHubEth(fee - 1);
        bytes32 before = _fingerprint();
        vm.expectRevert(abi.encodeWithSelector(ISequencerHub.HubInsufficientEth.selector, fee, fee - 1));
        _keeperReport();
        assertEq(_fingerprint(), before);
        fundEth(address(hub), 1);
        _keeperReport();
        assertEq(address(hub).balance, 0);
    }

    function test_report_revertsWhenMetisDropsTheHubFromTheSenderWhitelist() public {
        vm.prank(metisAdmin);
        discountOracle.setWhitelistedXDomainSender(address(hub), false);
        bytes32 before = _fingerprint();
        vm.expectRevert(bytes("sender is not whitelisted"));
        _keeperReport();
        assertEq(_fingerprint(), before);
    }

    // ================================================================= returnToL2

    function test_returnToL2_sendsTheReportBeforeTheDeposit() public {
        _fundHub(10_000 ether);
        uint256 amount = 4_000 ether;
        uint256 depositFee = 200_000 * 1 gwei;
        uint256 reportFee = 400_000 * 1 gwei;
        uint256 ethBefore = address(hub).balance;
        uint256 index = l1ToL2Count();
        L1Report memory expected = _expectedReport(10_000 ether, amount, 0, 10_000 ether - amount, 0, 0, 0, 0, 0);
        vm.expectEmit(address(hub));
        emit ISequencerHub.ReportSent(1, expected, reportFee);
        vm.expectEmit(address(hub));
        emit ISequencerHub.PrincipalReturned(amount, amount, depositFee);
        _keeperReturn(amount);

        assertEq(ethBefore - address(hub).balance, depositFee + reportFee, "both fees");
        assertEq(_idle(), 10_000 ether - amount);
        (,, uint256 sentCum) = hub.totals();
        assertEq(sentCum, amount);
        assertEq(l1Metis.allowance(address(hub), address(l1Bridge)), 0, "approval used up");
        assertEq(l1ToL2Count(), index + 2);
        L1ToL2Message memory first = l1ToL2Message(index);
        L1ToL2Message memory second = l1ToL2Message(index + 1);
        assertEq(first.target, address(manager), "the report goes first");
        assertEq(keccak256(first.message), keccak256(abi.encodeCall(IL1ReportReceiver.receiveReport, (expected))));
        assertEq(second.target, MetisAddresses.L2_STANDARD_BRIDGE, "then the deposit");
        assertEq(second.sender, address(l1Bridge));
        assertEq(second.gasLimit, DEPOSIT_GAS);
        assertEq(
            keccak256(second.message),
            keccak256(
                abi.encodeCall(
                    IL2StandardBridge.finalizeDeposit,
                    (address(0), MetisAddresses.L2_METIS, address(hub), address(manager), amount, "")
                )
            )
        );
        uint256 managerBefore = l2Metis.balanceOf(address(manager));
        relayNextToL2(); // the report alone: L2 expects the principal
        assertEq(manager.pendingPrincipal(), amount);
        assertEq(l2Metis.balanceOf(address(manager)), managerBefore);
        relayNextToL2(); // then the METIS
        assertEq(l2Metis.balanceOf(address(manager)), managerBefore + amount);
        assertEq(manager.creditPrincipal(), amount);
        assertEq(manager.pendingPrincipal(), 0);
    }

    function test_returnToL2_revertsOnZeroIdleAndNonKeeper() public {
        _fundHub(10 ether);
        bytes32 before = _fingerprint();
        vm.expectRevert(ISequencerHub.HubZeroAmount.selector);
        _keeperReturn(0);
        vm.expectRevert(abi.encodeWithSelector(ISequencerHub.HubInsufficientIdle.selector, 10 ether + 1, 10 ether));
        _keeperReturn(10 ether + 1);
        bytes32 role = hub.KEEPER_ROLE();
        vm.expectRevert(abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, admin, role));
        vm.prank(admin);
        hub.returnToL2(1 ether);
        assertEq(_fingerprint(), before);
    }

    function test_returnToL2_revertsWhenHubOutOfEth() public {
        _fundHub(10 ether);
        uint256 depositFee = _depositFee();
        uint256 both = depositFee + hub.bridgeFee(hub.reportL2Gas());
        _setHubEth(depositFee - 1);
        bytes32 before = _fingerprint();
        vm.expectRevert(abi.encodeWithSelector(ISequencerHub.HubInsufficientEth.selector, both, depositFee - 1));
        _keeperReturn(1 ether);
        assertEq(_fingerprint(), before);
    }

    /// @dev returnToL2 pays two fees (report, then deposit) but checks them one at a time against the same balance:
    /// with ETH for the larger one only, the deposit call runs out of value and the whole call reverts with
    /// EMPTY revert data instead of HubInsufficientEth. The test asserts the correct behaviour (the clear error
    /// for the sum of both fees) and fails on the current code.
    function test_returnToL2_revertsWithHubInsufficientEthWhenEthCoversOnlyOneFee() public {
        _fundHub(10 ether);
        uint256 needed = _depositFee() + _reportFee();
        _setHubEth(needed - 1);
        bytes32 before = _fingerprint();
        vm.expectRevert(abi.encodeWithSelector(ISequencerHub.HubInsufficientEth.selector, needed, needed - 1));
        _keeperReturn(1 ether);
        assertEq(_fingerprint(), before);
    }

    // ================================================================= admin setters

    function test_setGasLimits_setsAndEmits() public {
        vm.expectEmit(address(hub));
        emit ISequencerHub.GasLimitsSet(100_000, 10_000_000, 250_000);
        vm.prank(admin);
        hub.setGasLimits(100_000, 10_000_000, 250_000);
        assertEq(hub.depositL2Gas(), 100_000);
        assertEq(hub.rewardL2Gas(), 10_000_000);
        assertEq(hub.reportL2Gas(), 250_000);
    }

    function test_setGasLimits_revertsOutOfBounds() public {
        uint32[3][6] memory bad = [
            [uint32(99_999), 200_000, 200_000],
            [uint32(200_000), 99_999, 200_000],
            [uint32(200_000), 200_000, 99_999],
            [uint32(10_000_001), 200_000, 200_000],
            [uint32(200_000), 10_000_001, 200_000],
            [uint32(200_000), 200_000, 10_000_001]
        ];
        for (uint256 i; i < 6; ++i) {
            vm.expectRevert(ISequencerHub.HubBadGasLimits.selector);
            vm.prank(admin);
            hub.setGasLimits(bad[i][0], bad[i][1], bad[i][2]);
        }
        assertEq(hub.depositL2Gas(), 200_000);
        assertEq(hub.rewardL2Gas(), 200_000);
        assertEq(hub.reportL2Gas(), 400_000);
    }

    function test_setMinRewardWithdrawal_setsAndEmitsWithinUint128() public {
        vm.expectEmit(address(hub));
        emit ISequencerHub.MinRewardWithdrawalSet(5 ether);
        vm.prank(admin);
        hub.setMinRewardWithdrawal(5 ether);
        assertEq(hub.minRewardWithdrawal(), 5 ether);
        uint256 tooBig = uint256(type(uint128).max) + 1;
        vm.expectRevert(abi.encodeWithSelector(SafeCast.SafeCastOverflowedUintDowncast.selector, 128, tooBig));
        vm.prank(admin);
        hub.setMinRewardWithdrawal(tooBig);
        assertEq(hub.minRewardWithdrawal(), 5 ether);
    }

    function test_setMinReportInterval_atMostOneDay() public {
        vm.expectEmit(address(hub));
        emit ISequencerHub.MinReportIntervalSet(1 days);
        vm.prank(admin);
        hub.setMinReportInterval(1 days);
        assertEq(hub.minReportInterval(), 1 days);
        vm.expectRevert(abi.encodeWithSelector(ISequencerHub.HubBadReportInterval.selector, 1 days + 1));
        vm.prank(admin);
        hub.setMinReportInterval(1 days + 1);
        assertEq(hub.minReportInterval(), 1 days);
    }

    function test_adminSetters_revertForNonAdmin() public {
        bytes memory err =
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, l1Keeper, bytes32(0));
        vm.startPrank(l1Keeper);
        vm.expectRevert(err);
        hub.setGasLimits(200_000, 200_000, 200_000);
        vm.expectRevert(err);
        hub.setMinRewardWithdrawal(0);
        vm.expectRevert(err);
        hub.setMinReportInterval(0);
        vm.expectRevert(err);
        hub.refundEth(payable(l1Keeper), 1);
        vm.stopPrank();
        assertEq(hub.reportL2Gas(), 400_000);
        assertEq(hub.minRewardWithdrawal(), 10 ether);
        assertEq(hub.minReportInterval(), 1 hours);
        assertEq(address(hub).balance, HUB_ETH);
    }

    function test_refundEth_sendsEthAndEmits() public {
        address to = makeAddr("operator treasury");
        vm.expectEmit(address(hub));
        emit ISequencerHub.EthRefunded(to, 4 ether);
        vm.prank(admin);
        hub.refundEth(payable(to), 4 ether);
        assertEq(to.balance, 4 ether);
        assertEq(address(hub).balance, HUB_ETH - 4 ether);
    }

    function test_refundEth_reverts() public {
        vm.expectRevert(ISequencerHub.HubZeroAddress.selector);
        vm.prank(admin);
        hub.refundEth(payable(address(0)), 1);
        vm.expectRevert(abi.encodeWithSelector(Errors.InsufficientBalance.selector, HUB_ETH, HUB_ETH + 1));
        vm.prank(admin);
        hub.refundEth(payable(admin), HUB_ETH + 1);
        EthRefuser refuser = new EthRefuser();
        vm.expectRevert(bytes("no ETH, thanks"));
        vm.prank(admin);
        hub.refundEth(payable(address(refuser)), 1);
        assertEq(address(hub).balance, HUB_ETH);
    }

    function test_receive_acceptsEthFromAnyoneAndEmits() public {
        fundEth(stranger, 2 ether);
        vm.expectEmit(address(hub));
        emit ISequencerHub.EthReceived(stranger, 2 ether);
        vm.prank(stranger);
        (bool ok,) = address(hub).call{value: 2 ether}("");
        assertTrue(ok);
        assertEq(address(hub).balance, HUB_ETH + 2 ether);
    }

    // ================================================================= views

    function test_bridgeFee_isMaxOfGasAndMinimumTimesDiscount() public {
        assertEq(hub.bridgeFee(0), 200_000 * 1 gwei, "raised to minL2Gas");
        assertEq(hub.bridgeFee(200_000), 200_000 * 1 gwei);
        assertEq(hub.bridgeFee(1_000_000), 1_000_000 * 1 gwei);
        vm.startPrank(metisAdmin);
        discountOracle.setDiscount(3 gwei);
        discountOracle.setMinL2Gas(250_000);
        vm.stopPrank();
        assertEq(hub.bridgeFee(100_000), 250_000 * 3 gwei);
        assertEq(hub.bridgeFee(400_000), 400_000 * 3 gwei);
    }

    function test_seat_revertsOnUnknownIndex() public {
        vm.expectRevert(abi.encodeWithSelector(ISequencerHub.HubUnknownSeat.selector, 0));
        hub.seat(0);
    }

    /// @dev Seven seats in every state: A active 55k (a withdrawal of 5k), B active 30k (topped up from 20k),
    /// C active 50k with its agent de-whitelisted, D unlocked by the keeper, E force-unlocked earlier by Metis,
    /// F claimed, G pending; 12k idle besides; 7k returned to L2. Every field is computed by hand.
    function test_buildReport_fieldByFieldWithSeatsInEveryState() public {
        uint256 t0 = block.timestamp;
        uint256 a = _openNew("A", 60_000 ether);
        uint256 b = _openNew("B", 20_000 ether);
        uint256 c = _openNew("C", 50_000 ether);
        uint256 d = _openNew("D", 30_000 ether);
        uint256 e = _openNew("E", 25_000 ether);
        uint256 f = _openNew("F", 40_000 ether);
        (uint256 g,) = _addSeat("G");
        _fundHub(10_000 ether + 12_000 ether);
        _keeperTopUp(b, 10_000 ether);
        _nextBatch();
        _keeperWithdraw(a, 5_000 ether);
        _keeperUnlock(f);
        vm.warp(t0 + 21 days);
        hub.claimSeat(f);
        _forceUnlock(e);
        uint256 eClaim = block.timestamp + 21 days;
        vm.warp(block.timestamp + 1 days);
        _keeperUnlock(d);
        _setWhitelist(_agent(c), false);
        _keeperReturn(7_000 ether);

        L1Report memory r = hub.buildReport();
        L1Report memory x = _expectedReport({
            receivedFromL2: 247_000 ether, // everything minted to the hub
            sentToL2: 7_000 ether,
            shortfall: 0,
            idle: 50_000 ether, // 12k + 5k withdrawn + 40k claimed - 7k returned
            locked: 135_000 ether, // A 55k + B 30k + C 50k
            unlocking: 55_000 ether, // D 30k + E 25k
            withdrawable: 45_000 ether, // A 35k + B 10k; C is not whitelisted, so not withdrawable
            nextClaimTime: eClaim, // E, force-unlocked a day before D
            activeSeats: 3
        });
        _assertReportEq(r, x);
        assertEq(x.networkLocked, 150_000 ether + 135_000 ether + 55_000 ether, "operators + hub seats");
        assertEq(r.nonce, 2, "the return sent nonce 1");
        assertEq(r.idle + r.locked + r.unlocking, r.receivedFromL2 - r.sentToL2 - r.shortfall, "assets add up");
        uint256[] memory live = hub.liveSeats();
        assertEq(live.length, 5);
        for (uint256 i; i < 5; ++i) {
            assertTrue(live[i] != f && live[i] != g, "closed and pending seats are not live");
        }
        (uint256 lockedCum, uint256 returnedCum, uint256 sentCum) = hub.totals();
        assertEq(lockedCum, 235_000 ether);
        assertEq(returnedCum, 45_000 ether);
        assertEq(sentCum, 7_000 ether);
        // Metis's parameters travel as they are now
        vm.startPrank(metisAdmin);
        lockingPool.updateWithdrawDelayTimeValue(14 days);
        lockingPool.updateBlockReward(1 gwei);
        vm.stopPrank();
        r = hub.buildReport();
        assertEq(r.exitDelay, 14 days);
        assertEq(r.rewardPerBlock, 1 gwei);
        assertEq(r.nextClaimTime, eClaim, "claim times fixed at unlock");
    }

    function test_liveSeats_addedOnOpenRemovedOnClaim() public {
        uint256 a = _openNew("node-0", OPEN);
        uint256 b = _openNew("node-1", OPEN);
        uint256 c = _openNew("node-2", OPEN);
        uint256[] memory live = hub.liveSeats();
        assertEq(live.length, 3);
        assertEq(live[0], a);
        assertEq(live[1], b);
        assertEq(live[2], c);
        _keeperUnlock(c);
        vm.warp(block.timestamp + 21 days);
        hub.claimSeat(c); // the last one: a plain pop
        live = hub.liveSeats();
        assertEq(live.length, 2);
        assertEq(live[0], a);
        assertEq(live[1], b);
        _keeperUnlock(a);
        vm.warp(block.timestamp + 21 days);
        hub.claimSeat(a);
        live = hub.liveSeats();
        assertEq(live.length, 1);
        assertEq(live[0], b);
        uint256 d = _openNew("node-3", OPEN);
        live = hub.liveSeats();
        assertEq(live.length, 2);
        assertEq(live[1], d);
    }

    function test_unlockWouldPassBft_followsTheMainnetRuleExactly() public {
        // 3 operators active, none inactive: (0 + 1) x 3 <= 3
        assertTrue(hub.unlockWouldPassBft());
        uint256 s = _openNew("node-0", OPEN);
        assertTrue(hub.unlockWouldPassBft()); // 3 <= 4
        _keeperUnlock(s); // 3 active, 1 inactive
        assertFalse(hub.unlockWouldPassBft()); // 6 > 4
        uint256 s2 = _openNew("node-1", OPEN);
        uint256 s3 = _openNew("node-2", OPEN);
        // 5 active, 1 inactive: 6 <= 6
        assertTrue(hub.unlockWouldPassBft());
        _keeperUnlock(s2);
        assertFalse(hub.unlockWouldPassBft()); // 4 active, 2 inactive: 9 > 6
        vm.expectRevert(bytes("BFT restriction"));
        vm.prank(l1Keeper);
        hub.unlockSeat(s3);
        // a claimed sequencer no longer counts (Unlocked, not Inactive): 5 active, 1 inactive: 6 <= 6
        vm.warp(block.timestamp + 21 days);
        hub.claimSeat(s);
        _openNew("node-3", OPEN);
        assertTrue(hub.unlockWouldPassBft()); // with s still counted it would be 9 > 7
        _keeperUnlock(s3);
    }

    function test_totalsAndLastReport_trackEveryMove() public {
        uint256 s = _openNew("node-0", OPEN);
        _fundHub(5_000 ether);
        _keeperTopUp(s, 5_000 ether);
        _nextBatch();
        _keeperWithdraw(s, 2_000 ether);
        _keeperReturn(1_500 ether);
        (uint256 lockedCum, uint256 returnedCum, uint256 sentCum) = hub.totals();
        assertEq(lockedCum, OPEN + 5_000 ether);
        assertEq(returnedCum, 2_000 ether);
        assertEq(sentCum, 1_500 ether);
        (uint256 nonce, uint256 at) = hub.lastReport();
        assertEq(nonce, 1);
        assertEq(at, block.timestamp);
        vm.warp(block.timestamp + 5 hours);
        _keeperReport();
        (nonce, at) = hub.lastReport();
        assertEq(nonce, 2);
        assertEq(at, block.timestamp);
    }

    // ================================================================= Metis pauses its pool

    function test_poolPaused_seatOperationsBubbleThePauseReportStillWorks() public {
        uint256 s = _openNew("node-0", OPEN);
        (uint256 pending,) = _addSeat("node-1");
        _fundHub(OPEN);
        _rewardSeat(s, 20_000);
        _nextBatch();
        vm.prank(metisAdmin);
        lockingPool.setPause(true);
        bytes32 before = _fingerprint();
        vm.startPrank(l1Keeper);
        vm.expectRevert(Pausable.EnforcedPause.selector);
        hub.openSeat(pending, OPEN);
        vm.expectRevert(Pausable.EnforcedPause.selector);
        hub.topUpSeat(s, 1 ether);
        vm.expectRevert(Pausable.EnforcedPause.selector);
        hub.withdrawFromSeat(s, 1 ether);
        vm.expectRevert(Pausable.EnforcedPause.selector);
        hub.withdrawRewards(s);
        vm.expectRevert(Pausable.EnforcedPause.selector);
        hub.unlockSeat(s);
        vm.stopPrank();
        assertEq(_fingerprint(), before);
        _keeperReport(); // reading the pool is not paused
        (uint256 nonce,) = hub.lastReport();
        assertEq(nonce, 1);
    }

    // ================================================================= the pool's tuple

    function test_poolResponse_shortTupleRefused() public {
        uint256 s = _openNew("node-0", OPEN);
        uint256 seqId = _seqId(s);
        _mock().mockCall(address(lockingPool), abi.encodeCall(ILockingPool.sequencers, (seqId)), new bytes(12 * 32));
        vm.expectRevert(ISequencerHub.HubBadPoolResponse.selector);
        hub.syncSeat(s);
        vm.expectRevert(ISequencerHub.HubBadPoolResponse.selector);
        hub.buildReport();
        _mock().clearMockedCalls();
        hub.syncSeat(s);
        _assertState(s, ISequencerHub.SeatState.Active);
    }

    function test_poolResponse_unknownStatusRefused() public {
        uint256 s = _openNew("node-0", OPEN);
        uint256 seqId = _seqId(s);
        (, bytes memory data) = address(lockingPool).staticcall(abi.encodeCall(ILockingPool.sequencers, (seqId)));
        assembly ("memory-safe") {
            mstore(add(data, 416), 4) // word 12: status
        }
        _mock().mockCall(address(lockingPool), abi.encodeCall(ILockingPool.sequencers, (seqId)), data);
        vm.expectRevert(ISequencerHub.HubBadPoolResponse.selector);
        hub.syncSeat(s);
        assembly ("memory-safe") {
            mstore(add(data, 416), 3) // Unlocked: a valid status, decoded as such
        }
        _mock().mockCall(address(lockingPool), abi.encodeCall(ILockingPool.sequencers, (seqId)), data);
        hub.syncSeat(s);
        _assertState(s, ISequencerHub.SeatState.Unlocking);
    }

    // ================================================================= helpers

    function _slice(bytes memory b, uint256 len) internal pure returns (bytes memory out) {
        out = new bytes(len);
        for (uint256 i; i < len; ++i) {
            out[i] = b[i];
        }
    }
}
