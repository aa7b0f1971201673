// SPDX-License-Identifier: MIT
pragma solidity 0.8.23;

/// @title Metis's L1CrossDomainMessenger (Ethereum).
/// @notice `sendMessageViaChainId` forwards `msg.value` to the discount oracle's `processL2SeqGas`, which
/// refuses senders that are not on Metis's cross-domain sender whitelist. Messages from L2 are relayed with
/// `relayMessageViaChainId` by anyone holding an inclusion proof, once the state batch that carries them is
/// out of the 7-day fraud-proof window; during the call `xDomainMessageSender()` is the L2 sender.
interface IL1CrossDomainMessenger {
    struct ChainBatchHeader {
        uint256 batchIndex;
        bytes32 batchRoot;
        uint256 batchSize;
        uint256 prevTotalElements;
        bytes extraData;
    }

    struct ChainInclusionProof {
        uint256 index;
        bytes32[] siblings;
    }

    struct L2MessageInclusionProof {
        bytes32 stateRoot;
        ChainBatchHeader stateRootBatchHeader;
        ChainInclusionProof stateRootProof;
        bytes stateTrieWitness;
        bytes storageTrieWitness;
    }

    event SentMessage(
        address indexed target, address sender, bytes message, uint256 messageNonce, uint256 gasLimit, uint256 chainId
    );
    event RelayedMessage(bytes32 indexed msgHash);
    event FailedRelayedMessage(bytes32 indexed msgHash);

    function sendMessageViaChainId(uint256 _chainId, address _target, bytes calldata _message, uint32 _gasLimit)
        external
        payable;

    function relayMessageViaChainId(
        uint256 _chainId,
        address _target,
        address _sender,
        bytes calldata _message,
        uint256 _messageNonce,
        L2MessageInclusionProof calldata _proof
    ) external;

    function xDomainMessageSender() external view returns (address);
    function successfulMessages(bytes32 msgHash) external view returns (bool);
}

/// @title Metis's L2CrossDomainMessenger (predeploy 0x4200000000000000000000000000000000000007).
/// @notice L1->L2 messages are relayed by the sequencer (as the aliased L1 messenger) in queue order; a
/// receiver authenticates with `msg.sender == messenger && xDomainMessageSender() == <L1 sender>`.
/// `sendMessage` is open only to senders on Metis's whitelist.
/// @dev Metis's `SentMessage` carries a sixth field, `chainId` (always 1, the L1), unlike Optimism's.
interface IL2CrossDomainMessenger {
    event SentMessage(
        address indexed target, address sender, bytes message, uint256 messageNonce, uint256 gasLimit, uint256 chainId
    );
    event RelayedMessage(bytes32 indexed msgHash);
    event FailedRelayedMessage(bytes32 indexed msgHash);

    function sendMessage(address _target, bytes calldata _message, uint32 _gasLimit) external payable;
    function relayMessage(address _target, address _sender, bytes calldata _message, uint256 _messageNonce) external;
    function xDomainMessageSender() external view returns (address);
    function successfulMessages(bytes32 msgHash) external view returns (bool);
}
