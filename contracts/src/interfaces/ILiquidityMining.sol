// SPDX-License-Identifier: MIT
pragma solidity 0.8.23;

/// @title Liquidity mining: stake seMETIS or an admin-listed LP token, earn the governance token per second.
/// @notice One pool per staking token, each with a reward-per-token accumulator (O(1) per action).
/// Rewards streamed while a pool has nothing staked are not lost: they are carried over and added to the
/// pool's next `notifyRewardAmount`. Fee-on-transfer and rebasing staking tokens are not supported.
interface ILiquidityMining {
    struct PoolInfo {
        bool exists;
        uint64 periodFinish;
        uint64 lastUpdateTime;
        uint256 rewardRateScaled; // reward-token wei per second, times PRECISION
        uint256 rewardPerTokenStored; // reward-token wei per staked wei, times PRECISION
        uint256 totalStaked;
        uint256 carriedScaled; // undistributed rewards, times PRECISION, added to the next notify
    }

    event PoolAdded(address indexed stakingToken);
    event Staked(address indexed stakingToken, address indexed account, uint256 amount);
    event Withdrawn(address indexed stakingToken, address indexed account, uint256 amount);
    event RewardPaid(address indexed stakingToken, address indexed account, uint256 reward);
    /// @notice A new period: `reward` new tokens plus `carriedIn` (scaled) carried-over and leftover rewards,
    /// streamed at `rewardRateScaled` until `periodFinish`.
    event RewardNotified(
        address indexed stakingToken,
        uint256 reward,
        uint256 carriedIn,
        uint256 duration,
        uint256 rewardRateScaled,
        uint256 periodFinish
    );

    error MiningZeroAddress();
    error MiningZeroAmount();
    error MiningZeroDuration();
    error MiningUnknownPool(address stakingToken);
    error MiningPoolExists(address stakingToken);
    error MiningRewardTokenNotStakeable();
    error MiningInsufficientBalance(address stakingToken, uint256 balance, uint256 amount);
    error MiningRewardsUnfunded(uint256 balance, uint256 committed);
    error MiningFeeOnTransfer(address stakingToken, uint256 expected, uint256 received);
    error MiningNotDistributor(address caller);

    /// @notice Lists `stakingToken` as a pool. Admin only.
    function addPool(address stakingToken) external;

    /// @notice Stakes `amount` of `stakingToken` for the caller.
    function stake(address stakingToken, uint256 amount) external;

    /// @notice `stake` after an EIP-2612 permit (a failed permit is ignored if the allowance already suffices).
    function stakeWithPermit(address stakingToken, uint256 amount, uint256 deadline, uint8 v, bytes32 r, bytes32 s)
        external;

    /// @notice Withdraws `amount` of the caller's stake.
    function withdraw(address stakingToken, uint256 amount) external;

    /// @notice Pays the caller's earned rewards in `stakingToken`'s pool.
    /// @return reward The amount paid (0 if nothing was earned).
    function getReward(address stakingToken) external returns (uint256 reward);

    /// @notice Withdraws the caller's whole stake and pays the earned rewards.
    function exit(address stakingToken) external;

    /// @notice Starts a new reward period of `duration` seconds for the pool, streaming `reward` plus any
    /// leftover of the current period and any carried-over rewards. The contract must already hold enough
    /// reward tokens to cover every pool's commitments. Admin or DISTRIBUTOR_ROLE.
    function notifyRewardAmount(address stakingToken, uint256 reward, uint256 duration) external;

    function rewardToken() external view returns (address);
    function earned(address stakingToken, address account) external view returns (uint256);
    function balanceOf(address stakingToken, address account) external view returns (uint256);
    function totalStaked(address stakingToken) external view returns (uint256);
    /// @notice Reward-token wei per second (rounded down).
    function rewardRate(address stakingToken) external view returns (uint256);
    function periodFinish(address stakingToken) external view returns (uint256);
    function rewardPerToken(address stakingToken) external view returns (uint256);
    function poolInfo(address stakingToken) external view returns (PoolInfo memory);
    function pools() external view returns (address[] memory);
    /// @notice Reward tokens notified and not yet paid, over all pools (owed, still streaming, carried over).
    function totalCommitted() external view returns (uint256);
}
