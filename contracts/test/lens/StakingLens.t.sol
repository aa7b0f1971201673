// SPDX-License-Identifier: MIT
pragma solidity 0.8.23;

import {ProtocolFixture} from "../utils/ProtocolFixture.sol";
import {IStakingLens} from "../../src/interfaces/IStakingLens.sol";
import {IRedemptionQueue} from "../../src/interfaces/IRedemptionQueue.sol";
import {L1Report} from "../../src/interfaces/L1Report.sol";
import {ISeMetis} from "../../src/interfaces/ISeMetis.sol";
import {StakingLens} from "../../src/l2/lens/StakingLens.sol";

/// @notice Shared scripted life for the lens suites, on the two-chain ProtocolFixture (the real protocol on both
/// chains over the Metis models: LockingPool/LockingInfo, bridges and messengers with their rules). Metis's network
/// has three other operators' sequencers (50,000 each), so our share of the network's rewards, and the APR figures,
/// are not trivially 100%.
abstract contract LensBase is ProtocolFixture {
    uint256 internal constant BPS = 10_000;
    uint256 internal constant OTHERS = 150_000 ether;

    uint256 internal seatA;
    uint256 internal seatB;
    uint256 internal firstRewards; // harvested: streaming into seMETIS
    uint256 internal secondRewards; // bridged to the RewardReceiver, not harvested
    uint256 internal unlockClaimTime; // seat B's
    uint256 internal lastReportAt;

    function setUp() public virtual override {
        super.setUp();
        lockSeat(makeAddr("operator-a"), 50_000 ether, makeAddr("operator-a.l2"), "operator-a");
        lockSeat(makeAddr("operator-b"), 50_000 ether, makeAddr("operator-b.l2"), "operator-b");
        lockSeat(makeAddr("operator-c"), 50_000 ether, makeAddr("operator-c.l2"), "operator-c");
    }

    /// @dev stakes 90,000 -> 80,000 bridged and delivered -> seats A (50,000) and B (25,000), report -> rewards on A
    /// bridged and harvested -> B unlocks (21 days) -> carol stakes 2,000, 1,000 bridged and left in flight ->
    /// more rewards on A bridged, not harvested -> 10,000 withdrawn from A (fast path) -> 8,000 returned to L2
    /// (report first, then the deposit: arrived, not yet credited).
    /// End state: L2 buffer 11,001 + firstRewards; in flight to L1 1,000; hub idle 7,000; A 40,000 active (20,000
    /// above minLock); B 25,000 unlocking; 8,000 in flight to L2 (uncredited); secondRewards pending on L2.
    function _scriptedLife() internal {
        _stakeAndRestake(alice, 60_000 ether);
        _stake(bob, 30_000 ether);
        _bridge(80_000 ether);
        _deliverToL1();
        (seatA,) = _addSeat("node-a");
        (seatB,) = _addSeat("node-b");
        _openSeat(seatA, 50_000 ether);
        _openSeat(seatB, 25_000 ether);
        _report();

        firstRewards = _rewardSeat(seatA, 20_000);
        _withdrawRewards(seatA);
        _harvest();

        vm.prank(l1Keeper);
        hub.unlockSeat(seatB);
        unlockClaimTime = _claimTime(seatB);

        _stake(carol, 2_000 ether);
        _bridge(1_000 ether); // stays in the fraud window

        secondRewards = _rewardSeat(seatA, 20_000); // a new batch also lets seat A withdraw
        _withdrawRewards(seatA);

        vm.prank(l1Keeper);
        hub.withdrawFromSeat(seatA, 10_000 ether);
        lastReportAt = block.timestamp;
        // the hub returns 8,000: its report is delivered, its deposit is still on the way to L2
        vm.prank(l1Keeper);
        hub.returnToL2(8_000 ether);
        relayNextToL2();
    }

    /// @dev The seat's `unlockClaimTime` in Metis's pool.
    function _claimTime(uint256 seatIndex) internal view returns (uint256) {
        (,, uint256 seqId,,) = hub.seat(seatIndex);
        return seat(seqId).unlockClaimTime;
    }

    /// @dev Our yearly rewards as the lens's NatSpec defines them, by hand from the report.
    function _ourYearly(L1Report memory r) internal pure returns (uint256) {
        if (r.locked == 0 || r.networkLocked == 0) return 0;
        return (uint256(r.rewardPerBlock) * BLOCKS_PER_YEAR * r.locked) / r.networkLocked;
    }
}

/// @notice StakingLens after a scripted two-chain life: every ProtocolView and UserView field against the
/// protocol's own state and hand computation, ticket ETAs per tier, MAX_TICKETS and paging, and the airdrop view
/// with no airdrop deployed. Real: the whole protocol; models: Metis's contracts (see ProtocolFixture).
contract StakingLensTest is LensBase {
    function setUp() public override {
        super.setUp();
        _scriptedLife();
    }

    // ================================================================= ProtocolView

    function test_getProtocol_twoChainBreakdownSumsToTvl() public view {
        IStakingLens.ProtocolView memory p = lens.getProtocol();
        assertEq(p.buffered, 11_001 ether + firstRewards, "buffered on L2");
        assertEq(p.inFlightToL1, 1_000 ether, "in the L2->L1 fraud window");
        assertEq(p.l1Idle, 7_000 ether, "idle on L1");
        assertEq(p.totalLocked, 40_000 ether, "locked in active seats");
        assertEq(p.unlocking, 25_000 ether, "seat B's exit delay");
        assertEq(p.inFlightToL2, 8_000 ether, "returned, not credited");
        assertEq(
            p.buffered + p.inFlightToL1 + p.l1Idle + p.totalLocked + p.unlocking + p.inFlightToL2,
            p.tvl,
            "the breakdown sums to tvl"
        );
        assertEq(p.tvl, manager.totalBacking());
        assertEq(p.tvl, p.eMetisSupply, "no loss: fully backed");
        assertEq(p.tvl, 92_001 ether + firstRewards);
        _assertFullyBacked();

        assertEq(p.fastCapacity, 8_000 ether + 7_000 ether + 20_000 ether, "in flight back + idle + above minLock");
        assertEq(p.activeSeats, 1, "our active seats only");
        (uint256 nonce,) = hub.lastReport();
        assertEq(p.reportNonce, nonce);
        assertEq(p.reportNonce, 2);
        assertEq(p.reportTimestamp, lastReportAt);
        assertEq(p.pendingRewards, secondRewards, "bridged to the RewardReceiver, not harvested");
        assertEq(p.pendingRewards, rewardReceiver.pendingRewards());
        assertGt(secondRewards, 0);
    }

    function test_getProtocol_plainFields() public view {
        IStakingLens.ProtocolView memory p = lens.getProtocol();
        assertEq(p.chainId, 1088);
        assertEq(p.blockNumber, block.number);
        assertEq(p.timestamp, block.timestamp);
        assertEq(p.eMetisSupply, eMetis.totalSupply());
        assertEq(p.seMetisSupply, seMetis.totalSupply());
        assertEq(p.seMetisTotalAssets, seMetis.totalAssets());
        assertEq(p.sharePrice, seMetis.convertToAssets(1e18));
        assertGe(p.sharePrice, 1e12, "price per 1e18 share units (24 decimals)");
        assertEq(p.feeBps, 1_000);
        assertEq(p.exitDelay, 21 days);
        assertEq(p.fastPathDelay, FAST_PATH_DELAY);
        assertEq(p.slowPathDelay, 21 days + FAST_PATH_DELAY);
        assertEq(p.streamEnd, seMetis.streamEnd());
        assertGt(p.streamEnd, block.timestamp, "the first rewards are streaming");
        assertEq(p.rewardsCycle, 7 days);
        assertEq(p.backingRatio, 1e18);
        assertEq(p.minStake, 0.01 ether);
        assertEq(p.minRedemption, 0.01 ether);
        assertEq(p.maxRedemption, 100_000 ether);
        assertEq(p.queueUnfinalized, 0);
        assertFalse(p.paused);
    }

    function test_getProtocol_followsPauseAndQueue() public {
        vm.prank(pauser);
        manager.pause();
        _request(bob, 123 ether);
        IStakingLens.ProtocolView memory p = lens.getProtocol();
        assertTrue(p.paused);
        assertEq(p.queueUnfinalized, 123 ether);
    }

    /// APRs from the report's reward rate and network share, by hand: yearly = rewardPerBlock x blocksPerYear x
    /// ourLocked / networkLocked; gross over tvl, after fee over seMETIS assets; the stream's rate over assets.
    function test_getProtocol_aprAgainstHandComputation() public view {
        IStakingLens.ProtocolView memory p = lens.getProtocol();
        L1Report memory r = manager.lastReport();
        assertEq(r.rewardPerBlock, RPB, "the pool's reward per block");
        assertEq(r.rewardPerBlock, lockingPool.rewardPerBlock());
        assertEq(r.networkLocked, lockingInfo.totalLocked(), "LockingInfo.totalLocked");
        // the network: three operators (150,000) + our A (40,000) + B (25,000, unlocking: still in totalLocked)
        assertEq(r.networkLocked, OTHERS + 65_000 ether);

        uint256 yearly = (RPB * BLOCKS_PER_YEAR * 40_000 ether) / (OTHERS + 65_000 ether);
        assertEq(yearly, _ourYearly(r));
        assertEq(p.grossAprBps, (yearly * BPS) / p.tvl, "gross");
        assertEq(p.aprBps, (yearly * (BPS - 1_000)) / seMetis.totalAssets(), "after the 10% fee, over seMETIS");
        assertEq(p.streamAprBps, (seMetis.rewardRate() * 365 days * BPS) / seMetis.totalAssets(), "stream");
        // sanity on the magnitudes: 40k of 215k locked, 0.000761 METIS per 2-second block
        assertEq(p.grossAprBps, 242);
        assertGt(p.aprBps, p.grossAprBps, "only seMETIS earns, and it holds most of the tvl");
        assertGt(p.streamAprBps, 0);
    }

    function test_getProtocol_streamAprEndsWithTheStream() public {
        vm.warp(seMetis.streamEnd());
        IStakingLens.ProtocolView memory p = lens.getProtocol();
        assertEq(p.streamAprBps, 0);
        assertGt(p.aprBps, 0, "the pool-based APR does not depend on the stream");
    }

    // ================================================================= UserView

    function test_getUser_fields() public {
        (, uint256 aliceKey) = makeAddrAndKey("alice");
        vm.startPrank(alice);
        l2Metis.approve(address(manager), 11);
        eMetis.approve(address(seMetis), 22);
        seMetis.withdraw(5_000 ether, alice, alice); // some plain eMETIS
        vm.stopPrank();
        // an EIP-2612 permit (to the queue) bumps the nonce and sets that allowance
        uint256 deadline = block.timestamp + 1;
        bytes32 digest = keccak256(
            abi.encodePacked(
                "\x19\x01",
                eMetis.DOMAIN_SEPARATOR(),
                keccak256(
                    abi.encode(
                        keccak256("Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)"),
                        alice,
                        address(queue),
                        2 ether,
                        0,
                        deadline
                    )
                )
            )
        );
        (uint8 v, bytes32 rs, bytes32 ss) = vm.sign(aliceKey, digest);
        eMetis.permit(alice, address(queue), 2 ether, deadline, v, rs, ss);
        uint256 t1 = _requestNoApprove(alice, 1 ether);
        fundL2(alice, 7 ether); // native METIS in the wallet
        vm.warp(block.timestamp + 3 days); // the stream moves the price

        IStakingLens.UserView memory u = lens.getUser(alice);
        assertEq(u.account, alice);
        assertEq(u.metisBalance, 7 ether);
        assertEq(u.metisBalance, l2Metis.balanceOf(alice));
        assertEq(u.eMetisBalance, 4_999 ether);
        assertEq(u.seMetisBalance, seMetis.balanceOf(alice));
        assertEq(u.seMetisAssets, seMetis.convertToAssets(u.seMetisBalance));
        assertEq(u.seMetisMetisValue, u.seMetisAssets, "fully backed: 1 METIS per eMETIS");
        assertGt(u.seMetisAssets, 55_000 ether, "principal plus streamed rewards");
        assertEq(u.metisAllowanceToManager, 11);
        assertEq(u.eMetisAllowanceToVault, 22);
        assertEq(u.eMetisAllowanceToQueue, 1 ether, "2 permitted, 1 spent by the request");
        assertEq(u.eMetisNonce, 1);
        assertEq(u.rewardsEarned, seMetis.rewardsEarned(alice));
        assertGt(u.rewardsEarned, 0);
        assertEq(u.seMetisAllowanceToMining, 0, "no LiquidityMining deployed");
        assertEq(u.miningStaked, 0);
        assertEq(u.miningEarned, 0);
        assertEq(u.governanceBalance, 0, "no governance token deployed");
        assertEq(u.openTickets, 1);
        assertEq(u.tickets.length, 1);
        assertEq(u.tickets[0].id, t1);
    }

    function test_getUser_emptyAccount() public {
        IStakingLens.UserView memory u = lens.getUser(makeAddr("nobody"));
        assertEq(u.account, makeAddr("nobody"));
        assertEq(u.metisBalance, 0);
        assertEq(u.eMetisBalance, 0);
        assertEq(u.seMetisBalance, 0);
        assertEq(u.seMetisAssets, 0);
        assertEq(u.rewardsEarned, 0);
        assertEq(u.openTickets, 0);
        assertEq(u.tickets.length, 0);
    }

    function _requestNoApprove(address user, uint256 amount) internal returns (uint256 id) {
        vm.prank(user);
        id = queue.requestRedemption(amount, user);
    }

    // ================================================================= ticket ETAs

    /// Where the METIS that pays the queue up to each ticket is, nearest first (from the last report): the buffer
    /// (now), principal returning (returnDelay), idle on L1 + above minLock (fastPathDelay), the unlocking seat
    /// (its claim time + returnDelay), otherwise a new unlock (exitDelay + fastPathDelay).
    function test_tickets_etaTiers() public {
        vm.prank(alice);
        seMetis.withdraw(46_000 ether, alice, alice);
        // (no funding here: fundRedemptions would first credit the 8,000 that arrived, moving the tiers)
        uint256 buffer = manager.bufferedMetis();
        assertEq(buffer, 11_001 ether + firstRewards);
        // ahead of each ticket (eMETIS = METIS, fully backed), from the first unfunded one
        uint256 t1 = _request(bob, 5_000 ether); // 5,000       <= buffer
        uint256 t2 = _request(bob, 10_000 ether); // 15,000     <= buffer + 8,000 returning
        uint256 t3 = _request(bob, 14_000 ether); // 29,000     <= ... + 7,000 idle + 20,000 above minLock
        uint256 t4 = _request(alice, 26_000 ether); // 55,000   <= ... + 25,000 unlocking
        uint256 t5 = _request(alice, 20_000 ether); // 75,000    beyond: a new unlock
        uint256 now_ = block.timestamp;

        IStakingLens.UserView memory ub = lens.getUser(bob);
        IStakingLens.UserView memory ua = lens.getUser(alice);
        assertEq(ub.openTickets, 3);
        assertEq(ua.openTickets, 2);
        IStakingLens.TicketView memory v = _find(ub.tickets, t1);
        assertEq(v.eta, now_, "paid from the buffer now");
        assertTrue(v.fastPath);
        v = _find(ub.tickets, t2);
        assertEq(v.eta, now_ + RETURN_DELAY, "principal already returning");
        assertTrue(v.fastPath);
        v = _find(ub.tickets, t3);
        assertEq(v.eta, now_ + FAST_PATH_DELAY, "partial withdrawal on L1");
        assertTrue(v.fastPath);
        v = _find(ua.tickets, t4);
        assertEq(v.eta, unlockClaimTime + RETURN_DELAY, "the unlocking seat's claim time");
        assertFalse(v.fastPath);
        assertEq(manager.lastReport().nextClaimTime, unlockClaimTime, "from the report");
        v = _find(ua.tickets, t5);
        assertEq(v.eta, now_ + 21 days + FAST_PATH_DELAY, "slow path: exit delay + fast-path delay");
        assertFalse(v.fastPath);

        // once the seat's claim time has passed, the unlocking tier is "now + returnDelay"
        vm.warp(unlockClaimTime + 1 days);
        v = _find(lens.getUser(alice).tickets, t4);
        assertEq(v.eta, block.timestamp + RETURN_DELAY);
        assertFalse(v.fastPath);
    }

    /// The tier boundaries are inclusive: a ticket that exactly uses up a source is paid by it; the next one
    /// falls to the next source.
    function test_tickets_etaBoundaries() public {
        uint256 buffer = manager.bufferedMetis();
        vm.prank(alice);
        seMetis.withdraw(47_000 ether, alice, alice);
        uint256 a = _request(alice, buffer); // exactly the buffer
        uint256 b = _request(alice, 8_000 ether); // exactly the returning principal
        uint256 c = _request(alice, 27_000 ether); // exactly idle + above minLock
        uint256 d = _request(alice, 0.01 ether); // the next one: the unlocking seat
        IStakingLens.TicketView[] memory ts = lens.getUser(alice).tickets;
        assertEq(_find(ts, a).eta, block.timestamp);
        assertEq(_find(ts, b).eta, block.timestamp + RETURN_DELAY);
        assertEq(_find(ts, c).eta, block.timestamp + FAST_PATH_DELAY);
        assertTrue(_find(ts, c).fastPath);
        assertEq(_find(ts, d).eta, unlockClaimTime + RETURN_DELAY);
        assertFalse(_find(ts, d).fastPath);
    }

    /// Any ticket size lands in the tier its cumulative need falls in.
    function testFuzz_tickets_etaTierMatchesSources(uint256 amount) public {
        vm.prank(alice);
        seMetis.withdraw(59_000 ether, alice, alice);
        amount = bound(amount, 0.01 ether, 89_000 ether);
        address who = amount <= 30_000 ether ? bob : alice;
        if (who == alice && amount > 59_000 ether) {
            vm.prank(bob);
            eMetis.transfer(alice, amount - 59_000 ether);
        }
        uint256 id = _request(who, amount);
        IStakingLens.TicketView memory v = _find(lens.getUser(who).tickets, id);
        uint256 buffer = manager.bufferedMetis();
        uint256 expected;
        bool fast = true;
        if (amount <= buffer) expected = block.timestamp;
        else if (amount <= buffer + 8_000 ether) expected = block.timestamp + RETURN_DELAY;
        else if (amount <= buffer + 35_000 ether) expected = block.timestamp + FAST_PATH_DELAY;
        else if (amount <= buffer + 60_000 ether) (expected, fast) = (unlockClaimTime + RETURN_DELAY, false);
        else (expected, fast) = (block.timestamp + 21 days + FAST_PATH_DELAY, false);
        assertEq(v.eta, expected);
        assertEq(v.fastPath, fast);
        assertEq(uint256(v.status), uint256(IRedemptionQueue.TicketStatus.Pending));
        assertEq(v.metisAmount, amount);
    }

    // ================================================================= MAX_TICKETS and paging

    function test_getUser_capsTicketsAtMaxAndGetTicketsPages() public {
        assertEq(lens.MAX_TICKETS(), 50);
        vm.startPrank(carol);
        eMetis.approve(address(queue), 60 ether);
        uint256[] memory ids = new uint256[](60);
        for (uint256 i; i < 60; ++i) {
            ids[i] = queue.requestRedemption(1 ether, carol);
        }
        vm.stopPrank();
        _fundRedemptions(ids[9]); // the first ten are claimable

        IStakingLens.UserView memory u = lens.getUser(carol);
        assertEq(u.openTickets, 60, "the true count");
        assertEq(u.tickets.length, 50, "capped");

        (IStakingLens.TicketView[] memory first, uint256 total) = lens.getTickets(carol, 0, 50);
        (IStakingLens.TicketView[] memory rest, uint256 total2) = lens.getTickets(carol, 50, 50);
        assertEq(total, 60);
        assertEq(total2, 60);
        assertEq(first.length, 50);
        assertEq(rest.length, 10);
        (IStakingLens.TicketView[] memory none,) = lens.getTickets(carol, 60, 50);
        assertEq(none.length, 0);
        for (uint256 i; i < 50; ++i) {
            assertEq(keccak256(abi.encode(first[i])), keccak256(abi.encode(u.tickets[i])), "getUser = first page");
        }
        // the two pages hold every ticket once, and each view matches the queue
        for (uint256 i; i < 60; ++i) {
            IStakingLens.TicketView memory v = i < 50 ? first[i] : rest[i - 50];
            assertEq(v.id, ids[i], "request order");
            IRedemptionQueue.TicketInfo memory t = queue.getTicket(v.id);
            assertEq(v.owner, carol);
            assertEq(v.eMetisAmount, t.eMetisAmount);
            assertEq(v.metisAmount, t.metisAmount);
            assertEq(v.requestedAt, t.requestedAt);
            assertEq(uint256(v.status), uint256(t.status));
            if (i < 10) {
                assertEq(uint256(v.status), uint256(IRedemptionQueue.TicketStatus.Claimable));
                assertEq(v.eta, 0, "claimable: no ETA");
                assertFalse(v.fastPath);
            } else {
                assertEq(v.eta, block.timestamp, "the buffer covers 50 eMETIS");
            }
        }
        // claimed tickets leave every view
        vm.prank(carol);
        queue.claim(ids[0], carol);
        u = lens.getUser(carol);
        assertEq(u.openTickets, 59);
        (, total) = lens.getTickets(carol, 0, 1);
        assertEq(total, 59);
    }

    // ================================================================= airdrop and getAll

    function test_getAll_noAirdropDeployedReturnsZeros() public view {
        uint256[] memory indexes = new uint256[](3);
        indexes[0] = 0;
        indexes[1] = 7;
        indexes[2] = 123_456;
        (IStakingLens.ProtocolView memory p, IStakingLens.UserView memory u, IStakingLens.AirdropView memory a,) =
            lens.getAll(alice, indexes);
        assertEq(lens.airdrop(), address(0));
        assertEq(a.airdrop, address(0));
        assertEq(a.merkleRoot, bytes32(0));
        assertEq(a.deadline, 0);
        assertEq(a.claimed.length, 3, "one flag per requested index");
        for (uint256 i; i < 3; ++i) {
            assertFalse(a.claimed[i]);
        }
        assertEq(a.vestedTotal, 0);
        assertEq(a.vestedReleasable, 0);
        // the other two parts are exactly getProtocol and getUser
        assertEq(keccak256(abi.encode(p)), keccak256(abi.encode(lens.getProtocol())));
        assertEq(keccak256(abi.encode(u)), keccak256(abi.encode(lens.getUser(alice))));
        (,, a,) = lens.getAll(alice, new uint256[](0));
        assertEq(a.claimed.length, 0);
    }

    function test_getAll_returnsTheVaultsPriceHistory() public {
        _stakeAndRestake(alice, 1_000 ether);
        vm.warp(block.timestamp + 1 days);
        _mintRewardsToVault(10 ether);
        vm.warp(block.timestamp + 1 days);
        _mintRewardsToVault(10 ether);
        (,,, ISeMetis.PricePoint[] memory h) = lens.getAll(alice, new uint256[](0));
        assertEq(keccak256(abi.encode(h)), keccak256(abi.encode(seMetis.priceHistory())), "the vault's own checkpoints");
        assertGe(h.length, 2);
        assertEq(h[h.length - 1].time, block.timestamp);
        assertGt(h[h.length - 1].price, h[h.length - 2].price, "rewards raised the price");
    }

    // ================================================================= helpers

    /// @dev `amount` eMETIS (staked by a rewards stand-in) handed to the dispatcher and dispatched to the vault.
    function _mintRewardsToVault(uint256 amount) internal {
        address payer = makeAddr("reward stand-in");
        _stake(payer, amount);
        vm.prank(payer);
        eMetis.transfer(address(dispatcher), amount);
        dispatcher.dispatch();
    }

    function _find(IStakingLens.TicketView[] memory ts, uint256 id)
        internal
        pure
        returns (IStakingLens.TicketView memory)
    {
        for (uint256 i; i < ts.length; ++i) {
            if (ts[i].id == id) return ts[i];
        }
        revert("ticket not in the view");
    }
}

/// @notice The lens on a fresh deployment (only the seed deposit) and its constructor. Real protocol, Metis models.
contract StakingLensFreshTest is LensBase {
    function test_constructor_immutablesAndZeroManager() public {
        assertEq(address(lens.manager()), address(manager));
        assertEq(lens.liquidityMining(), address(0));
        assertEq(lens.airdrop(), address(0));
        assertEq(lens.governanceToken(), address(0));
        assertEq(lens.blocksPerYear(), BLOCKS_PER_YEAR);
        assertEq(lens.returnDelay(), RETURN_DELAY);
        assertEq(lens.fastPathDelay(), FAST_PATH_DELAY);
        vm.expectRevert(StakingLens.LensZeroAddress.selector);
        new StakingLens(address(0), address(0), address(0), address(0), 1, 2, 3);
    }

    /// Before any report: L1 figures are zero, APRs are zero (no locked METIS), nothing divides by zero.
    function test_getProtocol_beforeAnyReport() public view {
        IStakingLens.ProtocolView memory p = lens.getProtocol();
        assertEq(p.tvl, SEED_DEPOSIT);
        assertEq(p.buffered, SEED_DEPOSIT);
        assertEq(p.inFlightToL1 + p.l1Idle + p.totalLocked + p.unlocking + p.inFlightToL2, 0);
        assertEq(p.reportNonce, 0);
        assertEq(p.reportTimestamp, 0);
        assertEq(p.activeSeats, 0);
        assertEq(p.fastCapacity, 0);
        assertEq(p.grossAprBps, 0);
        assertEq(p.aprBps, 0);
        assertEq(p.streamAprBps, 0);
        assertEq(p.exitDelay, 0, "known from the first report");
        assertEq(
            p.slowPathDelay, FAST_PATH_DELAY, "a new unlock: exitDelay (0 before the first report) + the fast path"
        );
        assertEq(p.sharePrice, seMetis.convertToAssets(1e18));
        assertEq(p.pendingRewards, 0);
    }

    /// Bridged but not yet delivered on L1 (and so not reported): all of it shows as in flight to L1.
    function test_getProtocol_bridgeInFlightBeforeTheHubSeesIt() public {
        _stake(bob, 30_000 ether);
        _bridge(30_000 ether);
        IStakingLens.ProtocolView memory p = lens.getProtocol();
        assertEq(p.inFlightToL1, 30_000 ether);
        assertEq(p.buffered + p.inFlightToL1, p.tvl);
        // delivered but not reported: still counted in flight (the L2 knows only what the last report says)
        _deliverToL1();
        p = lens.getProtocol();
        assertEq(p.inFlightToL1, 30_000 ether);
        _report();
        p = lens.getProtocol();
        assertEq(p.inFlightToL1, 0);
        assertEq(p.l1Idle, 30_000 ether);
        assertEq(p.buffered + p.l1Idle, p.tvl);
    }

    /// With no report, a ticket beyond the buffer falls to the slow-path estimate with a zero exit delay.
    function test_tickets_beforeAnyReport() public {
        _stake(bob, 100 ether);
        _bridge(100 ether);
        uint256 id = _request(bob, 50 ether);
        IStakingLens.TicketView memory v = lens.getUser(bob).tickets[0];
        assertEq(v.id, id);
        assertEq(v.eta, block.timestamp + FAST_PATH_DELAY);
        assertFalse(v.fastPath);
    }
}
