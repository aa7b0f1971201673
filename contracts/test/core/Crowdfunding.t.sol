// SPDX-License-Identifier: MIT
pragma solidity 0.8.23;

import {Fixture} from "../utils/Fixture.sol";

/// @notice The crowdfunding story: many small deposits share node seats; rewards reach seMETIS holders.
contract CrowdfundingTest is Fixture {
    uint256 internal constant DEPOSIT = 20e18;

    function _depositor(uint256 i) internal pure returns (address) {
        return address(uint160(uint256(keccak256(abi.encode("depositor", i)))));
    }

    /// @dev Deposits `count` times 20 METIS from distinct users (odd users also restake).
    function _crowd(uint256 from, uint256 count) internal {
        for (uint256 i = from; i < from + count; ++i) {
            if (i % 2 == 1) _stakeAndRestake(_depositor(i), DEPOSIT);
            else _stake(_depositor(i), DEPOSIT);
        }
    }

    function test_story_thousandDepositsOpenOneSeatThenSpillIntoNext() public {
        _addSeat(1);
        _addSeat(2);

        _crowd(0, 999);
        // 19,980 METIS + the 1 METIS seed: not enough for a seat yet
        vm.prank(keeper);
        vm.expectRevert();
        manager.allocate();

        _crowd(999, 1); // the 1,000th deposit
        assertEq(manager.bufferedMetis(), 20_000e18 + SEED_DEPOSIT);
        _allocate();
        (,, uint256 seq0, uint256 p0, uint8 status0) = manager.node(0);
        assertEq(p0, 20_000e18 + SEED_DEPOSIT);
        assertEq(pool.sequencerBalance(seq0), p0);
        assertEq(uint256(status0), 2); // Active in the pool
        (,, uint256 seq1,,) = manager.node(1);
        assertEq(seq1, 0); // second seat still pending

        // 100,000 more METIS arrive in 5,000 deposits of 20: 120,000 in total
        _crowd(1000, 5000);
        _allocate();
        (,,, p0,) = manager.node(0);
        uint256 p1;
        (,, seq1, p1,) = manager.node(1);
        assertEq(p0, MAX_LOCK, "seat 1 full at 100,000");
        assertEq(p1, 20_000e18 + SEED_DEPOSIT, "seat 2 gets the spill of 20,000 (+ seed)");
        assertEq(pool.sequencerBalance(seq1), p1);
        assertEq(manager.totalLocked(), 120_000e18 + SEED_DEPOSIT);
        assertEq(manager.bufferedMetis(), 0);
        _assertFullyBacked();

        // rewards: one MPC batch, then harvest
        address restaker = _depositor(1);
        uint256 restakerValue0 = seMetis.convertToAssets(seMetis.balanceOf(restaker));
        uint256 assets0 = seMetis.totalAssets();
        uint256 reward = _submitBatch(10_000); // 10,000 blocks for each of the 2 seats
        assertEq(reward, 2 * 10_000 * RPB);
        uint256 harvested = _harvest();
        assertEq(harvested, reward);
        uint256 fee = reward / 10;
        assertEq(eMetis.balanceOf(treasury), fee, "exactly 10% to the treasury");
        uint256 toVault = reward - fee;
        assertEq(seMetis.unvestedRewards(), toVault);
        assertEq(seMetis.totalAssets(), assets0, "nothing vested at once");

        // half a cycle later half of the 90% is in the share price
        uint256 cycle = seMetis.rewardsCycle();
        _warp(cycle / 2);
        assertApproxEqAbs(seMetis.totalAssets(), assets0 + toVault / 2, 1);
        uint256 restakerValue = seMetis.convertToAssets(seMetis.balanceOf(restaker));
        uint256 expectedGain = (toVault / 2) * seMetis.balanceOf(restaker) / seMetis.totalSupply();
        assertApproxEqAbs(restakerValue - restakerValue0, expectedGain, 1e9);
        // the whole cycle: all of it
        _warp(cycle);
        assertEq(seMetis.totalAssets(), assets0 + toVault);
        // a plain eMETIS holder gets nothing from the vault
        assertEq(eMetis.balanceOf(_depositor(0)), DEPOSIT);
        _assertFullyBacked();
    }
}
