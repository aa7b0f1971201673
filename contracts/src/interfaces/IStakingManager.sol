// SPDX-License-Identifier: MIT
pragma solidity 0.8.23;

import {IL1ReportReceiver} from "./IL1ReportReceiver.sol";
import {L1Report} from "./L1Report.sol";

/// @title The protocol on Metis (L2): METIS -> eMETIS 1:1, the L2 buffer, bridging to the L1 hub, reports
/// from it, rewards, redemption funding and the loss rule.
/// @notice Backing = METIS buffered on L2 + METIS out on L1 or in flight (bridged to L1 minus principal
/// credited back) - losses the L1 hub reported. While backing covers the eMETIS supply, eMETIS is minted and
/// redeemed 1:1; a loss is charged to seMETIS first, and only the rest makes eMETIS under-backed, after which
/// stakes mint at backing and redemptions pay pro rata (see the README's loss rule).
/// @dev METIS on Metis has one balance and two faces (native gas token and the ERC-20 at 0xDead…0000). The
/// manager accounts for its METIS in its own storage (`bufferedMetis`), reads METIS only through the ERC-20
/// face, and never adds the native and the ERC-20 balances.
interface IStakingManager is IL1ReportReceiver {
    // --------------------------------------------------------------- events
    event Staked(
        address indexed sender, address indexed receiver, address indexed referral, uint256 assets, uint256 eMetisOut
    );
    event StakedAndRestaked(
        address indexed sender, address indexed receiver, address indexed referral, uint256 assets, uint256 shares
    );
    /// @notice `amount` METIS left for the L1 hub through Metis's bridge; `fee` (native METIS) was paid by the caller.
    event BridgedToL1(uint256 amount, uint256 fee, uint256 totalBridged);
    /// @notice A report from the L1 hub was applied.
    event ReportApplied(
        uint256 indexed nonce, uint256 sentToL2, uint256 shortfall, uint256 backing, uint256 eMetisSupply
    );
    /// @notice A report older than the last applied one arrived (a replay or a late retry); nothing changed.
    event ReportIgnored(uint256 indexed nonce, uint256 lastNonce);
    /// @notice Principal the hub returned has arrived and is in the buffer again.
    event PrincipalCredited(uint256 amount, uint256 totalCredited);
    /// @notice Rewards delivered by the RewardReceiver: `eMetisMinted` went to the dispatcher.
    event RewardsMinted(uint256 rewards, uint256 eMetisMinted, uint256 toTreasury, uint256 toVault);
    /// @notice A loss of `loss` METIS reported by the hub: `absorbedBySeMetis` came out of seMETIS assets,
    /// `uncovered` lowered eMETIS backing; `backingRatio` is METIS per eMETIS (1e18 = fully backed) after it.
    event LossRecorded(uint256 loss, uint256 absorbedBySeMetis, uint256 uncovered, uint256 backingRatio);
    /// @notice The hub reported smaller losses than before (METIS paid back on L1).
    event LossRecovered(uint256 amount, uint256 backingRatio);
    /// @notice eMETIS is fully backed again after an uncovered loss.
    event BackingRestored(uint256 backing, uint256 eMetisSupply);
    event RedemptionsFunded(uint256 indexed lastTicketId, uint256 eMetisBurned, uint256 metisPaid, uint256 rate);
    event MinStakeSet(uint256 minStake);
    event Paused(address account);
    event Unpaused(address account);
    event ManagerInitialized(address seMetis, address dispatcher, address redemptionQueue, address l1Hub);
    /// @notice The guardian held stakes, vault exits, redemption funding and reward minting until `until`
    /// because a loss on L1 is on its way to L2.
    event LossPauseStarted(address indexed guardian, uint256 until);
    /// @notice The loss pause ended: by a report built after it started (`nonce`), or by the guardian (nonce 0).
    event LossPauseEnded(uint256 nonce);

    // --------------------------------------------------------------- errors
    error ManagerZeroAmount();
    error ManagerZeroAddress();
    error ManagerBelowMinimum(uint256 assets, uint256 minimum);
    error ManagerPaused();
    error ManagerNotPaused();
    error ManagerAlreadyInitialized();
    error ManagerNotInitialized();
    error ManagerInsufficientBuffer(uint256 needed, uint256 available);
    error ManagerBridgeExceedsAvailable(uint256 amount, uint256 available);
    error ManagerUnauthorizedReport(address sender);
    error ManagerOnlyRewardReceiver(address caller);
    error ManagerRewardsNotArrived(uint256 amount, uint256 unaccounted);
    /// @notice Backing is zero, or below 1% of the eMETIS supply (a near-total loss): stakes are refused until it
    /// is resolved.
    error ManagerNoBacking();
    /// @notice Held by the guardian's loss pause until `until`.
    error ManagerLossPaused(uint256 until);
    /// @notice A loss pause is already running.
    error ManagerLossPauseActive(uint256 until);

    // --------------------------------------------------------------- users
    /// @notice Stakes `msg.value` native METIS and mints eMETIS to `receiver` (1:1 while fully backed).
    /// @param referral recorded in the `Staked` event only (zero for none).
    function stake(address receiver, address referral) external payable returns (uint256 eMetisOut);

    /// @notice Stakes `msg.value` native METIS and deposits the eMETIS into seMETIS for `receiver`.
    function stakeAndRestake(address receiver, address referral) external payable returns (uint256 shares);

    /// @notice `stake` paid through METIS's ERC-20 face (`assets` approved to this contract).
    function stakeErc20(uint256 assets, address receiver, address referral) external returns (uint256 eMetisOut);

    /// @notice `stakeAndRestake` paid through METIS's ERC-20 face.
    function stakeErc20AndRestake(uint256 assets, address receiver, address referral) external returns (uint256 shares);

    // --------------------------------------------------------------- keeper / anyone
    /// @notice Keeper: sends `amount` buffered METIS to the L1 hub through Metis's L2 bridge; `msg.value` is
    /// the bridge's METIS fee (paid by the keeper, never out of what backs eMETIS). Never more than the buffer
    /// minus what unfunded redemption tickets need.
    function bridgeToL1(uint256 amount) external payable;

    /// @notice Pays redemption tickets up to `lastTicketId` from the buffer at `backingRatio()`.
    function fundRedemptions(uint256 lastTicketId) external returns (uint256 metisPaid);

    /// @notice Credits principal that has arrived from L1 (up to what the hub reported sending).
    function creditPrincipal() external returns (uint256 credited);

    /// @notice RewardReceiver only: `rewards` METIS it just sent here are minted as eMETIS to the dispatcher.
    function mintRewards(uint256 rewards) external;

    /// @notice Guardian: holds stakes, vault exits, redemption funding and reward minting for at most
    /// `LOSS_PAUSE` while a loss seen on L1 is on its way to L2; the first report built after the pause began
    /// lifts it. Nobody can then leave before the loss is shared, or enter at a stale price.
    function pauseForLoss() external;

    /// @notice Guardian: lifts the loss pause early (a false alarm).
    function endLossPause() external;

    // --------------------------------------------------------------- views
    function metis() external view returns (address);
    function eMetis() external view returns (address);
    function seMetis() external view returns (address);
    function dispatcher() external view returns (address);
    function redemptionQueue() external view returns (address);
    function rewardReceiver() external view returns (address);
    function l1Hub() external view returns (address);
    function minStake() external view returns (uint256);
    function paused() external view returns (bool);
    /// @notice Until when the loss pause holds (0 or past: not paused).
    function lossPauseUntil() external view returns (uint256);
    /// @notice True once an uncovered loss left eMETIS less than fully backed.
    function underBacked() external view returns (bool);
    /// @notice METIS held on L2 for the protocol (not bridged, not paid to the queue).
    function bufferedMetis() external view returns (uint256);
    /// @notice METIS the protocol backs eMETIS with (see the contract notice).
    function totalBacking() external view returns (uint256);
    /// @notice METIS per eMETIS, 1e18 scale, capped at 1e18.
    function backingRatio() external view returns (uint256);
    /// @notice Cumulative METIS bridged to L1 and principal credited back from L1.
    function bridgeTotals() external view returns (uint256 bridgedToL1, uint256 creditedFromL1);
    /// @notice Principal the hub reported sending that has not been credited yet (in flight to L2).
    function pendingPrincipal() external view returns (uint256);
    /// @notice The buffer minus what unfunded redemption tickets need: what `bridgeToL1` may send.
    function bridgeable() external view returns (uint256);
    /// @notice The last report applied (all zero before the first).
    function lastReport() external view returns (L1Report memory);
}
