// SPDX-License-Identifier: MIT
pragma solidity 0.8.23;

import {HubTestBase} from "./HubTestBase.sol";
import {ISequencerHub} from "../../src/interfaces/ISequencerHub.sol";
import {L1Report} from "../../src/interfaces/L1Report.sol";

/// @notice Fuzzed amounts of openSeat / topUpSeat / withdrawFromSeat around LockingInfo's minLock and maxLock (real
/// hub, Metis's LockingPool/LockingInfo MODELS, mainnet-like variant): each call either succeeds with exactly the
/// expected state, or reverts with the exact error and changes nothing.
contract HubAmountsFuzzTest is HubTestBase {
    /// @dev mode 0..3: the four boundary values; otherwise anywhere within 1,000 METIS of the limits.
    function _around(uint256 x, uint256 mode, uint256 lo, uint256 hi) internal pure returns (uint256) {
        mode %= 6;
        if (mode == 0) return lo - 1;
        if (mode == 1) return lo;
        if (mode == 2) return hi;
        if (mode == 3) return hi + 1;
        return bound(x, lo - 1_000 ether, hi + 1_000 ether);
    }

    function testFuzz_openSeat_amountAroundTheLimits(uint256 x, uint8 mode) public {
        uint256 amount = _around(x, mode, MIN_LOCK, MAX_LOCK);
        _fundHub(MAX_LOCK + 1_000 ether);
        (uint256 s,) = _addSeat("node-0");
        if (amount < MIN_LOCK || amount > MAX_LOCK) {
            bytes32 before = _fingerprint();
            vm.expectRevert(abi.encodeWithSelector(ISequencerHub.HubBadLockAmount.selector, amount, MIN_LOCK, MAX_LOCK));
            vm.prank(l1Keeper);
            hub.openSeat(s, amount);
            assertEq(_fingerprint(), before);
        } else {
            _openSeat(s, amount);
            assertEq(_poolSeat(s).amount, amount);
            assertEq(_principal(s), amount);
            assertEq(_idle(), MAX_LOCK + 1_000 ether - amount);
            assertEq(hub.buildReport().withdrawable, amount - MIN_LOCK);
        }
    }

    function testFuzz_topUpSeat_amountAroundMaxLock(uint256 openX, uint256 x, uint8 mode) public {
        uint256 open = bound(openX, MIN_LOCK, MAX_LOCK);
        uint256 room = MAX_LOCK - open;
        uint256 amount;
        mode %= 5;
        if (mode == 0) amount = room;
        else if (mode == 1) amount = room + 1;
        else if (mode == 2) amount = 0;
        else amount = bound(x, 1, room + 1_000 ether);
        uint256 s = _openNew("node-0", open);
        _fundHub(room + 1_000 ether);
        bytes32 before = _fingerprint();
        if (amount == 0) {
            vm.expectRevert(ISequencerHub.HubZeroAmount.selector);
            _keeperTopUp(s, amount);
            assertEq(_fingerprint(), before);
        } else if (open + amount > MAX_LOCK) {
            vm.expectRevert(abi.encodeWithSelector(ISequencerHub.HubBadLockAmount.selector, open + amount, 0, MAX_LOCK));
            _keeperTopUp(s, amount);
            assertEq(_fingerprint(), before);
        } else {
            _keeperTopUp(s, amount);
            assertEq(_poolSeat(s).amount, open + amount);
            assertEq(_principal(s), open + amount);
            assertEq(_idle(), room + 1_000 ether - amount);
            (uint256 lockedCum,,) = hub.totals();
            assertEq(lockedCum, open + amount);
        }
    }

    function testFuzz_withdrawFromSeat_amountAroundMinLock(uint256 openX, uint256 x, uint8 mode) public {
        uint256 open = bound(openX, MIN_LOCK, MAX_LOCK);
        uint256 room = open - MIN_LOCK;
        uint256 amount;
        mode %= 6;
        if (mode == 0) amount = room;
        else if (mode == 1) amount = room + 1;
        else if (mode == 2) amount = 0;
        else if (mode == 3) amount = open + 1;
        else amount = bound(x, 1, open + 1_000 ether);
        uint256 s = _openNew("node-0", open);
        _nextBatch();
        bytes32 before = _fingerprint();
        if (amount == 0) {
            vm.expectRevert(ISequencerHub.HubZeroAmount.selector);
            _keeperWithdraw(s, amount);
            assertEq(_fingerprint(), before);
        } else if (amount > room) {
            uint256 remaining = amount > open ? 0 : open - amount;
            vm.expectRevert(abi.encodeWithSelector(ISequencerHub.HubBelowMinLock.selector, remaining, MIN_LOCK));
            _keeperWithdraw(s, amount);
            assertEq(_fingerprint(), before);
        } else {
            _keeperWithdraw(s, amount);
            assertEq(_poolSeat(s).amount, open - amount);
            assertEq(_principal(s), open - amount);
            assertEq(_idle(), amount);
            (, uint256 returnedCum,) = hub.totals();
            assertEq(returnedCum, amount);
            assertEq(hub.buildReport().withdrawable, room - amount);
        }
    }
}

/// @notice The report against a ghost model after random sequences of hub operations: arrivals, opens, top-ups,
/// withdrawals, unlocks, claims, returns, donations (to the hub and to agents), sweeps, Metis's force-unlocks,
/// keeper reports, and slashes. The slash is the TEST-ONLY `LockingPoolWithSlash` (Metis has none); the rest of the
/// pool, LockingInfo, bridge and messenger are MODELS with Metis's rules; the hub is real. Mainnet-like variant with
/// three independent operators (the BFT rule is respected through `unlockWouldPassBft`, itself tested elsewhere).
/// The ghost keeps its own figures and never reads the hub's accounts.
contract HubGhostFuzzTest is HubTestBase {
    struct Ghost {
        bool live;
        bool poolActive;
        uint256 held; // METIS the pool holds for the seat
        uint256 claimTime;
        uint256 stray; // METIS sitting in the agent
    }

    uint256 internal constant OPS = 24;
    uint256 internal constant MAX_SEATS = 8;

    mapping(uint256 seatIndex => Ghost) internal g;
    uint256 internal gSeats;
    uint256 internal gIdle;
    uint256 internal gReceived;
    uint256 internal gLocked;
    uint256 internal gReturned;
    uint256 internal gSent;
    uint256 internal gNonce;
    mapping(uint256 op => uint256 count) internal gDone; // operations that actually ran

    function _config() internal pure override returns (MetisConfig memory) {
        return _slashable(metisMainnetLike());
    }

    function testFuzz_reportMatchesGhostModel(uint256 seed) public {
        _run(seed, OPS);
    }

    /// @dev One long fixed sequence: the ghost still agrees, and every kind of operation really ran (so the fuzz
    /// test above is not vacuous).
    function test_ghostModel_longSequenceExercisesEveryOperation() public {
        _run(20260401, 240);
        for (uint256 op; op < 12; ++op) {
            assertGt(gDone[op], 0);
        }
    }

    function _run(uint256 seed, uint256 ops) internal {
        for (uint256 k; k < ops; ++k) {
            uint256 r = uint256(keccak256(abi.encode(seed, k)));
            _step(r % 12, r >> 8);
            _checkAgainstGhost();
        }
    }

    function _step(uint256 op, uint256 r) internal {
        if (op == 0) _opArrive(bound(r, 1 ether, 150_000 ether));
        else if (op == 1) _opOpen(r);
        else if (op == 2) _opTopUp(r);
        else if (op == 3) _opWithdraw(r);
        else if (op == 4) _opUnlock(r, false);
        else if (op == 5) _opClaim(r);
        else if (op == 6) _opReturn(r);
        else if (op == 7) _opSlash(r);
        else if (op == 8) _opDonate(r);
        else if (op == 9) _opUnlock(r, true);
        else if (op == 10) _opSweep(r);
        else _opReport();
    }

    // ------------------------------------------------------------------ operations

    function _opArrive(uint256 amount) internal {
        _fundHub(amount);
        gIdle += amount;
        gReceived += amount;
        ++gDone[0];
    }

    function _opOpen(uint256 r) internal {
        if (gSeats == MAX_SEATS) return;
        uint256 amount = bound(r, MIN_LOCK, MAX_LOCK);
        if (gIdle < amount) _opArrive(amount - gIdle);
        (uint256 s,) = _addSeat(string.concat("ghost-", vm.toString(gSeats)));
        assertEq(s, gSeats);
        _openSeat(s, amount);
        g[s] = Ghost({live: true, poolActive: true, held: amount, claimTime: 0, stray: 0});
        ++gSeats;
        gLocked += amount;
        gIdle -= amount;
        ++gDone[1];
    }

    function _opTopUp(uint256 r) internal {
        (bool found, uint256 s) = _pick(r, true, false);
        if (!found || g[s].held >= MAX_LOCK) return;
        uint256 amount = bound(r >> 16, 1, MAX_LOCK - g[s].held);
        if (gIdle < amount) _opArrive(amount - gIdle);
        _keeperTopUp(s, amount);
        g[s].held += amount;
        gLocked += amount;
        gIdle -= amount;
        ++gDone[2];
    }

    function _opWithdraw(uint256 r) internal {
        (bool found, uint256 s) = _pick(r, true, false);
        if (!found || g[s].held <= MIN_LOCK) return;
        uint256 amount = bound(r >> 16, 1, g[s].held - MIN_LOCK);
        _nextBatch();
        _keeperWithdraw(s, amount);
        g[s].held -= amount;
        gReturned += amount;
        gIdle += amount + g[s].stray;
        gReceived += g[s].stray;
        g[s].stray = 0;
        ++gDone[3];
    }

    function _opUnlock(uint256 r, bool forced) internal {
        (bool found, uint256 s) = _pick(r, true, false);
        if (!found) return;
        if (forced) {
            _forceUnlock(s);
        } else {
            if (!hub.unlockWouldPassBft()) return;
            _keeperUnlock(s);
        }
        g[s].poolActive = false;
        g[s].claimTime = block.timestamp + 21 days;
        ++gDone[forced ? 9 : 4];
    }

    function _opClaim(uint256 r) internal {
        (bool found, uint256 s) = _pick(r, false, true);
        if (!found) return;
        if (block.timestamp < g[s].claimTime) vm.warp(g[s].claimTime);
        vm.prank(stranger);
        hub.claimSeat(s);
        gReturned += g[s].held;
        gIdle += g[s].held + g[s].stray;
        gReceived += g[s].stray;
        g[s].stray = 0;
        g[s].held = 0;
        g[s].live = false;
        ++gDone[5];
    }

    function _opReturn(uint256 r) internal {
        if (gIdle == 0) return;
        uint256 amount = bound(r, 1, gIdle);
        _keeperReturn(amount);
        gIdle -= amount;
        gSent += amount;
        ++gNonce;
        ++gDone[6];
    }

    function _opSlash(uint256 r) internal {
        (bool found, uint256 s) = _pick(r, false, false);
        if (!found || g[s].held == 0) return;
        uint256 amount = bound(r >> 16, 1, g[s].held < 10_000 ether ? g[s].held : 10_000 ether);
        _slash(s, amount);
        g[s].held -= amount;
        ++gDone[7];
    }

    function _opDonate(uint256 r) internal {
        uint256 amount = bound(r >> 16, 1, 5_000 ether);
        (bool found, uint256 s) = _pick(r, false, false);
        if (r & 1 == 0 || !found) {
            fundL1(address(hub), amount);
            gIdle += amount;
            gReceived += amount;
        } else {
            fundL1(_agent(s), amount);
            g[s].stray += amount;
        }
        ++gDone[8];
    }

    function _opSweep(uint256 r) internal {
        (bool found, uint256 s) = _pick(r, false, false);
        if (!found) return;
        vm.prank(stranger);
        (bool ok,) = _agent(s).call(abi.encodeWithSignature("sweep()"));
        assertTrue(ok);
        gIdle += g[s].stray;
        gReceived += g[s].stray;
        g[s].stray = 0;
        ++gDone[10];
    }

    function _opReport() internal {
        _keeperReport();
        ++gNonce;
        ++gDone[11];
    }

    /// @dev The (r mod n)-th live seat matching the filter (`active`: pool-active only; `claimable`: unlocking only).
    function _pick(uint256 r, bool active, bool unlocking) internal view returns (bool found, uint256 seatIndex) {
        uint256 n;
        for (uint256 i; i < gSeats; ++i) {
            if (_matches(i, active, unlocking)) ++n;
        }
        if (n == 0) return (false, 0);
        uint256 want = r % n;
        for (uint256 i; i < gSeats; ++i) {
            if (_matches(i, active, unlocking)) {
                if (want == 0) return (true, i);
                --want;
            }
        }
    }

    function _matches(uint256 i, bool active, bool unlocking) internal view returns (bool) {
        Ghost storage x = g[i];
        if (!x.live) return false;
        if (active && !x.poolActive) return false;
        if (unlocking && x.poolActive) return false;
        return true;
    }

    // ------------------------------------------------------------------ the check

    function _checkAgainstGhost() internal view {
        uint256 locked;
        uint256 unlocking;
        uint256 withdrawable;
        uint256 active;
        uint256 nextClaim;
        uint256 liveCount;
        for (uint256 i; i < gSeats; ++i) {
            Ghost storage x = g[i];
            if (!x.live) continue;
            ++liveCount;
            if (x.poolActive) {
                locked += x.held;
                ++active;
                if (x.held > MIN_LOCK) withdrawable += x.held - MIN_LOCK;
            } else {
                unlocking += x.held;
                if (nextClaim == 0 || x.claimTime < nextClaim) nextClaim = x.claimTime;
            }
        }
        uint256 owed = gLocked - gReturned;
        uint256 shortfall = owed > locked + unlocking ? owed - locked - unlocking : 0;

        L1Report memory r = hub.buildReport();
        assertEq(r.nonce, gNonce + 1, "nonce");
        assertEq(r.idle, gIdle, "idle");
        assertEq(r.receivedFromL2, gReceived, "receivedFromL2");
        assertEq(r.sentToL2, gSent, "sentToL2");
        assertEq(r.locked, locked, "locked");
        assertEq(r.unlocking, unlocking, "unlocking");
        assertEq(r.withdrawable, withdrawable, "withdrawable");
        assertEq(r.activeSeats, active, "activeSeats");
        assertEq(r.nextClaimTime, nextClaim, "nextClaimTime");
        assertEq(r.shortfall, shortfall, "shortfall");
        assertEq(r.timestamp, block.timestamp, "timestamp");
        // identity: what L2 sent that has not come back is held on L1 or lost
        assertEq(r.idle + r.locked + r.unlocking + r.shortfall, r.receivedFromL2 - r.sentToL2, "assets + losses");
        (uint256 lockedCum, uint256 returnedCum, uint256 sentCum) = hub.totals();
        assertEq(lockedCum, gLocked, "lockedCum");
        assertEq(returnedCum, gReturned, "returnedCum");
        assertEq(sentCum, gSent, "sentCum");
        assertEq(hub.liveSeats().length, liveCount, "live seats");
    }
}
