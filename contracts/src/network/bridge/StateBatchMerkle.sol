// SPDX-License-Identifier: MIT
pragma solidity 0.8.23;

import {Hashes} from "@openzeppelin/contracts/utils/cryptography/Hashes.sol";

/// @title The Merkle tree of a state batch in the devnet/test StateCommitmentChain model.
/// @notice DEVNET/TEST ONLY. Leaves are the batch's elements as given (no extra hashing). The tree is built
/// level by level: nodes 2k and 2k+1 are joined with OpenZeppelin's `Hashes.commutativeKeccak256` (a sorted
/// pair, so `MerkleProof.verify` checks a proof without the leaf index), and an odd last node is carried up to
/// the next level unchanged. A one-element batch's root is the element itself and its proof is empty.
/// A relayer that rebuilds proofs off-chain must build the same tree.
/// @dev Metis's Lib_MerkleTree pads to a power of two with fixed default nodes and orders pairs by index; the
/// model's tree is a stated simplification.
library StateBatchMerkle {
    /// @notice `proof` was asked for an element the batch does not have.
    error StateBatchMerkleIndexOutOfRange(uint256 index, uint256 size);

    /// @notice The root of `leaves` (must not be empty).
    /// @param leaves The batch's elements.
    /// @return The Merkle root.
    function root(bytes32[] memory leaves) internal pure returns (bytes32) {
        uint256 n = leaves.length;
        bytes32[] memory level = new bytes32[](n);
        for (uint256 i = 0; i < n; i++) {
            level[i] = leaves[i];
        }
        while (n > 1) {
            uint256 m = (n + 1) / 2;
            for (uint256 i = 0; i < m; i++) {
                uint256 left = 2 * i;
                level[i] = left + 1 < n ? Hashes.commutativeKeccak256(level[left], level[left + 1]) : level[left];
            }
            n = m;
        }
        return level[0];
    }

    /// @notice The sibling path of `leaves[index]`, from the leaf up, for `MerkleProof.verify`.
    /// @param leaves The batch's elements.
    /// @param index The element to prove.
    /// @return siblings The sibling hashes.
    function proof(bytes32[] memory leaves, uint256 index) internal pure returns (bytes32[] memory siblings) {
        uint256 n = leaves.length;
        if (index >= n) revert StateBatchMerkleIndexOutOfRange(index, n);
        bytes32[] memory level = new bytes32[](n);
        for (uint256 i = 0; i < n; i++) {
            level[i] = leaves[i];
        }
        bytes32[] memory path = new bytes32[](256);
        uint256 depth = 0;
        while (n > 1) {
            uint256 sibling = index ^ 1;
            if (sibling < n) path[depth++] = level[sibling];
            uint256 m = (n + 1) / 2;
            for (uint256 i = 0; i < m; i++) {
                uint256 left = 2 * i;
                level[i] = left + 1 < n ? Hashes.commutativeKeccak256(level[left], level[left + 1]) : level[left];
            }
            n = m;
            index /= 2;
        }
        siblings = new bytes32[](depth);
        for (uint256 i = 0; i < depth; i++) {
            siblings[i] = path[i];
        }
    }
}
