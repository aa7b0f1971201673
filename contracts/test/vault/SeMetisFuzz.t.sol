// SPDX-License-Identifier: MIT
pragma solidity 0.8.23;

import {VaultBase} from "./VaultBase.sol";

contract SeMetisFuzzTest is VaultBase {
    uint256 internal constant CYCLE = 7 days;
    uint256 internal constant MAX = 1e27; // 1e9 eMETIS, 100x the METIS supply

    /// Without rewards, a deposit followed by a full redeem never returns more than was put in,
    /// and loses at most 1 wei, whatever the prior state of the vault.
    function testFuzz_depositRedeem_noProfitWithoutRewards(uint256 seed, uint256 rewards, uint256 assets) public {
        seed = bound(seed, 1, MAX);
        rewards = bound(rewards, 0, MAX);
        assets = bound(assets, 1, MAX);
        _deposit(bob, seed);
        if (rewards > 0) _addRewards(rewards);
        vm.warp(block.timestamp + CYCLE);
        vm.assume(vault.previewDeposit(assets) > 0);
        _deposit(alice, assets);
        uint256 maxOut = vault.maxWithdraw(alice);
        assertLe(maxOut, assets);
        // Rounding loss is bounded by one share's worth of assets, rounded up.
        uint256 oneShare = vault.convertToAssets(1) + 1;
        assertLe(assets - maxOut, oneShare);
        if (maxOut > 0) {
            uint256 out = _redeemAll(alice);
            assertEq(out, maxOut);
        }
    }

    /// mint/withdraw round in favour of the vault: paying for `shares` then withdrawing what they are worth
    /// never yields more than was paid.
    function testFuzz_mintWithdraw_roundsForVault(uint256 seed, uint256 rewards, uint256 shares, uint256 dt) public {
        seed = bound(seed, 1, MAX);
        rewards = bound(rewards, 1, MAX);
        dt = bound(dt, 0, 2 * CYCLE);
        _deposit(bob, seed);
        _addRewards(rewards);
        vm.warp(block.timestamp + dt);
        uint256 maxShares = vault.maxMint(alice);
        shares = bound(shares, 1, maxShares < 1e33 ? maxShares : 1e33);
        uint256 cost = vault.previewMint(shares);
        assertGe(cost, vault.convertToAssets(shares));
        _mint(alice, cost);
        vm.startPrank(alice);
        eMetis.approve(address(vault), cost);
        vault.mint(shares, alice);
        uint256 maxOut = vault.maxWithdraw(alice);
        assertLe(maxOut, cost);
        if (maxOut > 0) {
            uint256 burned = vault.withdraw(maxOut, alice, alice);
            assertLe(burned, shares);
        }
        vm.stopPrank();
    }

    /// Two depositors, rewards in between, arbitrary exit order: each gets its principal plus the rewards
    /// streamed while it was in, pro rata, and the vault never pays out more than it received.
    function testFuzz_twoDepositors_rewardsProRata(
        uint256 a,
        uint256 b,
        uint256 r,
        uint256 dt1,
        uint256 dt2,
        bool aliceFirst
    ) public {
        a = bound(a, 1e6, MAX);
        b = bound(b, 1e6, MAX);
        r = bound(r, 1, MAX);
        dt1 = bound(dt1, 0, CYCLE);
        dt2 = bound(dt2, 0, 2 * CYCLE);

        _deposit(alice, a);
        _addRewards(r);
        vm.warp(block.timestamp + dt1);
        uint256 aliceValueBeforeBob = vault.maxWithdraw(alice);
        vm.assume(vault.previewDeposit(b) > 0);
        _deposit(bob, b);
        // Bob's entry never lowers Alice's value (beyond 1 wei); his rounding loss may only raise it.
        assertGe(vault.maxWithdraw(alice) + 1, aliceValueBeforeBob);
        assertLe(b - vault.maxWithdraw(bob), vault.convertToAssets(1) + 1, "bob lost more than one share");
        vm.warp(block.timestamp + dt2);

        uint256 outA;
        uint256 outB;
        if (aliceFirst) {
            outA = _exit(alice);
            outB = _exit(bob);
        } else {
            outB = _exit(bob);
            outA = _exit(alice);
        }
        assertLe(outA + outB, a + b + r, "paid out more than received");
        assertGe(outA + 2, a > 0 ? aliceValueBeforeBob : 0, "alice lost value");
        assertLe(outB, b + r, "bob got more than principal plus rewards");
        // Whatever was not paid out is still accounted (unvested or rounding dust) and backed.
        assertLe(vault.totalAssets(), eMetis.balanceOf(address(vault)));
        assertEq(eMetis.balanceOf(address(vault)), a + b + r - outA - outB);
    }

    /// Streaming is linear: after `dt` of a cycle, `r * dt / cycle` (rounded down) has vested.
    function testFuzz_stream_linear(uint256 r, uint256 dt, uint256 cycle) public {
        r = bound(r, 1, MAX);
        cycle = bound(cycle, 1 days, 30 days);
        dt = bound(dt, 0, cycle * 2);
        vm.prank(admin);
        vault.setRewardsCycle(cycle);
        _deposit(alice, 1 ether);
        _addRewards(r);
        vm.warp(block.timestamp + dt);
        uint256 expected = dt >= cycle ? r : (r * dt) / cycle;
        assertEq(vault.totalAssets(), 1 ether + expected);
        assertEq(vault.unvestedRewards(), r - expected);
    }

    /// Depositing right before `addRewards` and leaving right after never captures any of it.
    function testFuzz_noSkimAroundAddRewards(uint256 seed, uint256 sniped, uint256 r, uint256 prior) public {
        seed = bound(seed, 1e6, MAX);
        sniped = bound(sniped, 1, MAX);
        r = bound(r, 1, MAX);
        prior = bound(prior, 0, MAX);
        _deposit(alice, seed);
        if (prior > 0) _addRewards(prior);
        vm.warp(block.timestamp + 1 days);
        vm.assume(vault.previewDeposit(sniped) > 0);
        address sniper = makeAddr("sniper");
        _deposit(sniper, sniped);
        _addRewards(r);
        uint256 maxOut = vault.maxWithdraw(sniper);
        assertLe(maxOut, sniped, "sniper profited");
    }

    /// Cost basis moves with shares: after any transfer, the two bases still sum to what was deposited.
    function testFuzz_transfer_conservesBasis(uint256 a, uint256 frac, uint256 r) public {
        a = bound(a, 1, MAX);
        r = bound(r, 0, MAX);
        uint256 shares = _deposit(alice, a);
        if (r > 0) _addRewards(r);
        vm.warp(block.timestamp + CYCLE);
        frac = bound(frac, 0, shares);
        vm.prank(alice);
        vault.transfer(bob, frac);
        uint256 basis = ((a + 1e9 - 1) / 1e9) * 1e9; // the cost basis is kept in gwei, rounded up
        assertEq(vault.costBasis(alice) + vault.costBasis(bob), basis);
        assertLe(vault.costBasis(bob), (basis * frac) / shares);
        uint256 total = vault.rewardsEarned(alice) + vault.rewardsEarned(bob);
        // A transfer moves the gwei basis rounded down: the receiver's figure may include < 1 gwei of principal.
        assertLe(total, r + 1e9);
        uint256 value = vault.convertToAssets(shares);
        if (value > basis) assertGe(total + 2, value - basis);
    }

    /// A loss is taken from the unvested stream first and never more than asked or than the vault holds.
    function testFuzz_absorbLoss_bounds(uint256 a, uint256 r, uint256 dt, uint256 loss) public {
        a = bound(a, 1, MAX);
        r = bound(r, 1, MAX);
        dt = bound(dt, 0, 2 * CYCLE);
        loss = bound(loss, 0, 3 * MAX);
        _deposit(alice, a);
        _addRewards(r);
        vm.warp(block.timestamp + dt);
        uint256 beforeAssets = vault.totalAssets();
        uint256 beforeUnvested = vault.unvestedRewards();
        vm.prank(manager);
        uint256 absorbed = vault.absorbLoss(loss);
        uint256 expected = loss < beforeAssets + beforeUnvested ? loss : beforeAssets + beforeUnvested;
        assertEq(absorbed, expected);
        uint256 fromStream = absorbed < beforeUnvested ? absorbed : beforeUnvested;
        assertEq(vault.unvestedRewards(), beforeUnvested - fromStream);
        assertEq(vault.totalAssets(), beforeAssets - (absorbed - fromStream));
    }

    /// The one-pass deposit path mints exactly what `previewDeposit` quotes, for users and for the manager.
    function testFuzz_deposit_matchesPreview(uint256 seed, uint256 r, uint256 dt, uint256 assets, bool viaManager)
        public
    {
        seed = bound(seed, 1, MAX);
        r = bound(r, 1, MAX);
        dt = bound(dt, 0, 2 * CYCLE);
        assets = bound(assets, 1, MAX);
        _deposit(bob, seed);
        _addRewards(r);
        vm.warp(block.timestamp + dt);
        uint256 quoted = vault.previewDeposit(assets);
        vm.assume(quoted > 0);
        uint256 assetsBefore = vault.totalAssets();
        uint256 shares;
        if (viaManager) {
            _mint(address(vault), assets);
            vm.prank(manager);
            shares = vault.depositFromManager(assets, alice);
        } else {
            shares = _deposit(alice, assets);
        }
        assertEq(shares, quoted);
        assertEq(vault.balanceOf(alice), quoted);
        assertEq(vault.totalAssets(), assetsBefore + assets);
        assertLe(vault.totalAssets() + vault.unvestedRewards(), eMetis.balanceOf(address(vault)));
    }

    /// @dev Redeems all of `user`'s shares unless they are worth nothing (which the vault refuses).
    function _exit(address user) internal returns (uint256) {
        if (vault.previewRedeem(vault.balanceOf(user)) == 0) return 0;
        return _redeemAll(user);
    }
}
