// SPDX-License-Identifier: MIT
pragma solidity 0.8.23;

// Metis reverts with these exact strings; the model keeps them so callers see the same revert data.
// solhint-disable gas-custom-errors

import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";
import {Strings} from "@openzeppelin/contracts/utils/Strings.sol";
import {IL1CrossDomainMessenger} from "../../interfaces/metis/ICrossDomainMessengers.sol";
import {IAddressManager} from "../../interfaces/metis/IL1StandardBridge.sol";
import {ModelInitializable} from "../ModelInitializable.sol";
import {StateBatchMerkle} from "./StateBatchMerkle.sol";

/// @title DEVNET/TEST MODEL of Metis's StateCommitmentChain (L1): never deployed to a real network.
/// @notice The proposer of an L2 chain (the address registered as "<chainId>_MVM_Proposer" in the AddressManager;
/// the devnet relayer plays it) appends batches of state elements; each batch is stored as the hash of its header
/// `(batchIndex, batchRoot, batchSize, prevTotalElements, extraData)` with `extraData = abi.encode(timestamp,
/// proposer)`. `StateBatchAppended` carries the whole header, so a relayer can rebuild it from the log.
/// `verifyStateCommitmentByChainId` checks that a header is the stored one and that an element is in its batch;
/// `insideFraudProofWindow` is true until `FRAUD_PROOF_WINDOW` seconds after the batch's timestamp.
/// @dev Differences from Metis's StateCommitmentChain (MetisProtocol/mvm):
/// - `appendStateBatchByChainId(chainId, batch, shouldStartAtElement)` has no 4th `string proposer` argument:
///   the proposer is always resolved as "<chainId>_MVM_Proposer", and "being collateralized" (Metis's
///   BondManager check) means being that address. There is no CanonicalTransactionChain, so the
///   "cannot exceed the number of canonical transactions" check, the sequencer publication window and batch
///   deletion by a fraud verifier are not modelled.
/// - Inclusion proofs are OpenZeppelin `MerkleProof` sorted-pair proofs over the batch's elements (see
///   `StateBatchMerkle`); `ChainInclusionProof.index` is not used. Metis uses its own Lib_MerkleTree.
/// - Configuration is a one-time `initialize(addressManager, fraudProofWindow, defaultChainId)` by the deployer
///   of the code; Metis sets the window in its constructor and hard-codes 1088 as the default chain.
contract StateCommitmentChainModel is ModelInitializable {
    /// @notice A batch was appended (the full header: enough to rebuild it for proofs).
    event StateBatchAppended(
        uint256 _chainId,
        uint256 indexed _batchIndex,
        bytes32 _batchRoot,
        uint256 _batchSize,
        uint256 _prevTotalElements,
        bytes _extraData
    );

    /// @notice The AddressManager this contract resolves names with.
    address public libAddressManager;
    /// @notice Seconds after a batch's timestamp during which its elements cannot be used (7 days on Metis).
    uint256 public FRAUD_PROOF_WINDOW;
    /// @notice The chain the chain-less functions refer to.
    uint256 public DEFAULT_CHAINID;

    mapping(uint256 chainId => bytes32[] headerHashes) private _batchHeaderHashes;
    mapping(uint256 chainId => uint256 total) private _totalElements;
    mapping(uint256 chainId => uint256 timestamp) private _lastSequencerTimestamp;

    /// @notice One-time configuration.
    /// @param _addressManager The AddressManager (model).
    /// @param _fraudProofWindow The fraud-proof window in seconds (7 days in tests, short on the devnet).
    /// @param _defaultChainId The L2 chain of `verifyStateCommitment`, `getTotalElements` and `getTotalBatches`.
    function initialize(address _addressManager, uint256 _fraudProofWindow, uint256 _defaultChainId)
        external
        initializer
        onlyModelDeployer
    {
        libAddressManager = _addressManager;
        FRAUD_PROOF_WINDOW = _fraudProofWindow;
        DEFAULT_CHAINID = _defaultChainId;
    }

    /// @notice GCD_MANAGER only (from the AddressManager): a new fraud-proof window.
    /// @param window New window in seconds.
    function setFraudProofWindow(uint256 window) external {
        require(msg.sender == IAddressManager(libAddressManager).getAddress("GCD_MANAGER"), "now allowed");
        FRAUD_PROOF_WINDOW = window;
    }

    // ------------------------------------------------------------------ views

    /// @notice Elements appended for the default chain.
    function getTotalElements() external view returns (uint256) {
        return _totalElements[DEFAULT_CHAINID];
    }

    /// @notice Batches appended for the default chain.
    function getTotalBatches() external view returns (uint256) {
        return _batchHeaderHashes[DEFAULT_CHAINID].length;
    }

    /// @notice Elements appended for `_chainId` (the next batch must start there).
    function getTotalElementsByChainId(uint256 _chainId) public view returns (uint256) {
        return _totalElements[_chainId];
    }

    /// @notice Batches appended for `_chainId`.
    function getTotalBatchesByChainId(uint256 _chainId) public view returns (uint256) {
        return _batchHeaderHashes[_chainId].length;
    }

    /// @notice Timestamp of the last batch the proposer appended for `_chainId`.
    function getLastSequencerTimestampByChainId(uint256 _chainId) external view returns (uint256) {
        return _lastSequencerTimestamp[_chainId];
    }

    /// @notice MODEL ONLY: the stored header hash of batch `_batchIndex` of `_chainId` (zero if none).
    function batchHeaderHash(uint256 _chainId, uint256 _batchIndex) external view returns (bytes32) {
        bytes32[] storage hashes = _batchHeaderHashes[_chainId];
        return _batchIndex < hashes.length ? hashes[_batchIndex] : bytes32(0);
    }

    /// @notice Metis's header hash: keccak256(abi.encode(batchRoot, batchSize, prevTotalElements, extraData)).
    function hashBatchHeader(IL1CrossDomainMessenger.ChainBatchHeader memory _header) public pure returns (bytes32) {
        return keccak256(abi.encode(_header.batchRoot, _header.batchSize, _header.prevTotalElements, _header.extraData));
    }

    /// @notice `verifyStateCommitmentByChainId` on the default chain.
    function verifyStateCommitment(
        bytes32 _element,
        IL1CrossDomainMessenger.ChainBatchHeader calldata _batchHeader,
        IL1CrossDomainMessenger.ChainInclusionProof calldata _proof
    ) external view returns (bool) {
        return verifyStateCommitmentByChainId(DEFAULT_CHAINID, _element, _batchHeader, _proof);
    }

    /// @notice True if `_batchHeader` is the stored header of its index and `_element` is in that batch;
    /// reverts "Invalid batch header." / "Invalid inclusion proof." otherwise.
    function verifyStateCommitmentByChainId(
        uint256 _chainId,
        bytes32 _element,
        IL1CrossDomainMessenger.ChainBatchHeader memory _batchHeader,
        IL1CrossDomainMessenger.ChainInclusionProof memory _proof
    ) public view returns (bool) {
        require(_isValidBatchHeader(_chainId, _batchHeader), "Invalid batch header.");
        require(MerkleProof.verify(_proof.siblings, _batchHeader.batchRoot, _element), "Invalid inclusion proof.");
        return true;
    }

    /// @notice Whether the batch is still inside its fraud-proof window (its elements cannot be used yet).
    function insideFraudProofWindow(IL1CrossDomainMessenger.ChainBatchHeader memory _batchHeader)
        public
        view
        returns (bool)
    {
        (uint256 timestamp,) = abi.decode(_batchHeader.extraData, (uint256, address));
        require(timestamp != 0, "Batch header timestamp cannot be zero");
        return timestamp + FRAUD_PROOF_WINDOW > block.timestamp;
    }

    /// @notice `insideFraudProofWindow` (the window is the same for every chain).
    function insideFraudProofWindowByChainId(uint256, IL1CrossDomainMessenger.ChainBatchHeader calldata _batchHeader)
        external
        view
        returns (bool)
    {
        return insideFraudProofWindow(_batchHeader);
    }

    // ------------------------------------------------------------------ proposer

    /// @notice Proposer only: appends `_batch` (not empty) for `_chainId`, starting at element
    /// `_shouldStartAtElement` (must equal `getTotalElementsByChainId(_chainId)`).
    /// @param _chainId The L2 chain.
    /// @param _batch The state elements.
    /// @param _shouldStartAtElement The expected index of the batch's first element.
    function appendStateBatchByChainId(uint256 _chainId, bytes32[] calldata _batch, uint256 _shouldStartAtElement)
        external
    {
        uint256 total = _totalElements[_chainId];
        require(_shouldStartAtElement == total, "Actual batch start index does not match expected start index.");
        address proposer =
            IAddressManager(libAddressManager).getAddress(string.concat(Strings.toString(_chainId), "_MVM_Proposer"));
        require(proposer != address(0) && msg.sender == proposer, "Proposer does not have enough collateral posted");
        require(_batch.length > 0, "Cannot submit an empty state batch.");

        IL1CrossDomainMessenger.ChainBatchHeader memory header = IL1CrossDomainMessenger.ChainBatchHeader({
            batchIndex: _batchHeaderHashes[_chainId].length,
            batchRoot: StateBatchMerkle.root(_batch),
            batchSize: _batch.length,
            prevTotalElements: total,
            extraData: abi.encode(block.timestamp, msg.sender)
        });
        emit StateBatchAppended(
            _chainId, header.batchIndex, header.batchRoot, header.batchSize, header.prevTotalElements, header.extraData
        );
        _batchHeaderHashes[_chainId].push(hashBatchHeader(header));
        _totalElements[_chainId] = total + _batch.length;
        _lastSequencerTimestamp[_chainId] = block.timestamp;
    }

    function _isValidBatchHeader(uint256 _chainId, IL1CrossDomainMessenger.ChainBatchHeader memory _header)
        internal
        view
        returns (bool)
    {
        bytes32[] storage hashes = _batchHeaderHashes[_chainId];
        return _header.batchIndex < hashes.length && hashBatchHeader(_header) == hashes[_header.batchIndex];
    }
}
