// SPDX-License-Identifier: MIT
pragma solidity 0.8.23;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {IEMetis} from "../../interfaces/IEMetis.sol";

/// @title eMETIS: METIS staked through this protocol, minted 1:1 by the StakingManager.
/// @notice A plain ERC-20 with EIP-2612 permit. Only the immutable `minter` (the StakingManager) mints and
/// burns; `burn` needs no allowance because the manager burns eMETIS held by the redemption queue and the
/// eMETIS the seMETIS vault gives up when it absorbs a loss.
/// @dev No hooks, no pause, no upgradeability: the mint path is one balance write and one supply write.
contract EMetis is ERC20Permit, IEMetis {
    /// @notice Thrown by the constructor when the minter is the zero address.
    error EMetisZeroMinter();

    /// @inheritdoc IEMetis
    address public immutable minter;

    /// @param minter_ the StakingManager (the only address that may mint and burn).
    constructor(address minter_) ERC20("Staked Metis (eMETIS)", "eMETIS") ERC20Permit("Staked Metis (eMETIS)") {
        if (minter_ == address(0)) revert EMetisZeroMinter();
        minter = minter_;
    }

    modifier onlyMinter() {
        if (msg.sender != minter) revert EMetisOnlyMinter(msg.sender);
        _;
    }

    /// @inheritdoc IEMetis
    function mint(address to, uint256 amount) external onlyMinter {
        _mint(to, amount);
    }

    /// @inheritdoc IEMetis
    function burn(address from, uint256 amount) external onlyMinter {
        _burn(from, amount);
    }

    /// @notice The EIP-2612 nonce of `owner` (resolves the ERC20Permit / IERC20Permit overlap).
    /// @param owner the permit signer.
    /// @return the next nonce to sign.
    function nonces(address owner) public view override(ERC20Permit, IERC20Permit) returns (uint256) {
        return super.nonces(owner);
    }
}
