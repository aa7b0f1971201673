// SPDX-License-Identifier: MIT
pragma solidity 0.8.23;

import {Test} from "../utils/Test.sol";
import {ProtocolFixture} from "../utils/ProtocolFixture.sol";
import {L1Report} from "../../src/interfaces/L1Report.sol";
import {ISequencerHub} from "../../src/interfaces/ISequencerHub.sol";

/// @notice Drives the whole two-chain protocol in random order, as users, the keepers and Metis's bridge would
/// (Metis's contracts are the models: LockingPool, bridges, messengers, SCC): stakes both ways, restakes,
/// redemption requests, bridging to L1, delivery after the fraud window, seats opened and topped up, reward
/// batches withdrawn and harvested, fast-path withdrawals and returns to L2, reports (some delivered late or
/// twice), funding and claims, time. No slashing here (the loss rule has its own suites): every eMETIS stays
/// backed. Ghosts record what an auditor would check after each step.
contract CrossChainHandler is ProtocolFixture {
    address[] internal actors;
    uint256[] internal seats;

    uint256 public ghostHighestNonceApplied;
    bool public ghostNonceWentBack;
    uint256 public ghostClaimedMetis;
    uint256 public ghostClaimedFunded; // METIS the queue paid out, as it promised at funding
    bool public ghostClaimPaidWrong;
    uint256 public calls;
    // what the run reached (printed at the end of each run: a suite that never opens a seat proves little)
    uint256 public ghostSeatsOpened;
    uint256 public ghostTopUps;
    uint256 public ghostHarvested;
    uint256 public ghostFastWithdrawals;
    uint256 public ghostReturns;

    constructor() {
        _deployProtocol(metisMainnetLike());
        actors.push(alice);
        actors.push(bob);
        actors.push(carol);
        for (uint256 i; i < 2; ++i) {
            (uint256 s,) = _addSeat(string(abi.encodePacked("seat-", bytes1(uint8(48 + i)))));
            seats.push(s);
        }
    }

    function _actor(uint256 seed) internal view returns (address) {
        return actors[seed % actors.length];
    }

    function _after() internal {
        ++calls;
        uint256 n = manager.lastReport().nonce;
        if (n < ghostHighestNonceApplied) ghostNonceWentBack = true;
        if (n > ghostHighestNonceApplied) ghostHighestNonceApplied = n;
    }

    // ------------------------------------------------------------------ users (L2)

    function stake(uint256 actorSeed, uint256 amount, uint8 how) external {
        address user = _actor(actorSeed);
        amount = bound(amount, manager.minStake(), 60_000e18);
        if (how % 3 == 0) _stake(user, amount);
        else if (how % 3 == 1) _stakeAndRestake(user, amount);
        else _stakeErc20(user, amount);
        _after();
    }

    function restake(uint256 actorSeed, uint256 amount) external {
        address user = _actor(actorSeed);
        uint256 bal = eMetis.balanceOf(user);
        if (bal == 0) return;
        _restake(user, bound(amount, 1, bal));
        _after();
    }

    function unstake(uint256 actorSeed, uint256 shares) external {
        address user = _actor(actorSeed);
        uint256 bal = seMetis.maxRedeem(user);
        if (bal == 0) return;
        vm.prank(user);
        seMetis.redeem(bound(shares, 1, bal), user, user);
        _after();
    }

    function request(uint256 actorSeed, uint256 amount) external {
        address user = _actor(actorSeed);
        uint256 bal = eMetis.balanceOf(user);
        uint256 min = queue.minAmount();
        if (bal < min || bal == 0) return;
        uint256 max = queue.maxAmount();
        uint256 hi = max != 0 && max < bal ? max : bal;
        _request(user, bound(amount, min == 0 ? 1 : min, hi));
        _after();
    }

    function fund() external {
        uint256 last = queue.lastTicketId();
        if (last == 0) return;
        manager.fundRedemptions(last);
        _after();
    }

    function claim(uint256 ticketSeed) external {
        uint256 last = queue.lastTicketId();
        if (last == 0) return;
        uint256 id = bound(ticketSeed, 1, last);
        if (id > queue.lastFinalizedId()) return;
        address owner = queue.ownerOf(id);
        uint256 promised = queue.getTicket(id).metisAmount;
        uint256 before = l2Metis.balanceOf(owner);
        vm.prank(owner);
        try queue.claim(id, owner) returns (uint256 paid) {
            ghostClaimedMetis += paid;
            ghostClaimedFunded += promised;
            if (paid != promised || l2Metis.balanceOf(owner) - before != paid) ghostClaimPaidWrong = true;
        } catch {}
        _after();
    }

    // ------------------------------------------------------------------ keepers and the bridge

    function bridge(uint256 amount) external {
        uint256 can = manager.bridgeable();
        if (can == 0) return;
        _bridge(bound(amount, 1, can));
        _after();
    }

    function deliverToL1() external {
        _deliverToL1();
        _after();
    }

    function openOrTopUp(uint256 seatSeed, uint256 amount) external {
        uint256 idle = hub.buildReport().idle;
        uint256 s = seats[seatSeed % seats.length];
        (,,,, ISequencerHub.SeatState state) = hub.seat(s);
        if (state == ISequencerHub.SeatState.Pending) {
            if (idle < MIN_LOCK) return;
            _openSeat(s, bound(amount, MIN_LOCK, idle < MAX_LOCK ? idle : MAX_LOCK));
            ++ghostSeatsOpened;
        } else if (state == ISequencerHub.SeatState.Active) {
            if (idle == 0) return;
            vm.prank(l1Keeper);
            try hub.topUpSeat(s, bound(amount, 1, idle)) {
                ++ghostTopUps;
            } catch {}
        }
        _after();
    }

    function rewardAndHarvest(uint256 seatSeed, uint256 blocks) external {
        uint256 s = seats[seatSeed % seats.length];
        (,,,, ISequencerHub.SeatState state) = hub.seat(s);
        if (state != ISequencerHub.SeatState.Active) return;
        _rewardSeat(s, bound(blocks, 1, 100_000));
        try hub.withdrawRewards(s) {} catch {}
        relayAllToL2();
        try rewardReceiver.harvest() returns (uint256 got) {
            ghostHarvested += got;
        } catch {}
        _after();
    }

    function withdrawFast(uint256 seatSeed, uint256 amount) external {
        uint256 s = seats[seatSeed % seats.length];
        vm.prank(l1Keeper);
        try hub.withdrawFromSeat(s, bound(amount, 1, 30_000e18)) {
            ++ghostFastWithdrawals;
        } catch {}
        _after();
    }

    function returnToL2(uint256 amount) external {
        uint256 idle = hub.buildReport().idle;
        if (idle == 0) return;
        vm.prank(l1Keeper);
        try hub.returnToL2(bound(amount, 1, idle)) {
            ++ghostReturns;
        } catch {}
        _after();
    }

    function credit() external {
        relayAllToL2();
        try manager.creditPrincipal() {} catch {}
        _after();
    }

    /// @dev A report built now, delivered now or after more time passes (`late`: then a newer one may come first
    /// from another action; Metis's L2 messenger delivers in order, so an older report can only arrive after).
    function report(bool late) external {
        vm.prank(l1Keeper);
        try hub.report() {}
        catch {
            return;
        }
        if (late) vm.warp(block.timestamp + 1 hours + 1);
        relayAllToL2();
        _after();
    }

    // ------------------------------------------------------------------ views for the invariants

    function backing() external view returns (uint256) {
        return manager.totalBacking();
    }

    function eMetisSupply() external view returns (uint256) {
        return eMetis.totalSupply();
    }

    /// @dev The L2 buffer + METIS in flight to L1 + on L1 (live, not the last report) + returning and uncredited.
    function metisOnBothChains() external view returns (uint256) {
        L1Report memory r = hub.buildReport();
        (uint256 bridged, uint256 credited) = manager.bridgeTotals();
        return manager.bufferedMetis() + (bridged - r.receivedFromL2) + r.idle + r.locked + r.unlocking
            + (r.sentToL2 - credited);
    }

    function solvency() external view returns (uint256 managerHeld, uint256 buffered, uint256 queueHeld, uint256 owed) {
        managerHeld = l2Metis.balanceOf(address(manager));
        buffered = manager.bufferedMetis();
        queueHeld = l2Metis.balanceOf(address(queue));
        owed = queue.reservedMetis();
    }

    function warp(uint256 secs) external {
        vm.warp(block.timestamp + bound(secs, 1, 3 days));
        _after();
    }
}

/// @notice The protocol's cross-chain invariants, named as an auditor would state them.
contract CrossChainInvariantTest is Test {
    CrossChainHandler internal h;

    function setUp() public {
        h = new CrossChainHandler();
        bytes4[] memory sel = new bytes4[](16);
        sel[0] = CrossChainHandler.stake.selector;
        sel[1] = CrossChainHandler.stake.selector; // stakes weigh double: they feed every other path
        sel[2] = CrossChainHandler.restake.selector;
        sel[3] = CrossChainHandler.unstake.selector;
        sel[4] = CrossChainHandler.request.selector;
        sel[5] = CrossChainHandler.fund.selector;
        sel[6] = CrossChainHandler.claim.selector;
        sel[7] = CrossChainHandler.bridge.selector;
        sel[8] = CrossChainHandler.deliverToL1.selector;
        sel[9] = CrossChainHandler.openOrTopUp.selector;
        sel[10] = CrossChainHandler.rewardAndHarvest.selector;
        sel[11] = CrossChainHandler.withdrawFast.selector;
        sel[12] = CrossChainHandler.returnToL2.selector;
        sel[13] = CrossChainHandler.credit.selector;
        sel[14] = CrossChainHandler.report.selector;
        sel[15] = CrossChainHandler.warp.selector;
        targetSelector(FuzzSelector({addr: address(h), selectors: sel}));
        targetContract(address(h));
    }

    /// @notice The handler reaches every path it claims to (a suite whose handler never opens a seat proves little):
    /// one scripted sequence through stake, bridge, delivery, seat, report, rewards, harvest, fast path, return,
    /// credit, funding and claim, with the invariants checked at the end.
    function test_handlerReachesEveryPath() public {
        h.stake(0, 50_000e18, 0);
        h.stake(1, 10_000e18, 1);
        h.bridge(55_000e18);
        h.deliverToL1();
        h.openOrTopUp(0, 30_000e18);
        h.openOrTopUp(0, 5_000e18);
        h.report(false);
        h.warp(1 days);
        h.rewardAndHarvest(0, 50_000);
        h.request(0, 8_000e18);
        h.withdrawFast(0, 8_000e18);
        h.returnToL2(8_000e18);
        h.credit();
        h.fund();
        h.claim(1);
        assertEq(h.ghostSeatsOpened(), 1, "seat opened");
        assertEq(h.ghostTopUps(), 1, "seat topped up");
        assertGt(h.ghostHarvested(), 0, "rewards harvested on L2");
        assertEq(h.ghostFastWithdrawals(), 1, "fast-path withdrawal");
        assertEq(h.ghostReturns(), 1, "principal returned to L2");
        assertGt(h.ghostClaimedMetis(), 0, "a ticket claimed");
        assertGe(h.ghostHighestNonceApplied(), 2, "reports applied");
        invariant_eMetisSupplyEqualsBacking();
        invariant_backingIsOnTheChains();
        invariant_managerAndQueueSolvent();
        invariant_claimsPayWhatWasFunded();
    }

    /// forge-config: default.invariant.runs = 48
    /// forge-config: default.invariant.depth = 40
    /// @notice Without losses, the manager's backing equals the eMETIS supply exactly.
    function invariant_eMetisSupplyEqualsBacking() public view {
        assertEq(h.backing(), h.eMetisSupply(), "eMETIS supply == backing");
    }

    /// forge-config: default.invariant.runs = 48
    /// forge-config: default.invariant.depth = 40
    /// @notice Every backing METIS is somewhere real: the L2 buffer, in flight to L1, on L1 (hub idle, seats
    /// locked or unlocking) or returning to L2 and not yet credited. Nothing is counted twice.
    function invariant_backingIsOnTheChains() public view {
        assertEq(h.metisOnBothChains(), h.eMetisSupply(), "L2 buffer + in flight + L1 == eMETIS supply");
    }

    /// forge-config: default.invariant.runs = 48
    /// forge-config: default.invariant.depth = 40
    /// @notice The manager holds at least its buffer, and the queue at least what funded tickets still owe.
    function invariant_managerAndQueueSolvent() public view {
        (uint256 managerHeld, uint256 buffered, uint256 queueHeld, uint256 owed) = h.solvency();
        assertGe(managerHeld, buffered, "manager METIS >= buffer");
        assertGe(queueHeld, owed, "queue METIS >= funded and unclaimed");
    }

    /// forge-config: default.invariant.runs = 48
    /// forge-config: default.invariant.depth = 40
    /// @notice Reports apply in nonce order only: a late or replayed report never moves L2 back.
    function invariant_reportsNeverGoBack() public view {
        assertFalse(h.ghostNonceWentBack(), "the applied report nonce decreased");
    }

    /// forge-config: default.invariant.runs = 48
    /// forge-config: default.invariant.depth = 40
    /// @notice A claim pays exactly what its ticket was funded with, to its owner.
    function invariant_claimsPayWhatWasFunded() public view {
        assertFalse(h.ghostClaimPaidWrong(), "a claim paid other than its funded amount");
        assertEq(h.ghostClaimedMetis(), h.ghostClaimedFunded());
    }
}
