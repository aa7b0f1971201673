// SPDX-License-Identifier: MIT
pragma solidity 0.8.23;

// Metis reverts with these exact strings (and custom errors); the model keeps them so callers see the same data.
// solhint-disable gas-custom-errors

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {ILockingPool} from "../../interfaces/metis/ILockingPool.sol";

/// @title DEVNET/TEST MODEL of Metis's SequencerInfo (the base of LockingPool): never deployed to a real network.
/// @notice The sequencer registry of Metis's LockingPool (MetisProtocol/metis-sequencer-contract, 0.8.24 rewrite):
/// the owner whitelist, the `sequencers(id)` records, one sequencer per owner (`seqOwners`), one sequencer per
/// signer address (`seqSigners`, `type(uint256).max` once a signer is retired), and the count per status.
/// @dev Differences from Metis's SequencerInfo:
/// - The owner is OpenZeppelin 5 `Ownable`: a non-owner call reverts `OwnableUnauthorizedAccount(caller)` where
///   Metis (OpenZeppelin 4.9) reverts "Ownable: caller is not the owner".
/// - No storage gap and no upgradeable base (the model is not behind a proxy).
/// Everything else (errors, events, checks and their order) follows Metis.
abstract contract SequencerInfoModel is ILockingPool, Ownable {
    /// @notice A sequencer's record, in Metis's field order (the `sequencers(id)` getter returns it as a tuple).
    struct Sequencer {
        uint256 amount; // locked METIS
        uint256 reward; // reward not yet paid out
        uint256 activationBatch; // batch id at lock time
        uint256 updatedBatch; // batch id of the lock, of the last withdraw or of the last signer update
        uint256 deactivationBatch; // batch id at unlock
        uint256 deactivationTime; // timestamp of unlock
        uint256 unlockClaimTime; // deactivationTime + exitDelayPeriod
        uint256 nonce; // starts at 1, +1 on every change
        address owner; // the operator: lock / relock / withdraw / unlock / claim
        address signer; // the L2 block signer, address(keccak256(pubkey))
        bytes pubkey; // 64-byte uncompressed public key without the 0x04 prefix
        address rewardRecipient; // receives the rewards ON L2
        Status status;
    }

    /// @notice The caller already owns a sequencer.
    error OwnedSequencer();
    /// @notice The signer address is (or was) used by a sequencer.
    error SignerExisted();
    /// @notice No sequencer signs as this address.
    error NoSuchSeq();
    /// @notice A zero address was given.
    error NullAddress();
    /// @notice The sequencer is not Active.
    error SeqNotActive();
    /// @notice The caller does not own the sequencer.
    error NotSeqOwner();
    /// @notice The caller is not the sequencer's signer.
    error NotSeqSigner();
    /// @notice The sequencer has no reward recipient (set one with `setSequencerRewardRecipient`).
    error NoRewardRecipient();
    /// @notice The caller is not on the whitelist.
    error NotWhitelisted();

    /// @notice `_user` was added to (`_yes`) or removed from the whitelist.
    event SetWhitelist(address _user, bool _yes);
    /// @notice The reward recipient of `_seqId` is now `_recipient`.
    event SequencerRewardRecipientChanged(uint256 _seqId, address _recipient);
    /// @notice The owner of `_seqId` is now `_owner`.
    event SequencerOwnerChanged(uint256 _seqId, address _owner);

    /// @notice Number of sequencers ever created (the last id issued; ids start at 1).
    uint256 public totalSequencers;

    /// @inheritdoc ILockingPool
    mapping(address owner => bool yes) public override whitelist;

    /// @notice A sequencer's record (see `Sequencer`); all zero for an unknown id.
    mapping(uint256 seqId => Sequencer seq) public override sequencers;

    /// @inheritdoc ILockingPool
    mapping(address owner => uint256 seqId) public override seqOwners;

    /// @inheritdoc ILockingPool
    mapping(address signer => uint256 seqId) public override seqSigners;

    /// @inheritdoc ILockingPool
    mapping(Status status => uint256 count) public override seqStatuses;

    /// @dev Metis's `whitelistRequired`.
    modifier whitelistRequired() {
        if (!whitelist[msg.sender]) revert NotWhitelisted();
        _;
    }

    /// @notice Owner only: lets `_addr` lock and operate a sequencer (`_yes`) or not.
    /// @param _addr The owner address.
    /// @param _yes Whether it is whitelisted.
    function setWhitelist(address _addr, bool _yes) external onlyOwner {
        whitelist[_addr] = _yes;
        emit SetWhitelist(_addr, _yes);
    }

    /// @notice The sequencer's owner (whitelisted) sets where its rewards are paid on L2. Active sequencers only.
    /// @param _seqId The sequencer.
    /// @param _recipient The L2 address that receives the bridged rewards (not zero).
    function setSequencerRewardRecipient(uint256 _seqId, address _recipient) external whitelistRequired {
        Sequencer storage seq = sequencers[_seqId];
        if (seq.owner != msg.sender) revert NotSeqOwner();
        if (seq.status != Status.Active) revert SeqNotActive();
        if (_recipient == address(0)) revert NullAddress();
        seq.rewardRecipient = _recipient;
        emit SequencerRewardRecipientChanged(_seqId, _recipient);
    }

    /// @notice The sequencer's owner (whitelisted) hands it to `_owner`. Active sequencers only.
    /// @dev As on Metis, the new owner is not checked against the whitelist nor against `seqOwners`: handing a
    /// sequencer to an address that already owns one overwrites that address's `seqOwners` entry.
    /// @param _seqId The sequencer.
    /// @param _owner The new owner (not zero).
    function setSequencerOwner(uint256 _seqId, address _owner) external whitelistRequired {
        if (_owner == address(0)) revert NullAddress();
        Sequencer storage seq = sequencers[_seqId];
        if (seq.status != Status.Active) revert SeqNotActive();
        address owner_ = seq.owner;
        if (owner_ != msg.sender) revert NotSeqOwner();
        seq.owner = _owner;
        delete seqOwners[owner_];
        seqOwners[_owner] = _seqId;
        emit SequencerOwnerChanged(_seqId, _owner);
    }

    /// @dev Registers a new Active sequencer (Metis's `_lockFor`); the METIS is pulled by LockingInfo.
    function _lockFor(
        uint256 _batchId,
        address _owner,
        address _signer,
        bytes calldata _signerPubkey,
        uint256 _amount,
        address _rewardRecipient
    ) internal returns (uint256 seqId) {
        require(_getAddrByPubkey(_signerPubkey) == _signer, "pubkey and address mismatch");
        if (seqOwners[_owner] != 0) revert OwnedSequencer();
        if (seqSigners[_signer] != 0) revert SignerExisted();

        seqId = totalSequencers + 1;
        seqOwners[_owner] = seqId;
        seqSigners[_signer] = seqId;
        seqStatuses[Status.Active]++;
        totalSequencers = seqId;

        sequencers[seqId] = Sequencer({
            amount: _amount,
            reward: 0,
            activationBatch: _batchId,
            updatedBatch: _batchId,
            deactivationBatch: 0,
            deactivationTime: 0,
            unlockClaimTime: 0,
            nonce: 1,
            owner: _owner,
            signer: _signer,
            pubkey: _signerPubkey,
            rewardRecipient: _rewardRecipient,
            status: Status.Active
        });
    }

    /// @dev address(keccak256(pubkey)) of a 64-byte uncompressed public key.
    function _getAddrByPubkey(bytes calldata _signerPubkey) internal pure returns (address signer) {
        require(_signerPubkey.length == 64, "invalid pubkey");
        signer = address(uint160(uint256(keccak256(_signerPubkey))));
        require(signer != address(0), "empty address");
    }

    /// @dev A retired signer can never be used again.
    function _invalidSignerAddress(address _signer) internal {
        seqSigners[_signer] = type(uint256).max;
    }
}
