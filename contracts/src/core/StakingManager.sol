// SPDX-License-Identifier: MIT
pragma solidity 0.8.23;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {IStakingManager} from "../interfaces/IStakingManager.sol";
import {IEMetis} from "../interfaces/IEMetis.sol";
import {ISeMetis} from "../interfaces/ISeMetis.sol";
import {IRewardDispatcher} from "../interfaces/IRewardDispatcher.sol";
import {IRedemptionQueue} from "../interfaces/IRedemptionQueue.sol";
import {ISequencerLockingPool} from "../interfaces/ISequencerLockingPool.sol";
import {SequencerAgent} from "./SequencerAgent.sol";

/// @title StakingManager: METIS -> eMETIS 1:1, node seats, harvests, redemption funding and loss accounting.
/// @notice The buffer is simply this contract's METIS balance, so `stake` writes no storage of its own.
/// Backing = buffer + principal tracked in nodes (locked or unlocking). A node loss is charged to seMETIS
/// assets first; only the part seMETIS cannot absorb lowers `backingRatio()` below 1e18, after which new
/// eMETIS is minted at the ratio (so new stakers do not pay for the old loss) and redemptions pay pro-rata.
contract StakingManager is IStakingManager, AccessControl, ReentrancyGuard {
    using SafeERC20 for IERC20;

    /// @notice Runs allocate, fundRedemptions, withdrawFromNode and unlockNode.
    bytes32 public constant KEEPER_ROLE = keccak256("KEEPER_ROLE");
    /// @notice May pause and unpause the stake paths.
    bytes32 public constant PAUSER_ROLE = keccak256("PAUSER_ROLE");

    uint256 private constant ONE = 1e18;

    /// @notice What the manager knows about a seat.
    enum NodeState {
        Pending, // agent deployed, waiting for whitelist + allocation
        Active, // locked in the pool
        Unlocking, // unlock started by the keeper
        Closed // principal claimed back
    }

    struct Node {
        SequencerAgent agent;
        address signer;
        uint256 seqId;
        uint256 principal;
        NodeState state;
    }

    IERC20 private immutable _metis;
    ISequencerLockingPool private immutable _pool;

    // One slot read by `stake`: token, minimum, pause flag and the under-collateralized flag.
    IEMetis private _eMetis;
    uint88 private _minStake;
    bool private _paused;
    bool private _underBacked;

    ISeMetis private _seMetis;
    IRewardDispatcher private _dispatcher;
    IRedemptionQueue private _queue;

    /// @notice Principal in nodes (active + unlocking) as tracked by the manager.
    uint256 public totalPrincipal;

    Node[] private _nodes;

    event ManagerInitialized(address eMetis, address seMetis, address dispatcher, address redemptionQueue);
    event Paused(address account);
    event Unpaused(address account);
    /// @notice eMETIS is fully backed again after an uncovered loss (new eMETIS is minted 1:1 again).
    event BackingRestored(uint256 totalBacking, uint256 eMetisSupply);

    error ManagerAlreadyInitialized();
    error ManagerNotInitialized();
    error ManagerPaused();
    error ManagerNotPaused();
    error ManagerBelowMinLock(uint256 remaining, uint256 minLock);

    modifier whenNotPaused() {
        if (_paused) revert ManagerPaused();
        _;
    }

    modifier knownNode(uint256 nodeIndex) {
        if (nodeIndex >= _nodes.length) revert ManagerUnknownNode(nodeIndex);
        _;
    }

    /// @param metis_ the METIS token
    /// @param lockingPool_ the sequencer locking pool
    /// @param admin receives DEFAULT_ADMIN_ROLE
    constructor(address metis_, address lockingPool_, address admin) {
        if (metis_ == address(0) || lockingPool_ == address(0) || admin == address(0)) {
            revert ManagerZeroAddress();
        }
        _metis = IERC20(metis_);
        _pool = ISequencerLockingPool(lockingPool_);
        _minStake = 0.01 ether;
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
    }

    /// @notice Admin, once: wires the tokens, the dispatcher and the queue.
    function initialize(address eMetis_, address seMetis_, address dispatcher_, address redemptionQueue_)
        external
        onlyRole(DEFAULT_ADMIN_ROLE)
    {
        if (address(_eMetis) != address(0)) revert ManagerAlreadyInitialized();
        if (
            eMetis_ == address(0) || seMetis_ == address(0) || dispatcher_ == address(0)
                || redemptionQueue_ == address(0)
        ) revert ManagerZeroAddress();
        _eMetis = IEMetis(eMetis_);
        _seMetis = ISeMetis(seMetis_);
        _dispatcher = IRewardDispatcher(dispatcher_);
        _queue = IRedemptionQueue(redemptionQueue_);
        emit ManagerInitialized(eMetis_, seMetis_, dispatcher_, redemptionQueue_);
    }

    // ================================================================= users

    /// @inheritdoc IStakingManager
    function stake(uint256 assets, address receiver, address referral)
        external
        whenNotPaused
        returns (uint256 eMetisOut)
    {
        eMetisOut = _pullAndQuote(assets, receiver);
        _eMetis.mint(receiver, eMetisOut);
        emit Staked(msg.sender, receiver, referral, assets, eMetisOut);
    }

    /// @inheritdoc IStakingManager
    function stakeAndRestake(uint256 assets, address receiver, address referral)
        external
        whenNotPaused
        returns (uint256 shares)
    {
        shares = _stakeAndRestake(assets, receiver, referral);
    }

    /// @inheritdoc IStakingManager
    function stakeWithPermit(
        uint256 assets,
        address receiver,
        address referral,
        uint256 deadline,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external whenNotPaused returns (uint256 eMetisOut) {
        _permit(assets, deadline, v, r, s);
        eMetisOut = _pullAndQuote(assets, receiver);
        _eMetis.mint(receiver, eMetisOut);
        emit Staked(msg.sender, receiver, referral, assets, eMetisOut);
    }

    /// @inheritdoc IStakingManager
    function stakeAndRestakeWithPermit(
        uint256 assets,
        address receiver,
        address referral,
        uint256 deadline,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external whenNotPaused returns (uint256 shares) {
        _permit(assets, deadline, v, r, s);
        shares = _stakeAndRestake(assets, receiver, referral);
    }

    // ================================================================= keeper / anyone

    /// @inheritdoc IStakingManager
    function allocate() external onlyRole(KEEPER_ROLE) nonReentrant returns (uint256 allocated) {
        uint256 available = _allocatable();
        uint256 maxLock = _pool.maxLock();
        uint256 count = _nodes.length;
        // 1. top active nodes up to the max lock
        for (uint256 i; i < count && available != 0; ++i) {
            Node storage n = _nodes[i];
            if (n.state != NodeState.Active || n.principal >= maxLock || !_stillActive(i, n)) continue;
            uint256 amount = Math.min(maxLock - n.principal, available);
            n.principal += amount;
            totalPrincipal += amount;
            available -= amount;
            allocated += amount;
            _metis.safeTransfer(address(n.agent), amount);
            n.agent.relock(amount);
            emit NodeToppedUp(i, amount);
        }
        // 2. open whitelisted pending seats while at least the min lock is free
        uint256 minLock = _pool.minLock();
        for (uint256 i; i < count && available >= minLock; ++i) {
            Node storage n = _nodes[i];
            if (n.state != NodeState.Pending || !_pool.whitelist(address(n.agent))) continue;
            uint256 amount = Math.min(available, maxLock);
            n.principal = amount;
            n.state = NodeState.Active;
            totalPrincipal += amount;
            available -= amount;
            allocated += amount;
            _metis.safeTransfer(address(n.agent), amount);
            uint256 seqId = n.agent.lock(amount);
            n.seqId = seqId;
            emit NodeOpened(i, seqId, amount);
        }
        if (allocated == 0) revert ManagerNothingToAllocate();
    }

    /// @inheritdoc IStakingManager
    /// @dev Anyone may call: rewards are streamed by seMETIS, so a caller cannot capture them. The cost is per
    /// node, independent of the number of stakers.
    function harvest() external nonReentrant returns (uint256 rewards) {
        uint256 before = _metis.balanceOf(address(this));
        uint256 count = _nodes.length;
        for (uint256 i; i < count; ++i) {
            Node storage n = _nodes[i];
            if (n.state != NodeState.Active && n.state != NodeState.Unlocking) continue;
            _syncNode(i, n);
            // an unlocking node's reward is paid by unlock/unlockClaim; only active nodes pay on withdrawRewards
            uint256 seqId = n.seqId;
            if (
                _pool.sequencerStatus(seqId) == ISequencerLockingPool.Status.Active && _pool.sequencerReward(seqId) != 0
            ) n.agent.withdrawRewards();
        }
        rewards = _metis.balanceOf(address(this)) - before;
        if (_underBacked && totalBacking() >= _eMetis.totalSupply()) {
            // backing was restored (e.g. a compensation paid to the buffer): back to 1:1 minting
            _underBacked = false;
            emit BackingRestored(totalBacking(), _eMetis.totalSupply());
        }
        if (!_underBacked) {
            // While fully backed, any METIS beyond the eMETIS supply is reward: what the nodes just paid plus
            // anything paid outside a harvest (e.g. the pending reward an admin forceUnlock sends us).
            uint256 backing = totalBacking();
            uint256 supply = _eMetis.totalSupply();
            rewards = backing > supply ? backing - supply : 0;
        }
        (uint256 toTreasury, uint256 toVault) = _distributeRewards(rewards);
        emit Harvested(rewards, toTreasury, toVault);
    }

    /// @inheritdoc IStakingManager
    function fundRedemptions(uint256 lastTicketId)
        external
        onlyRole(KEEPER_ROLE)
        nonReentrant
        returns (uint256 metisPaid)
    {
        uint256 rate = backingRatio();
        IRedemptionQueue queue = _queue;
        // The queue checks FIFO order and records the rate; it returns the eMETIS of the funded tickets.
        uint256 eMetisAmount = queue.finalize(lastTicketId, rate);
        metisPaid = Math.mulDiv(eMetisAmount, rate, ONE); // rounded down, as the queue reserves
        uint256 buffer = _metis.balanceOf(address(this));
        if (buffer < metisPaid) revert ManagerInsufficientBuffer(metisPaid, buffer);
        _metis.safeTransfer(address(queue), metisPaid);
        _eMetis.burn(address(queue), eMetisAmount);
        emit RedemptionsFunded(lastTicketId, eMetisAmount, metisPaid, rate);
    }

    /// @inheritdoc IStakingManager
    function withdrawFromNode(uint256 nodeIndex, uint256 amount)
        external
        onlyRole(KEEPER_ROLE)
        nonReentrant
        knownNode(nodeIndex)
    {
        if (amount == 0) revert ManagerZeroAmount();
        Node storage n = _nodes[nodeIndex];
        _syncNode(nodeIndex, n); // may notice a forced unlock
        if (n.state != NodeState.Active) revert ManagerNodeNotActive(nodeIndex);
        uint256 minLock = _pool.minLock();
        if (n.principal < amount + minLock) {
            revert ManagerBelowMinLock(n.principal > amount ? n.principal - amount : 0, minLock);
        }
        n.principal -= amount;
        totalPrincipal -= amount;
        uint256 received = n.agent.withdraw(amount);
        // the pool returns exactly the principal asked for; anything short is a loss
        if (received < amount) _recordLoss(nodeIndex, amount - received, false);
        emit NodeWithdrawn(nodeIndex, amount);
    }

    /// @inheritdoc IStakingManager
    function unlockNode(uint256 nodeIndex) external onlyRole(KEEPER_ROLE) nonReentrant knownNode(nodeIndex) {
        Node storage n = _nodes[nodeIndex];
        _syncNode(nodeIndex, n); // may notice a forced unlock
        if (n.state != NodeState.Active) revert ManagerNodeNotActive(nodeIndex);
        n.state = NodeState.Unlocking;
        uint256 before = _metis.balanceOf(address(this));
        n.agent.unlock();
        // the pool pays the pending reward to the manager on unlock
        _distributeRewards(_metis.balanceOf(address(this)) - before);
        emit NodeUnlockStarted(nodeIndex, n.principal);
    }

    /// @inheritdoc IStakingManager
    /// @dev Anyone may call: it only moves the principal of a node whose exit delay passed back to the buffer.
    /// Works for a keeper unlock and for an admin `forceUnlock` in the pool.
    function claimUnlockedNode(uint256 nodeIndex) external nonReentrant knownNode(nodeIndex) {
        Node storage n = _nodes[nodeIndex];
        if (
            (n.state != NodeState.Active && n.state != NodeState.Unlocking)
                || _pool.sequencerUnlockClaimTime(n.seqId) == 0
        ) revert ManagerNodeNotUnlocking(nodeIndex);
        _syncNode(nodeIndex, n);
        uint256 principal = n.principal;
        n.principal = 0;
        n.state = NodeState.Closed;
        totalPrincipal -= principal;
        uint256 before = _metis.balanceOf(address(this));
        uint256 returned = n.agent.unlockClaim();
        uint256 received = _metis.balanceOf(address(this)) - before; // principal + any reward paid
        uint256 rewards = received - returned;
        if (returned < principal) {
            // the pool gave back less than we tracked: the difference is a loss
            _recordLoss(nodeIndex, principal - returned, false);
        } else {
            rewards += returned - principal;
        }
        _distributeRewards(rewards);
        emit NodeUnlockClaimed(nodeIndex, returned);
    }

    /// @inheritdoc IStakingManager
    function syncNode(uint256 nodeIndex) external nonReentrant knownNode(nodeIndex) returns (uint256 loss) {
        loss = _syncNode(nodeIndex, _nodes[nodeIndex]);
    }

    // ================================================================= admin

    /// @inheritdoc IStakingManager
    function addSeat(address signer, bytes calldata signerPubkey)
        external
        onlyRole(DEFAULT_ADMIN_ROLE)
        returns (uint256 nodeIndex, address agent)
    {
        if (signer == address(0)) revert ManagerZeroAddress();
        SequencerAgent a = new SequencerAgent(address(this), address(_pool), signer, signerPubkey);
        agent = address(a);
        nodeIndex = _nodes.length;
        _nodes.push(Node({agent: a, signer: signer, seqId: 0, principal: 0, state: NodeState.Pending}));
        emit SeatAdded(nodeIndex, agent, signer);
    }

    /// @notice Admin: sets the minimum stake (in METIS wei).
    function setMinStake(uint256 minStake_) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _minStake = SafeCast.toUint88(minStake_);
        emit MinStakeSet(minStake_);
    }

    /// @notice Pauser: stops the stake paths (redemption claims in the queue stay open).
    function pause() external onlyRole(PAUSER_ROLE) {
        if (_paused) revert ManagerPaused();
        _paused = true;
        emit Paused(msg.sender);
    }

    /// @notice Pauser: reopens the stake paths.
    function unpause() external onlyRole(PAUSER_ROLE) {
        if (!_paused) revert ManagerNotPaused();
        _paused = false;
        emit Unpaused(msg.sender);
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
    function lockingPool() external view returns (address) {
        return address(_pool);
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
    function minStake() external view returns (uint256) {
        return _minStake;
    }

    /// @inheritdoc IStakingManager
    function paused() external view returns (bool) {
        return _paused;
    }

    /// @notice True once an uncovered loss left eMETIS less than fully backed.
    function underBacked() external view returns (bool) {
        return _underBacked;
    }

    /// @inheritdoc IStakingManager
    function bufferedMetis() public view returns (uint256) {
        return _metis.balanceOf(address(this));
    }

    /// @inheritdoc IStakingManager
    function totalBacking() public view returns (uint256) {
        return _metis.balanceOf(address(this)) + totalPrincipal;
    }

    /// @inheritdoc IStakingManager
    function backingRatio() public view returns (uint256) {
        uint256 supply = _eMetis.totalSupply();
        if (supply == 0) return ONE;
        return Math.min(ONE, Math.mulDiv(totalBacking(), ONE, supply)); // rounded down
    }

    /// @notice METIS the buffer can lock now: the buffer minus what unfunded redemption tickets need.
    function allocatable() external view returns (uint256) {
        return _allocatable();
    }

    /// @inheritdoc IStakingManager
    function nodeCount() external view returns (uint256) {
        return _nodes.length;
    }

    /// @inheritdoc IStakingManager
    /// @dev `status` is the pool's `Status` of the sequencer (0 = Unavailable before the seat opens).
    function node(uint256 nodeIndex)
        external
        view
        knownNode(nodeIndex)
        returns (address agent, address signer, uint256 seqId, uint256 principal, uint8 status)
    {
        Node storage n = _nodes[nodeIndex];
        agent = address(n.agent);
        signer = n.signer;
        seqId = n.seqId;
        principal = n.principal;
        status = seqId == 0 ? 0 : uint8(_pool.sequencerStatus(seqId));
    }

    /// @notice The manager's own view of a seat: Pending, Active, Unlocking or Closed.
    function nodeState(uint256 nodeIndex) external view knownNode(nodeIndex) returns (NodeState) {
        return _nodes[nodeIndex].state;
    }

    /// @inheritdoc IStakingManager
    function totalLocked() external view returns (uint256 locked) {
        uint256 count = _nodes.length;
        for (uint256 i; i < count; ++i) {
            if (_nodes[i].state == NodeState.Active) locked += _nodes[i].principal;
        }
    }

    // ================================================================= internals

    /// @dev Checks and pulls `assets` METIS from the caller; returns the eMETIS to mint (1:1 unless under-backed).
    function _pullAndQuote(uint256 assets, address receiver) private returns (uint256 eMetisOut) {
        if (assets == 0) revert ManagerZeroAmount();
        if (receiver == address(0)) revert ManagerZeroAddress();
        uint256 minimum = _minStake;
        if (assets < minimum) revert ManagerBelowMinimum(assets, minimum);
        eMetisOut = _underBacked ? _quoteUnderBacked(assets) : assets;
        _metis.safeTransferFrom(msg.sender, address(this), assets);
    }

    /// @dev eMETIS for `assets` METIS at the backing ratio (rounded down), computed before the METIS arrives.
    function _quoteUnderBacked(uint256 assets) private view returns (uint256) {
        uint256 backing = totalBacking();
        uint256 supply = _eMetis.totalSupply();
        if (backing == 0 || backing >= supply) return assets;
        return Math.mulDiv(assets, supply, backing);
    }

    function _stakeAndRestake(uint256 assets, address receiver, address referral) private returns (uint256 shares) {
        uint256 eMetisOut = _pullAndQuote(assets, receiver);
        ISeMetis vault = _seMetis;
        _eMetis.mint(address(vault), eMetisOut);
        shares = vault.depositFromManager(eMetisOut, receiver);
        emit StakedAndRestaked(msg.sender, receiver, referral, assets, shares);
    }

    /// @dev A permit that fails (e.g. front-run, already used) is ignored; the transfer then needs the allowance.
    function _permit(uint256 assets, uint256 deadline, uint8 v, bytes32 r, bytes32 s) private {
        // solhint-disable-next-line no-empty-blocks
        try IERC20Permit(address(_metis)).permit(msg.sender, address(this), assets, deadline, v, r, s) {} catch {}
    }

    /// @dev Buffer minus the METIS unfunded tickets will need at today's ratio (rounded up).
    function _allocatable() private view returns (uint256) {
        uint256 buffer = _metis.balanceOf(address(this));
        uint256 pending = _queue.unfinalizedAmount();
        uint256 reserve = Math.mulDiv(pending, backingRatio(), ONE, Math.Rounding.Ceil);
        return buffer > reserve ? buffer - reserve : 0;
    }

    /// @dev Mints eMETIS for `rewards` METIS (at the ratio if under-backed) to the dispatcher and dispatches.
    function _distributeRewards(uint256 rewards) private returns (uint256 toTreasury, uint256 toVault) {
        if (rewards == 0) return (0, 0);
        // rewards already sit in the buffer: quote against the backing without them
        uint256 eMetisOut = rewards;
        if (_underBacked) {
            uint256 backingBefore = totalBacking() - rewards;
            uint256 supply = _eMetis.totalSupply();
            if (backingBefore != 0 && backingBefore < supply) eMetisOut = Math.mulDiv(rewards, supply, backingBefore);
        }
        IRewardDispatcher d = _dispatcher;
        _eMetis.mint(address(d), eMetisOut);
        (toTreasury, toVault) = d.dispatch();
    }

    /// @dev True if the pool still has the node active; a node the pool unlocked on its own (an admin
    /// `forceUnlock`) is moved to Unlocking so nothing tries to relock or withdraw from it.
    function _stillActive(uint256 nodeIndex, Node storage n) private returns (bool) {
        if (_pool.sequencerStatus(n.seqId) == ISequencerLockingPool.Status.Active) return true;
        n.state = NodeState.Unlocking;
        emit NodeUnlockStarted(nodeIndex, n.principal);
        return false;
    }

    /// @dev Compares a live node's tracked principal with the pool's balance; records a shortfall as a loss.
    /// Also notices a forced unlock.
    function _syncNode(uint256 nodeIndex, Node storage n) private returns (uint256 loss) {
        if (n.state == NodeState.Active) _stillActive(nodeIndex, n);
        else if (n.state != NodeState.Unlocking) return 0;
        uint256 poolBalance = _pool.sequencerBalance(n.seqId);
        if (poolBalance < n.principal) {
            loss = n.principal - poolBalance;
            _recordLoss(nodeIndex, loss, true);
        }
    }

    /// @dev Charges `loss` to seMETIS first; the rest lowers the backing ratio. `trackedInNode` says whether
    /// the node's tracked principal still includes the loss (false when the caller already removed it).
    function _recordLoss(uint256 nodeIndex, uint256 loss, bool trackedInNode) private {
        if (trackedInNode) {
            _nodes[nodeIndex].principal -= loss;
            totalPrincipal -= loss;
        }
        ISeMetis vault = _seMetis;
        uint256 absorbed = vault.absorbLoss(loss);
        if (absorbed != 0) _eMetis.burn(address(vault), absorbed);
        uint256 uncovered = loss - absorbed;
        uint256 ratio = backingRatio();
        if (ratio < ONE) _underBacked = true;
        emit LossRecorded(nodeIndex, loss, absorbed, uncovered, ratio);
    }
}
