// SPDX-License-Identifier: MIT
pragma solidity 0.8.23;

/// @title Genesis Merkle airdrop of the governance token.
/// @notice Leaves are OpenZeppelin StandardMerkleTree leaves of `["uint256","address","uint256"]` =
/// `(index, account, amount)`: `keccak256(bytes.concat(keccak256(abi.encode(index, account, amount))))`.
/// Each index can be claimed once, by anyone, on behalf of `account`, until the deadline. If `vestingBps > 0`,
/// that share of each claim vests linearly over `vestingDuration` from the claim; the rest is paid at once.
interface IMerkleAirdrop {
    /// @notice `index` was claimed: `amount` in total for `account`, of which `locked` vests.
    event Claimed(uint256 indexed index, address indexed account, uint256 amount, uint256 locked);
    /// @notice `amount` of vested tokens were paid to `account`.
    event Released(address indexed account, uint256 amount);
    /// @notice After the deadline, `amount` unclaimed tokens were sent to `treasury`.
    event Swept(address indexed treasury, uint256 amount);

    error AirdropZeroAddress();
    error AirdropZeroRoot();
    error AirdropDeadlineInPast(uint256 deadline);
    error AirdropBadVesting(uint16 vestingBps, uint64 vestingDuration);
    error AirdropAlreadyClaimed(uint256 index);
    error AirdropInvalidProof();
    error AirdropExpired(uint256 deadline);
    error AirdropNotExpired(uint256 deadline);
    error AirdropNothingToRelease(address account);
    error AirdropNothingToSweep();

    /// @notice Pays the leaf `(index, account, amount)` to `account` (the locked share into vesting).
    /// Callable by anyone until `deadline()` inclusive.
    function claim(uint256 index, address account, uint256 amount, bytes32[] calldata proof) external;

    /// @notice Pays `account` everything that has vested and is not yet released. Callable by anyone.
    /// @return amount The amount paid.
    function release(address account) external returns (uint256 amount);

    /// @notice After the deadline, sends every token not owed to vesting claimants to the treasury. Admin only.
    /// @return amount The amount swept.
    function sweep() external returns (uint256 amount);

    /// @notice Whether `index` has been claimed.
    function isClaimed(uint256 index) external view returns (bool);

    /// @notice The vesting position of `account`: tokens in the current schedule, released of them, and
    /// releasable now.
    function vested(address account) external view returns (uint256 total, uint256 released, uint256 releasable);

    /// @notice Tokens still owed to vesting claimants (locked or vested-but-unreleased); never swept.
    function totalLocked() external view returns (uint256);

    function token() external view returns (address);
    function merkleRoot() external view returns (bytes32);
    function deadline() external view returns (uint256);
    function treasury() external view returns (address);
    function vestingBps() external view returns (uint16);
    function vestingDuration() external view returns (uint64);
}
