// SPDX-License-Identifier: MIT
pragma solidity 0.8.23;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {IMerkleAirdrop} from "../../interfaces/IMerkleAirdrop.sol";

/// @title Genesis Merkle airdrop
/// @notice See {IMerkleAirdrop}. The owner (admin) can only sweep the unclaimed remainder to the treasury after
/// the deadline, and never the tokens owed to vesting claimants.
/// @dev Gas: a claim without vesting costs one bitmap word write, a proof check and one token transfer.
/// Vesting storage is only touched when `vestingBps > 0`. `claim` has no reentrancy guard: it follows
/// checks-effects-interactions (the bit is set before the transfer) and the token is the fixed governance token.
/// Several leaves for one account (the tooling rejects them) vest as one schedule: a new claim first pays what
/// has vested, then re-bases the still-locked rest plus the new locked share over a fresh `vestingDuration`.
contract MerkleAirdrop is IMerkleAirdrop, Ownable2Step {
    using SafeERC20 for IERC20;

    struct Vesting {
        uint104 total; // tokens in the current schedule
        uint104 released; // of `total`, already paid
        uint48 start; // schedule start (claim time)
    }

    uint256 private constant BPS = 10_000;

    /// @inheritdoc IMerkleAirdrop
    address public immutable token;
    /// @inheritdoc IMerkleAirdrop
    bytes32 public immutable merkleRoot;
    /// @inheritdoc IMerkleAirdrop
    uint256 public immutable deadline;
    /// @inheritdoc IMerkleAirdrop
    address public immutable treasury;
    /// @inheritdoc IMerkleAirdrop
    uint16 public immutable vestingBps;
    /// @inheritdoc IMerkleAirdrop
    uint64 public immutable vestingDuration;

    /// @inheritdoc IMerkleAirdrop
    uint256 public totalLocked;

    mapping(uint256 word => uint256 bits) private _claimedBitMap;
    mapping(address account => Vesting) private _vesting;

    /// @param token_ The governance token (may be a predicted address: nothing is called on it here).
    /// @param merkleRoot_ Root of the StandardMerkleTree of `(uint256 index, address account, uint256 amount)`.
    /// @param deadline_ Last second at which claims are accepted.
    /// @param treasury_ Receives the swept remainder.
    /// @param admin The owner, who may sweep after the deadline.
    /// @param vestingBps_ Share of each claim that vests (basis points, 0 = paid at once).
    /// @param vestingDuration_ Linear vesting length in seconds (0 if and only if `vestingBps_ == 0`).
    constructor(
        address token_,
        bytes32 merkleRoot_,
        uint256 deadline_,
        address treasury_,
        address admin,
        uint16 vestingBps_,
        uint64 vestingDuration_
    ) Ownable(admin) {
        if (token_ == address(0) || treasury_ == address(0)) revert AirdropZeroAddress();
        if (merkleRoot_ == bytes32(0)) revert AirdropZeroRoot();
        if (deadline_ <= block.timestamp) revert AirdropDeadlineInPast(deadline_);
        if (vestingBps_ > BPS || (vestingBps_ == 0) != (vestingDuration_ == 0)) {
            revert AirdropBadVesting(vestingBps_, vestingDuration_);
        }
        token = token_;
        merkleRoot = merkleRoot_;
        deadline = deadline_;
        treasury = treasury_;
        vestingBps = vestingBps_;
        vestingDuration = vestingDuration_;
    }

    /// @inheritdoc IMerkleAirdrop
    function claim(uint256 index, address account, uint256 amount, bytes32[] calldata proof) external {
        if (block.timestamp > deadline) revert AirdropExpired(deadline);

        uint256 wordIndex = index >> 8;
        // bit (index mod 256) of word (index / 256)
        // forge-lint: disable-next-line(incorrect-shift)
        uint256 bit = 1 << (index & 0xff);
        uint256 word = _claimedBitMap[wordIndex];
        if (word & bit != 0) revert AirdropAlreadyClaimed(index);

        bytes32 leaf = keccak256(bytes.concat(keccak256(abi.encode(index, account, amount))));
        if (!MerkleProof.verifyCalldata(proof, merkleRoot, leaf)) revert AirdropInvalidProof();

        _claimedBitMap[wordIndex] = word | bit;

        uint256 locked;
        uint256 payNow = amount;
        if (vestingBps != 0) {
            locked = (amount * vestingBps) / BPS;
            if (locked != 0) payNow = amount - locked + _lock(account, locked);
        }
        emit Claimed(index, account, amount, locked);
        if (payNow != 0) IERC20(token).safeTransfer(account, payNow);
    }

    /// @inheritdoc IMerkleAirdrop
    function release(address account) external returns (uint256 amount) {
        Vesting memory v = _vesting[account];
        amount = _vestedOf(v) - v.released;
        if (amount == 0) revert AirdropNothingToRelease(account);
        // amount <= total - released, so the sum fits in uint104 like `total`
        // forge-lint: disable-next-line(unsafe-typecast)
        _vesting[account].released = v.released + uint104(amount);
        totalLocked -= amount;
        emit Released(account, amount);
        IERC20(token).safeTransfer(account, amount);
    }

    /// @inheritdoc IMerkleAirdrop
    function sweep() external onlyOwner returns (uint256 amount) {
        if (block.timestamp <= deadline) revert AirdropNotExpired(deadline);
        uint256 balance = IERC20(token).balanceOf(address(this));
        uint256 locked = totalLocked;
        amount = balance > locked ? balance - locked : 0;
        if (amount == 0) revert AirdropNothingToSweep();
        emit Swept(treasury, amount);
        IERC20(token).safeTransfer(treasury, amount);
    }

    /// @inheritdoc IMerkleAirdrop
    function isClaimed(uint256 index) external view returns (bool) {
        // forge-lint: disable-next-line(incorrect-shift)
        return _claimedBitMap[index >> 8] & (1 << (index & 0xff)) != 0;
    }

    /// @inheritdoc IMerkleAirdrop
    function vested(address account) external view returns (uint256 total, uint256 released, uint256 releasable) {
        Vesting memory v = _vesting[account];
        return (v.total, v.released, _vestedOf(v) - v.released);
    }

    /// @dev Adds `locked` to `account`'s schedule. An existing schedule is settled first: what has vested is
    /// released (returned, for the caller to pay), and the still-locked rest joins the new amount in a schedule
    /// starting now.
    function _lock(address account, uint256 locked) private returns (uint256 releasedNow) {
        Vesting memory v = _vesting[account];
        uint256 carry;
        if (v.total != 0) {
            uint256 vestedNow = _vestedOf(v);
            releasedNow = vestedNow - v.released;
            carry = v.total - vestedNow;
            if (releasedNow != 0) {
                totalLocked -= releasedNow;
                emit Released(account, releasedNow);
            }
        }
        _vesting[account] =
            Vesting({total: SafeCast.toUint104(carry + locked), released: 0, start: uint48(block.timestamp)});
        totalLocked += locked;
    }

    /// @dev Amount of `v.total` vested at the current time (rounded down, in favour of the contract).
    function _vestedOf(Vesting memory v) private view returns (uint256) {
        if (v.total == 0) return 0;
        uint256 elapsed = block.timestamp - v.start;
        if (elapsed >= vestingDuration) return v.total;
        return (uint256(v.total) * elapsed) / vestingDuration;
    }
}
