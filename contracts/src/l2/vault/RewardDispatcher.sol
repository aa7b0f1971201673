// SPDX-License-Identifier: MIT
pragma solidity 0.8.23;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {IRewardDispatcher} from "../../interfaces/IRewardDispatcher.sol";
import {ISeMetis} from "../../interfaces/ISeMetis.sol";

/// @title Splits harvested eMETIS rewards: the protocol fee to the treasury, the rest streamed into seMETIS.
/// @notice `dispatch()` is permissionless: funds can only go to the treasury and the vault, and the split is
/// fixed by `feeBps`. An outsider can send dust and dispatch it; the vault merges each addition into its stream
/// at the amount-weighted end (rounded toward the earlier end), so dust cannot delay earlier rewards. No reward
/// is lost or redirected.
/// @dev Needs DISPATCHER_ROLE on the vault. The StakingManager mints eMETIS here and then calls `dispatch()`.
contract RewardDispatcher is AccessControl, IRewardDispatcher {
    using SafeERC20 for IERC20;

    /// @inheritdoc IRewardDispatcher
    uint256 public constant MAX_FEE_BPS = 2000;
    /// @notice The fee set at deployment (10%).
    uint256 public constant DEFAULT_FEE_BPS = 1000;
    uint256 private constant _BPS = 10_000;

    /// @notice The eMETIS token.
    IERC20 public immutable eMetis;
    /// @notice The seMETIS vault that receives the rewards net of the fee.
    ISeMetis public immutable seMetis;

    /// @inheritdoc IRewardDispatcher
    uint256 public feeBps;
    /// @inheritdoc IRewardDispatcher
    address public treasury;

    /// @param eMetis_ the eMETIS token.
    /// @param seMetis_ the seMETIS vault.
    /// @param treasury_ receives the fee.
    /// @param admin receives DEFAULT_ADMIN_ROLE (fee and treasury setters).
    constructor(address eMetis_, address seMetis_, address treasury_, address admin) {
        if (eMetis_ == address(0) || seMetis_ == address(0) || treasury_ == address(0) || admin == address(0)) {
            revert DispatcherZeroAddress();
        }
        eMetis = IERC20(eMetis_);
        seMetis = ISeMetis(seMetis_);
        treasury = treasury_;
        feeBps = DEFAULT_FEE_BPS;
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        emit TreasurySet(treasury_);
        emit FeeSet(DEFAULT_FEE_BPS);
    }

    /// @inheritdoc IRewardDispatcher
    /// @dev The fee is rounded down, so the treasury never gets more than `feeBps` of the amount. With an
    /// empty balance this does nothing and returns zeros.
    function dispatch() external returns (uint256 toTreasury, uint256 toVault) {
        uint256 amount = eMetis.balanceOf(address(this));
        if (amount == 0) return (0, 0);
        toTreasury = (amount * feeBps) / _BPS;
        toVault = amount - toTreasury;
        emit Dispatched(amount, toTreasury, toVault);
        if (toTreasury != 0) eMetis.safeTransfer(treasury, toTreasury);
        if (toVault != 0) {
            eMetis.safeTransfer(address(seMetis), toVault);
            seMetis.addRewards(toVault);
        }
    }

    /// @inheritdoc IRewardDispatcher
    function setFeeBps(uint256 newFeeBps) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (newFeeBps > MAX_FEE_BPS) revert DispatcherFeeTooHigh(newFeeBps, MAX_FEE_BPS);
        feeBps = newFeeBps;
        emit FeeSet(newFeeBps);
    }

    /// @inheritdoc IRewardDispatcher
    function setTreasury(address newTreasury) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (newTreasury == address(0)) revert DispatcherZeroAddress();
        treasury = newTreasury;
        emit TreasurySet(newTreasury);
    }
}
