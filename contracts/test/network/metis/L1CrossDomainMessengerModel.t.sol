// SPDX-License-Identifier: MIT
pragma solidity 0.8.23;

import {Initializable} from "@openzeppelin/contracts/proxy/utils/Initializable.sol";
import {MetisNetwork} from "../../utils/MetisNetwork.sol";
import {IL1CrossDomainMessenger} from "../../../src/interfaces/metis/ICrossDomainMessengers.sol";
import {MetisAddresses} from "../../../src/interfaces/metis/MetisAddresses.sol";
import {RecordingTarget} from "./MessengerTargets.sol";

contract L1CrossDomainMessengerModelTest is MetisNetwork {
    address internal l1Sender = makeAddr("l1Sender");
    address internal l2Sender = makeAddr("l2Sender");
    address internal stranger = makeAddr("stranger");
    RecordingTarget internal l1Target;
    RecordingTarget internal l2Target;

    function setUp() public {
        deployMetisNetwork(metisMainnetLike());
        l1Target = new RecordingTarget(address(l1Messenger));
        l2Target = new RecordingTarget(address(l2Messenger));
        allowL2ToL1Sender(l2Sender);
    }

    function _calldata(address target, address sender, bytes memory message, uint256 nonce)
        internal
        pure
        returns (bytes memory)
    {
        return abi.encodeWithSignature("relayMessage(address,address,bytes,uint256)", target, sender, message, nonce);
    }

    function _sendToL1(uint256 value) internal returns (uint256 index) {
        index = l2ToL1Count();
        vm.prank(l2Sender);
        l2Messenger.sendMessage(address(l1Target), abi.encodeCall(RecordingTarget.receiveMessage, (value)), 100_000);
    }

    // ================================================================ configuration

    function test_initialize() public {
        assertEq(l1Messenger.libAddressManager(), address(addressManager));
        assertEq(l1Messenger.resolve("MVM_DiscountOracle"), address(discountOracle));
        assertEq(l1Messenger.resolve("StateCommitmentChain"), address(scc));
        vm.expectRevert(Initializable.InvalidInitialization.selector);
        l1Messenger.initialize(address(addressManager));
    }

    function test_encodeXDomainCalldata_isMetisEncoding() public view {
        bytes memory message = hex"c0ffee";
        assertEq(
            keccak256(l1Messenger.encodeXDomainCalldata(address(1), address(2), message, 3)),
            keccak256(_calldata(address(1), address(2), message, 3))
        );
    }

    function test_xDomainMessageSender_unsetOutsideARelay() public {
        vm.expectRevert(bytes("xDomainMessageSender is not set"));
        l1Messenger.xDomainMessageSender();
    }

    // ================================================================ L1 -> L2

    function test_sendMessageViaChainId_refusesANonWhitelistedSender() public {
        uint256 queued = l1Messenger.getQueueLengthByChainId(1088);
        vm.expectRevert(bytes("sender is not whitelisted"));
        vm.prank(l1Sender);
        l1Messenger.sendMessageViaChainId(1088, address(l2Target), "", 100_000);
        assertEq(l1Messenger.getQueueLengthByChainId(1088), queued);
    }

    function test_sendMessageViaChainId_queuesWithTheNextNonceAndPaysTheFee() public {
        allowL1ToL2Sender(l1Sender);
        uint256 nonce = l1Messenger.getQueueLengthByChainId(1088);
        assertEq(nonce, 1, "the genesis deposit used nonce 0");
        bytes memory message = abi.encodeCall(RecordingTarget.receiveMessage, (7));
        uint256 feeBefore = metisL1FeeRecipient.balance;
        fundEth(l1Sender, 1 ether);

        vm.expectEmit(address(l1Messenger));
        emit IL1CrossDomainMessenger.SentMessage(address(l2Target), l1Sender, message, nonce, 123_456, 1088);
        vm.prank(l1Sender);
        l1Messenger.sendMessageViaChainId{value: 0.01 ether}(1088, address(l2Target), message, 123_456);

        assertEq(l1Messenger.getQueueLengthByChainId(1088), nonce + 1);
        assertEq(
            l1Messenger.queuedMessageHash(1088, nonce),
            keccak256(_calldata(address(l2Target), l1Sender, message, nonce))
        );
        assertEq(l1Messenger.queuedMessageHash(1088, nonce + 1), bytes32(0));
        assertEq(metisL1FeeRecipient.balance, feeBefore + 0.01 ether, "the whole msg.value goes to the sequencer");
        assertEq(address(l1Messenger).balance, 0);

        relayNextToL2();
        assertEq(l2Target.calls(), 1);
        assertEq(l2Target.lastValue(), 7);
        assertEq(l2Target.lastCaller(), address(l2Messenger));
        assertEq(l2Target.lastXDomainSender(), l1Sender);
    }

    function test_sendMessageViaChainId_noncesArePerChain() public {
        allowL1ToL2Sender(l1Sender);
        address otherSequencer = makeAddr("59902_MVM_Sequencer");
        vm.prank(metisAdmin);
        addressManager.setAddress("59902_MVM_Sequencer", otherSequencer);
        vm.startPrank(l1Sender);
        l1Messenger.sendMessageViaChainId(59902, address(l2Target), "", 0);
        l1Messenger.sendMessageViaChainId(59902, address(l2Target), "", 0);
        l1Messenger.sendMessageViaChainId(1088, address(l2Target), "", 0);
        vm.stopPrank();
        assertEq(l1Messenger.getQueueLengthByChainId(59902), 2);
        assertEq(l1Messenger.getQueueLengthByChainId(1088), 2);
        assertEq(l1ToL2Count(), 2, "the harness relays only its own chain");
    }

    // ================================================================ L2 -> L1

    function test_relay_runsTheMessageWithTheL2SenderAsXDomainSender() public {
        uint256 index = _sendToL1(42);
        commitL2Messages();
        L2ToL1Message memory m = l2ToL1Message(index);
        bytes32 msgHash = keccak256(_calldata(m.target, m.sender, m.message, m.nonce));
        vm.warp(l2ToL1ReadyAt(index));
        syncMessages();
        vm.expectEmit(address(l1Messenger));
        emit IL1CrossDomainMessenger.RelayedMessage(msgHash);
        assertTrue(relayToL1Early(index));
        assertTrue(l1Messenger.successfulMessages(msgHash));
        assertEq(l1Target.calls(), 1);
        assertEq(l1Target.lastValue(), 42);
        assertEq(l1Target.lastCaller(), address(l1Messenger));
        assertEq(l1Target.lastXDomainSender(), l2Sender);
        vm.expectRevert(bytes("xDomainMessageSender is not set"));
        l1Messenger.xDomainMessageSender();
    }

    function test_relay_refusedInsideTheFraudWindow() public {
        uint256 index = _sendToL1(1);
        commitL2Messages();
        syncMessages();
        vm.expectRevert(bytes("Provided message could not be verified."));
        relayToL1Early(index);
        vm.warp(l2ToL1ReadyAt(index) - 1);
        vm.expectRevert(bytes("Provided message could not be verified."));
        relayToL1Early(index);
        vm.warp(l2ToL1ReadyAt(index));
        relayToL1Early(index);
        assertEq(l1Target.calls(), 1);
    }

    function test_relay_replayRefused() public {
        uint256 index = _sendToL1(1);
        relayToL1(index);
        syncMessages();
        vm.expectRevert(bytes("Provided message has already been received."));
        replayToL1(index);
        assertEq(l1Target.calls(), 1);
    }

    function test_relay_failedMessageIsNotMarkedAndCanBeRetried() public {
        uint256 index = _sendToL1(5);
        l1Target.setFailing(true);
        L2ToL1Message memory m = l2ToL1Message(index);
        bytes32 msgHash = keccak256(_calldata(m.target, m.sender, m.message, m.nonce));
        commitL2Messages();
        vm.warp(l2ToL1ReadyAt(index));
        syncMessages();
        vm.expectEmit(address(l1Messenger));
        emit IL1CrossDomainMessenger.FailedRelayedMessage(msgHash);
        assertFalse(relayToL1Early(index));
        assertFalse(l1Messenger.successfulMessages(msgHash));
        assertTrue(!replayToL1(index), "still failing");

        l1Target.setFailing(false);
        assertTrue(replayToL1(index));
        assertEq(l1Target.lastValue(), 5);
        syncMessages();
        vm.expectRevert(bytes("Provided message has already been received."));
        replayToL1(index);
    }

    function test_relay_refusesMalformedProofs() public {
        uint256 a = _sendToL1(1);
        uint256 b = _sendToL1(2);
        commitL2Messages();
        vm.warp(l2ToL1ReadyAt(a));
        L2ToL1Message memory mb = l2ToL1Message(b);
        IL1CrossDomainMessenger.L2MessageInclusionProof memory proofA = l2ToL1Proof(a);
        IL1CrossDomainMessenger.L2MessageInclusionProof memory proofB = l2ToL1Proof(b);

        // message B with message A's (valid) proof: the proven element is not B's storage key
        vm.expectRevert(bytes("Provided message could not be verified."));
        l1Messenger.relayMessageViaChainId(1088, mb.target, mb.sender, mb.message, mb.nonce, proofA);

        // B's content altered (another nonce, another payload, another sender)
        vm.expectRevert(bytes("Provided message could not be verified."));
        l1Messenger.relayMessageViaChainId(1088, mb.target, mb.sender, mb.message, mb.nonce + 5, proofB);
        vm.expectRevert(bytes("Provided message could not be verified."));
        l1Messenger.relayMessageViaChainId(1088, mb.target, mb.sender, hex"00", mb.nonce, proofB);
        vm.expectRevert(bytes("Provided message could not be verified."));
        l1Messenger.relayMessageViaChainId(1088, mb.target, stranger, mb.message, mb.nonce, proofB);

        // a header that is not the stored one
        IL1CrossDomainMessenger.L2MessageInclusionProof memory bad = l2ToL1Proof(b);
        bad.stateRootBatchHeader.batchRoot = keccak256("forged");
        vm.expectRevert(bytes("Invalid batch header."));
        l1Messenger.relayMessageViaChainId(1088, mb.target, mb.sender, mb.message, mb.nonce, bad);
        bad = l2ToL1Proof(b);
        bad.stateRootBatchHeader.extraData = abi.encode(uint256(0), metisProposer);
        vm.expectRevert(bytes("Batch header timestamp cannot be zero"));
        l1Messenger.relayMessageViaChainId(1088, mb.target, mb.sender, mb.message, mb.nonce, bad);
        vm.expectRevert(bytes("Invalid batch header."));
        l1Messenger.relayMessageViaChainId(59902, mb.target, mb.sender, mb.message, mb.nonce, proofB);

        // a wrong inclusion path
        bad = l2ToL1Proof(b);
        bad.stateRootProof.siblings = new bytes32[](0);
        vm.expectRevert(bytes("Invalid inclusion proof."));
        l1Messenger.relayMessageViaChainId(1088, mb.target, mb.sender, mb.message, mb.nonce, bad);

        // the trie witnesses are ignored by the model: garbage there still relays
        proofB.stateTrieWitness = hex"deadbeef";
        proofB.storageTrieWitness = hex"deadbeef";
        l1Messenger.relayMessageViaChainId(1088, mb.target, mb.sender, mb.message, mb.nonce, proofB);
        assertEq(l1Target.lastValue(), 2);
        assertEq(l1Target.calls(), 1);
    }

    function test_relay_needsACommittedElement() public {
        uint256 index = _sendToL1(1);
        L2ToL1Message memory m = l2ToL1Message(index);
        bytes32 element = keccak256(
            abi.encodePacked(
                _calldata(m.target, m.sender, m.message, m.nonce), MetisAddresses.L2_CROSS_DOMAIN_MESSENGER
            )
        );
        // a batch the proposer never appended, with the right element and an old timestamp
        bytes32[] memory siblings = new bytes32[](0);
        IL1CrossDomainMessenger.L2MessageInclusionProof memory forged = IL1CrossDomainMessenger.L2MessageInclusionProof({
            stateRoot: element,
            stateRootBatchHeader: IL1CrossDomainMessenger.ChainBatchHeader({
                batchIndex: 0,
                batchRoot: element,
                batchSize: 1,
                prevTotalElements: 0,
                extraData: abi.encode(uint256(1), metisProposer)
            }),
            stateRootProof: IL1CrossDomainMessenger.ChainInclusionProof({index: 0, siblings: siblings}),
            stateTrieWitness: "",
            storageTrieWitness: ""
        });
        vm.warp(block.timestamp + 30 days);
        vm.expectRevert(bytes("Invalid batch header."));
        l1Messenger.relayMessageViaChainId(1088, m.target, m.sender, m.message, m.nonce, forged);
    }
}
