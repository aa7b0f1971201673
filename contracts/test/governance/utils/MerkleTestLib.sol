// SPDX-License-Identifier: MIT
pragma solidity 0.8.23;

/// @notice Builds Merkle trees for tests with the airdrop's leaf encoding (OpenZeppelin StandardMerkleTree leaves)
/// and commutative keccak pair hashing (as OpenZeppelin's Hashes.commutativeKeccak256). The tree is a simple
/// balanced one over the leaves in the given order; an odd node is promoted to the next layer unchanged. Any such
/// tree verifies with MerkleProof (OZ's StandardMerkleTree orders leaves differently, which does not matter here).
library MerkleTestLib {
    /// @dev The airdrop leaf: keccak256(bytes.concat(keccak256(abi.encode(index, account, amount)))).
    function leaf(uint256 index, address account, uint256 amount) internal pure returns (bytes32) {
        return keccak256(bytes.concat(keccak256(abi.encode(index, account, amount))));
    }

    function hashPair(bytes32 a, bytes32 b) internal pure returns (bytes32) {
        return a < b ? keccak256(abi.encodePacked(a, b)) : keccak256(abi.encodePacked(b, a));
    }

    /// @dev All layers, leaves first, root layer last.
    function build(bytes32[] memory leaves) internal pure returns (bytes32[][] memory layers) {
        require(leaves.length > 0, "no leaves");
        uint256 depth = 1;
        for (uint256 n = leaves.length; n > 1; n = (n + 1) / 2) {
            depth++;
        }
        layers = new bytes32[][](depth);
        layers[0] = leaves;
        for (uint256 d = 1; d < depth; d++) {
            bytes32[] memory prev = layers[d - 1];
            bytes32[] memory next = new bytes32[]((prev.length + 1) / 2);
            for (uint256 i = 0; i < next.length; i++) {
                uint256 l = 2 * i;
                next[i] = l + 1 < prev.length ? hashPair(prev[l], prev[l + 1]) : prev[l];
            }
            layers[d] = next;
        }
    }

    function root(bytes32[][] memory layers) internal pure returns (bytes32) {
        return layers[layers.length - 1][0];
    }

    /// @dev Proof for leaf position `pos` (siblings from the bottom up; promoted nodes have none).
    function proof(bytes32[][] memory layers, uint256 pos) internal pure returns (bytes32[] memory p) {
        bytes32[] memory tmp = new bytes32[](layers.length);
        uint256 count;
        for (uint256 d = 0; d + 1 < layers.length; d++) {
            uint256 sib = pos ^ 1;
            if (sib < layers[d].length) tmp[count++] = layers[d][sib];
            pos >>= 1;
        }
        p = new bytes32[](count);
        for (uint256 i = 0; i < count; i++) {
            p[i] = tmp[i];
        }
    }
}
