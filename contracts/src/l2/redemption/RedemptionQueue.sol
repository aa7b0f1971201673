// SPDX-License-Identifier: MIT
pragma solidity 0.8.23;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ERC721} from "@openzeppelin/contracts/token/ERC721/ERC721.sol";
import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {IRedemptionQueue} from "../../interfaces/IRedemptionQueue.sol";
import {IStakingManager} from "../../interfaces/IStakingManager.sol";

/// @title RedemptionQueue: eMETIS -> METIS with transferable ERC-721 tickets, FIFO, O(1) claims.
/// @notice A request moves eMETIS into the queue (it stays in the eMETIS supply until funded) and mints a
/// ticket. The manager funds tickets in order: it sends the METIS, burns the tickets' eMETIS and calls
/// `finalize` with the METIS-per-eMETIS rate. A funded ticket is claimable at once. Rates are stored as
/// checkpoints only when they change (a loss), so a claim finds its rate by binary search over loss events,
/// independent of the queue length.
/// A claimed ticket is marked claimed (not burned: marking costs one warm write where burning costs three
/// slots and an event) and can no longer be transferred; it stays readable through `getTicket`.
/// @dev Owner index for `ticketsOf`: each owner has a list of its OPEN (unclaimed) tickets, packed as 40-bit ids:
/// the count and the first five ids share one slot (`_ownerHead`), later positions take six ids per slot
/// (`_ownerMore`); each ticket keeps its position in its own slot. A request appends (the one owner slot a
/// request writes anyway), a claim or a transfer removes by swapping the last id in, so listing costs
/// O(open tickets) and never grows with an owner's history; `ticketsOf` is paginated, so even an owner who
/// was gifted thousands of dust tickets can be read in pages within any `eth_call` gas cap.
/// Claims do not take a reentrancy lock: all state is written before the single METIS transfer at the end.
contract RedemptionQueue is IRedemptionQueue, ERC721, AccessControl {
    using SafeERC20 for IERC20;
    using SafeCast for uint256;

    uint256 private constant ONE = 1e18;

    /// @dev One slot per ticket: a claim reads nothing else of the queue's history.
    struct Ticket {
        uint96 cumulative; // eMETIS requested up to and including this ticket (79 billion eMETIS of headroom)
        uint96 amount; // this ticket's eMETIS
        uint32 requestedAt;
        uint24 ownerIndex; // position in the owner's open list
        bool claimed;
    }

    /// @dev Rate `rate` applies to tickets from `fromId` until the next checkpoint.
    struct Checkpoint {
        uint128 fromId;
        uint128 rate;
    }

    IERC20 private immutable _eMetis;
    IERC20 private immutable _metis;
    /// @notice The StakingManager, the only address allowed to finalize.
    address public immutable manager;

    // slot: config read by every request
    uint96 private _minAmount;
    uint96 private _maxAmount;

    // slot: queue heads, written by every request
    uint40 private _lastTicketId;
    uint40 private _lastFinalizedId;
    uint128 private _cumulativeRequested;

    // slot: funded side, written by finalize and claims; caches the last rate checkpoint for O(1) claims
    uint128 private _reservedMetis;
    uint40 private _lastCheckpointFrom;
    uint64 private _lastCheckpointRate;

    uint256 private _cumulativeFinalized;

    mapping(uint256 ticketId => Ticket) private _tickets;
    Checkpoint[] private _checkpoints;
    mapping(address owner => uint256) private _ownerHead;
    mapping(address owner => mapping(uint256 slot => uint256)) private _ownerMore;

    uint256 private constant _ID_BITS = 40;
    uint256 private constant _ID_MASK = (1 << 40) - 1;
    uint256 private constant _HEAD_IDS = 5;
    uint256 private constant _SLOT_IDS = 6;

    error QueueBadRate(uint256 rate);
    error QueueBadLimits(uint256 minAmount, uint256 maxAmount);

    /// @param eMetis_ the eMETIS token
    /// @param metis_ the METIS token paid out
    /// @param manager_ the StakingManager
    /// @param admin receives DEFAULT_ADMIN_ROLE (limits)
    constructor(address eMetis_, address metis_, address manager_, address admin)
        ERC721("Metis Redemption Ticket", "METIS-RT")
    {
        if (eMetis_ == address(0) || metis_ == address(0) || manager_ == address(0) || admin == address(0)) {
            revert QueueZeroAddress();
        }
        _eMetis = IERC20(eMetis_);
        _metis = IERC20(metis_);
        manager = manager_;
        _minAmount = 0.01 ether;
        _maxAmount = 100_000 ether;
        _checkpoints.push(Checkpoint({fromId: 1, rate: 1e18}));
        _lastCheckpointFrom = 1;
        _lastCheckpointRate = 1e18;
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
    }

    // ================================================================= users

    /// @inheritdoc IRedemptionQueue
    function requestRedemption(uint256 eMetisAmount, address owner) external returns (uint256 ticketId) {
        ticketId = _request(eMetisAmount, owner);
    }

    /// @inheritdoc IRedemptionQueue
    function requestRedemptionWithPermit(
        uint256 eMetisAmount,
        address owner,
        uint256 deadline,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external returns (uint256 ticketId) {
        // a failed permit (front-run, already used) is ignored; the transfer then needs the allowance
        IERC20Permit token = IERC20Permit(address(_eMetis));
        // solhint-disable-next-line no-empty-blocks
        try token.permit(msg.sender, address(this), eMetisAmount, deadline, v, r, s) {} catch {}
        ticketId = _request(eMetisAmount, owner);
    }

    /// @inheritdoc IRedemptionQueue
    function claim(uint256 ticketId, address to) external returns (uint256 metisAmount) {
        if (to == address(0)) revert QueueZeroAddress();
        metisAmount = _claim(ticketId, to);
        _reservedMetis -= metisAmount.toUint128();
        _metis.safeTransfer(to, metisAmount);
    }

    /// @inheritdoc IRedemptionQueue
    function claimBatch(uint256[] calldata ticketIds, address to) external returns (uint256 metisAmount) {
        if (to == address(0)) revert QueueZeroAddress();
        uint256 count = ticketIds.length;
        for (uint256 i; i < count; ++i) {
            metisAmount += _claim(ticketIds[i], to);
        }
        _reservedMetis -= metisAmount.toUint128();
        _metis.safeTransfer(to, metisAmount);
    }

    // ================================================================= manager

    /// @inheritdoc IRedemptionQueue
    function finalize(uint256 lastTicketId_, uint256 rate) external returns (uint256 eMetisAmount) {
        if (msg.sender != manager) revert QueueOnlyManager(msg.sender);
        uint256 fromId = uint256(_lastFinalizedId) + 1;
        if (lastTicketId_ < fromId || lastTicketId_ > _lastTicketId) revert QueueBadFinalization(lastTicketId_);
        if (rate > ONE) revert QueueBadRate(rate);
        uint256 cumulative = _tickets[lastTicketId_].cumulative;
        eMetisAmount = cumulative - _cumulativeFinalized;
        uint256 metisAmount = Math.mulDiv(eMetisAmount, rate, ONE); // rounded down, as the manager pays
        if (_lastCheckpointRate != rate) {
            _checkpoints.push(Checkpoint({fromId: fromId.toUint128(), rate: rate.toUint128()}));
            _lastCheckpointFrom = fromId.toUint40();
            _lastCheckpointRate = rate.toUint64();
        }
        _lastFinalizedId = lastTicketId_.toUint40();
        _cumulativeFinalized = cumulative;
        _reservedMetis += metisAmount.toUint128();
        emit TicketsFinalized(fromId, lastTicketId_, eMetisAmount, rate);
    }

    // ================================================================= admin

    /// @notice Admin: per-ticket eMETIS limits.
    function setLimits(uint256 minAmount_, uint256 maxAmount_) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (minAmount_ == 0 || minAmount_ > maxAmount_ || maxAmount_ > type(uint96).max) {
            revert QueueBadLimits(minAmount_, maxAmount_);
        }
        _minAmount = minAmount_.toUint96();
        _maxAmount = maxAmount_.toUint96();
        emit LimitsSet(minAmount_, maxAmount_);
    }

    // ================================================================= views

    /// @inheritdoc IRedemptionQueue
    function lastTicketId() external view returns (uint256) {
        return _lastTicketId;
    }

    /// @inheritdoc IRedemptionQueue
    function lastFinalizedId() external view returns (uint256) {
        return _lastFinalizedId;
    }

    /// @inheritdoc IRedemptionQueue
    function unfinalizedAmount() external view returns (uint256) {
        return _cumulativeRequested - _cumulativeFinalized;
    }

    /// @inheritdoc IRedemptionQueue
    function cumulativeOf(uint256 ticketId) external view returns (uint256) {
        return _tickets[ticketId].cumulative;
    }

    /// @inheritdoc IRedemptionQueue
    /// @dev Binary search over the cumulative sums: O(log n).
    function finalizableUpTo(uint256 eMetisBudget) external view returns (uint256 lastId, uint256 eMetisAmount) {
        uint256 base = _cumulativeFinalized;
        uint256 lo = _lastFinalizedId; // always fits
        uint256 hi = _lastTicketId;
        while (lo < hi) {
            uint256 mid = (lo + hi + 1) / 2;
            if (_tickets[mid].cumulative - base <= eMetisBudget) lo = mid;
            else hi = mid - 1;
        }
        lastId = lo;
        eMetisAmount = lo == _lastFinalizedId ? 0 : _tickets[lo].cumulative - base;
    }

    /// @inheritdoc IRedemptionQueue
    function reservedMetis() external view returns (uint256) {
        return _reservedMetis;
    }

    /// @inheritdoc IRedemptionQueue
    function minAmount() external view returns (uint256) {
        return _minAmount;
    }

    /// @inheritdoc IRedemptionQueue
    function maxAmount() external view returns (uint256) {
        return _maxAmount;
    }

    /// @notice Number of rate checkpoints (1 + the number of funding rounds at a changed rate).
    function checkpointCount() external view returns (uint256) {
        return _checkpoints.length;
    }

    /// @notice The funding rate of a finalized ticket (1e18 = 1 METIS per eMETIS).
    function rateOf(uint256 ticketId) external view returns (uint256) {
        if (ticketId == 0 || ticketId > _lastFinalizedId) revert QueueNotFinalized(ticketId);
        return _rateOf(ticketId);
    }

    /// @inheritdoc IRedemptionQueue
    /// @dev Unknown ids return an empty struct (status None).
    function getTicket(uint256 ticketId) public view returns (TicketInfo memory info) {
        if (ticketId == 0 || ticketId > _lastTicketId) return info;
        Ticket memory t = _tickets[ticketId];
        info.id = ticketId;
        info.owner = _ownerOf(ticketId);
        info.eMetisAmount = t.amount;
        info.requestedAt = t.requestedAt;
        if (ticketId <= _lastFinalizedId) {
            info.metisAmount = Math.mulDiv(info.eMetisAmount, _rateOf(ticketId), ONE);
            info.status = t.claimed ? TicketStatus.Claimed : TicketStatus.Claimable;
        } else {
            info.metisAmount = Math.mulDiv(info.eMetisAmount, IStakingManager(manager).backingRatio(), ONE);
            info.status = TicketStatus.Pending;
        }
    }

    /// @inheritdoc IRedemptionQueue
    function ticketsOf(address owner, uint256 offset, uint256 limit)
        external
        view
        returns (uint256[] memory ids, uint256 total)
    {
        uint256 head = _ownerHead[owner];
        total = head & _ID_MASK;
        uint256 end = offset >= total ? offset : (limit >= total - offset ? total : offset + limit);
        ids = new uint256[](end - offset);
        for (uint256 p = offset; p < end; ++p) {
            ids[p - offset] = _idAt(owner, head, p);
        }
    }

    /// @inheritdoc IRedemptionQueue
    function openTicketCount(address owner) external view returns (uint256) {
        return _ownerHead[owner] & _ID_MASK;
    }

    /// @inheritdoc AccessControl
    function supportsInterface(bytes4 interfaceId) public view override(ERC721, AccessControl) returns (bool) {
        return ERC721.supportsInterface(interfaceId) || AccessControl.supportsInterface(interfaceId);
    }

    // ================================================================= internals

    function _request(uint256 eMetisAmount, address owner) private returns (uint256 ticketId) {
        if (eMetisAmount == 0) revert QueueZeroAmount();
        if (owner == address(0)) revert QueueZeroAddress();
        uint256 min = _minAmount;
        uint256 max = _maxAmount;
        if (eMetisAmount < min) revert QueueAmountBelowMin(eMetisAmount, min);
        if (eMetisAmount > max) revert QueueAmountAboveMax(eMetisAmount, max);
        uint256 cumulative = _cumulativeRequested + eMetisAmount;
        ticketId = uint256(_lastTicketId) + 1;
        _lastTicketId = ticketId.toUint40();
        _cumulativeRequested = cumulative.toUint128();
        _tickets[ticketId] = Ticket({
            cumulative: cumulative.toUint96(),
            amount: uint96(eMetisAmount), // <= cumulative
            requestedAt: block.timestamp.toUint32(),
            ownerIndex: _pushOpen(owner, ticketId).toUint24(),
            claimed: false
        });
        _eMetis.safeTransferFrom(msg.sender, address(this), eMetisAmount);
        _mint(owner, ticketId);
        emit RedemptionRequested(ticketId, owner, eMetisAmount, cumulative);
    }

    /// @dev Checks, marks the ticket claimed and returns its METIS; the caller updates the reserve and pays.
    function _claim(uint256 ticketId, address to) private returns (uint256 metisAmount) {
        if (ticketId == 0 || ticketId > _lastTicketId) revert QueueUnknownTicket(ticketId);
        Ticket storage t = _tickets[ticketId];
        Ticket memory ticket = t;
        if (ticket.claimed) revert QueueAlreadyClaimed(ticketId);
        address owner = _ownerOf(ticketId);
        if (owner != msg.sender) revert QueueNotOwner(ticketId, msg.sender);
        if (ticketId > _lastFinalizedId) revert QueueNotFinalized(ticketId);
        t.claimed = true;
        _removeOpen(owner, ticket.ownerIndex);
        uint256 eMetisAmount = ticket.amount;
        metisAmount = Math.mulDiv(eMetisAmount, _rateOf(ticketId), ONE);
        emit RedemptionClaimed(ticketId, owner, to, metisAmount);
    }

    /// @dev The rate of a finalized ticket: the last checkpoint with fromId <= ticketId (binary search).
    function _rateOf(uint256 ticketId) private view returns (uint256) {
        if (_lastCheckpointFrom <= ticketId) return _lastCheckpointRate; // the common case: one warm slot
        uint256 lo; // _checkpoints[0].fromId == 1 <= ticketId
        uint256 hi = _checkpoints.length - 2; // the last checkpoint starts after ticketId
        while (lo < hi) {
            uint256 mid = (lo + hi + 1) / 2;
            if (_checkpoints[mid].fromId <= ticketId) lo = mid;
            else hi = mid - 1;
        }
        return _checkpoints[lo].rate;
    }

    /// @dev Claimed tickets cannot move; a transfer moves the ticket from one owner's open list to the other's.
    function _update(address to, uint256 tokenId, address auth) internal override returns (address from) {
        Ticket storage t = _tickets[tokenId];
        if (t.claimed) revert QueueAlreadyClaimed(tokenId);
        from = super._update(to, tokenId, auth);
        if (from != address(0) && to != address(0) && from != to) {
            _removeOpen(from, t.ownerIndex);
            t.ownerIndex = _pushOpen(to, tokenId).toUint24();
        }
    }

    /// @dev Appends `id` to `owner`'s open list; returns its position.
    function _pushOpen(address owner, uint256 id) private returns (uint256 pos) {
        uint256 head = _ownerHead[owner];
        pos = head & _ID_MASK;
        if (pos < _HEAD_IDS) {
            _ownerHead[owner] = _withId(head, pos + 1, id) + 1; // id in place, count + 1
        } else {
            (uint256 slot, uint256 shift) = _morePlace(pos);
            uint256 word = _ownerMore[owner][slot];
            _ownerMore[owner][slot] = (word & ~(_ID_MASK << shift)) | (id << shift);
            _ownerHead[owner] = head + 1;
        }
    }

    /// @dev Removes the id at `pos` from `owner`'s open list by moving the last id into its place (the old
    /// last field is left as it is: beyond the count, it is never read).
    function _removeOpen(address owner, uint256 pos) private {
        uint256 head = _ownerHead[owner];
        uint256 last = (head & _ID_MASK) - 1;
        if (pos != last) {
            uint256 lastId = _idAt(owner, head, last);
            if (pos < _HEAD_IDS) {
                head = _withId(head, pos + 1, lastId);
            } else {
                (uint256 slot, uint256 shift) = _morePlace(pos);
                uint256 word = _ownerMore[owner][slot];
                _ownerMore[owner][slot] = (word & ~(_ID_MASK << shift)) | (lastId << shift);
            }
            _tickets[lastId].ownerIndex = uint24(pos); // pos < count, which fits (checked on push)
        }
        _ownerHead[owner] = head - 1;
    }

    /// @dev The id at position `pos` of `owner`'s open list (`head` is the owner's head slot).
    function _idAt(address owner, uint256 head, uint256 pos) private view returns (uint256) {
        if (pos < _HEAD_IDS) return (head >> (_ID_BITS * (pos + 1))) & _ID_MASK;
        (uint256 slot, uint256 shift) = _morePlace(pos);
        return (_ownerMore[owner][slot] >> shift) & _ID_MASK;
    }

    /// @dev `head` with `id` in field `field` (field 0 is the count, fields 1..5 the first five ids).
    function _withId(uint256 head, uint256 field, uint256 id) private pure returns (uint256) {
        uint256 shift = _ID_BITS * field;
        return (head & ~(_ID_MASK << shift)) | (id << shift);
    }

    function _morePlace(uint256 pos) private pure returns (uint256 slot, uint256 shift) {
        uint256 i = pos - _HEAD_IDS;
        slot = i / _SLOT_IDS;
        shift = _ID_BITS * (i % _SLOT_IDS);
    }
}
