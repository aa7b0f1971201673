// SPDX-License-Identifier: MIT
pragma solidity 0.8.23;

import {Test} from "../utils/Test.sol";
import {LiquidityMining} from "../../src/l2/governance/LiquidityMining.sol";
import {ILiquidityMining} from "../../src/interfaces/ILiquidityMining.sol";
import {MockStakeToken, MockRewardToken} from "./utils/GovMocks.sol";

/// @notice Drives two pools with three stakers: stakes, withdrawals, claims, exits, notifies and time.
contract MiningHandler is Test {
    LiquidityMining public immutable mining;
    MockRewardToken public immutable reward;
    address public immutable admin;
    address[2] public pools;
    address[3] public actors;

    uint256 public ghostNotified;
    uint256 public ghostPaid;
    uint256 public ghostAccruals; // account updates, each of which may round down by < 1 wei
    uint256 public ghostBadReturns; // getReward calls whose return value differs from the tokens received

    constructor(LiquidityMining mining_, MockRewardToken reward_, address admin_, address[2] memory pools_) {
        mining = mining_;
        reward = reward_;
        admin = admin_;
        pools = pools_;
        for (uint256 i = 0; i < 3; i++) {
            actors[i] = makeAddr(string(abi.encodePacked("staker", vm.toString(i))));
            for (uint256 p = 0; p < 2; p++) {
                MockStakeToken(pools[p]).mint(actors[i], 1e30);
                vm.prank(actors[i]);
                MockStakeToken(pools[p]).approve(address(mining), type(uint256).max);
            }
        }
    }

    function stake(uint256 actorSeed, uint256 poolSeed, uint256 amount) external {
        address a = actors[actorSeed % 3];
        address p = pools[poolSeed % 2];
        amount = bound(amount, 1, 1e27);
        vm.prank(a);
        mining.stake(p, amount);
        ghostAccruals++;
    }

    function withdraw(uint256 actorSeed, uint256 poolSeed, uint256 amount) external {
        address a = actors[actorSeed % 3];
        address p = pools[poolSeed % 2];
        uint256 bal = mining.balanceOf(p, a);
        if (bal == 0) return;
        vm.prank(a);
        mining.withdraw(p, bound(amount, 1, bal));
        ghostAccruals++;
    }

    function getReward(uint256 actorSeed, uint256 poolSeed) external {
        address a = actors[actorSeed % 3];
        address p = pools[poolSeed % 2];
        uint256 before = reward.balanceOf(a);
        vm.prank(a);
        uint256 got = mining.getReward(p);
        uint256 received = reward.balanceOf(a) - before;
        if (received != got) ghostBadReturns++;
        ghostPaid += received;
        ghostAccruals++;
    }

    function exit(uint256 actorSeed, uint256 poolSeed) external {
        address a = actors[actorSeed % 3];
        address p = pools[poolSeed % 2];
        uint256 before = reward.balanceOf(a);
        vm.prank(a);
        mining.exit(p);
        ghostPaid += reward.balanceOf(a) - before;
        ghostAccruals++;
    }

    function notify(uint256 poolSeed, uint256 amount, uint256 duration) external {
        address p = pools[poolSeed % 2];
        amount = bound(amount, 0, 50_000e18);
        duration = bound(duration, 1, 30 days);
        vm.prank(admin);
        try mining.notifyRewardAmount(p, amount, duration) {
            ghostNotified += amount;
        } catch {}
    }

    function warp(uint256 dt) external {
        vm.warp(block.timestamp + bound(dt, 1, 10 days));
    }

    function actorCount() external pure returns (uint256) {
        return 3;
    }
}

contract MiningInvariantTest is Test {
    uint256 internal constant FUNDS = 1_000_000e18;

    LiquidityMining internal mining;
    MockRewardToken internal reward;
    MiningHandler internal handler;

    function setUp() public {
        vm.warp(1_700_000_000);
        address admin = makeAddr("admin");
        reward = new MockRewardToken();
        mining = new LiquidityMining(address(reward), admin);
        reward.mint(address(mining), FUNDS);
        address[2] memory pools = [address(new MockStakeToken("seMETIS")), address(new MockStakeToken("LP"))];
        vm.startPrank(admin);
        mining.addPool(pools[0]);
        mining.addPool(pools[1]);
        vm.stopPrank();
        handler = new MiningHandler(mining, reward, admin, pools);
        targetContract(address(handler));
    }

    /// Stakers never receive more reward tokens than the contract was funded with or than was notified, and
    /// the contract always holds what it has committed.
    function invariant_miningPaidNeverExceedsFunded() public view {
        uint256 paid = handler.ghostPaid();
        assertEq(handler.ghostBadReturns(), 0);
        assertLe(paid, FUNDS);
        assertLe(paid, handler.ghostNotified());
        assertEq(reward.balanceOf(address(mining)), FUNDS - paid);
        assertEq(mining.totalCommitted(), handler.ghostNotified() - paid);
        assertGe(reward.balanceOf(address(mining)), mining.totalCommitted());
    }

    /// paid + owed + carried-over + still scheduled <= notified, and the gap is only rounding dust.
    function invariant_miningRewardsConserved() public view {
        uint256 accounted = handler.ghostPaid();
        uint256 scaled; // carried-over and scheduled, in scaled units
        uint256 dust = handler.ghostAccruals() + 2 * 3 + 2; // rounding allowance, grown below
        for (uint256 p = 0; p < 2; p++) {
            address pool = handler.pools(p);
            ILiquidityMining.PoolInfo memory info = mining.poolInfo(pool);
            for (uint256 i = 0; i < 3; i++) {
                accounted += mining.earned(pool, handler.actors(i));
            }
            scaled += info.carriedScaled;
            uint256 end = block.timestamp < info.periodFinish ? block.timestamp : info.periodFinish;
            if (info.periodFinish > block.timestamp) {
                scaled += (info.periodFinish - block.timestamp) * info.rewardRateScaled;
            }
            // streamed since the last update while nothing was staked (carried on the next update)
            if (info.totalStaked == 0 && end > info.lastUpdateTime) {
                scaled += (end - info.lastUpdateTime) * info.rewardRateScaled;
            }
            // the pending accumulator division remainder is below totalStaked scaled units
            dust += info.totalStaked / 1e18 + 1;
        }
        accounted += scaled / 1e18;
        uint256 notified = handler.ghostNotified();
        assertLe(accounted, notified);
        // The pending accumulator remainder (< totalStaked scaled units per pool) and per-account rounding
        // (< 1 wei per accrual, per view) are all that may be missing.
        assertLe(notified - accounted, dust);
    }
}
