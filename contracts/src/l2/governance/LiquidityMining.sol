// SPDX-License-Identifier: MIT
pragma solidity 0.8.23;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {ILiquidityMining} from "../../interfaces/ILiquidityMining.sol";

/// @title Liquidity mining for seMETIS and listed LP tokens
/// @notice See {ILiquidityMining}. Each pool streams the governance token at a constant rate per second, shared
/// pro rata by stakers through a reward-per-token accumulator.
/// @dev Accounting is exact in scaled units (wei × PRECISION): every scaled wei that a period schedules is
/// either credited to the accumulator or added to `carriedScaled` (time with nothing staked, the remainder of
/// the accumulator's division, the remainder of the rate's division), and `carriedScaled` is streamed again by
/// the pool's next notify. Per-account payouts round down, in favour of the contract.
/// `totalCommitted` (notified minus paid, over all pools) must stay covered by the reward-token balance: notify
/// checks it. The reward token itself cannot be a staking token (its stakes would mix with the rewards).
/// Fee-on-transfer and rebasing staking tokens are not supported: a stake that delivers less than `amount`
/// reverts, and a rebasing balance would not be tracked.
contract LiquidityMining is ILiquidityMining, AccessControl, ReentrancyGuard {
    using SafeERC20 for IERC20;

    struct Account {
        uint256 balance;
        uint256 rewardPerTokenPaid;
        uint256 rewards;
    }

    /// @notice May call `notifyRewardAmount` (as may the admin).
    bytes32 public constant DISTRIBUTOR_ROLE = keccak256("DISTRIBUTOR_ROLE");
    /// @notice Scale of `rewardRateScaled`, `rewardPerTokenStored` and `carriedScaled`.
    uint256 public constant PRECISION = 1e18;

    /// @inheritdoc ILiquidityMining
    address public immutable rewardToken;
    /// @inheritdoc ILiquidityMining
    uint256 public totalCommitted;

    address[] private _poolList;
    mapping(address stakingToken => PoolInfo) private _pools;
    mapping(address stakingToken => mapping(address account => Account)) private _accounts;

    /// @param rewardToken_ The governance token (may be a predicted address: nothing is called on it here).
    /// @param admin Holder of DEFAULT_ADMIN_ROLE (a timelock in production).
    constructor(address rewardToken_, address admin) {
        if (rewardToken_ == address(0) || admin == address(0)) revert MiningZeroAddress();
        rewardToken = rewardToken_;
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
    }

    // ------------------------------------------------------------------ admin

    /// @inheritdoc ILiquidityMining
    function addPool(address stakingToken) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (stakingToken == address(0)) revert MiningZeroAddress();
        if (stakingToken == rewardToken) revert MiningRewardTokenNotStakeable();
        PoolInfo storage pool = _pools[stakingToken];
        if (pool.exists) revert MiningPoolExists(stakingToken);
        pool.exists = true;
        pool.lastUpdateTime = uint64(block.timestamp);
        _poolList.push(stakingToken);
        emit PoolAdded(stakingToken);
    }

    /// @inheritdoc ILiquidityMining
    function notifyRewardAmount(address stakingToken, uint256 reward, uint256 duration) external {
        if (!hasRole(DISTRIBUTOR_ROLE, msg.sender) && !hasRole(DEFAULT_ADMIN_ROLE, msg.sender)) {
            revert MiningNotDistributor(msg.sender);
        }
        if (duration == 0) revert MiningZeroDuration();
        uint256 committed = totalCommitted + reward;
        uint256 balance = IERC20(rewardToken).balanceOf(address(this));
        if (balance < committed) revert MiningRewardsUnfunded(balance, committed);
        PoolInfo storage pool = _updatePool(stakingToken);

        uint256 carriedIn = pool.carriedScaled;
        if (block.timestamp < pool.periodFinish) {
            carriedIn += (pool.periodFinish - block.timestamp) * pool.rewardRateScaled;
        }
        uint256 toStream = reward * PRECISION + carriedIn;
        if (toStream == 0) revert MiningZeroAmount();
        totalCommitted = committed;

        uint256 rate = toStream / duration;
        uint256 finish = block.timestamp + duration;
        pool.rewardRateScaled = rate;
        pool.carriedScaled = toStream - rate * duration; // the division's remainder waits for the next period
        pool.periodFinish = SafeCast.toUint64(finish);
        emit RewardNotified(stakingToken, reward, carriedIn, duration, rate, finish);
    }

    // ------------------------------------------------------------------ stakers

    /// @inheritdoc ILiquidityMining
    function stake(address stakingToken, uint256 amount) external nonReentrant {
        _stake(stakingToken, amount);
    }

    /// @inheritdoc ILiquidityMining
    function stakeWithPermit(address stakingToken, uint256 amount, uint256 deadline, uint8 v, bytes32 r, bytes32 s)
        external
        nonReentrant
    {
        // A front-run permit (same signature used first by someone else) must not block the stake.
        // solhint-disable-next-line no-empty-blocks
        try IERC20Permit(stakingToken).permit(msg.sender, address(this), amount, deadline, v, r, s) {} catch {}
        _stake(stakingToken, amount);
    }

    /// @inheritdoc ILiquidityMining
    function withdraw(address stakingToken, uint256 amount) external nonReentrant {
        _withdraw(stakingToken, amount);
    }

    /// @inheritdoc ILiquidityMining
    function getReward(address stakingToken) external nonReentrant returns (uint256 reward) {
        _updatePool(stakingToken);
        _updateAccount(stakingToken, msg.sender);
        reward = _payReward(stakingToken);
    }

    /// @inheritdoc ILiquidityMining
    function exit(address stakingToken) external nonReentrant {
        uint256 amount = _accounts[stakingToken][msg.sender].balance;
        if (amount != 0) {
            _withdraw(stakingToken, amount);
        } else {
            _updatePool(stakingToken);
            _updateAccount(stakingToken, msg.sender);
        }
        _payReward(stakingToken);
    }

    // ------------------------------------------------------------------ views

    /// @inheritdoc ILiquidityMining
    function earned(address stakingToken, address account) public view returns (uint256) {
        Account storage a = _accounts[stakingToken][account];
        return a.rewards + _accrued(a, rewardPerToken(stakingToken));
    }

    /// @inheritdoc ILiquidityMining
    function rewardPerToken(address stakingToken) public view returns (uint256) {
        PoolInfo storage pool = _pools[stakingToken];
        (uint256 increment,) = _pendingIncrement(pool);
        return pool.rewardPerTokenStored + increment;
    }

    /// @inheritdoc ILiquidityMining
    function balanceOf(address stakingToken, address account) external view returns (uint256) {
        return _accounts[stakingToken][account].balance;
    }

    /// @inheritdoc ILiquidityMining
    function totalStaked(address stakingToken) external view returns (uint256) {
        return _pools[stakingToken].totalStaked;
    }

    /// @inheritdoc ILiquidityMining
    function rewardRate(address stakingToken) external view returns (uint256) {
        return _pools[stakingToken].rewardRateScaled / PRECISION;
    }

    /// @inheritdoc ILiquidityMining
    function periodFinish(address stakingToken) external view returns (uint256) {
        return _pools[stakingToken].periodFinish;
    }

    /// @inheritdoc ILiquidityMining
    function poolInfo(address stakingToken) external view returns (PoolInfo memory) {
        return _pools[stakingToken];
    }

    /// @inheritdoc ILiquidityMining
    function pools() external view returns (address[] memory) {
        return _poolList;
    }

    // ------------------------------------------------------------------ internals

    function _stake(address stakingToken, uint256 amount) private {
        if (amount == 0) revert MiningZeroAmount();
        PoolInfo storage pool = _updatePool(stakingToken);
        Account storage a = _updateAccount(stakingToken, msg.sender);
        a.balance += amount;
        pool.totalStaked += amount;
        emit Staked(stakingToken, msg.sender, amount);

        IERC20 t = IERC20(stakingToken);
        uint256 before = t.balanceOf(address(this));
        t.safeTransferFrom(msg.sender, address(this), amount);
        uint256 received = t.balanceOf(address(this)) - before;
        if (received != amount) revert MiningFeeOnTransfer(stakingToken, amount, received);
    }

    function _withdraw(address stakingToken, uint256 amount) private {
        if (amount == 0) revert MiningZeroAmount();
        PoolInfo storage pool = _updatePool(stakingToken);
        Account storage a = _updateAccount(stakingToken, msg.sender);
        uint256 balance = a.balance;
        if (amount > balance) revert MiningInsufficientBalance(stakingToken, balance, amount);
        unchecked {
            a.balance = balance - amount;
            pool.totalStaked -= amount; // totalStaked >= balance
        }
        emit Withdrawn(stakingToken, msg.sender, amount);
        IERC20(stakingToken).safeTransfer(msg.sender, amount);
    }

    /// @dev Pays the (already updated) rewards of the caller in `stakingToken`'s pool.
    function _payReward(address stakingToken) private returns (uint256 reward) {
        Account storage a = _accounts[stakingToken][msg.sender];
        reward = a.rewards;
        if (reward == 0) return 0;
        a.rewards = 0;
        totalCommitted -= reward;
        emit RewardPaid(stakingToken, msg.sender, reward);
        IERC20(rewardToken).safeTransfer(msg.sender, reward);
    }

    /// @dev Brings the pool's accumulator up to now; reverts for an unknown pool.
    function _updatePool(address stakingToken) private returns (PoolInfo storage pool) {
        pool = _pools[stakingToken];
        if (!pool.exists) revert MiningUnknownPool(stakingToken);
        (uint256 increment, uint256 carried) = _pendingIncrement(pool);
        if (increment != 0) pool.rewardPerTokenStored += increment;
        if (carried != 0) pool.carriedScaled += carried;
        pool.lastUpdateTime = uint64(block.timestamp);
    }

    /// @dev Credits `account` with what it accrued since its last update (pool must be updated first).
    function _updateAccount(address stakingToken, address account) private returns (Account storage a) {
        a = _accounts[stakingToken][account];
        uint256 rpt = _pools[stakingToken].rewardPerTokenStored;
        a.rewards += _accrued(a, rpt);
        a.rewardPerTokenPaid = rpt;
    }

    /// @dev The accumulator increment since the last update, and the scaled rewards that it cannot credit:
    /// everything while nothing is staked, else the division's remainder.
    function _pendingIncrement(PoolInfo storage pool) private view returns (uint256 increment, uint256 carried) {
        uint256 last = pool.lastUpdateTime;
        uint256 end = Math.min(block.timestamp, pool.periodFinish);
        if (end <= last) return (0, 0);
        uint256 streamed = (end - last) * pool.rewardRateScaled;
        uint256 staked = pool.totalStaked;
        if (staked == 0) return (0, streamed);
        increment = streamed / staked;
        carried = streamed - increment * staked;
    }

    function _accrued(Account storage a, uint256 rpt) private view returns (uint256) {
        return Math.mulDiv(a.balance, rpt - a.rewardPerTokenPaid, PRECISION);
    }
}
