// SPDX-License-Identifier: MIT
pragma solidity 0.8.23;

// Metis reverts with these exact strings; the model keeps them so callers see the same revert data.
// solhint-disable gas-custom-errors

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {IL2CrossDomainMessenger} from "../../interfaces/metis/ICrossDomainMessengers.sol";
import {MetisAddresses} from "../../interfaces/metis/MetisAddresses.sol";
import {ModelInitializable} from "../ModelInitializable.sol";

/// @title DEVNET/TEST MODEL of Metis's L2CrossDomainMessenger (predeploy 0x4200000000000000000000000000000000000007):
/// never deployed to a real network.
/// @notice L1->L2: `relayMessage(target, sender, message, nonce)` may only be called by the ALIASED L1 messenger
/// (`msg.sender - 0x1111000000000000000000000000000000001111 == l1CrossDomainMessenger`; on Metis the sequencer
/// sends it, on the devnet the relayer impersonates it, in forge `vm.prank`). It calls `target` with `message`
/// while `xDomainMessageSender()` returns `sender`. A successful message can never run again; a failed one is
/// recorded in `failedMessages` and can be relayed again later. L2->L1: `sendMessage(target, message, gasLimit)`
/// is open to whitelisted senders only; it records `sentMessages[keccak256(xDomainCalldata)]`, sends `msg.value`
/// to the sequencer fee wallet 0x4200000000000000000000000000000000000011 and emits `SentMessage` with the nonce.
/// @dev Differences from Metis's L2CrossDomainMessenger (MetisProtocol/mvm):
/// - Queue order is enforced here: the first delivery of a message must carry `nonce == nextQueueIndex` (Metis's
///   sequencer processes the L1 queue in order, so its messenger never sees a gap); only a message that failed may
///   come again with an older nonce. Out-of-order or unknown deliveries revert `L2MessengerOutOfOrder`.
///   `nextQueueIndex` and `failedMessages` are model-only views.
/// - The sender whitelist is kept here (owner-managed, `setWhitelistedXDomainSender`; the L2 bridge is whitelisted
///   by `initialize`) instead of in Metis's OVM_DeployerWhitelist predeploy. There is no L2ToL1MessagePasser: the
///   L1 messenger model proves `keccak256(abi.encodePacked(xDomainCalldata, this predeploy address))` directly.
/// - `SentMessage` is emitted with Metis's six fields `(target, sender, message, messageNonce, gasLimit, chainId)`,
///   chainId 1 as Metis hard-codes it, not with the five fields `IL2CrossDomainMessenger` declares.
/// - Configuration is a one-time `initialize(l1Messenger, owner, l2Bridge)` by the deployer of the code; no
///   `relayedMessages` bookkeeping; `sendMessageViaChainId` (a no-op on Metis) is absent.
contract L2CrossDomainMessengerModel is IL2CrossDomainMessenger, Ownable, ModelInitializable {
    /// @dev Metis's "no sender" value of `xDomainMessageSender`.
    address internal constant DEFAULT_XDOMAIN_SENDER = 0x000000000000000000000000000000000000dEaD;
    /// @dev Metis's L2ToL1MessagePasser predeploy: messages to it are marked received and not run.
    address internal constant L2_TO_L1_MESSAGE_PASSER = 0x4200000000000000000000000000000000000000;
    /// @notice The L1->L2 address alias offset.
    uint160 public constant ALIAS_OFFSET = uint160(0x1111000000000000000000000000000000001111);

    /// @notice MODEL ONLY: `sender` may (`allowed`) or may not send L2->L1 messages.
    event XDomainSenderWhitelisted(address indexed sender, bool allowed);

    /// @notice A delivery did not come in queue order (model-only check, see the contract notes).
    error L2MessengerOutOfOrder(uint256 nonce, uint256 expected);

    /// @notice The L1 messenger whose alias may relay messages.
    address public l1CrossDomainMessenger;
    /// @notice The nonce of the next message sent to L1.
    uint256 public messageNonce;
    /// @notice MODEL ONLY: the nonce the next first-time delivery from L1 must carry.
    uint256 public nextQueueIndex;
    /// @inheritdoc IL2CrossDomainMessenger
    mapping(bytes32 msgHash => bool done) public override successfulMessages;
    /// @notice Calldata hashes of the messages sent to L1.
    mapping(bytes32 msgHash => bool sent) public sentMessages;
    /// @notice MODEL ONLY: messages from L1 whose last delivery failed (they may be relayed again).
    mapping(bytes32 msgHash => bool failed) public failedMessages;
    /// @notice Whether a sender may send messages to L1.
    mapping(address sender => bool allowed) public xDomainSenderWhitelist;

    address internal xDomainMsgSender;

    constructor() Ownable(msg.sender) {}

    /// @notice One-time configuration.
    /// @param _l1CrossDomainMessenger The L1 messenger (model); its alias relays messages here.
    /// @param _owner Manages the sender whitelist.
    /// @param _l2Bridge The L2 standard bridge, whitelisted as a sender.
    function initialize(address _l1CrossDomainMessenger, address _owner, address _l2Bridge)
        external
        initializer
        onlyModelDeployer
    {
        l1CrossDomainMessenger = _l1CrossDomainMessenger;
        xDomainMsgSender = DEFAULT_XDOMAIN_SENDER;
        _transferOwnership(_owner);
        xDomainSenderWhitelist[_l2Bridge] = true;
        emit XDomainSenderWhitelisted(_l2Bridge, true);
    }

    /// @notice Owner only: allows or refuses `_sender` as an L2->L1 message sender.
    function setWhitelistedXDomainSender(address _sender, bool _allowed) external onlyOwner {
        xDomainSenderWhitelist[_sender] = _allowed;
        emit XDomainSenderWhitelisted(_sender, _allowed);
    }

    /// @notice Whether `_sender` may call `sendMessage`.
    function isXDomainSenderAllowed(address _sender) public view returns (bool) {
        return xDomainSenderWhitelist[_sender];
    }

    /// @notice The L2 alias of an L1 address (what the L1 messenger is seen as on L2).
    function applyL1ToL2Alias(address _l1Address) public pure returns (address) {
        unchecked {
            return address(uint160(_l1Address) + ALIAS_OFFSET);
        }
    }

    /// @notice The L1 address behind an L2 alias.
    function undoL1ToL2Alias(address _l2Address) public pure returns (address) {
        unchecked {
            return address(uint160(_l2Address) - ALIAS_OFFSET);
        }
    }

    /// @notice Metis's cross-domain calldata (the message id is its keccak256).
    function encodeXDomainCalldata(address _target, address _sender, bytes memory _message, uint256 _messageNonce)
        public
        pure
        returns (bytes memory)
    {
        return abi.encodeWithSignature(
            "relayMessage(address,address,bytes,uint256)", _target, _sender, _message, _messageNonce
        );
    }

    /// @inheritdoc IL2CrossDomainMessenger
    function xDomainMessageSender() external view override returns (address) {
        require(xDomainMsgSender != DEFAULT_XDOMAIN_SENDER, "xDomainMessageSender is not set");
        return xDomainMsgSender;
    }

    /// @inheritdoc IL2CrossDomainMessenger
    function sendMessage(address _target, bytes calldata _message, uint32 _gasLimit) external payable override {
        require(isXDomainSenderAllowed(msg.sender), "L2 to L1 messages are restricted to whitelisted senders.");
        uint256 nonce = messageNonce;
        bytes memory xDomainCalldata = encodeXDomainCalldata(_target, msg.sender, _message, nonce);
        sentMessages[keccak256(xDomainCalldata)] = true;
        messageNonce = nonce + 1;
        emit SentMessage(_target, msg.sender, _message, nonce, _gasLimit, 1);
        payable(MetisAddresses.SEQUENCER_FEE_WALLET).transfer(msg.value);
    }

    /// @inheritdoc IL2CrossDomainMessenger
    function relayMessage(address _target, address _sender, bytes calldata _message, uint256 _messageNonce)
        external
        override
    {
        require(undoL1ToL2Alias(msg.sender) == l1CrossDomainMessenger, "Provided message could not be verified.");
        bytes32 xDomainCalldataHash = keccak256(encodeXDomainCalldata(_target, _sender, _message, _messageNonce));
        require(!successfulMessages[xDomainCalldataHash], "Provided message has already been received.");

        uint256 expected = nextQueueIndex;
        if (_messageNonce == expected) {
            nextQueueIndex = expected + 1;
        } else if (!failedMessages[xDomainCalldataHash]) {
            revert L2MessengerOutOfOrder(_messageNonce, expected);
        }

        if (_target == L2_TO_L1_MESSAGE_PASSER) {
            successfulMessages[xDomainCalldataHash] = true;
            return;
        }

        xDomainMsgSender = _sender;
        // solhint-disable-next-line avoid-low-level-calls
        (bool success,) = _target.call(_message);
        xDomainMsgSender = DEFAULT_XDOMAIN_SENDER;

        if (success) {
            successfulMessages[xDomainCalldataHash] = true;
            delete failedMessages[xDomainCalldataHash];
            emit RelayedMessage(xDomainCalldataHash);
        } else {
            failedMessages[xDomainCalldataHash] = true;
            emit FailedRelayedMessage(xDomainCalldataHash);
        }
    }
}
