// SPDX-License-Identifier: MIT
pragma solidity 0.8.23;

import {IERC4626} from "@openzeppelin/contracts/interfaces/IERC4626.sol";

/// @title seMETIS: an ERC-4626 vault share over eMETIS whose price rises as rewards stream in.
/// @notice Internal accounting: eMETIS sent directly to the vault (a donation) does not move the price.
/// Rewards added by the dispatcher are streamed linearly over `rewardsCycle()` seconds.
interface ISeMetis is IERC4626 {
    /// @notice A share-price checkpoint: eMETIS per whole seMETIS (1e24 share units, 24 decimals) at `time`.
    struct PricePoint {
        uint64 time;
        uint256 price;
    }

    event RewardsAdded(uint256 amount, uint256 streamEnd, uint256 ratePerSecond);
    event LossAbsorbed(uint256 amount, uint256 totalAssetsAfter);
    event RewardsCycleSet(uint256 cycle);
    /// @notice Exits and deposits are held until `until` (0: open) while a loss report is on its way.
    event ExitPauseSet(uint256 until);

    error SeMetisOnlyDispatcher(address caller);
    error SeMetisOnlyManager(address caller);
    error SeMetisZeroAmount();
    error SeMetisZeroShares();
    error SeMetisInvalidCycle(uint256 cycle);
    /// @notice `addRewards` was asked for more eMETIS than the vault holds beyond its accounts.
    error SeMetisUnfundedRewards(uint256 amount, uint256 unaccounted);
    /// @notice Exits and deposits are held for a loss report until `until`.
    error SeMetisExitsPaused(uint256 until);

    /// @notice Adds `amount` eMETIS (already transferred to the vault, beyond what it accounts for) as rewards.
    function addRewards(uint256 amount) external;

    /// @notice Manager only: holds exits until `until` (0 reopens them). The manager bounds the time.
    function setExitPause(uint256 until) external;

    /// @notice Share-price checkpoints, oldest first: one when rewards are added (at most one a day, the latest
    /// replacing a closer one) and one at each absorbed loss; at most `PRICE_HISTORY`. With the current price
    /// they draw the rewards-over-time chart without an indexer.
    function priceHistory() external view returns (PricePoint[] memory);

    /// @notice Until when exits are held (0 or past: open).
    function exitsPausedUntil() external view returns (uint256);

    /// @notice Manager only: credits `assets` eMETIS the manager minted straight into the vault and
    /// mints the shares to `receiver` (the one-transaction stake-and-restake path; no approve needed).
    function depositFromManager(uint256 assets, address receiver) external returns (uint256 shares);

    /// @notice Manager only: lowers total assets by up to `amount` (a loss); returns what was absorbed.
    /// The manager then burns the absorbed eMETIS from the vault.
    function absorbLoss(uint256 amount) external returns (uint256 absorbed);

    /// @notice eMETIS not yet streamed into the share price.
    function unvestedRewards() external view returns (uint256);
    /// @notice Current reward stream rate in eMETIS per second.
    function rewardRate() external view returns (uint256);
    /// @notice When the current reward stream ends.
    function streamEnd() external view returns (uint256);
    function rewardsCycle() external view returns (uint256);
    /// @notice eMETIS value of `account`'s shares minus what it paid for them, plus what it realised
    /// on withdrawals: the rewards earned to date.
    function rewardsEarned(address account) external view returns (uint256);
}
