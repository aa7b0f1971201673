// SPDX-License-Identifier: MIT
pragma solidity 0.8.23;

import {QueueBase} from "./QueueBase.sol";
import {IRedemptionQueue} from "../../src/interfaces/IRedemptionQueue.sol";
import {IStakingManager} from "../../src/interfaces/IStakingManager.sol";
import {RedemptionQueue} from "../../src/l2/redemption/RedemptionQueue.sol";
import {MetisAddresses} from "../../src/interfaces/metis/MetisAddresses.sol";
import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {IERC20Errors, IERC721Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";

/// @notice RedemptionQueue on the two-chain ProtocolFixture. Real: the queue, eMETIS, the StakingManager that funds
/// it (and the whole protocol around it); Metis's side is played by the network models (METIS on L2 as the
/// one-balance token at 0xDead…0000, a TEST-ONLY slashable LockingPool to make a loss real). Tickets are claimable
/// as soon as they are funded (no maturity, no exit delay); `finalize` is called directly (pranking the manager)
/// only where a test needs rates the protocol would not produce.
contract RedemptionQueueTest is QueueBase {
    address internal dave = makeAddr("dave");

    function setUp() public override {
        super.setUp();
        _stake(alice, 1_000 ether);
        _stake(bob, 1_000 ether);
    }

    // ================================================================= construction

    function test_constructor_defaults() public view {
        assertEq(queue.minAmount(), 0.01 ether);
        assertEq(queue.maxAmount(), 100_000 ether);
        assertEq(queue.manager(), address(manager));
        assertEq(queue.checkpointCount(), 1);
        assertEq(queue.lastTicketId(), 0);
        assertEq(queue.lastFinalizedId(), 0);
        assertEq(queue.unfinalizedAmount(), 0);
        assertEq(queue.reservedMetis(), 0);
        assertEq(queue.cumulativeOf(0), 0);
        assertTrue(queue.hasRole(queue.DEFAULT_ADMIN_ROLE(), admin));
        assertEq(keccak256(bytes(queue.name())), keccak256("Metis Redemption Ticket"));
        assertEq(keccak256(bytes(queue.symbol())), keccak256("METIS-RT"));
    }

    function test_constructor_revertsOnZeroAddresses() public {
        address e = address(eMetis);
        address m = MetisAddresses.L2_METIS;
        address mg = address(manager);
        vm.expectRevert(IRedemptionQueue.QueueZeroAddress.selector);
        new RedemptionQueue(address(0), m, mg, admin);
        vm.expectRevert(IRedemptionQueue.QueueZeroAddress.selector);
        new RedemptionQueue(e, address(0), mg, admin);
        vm.expectRevert(IRedemptionQueue.QueueZeroAddress.selector);
        new RedemptionQueue(e, m, address(0), admin);
        vm.expectRevert(IRedemptionQueue.QueueZeroAddress.selector);
        new RedemptionQueue(e, m, mg, address(0));
    }

    function test_supportsInterface() public view {
        assertTrue(queue.supportsInterface(0x80ac58cd), "ERC-721");
        assertTrue(queue.supportsInterface(0x5b5e139f), "ERC-721 metadata");
        assertTrue(queue.supportsInterface(0x01ffc9a7), "ERC-165");
        assertTrue(queue.supportsInterface(type(IAccessControl).interfaceId), "AccessControl");
        assertFalse(queue.supportsInterface(0xdeadbeef));
    }

    // ================================================================= requestRedemption

    function test_requestRedemption_holdsEMetisAndMintsTicket() public {
        uint256 supply = eMetis.totalSupply();
        vm.startPrank(alice);
        eMetis.approve(address(queue), 100 ether);
        vm.expectEmit(address(queue));
        emit IRedemptionQueue.RedemptionRequested(1, carol, 100 ether, 100 ether);
        uint256 id = queue.requestRedemption(100 ether, carol);
        vm.stopPrank();

        assertEq(id, 1);
        assertEq(queue.ownerOf(1), carol);
        assertEq(queue.balanceOf(carol), 1);
        assertEq(eMetis.balanceOf(address(queue)), 100 ether);
        assertEq(eMetis.balanceOf(alice), 900 ether);
        assertEq(eMetis.allowance(alice, address(queue)), 0);
        assertEq(eMetis.totalSupply(), supply, "eMETIS stays in the supply until funded");
        assertEq(queue.lastTicketId(), 1);
        assertEq(queue.unfinalizedAmount(), 100 ether);
        assertEq(queue.cumulativeOf(1), 100 ether);
        assertEq(queue.openTicketCount(carol), 1);
        assertEq(queue.openTicketCount(alice), 0, "the payer is not the owner");

        IRedemptionQueue.TicketInfo memory t = queue.getTicket(1);
        assertEq(t.id, 1);
        assertEq(t.owner, carol);
        assertEq(t.eMetisAmount, 100 ether);
        assertEq(t.metisAmount, 100 ether);
        assertEq(t.requestedAt, block.timestamp);
        assertEq(uint256(t.status), uint256(IRedemptionQueue.TicketStatus.Pending));
    }

    function test_requestRedemption_cumulativeSums() public {
        _request(alice, 10 ether);
        _request(bob, 25 ether);
        _request(alice, 5 ether);
        assertEq(queue.cumulativeOf(1), 10 ether);
        assertEq(queue.cumulativeOf(2), 35 ether);
        assertEq(queue.cumulativeOf(3), 40 ether);
        assertEq(queue.getTicket(2).eMetisAmount, 25 ether);
        assertEq(queue.getTicket(3).eMetisAmount, 5 ether);
        assertEq(queue.unfinalizedAmount(), 40 ether);
        assertEq(queue.cumulativeOf(4), 0, "unknown id");
    }

    function test_requestRedemption_atTheLimits() public {
        _stake(carol, 100_000 ether);
        uint256 minId = _request(alice, 0.01 ether);
        uint256 maxId = _request(carol, 100_000 ether);
        assertEq(queue.getTicket(minId).eMetisAmount, 0.01 ether);
        assertEq(queue.getTicket(maxId).eMetisAmount, 100_000 ether);
    }

    function test_requestRedemption_revertsOnZeroAmount() public {
        QueueState memory before = _state(alice);
        vm.startPrank(alice);
        eMetis.approve(address(queue), type(uint256).max);
        vm.expectRevert(IRedemptionQueue.QueueZeroAmount.selector);
        queue.requestRedemption(0, alice);
        vm.stopPrank();
        _assertUnchanged(before, alice);
    }

    function test_requestRedemption_revertsOnZeroOwner() public {
        QueueState memory before = _state(alice);
        vm.startPrank(alice);
        eMetis.approve(address(queue), type(uint256).max);
        vm.expectRevert(IRedemptionQueue.QueueZeroAddress.selector);
        queue.requestRedemption(1 ether, address(0));
        vm.stopPrank();
        _assertUnchanged(before, alice);
    }

    function test_requestRedemption_revertsBelowMin() public {
        QueueState memory before = _state(alice);
        vm.startPrank(alice);
        eMetis.approve(address(queue), type(uint256).max);
        vm.expectRevert(
            abi.encodeWithSelector(IRedemptionQueue.QueueAmountBelowMin.selector, 0.01 ether - 1, 0.01 ether)
        );
        queue.requestRedemption(0.01 ether - 1, alice);
        vm.stopPrank();
        _assertUnchanged(before, alice);
    }

    function test_requestRedemption_revertsAboveMax() public {
        QueueState memory before = _state(alice);
        vm.startPrank(alice);
        eMetis.approve(address(queue), type(uint256).max);
        vm.expectRevert(
            abi.encodeWithSelector(IRedemptionQueue.QueueAmountAboveMax.selector, 100_000 ether + 1, 100_000 ether)
        );
        queue.requestRedemption(100_000 ether + 1, alice);
        vm.stopPrank();
        _assertUnchanged(before, alice);
    }

    function test_requestRedemption_revertsWithoutAllowance() public {
        QueueState memory before = _state(alice);
        vm.prank(alice);
        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientAllowance.selector, address(queue), 0, 1 ether)
        );
        queue.requestRedemption(1 ether, alice);
        _assertUnchanged(before, alice);
    }

    function test_requestRedemption_revertsAboveBalance() public {
        QueueState memory before = _state(alice);
        vm.startPrank(alice);
        eMetis.approve(address(queue), type(uint256).max);
        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientBalance.selector, alice, 1_000 ether, 1_001 ether)
        );
        queue.requestRedemption(1_001 ether, alice);
        vm.stopPrank();
        _assertUnchanged(before, alice);
    }

    // ================================================================= requestRedemptionWithPermit

    function test_requestRedemptionWithPermit_validPermitNeedsNoApproval() public {
        (address user, uint256 key) = makeAddrAndKey("permit user");
        _stake(user, 10 ether);
        uint256 deadline = block.timestamp + 1 hours;
        (uint8 v, bytes32 r, bytes32 s) = _signPermit(key, user, 10 ether, deadline);
        vm.prank(user);
        uint256 id = queue.requestRedemptionWithPermit(10 ether, dave, deadline, v, r, s);
        assertEq(queue.ownerOf(id), dave);
        assertEq(eMetis.balanceOf(user), 0);
        assertEq(eMetis.nonces(user), 1, "permit used");
        assertEq(eMetis.allowance(user, address(queue)), 0, "permit spent by the request");
        assertEq(queue.openTicketCount(dave), 1);
    }

    /// A front-runner submits the user's permit first: the permit inside the request fails, is ignored, and
    /// the allowance the front-run permit set pays the request.
    function test_requestRedemptionWithPermit_frontRunPermitStillSucceeds() public {
        (address user, uint256 key) = makeAddrAndKey("permit user");
        _stake(user, 10 ether);
        uint256 deadline = block.timestamp + 1 hours;
        (uint8 v, bytes32 r, bytes32 s) = _signPermit(key, user, 10 ether, deadline);
        vm.prank(makeAddr("front-runner"));
        eMetis.permit(user, address(queue), 10 ether, deadline, v, r, s);
        vm.prank(user);
        uint256 id = queue.requestRedemptionWithPermit(10 ether, user, deadline, v, r, s);
        assertEq(queue.ownerOf(id), user);
        assertEq(eMetis.balanceOf(user), 0);
        assertEq(eMetis.nonces(user), 1);
    }

    /// A failed permit (garbage signature, expired deadline) with enough allowance already given still works.
    function test_requestRedemptionWithPermit_failedPermitWithEnoughAllowance() public {
        vm.startPrank(alice);
        eMetis.approve(address(queue), 30 ether);
        uint256 id1 =
            queue.requestRedemptionWithPermit(10 ether, alice, block.timestamp + 1, 27, bytes32(0), bytes32(0));
        uint256 id2 = queue.requestRedemptionWithPermit(
            10 ether, alice, block.timestamp - 1, 28, bytes32(uint256(1)), bytes32(uint256(2))
        );
        vm.stopPrank();
        assertEq(queue.ownerOf(id1), alice);
        assertEq(queue.ownerOf(id2), alice);
        assertEq(eMetis.allowance(alice, address(queue)), 10 ether);
        assertEq(eMetis.nonces(alice), 0, "no permit went through");
    }

    function test_requestRedemptionWithPermit_failedPermitWithoutAllowanceReverts() public {
        QueueState memory before = _state(alice);
        vm.prank(alice);
        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientAllowance.selector, address(queue), 0, 10 ether)
        );
        queue.requestRedemptionWithPermit(10 ether, alice, block.timestamp + 1, 27, bytes32(0), bytes32(0));
        _assertUnchanged(before, alice);
    }

    /// Someone else's valid permit does not let the caller spend the signer's eMETIS: the permit is for
    /// `msg.sender` only.
    function test_requestRedemptionWithPermit_permitOfAnotherSignerIgnored() public {
        (address user, uint256 key) = makeAddrAndKey("permit user");
        _stake(user, 10 ether);
        uint256 deadline = block.timestamp + 1 hours;
        (uint8 v, bytes32 r, bytes32 s) = _signPermit(key, user, 10 ether, deadline);
        QueueState memory before = _state(user);
        vm.prank(bob);
        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientAllowance.selector, address(queue), 0, 10 ether)
        );
        queue.requestRedemptionWithPermit(10 ether, bob, deadline, v, r, s);
        _assertUnchanged(before, user);
        assertEq(eMetis.nonces(user), 0);
    }

    function test_requestRedemptionWithPermit_limitsStillApply() public {
        (address user, uint256 key) = makeAddrAndKey("permit user");
        _stake(user, 10 ether);
        uint256 deadline = block.timestamp + 1 hours;
        (uint8 v, bytes32 r, bytes32 s) = _signPermit(key, user, 0.001 ether, deadline);
        QueueState memory before = _state(user);
        vm.prank(user);
        vm.expectRevert(abi.encodeWithSelector(IRedemptionQueue.QueueAmountBelowMin.selector, 0.001 ether, 0.01 ether));
        queue.requestRedemptionWithPermit(0.001 ether, user, deadline, v, r, s);
        _assertUnchanged(before, user);
        assertEq(eMetis.nonces(user), 0, "the permit is rolled back with the request");
        vm.prank(user);
        vm.expectRevert(IRedemptionQueue.QueueZeroAddress.selector);
        queue.requestRedemptionWithPermit(0.001 ether, address(0), deadline, v, r, s);
        vm.prank(user);
        vm.expectRevert(IRedemptionQueue.QueueZeroAmount.selector);
        queue.requestRedemptionWithPermit(0, user, deadline, v, r, s);
        _assertUnchanged(before, user);
    }

    // ================================================================= setLimits

    function test_setLimits_appliesAndEmits() public {
        vm.expectEmit(address(queue));
        emit IRedemptionQueue.LimitsSet(1 ether, 50 ether);
        vm.prank(admin);
        queue.setLimits(1 ether, 50 ether);
        assertEq(queue.minAmount(), 1 ether);
        assertEq(queue.maxAmount(), 50 ether);

        vm.startPrank(alice);
        eMetis.approve(address(queue), type(uint256).max);
        vm.expectRevert(abi.encodeWithSelector(IRedemptionQueue.QueueAmountBelowMin.selector, 1 ether - 1, 1 ether));
        queue.requestRedemption(1 ether - 1, alice);
        vm.expectRevert(abi.encodeWithSelector(IRedemptionQueue.QueueAmountAboveMax.selector, 50 ether + 1, 50 ether));
        queue.requestRedemption(50 ether + 1, alice);
        queue.requestRedemption(1 ether, alice);
        queue.requestRedemption(50 ether, alice);
        vm.stopPrank();
        assertEq(queue.unfinalizedAmount(), 51 ether);

        vm.prank(admin);
        queue.setLimits(7, 7); // min == max is allowed
        assertEq(queue.minAmount(), 7);
        assertEq(queue.maxAmount(), 7);
        vm.prank(admin);
        queue.setLimits(1, type(uint96).max);
        assertEq(queue.maxAmount(), type(uint96).max);
    }

    function test_setLimits_revertsForNonAdmin() public {
        bytes32 role = queue.DEFAULT_ADMIN_ROLE();
        vm.prank(address(manager));
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, address(manager), role)
        );
        queue.setLimits(1, 2);
        assertEq(queue.minAmount(), 0.01 ether);
        assertEq(queue.maxAmount(), 100_000 ether);
    }

    function test_setLimits_revertsOnBadLimits() public {
        vm.startPrank(admin);
        vm.expectRevert(abi.encodeWithSelector(RedemptionQueue.QueueBadLimits.selector, 0, 2));
        queue.setLimits(0, 2);
        vm.expectRevert(abi.encodeWithSelector(RedemptionQueue.QueueBadLimits.selector, 3, 2));
        queue.setLimits(3, 2);
        uint256 tooBig = uint256(type(uint96).max) + 1;
        vm.expectRevert(abi.encodeWithSelector(RedemptionQueue.QueueBadLimits.selector, 1, tooBig));
        queue.setLimits(1, tooBig);
        vm.stopPrank();
        assertEq(queue.minAmount(), 0.01 ether);
        assertEq(queue.maxAmount(), 100_000 ether);
    }

    // ================================================================= finalize

    function test_finalize_revertsForNonManager() public {
        _request(alice, 10 ether);
        QueueState memory before = _state(alice);
        address[3] memory callers = [alice, keeper, admin];
        for (uint256 i; i < callers.length; ++i) {
            vm.prank(callers[i]);
            vm.expectRevert(abi.encodeWithSelector(IRedemptionQueue.QueueOnlyManager.selector, callers[i]));
            queue.finalize(1, 1e18);
        }
        _assertUnchanged(before, alice);
    }

    function test_finalize_onlyInOrder() public {
        _request(alice, 10 ether);
        _request(bob, 20 ether);
        QueueState memory before = _state(alice);
        vm.startPrank(address(manager));
        vm.expectRevert(abi.encodeWithSelector(IRedemptionQueue.QueueBadFinalization.selector, 0));
        queue.finalize(0, 1e18);
        vm.expectRevert(abi.encodeWithSelector(IRedemptionQueue.QueueBadFinalization.selector, 3));
        queue.finalize(3, 1e18);
        vm.stopPrank();
        _assertUnchanged(before, alice);

        vm.prank(address(manager));
        assertEq(queue.finalize(1, 1e18), 10 ether);
        before = _state(alice);
        vm.startPrank(address(manager));
        vm.expectRevert(abi.encodeWithSelector(IRedemptionQueue.QueueBadFinalization.selector, 1));
        queue.finalize(1, 1e18); // already finalized
        vm.expectRevert(abi.encodeWithSelector(IRedemptionQueue.QueueBadFinalization.selector, 0));
        queue.finalize(0, 1e18);
        vm.stopPrank();
        _assertUnchanged(before, alice);
        vm.prank(address(manager));
        assertEq(queue.finalize(2, 1e18), 20 ether);
        assertEq(queue.lastFinalizedId(), 2);
        assertEq(queue.unfinalizedAmount(), 0);
    }

    function test_finalize_revertsOnBadRate() public {
        _request(alice, 10 ether);
        QueueState memory before = _state(alice);
        vm.prank(address(manager));
        vm.expectRevert(abi.encodeWithSelector(RedemptionQueue.QueueBadRate.selector, 1e18 + 1));
        queue.finalize(1, 1e18 + 1);
        _assertUnchanged(before, alice);
    }

    function test_finalize_emitsReservesAndKeepsOneCheckpointAtTheSameRate() public {
        _request(alice, 10 ether);
        _request(bob, 20 ether);
        _request(alice, 30 ether);
        vm.expectEmit(address(queue));
        emit IRedemptionQueue.TicketsFinalized(1, 2, 30 ether, 1e18);
        vm.prank(address(manager));
        assertEq(queue.finalize(2, 1e18), 30 ether);
        vm.expectEmit(address(queue));
        emit IRedemptionQueue.TicketsFinalized(3, 3, 30 ether, 1e18);
        vm.prank(address(manager));
        queue.finalize(3, 1e18);
        assertEq(queue.reservedMetis(), 60 ether);
        assertEq(queue.checkpointCount(), 1, "same rate: no new checkpoint");
        assertEq(queue.rateOf(1), 1e18);
        assertEq(queue.rateOf(3), 1e18);
    }

    function test_rateOf_revertsForUnfinalized() public {
        _request(alice, 10 ether);
        vm.expectRevert(abi.encodeWithSelector(IRedemptionQueue.QueueNotFinalized.selector, 0));
        queue.rateOf(0);
        vm.expectRevert(abi.encodeWithSelector(IRedemptionQueue.QueueNotFinalized.selector, 1));
        queue.rateOf(1);
        vm.expectRevert(abi.encodeWithSelector(IRedemptionQueue.QueueNotFinalized.selector, 2));
        queue.rateOf(2);
    }

    /// The manager's path: METIS from the buffer to the queue, the tickets' eMETIS burned, at 1:1.
    function test_fundRedemptions_paysTheQueueAndBurnsEMetis() public {
        uint256 id = _request(alice, 100 ether);
        _request(bob, 50 ether);
        uint256 supply = eMetis.totalSupply();
        uint256 buffered = manager.bufferedMetis();
        vm.expectEmit(address(manager));
        emit IStakingManager.RedemptionsFunded(id, 100 ether, 100 ether, 1e18);
        assertEq(_fundRedemptions(id), 100 ether);
        assertEq(l2Metis.balanceOf(address(queue)), 100 ether);
        assertEq(eMetis.balanceOf(address(queue)), 50 ether, "only the funded ticket's eMETIS burned");
        assertEq(eMetis.totalSupply(), supply - 100 ether);
        assertEq(manager.bufferedMetis(), buffered - 100 ether);
        assertEq(queue.reservedMetis(), 100 ether);
        assertEq(queue.lastFinalizedId(), id);
        _assertFullyBacked();
    }

    function test_fundRedemptions_revertsWhenTheBufferIsShort() public {
        _bridge(manager.bridgeable()); // everything to L1
        _stake(carol, 5 ether);
        _request(alice, 10 ether); // needs 10, the buffer holds 5
        QueueState memory before = _state(alice);
        vm.prank(keeper);
        vm.expectRevert(abi.encodeWithSelector(IStakingManager.ManagerInsufficientBuffer.selector, 10 ether, 5 ether));
        manager.fundRedemptions(1);
        _assertUnchanged(before, alice);
    }

    // ================================================================= finalizableUpTo

    function test_finalizableUpTo_budgets() public {
        (uint256 id, uint256 amt) = queue.finalizableUpTo(1_000 ether);
        assertEq(id, 0, "empty queue");
        assertEq(amt, 0);
        _request(alice, 10 ether);
        _request(alice, 20 ether);
        _request(bob, 30 ether);
        (id, amt) = queue.finalizableUpTo(0);
        assertEq(id, 0);
        assertEq(amt, 0);
        (id, amt) = queue.finalizableUpTo(10 ether - 1);
        assertEq(id, 0);
        assertEq(amt, 0);
        (id, amt) = queue.finalizableUpTo(10 ether);
        assertEq(id, 1);
        assertEq(amt, 10 ether);
        (id, amt) = queue.finalizableUpTo(29 ether);
        assertEq(id, 1);
        assertEq(amt, 10 ether);
        (id, amt) = queue.finalizableUpTo(30 ether);
        assertEq(id, 2);
        assertEq(amt, 30 ether);
        (id, amt) = queue.finalizableUpTo(type(uint256).max);
        assertEq(id, 3);
        assertEq(amt, 60 ether);
        _fundRedemptions(1);
        (id, amt) = queue.finalizableUpTo(20 ether);
        assertEq(id, 2);
        assertEq(amt, 20 ether);
        (id, amt) = queue.finalizableUpTo(19 ether);
        assertEq(id, 1, "nothing more fits: the last funded id");
        assertEq(amt, 0);
        _fundAll();
        (id, amt) = queue.finalizableUpTo(1_000 ether);
        assertEq(id, 3);
        assertEq(amt, 0);
    }

    /// The binary search agrees with a linear scan for any queue and budget.
    function testFuzz_finalizableUpTo_matchesLinearScan(uint256 seed, uint256 funded, uint256 budget) public {
        uint256 n = bound(seed, 1, 25);
        for (uint256 i; i < n; ++i) {
            uint256 amount = 0.01 ether + (uint256(keccak256(abi.encode(seed, i))) % 40 ether);
            _request(i % 2 == 0 ? alice : bob, amount);
        }
        funded = bound(funded, 0, n);
        if (funded > 0) _fundRedemptions(funded);
        budget = bound(budget, 0, 1_100 ether);
        uint256 base = queue.cumulativeOf(funded);
        uint256 expectedId = funded;
        for (uint256 id = funded + 1; id <= n; ++id) {
            if (queue.cumulativeOf(id) - base <= budget) expectedId = id;
        }
        (uint256 lastId, uint256 amt) = queue.finalizableUpTo(budget);
        assertEq(lastId, expectedId);
        assertEq(amt, queue.cumulativeOf(expectedId) - base);
        assertLe(amt, budget);
    }

    // ================================================================= claim

    function test_claim_paysAtOnceWhenFunded() public {
        uint256 id = _request(alice, 100 ether);
        _fundRedemptions(id);
        assertEq(uint256(queue.getTicket(id).status), uint256(IRedemptionQueue.TicketStatus.Claimable));
        uint256 before = l2Metis.balanceOf(alice);
        vm.expectEmit(address(queue));
        emit IRedemptionQueue.RedemptionClaimed(id, alice, alice, 100 ether);
        vm.prank(alice);
        assertEq(queue.claim(id, alice), 100 ether, "claimable in the funding block: no delay");
        assertEq(l2Metis.balanceOf(alice) - before, 100 ether);
        assertEq(alice.balance - before, 100 ether, "native METIS: one balance, two faces");
        assertEq(queue.reservedMetis(), 0);
        assertEq(l2Metis.balanceOf(address(queue)), 0);
        assertEq(queue.openTicketCount(alice), 0);
        IRedemptionQueue.TicketInfo memory t = queue.getTicket(id);
        assertEq(uint256(t.status), uint256(IRedemptionQueue.TicketStatus.Claimed));
        assertEq(t.owner, alice, "marked claimed, not burned");
        assertEq(queue.ownerOf(id), alice);
        assertEq(t.metisAmount, 100 ether);
        assertEq(t.eMetisAmount, 100 ether);
        _assertFullyBacked();
    }

    function test_claim_toAnotherAddress() public {
        uint256 id = _request(alice, 10 ether);
        _fundRedemptions(id);
        vm.expectEmit(address(queue));
        emit IRedemptionQueue.RedemptionClaimed(id, alice, dave, 10 ether);
        vm.prank(alice);
        queue.claim(id, dave);
        assertEq(l2Metis.balanceOf(dave), 10 ether);
    }

    function test_claim_revertsOnZeroTo() public {
        uint256 id = _request(alice, 10 ether);
        _fundRedemptions(id);
        QueueState memory before = _state(alice);
        vm.prank(alice);
        vm.expectRevert(IRedemptionQueue.QueueZeroAddress.selector);
        queue.claim(id, address(0));
        _assertUnchanged(before, alice);
    }

    function test_claim_revertsOnUnknownTicket() public {
        uint256 id = _request(alice, 10 ether);
        _fundRedemptions(id);
        QueueState memory before = _state(alice);
        vm.startPrank(alice);
        vm.expectRevert(abi.encodeWithSelector(IRedemptionQueue.QueueUnknownTicket.selector, 0));
        queue.claim(0, alice);
        vm.expectRevert(abi.encodeWithSelector(IRedemptionQueue.QueueUnknownTicket.selector, 2));
        queue.claim(2, alice);
        vm.expectRevert(abi.encodeWithSelector(IRedemptionQueue.QueueUnknownTicket.selector, type(uint256).max));
        queue.claim(type(uint256).max, alice);
        vm.stopPrank();
        _assertUnchanged(before, alice);
    }

    function test_claim_revertsForNonOwner() public {
        uint256 id = _request(alice, 10 ether);
        _fundRedemptions(id);
        QueueState memory before = _state(alice);
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(IRedemptionQueue.QueueNotOwner.selector, id, bob));
        queue.claim(id, bob);
        // an ERC-721 operator approval does not let the operator claim either
        vm.prank(alice);
        queue.approve(bob, id);
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(IRedemptionQueue.QueueNotOwner.selector, id, bob));
        queue.claim(id, bob);
        _assertUnchanged(before, alice);
    }

    function test_claim_revertsWhenNotFunded() public {
        _request(alice, 10 ether);
        uint256 id = _request(alice, 10 ether);
        _fundRedemptions(1);
        QueueState memory before = _state(alice);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IRedemptionQueue.QueueNotFinalized.selector, id));
        queue.claim(id, alice);
        _assertUnchanged(before, alice);
    }

    function test_claim_revertsWhenAlreadyClaimed() public {
        uint256 id = _request(alice, 10 ether);
        _fundRedemptions(id);
        _claim(alice, id);
        QueueState memory before = _state(alice);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IRedemptionQueue.QueueAlreadyClaimed.selector, id));
        queue.claim(id, alice);
        _assertUnchanged(before, alice);
    }

    function test_claim_transferredTicketPaysTheNewOwner() public {
        uint256 id = _request(alice, 10 ether);
        _move(alice, bob, id);
        _fundRedemptions(id);
        QueueState memory before = _state(alice);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IRedemptionQueue.QueueNotOwner.selector, id, alice));
        queue.claim(id, alice);
        _assertUnchanged(before, alice);
        uint256 bobBefore = l2Metis.balanceOf(bob);
        _claim(bob, id);
        assertEq(l2Metis.balanceOf(bob) - bobBefore, 10 ether);
    }

    function test_claimBatch_paysAllToOneAddress() public {
        uint256 a = _request(alice, 10 ether);
        uint256 b = _request(alice, 15 ether);
        uint256 c = _request(bob, 1 ether);
        _fundRedemptions(c);
        uint256[] memory ids = new uint256[](2);
        ids[0] = b; // any order
        ids[1] = a;
        vm.expectEmit(address(queue));
        emit IRedemptionQueue.RedemptionClaimed(b, alice, dave, 15 ether);
        vm.expectEmit(address(queue));
        emit IRedemptionQueue.RedemptionClaimed(a, alice, dave, 10 ether);
        vm.prank(alice);
        assertEq(queue.claimBatch(ids, dave), 25 ether);
        assertEq(l2Metis.balanceOf(dave), 25 ether);
        assertEq(queue.reservedMetis(), 1 ether);
        assertEq(queue.openTicketCount(alice), 0);
        assertEq(uint256(queue.getTicket(a).status), uint256(IRedemptionQueue.TicketStatus.Claimed));
        assertEq(uint256(queue.getTicket(b).status), uint256(IRedemptionQueue.TicketStatus.Claimed));
    }

    function test_claimBatch_emptyPaysNothing() public {
        vm.prank(alice);
        assertEq(queue.claimBatch(new uint256[](0), alice), 0);
    }

    function test_claimBatch_revertsAsAWhole() public {
        uint256 a = _request(alice, 10 ether);
        uint256 c = _request(bob, 1 ether);
        uint256 d = _request(alice, 2 ether);
        _fundRedemptions(c);
        QueueState memory before = _state(alice);
        uint256[] memory ids = new uint256[](2);

        ids[0] = a;
        ids[1] = c; // bob's
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IRedemptionQueue.QueueNotOwner.selector, c, alice));
        queue.claimBatch(ids, alice);

        ids[1] = d; // not funded
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IRedemptionQueue.QueueNotFinalized.selector, d));
        queue.claimBatch(ids, alice);

        ids[1] = a; // the same ticket twice
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IRedemptionQueue.QueueAlreadyClaimed.selector, a));
        queue.claimBatch(ids, alice);

        ids[1] = 99;
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IRedemptionQueue.QueueUnknownTicket.selector, 99));
        queue.claimBatch(ids, alice);

        vm.prank(alice);
        vm.expectRevert(IRedemptionQueue.QueueZeroAddress.selector);
        queue.claimBatch(ids, address(0));
        _assertUnchanged(before, alice);
        assertEq(uint256(queue.getTicket(a).status), uint256(IRedemptionQueue.TicketStatus.Claimable));
    }

    function test_claimedTicket_cannotBeTransferred() public {
        uint256 id = _request(alice, 1 ether);
        _fundRedemptions(id);
        _claim(alice, id);
        vm.startPrank(alice);
        vm.expectRevert(abi.encodeWithSelector(IRedemptionQueue.QueueAlreadyClaimed.selector, id));
        queue.transferFrom(alice, bob, id);
        vm.expectRevert(abi.encodeWithSelector(IRedemptionQueue.QueueAlreadyClaimed.selector, id));
        queue.safeTransferFrom(alice, bob, id);
        vm.expectRevert(abi.encodeWithSelector(IRedemptionQueue.QueueAlreadyClaimed.selector, id));
        queue.transferFrom(alice, alice, id);
        vm.stopPrank();
        assertEq(queue.ownerOf(id), alice);
        assertEq(queue.balanceOf(alice), 1);
        assertEq(queue.openTicketCount(alice), 0);
        assertEq(queue.openTicketCount(bob), 0);
    }

    function test_transfer_plainErc721Rules() public {
        uint256 id = _request(alice, 1 ether);
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721InsufficientApproval.selector, bob, id));
        queue.transferFrom(alice, bob, id);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721InvalidReceiver.selector, address(0)));
        queue.transferFrom(alice, address(0), id);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721NonexistentToken.selector, 2));
        queue.transferFrom(alice, bob, 2);
        assertEq(queue.openTicketCount(alice), 1);
        assertEq(queue.openTicketCount(bob), 0);
    }

    // ================================================================= losses: funding below 1:1

    /// Stakes, a seat on L1, a slash, the report: the vault absorbs what it can and eMETIS is under-backed.
    /// Returns the backing ratio after the loss.
    function _lossBelowOne() internal returns (uint256 ratio) {
        _stake(carol, 38_000 ether); // plain eMETIS: the vault (the 1 eMETIS seed) cannot cover the loss
        _bridge(30_000 ether);
        _deliverToL1();
        (uint256 s,) = _addSeat("node-0");
        _openSeat(s, 30_000 ether);
        _report();
        _slash(s, 3_000 ether);
        _report();
        assertTrue(manager.underBacked(), "under-backed");
        ratio = manager.backingRatio();
        assertLt(ratio, 1e18);
    }

    function test_fundAfterLoss_paysAtTheBackingRatio_withCheckpoints() public {
        // ticket 1 funded at 1:1 before the loss; 2 and 3 after it; 4 after a second loss
        uint256 t1 = _request(alice, 100 ether);
        _fundRedemptions(t1);
        uint256 t2 = _request(alice, 300 ether);
        uint256 ratio = _lossBelowOne();
        // the pending ticket is priced at today's ratio
        IRedemptionQueue.TicketInfo memory p = queue.getTicket(t2);
        assertEq(uint256(p.status), uint256(IRedemptionQueue.TicketStatus.Pending));
        assertEq(p.metisAmount, (300 ether * ratio) / 1e18);
        uint256 t3 = _request(bob, 77 ether);
        vm.expectEmit(address(queue));
        emit IRedemptionQueue.TicketsFinalized(t2, t3, 377 ether, ratio);
        uint256 paid = _fundRedemptions(t3);
        assertEq(paid, (377 ether * ratio) / 1e18);
        assertEq(queue.checkpointCount(), 2);
        assertEq(queue.rateOf(t1), 1e18);
        assertEq(queue.rateOf(t2), ratio);
        assertEq(queue.rateOf(t3), ratio);

        // a second loss: a third checkpoint
        _slash(0, 1_000 ether); // seat 0 again
        _report();
        uint256 ratio2 = manager.backingRatio();
        assertLt(ratio2, ratio);
        uint256 t4 = _request(bob, 50 ether);
        _fundRedemptions(t4);
        assertEq(queue.checkpointCount(), 3);
        assertEq(queue.rateOf(t4), ratio2);
        assertEq(queue.rateOf(t2), ratio, "older checkpoints keep their rate");
        assertEq(queue.rateOf(t1), 1e18);

        // claims in any order pay each ticket at its own checkpoint (rounded down, within what was reserved)
        assertEq(_claim(bob, t4), (50 ether * ratio2) / 1e18);
        assertEq(_claim(alice, t2), (300 ether * ratio) / 1e18);
        assertEq(_claim(alice, t1), 100 ether);
        assertEq(_claim(bob, t3), (77 ether * ratio) / 1e18);
        assertLe(queue.reservedMetis(), 1, "reserve rounding dust only");
        assertEq(l2Metis.balanceOf(address(queue)), queue.reservedMetis(), "reserve is held");
        assertEq(uint256(queue.getTicket(t2).status), uint256(IRedemptionQueue.TicketStatus.Claimed));
        assertEq(queue.getTicket(t2).metisAmount, (300 ether * ratio) / 1e18, "a claimed ticket keeps its rate");
    }

    /// Many checkpoints (the manager pranked for rates the protocol would not produce so fast): every ticket is
    /// paid at the last checkpoint at or before it, found by binary search; the newest needs no search.
    function test_claim_findsTheRightCheckpointAmongMany() public {
        uint256 n = 40;
        uint256[] memory ids = _requestMany(alice, alice, n, 1 ether);
        uint256 total;
        for (uint256 i; i < n; ++i) {
            // a rate change on most rounds, sometimes the same rate twice in a row
            uint256 rate = 1e18 - (i / 2) * 0.01e18 - (i % 3 == 0 ? 1 : 0);
            vm.prank(address(manager));
            queue.finalize(ids[i], rate);
            total += rate; // 1 ether x rate / 1e18
        }
        fundL2(address(queue), total); // the METIS the manager would have sent
        assertGt(queue.checkpointCount(), 20);
        for (uint256 k; k < n; ++k) {
            uint256 i = (k * 17) % n; // a scrambled order
            uint256 rate = 1e18 - (i / 2) * 0.01e18 - (i % 3 == 0 ? 1 : 0);
            assertEq(queue.rateOf(ids[i]), rate);
            assertEq(_claim(alice, ids[i]), rate, "paid at its checkpoint");
        }
        assertEq(queue.reservedMetis(), 0);
        assertEq(l2Metis.balanceOf(address(queue)), 0);
    }

    // ================================================================= getTicket

    function test_getTicket_statuses() public {
        IRedemptionQueue.TicketInfo memory t = queue.getTicket(0);
        assertEq(uint256(t.status), uint256(IRedemptionQueue.TicketStatus.None));
        assertEq(t.id, 0);
        assertEq(t.owner, address(0));
        uint256 requestedAt = block.timestamp;
        uint256 a = _request(alice, 3 ether);
        uint256 b = _request(bob, 4 ether);
        t = queue.getTicket(3);
        assertEq(uint256(t.status), uint256(IRedemptionQueue.TicketStatus.None), "beyond the last id");
        assertEq(t.eMetisAmount, 0);
        assertEq(uint256(queue.getTicket(a).status), uint256(IRedemptionQueue.TicketStatus.Pending));
        _fundRedemptions(a);
        assertEq(uint256(queue.getTicket(a).status), uint256(IRedemptionQueue.TicketStatus.Claimable));
        assertEq(uint256(queue.getTicket(b).status), uint256(IRedemptionQueue.TicketStatus.Pending));
        vm.warp(block.timestamp + 365 days);
        assertEq(
            uint256(queue.getTicket(b).status),
            uint256(IRedemptionQueue.TicketStatus.Pending),
            "time alone funds nothing"
        );
        _claim(alice, a);
        t = queue.getTicket(a);
        assertEq(uint256(t.status), uint256(IRedemptionQueue.TicketStatus.Claimed));
        assertEq(t.id, a);
        assertEq(t.owner, alice);
        assertEq(t.eMetisAmount, 3 ether);
        assertEq(t.metisAmount, 3 ether);
        assertEq(t.requestedAt, requestedAt);
    }

    // ================================================================= the per-owner open-ticket index

    function test_ticketsOf_emptyOwner() public view {
        (uint256[] memory ids, uint256 total) = queue.ticketsOf(dave, 0, 10);
        assertEq(ids.length, 0);
        assertEq(total, 0);
        assertEq(queue.openTicketCount(dave), 0);
        (ids, total) = queue.ticketsOf(dave, 5, 10);
        assertEq(ids.length, 0);
    }

    function test_ticketsOf_listsRequestsInOrder() public {
        uint256[] memory ids = _requestMany(alice, alice, 25, 0.1 ether);
        (uint256[] memory got, uint256 total) = queue.ticketsOf(alice, 0, 25);
        assertEq(total, 25);
        for (uint256 i; i < 25; ++i) {
            assertEq(got[i], ids[i], "position i holds the i-th request");
        }
        _assertOpenSet(alice, ids);
    }

    function test_ticketsOf_pagination() public {
        uint256[] memory ids = _requestMany(alice, alice, 23, 0.1 ether);
        // pages of 7: 7, 7, 7, 2, then empty
        uint256[] memory seen = new uint256[](23);
        uint256 k;
        for (uint256 offset; offset < 30; offset += 7) {
            (uint256[] memory page, uint256 total) = queue.ticketsOf(alice, offset, 7);
            assertEq(total, 23, "total on every page");
            uint256 expectedLen = offset >= 23 ? 0 : (23 - offset < 7 ? 23 - offset : 7);
            assertEq(page.length, expectedLen);
            for (uint256 i; i < page.length; ++i) {
                seen[k++] = page[i];
            }
        }
        assertEq(k, 23);
        for (uint256 i; i < 23; ++i) {
            assertEq(seen[i], ids[i]);
        }
        (uint256[] memory none, uint256 t2) = queue.ticketsOf(alice, 3, 0);
        assertEq(none.length, 0, "limit 0");
        assertEq(t2, 23);
        (none, t2) = queue.ticketsOf(alice, 23, 5);
        assertEq(none.length, 0, "offset == total");
        (none, t2) = queue.ticketsOf(alice, type(uint256).max, 5);
        assertEq(none.length, 0, "offset beyond");
        (uint256[] memory all,) = queue.ticketsOf(alice, 0, type(uint256).max);
        assertEq(all.length, 23, "limit max from offset 0");
    }

    /// `limit = type(uint256).max` ("the rest") from a non-zero offset should return the rest of the list.
    /// FAILS: `offset + limit` overflows (panic 0x11) in ticketsOf (and so in lens.getTickets).
    function test_ticketsOf_restOfTheListWithMaxLimit() public {
        uint256[] memory ids = _requestMany(alice, alice, 8, 0.1 ether);
        (uint256[] memory rest, uint256 total) = queue.ticketsOf(alice, 3, type(uint256).max);
        assertEq(total, 8);
        assertEq(rest.length, 5);
        assertEq(rest[0], ids[3]);
    }

    /// Claims at the first, a middle and the last position, beyond the five ids kept in the head slot: the last id
    /// is swapped into the hole and its recorded position follows it (a later claim of it still works).
    function test_ownerIndex_claimsOfFirstMiddleAndLastPositions() public {
        uint256[] memory ids = _requestMany(alice, alice, 24, 0.5 ether);
        _fundAll();
        uint256[] memory open = ids;

        _claim(alice, ids[0]); // first: the last (24th) moves to position 0
        open = _without(open, 0);
        _assertOpenSet(alice, open);
        (uint256[] memory got,) = queue.ticketsOf(alice, 0, 1);
        assertEq(got[0], ids[23], "last id swapped into position 0");

        _claim(alice, ids[11]); // middle (a slot of the overflow area)
        open = _without(open, 10);
        _assertOpenSet(alice, open);

        (got,) = queue.ticketsOf(alice, 21, 1);
        uint256 lastId = got[0];
        _claim(alice, lastId); // last position: nothing to swap
        open = _withoutId(open, lastId);
        _assertOpenSet(alice, open);
        assertEq(queue.openTicketCount(alice), 21);

        // the id moved to position 0 is still claimable from its new position
        _claim(alice, ids[23]);
        open = _withoutId(open, ids[23]);
        _assertOpenSet(alice, open);

        // claim everything left, from the front every time
        while (open.length > 0) {
            (got,) = queue.ticketsOf(alice, 0, 1);
            _claim(alice, got[0]);
            open = _withoutId(open, got[0]);
            _assertOpenSet(alice, open);
        }
        assertEq(queue.openTicketCount(alice), 0);
        (got,) = queue.ticketsOf(alice, 0, 100);
        assertEq(got.length, 0);
    }

    /// Every position of a 30-ticket list, across the head slot (0..4) and the overflow slots (5..10, 11..16, ...).
    function test_ownerIndex_claimAtEveryPosition() public {
        for (uint256 pos; pos < 30; ++pos) {
            uint256 snap = vm.snapshotState();
            uint256[] memory ids = _requestMany(alice, alice, 30, 0.1 ether);
            _fundAll();
            (uint256[] memory got,) = queue.ticketsOf(alice, pos, 1);
            assertEq(got[0], ids[pos]);
            _claim(alice, ids[pos]);
            uint256[] memory expected = _without(ids, pos);
            _assertOpenSet(alice, expected);
            if (pos != 29) {
                (got,) = queue.ticketsOf(alice, pos, 1);
                assertEq(got[0], ids[29], "the last id fills the hole");
                _claim(alice, ids[29]); // its recorded position was updated
                _assertOpenSet(alice, _withoutId(expected, ids[29]));
            }
            vm.revertToState(snap);
        }
    }

    function test_ownerIndex_transfersBetweenOwnersAndBack() public {
        uint256[] memory a = _requestMany(alice, alice, 12, 0.2 ether);
        uint256[] memory b = _requestMany(bob, bob, 7, 0.2 ether);
        // alice sends her first, a middle and her last ticket to bob
        _move(alice, bob, a[0]);
        _move(alice, bob, a[6]);
        _move(alice, bob, a[11]);
        uint256[] memory aliceOpen = _withoutId(_withoutId(_withoutId(a, a[0]), a[6]), a[11]);
        uint256[] memory bobOpen = _with(_with(_with(b, a[0]), a[6]), a[11]);
        _assertOpenSet(alice, aliceOpen);
        _assertOpenSet(bob, bobOpen);
        assertEq(queue.balanceOf(alice), 9);
        assertEq(queue.balanceOf(bob), 10);

        // bob sends them back, and one of his own to carol
        _move(bob, alice, a[6]);
        _move(bob, alice, a[0]);
        _move(bob, alice, a[11]);
        _move(bob, carol, b[3]);
        _assertOpenSet(alice, a);
        _assertOpenSet(bob, _withoutId(b, b[3]));
        uint256[] memory one = new uint256[](1);
        one[0] = b[3];
        _assertOpenSet(carol, one);

        // the moved tickets are claimable by their current owners
        _fundAll();
        _claim(alice, a[11]);
        _claim(carol, b[3]);
        _assertOpenSet(alice, _withoutId(a, a[11]));
        _assertOpenSet(carol, new uint256[](0));
        _assertOpenSet(bob, _withoutId(b, b[3]));
    }

    function test_ownerIndex_selfTransferChangesNothing() public {
        uint256[] memory ids = _requestMany(alice, alice, 9, 0.2 ether);
        (uint256[] memory before,) = queue.ticketsOf(alice, 0, 100);
        vm.startPrank(alice);
        queue.transferFrom(alice, alice, ids[0]);
        queue.transferFrom(alice, alice, ids[7]);
        queue.safeTransferFrom(alice, alice, ids[8]);
        vm.stopPrank();
        (uint256[] memory afterIds,) = queue.ticketsOf(alice, 0, 100);
        assertEq(afterIds.length, before.length);
        for (uint256 i; i < before.length; ++i) {
            assertEq(afterIds[i], before[i], "order kept");
        }
        assertEq(queue.openTicketCount(alice), 9);
        assertEq(queue.balanceOf(alice), 9);
        _fundAll();
        _claim(alice, ids[7]);
        _assertOpenSet(alice, _withoutId(ids, ids[7]));
    }

    function test_ownerIndex_transferByOperatorAndSafeTransfer() public {
        uint256[] memory ids = _requestMany(alice, alice, 6, 0.2 ether);
        vm.prank(alice);
        queue.setApprovalForAll(dave, true);
        vm.startPrank(dave);
        queue.transferFrom(alice, bob, ids[5]); // the sixth id lives in the first overflow slot
        queue.safeTransferFrom(alice, carol, ids[2]);
        vm.stopPrank();
        _assertOpenSet(alice, _withoutId(_withoutId(ids, ids[5]), ids[2]));
        uint256[] memory one = new uint256[](1);
        one[0] = ids[5];
        _assertOpenSet(bob, one);
        one[0] = ids[2];
        _assertOpenSet(carol, one);
        _assertOpenSet(dave, new uint256[](0));
    }

    /// Claimed tickets leave the list and never come back; the count follows requests, claims and transfers.
    function test_ownerIndex_openOnlyNotHistory() public {
        uint256[] memory ids = _requestMany(alice, alice, 20, 0.2 ether);
        _fundAll();
        for (uint256 i; i < 20; i += 2) {
            _claim(alice, ids[i]);
        }
        assertEq(queue.openTicketCount(alice), 10);
        assertEq(queue.balanceOf(alice), 20, "the ERC-721 balance keeps claimed tickets");
        uint256[] memory more = _requestMany(alice, alice, 3, 0.2 ether);
        assertEq(queue.openTicketCount(alice), 13);
        uint256[] memory expected = new uint256[](13);
        for (uint256 i; i < 10; ++i) {
            expected[i] = ids[2 * i + 1];
        }
        for (uint256 i; i < 3; ++i) {
            expected[10 + i] = more[i];
        }
        _assertOpenSet(alice, expected);
    }

    // ----------------------------------------------------------------- fuzz: random sequences vs a ghost set

    address[4] internal _owners;
    mapping(uint256 id => address owner) internal _ghostOwner; // zero once claimed
    mapping(address owner => uint256) internal _ghostCount;

    /// Random requests (for oneself or another), fundings, claims and transfers (to others and to oneself) across
    /// four owners; after every step each owner's `ticketsOf` is the ghost set exactly (same ids, no duplicates,
    /// count and total match), also when read page by page.
    function testFuzz_ownerIndex_randomSequencesMatchGhost(uint256 seed) public {
        _owners = [alice, bob, carol, dave];
        _stake(carol, 1_000 ether);
        _stake(dave, 1_000 ether);
        for (uint256 step; step < 100; ++step) {
            uint256 r = uint256(keccak256(abi.encode(seed, step)));
            uint256 op = r % 10;
            address who = _owners[(r >> 8) % 4];
            address other = _owners[(r >> 16) % 4];
            uint256 last = queue.lastTicketId();
            uint256 id = last == 0 ? 0 : 1 + ((r >> 24) % last);
            if (op < 5 || last == 0) {
                uint256 amount = 0.01 ether + ((r >> 32) % 2 ether);
                uint256 newId = _requestFor(who, amount, other);
                _ghostOwner[newId] = other;
                ++_ghostCount[other];
            } else if (op == 5) {
                if (queue.lastFinalizedId() < last) _fundAll();
            } else if (op < 8) {
                address owner = _ghostOwner[id];
                if (owner == address(0)) {
                    vm.prank(who);
                    vm.expectRevert(abi.encodeWithSelector(IRedemptionQueue.QueueAlreadyClaimed.selector, id));
                    queue.claim(id, who);
                } else if (id > queue.lastFinalizedId()) {
                    vm.prank(owner);
                    vm.expectRevert(abi.encodeWithSelector(IRedemptionQueue.QueueNotFinalized.selector, id));
                    queue.claim(id, owner);
                } else {
                    _claim(owner, id);
                    _ghostOwner[id] = address(0);
                    --_ghostCount[owner];
                }
            } else {
                address owner = _ghostOwner[id];
                if (owner == address(0)) {
                    address holder = queue.ownerOf(id);
                    vm.prank(holder);
                    vm.expectRevert(abi.encodeWithSelector(IRedemptionQueue.QueueAlreadyClaimed.selector, id));
                    queue.transferFrom(holder, other, id);
                } else {
                    _move(owner, other, id); // other may be the owner itself
                    _ghostOwner[id] = other;
                    --_ghostCount[owner];
                    ++_ghostCount[other];
                }
            }
            _checkGhost();
        }
    }

    function _checkGhost() internal view {
        for (uint256 o; o < 4; ++o) {
            address owner = _owners[o];
            (uint256[] memory ids, uint256 total) = queue.ticketsOf(owner, 0, 1_000);
            assertEq(total, _ghostCount[owner], "total == ghost count");
            assertEq(ids.length, total, "length == total");
            assertEq(queue.openTicketCount(owner), total, "openTicketCount == total");
            for (uint256 i; i < ids.length; ++i) {
                assertEq(_ghostOwner[ids[i]], owner, "listed id is an open ticket of this owner");
                assertEq(queue.ownerOf(ids[i]), owner);
                for (uint256 j = i + 1; j < ids.length; ++j) {
                    assertTrue(ids[i] != ids[j], "duplicate id");
                }
            }
            // page by page (pages of 4) gives the same list
            for (uint256 offset; offset < total; offset += 4) {
                (uint256[] memory page, uint256 t) = queue.ticketsOf(owner, offset, 4);
                assertEq(t, total);
                for (uint256 i; i < page.length; ++i) {
                    assertEq(page[i], ids[offset + i], "page matches");
                }
            }
        }
    }

    // ================================================================= helpers

    function _withoutId(uint256[] memory ids, uint256 id) internal pure returns (uint256[] memory) {
        for (uint256 i; i < ids.length; ++i) {
            if (ids[i] == id) return _without(ids, i);
        }
        revert("id not in list");
    }
}
