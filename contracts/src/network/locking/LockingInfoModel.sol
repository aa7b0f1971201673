// SPDX-License-Identifier: MIT
pragma solidity 0.8.23;

// Metis reverts with these exact strings; the model keeps them so callers see the same revert data.
// solhint-disable gas-custom-errors

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {ILockingInfo} from "../../interfaces/metis/ILockingInfo.sol";
import {IL1StandardBridge} from "../../interfaces/metis/IL1StandardBridge.sol";
import {ModelInitializable} from "../ModelInitializable.sol";
import {SequencerInfoModel} from "./SequencerInfoModel.sol";

/// @title DEVNET/TEST MODEL of Metis's LockingInfo (L1): never deployed to a real network.
/// @notice The escrow of the LockingPool model: it holds every locked METIS and every unpaid reward, keeps the
/// limits (`minLock`, `maxLock`), `totalLocked` and the `rewardPayer`, emits the sequencer events, and pays
/// rewards out only by bridging them to the reward recipient ON L2 through the L1 bridge's
/// `depositERC20ToByChainId{value: msg.value}` (the caller's ETH pays the bridge fee). When a reward is zero,
/// nothing is bridged and the ETH sent with the call stays in this contract (as on Metis, where nothing can
/// take it out again). Only the pool (`manager`, set once with `initManager`) may move funds.
/// @dev Differences from Metis's LockingInfo (MetisProtocol/metis-sequencer-contract, 0.8.24 rewrite):
/// - Configuration is a one-time `initialize(bridge, l1Token, l2Token, l2ChainId, owner)` by the deployer of
///   the code (see `ModelInitializable`), and takes the owner explicitly; Metis's `initialize` is open and
///   makes the caller the owner.
/// - The owner is OpenZeppelin 5 `Ownable` (`OwnableUnauthorizedAccount(caller)` instead of
///   "Ownable: caller is not the owner").
/// Everything else (functions, checks, revert strings, events and the order of transfers) follows Metis.
contract LockingInfoModel is ILockingInfo, Ownable, ModelInitializable {
    using SafeERC20 for IERC20;

    /// @notice `setMinLock` changed the minimum.
    event SetMinLock(uint256 _newMinLock);
    /// @notice `setMaxLock` changed the maximum.
    event SetMaxLock(uint256 _newMaxLock);
    /// @notice `setRewardPayer` changed the payer.
    event SetRewardPayer(address _payer);
    /// @notice A sequencer's signer was replaced (`updateSigner` on the pool).
    event SignerChange(
        uint256 indexed sequencerId,
        uint256 nonce,
        address indexed oldSigner,
        address indexed newSigner,
        bytes signerPubkey
    );

    /// @inheritdoc ILockingInfo
    address public override bridge;
    /// @inheritdoc ILockingInfo
    address public override l1Token;
    /// @inheritdoc ILockingInfo
    address public override l2Token;
    /// @inheritdoc ILockingInfo
    uint256 public override l2ChainId;
    /// @inheritdoc ILockingInfo
    uint256 public override minLock;
    /// @inheritdoc ILockingInfo
    uint256 public override maxLock;
    /// @inheritdoc ILockingInfo
    uint256 public override totalLocked;
    /// @inheritdoc ILockingInfo
    uint256 public override totalRewardsLiquidated;
    /// @notice The LockingPool allowed to call the manager functions (set once by `initManager`).
    address public manager;
    /// @inheritdoc ILockingInfo
    address public override rewardPayer;

    /// @dev Metis's `OnlyManager`.
    modifier onlyManager() {
        require(msg.sender == manager, "Not manager");
        _;
    }

    constructor() Ownable(msg.sender) {}

    /// @notice One-time configuration: minLock 20,000 METIS, maxLock 100,000 METIS.
    /// @param _bridge The L1 standard bridge (model) that carries rewards to L2.
    /// @param _l1Token METIS on L1.
    /// @param _l2Token METIS on L2 (0xDeadDeAddeAddEAddeadDEaDDEAdDeaDDeAD0000).
    /// @param _l2ChainId The L2 chain rewards are bridged to.
    /// @param _owner The admin.
    function initialize(address _bridge, address _l1Token, address _l2Token, uint256 _l2ChainId, address _owner)
        external
        initializer
        onlyModelDeployer
    {
        bridge = _bridge;
        l1Token = _l1Token;
        l2Token = _l2Token;
        l2ChainId = _l2ChainId;
        minLock = 20_000 ether;
        maxLock = 100_000 ether;
        _transferOwnership(_owner);
    }

    /// @notice Owner only, once: the LockingPool that manages this escrow.
    /// @param _manager The pool.
    function initManager(address _manager) external onlyOwner {
        require(manager == address(0), "manager has been initialized");
        manager = _manager;
    }

    /// @notice Owner only: the least a sequencer may keep locked.
    /// @param _minLock New minimum (not zero).
    function setMinLock(uint256 _minLock) external onlyOwner {
        require(_minLock > 0, "_minLock=0");
        minLock = _minLock;
        emit SetMinLock(_minLock);
    }

    /// @notice Owner only: the most a sequencer may lock.
    /// @param _maxLock New maximum (>= minLock).
    function setMaxLock(uint256 _maxLock) external onlyOwner {
        require(_maxLock >= minLock, "maxLock<minLock");
        maxLock = _maxLock;
        emit SetMaxLock(_maxLock);
    }

    /// @notice Owner only: the account that pays batch rewards (it approves this contract).
    /// @param _payer New payer.
    function setRewardPayer(address _payer) external onlyOwner {
        rewardPayer = _payer;
        emit SetRewardPayer(_payer);
    }

    /// @notice Pool only: a new sequencer locks `_amount` (minLock..maxLock), pulled from `_owner`.
    function newSequencer(
        uint256 _id,
        address _owner,
        address _signer,
        uint256 _amount,
        uint256 _batchId,
        bytes calldata _signerPubkey
    ) external onlyManager {
        require(_amount >= minLock && _amount <= maxLock, "invalid amount");
        uint256 total = totalLocked + _amount;
        totalLocked = total;
        IERC20(l1Token).safeTransferFrom(_owner, address(this), _amount);
        emit Locked(_signer, _id, 1, _batchId, _amount, total, _signerPubkey);
    }

    /// @notice Pool only: `_incoming` METIS (pulled from `_owner`) and `_fromReward` of the unpaid reward are
    /// added to a sequencer, whose lock becomes `_locked` (<= maxLock; something must be added).
    function increaseLocked(
        uint256 _seqId,
        uint256 _nonce,
        address _owner,
        uint256 _locked,
        uint256 _incoming,
        uint256 _fromReward
    ) external onlyManager {
        require(_locked <= maxLock, "locked>maxLock");
        uint256 increased = _incoming + _fromReward;
        require(increased > 0, "No new locked added");
        IERC20(l1Token).safeTransferFrom(_owner, address(this), _incoming);
        uint256 total = totalLocked + increased;
        totalLocked = total;
        emit Relocked(_seqId, increased, total);
        emit LockUpdate(_seqId, _nonce, _locked);
    }

    /// @notice Pool only: sends `_amount` of a sequencer's lock to `_owner` on L1; `_locked` stays (>= minLock).
    function withdrawLocking(uint256 _seqId, address _owner, uint256 _nonce, uint256 _amount, uint256 _locked)
        external
        onlyManager
    {
        require(_amount > 0 && _locked >= minLock, "invalid amount");
        totalLocked -= _amount;
        IERC20(l1Token).safeTransfer(_owner, _amount);
        emit Withdraw(_seqId, _amount);
        emit LockUpdate(_seqId, _nonce, _locked);
    }

    /// @notice Pool only: first step of an exit; the unpaid `_reward` is bridged to the recipient on L2 (with
    /// `msg.value` as the bridge fee; a zero reward bridges nothing and the ETH stays here).
    function initializeUnlock(
        uint256 _seqId,
        uint256 _reward,
        uint32 _l2gas,
        SequencerInfoModel.Sequencer calldata _seq
    ) external payable onlyManager {
        _liquidateReward(_seqId, _reward, _seq.rewardRecipient, _l2gas);
        emit UnlockInit(
            _seq.signer,
            _seqId,
            _seq.nonce,
            _seq.deactivationBatch,
            _seq.deactivationTime,
            _seq.unlockClaimTime,
            _reward
        );
    }

    /// @notice Pool only: last step of an exit; the lock goes to `_operator` on L1, a leftover `_reward` is
    /// bridged to `_recipient` on L2 (a zero reward bridges nothing and the ETH stays here).
    function finalizeUnlock(
        address _operator,
        uint256 _seqId,
        uint256 _amount,
        uint256 _reward,
        address _recipient,
        uint32 _l2gas
    ) external payable onlyManager {
        uint256 total = totalLocked - _amount;
        totalLocked = total;
        IERC20(l1Token).safeTransfer(_operator, _amount);
        if (_reward > 0) {
            _liquidateReward(_seqId, _reward, _recipient, _l2gas);
        }
        emit Unlocked(_operator, _seqId, _amount, total);
    }

    /// @notice Pool only: bridges `_amount` of reward to `_recipient` on L2, `msg.value` paying the fee.
    function liquidateReward(uint256 _seqId, uint256 _amount, address _recipient, uint32 _l2gas)
        external
        payable
        onlyManager
    {
        _liquidateReward(_seqId, _amount, _recipient, _l2gas);
    }

    /// @notice Pool only: pulls a batch's total reward from the reward payer.
    function distributeReward(uint256 _batchId, uint256 _totalReward) external onlyManager {
        IERC20(l1Token).safeTransferFrom(rewardPayer, address(this), _totalReward);
        emit BatchSubmitReward(_batchId);
    }

    /// @notice Pool only: logs a signer change.
    function logSignerChange(
        uint256 sequencerId,
        address oldSigner,
        address newSigner,
        uint256 nonce,
        bytes calldata signerPubkey
    ) external onlyManager {
        emit SignerChange(sequencerId, nonce, oldSigner, newSigner, signerPubkey);
    }

    function _liquidateReward(uint256 _seqId, uint256 _amount, address _recipient, uint32 _l2gas) internal {
        _bridgeTo(_recipient, _amount, _l2gas);
        uint256 total = totalRewardsLiquidated + _amount;
        totalRewardsLiquidated = total;
        emit ClaimRewards(_seqId, _recipient, _amount, total);
    }

    function _bridgeTo(address _recipient, uint256 _amount, uint32 _l2gas) internal {
        if (_amount == 0) return;
        IERC20(l1Token).safeIncreaseAllowance(bridge, _amount);
        IL1StandardBridge(bridge).depositERC20ToByChainId{value: msg.value}(
            l2ChainId, l1Token, l2Token, _recipient, _amount, _l2gas, ""
        );
    }
}
