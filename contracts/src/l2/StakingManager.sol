// SPDX-License-Identifier: MIT
pragma solidity 0.8.23;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {IStakingManager} from "../interfaces/IStakingManager.sol";
import {IL1ReportReceiver} from "../interfaces/IL1ReportReceiver.sol";
import {IEMetis} from "../interfaces/IEMetis.sol";
import {ISeMetis} from "../interfaces/ISeMetis.sol";
import {IRewardDispatcher} from "../interfaces/IRewardDispatcher.sol";
import {IRedemptionQueue} from "../interfaces/IRedemptionQueue.sol";
import {L1Report} from "../interfaces/L1Report.sol";
import {IL2StandardBridge} from "../interfaces/metis/IL2StandardBridge.sol";
import {IL2CrossDomainMessenger} from "../interfaces/metis/ICrossDomainMessengers.sol";
import {EMetis} from "./token/EMetis.sol";
import {RewardReceiver} from "./RewardReceiver.sol";

/// @title StakingManager: the protocol on Metis (L2).
/// @notice Users stake native METIS (`msg.value`, the main path: METIS is Metis's gas token) or through
/// METIS's ERC-20 face, and get eMETIS 1:1 while it is fully backed. The buffer is bridged to the L1 hub by
/// the keeper (Metis's L2 bridge, 7-day fraud window); the hub runs the node seats on Ethereum and sends back
/// principal (to this contract) and authenticated reports (through Metis's messengers). Rewards reach a
/// separate address, the RewardReceiver, so principal and rewards are never confused.
/// @dev Accounting lives in storage: `_hot.buffered` is the METIS held here for the protocol; cumulative
/// `_bridgedToL1` / `_creditedFromL1` and the reported `_shortfall` give the backing without reading any
/// balance. Balances are read only through METIS's ERC-20 face, and only to see what arrived without a call
/// (principal from L1, rewards handed over). The native and ERC-20 balances are never added.
/// The eMETIS token and the RewardReceiver are deployed by the constructor, so their addresses are immutable
/// and `stake` touches a single storage slot of its own.
contract StakingManager is IStakingManager, AccessControl, ReentrancyGuard {
    using SafeERC20 for IERC20;
    using SafeCast for uint256;

    /// @notice Bridges the buffer to L1.
    bytes32 public constant KEEPER_ROLE = keccak256("KEEPER_ROLE");
    /// @notice May pause and unpause the stake paths.
    bytes32 public constant PAUSER_ROLE = keccak256("PAUSER_ROLE");
    /// @notice May start (and end early) the bounded loss pause.
    bytes32 public constant GUARDIAN_ROLE = keccak256("GUARDIAN_ROLE");
    /// @notice The longest a loss pause holds: far longer than a report takes to reach L2 (minutes).
    uint256 public constant LOSS_PAUSE = 1 days;
    /// @notice Below this backing ratio (1%: a near-total loss) stakes are refused until it is resolved.
    uint256 public constant MIN_BACKING_RATIO = 0.01e18;

    uint256 private constant ONE = 1e18;

    /// @dev Read (and the buffer written) by every stake: one slot.
    struct Hot {
        uint128 buffered;
        uint64 minStake;
        bool paused;
        bool underBacked;
        uint32 lossPauseUntil;
    }

    IERC20 private immutable _metis;
    IEMetis private immutable _eMetis;
    address private immutable _rewardReceiver;
    IL2StandardBridge private immutable _l2Bridge;
    IL2CrossDomainMessenger private immutable _l2Messenger;

    Hot private _hot;

    ISeMetis private _seMetis;
    IRewardDispatcher private _dispatcher;
    IRedemptionQueue private _queue;
    address private _l1Hub;

    uint128 private _bridgedToL1;
    uint128 private _creditedFromL1;
    uint128 private _shortfall;
    uint64 private _lossPausedAt;

    L1Report private _report;

    /// @param metis_ METIS's ERC-20 face (0xDeadDeAddeAddEAddeadDEaDDEAdDeaDDeAD0000 on Metis)
    /// @param l2Bridge_ Metis's L2StandardBridge (0x4200…0010)
    /// @param l2Messenger_ Metis's L2CrossDomainMessenger (0x4200…0007)
    /// @param admin receives DEFAULT_ADMIN_ROLE
    constructor(address metis_, address l2Bridge_, address l2Messenger_, address admin) {
        if (metis_ == address(0) || l2Bridge_ == address(0) || l2Messenger_ == address(0) || admin == address(0)) {
            revert ManagerZeroAddress();
        }
        _metis = IERC20(metis_);
        _l2Bridge = IL2StandardBridge(l2Bridge_);
        _l2Messenger = IL2CrossDomainMessenger(l2Messenger_);
        _eMetis = new EMetis(address(this));
        _rewardReceiver = address(new RewardReceiver(IERC20(metis_), address(this)));
        _hot.minStake = 0.01 ether;
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        emit MinStakeSet(0.01 ether);
    }

    /// @notice Admin, once: wires the vault, the dispatcher, the queue and the L1 hub.
    function initialize(address seMetis_, address dispatcher_, address redemptionQueue_, address l1Hub_)
        external
        onlyRole(DEFAULT_ADMIN_ROLE)
    {
        if (address(_seMetis) != address(0)) revert ManagerAlreadyInitialized();
        if (
            seMetis_ == address(0) || dispatcher_ == address(0) || redemptionQueue_ == address(0)
                || l1Hub_ == address(0)
        ) {
            revert ManagerZeroAddress();
        }
        _seMetis = ISeMetis(seMetis_);
        _dispatcher = IRewardDispatcher(dispatcher_);
        _queue = IRedemptionQueue(redemptionQueue_);
        _l1Hub = l1Hub_;
        emit ManagerInitialized(seMetis_, dispatcher_, redemptionQueue_, l1Hub_);
    }

    // ================================================================= users

    /// @inheritdoc IStakingManager
    function stake(address receiver, address referral) external payable returns (uint256 eMetisOut) {
        eMetisOut = _accept(msg.value, receiver);
        _eMetis.mint(receiver, eMetisOut);
        emit Staked(msg.sender, receiver, referral, msg.value, eMetisOut);
    }

    /// @inheritdoc IStakingManager
    function stakeAndRestake(address receiver, address referral) external payable returns (uint256 shares) {
        shares = _restake(_accept(msg.value, receiver), receiver);
        emit StakedAndRestaked(msg.sender, receiver, referral, msg.value, shares);
    }

    /// @inheritdoc IStakingManager
    function stakeErc20(uint256 assets, address receiver, address referral) external returns (uint256 eMetisOut) {
        eMetisOut = _accept(assets, receiver);
        _metis.safeTransferFrom(msg.sender, address(this), assets);
        _eMetis.mint(receiver, eMetisOut);
        emit Staked(msg.sender, receiver, referral, assets, eMetisOut);
    }

    /// @inheritdoc IStakingManager
    function stakeErc20AndRestake(uint256 assets, address receiver, address referral)
        external
        returns (uint256 shares)
    {
        uint256 eMetisOut = _accept(assets, receiver);
        _metis.safeTransferFrom(msg.sender, address(this), assets);
        shares = _restake(eMetisOut, receiver);
        emit StakedAndRestaked(msg.sender, receiver, referral, assets, shares);
    }

    // ================================================================= keeper / anyone

    /// @inheritdoc IStakingManager
    function bridgeToL1(uint256 amount) external payable onlyRole(KEEPER_ROLE) nonReentrant {
        if (amount == 0) revert ManagerZeroAmount();
        address hub = _l1Hub;
        if (hub == address(0)) revert ManagerNotInitialized();
        _creditArrivals(msg.value); // the fee is not an arrival
        uint256 available = _bridgeable();
        if (amount > available) revert ManagerBridgeExceedsAvailable(amount, available);
        _hot.buffered -= uint128(amount); // amount <= buffered
        uint256 bridged = _bridgedToL1 + amount;
        _bridgedToL1 = bridged.toUint128();
        // The bridge burns `amount` from this contract's METIS on top of the fee (msg.value).
        _l2Bridge.withdrawTo{value: msg.value}(address(_metis), hub, amount, 0, "");
        emit BridgedToL1(amount, msg.value, bridged);
    }

    /// @inheritdoc IStakingManager
    /// @dev Anyone may call: it pays queued tickets in FIFO order from the buffer and cannot send METIS anywhere
    /// else. The queue checks the order and records the rate.
    function fundRedemptions(uint256 lastTicketId) external nonReentrant returns (uint256 metisPaid) {
        _requireNoLossPause();
        _creditArrivals(0);
        uint256 rate = backingRatio();
        IRedemptionQueue queue = _queue;
        uint256 eMetisAmount = queue.finalize(lastTicketId, rate);
        metisPaid = Math.mulDiv(eMetisAmount, rate, ONE); // rounded down, as the queue reserves
        uint256 buffered = _hot.buffered;
        if (buffered < metisPaid) revert ManagerInsufficientBuffer(metisPaid, buffered);
        _hot.buffered = uint128(buffered - metisPaid);
        _metis.safeTransfer(address(queue), metisPaid);
        _eMetis.burn(address(queue), eMetisAmount);
        emit RedemptionsFunded(lastTicketId, eMetisAmount, metisPaid, rate);
    }

    /// @inheritdoc IStakingManager
    function creditPrincipal() external nonReentrant returns (uint256 credited) {
        credited = _creditArrivals(0);
    }

    /// @inheritdoc IL1ReportReceiver
    function receiveReport(L1Report calldata r) external nonReentrant {
        // the messenger is asked for the L1 sender only when it is the caller (it reverts outside a relay)
        if (msg.sender != address(_l2Messenger) || _l2Messenger.xDomainMessageSender() != _l1Hub) {
            revert ManagerUnauthorizedReport(msg.sender);
        }
        uint256 last = _report.nonce;
        if (r.nonce <= last) {
            emit ReportIgnored(r.nonce, last);
            return;
        }
        _report = r;
        _creditArrivals(0);
        uint256 previous = _shortfall;
        if (r.shortfall != previous) {
            uint256 backingBefore = totalBacking();
            _shortfall = r.shortfall;
            if (r.shortfall > previous) _recordLoss(r.shortfall - previous, backingBefore);
            else emit LossRecovered(previous - r.shortfall, backingRatio());
            _updateBackedFlag();
        }
        // a report built on L1 after the loss pause began carries the loss the guardian saw
        if (_hot.lossPauseUntil != 0 && r.timestamp >= _lossPausedAt) _endLossPause(r.nonce);
        emit ReportApplied(r.nonce, r.sentToL2, r.shortfall, totalBacking(), _eMetis.totalSupply());
    }

    /// @inheritdoc IStakingManager
    function mintRewards(uint256 rewards) external nonReentrant {
        if (msg.sender != _rewardReceiver) revert ManagerOnlyRewardReceiver(msg.sender);
        if (rewards == 0) revert ManagerZeroAmount();
        _requireNoLossPause();
        uint256 unaccounted = _unaccounted(0);
        if (unaccounted < rewards) revert ManagerRewardsNotArrived(rewards, unaccounted);
        uint256 eMetisOut = rewards;
        if (_hot.underBacked) {
            // at backing, so that rewards neither dilute nor favour holders of under-backed eMETIS; with no
            // backing at all an at-backing mint is undefined: the METIS then backs every holder's eMETIS
            uint256 backing = totalBacking();
            eMetisOut = backing == 0 ? 0 : Math.mulDiv(rewards, _eMetis.totalSupply(), backing);
        }
        _hot.buffered += rewards.toUint128();
        uint256 toTreasury;
        uint256 toVault;
        if (eMetisOut != 0) {
            IRewardDispatcher d = _dispatcher;
            _eMetis.mint(address(d), eMetisOut);
            (toTreasury, toVault) = d.dispatch();
        } else {
            _updateBackedFlag();
        }
        emit RewardsMinted(rewards, eMetisOut, toTreasury, toVault);
    }

    // ================================================================= admin

    /// @notice Admin: sets the minimum stake (in METIS wei).
    function setMinStake(uint256 minStake_) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _hot.minStake = minStake_.toUint64();
        emit MinStakeSet(minStake_);
    }

    /// @notice Pauser: stops the stake paths (redemption claims and vault withdrawals stay open).
    function pause() external onlyRole(PAUSER_ROLE) {
        if (_hot.paused) revert ManagerPaused();
        _hot.paused = true;
        emit Paused(msg.sender);
    }

    /// @notice Pauser: reopens the stake paths.
    function unpause() external onlyRole(PAUSER_ROLE) {
        if (!_hot.paused) revert ManagerNotPaused();
        _hot.paused = false;
        emit Unpaused(msg.sender);
    }

    /// @inheritdoc IStakingManager
    function pauseForLoss() external onlyRole(GUARDIAN_ROLE) {
        uint256 current = _hot.lossPauseUntil;
        if (block.timestamp < current) revert ManagerLossPauseActive(current);
        uint256 until = block.timestamp + LOSS_PAUSE;
        _hot.lossPauseUntil = until.toUint32();
        _lossPausedAt = uint64(block.timestamp);
        _seMetis.setExitPause(until);
        emit LossPauseStarted(msg.sender, until);
    }

    /// @inheritdoc IStakingManager
    function endLossPause() external onlyRole(GUARDIAN_ROLE) {
        if (block.timestamp >= _hot.lossPauseUntil) revert ManagerNotPaused();
        _endLossPause(0);
    }

    // ================================================================= views

    /// @inheritdoc IStakingManager
    function metis() external view returns (address) {
        return address(_metis);
    }

    /// @inheritdoc IStakingManager
    function eMetis() external view returns (address) {
        return address(_eMetis);
    }

    /// @inheritdoc IStakingManager
    function seMetis() external view returns (address) {
        return address(_seMetis);
    }

    /// @inheritdoc IStakingManager
    function dispatcher() external view returns (address) {
        return address(_dispatcher);
    }

    /// @inheritdoc IStakingManager
    function redemptionQueue() external view returns (address) {
        return address(_queue);
    }

    /// @inheritdoc IStakingManager
    function rewardReceiver() external view returns (address) {
        return _rewardReceiver;
    }

    /// @inheritdoc IStakingManager
    function l1Hub() external view returns (address) {
        return _l1Hub;
    }

    /// @notice Metis's L2 bridge and messenger this manager uses.
    function l2Contracts() external view returns (address l2Bridge, address l2Messenger) {
        return (address(_l2Bridge), address(_l2Messenger));
    }

    /// @inheritdoc IStakingManager
    function minStake() external view returns (uint256) {
        return _hot.minStake;
    }

    /// @inheritdoc IStakingManager
    function paused() external view returns (bool) {
        return _hot.paused;
    }

    /// @inheritdoc IStakingManager
    function lossPauseUntil() external view returns (uint256) {
        return _hot.lossPauseUntil;
    }

    /// @inheritdoc IStakingManager
    function underBacked() external view returns (bool) {
        return _hot.underBacked;
    }

    /// @inheritdoc IStakingManager
    function bufferedMetis() external view returns (uint256) {
        return _hot.buffered;
    }

    /// @inheritdoc IStakingManager
    /// @dev buffer + (bridged to L1 - credited back) - reported losses, floored at zero. Equal to buffer + in
    /// flight to L1 + held on L1 + in flight back, as the last report describes them.
    function totalBacking() public view returns (uint256) {
        uint256 plus = uint256(_hot.buffered) + _bridgedToL1;
        uint256 minus = uint256(_creditedFromL1) + _shortfall;
        return plus > minus ? plus - minus : 0;
    }

    /// @inheritdoc IStakingManager
    function backingRatio() public view returns (uint256) {
        uint256 supply = _eMetis.totalSupply();
        if (supply == 0) return ONE;
        return Math.min(ONE, Math.mulDiv(totalBacking(), ONE, supply)); // rounded down
    }

    /// @inheritdoc IStakingManager
    function bridgeTotals() external view returns (uint256 bridgedToL1, uint256 creditedFromL1) {
        return (_bridgedToL1, _creditedFromL1);
    }

    /// @inheritdoc IStakingManager
    function pendingPrincipal() public view returns (uint256) {
        uint256 sent = _report.sentToL2;
        return sent > _creditedFromL1 ? sent - _creditedFromL1 : 0;
    }

    /// @inheritdoc IStakingManager
    function bridgeable() external view returns (uint256) {
        return _bridgeable();
    }

    /// @inheritdoc IStakingManager
    function lastReport() external view returns (L1Report memory) {
        return _report;
    }

    // ================================================================= internals

    /// @dev Checks a stake, adds it to the buffer and returns the eMETIS to mint (1:1 unless under-backed,
    /// priced before the METIS joins the backing).
    function _accept(uint256 assets, address receiver) private returns (uint256 eMetisOut) {
        Hot memory h = _hot;
        if (h.paused) revert ManagerPaused();
        if (block.timestamp < h.lossPauseUntil) revert ManagerLossPaused(h.lossPauseUntil);
        if (assets == 0) revert ManagerZeroAmount();
        if (receiver == address(0)) revert ManagerZeroAddress();
        if (assets < h.minStake) revert ManagerBelowMinimum(assets, h.minStake);
        eMetisOut = h.underBacked ? _quoteUnderBacked(assets) : assets;
        _hot.buffered = (h.buffered + assets).toUint128();
    }

    /// @dev eMETIS for `assets` METIS at the backing ratio (rounded down). Backing below `MIN_BACKING_RATIO` of the
    /// supply (a near-total loss; zero included) refuses the stake until governance resolves it: at zero a
    /// newcomer's METIS would be shared with holders of worthless eMETIS, and near zero the mint explodes.
    function _quoteUnderBacked(uint256 assets) private view returns (uint256) {
        uint256 backing = totalBacking();
        uint256 supply = _eMetis.totalSupply();
        if (backing == 0 || Math.mulDiv(backing, ONE, supply) < MIN_BACKING_RATIO) revert ManagerNoBacking();
        if (backing >= supply) return assets;
        return Math.mulDiv(assets, supply, backing);
    }

    function _restake(uint256 eMetisOut, address receiver) private returns (uint256 shares) {
        ISeMetis vault = _seMetis;
        if (address(vault) == address(0)) revert ManagerNotInitialized();
        _eMetis.mint(address(vault), eMetisOut);
        shares = vault.depositFromManager(eMetisOut, receiver);
    }

    /// @dev METIS held here that the accounts do not know about: principal that arrived before it was
    /// credited, rewards just handed over, or a donation; `passingThrough` (a fee sent with this call, on its way
    /// out) excluded. Read through the ERC-20 face only.
    function _unaccounted(uint256 passingThrough) private view returns (uint256) {
        uint256 balance = _metis.balanceOf(address(this));
        uint256 known = uint256(_hot.buffered) + passingThrough;
        return balance > known ? balance - known : 0;
    }

    /// @dev Credits the principal the hub reported sending, as far as it has arrived.
    function _creditArrivals(uint256 passingThrough) private returns (uint256 credited) {
        uint256 pending = pendingPrincipal();
        if (pending == 0) return 0;
        credited = Math.min(pending, _unaccounted(passingThrough));
        if (credited == 0) return 0;
        _hot.buffered += credited.toUint128();
        uint256 total = _creditedFromL1 + credited;
        _creditedFromL1 = total.toUint128();
        emit PrincipalCredited(credited, total);
    }

    /// @dev The buffer minus the METIS unfunded tickets need at today's ratio (rounded up).
    function _bridgeable() private view returns (uint256) {
        uint256 buffered = _hot.buffered;
        IRedemptionQueue queue = _queue;
        uint256 reserve = address(queue) == address(0)
            ? 0
            : Math.mulDiv(queue.unfinalizedAmount(), backingRatio(), ONE, Math.Rounding.Ceil);
        return buffered > reserve ? buffered - reserve : 0;
    }

    /// @dev Charges `loss` METIS to seMETIS first; the rest lowers the backing ratio. Backing above the
    /// eMETIS supply takes the loss before anyone does. The vault gives up eMETIS worth the loss at the ratio
    /// before it (loss x supply / backing when under-backed), so plain eMETIS holders keep their ratio while
    /// the vault can cover it.
    function _recordLoss(uint256 loss, uint256 backingBefore) private {
        uint256 supply = _eMetis.totalSupply();
        uint256 surplus = backingBefore > supply ? backingBefore - supply : 0;
        uint256 chargeable = loss > surplus ? loss - surplus : 0;
        uint256 eMetisLoss =
            backingBefore >= supply || backingBefore == 0 ? chargeable : Math.mulDiv(chargeable, supply, backingBefore);
        ISeMetis vault = _seMetis;
        uint256 absorbed = eMetisLoss == 0 ? 0 : vault.absorbLoss(eMetisLoss);
        if (absorbed != 0) _eMetis.burn(address(vault), absorbed);
        // METIS of the loss that the vault's eMETIS covered, at the ratio before it
        uint256 coveredMetis =
            backingBefore >= supply || eMetisLoss == 0 ? absorbed : Math.mulDiv(chargeable, absorbed, eMetisLoss);
        emit LossRecorded(loss, absorbed, chargeable - coveredMetis, backingRatio());
    }

    function _requireNoLossPause() private view {
        uint256 until = _hot.lossPauseUntil;
        if (block.timestamp < until) revert ManagerLossPaused(until);
    }

    function _endLossPause(uint256 nonce) private {
        _hot.lossPauseUntil = 0;
        _lossPausedAt = 0;
        _seMetis.setExitPause(0);
        emit LossPauseEnded(nonce);
    }

    /// @dev Under-backed exactly when backing is below the eMETIS supply (only losses and recoveries move it).
    function _updateBackedFlag() private {
        uint256 backing = totalBacking();
        uint256 supply = _eMetis.totalSupply();
        bool under = backing < supply;
        if (under == _hot.underBacked) return;
        _hot.underBacked = under;
        if (!under) emit BackingRestored(backing, supply);
    }
}
