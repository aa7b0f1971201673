// SPDX-License-Identifier: MIT
pragma solidity 0.8.23;

/// @title eMETIS -> METIS redemption queue with ERC-721 tickets.
/// @notice FIFO with cumulative sums: ticket `id` covers eMETIS (cumulative[id-1], cumulative[id]].
/// The manager funds tickets in order at a METIS-per-eMETIS rate (1e18 unless a loss cut backing); a funded
/// ticket is claimable at once by whoever owns it then. How soon a ticket is funded depends on where the
/// METIS is (the L2 buffer, a partial withdrawal on L1, or a seat's 21-day unlock): the lens estimates it.
interface IRedemptionQueue {
    enum TicketStatus {
        None,
        Pending, // waiting for funding
        Claimable, // funded
        Claimed
    }

    // solhint-disable-next-line gas-struct-packing
    struct TicketInfo {
        // returned by views only, never stored
        uint256 id;
        address owner;
        uint256 eMetisAmount;
        uint256 metisAmount; // at the funding rate if funded, else at the current backing ratio
        uint64 requestedAt;
        TicketStatus status;
    }

    event RedemptionRequested(
        uint256 indexed ticketId, address indexed owner, uint256 eMetisAmount, uint256 cumulative
    );
    event TicketsFinalized(uint256 indexed fromId, uint256 indexed toId, uint256 eMetisAmount, uint256 rate);
    event RedemptionClaimed(uint256 indexed ticketId, address indexed owner, address to, uint256 metisAmount);
    event LimitsSet(uint256 minAmount, uint256 maxAmount);

    error QueueZeroAmount();
    error QueueZeroAddress();
    error QueueAmountBelowMin(uint256 amount, uint256 min);
    error QueueAmountAboveMax(uint256 amount, uint256 max);
    error QueueNotOwner(uint256 ticketId, address caller);
    error QueueNotFinalized(uint256 ticketId);
    error QueueAlreadyClaimed(uint256 ticketId);
    error QueueUnknownTicket(uint256 ticketId);
    error QueueOnlyManager(address caller);
    error QueueBadFinalization(uint256 lastTicketId);

    /// @notice Takes `eMetisAmount` eMETIS from the caller and mints a ticket to `owner`.
    function requestRedemption(uint256 eMetisAmount, address owner) external returns (uint256 ticketId);

    /// @notice `requestRedemption` with an EIP-2612 permit on eMETIS.
    function requestRedemptionWithPermit(
        uint256 eMetisAmount,
        address owner,
        uint256 deadline,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external returns (uint256 ticketId);

    /// @notice Pays a funded ticket's METIS to `to`. Caller must own the ticket.
    function claim(uint256 ticketId, address to) external returns (uint256 metisAmount);

    /// @notice `claim` for several tickets; O(1) per ticket.
    function claimBatch(uint256[] calldata ticketIds, address to) external returns (uint256 metisAmount);

    /// @notice Manager only: marks tickets (lastFinalizedId, lastTicketId] funded at `rate`; returns their eMETIS.
    function finalize(uint256 lastTicketId, uint256 rate) external returns (uint256 eMetisAmount);

    // views
    function lastTicketId() external view returns (uint256);
    function lastFinalizedId() external view returns (uint256);
    /// @notice eMETIS requested and not yet finalized.
    function unfinalizedAmount() external view returns (uint256);
    /// @notice eMETIS requested up to and including `ticketId` (0 for id 0).
    function cumulativeOf(uint256 ticketId) external view returns (uint256);
    /// @notice eMETIS in tickets (lastFinalizedId, lastTicketId] whose cumulative amount fits `budget` eMETIS:
    /// the last ticket id the keeper can fund with that budget.
    function finalizableUpTo(uint256 eMetisBudget) external view returns (uint256 lastId, uint256 eMetisAmount);
    /// @notice METIS held for finalized, unclaimed tickets.
    function reservedMetis() external view returns (uint256);
    function minAmount() external view returns (uint256);
    function maxAmount() external view returns (uint256);
    function getTicket(uint256 ticketId) external view returns (TicketInfo memory);
    /// @notice Open (unclaimed) ticket ids owned by `owner`, positions `offset`..`offset + limit` of its list
    /// (in no particular order), and how many it has in all.
    function ticketsOf(address owner, uint256 offset, uint256 limit)
        external
        view
        returns (uint256[] memory ids, uint256 total);
    /// @notice How many open tickets `owner` holds.
    function openTicketCount(address owner) external view returns (uint256);
}
