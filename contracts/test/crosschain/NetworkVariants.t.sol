// SPDX-License-Identifier: MIT
pragma solidity 0.8.23;

import {HubTestBase} from "../l1/HubTestBase.sol";
import {ISequencerHub} from "../../src/interfaces/ISequencerHub.sol";
import {L1Report} from "../../src/interfaces/L1Report.sol";

/// @notice Properties of the L1 hub (real) across the two chains, run on both Metis variants: mainnet-like (discount
/// 1 gwei, LockingPool with the BFT restriction) and Sepolia-like (discount 0, no BFT rule). Metis's LockingPool/
/// LockingInfo, bridges, messengers and oracles are MODELS with Metis's rules; METIS reaches the hub through the real
/// L2 path (stake, bridgeToL1, 7-day window, relay) and reports and rewards are relayed to the real L2 contracts.
/// Three independent operators' sequencers (50,000 each) share the pool.
abstract contract NetworkVariantsTest is HubTestBase {
    uint256 internal constant OPEN = 50_000 ether;

    // ================================================================= a de-whitelisted seat bricks only itself

    /// @dev Regression of a review finding: Metis governance de-whitelisting ONE agent must not stop the others.
    function test_dewhitelistedSeat_onlyItsOwnOperationsRevert() public {
        _arrive(alice, 400_000 ether);
        (uint256 a,) = _addSeat("A");
        (uint256 b, address agentB) = _addSeat("B");
        (uint256 c,) = _addSeat("C");
        (uint256 d,) = _addSeat("D");
        (uint256 e, address agentE) = _addSeat("E");
        _openSeat(a, OPEN);
        _openSeat(b, OPEN);
        _openSeat(c, OPEN);
        _openSeat(e, OPEN);
        uint256[] memory ab = new uint256[](2);
        ab[0] = a;
        ab[1] = b;
        _rewardSeats(ab, 20_000);
        _keeperUnlock(e); // E is on its way out when governance drops it
        _setWhitelist(agentB, false);
        _setWhitelist(agentE, false);

        // every operation of B (and E's claim) is refused with HubNotWhitelisted, changing nothing
        vm.warp(block.timestamp + 21 days);
        bytes32 before = _fingerprint();
        bytes memory notB = abi.encodeWithSelector(ISequencerHub.HubNotWhitelisted.selector, b, agentB);
        vm.startPrank(l1Keeper);
        vm.expectRevert(notB);
        hub.topUpSeat(b, 1 ether);
        vm.expectRevert(notB);
        hub.withdrawFromSeat(b, 1 ether);
        vm.expectRevert(notB);
        hub.withdrawRewards(b);
        vm.expectRevert(notB);
        hub.unlockSeat(b);
        vm.expectRevert(abi.encodeWithSelector(ISequencerHub.HubNotWhitelisted.selector, e, agentE));
        hub.claimSeat(e);
        vm.stopPrank();
        assertEq(_fingerprint(), before);

        // ...while every other seat still opens, tops up, withdraws, bridges rewards, unlocks and claims
        _openSeat(d, OPEN);
        _keeperTopUp(a, 10_000 ether);
        _nextBatch();
        _keeperWithdraw(a, 5_000 ether);
        hub.withdrawRewards(a);
        _keeperUnlock(c);
        vm.warp(block.timestamp + 21 days);
        hub.claimSeat(c);
        _assertState(d, ISequencerHub.SeatState.Active);
        _assertState(c, ISequencerHub.SeatState.Closed);
        assertEq(_poolSeat(a).amount, OPEN + 5_000 ether);
        assertEq(_poolSeat(a).reward, 0);

        // and report() works for anyone; B's METIS is locked but not withdrawable
        L1Report memory r = hub.buildReport();
        vm.prank(stranger);
        hub.report();
        relayAllToL2();
        _assertReportEq(manager.lastReport(), r);
        assertEq(r.locked, 3 * OPEN + 5_000 ether, "A, B and D");
        assertEq(r.withdrawable, (OPEN + 5_000 ether - MIN_LOCK) + (OPEN - MIN_LOCK), "A and D, not B");
        assertEq(r.unlocking, OPEN, "E, stuck until re-whitelisted");
        assertEq(r.activeSeats, 3);
        _assertFullyBacked();

        // governance lets E back: its claim goes through
        _setWhitelist(agentE, true);
        hub.claimSeat(e);
        _assertState(e, ISequencerHub.SeatState.Closed);
    }

    // ================================================================= fees by variant

    function test_withdrawRewards_exactFeeAndRewardReachesTheRewardReceiver() public {
        _arrive(alice, OPEN);
        (uint256 s,) = _addSeat("node-0");
        _openSeat(s, OPEN);
        uint256 reward = _rewardSeat(s, 20_000);
        uint256 expectedFee = 200_000 * metisConfig.discount;
        assertEq(expectedFee, _isMainnetLike() ? 200_000 gwei : 0);
        assertEq(hub.bridgeFee(hub.rewardL2Gas()), expectedFee);
        uint256 ethBefore = address(hub).balance;
        uint256 receiverBefore = l2Metis.balanceOf(address(rewardReceiver));
        vm.expectEmit(address(hub));
        emit ISequencerHub.SeatRewardsBridged(s, reward, expectedFee);
        vm.prank(stranger);
        hub.withdrawRewards(s);
        assertEq(ethBefore - address(hub).balance, expectedFee, "max(l2Gas, minL2Gas) x discount");
        relayAllToL2();
        assertEq(l2Metis.balanceOf(address(rewardReceiver)), receiverBefore + reward, "reward on L2");
        uint256 supplyBefore = eMetis.totalSupply();
        _harvest();
        assertEq(eMetis.totalSupply(), supplyBefore + reward);
        _assertFullyBacked();
    }

    function test_unlockSeat_feeOnlyWithARewardPending() public {
        _arrive(alice, 3 * OPEN);
        (uint256 s,) = _addSeat("node-0");
        (uint256 t,) = _addSeat("node-1");
        (uint256 v,) = _addSeat("node-2"); // stays active: with six sequencers mainnet's BFT rule lets two leave
        _openSeat(s, OPEN);
        _openSeat(t, OPEN);
        _openSeat(v, OPEN);
        _rewardSeat(s, 20_000);
        uint256 infoEth = address(lockingInfo).balance;
        uint256 ethBefore = address(hub).balance;
        _keeperUnlock(s);
        assertEq(ethBefore - address(hub).balance, 200_000 * metisConfig.discount);
        _keeperUnlock(t); // no reward pending: no fee (it would stay in LockingInfo for ever)
        assertEq(ethBefore - address(hub).balance, 200_000 * metisConfig.discount, "no second fee");
        assertEq(address(lockingInfo).balance, infoEth, "no ETH stuck in LockingInfo");
    }

    // ================================================================= the hub runs out of ETH

    function test_hubOutOfEth_everyEthPayingOpRevertsThenSucceedsAfterRefund() public {
        _arrive(alice, 3 * OPEN);
        (uint256 s,) = _addSeat("node-0");
        (uint256 u,) = _addSeat("node-1");
        _openSeat(s, OPEN);
        _openSeat(u, OPEN);
        _keeperUnlock(u);
        uint256[] memory both = new uint256[](2);
        both[0] = s;
        both[1] = u;
        _rewardSeats(both, 20_000); // s has a reward to bridge, u a reward left over for its claim
        vm.warp(block.timestamp + 21 days);
        uint256 keep = address(hub).balance;
        _setHubEth(0);

        if (_isMainnetLike()) {
            bytes32 before = _fingerprint();
            bytes memory noEthReward =
                abi.encodeWithSelector(ISequencerHub.HubInsufficientEth.selector, _rewardFee(), 0);
            vm.expectRevert(noEthReward);
            hub.withdrawRewards(s);
            vm.expectRevert(noEthReward);
            vm.prank(l1Keeper);
            hub.unlockSeat(s);
            vm.expectRevert(noEthReward);
            hub.claimSeat(u);
            vm.expectRevert(abi.encodeWithSelector(ISequencerHub.HubInsufficientEth.selector, _reportFee(), 0));
            _keeperReport();
            vm.expectRevert(
                abi.encodeWithSelector(ISequencerHub.HubInsufficientEth.selector, _depositFee() + _reportFee(), 0)
            );
            _keeperReturn(1 ether);
            assertEq(_fingerprint(), before, "no state moved");
            // ops that pay nothing still work
            _keeperTopUp(s, 1 ether);
            // the operator refunds the hub's fee budget
            fundEth(l1Keeper, keep);
            vm.prank(l1Keeper);
            (bool ok,) = address(hub).call{value: keep}("");
            assertTrue(ok);
        } else {
            _keeperTopUp(s, 1 ether);
        }
        // the same operations now succeed (on Sepolia-like they never needed ETH)
        hub.withdrawRewards(s);
        hub.claimSeat(u);
        _keeperReport();
        _keeperReturn(1 ether);
        _keeperUnlock(s);
        relayAllToL2();
        _assertState(s, ISequencerHub.SeatState.Unlocking);
        _assertState(u, ISequencerHub.SeatState.Closed);
        assertEq(manager.lastReport().nonce, 2);
        if (!_isMainnetLike()) assertEq(address(hub).balance, 0, "Sepolia-like: no ETH ever spent");
    }

    // ================================================================= BFT view against the pool's behaviour

    function test_unlockWouldPassBft_againstWhatThePoolDoes() public {
        _arrive(alice, 6 * OPEN);
        uint256[] memory seats = new uint256[](6);
        for (uint256 i; i < 6; ++i) {
            (seats[i],) = _addSeat(string.concat("node-", vm.toString(i)));
            _openSeat(seats[i], OPEN);
        }
        uint256 refused;
        for (uint256 i; i < 6; ++i) {
            bool predicted = hub.unlockWouldPassBft();
            vm.prank(l1Keeper);
            (bool ok, bytes memory ret) = address(hub).call(abi.encodeCall(ISequencerHub.unlockSeat, (seats[i])));
            if (metisConfig.bftRestriction) {
                assertEq(ok, predicted, "mainnet-like: the view predicts the pool");
                if (!ok) {
                    assertEq(keccak256(ret), keccak256(abi.encodeWithSignature("Error(string)", "BFT restriction")));
                    ++refused;
                }
            } else {
                assertTrue(ok, "Sepolia-like: no BFT rule");
            }
        }
        // 9 sequencers: up to 3 may be inactive at once on mainnet
        if (metisConfig.bftRestriction) assertEq(refused, 3);
        // the view states mainnet's rule on both variants
        assertFalse(hub.unlockWouldPassBft());
    }
}

/// @notice NetworkVariantsTest on the mainnet-like variant (1088, discount 1 gwei, BFT restriction).
contract NetworkVariantsMainnetTest is NetworkVariantsTest {}

/// @notice NetworkVariantsTest on the Sepolia-like variant (59902, discount 0, no BFT restriction).
contract NetworkVariantsSepoliaTest is NetworkVariantsTest {
    function _config() internal pure override returns (MetisConfig memory) {
        return metisSepoliaLike();
    }
}

/// @notice A pool with few sequencers, all of them the hub's (two seats, no other operator), on both variants:
/// on mainnet the BFT rule refuses every unlock, so the keeper must fall back to partial withdrawals (the fast
/// path), which keep working; on Sepolia nothing stops an unlock. Models and real contracts as above.
abstract contract FewSequencersTest is HubTestBase {
    function _operators() internal pure override returns (uint256) {
        return 0;
    }

    function test_noSequencerAtAll_unlockWouldNotPass() public view {
        assertFalse(hub.unlockWouldPassBft(), "no active sequencer");
    }

    function test_fewSequencers_withdrawStillWorksWhenUnlockIsRefused() public {
        _arrive(alice, 120_000 ether);
        (uint256 a,) = _addSeat("node-0");
        (uint256 b,) = _addSeat("node-1");
        _openSeat(a, 60_000 ether);
        _openSeat(b, 60_000 ether);
        _report();
        assertFalse(hub.unlockWouldPassBft(), "the view states mainnet's rule");

        if (metisConfig.bftRestriction) {
            bytes32 before = _fingerprint();
            vm.expectRevert(bytes("BFT restriction"));
            _keeperUnlock(a);
            assertEq(_fingerprint(), before);
            _assertState(a, ISequencerHub.SeatState.Active);
        }

        // the fast path: what is above minLock comes out at once, once per batch, and goes back to L2
        submitRewards(seatSigner[a], 1);
        _keeperWithdraw(a, 40_000 ether);
        _keeperWithdraw(b, 40_000 ether);
        _returnToL2(80_000 ether);
        L1Report memory r = manager.lastReport();
        assertEq(r.sentToL2, 80_000 ether);
        assertEq(r.locked, 2 * MIN_LOCK);
        assertEq(r.withdrawable, 0);
        assertEq(r.activeSeats, 2);
        manager.creditPrincipal();
        _assertFullyBacked();

        if (!metisConfig.bftRestriction) {
            // Sepolia-like: even the last sequencers may leave
            _keeperUnlock(a);
            _keeperUnlock(b);
            _assertState(a, ISequencerHub.SeatState.Unlocking);
            _assertState(b, ISequencerHub.SeatState.Unlocking);
        }
    }
}

/// @notice FewSequencersTest on the mainnet-like variant.
contract FewSequencersMainnetTest is FewSequencersTest {}

/// @notice FewSequencersTest on the Sepolia-like variant.
contract FewSequencersSepoliaTest is FewSequencersTest {
    function _config() internal pure override returns (MetisConfig memory) {
        return metisSepoliaLike();
    }
}
