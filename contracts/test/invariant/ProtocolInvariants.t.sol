// SPDX-License-Identifier: MIT
pragma solidity 0.8.23;

import {Fixture} from "../utils/Fixture.sol";
import {ProtocolHandler} from "./ProtocolHandler.sol";
import {IRedemptionQueue} from "../../src/interfaces/IRedemptionQueue.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

/// @notice Protocol-wide invariants over random sequences of user, keeper, MPC and time actions (no loss).
contract ProtocolInvariants is Fixture {
    ProtocolHandler internal handler;

    function _lossEnabled() internal pure virtual returns (bool) {
        return false;
    }

    function setUp() public virtual override {
        super.setUp();
        for (uint256 i = 1; i <= 3; ++i) {
            _addSeat(i);
        }
        handler = new ProtocolHandler(
            metis, pool, eMetis, seMetis, dispatcher, manager, queue, admin, keeper, mpc, _lossEnabled()
        );
        bytes4[] memory selectors = new bytes4[](14);
        selectors[0] = ProtocolHandler.stake.selector;
        selectors[1] = ProtocolHandler.stakeAndRestake.selector;
        selectors[2] = ProtocolHandler.restake.selector;
        selectors[3] = ProtocolHandler.unstake.selector;
        selectors[4] = ProtocolHandler.requestRedemption.selector;
        selectors[5] = ProtocolHandler.claim.selector;
        selectors[6] = ProtocolHandler.allocate.selector;
        selectors[7] = ProtocolHandler.harvest.selector;
        selectors[8] = ProtocolHandler.fund.selector;
        selectors[9] = ProtocolHandler.claimUnlockedNodes.selector;
        selectors[10] = ProtocolHandler.submitBatch.selector;
        selectors[11] = ProtocolHandler.warp.selector;
        selectors[12] = ProtocolHandler.slash.selector;
        selectors[13] = ProtocolHandler.requestRedemption.selector; // weight redemptions up
        targetSelector(FuzzSelector({addr: address(handler), selectors: selectors}));
        targetContract(address(handler));
    }

    /// @notice No loss: every eMETIS is backed 1:1 by METIS in the buffer or principal in nodes (locked or unlocking).
    function invariant_eMetisFullyBacked() public view virtual {
        assertEq(eMetis.totalSupply(), manager.bufferedMetis() + manager.totalPrincipal(), "supply == backing");
        assertEq(manager.backingRatio(), 1e18);
    }

    /// @notice The manager's principal matches the pool's view of our sequencers.
    function invariant_principalMatchesPool() public view {
        uint256 count = manager.nodeCount();
        uint256 sum;
        for (uint256 i; i < count; ++i) {
            (,, uint256 seqId, uint256 principal,) = manager.node(i);
            if (seqId != 0) assertEq(pool.sequencerBalance(seqId), principal, "node principal");
            sum += principal;
        }
        assertEq(sum, manager.totalPrincipal());
    }

    /// @notice seMETIS never counts more eMETIS (vested + unvested) than it holds.
    function invariant_vaultAssetsWithinBalance() public view {
        assertLe(seMetis.totalAssets() + seMetis.unvestedRewards(), eMetis.balanceOf(address(seMetis)));
    }

    /// @notice Without a loss the seMETIS share price never goes down.
    function invariant_sharePriceNeverDecreasesWithoutLoss() public view {
        assertFalse(handler.ghostSharePriceDropped());
    }

    /// @notice The treasury never receives more than the fee share (10%) of the rewards dispatched.
    function invariant_treasuryNeverExceedsFee() public view {
        assertEq(eMetis.balanceOf(treasury), handler.ghostFees(), "treasury only gets fees");
        assertLe(handler.ghostFees(), handler.ghostRewards() * dispatcher.feeBps() / 10_000);
    }

    /// @notice No actor takes more METIS out of the queue than it put in plus all rewards ever paid.
    function invariant_nobodyRedeemsMoreThanDepositedPlusRewards() public view {
        uint256 n = handler.actorCount();
        uint256 totalRedeemed;
        for (uint256 i; i < n; ++i) {
            address a = handler.actors(i);
            assertLe(handler.ghostRedeemed(a), handler.ghostDeposited(a) + handler.ghostRewards(), "actor");
            totalRedeemed += handler.ghostRedeemed(a);
        }
        assertEq(totalRedeemed, handler.ghostMetisPaidByQueue());
    }

    /// @notice The METIS reserved for funded, unclaimed tickets is held by the queue.
    function invariant_queueSolvent() public view {
        assertLe(queue.reservedMetis(), metis.balanceOf(address(queue)));
        assertEq(queue.unfinalizedAmount(), eMetis.balanceOf(address(queue)), "queue holds unfunded eMETIS");
    }

    /// @notice Tickets are funded in order: every ticket up to lastFinalizedId is funded, none after it.
    function invariant_fifoOrder() public view {
        uint256 last = queue.lastTicketId();
        uint256 fin = queue.lastFinalizedId();
        assertLe(fin, last);
        for (uint256 id = 1; id <= last; ++id) {
            IRedemptionQueue.TicketStatus s = queue.getTicket(id).status;
            if (id <= fin) assertTrue(s != IRedemptionQueue.TicketStatus.Pending, "funded");
            else assertTrue(s == IRedemptionQueue.TicketStatus.Pending, "pending");
            assertLe(queue.cumulativeOf(id - 1), queue.cumulativeOf(id));
        }
    }

    /// @notice A ticket pays out at most once.
    function invariant_ticketClaimedAtMostOnce() public view {
        assertFalse(handler.ghostDoubleClaim());
        uint256 last = queue.lastFinalizedId();
        for (uint256 id = 1; id <= last; ++id) {
            uint256 claims = handler.ghostClaims(id);
            assertLe(claims, 1);
            bool claimed = queue.getTicket(id).status == IRedemptionQueue.TicketStatus.Claimed;
            assertTrue((claims == 1) == claimed, "claim recorded");
        }
    }

    /// @notice Backing ratio is capped at 1 and nothing unfunded is ever allocated away from the queue.
    function invariant_backingRatioAtMostOne() public view {
        assertLe(manager.backingRatio(), 1e18);
    }
}

/// @notice The same properties with slashing enabled: full backing may break (by design), the rest must hold.
contract ProtocolInvariantsWithLoss is ProtocolInvariants {
    function _lossEnabled() internal pure override returns (bool) {
        return true;
    }

    /// @notice With losses eMETIS may be under-backed, but backing never exceeds the supply's claim and the
    /// ratio reported matches the books.
    function invariant_eMetisFullyBacked() public view override {
        uint256 supply = eMetis.totalSupply();
        uint256 backing = manager.bufferedMetis() + manager.totalPrincipal();
        if (!manager.underBacked()) assertEq(supply, backing, "fully backed until an uncovered loss");
        else assertEq(manager.backingRatio(), Math.min(1e18, Math.mulDiv(backing, 1e18, supply)), "ratio");
    }
}

/// @notice A scripted walk through the handler, proving its actions reach every stage the invariants talk
/// about (seats open, rewards dispatched, liquidity freed, tickets funded and claimed).
contract ProtocolHandlerReachTest is Fixture {
    ProtocolHandler internal handler;

    ProtocolHandler internal lossHandler;

    function setUp() public override {
        super.setUp();
        for (uint256 i = 1; i <= 3; ++i) {
            _addSeat(i);
        }
        handler =
            new ProtocolHandler(metis, pool, eMetis, seMetis, dispatcher, manager, queue, admin, keeper, mpc, false);
        lossHandler =
            new ProtocolHandler(metis, pool, eMetis, seMetis, dispatcher, manager, queue, admin, keeper, mpc, true);
    }

    function test_lossHandlerReachesUnderBacking() public {
        lossHandler.stake(0, 60_000e18);
        lossHandler.allocate();
        lossHandler.requestRedemption(0, 10_000e18);
        lossHandler.slash(0, 30_000e18); // vault holds only the seed: most of it is uncovered
        assertEq(lossHandler.ghostUnderBackedSlashes(), 1);
        assertLt(manager.backingRatio(), 1e18);
        lossHandler.submitBatch(1); // the pool allows one withdrawal per batch after the lock
        lossHandler.fund(0); // frees liquidity: a partial withdrawal
        lossHandler.warp(10 days);
        lossHandler.warp(10 days);
        lossHandler.warp(10 days);
        lossHandler.claimUnlockedNodes();
        lossHandler.fund(0);
        lossHandler.claim(1);
        uint256 paid = lossHandler.ghostMetisPaidByQueue();
        assertGt(paid, 0);
        assertLt(paid, 10_000e18); // pro-rata
        assertLe(queue.reservedMetis(), metis.balanceOf(address(queue)));
    }

    function test_handlerReachesEveryStage() public {
        handler.stake(0, 60_000e18);
        handler.stakeAndRestake(1, 30_000e18);
        handler.allocate();
        assertEq(manager.totalPrincipal(), 90_000e18 + SEED_DEPOSIT);
        handler.submitBatch(10_000);
        handler.harvest();
        assertGt(handler.ghostRewards(), 0);
        handler.requestRedemption(0, 50_000e18);
        handler.fund(0); // buffer too small: frees liquidity (withdraw or unlock)
        handler.warp(10 days);
        handler.warp(10 days);
        handler.warp(10 days);
        handler.claimUnlockedNodes();
        handler.fund(0);
        assertGt(queue.lastFinalizedId(), 0);
        handler.claim(1);
        assertGt(handler.ghostMetisPaidByQueue(), 0);
        handler.claim(1); // a second claim must fail inside the handler
        assertFalse(handler.ghostDoubleClaim());
        _assertFullyBacked();
        assertLe(queue.reservedMetis(), metis.balanceOf(address(queue)));
        assertEq(eMetis.balanceOf(treasury), handler.ghostFees());
        assertLe(handler.ghostFees(), handler.ghostRewards() / 10);
    }
}
