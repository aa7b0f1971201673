// SPDX-License-Identifier: MIT
pragma solidity 0.8.23;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";
import {ERC20Votes} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Votes.sol";
import {Nonces} from "@openzeppelin/contracts/utils/Nonces.sol";

/// @title Metis LSD Governance (MLSD)
/// @notice Fixed-supply governance token: 10,000,000 MLSD minted once in the constructor, no mint function,
/// no team allocation. 1,000,000 go to the genesis airdrop, `incentivesAmount` to liquidity mining and the
/// rest to the treasury.
/// @dev Votes use ERC-6372 timestamp mode (`clock() == block.timestamp`): block numbers on an L2 such as
/// Metis do not advance at a steady pace, so seconds are the meaningful unit for voting delays and periods.
/// A Governor built on this token must use seconds for its voting delay and period.
contract GovernanceToken is ERC20, ERC20Permit, ERC20Votes {
    /// @notice The whole supply, ever.
    uint256 public constant MAX_SUPPLY = 10_000_000e18;
    /// @notice The genesis airdrop's share.
    uint256 public constant AIRDROP_AMOUNT = 1_000_000e18;

    error GovernanceZeroAddress();
    error GovernanceIncentivesTooLarge(uint256 incentivesAmount, uint256 max);

    /// @param airdrop Receives AIRDROP_AMOUNT (the MerkleAirdrop).
    /// @param incentives Receives `incentivesAmount` (the LiquidityMining contract).
    /// @param treasury Receives the rest.
    /// @param incentivesAmount At most MAX_SUPPLY - AIRDROP_AMOUNT.
    constructor(address airdrop, address incentives, address treasury, uint256 incentivesAmount)
        ERC20("Metis LSD Governance", "MLSD")
        ERC20Permit("Metis LSD Governance")
    {
        if (airdrop == address(0) || incentives == address(0) || treasury == address(0)) {
            revert GovernanceZeroAddress();
        }
        uint256 maxIncentives = MAX_SUPPLY - AIRDROP_AMOUNT;
        if (incentivesAmount > maxIncentives) revert GovernanceIncentivesTooLarge(incentivesAmount, maxIncentives);
        _mint(airdrop, AIRDROP_AMOUNT);
        if (incentivesAmount != 0) _mint(incentives, incentivesAmount);
        if (incentivesAmount != maxIncentives) _mint(treasury, maxIncentives - incentivesAmount);
    }

    /// @notice ERC-6372 clock: the block timestamp.
    function clock() public view override returns (uint48) {
        return uint48(block.timestamp);
    }

    /// @notice ERC-6372 clock mode: timestamps.
    function CLOCK_MODE() public pure override returns (string memory) {
        return "mode=timestamp";
    }

    /// @inheritdoc ERC20Permit
    function nonces(address owner) public view override(ERC20Permit, Nonces) returns (uint256) {
        return super.nonces(owner);
    }

    function _update(address from, address to, uint256 value) internal override(ERC20, ERC20Votes) {
        super._update(from, to, value);
    }
}
