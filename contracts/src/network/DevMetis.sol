// SPDX-License-Identifier: MIT
pragma solidity 0.8.23;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";

/// @title METIS stand-in for the local devnet.
/// @notice DEVNET ONLY. This token is never deployed to a real network: on Metis and Ethereum the
/// protocol uses the real METIS token. Anyone may mint up to `FAUCET_CAP` per call through `faucet`,
/// and the owner may mint any amount, so the token has no value by construction.
contract DevMetis is ERC20, ERC20Permit, Ownable2Step {
    /// @notice Largest amount one `faucet` call may mint (10,000 METIS).
    uint256 public constant FAUCET_CAP = 10_000e18;

    /// @notice `account` minted `amount` to itself through the faucet.
    event FaucetUsed(address indexed account, uint256 amount);

    /// @notice The faucet was asked for more than `FAUCET_CAP`.
    error DevMetisFaucetCapExceeded(uint256 requested, uint256 cap);
    /// @notice A zero amount was requested.
    error DevMetisZeroAmount();

    /// @param admin Owner allowed to `mint` without limit.
    constructor(address admin)
        ERC20("Metis Token (devnet)", "METIS")
        ERC20Permit("Metis Token (devnet)")
        Ownable(admin)
    {}

    /// @notice Mints `amount` (at most `FAUCET_CAP`) to the caller. No cooldown: devnet convenience only.
    /// @param amount Amount to mint, in wei (18 decimals).
    function faucet(uint256 amount) external {
        if (amount == 0) revert DevMetisZeroAmount();
        if (amount > FAUCET_CAP) revert DevMetisFaucetCapExceeded(amount, FAUCET_CAP);
        _mint(msg.sender, amount);
        emit FaucetUsed(msg.sender, amount);
    }

    /// @notice Owner-only mint of `amount` to `to` (devnet funding of reward payers and test accounts).
    /// @param to Recipient of the new tokens.
    /// @param amount Amount to mint, in wei.
    function mint(address to, uint256 amount) external onlyOwner {
        if (amount == 0) revert DevMetisZeroAmount();
        _mint(to, amount);
    }
}
