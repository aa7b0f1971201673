// SPDX-License-Identifier: MIT
pragma solidity 0.8.23;

// Metis reverts with these exact strings; the model keeps them so callers see the same revert data.
// solhint-disable gas-custom-errors

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {ILockingPool} from "../../interfaces/metis/ILockingPool.sol";
import {ModelInitializable} from "../ModelInitializable.sol";
import {LockingInfoModel} from "./LockingInfoModel.sol";
import {SequencerInfoModel} from "./SequencerInfoModel.sol";

/// @title DEVNET/TEST MODEL of Metis's LockingPool (L1): never deployed to a real network.
/// @notice Whitelisted owners lock 20,000-100,000 METIS (approved to LockingInfo, `escrow()`) for one sequencer
/// each; the MPC settles per-block rewards in batches (`batchSubmitRewards`), pulled by LockingInfo from the
/// reward payer; owners relock (optionally compounding the reward), withdraw part of the lock (at once, once per
/// batch, keeping >= minLock), bridge rewards to their L2 recipient (`withdrawRewards`, ETH fee), and exit in two
/// steps (`unlock`, then `unlockClaim` after `exitDelayPeriod`). The whitelist gates every owner action.
/// ETH sent with `withdrawRewards` while the reward is zero stays in this contract; ETH sent with `unlock` or
/// `unlockClaim` while no reward is bridged stays in LockingInfo (as on Metis, nothing can take it out again).
/// @dev Differences from Metis's LockingPool (MetisProtocol/metis-sequencer-contract, 0.8.24 rewrite):
/// - The "BFT restriction" of `unlock` (refuse when inactive x 3 > active + inactive after the change) is
///   switched by `initialize`'s `_bftRestriction`: on for the mainnet variant (the live implementation behind
///   0xD54c...52Dd has it), off for the Sepolia variant (the live implementation there has none). Metis has two
///   implementations instead of a flag; `bftRestriction()` is a model-only view.
/// - Configuration is a one-time `initialize(escrow, owner, bftRestriction)` by the deployer of the code (see
///   `ModelInitializable`); Metis's `initialize(escrow)` is open and makes the caller the owner.
/// - OpenZeppelin 5 `Ownable` and `Pausable`: a non-owner call reverts `OwnableUnauthorizedAccount(caller)` and a
///   paused call reverts `EnforcedPause()` where Metis (OpenZeppelin 4.9) reverts "Ownable: caller is not the
///   owner" and "Pausable: paused" (`setPause` to the current state reverts `EnforcedPause()` /
///   `ExpectedPause()` instead of "Pausable: paused" / "Pausable: not paused").
/// There is no `metis()`, `sequencerReward()` or `slash` (Metis has none). Everything else (checks, their
/// order, revert strings, arithmetic panics such as withdrawing more than is locked, and events) follows Metis.
contract LockingPoolModel is SequencerInfoModel, Pausable, ModelInitializable {
    /// @notice The current reward batch.
    struct BatchState {
        uint256 id; // current batch id (starts at 1)
        uint256 number; // L1 block of the last submission
        uint256 startEpoch; // start epoch of the last submission
        uint256 endEpoch; // end epoch of the last submission
    }

    /// @notice `updateWithdrawDelayTimeValue` changed the exit delay (Metis's spelling).
    event WithrawDelayTimeChange(uint256 _cur, uint256 _prev);
    /// @notice `updateBlockReward` changed the reward per L2 block.
    event RewardUpdate(uint256 newReward, uint256 oldReward);
    /// @notice `updateMpc` changed the MPC address.
    event UpdateMpc(address _newMpc);
    /// @notice `setSignerUpdateThrottle` changed the throttle.
    event SetSignerUpdateThrottle(uint256 _n);
    /// @notice A reward batch was settled: `amount` in total at `rpb` per block.
    event DistributeReward(uint256 indexed batchId, uint256 startEpoch, uint256 endEpoch, uint256 amount, uint256 rpb);

    /// @inheritdoc ILockingPool
    address public override escrow;
    /// @inheritdoc ILockingPool
    uint256 public override exitDelayPeriod;
    /// @inheritdoc ILockingPool
    uint256 public override rewardPerBlock;
    /// @inheritdoc ILockingPool
    address public override mpcAddress;
    /// @inheritdoc ILockingPool
    BatchState public override curBatchState;
    /// @notice Batches a signer must wait between two `updateSigner` calls (1).
    uint256 public signerUpdateThrottle;
    /// @notice MODEL ONLY: whether `unlock` applies mainnet's "BFT restriction".
    bool public bftRestriction;

    constructor() Ownable(msg.sender) {}

    /// @notice One-time configuration: exitDelayPeriod 21 days, rewardPerBlock 761000 gwei, batch 1 (epochs 0),
    /// signerUpdateThrottle 1. The MPC is set afterwards with `updateMpc`, the escrow's manager with
    /// `LockingInfo.initManager`.
    /// @param _escrow The LockingInfo model.
    /// @param _owner The admin.
    /// @param _bftRestriction True for the mainnet variant (BFT check on `unlock`), false for Sepolia's.
    function initialize(address _escrow, address _owner, bool _bftRestriction) external initializer onlyModelDeployer {
        exitDelayPeriod = 21 days;
        rewardPerBlock = 761000 gwei;
        curBatchState = BatchState({id: 1, number: block.number, startEpoch: 0, endEpoch: 0});
        escrow = _escrow;
        signerUpdateThrottle = 1;
        bftRestriction = _bftRestriction;
        _transferOwnership(_owner);
    }

    // ------------------------------------------------------------------ views

    /// @inheritdoc ILockingPool
    function currentBatch() external view override returns (uint256) {
        return curBatchState.id;
    }

    /// @notice Metis's compatibility alias of `exitDelayPeriod`.
    function WITHDRAWAL_DELAY() external view returns (uint256) {
        return exitDelayPeriod;
    }

    /// @notice Metis's compatibility alias of `rewardPerBlock`.
    function BLOCK_REWARD() external view returns (uint256) {
        return rewardPerBlock;
    }

    /// @inheritdoc ILockingPool
    function paused() public view override(ILockingPool, Pausable) returns (bool) {
        return super.paused();
    }

    // ------------------------------------------------------------------ admin

    /// @notice Owner only: the address allowed to submit reward batches.
    /// @param _newMpc New MPC address.
    function updateMpc(address _newMpc) external onlyOwner {
        mpcAddress = _newMpc;
        emit UpdateMpc(_newMpc);
    }

    /// @notice Owner only: pause (`_yes`) or unpause locking, withdrawals and exits.
    /// @param _yes Whether to pause.
    function setPause(bool _yes) external onlyOwner {
        if (_yes) _pause();
        else _unpause();
    }

    /// @notice Owner only: the delay between `unlock` and `unlockClaim`.
    /// @param _time New delay in seconds (not zero).
    function updateWithdrawDelayTimeValue(uint256 _time) external onlyOwner {
        require(_time > 0, "dalayTime==0");
        uint256 pre = exitDelayPeriod;
        exitDelayPeriod = _time;
        emit WithrawDelayTimeChange(_time, pre);
    }

    /// @notice Owner only: the reward per L2 block.
    /// @param newReward New reward per block (not zero).
    function updateBlockReward(uint256 newReward) external onlyOwner {
        require(newReward != 0, "invalid newReward");
        uint256 pre = rewardPerBlock;
        rewardPerBlock = newReward;
        emit RewardUpdate(newReward, pre);
    }

    /// @notice Owner only: batches between two signer updates (may be 0).
    /// @param _n New throttle.
    function setSignerUpdateThrottle(uint256 _n) external onlyOwner {
        signerUpdateThrottle = _n;
        emit SetSignerUpdateThrottle(_n);
    }

    // ------------------------------------------------------------------ signer

    /// @notice The sequencer's signer (not its owner) moves it to a new key; the old signer is retired.
    /// @param _seqId The sequencer.
    /// @param _signerPubkey The new 64-byte uncompressed public key.
    function updateSigner(uint256 _seqId, bytes calldata _signerPubkey) external whenNotPaused {
        Sequencer storage seq = sequencers[_seqId];
        if (seq.status != Status.Active) revert SeqNotActive();
        address signer = seq.signer;
        if (signer != msg.sender) revert NotSeqSigner();
        require(curBatchState.id >= seq.updatedBatch + signerUpdateThrottle, "signer updating throttle");

        address newSigner = _getAddrByPubkey(_signerPubkey);
        if (seqSigners[newSigner] != 0) revert SignerExisted();
        seq.pubkey = _signerPubkey;
        seq.signer = newSigner;
        seqSigners[newSigner] = _seqId;
        _invalidSignerAddress(signer);
        seq.updatedBatch = curBatchState.id;
        uint256 nonce = seq.nonce + 1;
        seq.nonce = nonce;
        LockingInfoModel(escrow).logSignerChange(_seqId, signer, newSigner, nonce, _signerPubkey);
    }

    // ------------------------------------------------------------------ owner actions

    /// @notice Locks `_amount` METIS (approved to LockingInfo) for a new sequencer owned by the caller, with no
    /// reward recipient (set one before `withdrawRewards` / `unlock`, which revert `NoRewardRecipient`).
    /// @param _signer address(keccak256(_signerPubkey)).
    /// @param _amount METIS to lock (minLock..maxLock).
    /// @param _signerPubkey 64-byte uncompressed public key.
    function lockFor(address _signer, uint256 _amount, bytes calldata _signerPubkey)
        external
        whenNotPaused
        whitelistRequired
    {
        _lock(_signer, address(0), _amount, _signerPubkey);
    }

    /// @inheritdoc ILockingPool
    function lockWithRewardRecipient(
        address _signer,
        address _rewardRecipient,
        uint256 _amount,
        bytes calldata _signerPubkey
    ) external override whenNotPaused whitelistRequired {
        _lock(_signer, _rewardRecipient, _amount, _signerPubkey);
    }

    /// @inheritdoc ILockingPool
    function relock(uint256 _seqId, uint256 _amount, bool _lockReward)
        external
        override
        whenNotPaused
        whitelistRequired
    {
        Sequencer storage seq = sequencers[_seqId];
        if (seq.status != Status.Active) revert SeqNotActive();
        if (seq.owner != msg.sender) revert NotSeqOwner();

        uint256 fromReward = 0;
        if (_lockReward) {
            fromReward = seq.reward;
            seq.reward = 0;
        }
        uint256 locked = seq.amount + _amount + fromReward;
        uint256 nonce = seq.nonce + 1;
        seq.nonce = nonce;
        seq.amount = locked;
        LockingInfoModel(escrow).increaseLocked(_seqId, nonce, msg.sender, locked, _amount, fromReward);
    }

    /// @inheritdoc ILockingPool
    function unlock(uint256 _seqId, uint32 _l2Gas) external payable override whenNotPaused whitelistRequired {
        _unlock(_seqId, false, _l2Gas);
    }

    /// @notice Owner only: forces a sequencer out (no whitelist, ownership or BFT check; not gated by pause).
    /// @param _seqId The sequencer.
    /// @param _l2Gas L2 gas for bridging its pending reward (`msg.value` pays the fee).
    function forceUnlock(uint256 _seqId, uint32 _l2Gas) external payable onlyOwner {
        _unlock(_seqId, true, _l2Gas);
    }

    /// @inheritdoc ILockingPool
    function unlockClaim(uint256 _seqId, uint32 _l2Gas) external payable override whenNotPaused whitelistRequired {
        Sequencer storage seq = sequencers[_seqId];
        if (seq.owner != msg.sender) revert NotSeqOwner();
        address recipient = seq.rewardRecipient;
        if (recipient == address(0)) revert NoRewardRecipient();
        require(seq.status == Status.Inactive && seq.unlockClaimTime <= block.timestamp, "Not allowed to cliam");

        uint256 amount = seq.amount;
        uint256 reward = seq.reward;
        seq.amount = 0;
        seq.reward = 0;
        seq.nonce++;
        seq.status = Status.Unlocked;
        seqStatuses[Status.Inactive]--;
        seqStatuses[Status.Unlocked]++;
        delete seqOwners[seq.owner];
        _invalidSignerAddress(seq.signer);

        LockingInfoModel(escrow).finalizeUnlock{value: msg.value}(msg.sender, _seqId, amount, reward, recipient, _l2Gas);
    }

    /// @inheritdoc ILockingPool
    function withdrawRewards(uint256 _seqId, uint32 _l2Gas) external payable override whenNotPaused whitelistRequired {
        Sequencer storage seq = sequencers[_seqId];
        if (seq.status != Status.Active) revert SeqNotActive();
        if (seq.owner != msg.sender) revert NotSeqOwner();
        address recipient = seq.rewardRecipient;
        if (recipient == address(0)) revert NoRewardRecipient();
        uint256 reward = seq.reward;
        if (reward > 0) {
            seq.reward = 0;
            LockingInfoModel(escrow).liquidateReward{value: msg.value}(_seqId, reward, recipient, _l2Gas);
        }
    }

    /// @inheritdoc ILockingPool
    function withdraw(uint256 _seqId, uint256 _amount) external override whenNotPaused whitelistRequired {
        Sequencer storage seq = sequencers[_seqId];
        if (seq.status != Status.Active) revert SeqNotActive();
        if (seq.owner != msg.sender) revert NotSeqOwner();
        require(curBatchState.id > seq.updatedBatch, "withdraw throttle");

        uint256 locked = seq.amount - _amount;
        uint256 nonce = seq.nonce + 1;
        seq.nonce = nonce;
        seq.amount = locked;
        seq.updatedBatch = curBatchState.id;
        LockingInfoModel(escrow).withdrawLocking(_seqId, seq.owner, nonce, _amount, locked);
    }

    // ------------------------------------------------------------------ MPC

    /// @inheritdoc ILockingPool
    function batchSubmitRewards(
        uint256 _batchId,
        uint256 _startEpoch,
        uint256 _endEpoch,
        address[] calldata _seqs,
        uint256[] calldata _blocks
    ) external override {
        require(msg.sender == mpcAddress, "not MPC");
        require(_seqs.length == _blocks.length && _seqs.length > 0, "mismatch length");

        BatchState storage bs = curBatchState;
        uint256 nextBatch = bs.id + 1;
        require(nextBatch == _batchId, "invalid batch id");
        bs.id = nextBatch;
        require(bs.endEpoch + 1 == _startEpoch, "invalid startEpoch");
        require(_startEpoch < _endEpoch, "invalid endEpoch");

        uint256 rpb = rewardPerBlock;
        uint256 totalReward = 0;
        for (uint256 i = 0; i < _seqs.length; i++) {
            uint256 reward = _blocks[i] * rpb;
            Sequencer storage seq = sequencers[seqSigners[_seqs[i]]];
            if (seq.status == Status.Unavailable) revert NoSuchSeq();
            seq.reward += reward;
            totalReward += reward;
        }
        bs.number = block.number;
        bs.startEpoch = _startEpoch;
        bs.endEpoch = _endEpoch;
        LockingInfoModel(escrow).distributeReward(_batchId, totalReward);
        emit DistributeReward(_batchId, _startEpoch, _endEpoch, totalReward, rpb);
    }

    // ------------------------------------------------------------------ internals

    function _lock(address _signer, address _rewardRecipient, uint256 _amount, bytes calldata _signerPubkey) internal {
        uint256 batchId = curBatchState.id;
        address owner_ = msg.sender;
        uint256 seqId = _lockFor(batchId, owner_, _signer, _signerPubkey, _amount, _rewardRecipient);
        LockingInfoModel(escrow).newSequencer(seqId, owner_, _signer, _amount, batchId, _signerPubkey);
        emit SequencerOwnerChanged(seqId, owner_);
        emit SequencerRewardRecipientChanged(seqId, _rewardRecipient);
    }

    function _unlock(uint256 _seqId, bool _force, uint32 _l2Gas) internal {
        Sequencer storage seq = sequencers[_seqId];
        if (seq.status != Status.Active) revert SeqNotActive();

        uint256 active = --seqStatuses[Status.Active];
        uint256 inactive = ++seqStatuses[Status.Inactive];
        if (!_force) {
            if (seq.owner != msg.sender) revert NotSeqOwner();
            if (bftRestriction && inactive * 3 > active + inactive) revert("BFT restriction");
        }

        if (seq.rewardRecipient == address(0)) revert NoRewardRecipient();

        seq.status = Status.Inactive;
        seq.deactivationBatch = curBatchState.id;
        seq.deactivationTime = block.timestamp;
        seq.unlockClaimTime = block.timestamp + exitDelayPeriod;
        seq.nonce++;

        uint256 unclaimed = seq.reward;
        seq.reward = 0;
        LockingInfoModel(escrow).initializeUnlock{value: msg.value}(_seqId, unclaimed, _l2Gas, seq);
    }
}
