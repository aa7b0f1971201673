// SPDX-License-Identifier: MIT
pragma solidity 0.8.23;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";
import {Address} from "@openzeppelin/contracts/utils/Address.sol";
import {Clones} from "@openzeppelin/contracts/proxy/Clones.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {ISequencerHub} from "../interfaces/ISequencerHub.sol";
import {IL1ReportReceiver} from "../interfaces/IL1ReportReceiver.sol";
import {L1Report} from "../interfaces/L1Report.sol";
import {ILockingPool} from "../interfaces/metis/ILockingPool.sol";
import {ILockingInfo} from "../interfaces/metis/ILockingInfo.sol";
import {IL1StandardBridge, IAddressManager, IMVMDiscountOracle} from "../interfaces/metis/IL1StandardBridge.sol";
import {IL1CrossDomainMessenger} from "../interfaces/metis/ICrossDomainMessengers.sol";
import {MetisAddresses} from "../interfaces/metis/MetisAddresses.sol";
import {SequencerAgent} from "./SequencerAgent.sol";

/// @title SequencerHub: the protocol on Ethereum (L1), the "dealer" of node seats.
/// @notice METIS arrives here from the L2 manager through Metis's bridge (after its 7-day fraud window). The
/// keeper locks it in seats of Metis's LockingPool (one SequencerAgent per seat, rewards going to the L2
/// RewardReceiver), tops seats up to maxLock, withdraws above-minLock principal at once when redemptions
/// need it (the fast path), unlocks a seat when they need more (the slow path: the pool's 21-day exit delay)
/// and returns principal to the L2 manager through the L1 bridge. Every report to L2 goes through Metis's L1
/// messenger: Metis must put this hub on its cross-domain sender whitelist (MVM_DiscountOracle.xDomainWL)
/// before `report()` and `returnToL2()` can work.
/// @dev Accounting is cumulative, so reports are idempotent: `_lockedCum` (METIS put into seats),
/// `_returnedCum` (principal the seats gave back), `_sentCum` (principal deposited to L2). The METIS the hub
/// received from L2 is then `idle + locked + sent - returned`, and the losses are what the seats hold below
/// `locked - returned`. Only Metis's own views are read: the limits on LockingInfo and a seat's state from
/// the `sequencers(id)` tuple. Nothing loops over all seats but the report, which walks the live ones only.
contract SequencerHub is ISequencerHub, AccessControl, ReentrancyGuard {
    using SafeERC20 for IERC20;
    using SafeCast for uint256;

    /// @notice Opens, tops up, withdraws from and unlocks seats; returns principal to L2; reports without delay.
    bytes32 public constant KEEPER_ROLE = keccak256("KEEPER_ROLE");

    string private constant _ORACLE_NAME = "MVM_DiscountOracle";

    /// @notice METIS on L1.
    IERC20 public immutable metis;
    /// @notice Metis's LockingPool.
    ILockingPool public immutable pool;
    /// @notice Metis's L1StandardBridge.
    IL1StandardBridge public immutable l1Bridge;
    /// @notice Metis's L1CrossDomainMessenger.
    IL1CrossDomainMessenger public immutable l1Messenger;
    /// @notice The Metis chain id (1088 Andromeda, 59902 Metis Sepolia).
    uint256 public immutable l2ChainId;
    /// @notice The StakingManager on L2: the only recipient of principal and reports.
    address public immutable l2Manager;
    /// @notice The RewardReceiver on L2: every seat's reward recipient.
    address public immutable l2RewardReceiver;
    /// @notice The SequencerAgent every seat's agent is a clone of.
    address public immutable agentImplementation;

    struct Seat {
        SequencerAgent agent;
        uint128 principal; // METIS the hub put in and has not taken back
        uint64 seqId;
        SeatState state;
    }

    /// @dev What the hub reads of a sequencer in the pool.
    struct PoolSeat {
        uint256 amount;
        uint256 reward;
        uint256 updatedBatch;
        uint256 claimTime;
        ILockingPool.Status status;
    }

    Seat[] private _seats;
    mapping(address signer => bool used) private _signerTaken; // by a seat of this hub that is not removed
    uint256[] private _live;
    mapping(uint256 seatIndex => uint256 position) private _livePosition; // index in _live + 1

    uint128 private _lockedCum;
    uint128 private _returnedCum;
    uint128 private _sentCum;
    uint64 private _nonce;
    uint64 private _lastReportAt;
    uint128 private _lastShortfall;

    /// @notice L2 gas for principal deposits to L2 (raised to Metis's minimum by the bridge).
    uint32 public depositL2Gas = 200_000;
    /// @notice L2 gas for reward deliveries (withdrawRewards, unlock, unlockClaim).
    uint32 public rewardL2Gas = 200_000;
    /// @notice L2 gas for a report message.
    uint32 public reportL2Gas = 400_000;
    /// @notice Smallest pending reward `withdrawRewards` bridges: the ETH fee (0.0002 ETH on mainnet) stays a small
    /// fraction of what it delivers, whoever calls it.
    uint128 public minRewardWithdrawal = 10 ether;
    /// @notice Least time between two reports by a non-keeper when the losses did not change (what a stranger can
    /// make the hub spend on report fees is bounded by it: one fee per interval).
    uint64 public minReportInterval = 1 hours;

    /// @param metis_ METIS on L1
    /// @param pool_ Metis's LockingPool
    /// @param l1Bridge_ Metis's L1StandardBridge
    /// @param l1Messenger_ Metis's L1CrossDomainMessenger
    /// @param l2ChainId_ the Metis chain id
    /// @param l2Manager_ the StakingManager on L2
    /// @param l2RewardReceiver_ the RewardReceiver on L2
    /// @param admin receives DEFAULT_ADMIN_ROLE
    constructor(
        IERC20 metis_,
        ILockingPool pool_,
        IL1StandardBridge l1Bridge_,
        IL1CrossDomainMessenger l1Messenger_,
        uint256 l2ChainId_,
        address l2Manager_,
        address l2RewardReceiver_,
        address admin
    ) {
        if (
            address(metis_) == address(0) || address(pool_) == address(0) || address(l1Bridge_) == address(0)
                || address(l1Messenger_) == address(0) || l2Manager_ == address(0) || l2RewardReceiver_ == address(0)
                || admin == address(0) || l2ChainId_ == 0
        ) revert HubZeroAddress();
        metis = metis_;
        pool = pool_;
        l1Bridge = l1Bridge_;
        l1Messenger = l1Messenger_;
        l2ChainId = l2ChainId_;
        l2Manager = l2Manager_;
        l2RewardReceiver = l2RewardReceiver_;
        agentImplementation = address(new SequencerAgent());
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
    }

    /// @notice ETH for bridge fees. Anyone may fund the hub.
    receive() external payable {
        emit EthReceived(msg.sender, msg.value);
    }

    // ================================================================= admin

    /// @inheritdoc ISequencerHub
    function addSeat(address signer, bytes calldata signerPubkey)
        external
        onlyRole(DEFAULT_ADMIN_ROLE)
        returns (uint256 seatIndex, address agent)
    {
        // LockingPool derives the signer from the 64-byte uncompressed key (no 0x04 prefix).
        if (
            signer == address(0) || signerPubkey.length != 64
                || address(uint160(uint256(keccak256(signerPubkey)))) != signer
        ) {
            revert HubBadSigner(signer);
        }
        uint256 used = pool.seqSigners(signer);
        if (used != 0) revert HubSignerUsed(signer, used);
        if (_signerTaken[signer]) revert HubSignerUsed(signer, 0);
        _signerTaken[signer] = true;
        SequencerAgent a = SequencerAgent(Clones.clone(agentImplementation));
        a.initialize(pool, metis, signer, signerPubkey);
        agent = address(a);
        seatIndex = _seats.length;
        _seats.push(Seat({agent: a, principal: 0, seqId: 0, state: SeatState.Pending}));
        emit SeatAdded(seatIndex, agent, signer);
    }

    /// @inheritdoc ISequencerHub
    function removeSeat(uint256 seatIndex) external onlyRole(DEFAULT_ADMIN_ROLE) {
        Seat storage s = _seat(seatIndex);
        _requireState(seatIndex, s, SeatState.Pending);
        s.state = SeatState.Removed;
        delete _signerTaken[s.agent.signer()];
        emit SeatRemoved(seatIndex);
    }

    /// @notice Admin: L2 gas limits for deposits, reward deliveries and reports (each 100,000..10,000,000).
    function setGasLimits(uint32 depositL2Gas_, uint32 rewardL2Gas_, uint32 reportL2Gas_)
        external
        onlyRole(DEFAULT_ADMIN_ROLE)
    {
        if (
            depositL2Gas_ < 100_000 || rewardL2Gas_ < 100_000 || reportL2Gas_ < 100_000 || depositL2Gas_ > 10_000_000
                || rewardL2Gas_ > 10_000_000 || reportL2Gas_ > 10_000_000
        ) revert HubBadGasLimits();
        depositL2Gas = depositL2Gas_;
        rewardL2Gas = rewardL2Gas_;
        reportL2Gas = reportL2Gas_;
        emit GasLimitsSet(depositL2Gas_, rewardL2Gas_, reportL2Gas_);
    }

    /// @notice Admin: the smallest reward `withdrawRewards` bridges.
    function setMinRewardWithdrawal(uint256 amount) external onlyRole(DEFAULT_ADMIN_ROLE) {
        minRewardWithdrawal = amount.toUint128();
        emit MinRewardWithdrawalSet(amount);
    }

    /// @notice Admin: least time between two non-keeper reports without a loss change (at most 1 day).
    function setMinReportInterval(uint256 interval) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (interval > 1 days) revert HubBadReportInterval(interval);
        minReportInterval = uint64(interval);
        emit MinReportIntervalSet(interval);
    }

    /// @notice Admin: sends ETH the hub holds for fees back to `to` (ETH is the operator's fee budget, never
    /// what backs eMETIS).
    function refundEth(address payable to, uint256 amount) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (to == address(0)) revert HubZeroAddress();
        emit EthRefunded(to, amount);
        Address.sendValue(to, amount);
    }

    // ================================================================= keeper

    /// @inheritdoc ISequencerHub
    function openSeat(uint256 seatIndex, uint256 amount) external onlyRole(KEEPER_ROLE) nonReentrant {
        Seat storage s = _seat(seatIndex);
        _requireState(seatIndex, s, SeatState.Pending);
        _requireWhitelisted(seatIndex, s);
        ILockingInfo info = _info();
        uint256 minLock = info.minLock();
        uint256 maxLock = info.maxLock();
        if (amount < minLock || amount > maxLock) revert HubBadLockAmount(amount, minLock, maxLock);
        _requireIdle(amount);
        s.state = SeatState.Active;
        s.principal = amount.toUint128();
        _lockedCum += amount.toUint128();
        _addLive(seatIndex);
        metis.safeTransfer(address(s.agent), amount);
        uint256 seqId = s.agent.lock(amount, l2RewardReceiver);
        s.seqId = seqId.toUint64();
        emit SeatOpened(seatIndex, seqId, amount);
    }

    /// @inheritdoc ISequencerHub
    function topUpSeat(uint256 seatIndex, uint256 amount) external onlyRole(KEEPER_ROLE) nonReentrant {
        if (amount == 0) revert HubZeroAmount();
        Seat storage s = _activeSeat(seatIndex);
        _requireWhitelisted(seatIndex, s);
        uint256 locked = _poolSeat(s.seqId).amount;
        uint256 maxLock = _info().maxLock();
        if (locked + amount > maxLock) revert HubBadLockAmount(locked + amount, 0, maxLock);
        _requireIdle(amount);
        uint256 principal = s.principal + amount;
        s.principal = principal.toUint128();
        _lockedCum += amount.toUint128();
        metis.safeTransfer(address(s.agent), amount);
        s.agent.relock(amount);
        emit SeatToppedUp(seatIndex, amount, principal);
    }

    /// @inheritdoc ISequencerHub
    function withdrawFromSeat(uint256 seatIndex, uint256 amount) external onlyRole(KEEPER_ROLE) nonReentrant {
        if (amount == 0) revert HubZeroAmount();
        Seat storage s = _activeSeat(seatIndex);
        _requireWhitelisted(seatIndex, s);
        PoolSeat memory p = _poolSeat(s.seqId);
        uint256 minLock = _info().minLock();
        if (amount > p.amount || p.amount - amount < minLock) {
            revert HubBelowMinLock(amount > p.amount ? 0 : p.amount - amount, minLock);
        }
        uint256 batch = pool.currentBatch();
        if (batch <= p.updatedBatch) revert HubWithdrawThrottled(seatIndex, batch, p.updatedBatch);
        s.principal = uint256(s.principal) > amount ? uint128(s.principal - amount) : 0;
        uint256 received = s.agent.withdraw(amount);
        // anything beyond `amount` was METIS sent to the agent by someone else: it counts as received, not returned
        _returnedCum += Math.min(received, amount).toUint128();
        emit SeatWithdrawn(seatIndex, amount, received);
    }

    /// @inheritdoc ISequencerHub
    function unlockSeat(uint256 seatIndex) external onlyRole(KEEPER_ROLE) nonReentrant {
        Seat storage s = _activeSeat(seatIndex);
        _requireWhitelisted(seatIndex, s);
        uint256 reward = _poolSeat(s.seqId).reward;
        // LockingInfo bridges a pending reward on unlock and needs the fee only then (a fee sent with no
        // reward would stay in Metis's contract).
        uint256 fee = reward == 0 ? 0 : _fee(rewardL2Gas);
        s.state = SeatState.Unlocking;
        s.agent.unlock{value: fee}(rewardL2Gas);
        emit SeatUnlockStarted(seatIndex, _poolSeat(s.seqId).claimTime, fee);
    }

    /// @inheritdoc ISequencerHub
    function returnToL2(uint256 amount) external onlyRole(KEEPER_ROLE) nonReentrant {
        if (amount == 0) revert HubZeroAmount();
        _requireIdle(amount);
        uint32 l2Gas = depositL2Gas;
        uint256 fee = bridgeFee(l2Gas);
        // the report goes out first and pays its own fee: both must be covered before anything is sent
        uint256 both = fee + bridgeFee(reportL2Gas);
        if (address(this).balance < both) revert HubInsufficientEth(both, address(this).balance);
        uint256 sent = _sentCum + amount;
        _sentCum = sent.toUint128();
        // The report goes first in Metis's L1->L2 queue: the L2 manager learns of the principal before it
        // arrives, so it never mistakes it for a donation and never counts it twice.
        _sendReport(amount);
        metis.forceApprove(address(l1Bridge), amount);
        l1Bridge.depositERC20ToByChainId{value: fee}(
            l2ChainId, address(metis), MetisAddresses.L2_METIS, l2Manager, amount, l2Gas, ""
        );
        emit PrincipalReturned(amount, sent, fee);
    }

    // ================================================================= anyone

    /// @inheritdoc ISequencerHub
    function withdrawRewards(uint256 seatIndex) external nonReentrant {
        Seat storage s = _activeSeat(seatIndex);
        _requireWhitelisted(seatIndex, s);
        uint256 reward = _poolSeat(s.seqId).reward;
        uint256 minimum = Math.max(minRewardWithdrawal, 1);
        if (reward < minimum) revert HubRewardTooSmall(reward, minimum);
        uint256 fee = _fee(rewardL2Gas);
        s.agent.withdrawRewards{value: fee}(rewardL2Gas);
        emit SeatRewardsBridged(seatIndex, reward, fee);
    }

    /// @inheritdoc ISequencerHub
    function claimSeat(uint256 seatIndex) external nonReentrant {
        Seat storage s = _seat(seatIndex);
        if (s.state == SeatState.Active) _syncForceUnlock(seatIndex, s);
        _requireState(seatIndex, s, SeatState.Unlocking);
        _requireWhitelisted(seatIndex, s);
        PoolSeat memory p = _poolSeat(s.seqId);
        if (p.claimTime == 0 || block.timestamp < p.claimTime) revert HubNotClaimable(seatIndex, p.claimTime);
        uint256 fee = p.reward == 0 ? 0 : _fee(rewardL2Gas);
        uint256 principal = s.principal;
        s.principal = 0;
        s.state = SeatState.Closed;
        _removeLive(seatIndex);
        uint256 received = s.agent.unlockClaim{value: fee}(rewardL2Gas);
        _returnedCum += Math.min(received, p.amount).toUint128();
        emit SeatClaimed(seatIndex, principal, received, fee);
    }

    /// @inheritdoc ISequencerHub
    function syncSeat(uint256 seatIndex) external {
        Seat storage s = _seat(seatIndex);
        if (s.state == SeatState.Active) _syncForceUnlock(seatIndex, s);
    }

    /// @inheritdoc ISequencerHub
    function report() external nonReentrant {
        if (!hasRole(KEEPER_ROLE, msg.sender)) {
            uint256 next = uint256(_lastReportAt) + minReportInterval;
            if (block.timestamp < next && _shortfall() == _lastShortfall) revert HubReportTooSoon(next);
        }
        _sendReport(0);
    }

    // ================================================================= views

    /// @inheritdoc ISequencerHub
    function buildReport() external view returns (L1Report memory) {
        return _buildReport(0);
    }

    /// @dev The report as it will be once `outgoing` idle METIS has left for L2.
    function _buildReport(uint256 outgoing) private view returns (L1Report memory r) {
        ILockingInfo info = _info();
        uint256 minLock = info.minLock();
        uint256 count = _live.length;
        uint256 nextClaim;
        for (uint256 i; i < count; ++i) {
            Seat storage s = _seats[_live[i]];
            PoolSeat memory p = _poolSeat(s.seqId);
            if (p.status == ILockingPool.Status.Active) {
                r.locked += p.amount.toUint128();
                ++r.activeSeats;
                if (p.amount > minLock && pool.whitelist(address(s.agent))) {
                    r.withdrawable += (p.amount - minLock).toUint128();
                }
            } else {
                r.unlocking += p.amount.toUint128();
                if (p.claimTime != 0 && (nextClaim == 0 || p.claimTime < nextClaim)) nextClaim = p.claimTime;
            }
        }
        uint256 idle = metis.balanceOf(address(this)) - outgoing;
        r.nonce = _nonce + 1;
        r.timestamp = uint64(block.timestamp);
        r.idle = idle.toUint128();
        r.sentToL2 = _sentCum;
        r.receivedFromL2 = (idle + _lockedCum + _sentCum - _returnedCum).toUint128();
        r.shortfall = _shortfallOf(r.locked + r.unlocking).toUint128();
        r.nextClaimTime = uint64(nextClaim);
        r.exitDelay = pool.exitDelayPeriod().toUint64();
        r.rewardPerBlock = pool.rewardPerBlock().toUint128();
        r.networkLocked = info.totalLocked().toUint128();
    }

    /// @inheritdoc ISequencerHub
    function bridgeFee(uint32 l2Gas) public view returns (uint256) {
        IMVMDiscountOracle oracle = IMVMDiscountOracle(IAddressManager(l1Bridge.addressmgr()).getAddress(_ORACLE_NAME));
        return Math.max(l2Gas, oracle.getMinL2Gas()) * oracle.getDiscount();
    }

    /// @inheritdoc ISequencerHub
    function seatCount() external view returns (uint256) {
        return _seats.length;
    }

    /// @inheritdoc ISequencerHub
    function seat(uint256 seatIndex)
        external
        view
        returns (address agent, address signer, uint256 seqId, uint256 principal, SeatState state)
    {
        Seat storage s = _seat(seatIndex);
        agent = address(s.agent);
        signer = s.agent.signer();
        seqId = s.seqId;
        principal = s.principal;
        state = s.state;
    }

    /// @inheritdoc ISequencerHub
    function liveSeats() external view returns (uint256[] memory) {
        return _live;
    }

    /// @inheritdoc ISequencerHub
    function unlockWouldPassBft() external view returns (bool) {
        uint256 active = pool.seqStatuses(ILockingPool.Status.Active);
        uint256 inactive = pool.seqStatuses(ILockingPool.Status.Inactive);
        if (active == 0) return false;
        return (inactive + 1) * 3 <= active + inactive;
    }

    /// @notice Cumulative METIS put into seats, returned by them, and sent to L2.
    function totals() external view returns (uint256 lockedCum, uint256 returnedCum, uint256 sentCum) {
        return (_lockedCum, _returnedCum, _sentCum);
    }

    /// @notice The nonce of the last report sent and when it was sent.
    function lastReport() external view returns (uint256 nonce, uint256 sentAt) {
        return (_nonce, _lastReportAt);
    }

    // ================================================================= internals

    function _sendReport(uint256 outgoing) private {
        L1Report memory r = _buildReport(outgoing);
        _nonce = r.nonce;
        _lastReportAt = uint64(block.timestamp);
        _lastShortfall = r.shortfall;
        uint32 l2Gas = reportL2Gas;
        uint256 fee = _fee(l2Gas);
        l1Messenger.sendMessageViaChainId{value: fee}(
            l2ChainId, l2Manager, abi.encodeCall(IL1ReportReceiver.receiveReport, (r)), l2Gas
        );
        emit ReportSent(r.nonce, r, fee);
    }

    /// @dev The ETH fee for `l2Gas`, checked against the hub's balance.
    function _fee(uint32 l2Gas) private view returns (uint256 fee) {
        fee = bridgeFee(l2Gas);
        uint256 balance = address(this).balance;
        if (balance < fee) revert HubInsufficientEth(fee, balance);
    }

    /// @dev Current losses: what the live seats should hold minus what they hold.
    function _shortfall() private view returns (uint256) {
        uint256 held;
        uint256 count = _live.length;
        for (uint256 i; i < count; ++i) {
            held += _poolSeat(_seats[_live[i]].seqId).amount;
        }
        return _shortfallOf(held);
    }

    function _shortfallOf(uint256 held) private view returns (uint256) {
        uint256 owed = _lockedCum > _returnedCum ? _lockedCum - _returnedCum : 0;
        return owed > held ? owed - held : 0;
    }

    function _info() private view returns (ILockingInfo) {
        return ILockingInfo(pool.escrow());
    }

    function _seat(uint256 seatIndex) private view returns (Seat storage) {
        if (seatIndex >= _seats.length) revert HubUnknownSeat(seatIndex);
        return _seats[seatIndex];
    }

    /// @dev An Active seat that the pool still has active (a force-unlocked one is moved to Unlocking first).
    function _activeSeat(uint256 seatIndex) private returns (Seat storage s) {
        s = _seat(seatIndex);
        if (s.state == SeatState.Active) _syncForceUnlock(seatIndex, s);
        _requireState(seatIndex, s, SeatState.Active);
    }

    function _syncForceUnlock(uint256 seatIndex, Seat storage s) private {
        PoolSeat memory p = _poolSeat(s.seqId);
        if (p.status != ILockingPool.Status.Active) {
            s.state = SeatState.Unlocking;
            emit SeatForceUnlocked(seatIndex, p.claimTime);
        }
    }

    function _requireState(uint256 seatIndex, Seat storage s, SeatState expected) private view {
        if (s.state != expected) revert HubBadSeatState(seatIndex, s.state);
    }

    function _requireWhitelisted(uint256 seatIndex, Seat storage s) private view {
        if (!pool.whitelist(address(s.agent))) revert HubNotWhitelisted(seatIndex, address(s.agent));
    }

    function _requireIdle(uint256 amount) private view {
        uint256 idle = metis.balanceOf(address(this));
        if (amount > idle) revert HubInsufficientIdle(amount, idle);
    }

    /// @dev The fields of Metis's `sequencers(id)` tuple this hub uses. The getter returns 13 values (one of
    /// them the signer's public key, a `bytes`): they are read from the returned words rather than decoded
    /// into 13 stack variables.
    function _poolSeat(uint256 seqId) private view returns (PoolSeat memory p) {
        bytes memory ret = Address.functionStaticCall(address(pool), abi.encodeCall(ILockingPool.sequencers, (seqId)));
        if (ret.length < 13 * 32) revert HubBadPoolResponse();
        (p.amount, p.reward,, p.updatedBatch,,, p.claimTime) =
            abi.decode(ret, (uint256, uint256, uint256, uint256, uint256, uint256, uint256));
        uint256 status;
        assembly ("memory-safe") {
            status := mload(add(ret, 416)) // word 12 (status), after the 32-byte length
        }
        if (status > uint256(type(ILockingPool.Status).max)) revert HubBadPoolResponse();
        p.status = ILockingPool.Status(status);
    }

    function _addLive(uint256 seatIndex) private {
        _live.push(seatIndex);
        _livePosition[seatIndex] = _live.length;
    }

    function _removeLive(uint256 seatIndex) private {
        uint256 pos = _livePosition[seatIndex];
        uint256 last = _live[_live.length - 1];
        _live[pos - 1] = last;
        _livePosition[last] = pos;
        _live.pop();
        delete _livePosition[seatIndex];
    }
}
