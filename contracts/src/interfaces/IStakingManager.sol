// SPDX-License-Identifier: MIT
pragma solidity 0.8.23;

/// @title The entry point for staking: METIS -> eMETIS 1:1, node seats, harvests, redemption funding.
/// @notice Pools many small deposits in a buffer; the keeper's `allocate()` opens a node seat through a
/// `SequencerAgent` once 20,000 METIS are buffered and tops nodes up to 100,000 METIS.
/// Backing: eMETIS supply == METIS in the buffer + principal locked in nodes (+ principal in unlock),
/// unless a loss exceeded what seMETIS could absorb; then `backingRatio()` < 1e18 and redemptions pay pro-rata.
interface IStakingManager {
    // --------------------------------------------------------------- events
    event Staked(
        address indexed sender, address indexed receiver, address indexed referral, uint256 assets, uint256 eMetisOut
    );
    event StakedAndRestaked(
        address indexed sender, address indexed receiver, address indexed referral, uint256 assets, uint256 shares
    );
    event SeatAdded(uint256 indexed nodeIndex, address agent, address signer);
    event NodeOpened(uint256 indexed nodeIndex, uint256 seqId, uint256 amount);
    event NodeToppedUp(uint256 indexed nodeIndex, uint256 amount);
    event NodeWithdrawn(uint256 indexed nodeIndex, uint256 amount);
    event NodeUnlockStarted(uint256 indexed nodeIndex, uint256 principal);
    event NodeUnlockClaimed(uint256 indexed nodeIndex, uint256 principal);
    event Harvested(uint256 rewards, uint256 toTreasury, uint256 toVault);
    /// @notice A loss of `loss` METIS on a node: `absorbedBySeMetis` came out of seMETIS assets, `uncovered`
    /// reduced eMETIS backing; `backingRatio` is METIS per eMETIS (1e18 = fully backed) after the loss.
    event LossRecorded(uint256 indexed nodeIndex, uint256 loss, uint256 absorbedBySeMetis, uint256 uncovered, uint256 backingRatio);
    event RedemptionsFunded(uint256 indexed lastTicketId, uint256 eMetisBurned, uint256 metisPaid, uint256 rate);
    event MinStakeSet(uint256 minStake);

    // --------------------------------------------------------------- errors
    error ManagerZeroAmount();
    error ManagerZeroAddress();
    error ManagerBelowMinimum(uint256 assets, uint256 minimum);
    error ManagerNothingToAllocate();
    error ManagerInsufficientBuffer(uint256 needed, uint256 available);
    error ManagerUnknownNode(uint256 nodeIndex);
    error ManagerNodeNotActive(uint256 nodeIndex);
    error ManagerNodeNotUnlocking(uint256 nodeIndex);

    // --------------------------------------------------------------- users
    /// @notice Stakes `assets` METIS (approved to this contract) and mints the same amount of eMETIS to `receiver`.
    /// @param referral recorded in the `Staked` event only (zero for none).
    function stake(uint256 assets, address receiver, address referral) external returns (uint256 eMetisOut);

    /// @notice Stakes `assets` METIS and deposits the eMETIS into seMETIS for `receiver` in one transaction.
    function stakeAndRestake(uint256 assets, address receiver, address referral) external returns (uint256 shares);

    /// @notice `stake` with an EIP-2612 permit on METIS (a failed permit is ignored if the allowance suffices).
    function stakeWithPermit(
        uint256 assets,
        address receiver,
        address referral,
        uint256 deadline,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external returns (uint256 eMetisOut);

    /// @notice `stakeAndRestake` with an EIP-2612 permit on METIS.
    function stakeAndRestakeWithPermit(
        uint256 assets,
        address receiver,
        address referral,
        uint256 deadline,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external returns (uint256 shares);

    // --------------------------------------------------------------- keeper / anyone
    /// @notice Keeper: tops active nodes up to the max lock, then opens pending seats while >= minLock is free.
    /// METIS needed by unfunded redemption tickets is never allocated.
    function allocate() external returns (uint256 allocated);

    /// @notice Withdraws rewards from every node, mints the matching eMETIS to the dispatcher and dispatches it.
    function harvest() external returns (uint256 rewards);

    /// @notice Keeper: pays redemption tickets up to `lastTicketId` from the buffer at `backingRatio()`.
    function fundRedemptions(uint256 lastTicketId) external returns (uint256 metisPaid);

    /// @notice Keeper: partial principal withdrawal from a node into the buffer (node stays >= minLock).
    function withdrawFromNode(uint256 nodeIndex, uint256 amount) external;

    /// @notice Keeper: starts unlocking a node (principal returns after the exit delay).
    function unlockNode(uint256 nodeIndex) external;

    /// @notice After the exit delay: claims an unlocking (or force-unlocked) node's principal into the buffer.
    function claimUnlockedNode(uint256 nodeIndex) external;

    /// @notice Compares a node's principal with the pool's and records any shortfall as a loss.
    function syncNode(uint256 nodeIndex) external returns (uint256 loss);

    // --------------------------------------------------------------- admin
    /// @notice Admin: deploys the `SequencerAgent` for a new seat; it opens once governance whitelists it.
    function addSeat(address signer, bytes calldata signerPubkey) external returns (uint256 nodeIndex, address agent);

    // --------------------------------------------------------------- views
    function metis() external view returns (address);
    function eMetis() external view returns (address);
    function seMetis() external view returns (address);
    function lockingPool() external view returns (address);
    function dispatcher() external view returns (address);
    function redemptionQueue() external view returns (address);
    function minStake() external view returns (uint256);
    /// @notice METIS held by this contract (not yet allocated or paid to the queue).
    function bufferedMetis() external view returns (uint256);
    /// @notice METIS the protocol backs eMETIS with: buffer + principal in nodes (locked or unlocking).
    function totalBacking() external view returns (uint256);
    /// @notice METIS per eMETIS, 1e18 scale, capped at 1e18.
    function backingRatio() external view returns (uint256);
    function nodeCount() external view returns (uint256);
    /// @notice One seat: its agent, sequencer id (0 until opened), principal we track, and pool status.
    function node(uint256 nodeIndex)
        external
        view
        returns (address agent, address signer, uint256 seqId, uint256 principal, uint8 status);
    /// @notice Principal locked in active nodes.
    function totalLocked() external view returns (uint256);
    function paused() external view returns (bool);
}
