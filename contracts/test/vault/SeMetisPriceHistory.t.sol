// SPDX-License-Identifier: MIT
pragma solidity 0.8.23;

import {VaultBase} from "./VaultBase.sol";
import {ISeMetis} from "../../src/interfaces/ISeMetis.sol";

/// @notice seMETIS keeps its own share-price checkpoints (the rewards chart needs no indexer): one per day of
/// reward additions, one per absorbed loss, a ring of PRICE_HISTORY points, oldest first.
contract SeMetisPriceHistoryTest is VaultBase {
    function setUp() public override {
        super.setUp();
        _deposit(alice, 1_000 ether);
    }

    function test_priceHistory_emptyBeforeAnyReward() public view {
        assertEq(vault.priceHistory().length, 0);
    }

    function test_priceHistory_onePointPerRewardDay_priceRising() public {
        _addRewards(10 ether);
        vm.warp(block.timestamp + 1 days);
        _addRewards(10 ether);
        vm.warp(block.timestamp + 1 days);
        _addRewards(10 ether);
        ISeMetis.PricePoint[] memory h = vault.priceHistory();
        assertEq(h.length, 3);
        for (uint256 i = 1; i < h.length; ++i) {
            assertEq(h[i].time, h[i - 1].time + 1 days, "one point a day, oldest first");
            assertGt(h[i].price, h[i - 1].price, "streamed rewards raise the price");
        }
        assertEq(h[2].price, vault.convertToAssets(1e24), "the point is the price at that time");
    }

    function test_priceHistory_pointsWithinADayMerge_theLaterWins() public {
        _addRewards(10 ether);
        vm.warp(block.timestamp + 6 hours);
        _addRewards(10 ether);
        ISeMetis.PricePoint[] memory h = vault.priceHistory();
        assertEq(h.length, 1);
        assertEq(h[0].time, block.timestamp);
        assertEq(h[0].price, vault.convertToAssets(1e24));
    }

    function test_priceHistory_aLossIsAlwaysItsOwnPoint() public {
        _addRewards(10 ether);
        vm.warp(block.timestamp + 1 hours);
        uint256 before = vault.convertToAssets(1e24);
        vm.prank(manager);
        uint256 absorbed = vault.absorbLoss(100 ether);
        assertGt(absorbed, 0);
        ISeMetis.PricePoint[] memory h = vault.priceHistory();
        assertEq(h.length, 2, "the loss is not merged into the reward point");
        assertLt(h[1].price, before, "the drop is visible");
        // a reward the same hour does not erase the loss point
        _addRewards(1 ether);
        h = vault.priceHistory();
        assertEq(h.length, 3);
    }

    function test_priceHistory_ringKeepsTheNewest() public {
        uint256 n = vault.PRICE_HISTORY() + 5;
        for (uint256 i; i < n; ++i) {
            vm.warp(block.timestamp + 1 days);
            _addRewards(1 ether);
        }
        ISeMetis.PricePoint[] memory h = vault.priceHistory();
        assertEq(h.length, vault.PRICE_HISTORY());
        assertEq(h[h.length - 1].time, block.timestamp, "newest last");
        assertEq(h[0].time, block.timestamp - (vault.PRICE_HISTORY() - 1) * 1 days, "the oldest five were overwritten");
        for (uint256 i = 1; i < h.length; ++i) {
            assertGt(h[i].time, h[i - 1].time);
        }
    }
}
