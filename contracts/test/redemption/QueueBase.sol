// SPDX-License-Identifier: MIT
pragma solidity 0.8.23;

import {ProtocolFixture} from "../utils/ProtocolFixture.sol";
import {IRedemptionQueue} from "../../src/interfaces/IRedemptionQueue.sol";

/// @notice Helpers for the redemption-queue suites, on the two-chain ProtocolFixture (the real protocol over the
/// Metis models). The network is mainnet-like with the TEST-ONLY slashable LockingPool, so a loss can be made real
/// (slash on L1, report to L2) and tickets funded below 1:1.
abstract contract QueueBase is ProtocolFixture {
    bytes32 internal constant PERMIT_TYPEHASH =
        keccak256("Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)");

    /// @dev Everything a refused call must leave as it was.
    struct QueueState {
        uint256 lastTicketId;
        uint256 lastFinalizedId;
        uint256 unfinalized;
        uint256 reserved;
        uint256 checkpoints;
        uint256 queueEMetis;
        uint256 queueMetis;
        uint256 userEMetis;
        uint256 userMetis;
        uint256 userOpen;
        uint256 userNfts;
        uint256 buffered;
        uint256 eMetisSupply;
    }

    function setUp() public virtual override {
        MetisConfig memory cfg = metisMainnetLike();
        cfg.slashable = true; // TEST ONLY: lets a loss be made real on L1
        _deployProtocol(cfg);
    }

    // ------------------------------------------------------------------ requests

    /// @dev `payer` (holding eMETIS) requests `amount` for `owner`.
    function _requestFor(address payer, uint256 amount, address owner) internal returns (uint256 id) {
        vm.startPrank(payer);
        eMetis.approve(address(queue), amount);
        id = queue.requestRedemption(amount, owner);
        vm.stopPrank();
    }

    /// @dev `n` tickets of `amount` each for `owner`, paid by `payer` (which must hold the eMETIS).
    function _requestMany(address payer, address owner, uint256 n, uint256 amount)
        internal
        returns (uint256[] memory ids)
    {
        ids = new uint256[](n);
        vm.startPrank(payer);
        eMetis.approve(address(queue), n * amount);
        for (uint256 i; i < n; ++i) {
            ids[i] = queue.requestRedemption(amount, owner);
        }
        vm.stopPrank();
    }

    function _fundAll() internal returns (uint256 paid) {
        paid = _fundRedemptions(queue.lastTicketId());
    }

    function _claim(address owner, uint256 id) internal returns (uint256 paid) {
        vm.prank(owner);
        paid = queue.claim(id, owner);
    }

    function _move(address from, address to, uint256 id) internal {
        vm.prank(from);
        queue.transferFrom(from, to, id);
    }

    // ------------------------------------------------------------------ permit

    function _permitDigest(address owner, address spender, uint256 value, uint256 nonce, uint256 deadline)
        internal
        view
        returns (bytes32)
    {
        return keccak256(
            abi.encodePacked(
                "\x19\x01",
                eMetis.DOMAIN_SEPARATOR(),
                keccak256(abi.encode(PERMIT_TYPEHASH, owner, spender, value, nonce, deadline))
            )
        );
    }

    function _signPermit(uint256 key, address owner, uint256 value, uint256 deadline)
        internal
        view
        returns (uint8 v, bytes32 r, bytes32 s)
    {
        (v, r, s) = vm.sign(key, _permitDigest(owner, address(queue), value, eMetis.nonces(owner), deadline));
    }

    // ------------------------------------------------------------------ state checks

    function _state(address user) internal view returns (QueueState memory s) {
        s.lastTicketId = queue.lastTicketId();
        s.lastFinalizedId = queue.lastFinalizedId();
        s.unfinalized = queue.unfinalizedAmount();
        s.reserved = queue.reservedMetis();
        s.checkpoints = queue.checkpointCount();
        s.queueEMetis = eMetis.balanceOf(address(queue));
        s.queueMetis = l2Metis.balanceOf(address(queue));
        s.userEMetis = eMetis.balanceOf(user);
        s.userMetis = l2Metis.balanceOf(user);
        s.userOpen = queue.openTicketCount(user);
        s.userNfts = queue.balanceOf(user);
        s.buffered = manager.bufferedMetis();
        s.eMetisSupply = eMetis.totalSupply();
    }

    function _assertUnchanged(QueueState memory before, address user) internal view {
        QueueState memory s = _state(user);
        assertEq(s.lastTicketId, before.lastTicketId, "lastTicketId changed");
        assertEq(s.lastFinalizedId, before.lastFinalizedId, "lastFinalizedId changed");
        assertEq(s.unfinalized, before.unfinalized, "unfinalized changed");
        assertEq(s.reserved, before.reserved, "reserved changed");
        assertEq(s.checkpoints, before.checkpoints, "checkpoints changed");
        assertEq(s.queueEMetis, before.queueEMetis, "queue eMETIS changed");
        assertEq(s.queueMetis, before.queueMetis, "queue METIS changed");
        assertEq(s.userEMetis, before.userEMetis, "user eMETIS changed");
        assertEq(s.userMetis, before.userMetis, "user METIS changed");
        assertEq(s.userOpen, before.userOpen, "user open tickets changed");
        assertEq(s.userNfts, before.userNfts, "user NFT balance changed");
        assertEq(s.buffered, before.buffered, "buffer changed");
        assertEq(s.eMetisSupply, before.eMetisSupply, "eMETIS supply changed");
    }

    /// @dev All of `owner`'s open ticket ids (one call, no paging).
    function _open(address owner) internal view returns (uint256[] memory ids) {
        uint256 total;
        (ids, total) = queue.ticketsOf(owner, 0, 100_000);
        assertEq(ids.length, total, "one page holds all");
    }

    /// @dev `owner`'s open list is exactly the set `expected`: same size, every id once, owned and unclaimed.
    function _assertOpenSet(address owner, uint256[] memory expected) internal view {
        (uint256[] memory ids, uint256 total) = queue.ticketsOf(owner, 0, 100_000);
        assertEq(total, expected.length, "total");
        assertEq(ids.length, expected.length, "length");
        assertEq(queue.openTicketCount(owner), expected.length, "openTicketCount");
        for (uint256 i; i < expected.length; ++i) {
            uint256 seen;
            for (uint256 j; j < ids.length; ++j) {
                if (ids[j] == expected[i]) ++seen;
            }
            assertEq(seen, 1, "expected id listed exactly once");
            assertEq(queue.ownerOf(expected[i]), owner, "listed id owned by owner");
            assertTrue(
                queue.getTicket(expected[i]).status != IRedemptionQueue.TicketStatus.Claimed, "listed id is open"
            );
        }
    }

    /// @dev `ids` without the element at `i` (order kept).
    function _without(uint256[] memory ids, uint256 i) internal pure returns (uint256[] memory out) {
        out = new uint256[](ids.length - 1);
        uint256 k;
        for (uint256 j; j < ids.length; ++j) {
            if (j != i) out[k++] = ids[j];
        }
    }

    function _with(uint256[] memory ids, uint256 id) internal pure returns (uint256[] memory out) {
        out = new uint256[](ids.length + 1);
        for (uint256 j; j < ids.length; ++j) {
            out[j] = ids[j];
        }
        out[ids.length] = id;
    }

    function _calldataGas(bytes memory data) internal pure returns (uint256 g) {
        for (uint256 i; i < data.length; ++i) {
            g += data[i] == 0 ? 4 : 16;
        }
    }

    /// @dev Marks the protocol's L2 contracts cold, so the next call is priced as the first of a transaction.
    function _coolL2() internal {
        vm.cool(address(queue));
        vm.cool(address(eMetis));
        vm.cool(address(l2Metis));
        vm.cool(address(manager));
        vm.cool(address(seMetis));
        vm.cool(address(lens));
        vm.cool(address(dispatcher));
        vm.cool(address(rewardReceiver));
    }
}
