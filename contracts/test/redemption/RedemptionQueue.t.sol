// SPDX-License-Identifier: MIT
pragma solidity 0.8.23;

import {Fixture} from "../utils/Fixture.sol";
import {IRedemptionQueue} from "../../src/interfaces/IRedemptionQueue.sol";
import {RedemptionQueue} from "../../src/redemption/RedemptionQueue.sol";
import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";

contract RedemptionQueueTest is Fixture {
    bytes32 internal constant PERMIT_TYPEHASH =
        keccak256("Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)");

    function setUp() public override {
        super.setUp();
        _stake(alice, 1_000e18);
        _stake(bob, 1_000e18);
    }

    // ------------------------------------------------------------------ construction

    function test_constructor_defaultsAndZeroChecks() public {
        assertEq(queue.minAmount(), 0.01 ether);
        assertEq(queue.maxAmount(), 100_000 ether);
        assertEq(queue.exitDelay(), 21 days);
        assertEq(queue.manager(), address(manager));
        assertEq(queue.checkpointCount(), 1);
        assertEq(keccak256(bytes(queue.name())), keccak256("Metis Redemption Ticket"));
        vm.expectRevert(IRedemptionQueue.QueueZeroAddress.selector);
        new RedemptionQueue(address(0), address(metis), address(manager), admin);
        vm.expectRevert(IRedemptionQueue.QueueZeroAddress.selector);
        new RedemptionQueue(address(eMetis), address(metis), address(manager), address(0));
    }

    function test_supportsInterface() public view {
        assertTrue(queue.supportsInterface(0x80ac58cd)); // ERC-721
        assertTrue(queue.supportsInterface(type(IAccessControl).interfaceId));
        assertFalse(queue.supportsInterface(0xdeadbeef));
    }

    // ------------------------------------------------------------------ request

    function test_request_holdsEMetisAndMintsTicket() public {
        vm.startPrank(alice);
        eMetis.approve(address(queue), 100e18);
        vm.expectEmit(address(queue));
        emit IRedemptionQueue.RedemptionRequested(1, carol, 100e18, 100e18, block.timestamp + 21 days);
        uint256 id = queue.requestRedemption(100e18, carol);
        vm.stopPrank();
        assertEq(id, 1);
        assertEq(queue.ownerOf(1), carol);
        assertEq(eMetis.balanceOf(address(queue)), 100e18);
        assertEq(eMetis.balanceOf(alice), 900e18);
        assertEq(queue.lastTicketId(), 1);
        assertEq(queue.unfinalizedAmount(), 100e18);
        assertEq(queue.cumulativeOf(1), 100e18);
        IRedemptionQueue.TicketInfo memory t = queue.getTicket(1);
        assertEq(t.id, 1);
        assertEq(t.owner, carol);
        assertEq(t.eMetisAmount, 100e18);
        assertEq(t.metisAmount, 100e18);
        assertEq(t.requestedAt, block.timestamp);
        assertEq(t.maturity, block.timestamp + 21 days);
        assertEq(uint256(t.status), uint256(IRedemptionQueue.TicketStatus.Pending));
    }

    function test_request_cumulativeSums() public {
        _request(alice, 10e18);
        _request(bob, 25e18);
        _request(alice, 5e18);
        assertEq(queue.cumulativeOf(3), 40e18);
        assertEq(queue.getTicket(2).eMetisAmount, 25e18);
        assertEq(queue.getTicket(3).eMetisAmount, 5e18);
        assertEq(queue.unfinalizedAmount(), 40e18);
    }

    function test_request_reverts() public {
        vm.startPrank(alice);
        eMetis.approve(address(queue), type(uint256).max);
        vm.expectRevert(IRedemptionQueue.QueueZeroAmount.selector);
        queue.requestRedemption(0, alice);
        vm.expectRevert(IRedemptionQueue.QueueZeroAddress.selector);
        queue.requestRedemption(1e18, address(0));
        vm.expectRevert(abi.encodeWithSelector(IRedemptionQueue.QueueAmountBelowMin.selector, 1, 0.01 ether));
        queue.requestRedemption(1, alice);
        vm.expectRevert(abi.encodeWithSelector(IRedemptionQueue.QueueAmountAboveMax.selector, 100_001e18, 100_000e18));
        queue.requestRedemption(100_001e18, alice);
        vm.expectRevert(); // more than the balance
        queue.requestRedemption(1_001e18, alice);
        vm.stopPrank();
    }

    function test_requestWithPermit() public {
        (address user, uint256 key) = makeAddrAndKey("permitUser");
        _stake(user, 10e18);
        uint256 deadline = block.timestamp + 1;
        bytes32 digest = keccak256(
            abi.encodePacked(
                "\x19\x01",
                eMetis.DOMAIN_SEPARATOR(),
                keccak256(abi.encode(PERMIT_TYPEHASH, user, address(queue), 10e18, eMetis.nonces(user), deadline))
            )
        );
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(key, digest);
        // a front-runner uses the permit first: the request still succeeds
        eMetis.permit(user, address(queue), 10e18, deadline, v, r, s);
        vm.prank(user);
        uint256 id = queue.requestRedemptionWithPermit(10e18, user, deadline, v, r, s);
        assertEq(queue.ownerOf(id), user);
        assertEq(eMetis.balanceOf(user), 0);
    }

    // ------------------------------------------------------------------ admin

    function test_setLimits() public {
        vm.prank(alice);
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, alice, bytes32(0))
        );
        queue.setLimits(1, 2);
        vm.startPrank(admin);
        vm.expectRevert(abi.encodeWithSelector(RedemptionQueue.QueueBadLimits.selector, 0, 2));
        queue.setLimits(0, 2);
        vm.expectRevert(abi.encodeWithSelector(RedemptionQueue.QueueBadLimits.selector, 3, 2));
        queue.setLimits(3, 2);
        vm.expectEmit(address(queue));
        emit IRedemptionQueue.LimitsSet(1e18, 50e18);
        queue.setLimits(1e18, 50e18);
        vm.stopPrank();
        assertEq(queue.minAmount(), 1e18);
        assertEq(queue.maxAmount(), 50e18);
    }

    function test_setExitDelay() public {
        vm.prank(alice);
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, alice, bytes32(0))
        );
        queue.setExitDelay(1 days);
        vm.startPrank(admin);
        vm.expectRevert(abi.encodeWithSelector(RedemptionQueue.QueueBadExitDelay.selector, 366 days));
        queue.setExitDelay(366 days);
        vm.expectEmit(address(queue));
        emit IRedemptionQueue.ExitDelaySet(7 days);
        queue.setExitDelay(7 days);
        vm.stopPrank();
        uint256 id = _request(alice, 1e18);
        assertEq(queue.getTicket(id).maturity, block.timestamp + 7 days);
    }

    // ------------------------------------------------------------------ finalize

    function test_finalize_onlyManagerAndFifo() public {
        _request(alice, 10e18);
        _request(bob, 20e18);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IRedemptionQueue.QueueOnlyManager.selector, alice));
        queue.finalize(1, 1e18);
        vm.startPrank(address(manager));
        vm.expectRevert(abi.encodeWithSelector(IRedemptionQueue.QueueBadFinalization.selector, 0));
        queue.finalize(0, 1e18);
        vm.expectRevert(abi.encodeWithSelector(IRedemptionQueue.QueueBadFinalization.selector, 3));
        queue.finalize(3, 1e18);
        vm.expectRevert(abi.encodeWithSelector(RedemptionQueue.QueueBadRate.selector, 1e18 + 1));
        queue.finalize(1, 1e18 + 1);
        vm.expectEmit(address(queue));
        emit IRedemptionQueue.TicketsFinalized(1, 1, 10e18, 1e18);
        assertEq(queue.finalize(1, 1e18), 10e18);
        vm.expectRevert(abi.encodeWithSelector(IRedemptionQueue.QueueBadFinalization.selector, 1));
        queue.finalize(1, 1e18); // already finalized
        assertEq(queue.finalize(2, 1e18), 20e18);
        vm.stopPrank();
        assertEq(queue.lastFinalizedId(), 2);
        assertEq(queue.unfinalizedAmount(), 0);
        assertEq(queue.checkpointCount(), 1); // same rate: no new checkpoint
    }

    function test_finalizableUpTo() public {
        _request(alice, 10e18);
        _request(alice, 20e18);
        _request(alice, 30e18);
        (uint256 id, uint256 amt) = queue.finalizableUpTo(0);
        assertEq(id, 0);
        assertEq(amt, 0);
        (id, amt) = queue.finalizableUpTo(29e18);
        assertEq(id, 1);
        assertEq(amt, 10e18);
        (id, amt) = queue.finalizableUpTo(30e18);
        assertEq(id, 2);
        assertEq(amt, 30e18);
        (id, amt) = queue.finalizableUpTo(1_000e18);
        assertEq(id, 3);
        assertEq(amt, 60e18);
        _fundRedemptions(1);
        (id, amt) = queue.finalizableUpTo(20e18);
        assertEq(id, 2);
        assertEq(amt, 20e18);
        (id, amt) = queue.finalizableUpTo(19e18);
        assertEq(id, 1);
        assertEq(amt, 0);
    }

    // ------------------------------------------------------------------ claim

    function test_claim_fullFlow() public {
        uint256 id = _request(alice, 100e18);
        _fundRedemptions(id);
        assertEq(uint256(queue.getTicket(id).status), uint256(IRedemptionQueue.TicketStatus.Funded));
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IRedemptionQueue.QueueNotMature.selector, id, block.timestamp + 21 days));
        queue.claim(id, alice);
        _warp(21 days);
        assertEq(uint256(queue.getTicket(id).status), uint256(IRedemptionQueue.TicketStatus.Claimable));
        uint256 before = metis.balanceOf(carol);
        vm.expectEmit(address(queue));
        emit IRedemptionQueue.RedemptionClaimed(id, alice, carol, 100e18);
        vm.prank(alice);
        assertEq(queue.claim(id, carol), 100e18);
        assertEq(metis.balanceOf(carol) - before, 100e18);
        assertEq(queue.reservedMetis(), 0);
        IRedemptionQueue.TicketInfo memory t = queue.getTicket(id);
        assertEq(uint256(t.status), uint256(IRedemptionQueue.TicketStatus.Claimed));
        assertEq(t.owner, alice); // the ticket is marked, not burned
        assertEq(t.metisAmount, 100e18);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IRedemptionQueue.QueueAlreadyClaimed.selector, id));
        queue.claim(id, alice);
    }

    function test_claim_reverts() public {
        uint256 id = _request(alice, 10e18);
        vm.startPrank(alice);
        vm.expectRevert(IRedemptionQueue.QueueZeroAddress.selector);
        queue.claim(id, address(0));
        vm.expectRevert(abi.encodeWithSelector(IRedemptionQueue.QueueUnknownTicket.selector, 0));
        queue.claim(0, alice);
        vm.expectRevert(abi.encodeWithSelector(IRedemptionQueue.QueueUnknownTicket.selector, 2));
        queue.claim(2, alice);
        vm.expectRevert(abi.encodeWithSelector(IRedemptionQueue.QueueNotFinalized.selector, id));
        queue.claim(id, alice);
        vm.stopPrank();
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(IRedemptionQueue.QueueNotOwner.selector, id, bob));
        queue.claim(id, bob);
    }

    function test_claim_transferredTicketPaysNewOwner() public {
        uint256 id = _request(alice, 10e18);
        vm.prank(alice);
        queue.transferFrom(alice, bob, id);
        _fundRedemptions(id);
        _warp(21 days);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IRedemptionQueue.QueueNotOwner.selector, id, alice));
        queue.claim(id, alice);
        vm.prank(bob);
        queue.claim(id, bob);
        assertEq(metis.balanceOf(bob), 10e18);
    }

    function test_claimBatch() public {
        uint256 a = _request(alice, 10e18);
        uint256 b = _request(alice, 15e18);
        uint256 c = _request(bob, 1e18);
        _fundRedemptions(c);
        _warp(21 days);
        uint256[] memory ids = new uint256[](2);
        ids[0] = a;
        ids[1] = b;
        vm.prank(alice);
        assertEq(queue.claimBatch(ids, alice), 25e18);
        assertEq(metis.balanceOf(alice), 25e18);
        assertEq(queue.reservedMetis(), 1e18);
        ids[0] = c;
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IRedemptionQueue.QueueNotOwner.selector, c, alice));
        queue.claimBatch(ids, alice);
        vm.prank(bob);
        vm.expectRevert(IRedemptionQueue.QueueZeroAddress.selector);
        queue.claimBatch(ids, address(0));
    }

    function test_claim_usesCheckpointRates() public {
        // three funding rounds at 1e18, 0.9e18, 0.9e18 (no new checkpoint), 0.8e18
        uint256 t1 = _request(alice, 10e18);
        uint256 t2 = _request(alice, 10e18);
        uint256 t3 = _request(alice, 10e18);
        uint256 t4 = _request(alice, 10e18);
        vm.prank(admin);
        metis.mint(address(queue), 40e18); // the manager would send this; here we call finalize directly
        vm.startPrank(address(manager));
        queue.finalize(t1, 1e18);
        queue.finalize(t2, 0.9e18);
        queue.finalize(t3, 0.9e18);
        queue.finalize(t4, 0.8e18);
        vm.stopPrank();
        assertEq(queue.checkpointCount(), 3);
        assertEq(queue.rateOf(t1), 1e18);
        assertEq(queue.rateOf(t2), 0.9e18);
        assertEq(queue.rateOf(t3), 0.9e18);
        assertEq(queue.rateOf(t4), 0.8e18);
        assertEq(queue.reservedMetis(), 10e18 + 9e18 + 9e18 + 8e18);
        _warp(21 days);
        vm.startPrank(alice);
        assertEq(queue.claim(t3, alice), 9e18);
        assertEq(queue.claim(t1, alice), 10e18);
        assertEq(queue.claim(t4, alice), 8e18);
        assertEq(queue.claim(t2, alice), 9e18);
        vm.stopPrank();
        assertEq(queue.reservedMetis(), 0);
        vm.expectRevert(abi.encodeWithSelector(IRedemptionQueue.QueueNotFinalized.selector, 5));
        queue.rateOf(5);
    }

    // ------------------------------------------------------------------ owner index

    function test_ticketsOf_tracksMintsTransfersAndClaims() public {
        uint256 a1 = _request(alice, 1e18);
        uint256 b1 = _request(bob, 1e18);
        uint256 a2 = _request(alice, 1e18);
        uint256[] memory ids = queue.ticketsOf(alice);
        assertEq(ids.length, 2);
        assertEq(ids[0], a2);
        assertEq(ids[1], a1);
        // alice sends a1 to bob, bob sends it back: no duplicate
        vm.prank(alice);
        queue.transferFrom(alice, bob, a1);
        ids = queue.ticketsOf(bob);
        assertEq(ids.length, 2);
        assertEq(ids[0], b1);
        assertEq(ids[1], a1);
        assertEq(queue.ticketsOf(alice).length, 1);
        vm.prank(bob);
        queue.transferFrom(bob, alice, a1);
        ids = queue.ticketsOf(alice);
        assertEq(ids.length, 2);
        assertEq(queue.ticketsOf(bob).length, 1);
        // claimed tickets leave the list
        _fundRedemptions(a2);
        _warp(21 days);
        vm.prank(alice);
        queue.claim(a1, alice);
        ids = queue.ticketsOf(alice);
        assertEq(ids.length, 1);
        assertEq(ids[0], a2);
        assertEq(queue.ticketsOf(carol).length, 0);
    }

    function test_getTicket_unknownIsNone() public view {
        IRedemptionQueue.TicketInfo memory t = queue.getTicket(42);
        assertEq(uint256(t.status), uint256(IRedemptionQueue.TicketStatus.None));
        assertEq(t.id, 0);
    }

    function test_transferOfClaimedTicketReverts() public {
        uint256 id = _request(alice, 1e18);
        _fundRedemptions(id);
        _warp(21 days);
        vm.prank(alice);
        queue.claim(id, alice);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IRedemptionQueue.QueueAlreadyClaimed.selector, id));
        queue.transferFrom(alice, bob, id);
        assertEq(queue.ownerOf(id), alice);
    }
}
