// SPDX-License-Identifier: MIT
pragma solidity 0.8.23;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Initializable} from "@openzeppelin/contracts/proxy/utils/Initializable.sol";
import {MetisNetwork} from "../../utils/MetisNetwork.sol";
import {IL2CrossDomainMessenger} from "../../../src/interfaces/metis/ICrossDomainMessengers.sol";
import {MetisAddresses} from "../../../src/interfaces/metis/MetisAddresses.sol";
import {L2CrossDomainMessengerModel} from "../../../src/network/bridge/L2CrossDomainMessengerModel.sol";
import {RecordingTarget} from "./MessengerTargets.sol";

contract L2CrossDomainMessengerModelTest is MetisNetwork {
    address internal l1Sender = makeAddr("l1Sender");
    address internal l2Sender = makeAddr("l2Sender");
    address internal stranger = makeAddr("stranger");
    RecordingTarget internal target;

    function setUp() public {
        deployMetisNetwork(metisSepoliaLike());
        target = new RecordingTarget(address(l2Messenger));
        allowL1ToL2Sender(l1Sender);
    }

    function _calldata(address t, address sender, bytes memory message, uint256 nonce)
        internal
        pure
        returns (bytes memory)
    {
        return abi.encodeWithSignature("relayMessage(address,address,bytes,uint256)", t, sender, message, nonce);
    }

    function _send(uint256 value) internal returns (uint256 index) {
        index = l1ToL2Count();
        vm.prank(l1Sender);
        l1Messenger.sendMessageViaChainId(
            59902, address(target), abi.encodeCall(RecordingTarget.receiveMessage, (value)), 100_000
        );
        syncMessages();
    }

    // ================================================================ configuration

    function test_initialize() public {
        assertEq(l2Messenger.l1CrossDomainMessenger(), address(l1Messenger));
        assertEq(l2Messenger.owner(), metisAdmin);
        assertTrue(l2Messenger.isXDomainSenderAllowed(address(l2Bridge)));
        assertEq(l2Messenger.nextQueueIndex(), 1, "the genesis deposit");
        vm.expectRevert(Initializable.InvalidInitialization.selector);
        l2Messenger.initialize(address(1), address(2), address(3));
    }

    function test_alias() public view {
        address aliased = l2Messenger.applyL1ToL2Alias(address(l1Messenger));
        assertEq(aliased, l1MessengerAlias());
        assertEq(uint256(uint160(aliased)), uint256(uint160(address(l1Messenger))) + (uint256(0x1111) << 144) + 0x1111);
        assertEq(l2Messenger.undoL1ToL2Alias(aliased), address(l1Messenger));
        assertEq(l2Messenger.undoL1ToL2Alias(l2Messenger.applyL1ToL2Alias(address(0))), address(0));
        assertEq(
            l2Messenger.applyL1ToL2Alias(address(type(uint160).max)),
            address(0x1111000000000000000000000000000000001110)
        );
    }

    // ================================================================ relayMessage

    function test_relay_onlyByTheAliasedL1Messenger() public {
        uint256 index = _send(1);
        L1ToL2Message memory m = l1ToL2Message(index);
        vm.expectRevert(bytes("Provided message could not be verified."));
        vm.prank(address(l1Messenger)); // unaliased
        l2Messenger.relayMessage(m.target, m.sender, m.message, m.nonce);
        vm.expectRevert(bytes("Provided message could not be verified."));
        vm.prank(stranger);
        l2Messenger.relayMessage(m.target, m.sender, m.message, m.nonce);
        address strangerAlias = l2Messenger.applyL1ToL2Alias(stranger);
        vm.expectRevert(bytes("Provided message could not be verified."));
        vm.prank(strangerAlias);
        l2Messenger.relayMessage(m.target, m.sender, m.message, m.nonce);
        assertEq(target.calls(), 0);
        assertEq(l2Messenger.nextQueueIndex(), index);
    }

    function test_relay_deliversWithTheL1SenderAsXDomainSender() public {
        uint256 index = _send(9);
        L1ToL2Message memory m = l1ToL2Message(index);
        bytes32 msgHash = keccak256(_calldata(m.target, m.sender, m.message, m.nonce));
        vm.expectEmit(address(l2Messenger));
        emit IL2CrossDomainMessenger.RelayedMessage(msgHash);
        assertTrue(relayToL2(index));
        assertTrue(l2Messenger.successfulMessages(msgHash));
        assertEq(l2Messenger.nextQueueIndex(), index + 1);
        assertEq(target.lastXDomainSender(), l1Sender);
        assertEq(target.lastCaller(), address(l2Messenger));
        vm.expectRevert(bytes("xDomainMessageSender is not set"));
        l2Messenger.xDomainMessageSender();
    }

    function test_relay_queueOrderEnforced() public {
        uint256 first = _send(1);
        uint256 second = _send(2);
        uint256 third = _send(3);
        vm.expectRevert(
            abi.encodeWithSelector(L2CrossDomainMessengerModel.L2MessengerOutOfOrder.selector, second, first)
        );
        relayToL2(second);
        vm.expectRevert(
            abi.encodeWithSelector(L2CrossDomainMessengerModel.L2MessengerOutOfOrder.selector, third, first)
        );
        relayToL2(third);
        relayToL2(first);
        relayToL2(second);
        relayToL2(third);
        assertEq(target.calls(), 3);
        assertEq(target.lastValue(), 3);
    }

    function test_relay_refusesAnUnknownMessageWithAUsedNonce() public {
        uint256 index = _send(1);
        relayToL2(index);
        L1ToL2Message memory m = l1ToL2Message(index);
        vm.expectRevert(
            abi.encodeWithSelector(L2CrossDomainMessengerModel.L2MessengerOutOfOrder.selector, index, index + 1)
        );
        vm.prank(l1MessengerAlias());
        l2Messenger.relayMessage(m.target, stranger, m.message, m.nonce);
    }

    function test_relay_replayRefused() public {
        uint256 index = _send(1);
        relayToL2(index);
        vm.expectRevert(bytes("Provided message has already been received."));
        replayToL2(index);
        assertEq(target.calls(), 1);
    }

    function test_relay_failedThenRetried() public {
        uint256 index = _send(4);
        uint256 next = _send(5);
        target.setFailing(true);
        L1ToL2Message memory m = l1ToL2Message(index);
        bytes32 msgHash = keccak256(_calldata(m.target, m.sender, m.message, m.nonce));
        vm.expectEmit(address(l2Messenger));
        emit IL2CrossDomainMessenger.FailedRelayedMessage(msgHash);
        assertTrue(!relayToL2(index));
        assertTrue(l2Messenger.failedMessages(msgHash));
        assertFalse(l2Messenger.successfulMessages(msgHash));
        assertEq(l2Messenger.nextQueueIndex(), next, "the nonce is used: the queue moves on");

        target.setFailing(false);
        relayToL2(next); // later messages are not blocked by a failed one
        assertEq(target.lastValue(), 5);
        assertTrue(replayToL2(index));
        assertEq(target.lastValue(), 4);
        assertFalse(l2Messenger.failedMessages(msgHash));
        assertTrue(l2Messenger.successfulMessages(msgHash));
        vm.expectRevert(bytes("Provided message has already been received."));
        replayToL2(index);
    }

    function test_relay_toTheMessagePasserIsMarkedAndNotRun() public {
        address passer = 0x4200000000000000000000000000000000000000;
        uint256 index = l1ToL2Count();
        vm.prank(l1Sender);
        l1Messenger.sendMessageViaChainId(59902, passer, hex"1234", 0);
        assertTrue(relayToL2(index));
        assertEq(l2Messenger.nextQueueIndex(), index + 1);
    }

    // ================================================================ sendMessage

    function test_sendMessage_onlyWhitelistedSenders() public {
        vm.expectRevert(bytes("L2 to L1 messages are restricted to whitelisted senders."));
        vm.prank(l2Sender);
        l2Messenger.sendMessage(address(target), "", 0);
        assertEq(l2Messenger.messageNonce(), 0);
    }

    function test_sendMessage_recordsAndEmitsAndPaysTheFeeWallet() public {
        allowL2ToL1Sender(l2Sender);
        fundL2(l2Sender, 3 ether);
        bytes memory message = hex"abcdef";
        bytes32 msgHash = keccak256(_calldata(address(target), l2Sender, message, 0));
        vm.expectEmit(address(l2Messenger));
        emit IL2CrossDomainMessenger.SentMessage(address(target), l2Sender, message, 0, 50_000, 1);
        vm.prank(l2Sender);
        l2Messenger.sendMessage{value: 1 ether}(address(target), message, 50_000);
        assertTrue(l2Messenger.sentMessages(msgHash));
        assertEq(l2Messenger.messageNonce(), 1);
        assertEq(MetisAddresses.SEQUENCER_FEE_WALLET.balance, 1 ether);
        assertEq(address(l2Messenger).balance, 0);

        vm.prank(l2Sender);
        l2Messenger.sendMessage(address(target), message, 50_000);
        assertTrue(l2Messenger.sentMessages(keccak256(_calldata(address(target), l2Sender, message, 1))));
        assertEq(l2ToL1Count(), 2);
    }

    function test_whitelist_ownerOnly() public {
        vm.expectEmit(address(l2Messenger));
        emit L2CrossDomainMessengerModel.XDomainSenderWhitelisted(l2Sender, true);
        vm.prank(metisAdmin);
        l2Messenger.setWhitelistedXDomainSender(l2Sender, true);
        assertTrue(l2Messenger.xDomainSenderWhitelist(l2Sender));
        vm.prank(metisAdmin);
        l2Messenger.setWhitelistedXDomainSender(l2Sender, false);
        assertFalse(l2Messenger.isXDomainSenderAllowed(l2Sender));
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, stranger));
        vm.prank(stranger);
        l2Messenger.setWhitelistedXDomainSender(stranger, true);
    }
}
