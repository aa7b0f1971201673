// SPDX-License-Identifier: MIT
pragma solidity 0.8.23;

import {Test} from "../utils/Test.sol";
import {LiquidityMining} from "../../src/l2/governance/LiquidityMining.sol";
import {ILiquidityMining} from "../../src/interfaces/ILiquidityMining.sol";
import {GovernanceToken} from "../../src/l2/governance/GovernanceToken.sol";
import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {MockStakeToken, MockRewardToken, FeeOnTransferToken} from "./utils/GovMocks.sol";

contract LiquidityMiningTest is Test {
    uint256 internal constant FUNDS = 1_000_000e18;

    address internal admin = makeAddr("admin");
    address internal distributor = makeAddr("distributor");
    address internal alice = makeAddr("alice");
    address internal bob = makeAddr("bob");

    MockRewardToken internal reward;
    MockStakeToken internal seMetis;
    MockStakeToken internal lp;
    LiquidityMining internal mining;
    bytes32 internal distributorRole;

    function setUp() public {
        vm.warp(1_700_000_000);
        reward = new MockRewardToken();
        seMetis = new MockStakeToken("seMETIS");
        lp = new MockStakeToken("LP");
        mining = new LiquidityMining(address(reward), admin);
        distributorRole = mining.DISTRIBUTOR_ROLE();
        reward.mint(address(mining), FUNDS);
        vm.startPrank(admin);
        mining.addPool(address(seMetis));
        mining.addPool(address(lp));
        mining.grantRole(distributorRole, distributor);
        vm.stopPrank();
        for (uint256 i = 0; i < 2; i++) {
            address u = i == 0 ? alice : bob;
            seMetis.mint(u, 1_000_000e18);
            lp.mint(u, 1_000_000e18);
            vm.startPrank(u);
            seMetis.approve(address(mining), type(uint256).max);
            lp.approve(address(mining), type(uint256).max);
            vm.stopPrank();
        }
    }

    function _stake(address u, address token, uint256 amount) internal {
        vm.prank(u);
        mining.stake(token, amount);
    }

    function _notify(address token, uint256 amount, uint256 duration) internal {
        vm.prank(admin);
        mining.notifyRewardAmount(token, amount, duration);
    }

    // ------------------------------------------------------------------ constructor & admin

    function test_constructor() public {
        assertEq(mining.rewardToken(), address(reward));
        assertTrue(mining.hasRole(mining.DEFAULT_ADMIN_ROLE(), admin));
        vm.expectRevert(ILiquidityMining.MiningZeroAddress.selector);
        new LiquidityMining(address(0), admin);
        vm.expectRevert(ILiquidityMining.MiningZeroAddress.selector);
        new LiquidityMining(address(reward), address(0));
    }

    function test_addPool() public {
        MockStakeToken other = new MockStakeToken("X");
        vm.expectEmit(address(mining));
        emit ILiquidityMining.PoolAdded(address(other));
        vm.prank(admin);
        mining.addPool(address(other));
        address[] memory list = mining.pools();
        assertEq(list.length, 3);
        assertEq(list[2], address(other));
        ILiquidityMining.PoolInfo memory info = mining.poolInfo(address(other));
        assertTrue(info.exists);
        assertEq(uint256(info.lastUpdateTime), block.timestamp);
    }

    function test_addPool_reverts() public {
        bytes32 adminRole = mining.DEFAULT_ADMIN_ROLE();
        vm.prank(alice);
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, alice, adminRole)
        );
        mining.addPool(address(1));
        vm.startPrank(admin);
        vm.expectRevert(ILiquidityMining.MiningZeroAddress.selector);
        mining.addPool(address(0));
        vm.expectRevert(ILiquidityMining.MiningRewardTokenNotStakeable.selector);
        mining.addPool(address(reward));
        vm.expectRevert(abi.encodeWithSelector(ILiquidityMining.MiningPoolExists.selector, address(lp)));
        mining.addPool(address(lp));
        vm.stopPrank();
    }

    // ------------------------------------------------------------------ notify

    function test_notify_setsRateAndEmits() public {
        uint256 amount = 700e18;
        uint256 duration = 7 days;
        uint256 rateScaled = (amount * 1e18) / duration;
        vm.expectEmit(address(mining));
        emit ILiquidityMining.RewardNotified(
            address(seMetis), amount, 0, duration, rateScaled, block.timestamp + duration
        );
        _notify(address(seMetis), amount, duration);
        assertEq(mining.rewardRate(address(seMetis)), amount / duration);
        assertEq(mining.periodFinish(address(seMetis)), block.timestamp + duration);
        assertEq(mining.totalCommitted(), amount);
        ILiquidityMining.PoolInfo memory info = mining.poolInfo(address(seMetis));
        assertEq(info.rewardRateScaled, rateScaled);
        assertEq(info.carriedScaled, (amount * 1e18) % duration); // division remainder kept
        assertEq(mining.rewardPerToken(address(seMetis)), 0);
    }

    function test_notify_byDistributor() public {
        vm.prank(distributor);
        mining.notifyRewardAmount(address(lp), 10e18, 1 days);
        assertEq(mining.totalCommitted(), 10e18);
    }

    function test_notify_reverts() public {
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(ILiquidityMining.MiningNotDistributor.selector, alice));
        mining.notifyRewardAmount(address(lp), 1e18, 1 days);
        vm.startPrank(admin);
        vm.expectRevert(ILiquidityMining.MiningZeroDuration.selector);
        mining.notifyRewardAmount(address(lp), 1e18, 0);
        vm.expectRevert(abi.encodeWithSelector(ILiquidityMining.MiningUnknownPool.selector, address(7)));
        mining.notifyRewardAmount(address(7), 1e18, 1 days);
        vm.expectRevert(ILiquidityMining.MiningZeroAmount.selector);
        mining.notifyRewardAmount(address(lp), 0, 1 days);
        mining.notifyRewardAmount(address(lp), FUNDS - 1, 1 days);
        vm.expectRevert(abi.encodeWithSelector(ILiquidityMining.MiningRewardsUnfunded.selector, FUNDS, FUNDS + 1));
        mining.notifyRewardAmount(address(seMetis), 2, 1 days); // commitments span pools
        vm.stopPrank();
    }

    function test_notify_midPeriodAddsLeftover() public {
        _stake(alice, address(seMetis), 100e18);
        _notify(address(seMetis), 1000e18, 10 days);
        vm.warp(block.timestamp + 4 days);
        _notify(address(seMetis), 500e18, 10 days);
        // 600 left of the first period + 500 new, over 10 days
        uint256 toStream = 1100e18;
        uint256 expectedRate = (toStream * 1e18) / 10 days;
        // plus the accumulator's division remainders (< totalStaked scaled units per update) restreamed
        assertApproxEqAbs(
            mining.poolInfo(address(seMetis)).rewardRateScaled, expectedRate, uint256(100e18) / 10 days + 1
        );
        vm.warp(block.timestamp + 10 days);
        vm.prank(alice);
        uint256 got = mining.getReward(address(seMetis));
        assertApproxEqAbs(got, 1500e18, 1e6);
        assertLe(got, 1500e18);
    }

    // ------------------------------------------------------------------ stake / withdraw / rewards

    function test_singleStakerEarnsEverything() public {
        _stake(alice, address(seMetis), 50e18);
        _notify(address(seMetis), 1000e18, 10 days);
        vm.warp(block.timestamp + 5 days);
        assertApproxEqAbs(mining.earned(address(seMetis), alice), 500e18, 1e6);
        vm.warp(block.timestamp + 20 days); // past the end: nothing more
        uint256 e = mining.earned(address(seMetis), alice);
        assertApproxEqAbs(e, 1000e18, 1e6);
        assertLe(e, 1000e18);
        vm.expectEmit(address(mining));
        emit ILiquidityMining.RewardPaid(address(seMetis), alice, e);
        vm.prank(alice);
        assertEq(mining.getReward(address(seMetis)), e);
        assertEq(reward.balanceOf(alice), e);
        assertEq(mining.earned(address(seMetis), alice), 0);
        assertEq(mining.totalCommitted(), 1000e18 - e);
    }

    function test_twoStakersProRata() public {
        _notify(address(lp), 900e18, 9 days);
        _stake(alice, address(lp), 100e18);
        _stake(bob, address(lp), 200e18);
        vm.warp(block.timestamp + 3 days); // 300: alice 100, bob 200
        vm.prank(bob);
        mining.withdraw(address(lp), 200e18);
        vm.warp(block.timestamp + 3 days); // 300: alice alone
        assertApproxEqAbs(mining.earned(address(lp), alice), 400e18, 1e6);
        assertApproxEqAbs(mining.earned(address(lp), bob), 200e18, 1e6);
        assertEq(mining.balanceOf(address(lp), bob), 0);
        assertEq(mining.totalStaked(address(lp)), 100e18);
        assertEq(lp.balanceOf(bob), 1_000_000e18);
    }

    function test_poolsAreIndependent() public {
        _notify(address(seMetis), 100e18, 1 days);
        _notify(address(lp), 300e18, 1 days);
        _stake(alice, address(seMetis), 1e18);
        _stake(bob, address(lp), 1e18);
        vm.warp(block.timestamp + 1 days);
        assertApproxEqAbs(mining.earned(address(seMetis), alice), 100e18, 1e6);
        assertApproxEqAbs(mining.earned(address(lp), bob), 300e18, 1e6);
        assertEq(mining.earned(address(lp), alice), 0);
        assertEq(mining.earned(address(seMetis), bob), 0);
    }

    function test_zeroStakeTimeIsCarriedOver() public {
        _notify(address(seMetis), 1000e18, 10 days);
        vm.warp(block.timestamp + 4 days); // nobody staked: 400 undistributed
        _stake(alice, address(seMetis), 10e18);
        vm.warp(block.timestamp + 6 days); // alice earns the remaining 600
        uint256 e1 = mining.earned(address(seMetis), alice);
        assertApproxEqAbs(e1, 600e18, 1e6);
        uint256 carried = mining.poolInfo(address(seMetis)).carriedScaled;
        assertApproxEqAbs(carried / 1e18, 400e18, 1e6);
        // The next notify streams the carried 400 on top of the new 100.
        _notify(address(seMetis), 100e18, 5 days);
        assertEq(mining.poolInfo(address(seMetis)).carriedScaled < 5 days, true);
        vm.warp(block.timestamp + 5 days);
        uint256 e2 = mining.earned(address(seMetis), alice);
        assertApproxEqAbs(e2, 1100e18, 1e6);
        assertLe(e2, 1100e18);
    }

    function test_notifyWithOnlyCarriedRewards() public {
        _notify(address(lp), 100e18, 1 days);
        vm.warp(block.timestamp + 2 days); // the whole period passed with nothing staked
        _stake(bob, address(lp), 1e18);
        assertEq(mining.earned(address(lp), bob), 0);
        _notify(address(lp), 0, 1 days); // restream the carried rewards, no new funds
        assertEq(mining.totalCommitted(), 100e18);
        vm.warp(block.timestamp + 1 days);
        assertApproxEqAbs(mining.earned(address(lp), bob), 100e18, 1e6);
    }

    function test_stake_emitsAndMovesTokens() public {
        vm.expectEmit(address(mining));
        emit ILiquidityMining.Staked(address(seMetis), alice, 5e18);
        _stake(alice, address(seMetis), 5e18);
        assertEq(mining.balanceOf(address(seMetis), alice), 5e18);
        assertEq(mining.totalStaked(address(seMetis)), 5e18);
        assertEq(seMetis.balanceOf(address(mining)), 5e18);
    }

    function test_stake_reverts() public {
        vm.startPrank(alice);
        vm.expectRevert(ILiquidityMining.MiningZeroAmount.selector);
        mining.stake(address(seMetis), 0);
        vm.expectRevert(abi.encodeWithSelector(ILiquidityMining.MiningUnknownPool.selector, address(9)));
        mining.stake(address(9), 1);
        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientBalance.selector, alice, 1_000_000e18, 1_000_001e18)
        );
        mining.stake(address(seMetis), 1_000_001e18);
        vm.stopPrank();
    }

    function test_stake_rejectsFeeOnTransfer() public {
        FeeOnTransferToken fee = new FeeOnTransferToken();
        vm.prank(admin);
        mining.addPool(address(fee));
        fee.mint(alice, 100e18);
        vm.startPrank(alice);
        fee.approve(address(mining), type(uint256).max);
        vm.expectRevert(
            abi.encodeWithSelector(ILiquidityMining.MiningFeeOnTransfer.selector, address(fee), 100e18, 99e18)
        );
        mining.stake(address(fee), 100e18);
        vm.stopPrank();
    }

    function test_stakeWithPermit() public {
        (address carol, uint256 key) = makeAddrAndKey("carol");
        seMetis.mint(carol, 10e18);
        uint256 deadline = block.timestamp + 1 hours;
        bytes32 structHash = keccak256(
            abi.encode(
                keccak256("Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)"),
                carol,
                address(mining),
                10e18,
                seMetis.nonces(carol),
                deadline
            )
        );
        (uint8 v, bytes32 r, bytes32 s) =
            vm.sign(key, keccak256(abi.encodePacked("\x19\x01", seMetis.DOMAIN_SEPARATOR(), structHash)));
        // Someone front-runs the permit: the stake still goes through on the allowance it set.
        seMetis.permit(carol, address(mining), 10e18, deadline, v, r, s);
        vm.prank(carol);
        mining.stakeWithPermit(address(seMetis), 10e18, deadline, v, r, s);
        assertEq(mining.balanceOf(address(seMetis), carol), 10e18);
    }

    function test_stakeWithPermit_freshSignature() public {
        (address carol, uint256 key) = makeAddrAndKey("carol");
        seMetis.mint(carol, 3e18);
        uint256 deadline = block.timestamp + 1 hours;
        bytes32 structHash = keccak256(
            abi.encode(
                keccak256("Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)"),
                carol,
                address(mining),
                3e18,
                0,
                deadline
            )
        );
        (uint8 v, bytes32 r, bytes32 s) =
            vm.sign(key, keccak256(abi.encodePacked("\x19\x01", seMetis.DOMAIN_SEPARATOR(), structHash)));
        vm.prank(carol);
        mining.stakeWithPermit(address(seMetis), 3e18, deadline, v, r, s);
        assertEq(mining.balanceOf(address(seMetis), carol), 3e18);
        // A signature that does not match, without allowance, fails on the transfer.
        address dave = makeAddr("dave");
        lp.mint(dave, 1e18);
        vm.prank(dave);
        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientAllowance.selector, address(mining), 0, 1e18)
        );
        mining.stakeWithPermit(address(lp), 1e18, deadline, v, r, s);
        assertEq(mining.balanceOf(address(lp), dave), 0);
    }

    function test_withdraw_reverts() public {
        _stake(alice, address(lp), 10e18);
        vm.startPrank(alice);
        vm.expectRevert(ILiquidityMining.MiningZeroAmount.selector);
        mining.withdraw(address(lp), 0);
        vm.expectRevert(
            abi.encodeWithSelector(ILiquidityMining.MiningInsufficientBalance.selector, address(lp), 10e18, 10e18 + 1)
        );
        mining.withdraw(address(lp), 10e18 + 1);
        vm.expectRevert(abi.encodeWithSelector(ILiquidityMining.MiningUnknownPool.selector, address(9)));
        mining.withdraw(address(9), 1);
        vm.expectEmit(address(mining));
        emit ILiquidityMining.Withdrawn(address(lp), alice, 4e18);
        mining.withdraw(address(lp), 4e18);
        vm.stopPrank();
        assertEq(mining.balanceOf(address(lp), alice), 6e18);
    }

    function test_getReward_nothingEarnedReturnsZero() public {
        vm.prank(alice);
        assertEq(mining.getReward(address(lp)), 0);
        vm.expectRevert(abi.encodeWithSelector(ILiquidityMining.MiningUnknownPool.selector, address(9)));
        mining.getReward(address(9));
    }

    function test_exit() public {
        _notify(address(lp), 100e18, 1 days);
        _stake(alice, address(lp), 7e18);
        vm.warp(block.timestamp + 1 days);
        uint256 e = mining.earned(address(lp), alice);
        vm.prank(alice);
        mining.exit(address(lp));
        assertEq(mining.balanceOf(address(lp), alice), 0);
        assertEq(lp.balanceOf(alice), 1_000_000e18);
        assertEq(reward.balanceOf(alice), e);
        // exit with nothing staked and nothing earned is a no-op
        vm.prank(alice);
        mining.exit(address(lp));
        vm.expectRevert(abi.encodeWithSelector(ILiquidityMining.MiningUnknownPool.selector, address(9)));
        mining.exit(address(9));
    }

    function test_exitAfterWithdrawStillPaysRewards() public {
        _notify(address(lp), 100e18, 1 days);
        _stake(alice, address(lp), 7e18);
        vm.warp(block.timestamp + 1 days);
        vm.startPrank(alice);
        mining.withdraw(address(lp), 7e18);
        uint256 e = mining.earned(address(lp), alice);
        assertGt(e, 0);
        mining.exit(address(lp));
        vm.stopPrank();
        assertEq(reward.balanceOf(alice), e);
    }

    function testFuzz_rewardsNeverExceedNotified(uint96 a1, uint96 a2, uint32 dt1, uint32 dt2, uint96 amount) public {
        uint256 r = bound(amount, 1, FUNDS);
        uint256 s1 = bound(a1, 1, 1_000_000e18);
        uint256 s2 = bound(a2, 1, 1_000_000e18);
        uint256 t1 = bound(dt1, 0, 20 days);
        uint256 t2 = bound(dt2, 0, 20 days);
        _notify(address(seMetis), r, 10 days);
        vm.warp(block.timestamp + t1);
        _stake(alice, address(seMetis), s1);
        _stake(bob, address(seMetis), s2);
        vm.warp(block.timestamp + t2);
        vm.prank(alice);
        uint256 pa = mining.getReward(address(seMetis));
        vm.prank(bob);
        mining.exit(address(seMetis));
        uint256 pb = reward.balanceOf(bob);
        uint256 carried = mining.poolInfo(address(seMetis)).carriedScaled / 1e18;
        uint256 remaining = block.timestamp < mining.periodFinish(address(seMetis))
            ? (mining.periodFinish(address(seMetis)) - block.timestamp)
                * mining.poolInfo(address(seMetis)).rewardRateScaled / 1e18
            : 0;
        assertLe(pa + pb + carried + remaining, r);
        // and nearly nothing is lost to rounding (each payout rounds down by < 1 wei, each update by < 1 wei)
        assertApproxEqAbs(pa + pb + carried + remaining, r, 10);
        assertEq(mining.totalCommitted(), r - pa - pb);
    }

    function testFuzz_proRataShares(uint96 a1, uint96 a2) public {
        uint256 s1 = bound(a1, 1e15, 1_000_000e18);
        uint256 s2 = bound(a2, 1e15, 1_000_000e18);
        _stake(alice, address(lp), s1);
        _stake(bob, address(lp), s2);
        _notify(address(lp), 1000e18, 1 days);
        vm.warp(block.timestamp + 1 days);
        uint256 ea = mining.earned(address(lp), alice);
        uint256 eb = mining.earned(address(lp), bob);
        assertApproxEqAbs(ea, (1000e18 * s1) / (s1 + s2), 1e9);
        assertApproxEqAbs(eb, (1000e18 * s2) / (s1 + s2), 1e9);
        assertLe(ea + eb, 1000e18);
    }

    function test_withRealGovernanceToken() public {
        address predicted = vm.computeCreateAddress(address(this), vm.getNonce(address(this)) + 1);
        LiquidityMining m = new LiquidityMining(predicted, admin);
        GovernanceToken gov = new GovernanceToken(makeAddr("drop"), address(m), makeAddr("treasury"), 2_000_000e18);
        vm.startPrank(admin);
        m.addPool(address(seMetis));
        vm.expectRevert(ILiquidityMining.MiningRewardTokenNotStakeable.selector);
        m.addPool(address(gov));
        vm.expectRevert(
            abi.encodeWithSelector(ILiquidityMining.MiningRewardsUnfunded.selector, 2_000_000e18, 2_000_000e18 + 1)
        );
        m.notifyRewardAmount(address(seMetis), 2_000_000e18 + 1, 30 days);
        m.notifyRewardAmount(address(seMetis), 100_000e18, 30 days);
        vm.stopPrank();
        vm.startPrank(alice);
        seMetis.approve(address(m), type(uint256).max);
        m.stake(address(seMetis), 1e18);
        vm.warp(block.timestamp + 30 days);
        m.exit(address(seMetis));
        vm.stopPrank();
        assertApproxEqAbs(gov.balanceOf(alice), 100_000e18, 1e6);
    }
}
