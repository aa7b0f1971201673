// SPDX-License-Identifier: MIT
pragma solidity 0.8.23;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";
import {ISequencerLockingPool} from "../interfaces/ISequencerLockingPool.sol";
import {LockingEscrow} from "./LockingEscrow.sol";

/// @title Sequencer locking pool (devnet model of Metis's LockingPool).
/// @notice Whitelisted owners lock METIS (between `minLock` and `maxLock`) for one sequencer each;
/// the MPC key settles per-block rewards in batches, paid in METIS by a funded `rewardPayer`; owners
/// relock, withdraw part of the principal (once per batch), claim rewards, and exit in two steps
/// separated by `exitDelayPeriod`. All METIS sits in a `LockingEscrow` deployed by this pool.
/// @dev Differences from production, on purpose: rewards are transferred directly on L1 where Metis
/// bridges them to L2 (the `l2Gas` arguments are accepted and ignored, and `msg.value` must be 0);
/// there is an explicit `slash` hook for the planned slashing; the whitelist gates adding capital
/// (`lockFor`, `relock`) but not leaving; there is no BFT quota on voluntary unlocks. A signer whose
/// sequencer unlocked keeps `seqSigners[signer] == seqId` forever, which blacklists it.
// solhint-disable-next-line max-states-count
contract SequencerLockingPool is ISequencerLockingPool, Ownable2Step, ReentrancyGuard {
    /// @notice One sequencer's state (field names follow Metis's `Sequencer` struct).
    /// @dev Field order and meaning follow Metis's `Sequencer`, so `sequencers(id)` returns the same
    /// ABI tuple as production (narrower integers encode identically).
    struct Sequencer {
        uint256 amount; // locked principal
        uint256 reward; // pending (unpaid) reward
        uint64 activationBatch; // batch at lock time
        uint64 updatedBatch; // batch of the lock or of the last principal withdrawal
        uint64 deactivationBatch;
        uint64 deactivationTime;
        uint64 unlockClaimTime;
        uint32 nonce; // incremented on every change
        address owner;
        address signer;
        bytes pubkey;
        address rewardRecipient;
        Status status;
    }

    /// @notice Upper bound for `rewardPerBlock` (1 METIS per L2 block).
    uint256 public constant MAX_REWARD_PER_BLOCK = 1e18;
    /// @notice Upper bound for `exitDelayPeriod`.
    uint256 public constant MAX_EXIT_DELAY = 90 days;

    IERC20 private immutable _metis;
    LockingEscrow private immutable _escrow;

    /// @inheritdoc ISequencerLockingPool
    uint256 public minLock = 20_000e18;
    /// @inheritdoc ISequencerLockingPool
    uint256 public maxLock = 100_000e18;
    /// @inheritdoc ISequencerLockingPool
    uint256 public exitDelayPeriod = 21 days;
    /// @inheritdoc ISequencerLockingPool
    uint256 public rewardPerBlock = 761_000 gwei;
    /// @inheritdoc ISequencerLockingPool
    uint256 public currentBatch;
    /// @notice End epoch of the last reward batch (0 before the first batch).
    uint256 public lastEndEpoch;
    /// @inheritdoc ISequencerLockingPool
    uint256 public totalLocked;
    /// @notice Sum of the pending rewards of all sequencers (held by the escrow).
    uint256 public totalReward;
    /// @notice Last sequencer id issued (ids start at 1).
    uint256 public seqCount;
    /// @inheritdoc ISequencerLockingPool
    bool public paused;

    /// @notice The MPC (threshold key) allowed to submit reward batches.
    address public mpc;
    /// @notice Account that pays batch rewards (approves the escrow).
    address public rewardPayer;
    /// @notice Account receiving slashed METIS.
    address public slashRecipient;

    /// @inheritdoc ISequencerLockingPool
    mapping(address owner => bool allowed) public whitelist;
    /// @inheritdoc ISequencerLockingPool
    mapping(address owner => uint256 seqId) public seqOwners;
    /// @inheritdoc ISequencerLockingPool
    mapping(address signer => uint256 seqId) public seqSigners;
    /// @notice Accounts allowed to `slash` besides the owner.
    mapping(address account => bool allowed) public slashers;
    /// @notice Sequencer state by id.
    mapping(uint256 seqId => Sequencer) public sequencers;

    // ------------------------------------------------------------------ events
    /// @notice A sequencer was created.
    event Locked(
        uint256 indexed seqId,
        address indexed owner,
        address indexed signer,
        address rewardRecipient,
        uint256 amount,
        uint256 batchId,
        bytes signerPubkey
    );
    /// @notice Principal was added (`amount` pulled, `fromReward` moved from the pending reward).
    event Relocked(uint256 indexed seqId, uint256 amount, uint256 fromReward, uint256 locked, uint256 nonce);
    /// @notice Part of the principal was returned to the owner.
    event Withdrawn(uint256 indexed seqId, address indexed owner, uint256 amount, uint256 locked, uint256 nonce);
    /// @notice A pending reward was paid to the reward recipient.
    event RewardsClaimed(uint256 indexed seqId, address indexed recipient, uint256 amount);
    /// @notice A sequencer stopped (Active -> Inactive); principal is claimable at `unlockClaimTime`.
    event UnlockInit(uint256 indexed seqId, bool forced, uint256 unlockClaimTime, uint256 locked, uint256 nonce);
    /// @notice The principal was returned after the exit delay (Inactive -> Unlocked).
    event Unlocked(uint256 indexed seqId, address indexed owner, uint256 amount, uint256 reward);
    /// @notice METIS was taken from a sequencer (principal first, then pending reward).
    event Slashed(
        uint256 indexed seqId, address indexed recipient, uint256 fromPrincipal, uint256 fromReward, uint256 locked
    );
    /// @notice A reward batch was settled; `amount` METIS was pulled from the reward payer.
    event DistributeReward(
        uint256 indexed batchId, uint256 startEpoch, uint256 endEpoch, uint256 amount, uint256 rewardPerBlock
    );
    /// @notice `signer`'s sequencer earned `reward` in batch `batchId`.
    event BatchSubmitReward(uint256 indexed batchId, uint256 indexed seqId, uint256 blocks, uint256 reward);
    event SetWhitelist(address indexed owner, bool allowed);
    event SequencerRewardRecipientChanged(uint256 indexed seqId, address recipient);
    event MpcUpdated(address mpc);
    event RewardPayerUpdated(address rewardPayer);
    event SlashRecipientUpdated(address slashRecipient);
    event SlasherSet(address indexed account, bool allowed);
    event RewardPerBlockUpdated(uint256 rewardPerBlock);
    event ExitDelayUpdated(uint256 exitDelayPeriod);
    event LockLimitsUpdated(uint256 minLock, uint256 maxLock);
    event PauseSet(bool paused);

    // ------------------------------------------------------------------ errors
    error PoolZeroAddress();
    error PoolZeroAmount();
    error PoolPaused();
    error PoolNotWhitelisted(address account);
    error PoolOwnerHasSequencer(address owner, uint256 seqId);
    error PoolInvalidPubkeyLength(uint256 length);
    error PoolSignerMismatch(address signer, address derived);
    error PoolSignerUsed(address signer, uint256 seqId);
    error PoolBelowMinLock(uint256 amount, uint256 minLock);
    error PoolAboveMaxLock(uint256 amount, uint256 maxLock);
    error PoolNotSeqOwner(uint256 seqId, address caller);
    error PoolSeqNotActive(uint256 seqId);
    error PoolSeqNotInactive(uint256 seqId);
    error PoolNothingToRelock();
    error PoolWithdrawThrottled(uint256 seqId, uint256 batchId);
    error PoolWithdrawExceedsLocked(uint256 amount, uint256 locked);
    error PoolBridgeFeeNotSupported(uint256 value);
    error PoolUnlockTooEarly(uint256 seqId, uint256 unlockClaimTime);
    error PoolNotMpc(address caller);
    error PoolNotSlasher(address caller);
    error PoolInvalidBatchId(uint256 batchId, uint256 expected);
    error PoolInvalidStartEpoch(uint256 startEpoch, uint256 expected);
    error PoolInvalidEndEpoch(uint256 startEpoch, uint256 endEpoch);
    error PoolLengthMismatch(uint256 signers, uint256 blocks);
    error PoolSignerNotActive(address signer);
    error PoolSlashExceedsBalance(uint256 amount, uint256 available);
    error PoolRewardPerBlockTooHigh(uint256 value, uint256 max);
    error PoolExitDelayTooLong(uint256 value, uint256 max);
    error PoolInvalidLockLimits(uint256 minLock, uint256 maxLock);

    // ------------------------------------------------------------------ modifiers
    modifier whenNotPaused() {
        if (paused) revert PoolPaused();
        _;
    }

    modifier onlyWhitelisted() {
        if (!whitelist[msg.sender]) revert PoolNotWhitelisted(msg.sender);
        _;
    }

    modifier noBridgeFee() {
        if (msg.value != 0) revert PoolBridgeFeeNotSupported(msg.value);
        _;
    }

    /// @param metis_ The METIS token.
    /// @param admin Owner of the pool (whitelist, parameters, forceUnlock, slash); also the first slash recipient.
    /// @param mpc_ The MPC key that submits reward batches.
    /// @param rewardPayer_ The funded account that pays rewards (must approve `escrow()`).
    constructor(address metis_, address admin, address mpc_, address rewardPayer_) Ownable(admin) {
        if (metis_ == address(0) || mpc_ == address(0) || rewardPayer_ == address(0)) revert PoolZeroAddress();
        _metis = IERC20(metis_);
        _escrow = new LockingEscrow(IERC20(metis_));
        mpc = mpc_;
        rewardPayer = rewardPayer_;
        slashRecipient = admin;
        emit MpcUpdated(mpc_);
        emit RewardPayerUpdated(rewardPayer_);
        emit SlashRecipientUpdated(admin);
    }

    // ------------------------------------------------------------------ sequencer owner

    /// @inheritdoc ISequencerLockingPool
    function lockFor(address signer, uint256 amount, bytes calldata signerPubkey) external {
        _lock(signer, msg.sender, amount, signerPubkey);
    }

    /// @inheritdoc ISequencerLockingPool
    function lockWithRewardRecipient(
        address signer,
        address rewardRecipient,
        uint256 amount,
        bytes calldata signerPubkey
    ) external {
        if (rewardRecipient == address(0)) revert PoolZeroAddress();
        _lock(signer, rewardRecipient, amount, signerPubkey);
    }

    /// @inheritdoc ISequencerLockingPool
    /// @dev Caller must be the whitelisted owner of an Active sequencer; the new total must be <= `maxLock`.
    function relock(uint256 seqId, uint256 amount, bool lockReward) external nonReentrant whenNotPaused onlyWhitelisted {
        Sequencer storage seq = _ownedActive(seqId);
        uint256 fromReward;
        if (lockReward) {
            fromReward = seq.reward;
            seq.reward = 0;
            totalReward -= fromReward;
        }
        uint256 added = amount + fromReward;
        if (added == 0) revert PoolNothingToRelock();
        uint256 locked = seq.amount + added;
        if (locked > maxLock) revert PoolAboveMaxLock(locked, maxLock);
        seq.amount = locked;
        uint256 nonce = ++seq.nonce;
        totalLocked += added;
        emit Relocked(seqId, amount, fromReward, locked, nonce);
        if (amount != 0) _escrow.pull(msg.sender, amount);
    }

    /// @inheritdoc ISequencerLockingPool
    /// @dev At most once per reward batch (and not in the batch of the lock): `currentBatch > updatedBatch`.
    function withdraw(uint256 seqId, uint256 amount) external nonReentrant whenNotPaused {
        Sequencer storage seq = _ownedActive(seqId);
        if (amount == 0) revert PoolZeroAmount();
        uint256 batch = currentBatch;
        if (batch <= seq.updatedBatch) revert PoolWithdrawThrottled(seqId, batch);
        uint256 balance = seq.amount;
        if (amount > balance) revert PoolWithdrawExceedsLocked(amount, balance);
        uint256 locked = balance - amount;
        if (locked < minLock) revert PoolBelowMinLock(locked, minLock);
        seq.amount = locked;
        seq.updatedBatch = SafeCast.toUint64(batch);
        uint256 nonce = ++seq.nonce;
        totalLocked -= amount;
        emit Withdrawn(seqId, msg.sender, amount, locked, nonce);
        _escrow.push(msg.sender, amount);
    }

    /// @inheritdoc ISequencerLockingPool
    /// @dev `l2Gas` is ignored and `msg.value` must be 0 (devnet pays on L1). No-op when nothing is pending.
    function withdrawRewards(uint256 seqId, uint32 /* l2Gas */ )
        external
        payable
        nonReentrant
        whenNotPaused
        noBridgeFee
    {
        Sequencer storage seq = _ownedActive(seqId);
        uint256 reward = seq.reward;
        if (reward != 0) {
            seq.reward = 0;
            totalReward -= reward;
            address recipient = seq.rewardRecipient;
            emit RewardsClaimed(seqId, recipient, reward);
            _escrow.push(recipient, reward);
        }
    }

    /// @inheritdoc ISequencerLockingPool
    function unlock(uint256 seqId, uint32 /* l2Gas */ ) external payable nonReentrant whenNotPaused noBridgeFee {
        _ownedActive(seqId);
        _unlock(seqId, false);
    }

    /// @inheritdoc ISequencerLockingPool
    /// @dev Inactive -> Unlocked once `unlockClaimTime` has passed; blacklists the signer and frees the owner.
    function unlockClaim(uint256 seqId, uint32 /* l2Gas */ ) external payable nonReentrant whenNotPaused noBridgeFee {
        Sequencer storage seq = sequencers[seqId];
        if (seq.owner != msg.sender) revert PoolNotSeqOwner(seqId, msg.sender);
        if (seq.status != Status.Inactive) revert PoolSeqNotInactive(seqId);
        uint256 claimTime = seq.unlockClaimTime;
        if (block.timestamp < claimTime) revert PoolUnlockTooEarly(seqId, claimTime);

        uint256 amount = seq.amount;
        uint256 reward = seq.reward;
        seq.amount = 0;
        seq.reward = 0;
        seq.status = Status.Unlocked;
        ++seq.nonce;
        totalLocked -= amount;
        totalReward -= reward;
        delete seqOwners[msg.sender];
        // seqSigners[seq.signer] keeps pointing at this id: the signer can never lock again.

        emit Unlocked(seqId, msg.sender, amount, reward);
        if (amount != 0) _escrow.push(msg.sender, amount);
        if (reward != 0) {
            address recipient = seq.rewardRecipient;
            emit RewardsClaimed(seqId, recipient, reward);
            _escrow.push(recipient, reward);
        }
    }

    /// @notice Changes where a sequencer's rewards are paid. Owner of the sequencer only.
    /// @param seqId The sequencer.
    /// @param recipient New reward recipient (non-zero).
    function setSequencerRewardRecipient(uint256 seqId, address recipient) external {
        if (recipient == address(0)) revert PoolZeroAddress();
        Sequencer storage seq = sequencers[seqId];
        if (seq.owner != msg.sender) revert PoolNotSeqOwner(seqId, msg.sender);
        seq.rewardRecipient = recipient;
        ++seq.nonce;
        emit SequencerRewardRecipientChanged(seqId, recipient);
    }

    // ------------------------------------------------------------------ MPC

    /// @notice Settles one reward batch: each `signers[i]` (of an Active sequencer) earns
    /// `blocks[i] * rewardPerBlock`; the batch total is pulled from `rewardPayer` into the escrow.
    /// @param batchId Must be `currentBatch + 1`.
    /// @param startEpoch Must be `lastEndEpoch + 1`.
    /// @param endEpoch Must be >= `startEpoch`.
    /// @param signers Signer addresses of the rewarded sequencers.
    /// @param blocks L2 blocks produced by each signer in the batch.
    function batchSubmitRewards(
        uint256 batchId,
        uint256 startEpoch,
        uint256 endEpoch,
        address[] calldata signers,
        uint256[] calldata blocks
    ) external nonReentrant {
        if (msg.sender != mpc) revert PoolNotMpc(msg.sender);
        uint256 n = signers.length;
        if (n != blocks.length) revert PoolLengthMismatch(n, blocks.length);
        uint256 expected = currentBatch + 1;
        if (batchId != expected) revert PoolInvalidBatchId(batchId, expected);
        if (startEpoch != lastEndEpoch + 1) revert PoolInvalidStartEpoch(startEpoch, lastEndEpoch + 1);
        if (endEpoch < startEpoch) revert PoolInvalidEndEpoch(startEpoch, endEpoch);

        currentBatch = batchId;
        lastEndEpoch = endEpoch;
        uint256 rpb = rewardPerBlock;
        uint256 total = _credit(batchId, signers, blocks, rpb);
        totalReward += total;
        emit DistributeReward(batchId, startEpoch, endEpoch, total, rpb);
        if (total != 0) _escrow.pull(rewardPayer, total);
    }

    // ------------------------------------------------------------------ admin

    /// @notice Starts the exit of any Active sequencer (as `unlock`); the owner then calls `unlockClaim`.
    /// @param seqId The sequencer.
    function forceUnlock(uint256 seqId, uint32 /* l2Gas */ ) external payable onlyOwner nonReentrant noBridgeFee {
        if (sequencers[seqId].status != Status.Active) revert PoolSeqNotActive(seqId);
        _unlock(seqId, true);
    }

    /// @notice Slashing hook: takes up to `amount` METIS from a sequencer (principal first, then
    /// pending reward) and sends it to `slashRecipient`. Owner or a slasher; Active or Inactive sequencers.
    /// @param seqId The sequencer.
    /// @param amount METIS to take; must not exceed principal + pending reward.
    function slash(uint256 seqId, uint256 amount) external nonReentrant {
        if (msg.sender != owner() && !slashers[msg.sender]) revert PoolNotSlasher(msg.sender);
        if (amount == 0) revert PoolZeroAmount();
        Sequencer storage seq = sequencers[seqId];
        Status status = seq.status;
        if (status != Status.Active && status != Status.Inactive) revert PoolSeqNotActive(seqId);
        uint256 principal = seq.amount;
        uint256 reward = seq.reward;
        if (amount > principal + reward) revert PoolSlashExceedsBalance(amount, principal + reward);
        uint256 fromPrincipal = amount < principal ? amount : principal;
        uint256 fromReward = amount - fromPrincipal;
        uint256 locked = principal - fromPrincipal;
        seq.amount = locked;
        seq.reward = reward - fromReward;
        ++seq.nonce;
        totalLocked -= fromPrincipal;
        totalReward -= fromReward;
        address recipient = slashRecipient;
        emit Slashed(seqId, recipient, fromPrincipal, fromReward, locked);
        _escrow.push(recipient, amount);
    }

    /// @notice Allows or disallows `account` to lock sequencers.
    /// @param account Sequencer owner candidate.
    /// @param allowed New whitelist flag.
    function setWhitelist(address account, bool allowed) external onlyOwner {
        whitelist[account] = allowed;
        emit SetWhitelist(account, allowed);
    }

    /// @notice Sets the MPC key allowed to submit reward batches.
    /// @param mpc_ New MPC address (non-zero).
    function setMpc(address mpc_) external onlyOwner {
        if (mpc_ == address(0)) revert PoolZeroAddress();
        mpc = mpc_;
        emit MpcUpdated(mpc_);
    }

    /// @notice Sets the account that pays batch rewards.
    /// @param payer New reward payer (non-zero; must approve `escrow()`).
    function setRewardPayer(address payer) external onlyOwner {
        if (payer == address(0)) revert PoolZeroAddress();
        rewardPayer = payer;
        emit RewardPayerUpdated(payer);
    }

    /// @notice Sets the account receiving slashed METIS.
    /// @param recipient New slash recipient (non-zero).
    function setSlashRecipient(address recipient) external onlyOwner {
        if (recipient == address(0)) revert PoolZeroAddress();
        slashRecipient = recipient;
        emit SlashRecipientUpdated(recipient);
    }

    /// @notice Grants or revokes the right to `slash`.
    /// @param account The slasher.
    /// @param allowed New flag.
    function setSlasher(address account, bool allowed) external onlyOwner {
        slashers[account] = allowed;
        emit SlasherSet(account, allowed);
    }

    /// @notice Sets the reward per L2 block for future batches (at most `MAX_REWARD_PER_BLOCK`).
    /// @param value New reward per block, in wei of METIS.
    function setRewardPerBlock(uint256 value) external onlyOwner {
        if (value > MAX_REWARD_PER_BLOCK) revert PoolRewardPerBlockTooHigh(value, MAX_REWARD_PER_BLOCK);
        rewardPerBlock = value;
        emit RewardPerBlockUpdated(value);
    }

    /// @notice Sets the exit delay for future unlocks (at most `MAX_EXIT_DELAY`; 0 allowed on devnet).
    /// @param delay New delay in seconds.
    function setExitDelay(uint256 delay) external onlyOwner {
        if (delay > MAX_EXIT_DELAY) revert PoolExitDelayTooLong(delay, MAX_EXIT_DELAY);
        exitDelayPeriod = delay;
        emit ExitDelayUpdated(delay);
    }

    /// @notice Sets the lock limits (0 < min <= max). Existing locks are not re-checked.
    /// @param min New minimum lock.
    /// @param max New maximum lock.
    function setLockLimits(uint256 min, uint256 max) external onlyOwner {
        if (min == 0 || min > max) revert PoolInvalidLockLimits(min, max);
        minLock = min;
        maxLock = max;
        emit LockLimitsUpdated(min, max);
    }

    /// @notice Pauses or unpauses the owner-facing functions (reward batches and admin actions still run).
    /// @param value New pause flag.
    function setPause(bool value) external onlyOwner {
        paused = value;
        emit PauseSet(value);
    }

    // ------------------------------------------------------------------ views

    /// @inheritdoc ISequencerLockingPool
    function escrow() external view returns (address) {
        return address(_escrow);
    }

    /// @inheritdoc ISequencerLockingPool
    function metis() external view returns (address) {
        return address(_metis);
    }

    /// @notice The whole state of a sequencer as a struct (same fields as `sequencers(seqId)`, whose
    /// 13-value tuple legacy-codegen Solidity callers cannot decode without via-IR).
    /// @param seqId The sequencer.
    /// @return The sequencer's state (all zero for an unknown id).
    function sequencerInfo(uint256 seqId) external view returns (Sequencer memory) {
        return sequencers[seqId];
    }

    /// @inheritdoc ISequencerLockingPool
    function sequencerBalance(uint256 seqId) external view returns (uint256) {
        return sequencers[seqId].amount;
    }

    /// @inheritdoc ISequencerLockingPool
    function sequencerReward(uint256 seqId) external view returns (uint256) {
        return sequencers[seqId].reward;
    }

    /// @inheritdoc ISequencerLockingPool
    function sequencerStatus(uint256 seqId) external view returns (Status) {
        return sequencers[seqId].status;
    }

    /// @inheritdoc ISequencerLockingPool
    function sequencerUnlockClaimTime(uint256 seqId) external view returns (uint256) {
        return sequencers[seqId].unlockClaimTime;
    }

    // ------------------------------------------------------------------ internal

    function _lock(address signer, address rewardRecipient, uint256 amount, bytes calldata signerPubkey)
        private
        nonReentrant
        whenNotPaused
        onlyWhitelisted
    {
        address owner_ = msg.sender;
        uint256 owned = seqOwners[owner_];
        if (owned != 0) revert PoolOwnerHasSequencer(owner_, owned);
        if (signerPubkey.length != 64) revert PoolInvalidPubkeyLength(signerPubkey.length);
        address derived = address(uint160(uint256(keccak256(signerPubkey))));
        if (derived != signer) revert PoolSignerMismatch(signer, derived);
        uint256 used = seqSigners[signer];
        if (used != 0) revert PoolSignerUsed(signer, used);
        if (amount < minLock) revert PoolBelowMinLock(amount, minLock);
        if (amount > maxLock) revert PoolAboveMaxLock(amount, maxLock);

        uint256 seqId = ++seqCount;
        uint64 batch = SafeCast.toUint64(currentBatch);
        Sequencer storage seq = sequencers[seqId];
        seq.amount = amount;
        seq.owner = owner_;
        seq.status = Status.Active;
        seq.signer = signer;
        seq.pubkey = signerPubkey;
        seq.activationBatch = batch;
        seq.rewardRecipient = rewardRecipient;
        seq.updatedBatch = batch;
        seqOwners[owner_] = seqId;
        seqSigners[signer] = seqId;
        totalLocked += amount;

        emit Locked(seqId, owner_, signer, rewardRecipient, amount, batch, signerPubkey);
        emit SequencerRewardRecipientChanged(seqId, rewardRecipient);
        _escrow.pull(owner_, amount);
    }

    /// @dev Adds `blocks[i] * rpb` to the reward of each signer's Active sequencer; returns the sum.
    function _credit(uint256 batchId, address[] calldata signers, uint256[] calldata blocks, uint256 rpb)
        private
        returns (uint256 total)
    {
        uint256 n = signers.length;
        for (uint256 i; i < n; ++i) {
            address signer = signers[i];
            uint256 seqId = seqSigners[signer];
            Sequencer storage seq = sequencers[seqId];
            if (seqId == 0 || seq.status != Status.Active) revert PoolSignerNotActive(signer);
            uint256 reward = blocks[i] * rpb;
            seq.reward += reward;
            total += reward;
            emit BatchSubmitReward(batchId, seqId, blocks[i], reward);
        }
    }

    /// @dev Caller must own `seqId`, which must be Active.
    function _ownedActive(uint256 seqId) private view returns (Sequencer storage seq) {
        seq = sequencers[seqId];
        if (seq.owner != msg.sender) revert PoolNotSeqOwner(seqId, msg.sender);
        if (seq.status != Status.Active) revert PoolSeqNotActive(seqId);
    }

    /// @dev Active -> Inactive, pays the pending reward, starts the exit delay. Caller checked status.
    function _unlock(uint256 seqId, bool forced) private {
        Sequencer storage seq = sequencers[seqId];
        uint256 claimTime = block.timestamp + exitDelayPeriod;
        seq.status = Status.Inactive;
        seq.deactivationBatch = SafeCast.toUint64(currentBatch);
        seq.deactivationTime = SafeCast.toUint64(block.timestamp);
        seq.unlockClaimTime = SafeCast.toUint64(claimTime);
        uint256 nonce = ++seq.nonce;
        uint256 reward = seq.reward;
        seq.reward = 0;
        totalReward -= reward;
        emit UnlockInit(seqId, forced, claimTime, seq.amount, nonce);
        if (reward != 0) {
            address recipient = seq.rewardRecipient;
            emit RewardsClaimed(seqId, recipient, reward);
            _escrow.push(recipient, reward);
        }
    }
}
