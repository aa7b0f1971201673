// SPDX-License-Identifier: MIT
pragma solidity 0.8.23;

import {Initializable} from "@openzeppelin/contracts/proxy/utils/Initializable.sol";
import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";
import {Test} from "../../utils/Test.sol";
import {IL1CrossDomainMessenger} from "../../../src/interfaces/metis/ICrossDomainMessengers.sol";
import {AddressManagerModel} from "../../../src/network/bridge/AddressManagerModel.sol";
import {StateBatchMerkle} from "../../../src/network/bridge/StateBatchMerkle.sol";
import {StateCommitmentChainModel} from "../../../src/network/bridge/StateCommitmentChainModel.sol";

contract MerkleHarness {
    function proof(bytes32[] memory leaves, uint256 index) external pure returns (bytes32[] memory) {
        return StateBatchMerkle.proof(leaves, index);
    }
}

contract StateCommitmentChainModelTest is Test {
    AddressManagerModel internal am;
    StateCommitmentChainModel internal scc;
    address internal admin = makeAddr("admin");
    address internal proposer = makeAddr("proposer");
    address internal stranger = makeAddr("stranger");
    uint256 internal constant CHAIN = 1088;

    function setUp() public {
        vm.warp(1_700_000_000);
        am = new AddressManagerModel();
        am.initialize(admin);
        scc = new StateCommitmentChainModel();
        scc.initialize(address(am), 7 days, CHAIN);
        vm.startPrank(admin);
        am.setAddress("1088_MVM_Proposer", proposer);
        am.setAddress("GCD_MANAGER", admin);
        vm.stopPrank();
    }

    function _elements(uint256 n, uint256 salt) internal pure returns (bytes32[] memory e) {
        e = new bytes32[](n);
        for (uint256 i = 0; i < n; i++) {
            e[i] = keccak256(abi.encode(salt, i));
        }
    }

    function _append(bytes32[] memory e) internal returns (IL1CrossDomainMessenger.ChainBatchHeader memory h) {
        h = IL1CrossDomainMessenger.ChainBatchHeader({
            batchIndex: scc.getTotalBatchesByChainId(CHAIN),
            batchRoot: StateBatchMerkle.root(e),
            batchSize: e.length,
            prevTotalElements: scc.getTotalElementsByChainId(CHAIN),
            extraData: abi.encode(block.timestamp, proposer)
        });
        uint256 start = h.prevTotalElements;
        vm.prank(proposer);
        scc.appendStateBatchByChainId(CHAIN, e, start);
    }

    function _proof(bytes32[] memory e, uint256 i)
        internal
        pure
        returns (IL1CrossDomainMessenger.ChainInclusionProof memory)
    {
        return IL1CrossDomainMessenger.ChainInclusionProof({index: i, siblings: StateBatchMerkle.proof(e, i)});
    }

    function test_initialize() public {
        assertEq(scc.FRAUD_PROOF_WINDOW(), 7 days);
        assertEq(scc.DEFAULT_CHAINID(), CHAIN);
        assertEq(scc.libAddressManager(), address(am));
        vm.expectRevert(Initializable.InvalidInitialization.selector);
        scc.initialize(address(am), 1, 1);
    }

    function test_append_storesTheHeaderAndEmitsIt() public {
        bytes32[] memory e = _elements(3, 1);
        bytes memory extra = abi.encode(block.timestamp, proposer);
        vm.expectEmit(address(scc));
        emit StateCommitmentChainModel.StateBatchAppended(CHAIN, 0, StateBatchMerkle.root(e), 3, 0, extra);
        IL1CrossDomainMessenger.ChainBatchHeader memory h = _append(e);
        assertEq(scc.getTotalElementsByChainId(CHAIN), 3);
        assertEq(scc.getTotalBatchesByChainId(CHAIN), 1);
        assertEq(scc.getTotalElements(), 3);
        assertEq(scc.getTotalBatches(), 1);
        assertEq(scc.getLastSequencerTimestampByChainId(CHAIN), block.timestamp);
        assertEq(scc.batchHeaderHash(CHAIN, 0), scc.hashBatchHeader(h));
        assertEq(scc.batchHeaderHash(CHAIN, 1), bytes32(0));
        assertEq(
            scc.hashBatchHeader(h), keccak256(abi.encode(h.batchRoot, h.batchSize, h.prevTotalElements, h.extraData))
        );

        IL1CrossDomainMessenger.ChainBatchHeader memory h2 = _append(_elements(2, 2));
        assertEq(h2.batchIndex, 1);
        assertEq(h2.prevTotalElements, 3);
        assertEq(scc.getTotalElementsByChainId(CHAIN), 5);
        assertEq(scc.getTotalElementsByChainId(59902), 0, "per chain");
    }

    function test_append_refusals() public {
        bytes32[] memory e = _elements(2, 1);
        vm.expectRevert(bytes("Proposer does not have enough collateral posted"));
        vm.prank(stranger);
        scc.appendStateBatchByChainId(CHAIN, e, 0);
        vm.expectRevert(bytes("Proposer does not have enough collateral posted"));
        vm.prank(proposer);
        scc.appendStateBatchByChainId(59902, e, 0); // no proposer registered for that chain
        vm.startPrank(proposer);
        vm.expectRevert(bytes("Actual batch start index does not match expected start index."));
        scc.appendStateBatchByChainId(CHAIN, e, 1);
        vm.expectRevert(bytes("Cannot submit an empty state batch."));
        scc.appendStateBatchByChainId(CHAIN, new bytes32[](0), 0);
        vm.stopPrank();
        assertEq(scc.getTotalBatchesByChainId(CHAIN), 0);
    }

    function test_verify_acceptsEveryElementOfTheBatch() public {
        bytes32[] memory e = _elements(5, 7);
        IL1CrossDomainMessenger.ChainBatchHeader memory h = _append(e);
        for (uint256 i = 0; i < e.length; i++) {
            assertTrue(scc.verifyStateCommitmentByChainId(CHAIN, e[i], h, _proof(e, i)));
            assertTrue(scc.verifyStateCommitment(e[i], h, _proof(e, i)));
        }
    }

    function test_verify_refusesAForgedHeader() public {
        bytes32[] memory e = _elements(4, 7);
        IL1CrossDomainMessenger.ChainBatchHeader memory h = _append(e);
        IL1CrossDomainMessenger.ChainInclusionProof memory p = _proof(e, 1);

        assertTrue(scc.verifyStateCommitmentByChainId(CHAIN, e[1], h, p));
        IL1CrossDomainMessenger.ChainBatchHeader memory bad = _copy(h);
        bad.batchIndex = 1; // no such batch
        vm.expectRevert(bytes("Invalid batch header."));
        scc.verifyStateCommitmentByChainId(CHAIN, e[1], bad, p);
        bad = _copy(h);
        bad.batchRoot = keccak256("forged");
        vm.expectRevert(bytes("Invalid batch header."));
        scc.verifyStateCommitmentByChainId(CHAIN, e[1], bad, p);
        bad = _copy(h);
        bad.extraData = abi.encode(uint256(1), proposer); // an old timestamp to dodge the window
        vm.expectRevert(bytes("Invalid batch header."));
        scc.verifyStateCommitmentByChainId(CHAIN, e[1], bad, p);
        vm.expectRevert(bytes("Invalid batch header."));
        scc.verifyStateCommitmentByChainId(59902, e[1], h, p); // another chain's batches
        assertEq(h.batchIndex, 0, "the original header was not touched");
    }

    function test_verify_refusesABadInclusionProof() public {
        bytes32[] memory e = _elements(4, 7);
        IL1CrossDomainMessenger.ChainBatchHeader memory h = _append(e);
        vm.expectRevert(bytes("Invalid inclusion proof."));
        scc.verifyStateCommitmentByChainId(CHAIN, keccak256("not in the batch"), h, _proof(e, 0));
        vm.expectRevert(bytes("Invalid inclusion proof."));
        scc.verifyStateCommitmentByChainId(CHAIN, e[0], h, _proof(e, 1)); // another element's path
        IL1CrossDomainMessenger.ChainInclusionProof memory p = _proof(e, 0);
        p.siblings[0] = bytes32(uint256(p.siblings[0]) ^ 1);
        vm.expectRevert(bytes("Invalid inclusion proof."));
        scc.verifyStateCommitmentByChainId(CHAIN, e[0], h, p);
    }

    function test_insideFraudProofWindow() public {
        IL1CrossDomainMessenger.ChainBatchHeader memory h = _append(_elements(1, 1));
        assertTrue(scc.insideFraudProofWindow(h));
        vm.warp(block.timestamp + 7 days - 1);
        assertTrue(scc.insideFraudProofWindow(h));
        assertTrue(scc.insideFraudProofWindowByChainId(CHAIN, h));
        vm.warp(block.timestamp + 1);
        assertFalse(scc.insideFraudProofWindow(h));
        assertFalse(scc.insideFraudProofWindowByChainId(CHAIN, h));

        h.extraData = abi.encode(uint256(0), proposer);
        vm.expectRevert(bytes("Batch header timestamp cannot be zero"));
        scc.insideFraudProofWindow(h);
    }

    function test_setFraudProofWindow_gcdManagerOnly() public {
        vm.prank(admin);
        scc.setFraudProofWindow(60);
        assertEq(scc.FRAUD_PROOF_WINDOW(), 60);
        vm.expectRevert(bytes("now allowed"));
        vm.prank(stranger);
        scc.setFraudProofWindow(0);
    }

    function testFuzz_merkle_everyProofVerifies(uint256 n, uint256 salt) public pure {
        n = bound(n, 1, 40);
        bytes32[] memory e = _elements(n, salt);
        bytes32 root = StateBatchMerkle.root(e);
        if (n == 1) assertEq(root, e[0]);
        for (uint256 i = 0; i < n; i++) {
            bytes32[] memory siblings = StateBatchMerkle.proof(e, i);
            assertTrue(MerkleProof.verify(siblings, root, e[i]));
            assertFalse(MerkleProof.verify(siblings, root, keccak256(abi.encode(e[i]))));
        }
    }

    function test_merkle_proofOutOfRange() public {
        MerkleHarness harness = new MerkleHarness();
        vm.expectRevert(abi.encodeWithSelector(StateBatchMerkle.StateBatchMerkleIndexOutOfRange.selector, 3, 3));
        harness.proof(_elements(3, 0), 3);
    }

    function _copy(IL1CrossDomainMessenger.ChainBatchHeader memory h)
        internal
        pure
        returns (IL1CrossDomainMessenger.ChainBatchHeader memory)
    {
        return IL1CrossDomainMessenger.ChainBatchHeader(
            h.batchIndex, h.batchRoot, h.batchSize, h.prevTotalElements, h.extraData
        );
    }
}
