// SPDX-License-Identifier: MIT
pragma solidity 0.8.23;

/// @title The genesis airdrop (placeholder interface; the governance branch owns the full version).
interface IMerkleAirdrop {
    function claim(uint256 index, address account, uint256 amount, bytes32[] calldata merkleProof) external;
    function isClaimed(uint256 index) external view returns (bool);
    function merkleRoot() external view returns (bytes32);
    function deadline() external view returns (uint256);
    function token() external view returns (address);
}
