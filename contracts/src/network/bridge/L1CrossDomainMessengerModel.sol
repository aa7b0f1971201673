// SPDX-License-Identifier: MIT
pragma solidity 0.8.23;

// Metis reverts with these exact strings; the model keeps them so callers see the same revert data.
// solhint-disable gas-custom-errors

import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";
import {IL1CrossDomainMessenger} from "../../interfaces/metis/ICrossDomainMessengers.sol";
import {IAddressManager, IMVMDiscountOracle} from "../../interfaces/metis/IL1StandardBridge.sol";
import {MetisAddresses} from "../../interfaces/metis/MetisAddresses.sol";
import {ModelInitializable} from "../ModelInitializable.sol";
import {StateCommitmentChainModel} from "./StateCommitmentChainModel.sol";

/// @title DEVNET/TEST MODEL of Metis's L1CrossDomainMessenger (Ethereum): never deployed to a real network.
/// @notice L1->L2: `sendMessageViaChainId{value: fee}(chainId, target, message, gasLimit)` first calls the discount
/// oracle's `processL2SeqGas{value: fee}(msg.sender, chainId)` (sender whitelist, fee to the chain's sequencer),
/// then takes the chain's next queue index as the nonce and emits `SentMessage`; the L2 side (the devnet relayer,
/// or the forge harness) delivers it to the L2 messenger as `relayMessage(target, sender, message, nonce)`.
/// L2->L1: `relayMessageViaChainId(chainId, target, sender, message, nonce, proof)` is open to anyone once the
/// message is proven: the state batch header must be stored in the StateCommitmentChain, outside its fraud-proof
/// window, and contain `proof.stateRoot`; then `target` is called with `message` while `xDomainMessageSender()`
/// returns `sender`. A successful message is marked in `successfulMessages` and can never run again; a failed
/// one is not marked and can be relayed again. The oracle and the SCC are resolved through the AddressManager as
/// "MVM_DiscountOracle" and "StateCommitmentChain". The cross-domain calldata (and its hash, the message id) is
/// Metis's `abi.encodeWithSignature("relayMessage(address,address,bytes,uint256)", target, sender, message, nonce)`.
/// @dev Differences from Metis's L1CrossDomainMessenger (MetisProtocol/mvm):
/// - The model's one simplification of the proof: the state element proven in the batch is the L2 messenger's
///   sent-message storage key for the calldata, `keccak256(abi.encodePacked(xDomainCalldata,
///   0x4200000000000000000000000000000000000007))`, instead of an L2 state root with account and storage trie
///   witnesses (`stateTrieWitness` and `storageTrieWitness` are ignored).
/// - There is no CanonicalTransactionChain: the nonce is a per-chain counter (`getQueueLengthByChainId`) where
///   Metis uses the CTC queue length, the queue is kept here as calldata hashes (`queuedMessageHash`), gas limits
///   are not checked, and `replayMessageViaChainId` does not exist.
/// - No `sendMessage`/`relayMessage` for the hard-coded default chain 1088, no pause, no message blocking, no
///   "earliest disputed block" check, no `relayedMessages` bookkeeping.
/// - Configuration is a one-time `initialize(addressManager)` by the deployer of the code.
contract L1CrossDomainMessengerModel is IL1CrossDomainMessenger, ReentrancyGuard, ModelInitializable {
    /// @dev Metis's "no sender" value of `xDomainMessageSender`.
    address internal constant DEFAULT_XDOMAIN_SENDER = 0x000000000000000000000000000000000000dEaD;

    /// @notice The AddressManager this messenger resolves names with.
    address public libAddressManager;
    /// @inheritdoc IL1CrossDomainMessenger
    mapping(bytes32 msgHash => bool done) public override successfulMessages;

    mapping(uint256 chainId => uint256 length) private _queueLength;
    mapping(uint256 chainId => mapping(uint256 nonce => bytes32 msgHash)) private _queuedMessageHash;
    address internal xDomainMsgSender;

    /// @notice One-time configuration.
    /// @param _libAddressManager The AddressManager (model).
    function initialize(address _libAddressManager) external initializer onlyModelDeployer {
        libAddressManager = _libAddressManager;
        xDomainMsgSender = DEFAULT_XDOMAIN_SENDER;
    }

    /// @notice The address registered under `_name` in the AddressManager.
    function resolve(string memory _name) public view returns (address) {
        return IAddressManager(libAddressManager).getAddress(_name);
    }

    /// @notice MODEL ONLY: messages queued so far for `_chainId` (the next message's nonce).
    function getQueueLengthByChainId(uint256 _chainId) external view returns (uint256) {
        return _queueLength[_chainId];
    }

    /// @notice MODEL ONLY: keccak256 of the cross-domain calldata queued for `_chainId` at `_nonce` (zero if none);
    /// a relayer can check a `SentMessage` log against it (Metis keeps its queue in the CanonicalTransactionChain).
    function queuedMessageHash(uint256 _chainId, uint256 _nonce) external view returns (bytes32) {
        return _queuedMessageHash[_chainId][_nonce];
    }

    /// @inheritdoc IL1CrossDomainMessenger
    function xDomainMessageSender() external view override returns (address) {
        require(xDomainMsgSender != DEFAULT_XDOMAIN_SENDER, "xDomainMessageSender is not set");
        return xDomainMsgSender;
    }

    /// @notice Metis's cross-domain calldata: what the L2 messenger is called with, and what the message id hashes.
    function encodeXDomainCalldata(address _target, address _sender, bytes memory _message, uint256 _messageNonce)
        public
        pure
        returns (bytes memory)
    {
        return abi.encodeWithSignature(
            "relayMessage(address,address,bytes,uint256)", _target, _sender, _message, _messageNonce
        );
    }

    /// @inheritdoc IL1CrossDomainMessenger
    function sendMessageViaChainId(uint256 _chainId, address _target, bytes calldata _message, uint32 _gasLimit)
        external
        payable
        override
    {
        IMVMDiscountOracle(resolve("MVM_DiscountOracle")).processL2SeqGas{value: msg.value}(msg.sender, _chainId);
        uint256 nonce = _queueLength[_chainId];
        _queueLength[_chainId] = nonce + 1;
        _queuedMessageHash[_chainId][nonce] = keccak256(encodeXDomainCalldata(_target, msg.sender, _message, nonce));
        emit SentMessage(_target, msg.sender, _message, nonce, _gasLimit, _chainId);
    }

    /// @inheritdoc IL1CrossDomainMessenger
    function relayMessageViaChainId(
        uint256 _chainId,
        address _target,
        address _sender,
        bytes calldata _message,
        uint256 _messageNonce,
        L2MessageInclusionProof calldata _proof
    ) external override nonReentrant {
        bytes memory xDomainCalldata = encodeXDomainCalldata(_target, _sender, _message, _messageNonce);
        require(_verifyXDomainMessage(_chainId, xDomainCalldata, _proof), "Provided message could not be verified.");

        bytes32 xDomainCalldataHash = keccak256(xDomainCalldata);
        require(!successfulMessages[xDomainCalldataHash], "Provided message has already been received.");

        xDomainMsgSender = _sender;
        // solhint-disable-next-line avoid-low-level-calls
        (bool success,) = _target.call(_message);
        xDomainMsgSender = DEFAULT_XDOMAIN_SENDER;

        if (success) {
            successfulMessages[xDomainCalldataHash] = true;
            emit RelayedMessage(xDomainCalldataHash);
        } else {
            emit FailedRelayedMessage(xDomainCalldataHash);
        }
    }

    function _verifyXDomainMessage(
        uint256 _chainId,
        bytes memory _xDomainCalldata,
        L2MessageInclusionProof calldata _proof
    ) internal view returns (bool) {
        StateCommitmentChainModel scc = StateCommitmentChainModel(resolve("StateCommitmentChain"));
        return !scc.insideFraudProofWindow(_proof.stateRootBatchHeader)
            && scc.verifyStateCommitmentByChainId(
            _chainId, _proof.stateRoot, _proof.stateRootBatchHeader, _proof.stateRootProof
        ) && _proof.stateRoot == keccak256(abi.encodePacked(_xDomainCalldata, MetisAddresses.L2_CROSS_DOMAIN_MESSENGER));
    }
}
