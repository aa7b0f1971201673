// SPDX-License-Identifier: MIT
pragma solidity 0.8.23;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {IERC165} from "@openzeppelin/contracts/utils/introspection/IERC165.sol";
import {IL2StandardERC20} from "../../src/interfaces/metis/IL2StandardBridge.sol";
import {ModelInitializable} from "../../src/network/ModelInitializable.sol";
import {Vm} from "./Vm.sol";

/// @title FORGE-ONLY exact model of METIS on Metis's L2 (0xDeadDeAddeAddEAddeadDEaDDEAdDeaDDeAD0000): one balance,
/// two faces.
/// @notice TEST ONLY, never deployed anywhere. On Metis the gas token IS this ERC-20; this model makes it so in
/// forge by moving native balances with the `vm.deal` cheatcode from inside the token:
/// - `balanceOf(a) == a.balance`, always, for every account.
/// - `transfer`/`transferFrom` move native balance (no code runs at the recipient, even a contract whose
///   `receive` reverts) and emit `Transfer`; native transfers move the same balance and emit nothing.
/// - `mint`/`burn` (the L2 bridge only) add to / take from the native balance, with no callback.
/// - `totalSupply` counts face mints minus face burns (floored at 0) and is not kept in sync with native
///   balances (as on Metis).
/// - `l1Token()` is address(0), as MVM_Coinbase's is (the L1 bridge sends address(0) as the L1 token of METIS).
/// Differences from Metis's token: OpenZeppelin 5 `IERC20Errors` instead of OpenZeppelin 4 revert strings;
/// `mint`/`burn` by another caller revert `OneBalanceMetisOnlyBridge` ("Only L2 Bridge can mint and burn").
contract OneBalanceMetis is IERC20, IERC20Metadata, IERC20Errors, IERC165, IL2StandardERC20, ModelInitializable {
    Vm private constant vm = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));

    /// @notice The bridge minted `_amount` to `_account`.
    event Mint(address indexed _account, uint256 _amount);
    /// @notice The bridge burned `_amount` from `_account`.
    event Burn(address indexed _account, uint256 _amount);

    /// @notice `mint`/`burn` by someone other than the L2 bridge.
    error OneBalanceMetisOnlyBridge(address caller);

    /// @notice The L2 standard bridge, the only minter and burner.
    address public l2Bridge;
    /// @inheritdoc IERC20
    uint256 public override totalSupply;
    mapping(address owner => mapping(address spender => uint256 amount)) private _allowances;

    /// @notice One-time configuration.
    /// @param _l2Bridge The L2 bridge.
    function initialize(address _l2Bridge) external initializer onlyModelDeployer {
        l2Bridge = _l2Bridge;
    }

    /// @inheritdoc IERC20Metadata
    function name() external pure override returns (string memory) {
        return "Metis Token";
    }

    /// @inheritdoc IERC20Metadata
    function symbol() external pure override returns (string memory) {
        return "METIS";
    }

    /// @inheritdoc IERC20Metadata
    function decimals() external pure override returns (uint8) {
        return 18;
    }

    /// @inheritdoc IL2StandardERC20
    function l1Token() external pure override returns (address) {
        return address(0);
    }

    /// @inheritdoc IERC165
    function supportsInterface(bytes4 interfaceId) external pure override returns (bool) {
        return interfaceId == type(IERC165).interfaceId
            || interfaceId
                == (IL2StandardERC20.l1Token.selector ^ IL2StandardERC20.mint.selector ^ IL2StandardERC20.burn.selector);
    }

    /// @notice The native balance: one balance, two faces.
    function balanceOf(address account) external view override returns (uint256) {
        return account.balance;
    }

    /// @inheritdoc IERC20
    function allowance(address owner, address spender) external view override returns (uint256) {
        return _allowances[owner][spender];
    }

    /// @inheritdoc IERC20
    function approve(address spender, uint256 value) external override returns (bool) {
        if (spender == address(0)) revert ERC20InvalidSpender(address(0));
        _allowances[msg.sender][spender] = value;
        emit Approval(msg.sender, spender, value);
        return true;
    }

    /// @inheritdoc IERC20
    function transfer(address to, uint256 value) external override returns (bool) {
        _transfer(msg.sender, to, value);
        return true;
    }

    /// @inheritdoc IERC20
    function transferFrom(address from, address to, uint256 value) external override returns (bool) {
        uint256 allowed = _allowances[from][msg.sender];
        if (allowed != type(uint256).max) {
            if (allowed < value) revert ERC20InsufficientAllowance(msg.sender, allowed, value);
            _allowances[from][msg.sender] = allowed - value;
        }
        _transfer(from, to, value);
        return true;
    }

    /// @inheritdoc IL2StandardERC20
    function mint(address _to, uint256 _amount) external override {
        if (msg.sender != l2Bridge) revert OneBalanceMetisOnlyBridge(msg.sender);
        if (_to == address(0)) revert ERC20InvalidReceiver(address(0));
        totalSupply += _amount;
        vm.deal(_to, _to.balance + _amount);
        emit Transfer(address(0), _to, _amount);
        emit Mint(_to, _amount);
    }

    /// @inheritdoc IL2StandardERC20
    function burn(address _from, uint256 _amount) external override {
        if (msg.sender != l2Bridge) revert OneBalanceMetisOnlyBridge(msg.sender);
        uint256 balance = _from.balance;
        if (balance < _amount) revert ERC20InsufficientBalance(_from, balance, _amount);
        vm.deal(_from, balance - _amount);
        totalSupply = totalSupply > _amount ? totalSupply - _amount : 0;
        emit Transfer(_from, address(0), _amount);
        emit Burn(_from, _amount);
    }

    function _transfer(address from, address to, uint256 value) internal {
        if (from == address(0)) revert ERC20InvalidSender(address(0));
        if (to == address(0)) revert ERC20InvalidReceiver(address(0));
        uint256 fromBalance = from.balance;
        if (fromBalance < value) revert ERC20InsufficientBalance(from, fromBalance, value);
        vm.deal(from, fromBalance - value);
        vm.deal(to, to.balance + value);
        emit Transfer(from, to, value);
    }
}
