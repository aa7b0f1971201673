// SPDX-License-Identifier: MIT
pragma solidity 0.8.23;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {IERC165} from "@openzeppelin/contracts/utils/introspection/IERC165.sol";
import {IL2StandardERC20} from "../../interfaces/metis/IL2StandardBridge.sol";
import {ModelInitializable} from "../ModelInitializable.sol";

/// @title DEVNET/TEST MODEL of Metis's METIS token on L2 (MVM_Coinbase, 0xDeadDeAddeAddEAddeadDEaDDEAdDeaDDeAD0000) for
/// the anvil devnet: never deployed to a real network.
/// @notice On Metis the gas token IS this ERC-20: one balance with two faces (native balance == ERC-20 balance).
/// A plain anvil chain cannot make one balance of two faces, so this model reads the native balance and keeps
/// what the ERC-20 face could not take:
/// - `balanceOf(a) == a.balance - debited[a]` (0 if the native balance fell below `debited[a]`).
/// - A face DEBIT (`transfer`/`transferFrom` out, the bridge's `burn`) adds to `debited[from]`: anvil cannot take
///   native coins out of an account, so they stay in its native balance.
/// - A face CREDIT (`transfer`/`transferFrom` in, the bridge's `mint`) pays the recipient NATIVE METIS out of this
///   contract's own native balance (the reserve, funded with `anvil_setBalance` when the devnet is set up) by a
///   forced send that runs no code at the recipient (a throwaway contract that SELFDESTRUCTs to it in its
///   constructor; shanghai still sends the balance), so native balances rise as they do on Metis. If the reserve
///   cannot cover a credit, the call reverts `L2MetisModelReserveExhausted`.
/// - Native transfers emit no `Transfer`, an ERC-20 transfer to a contract runs none of its code, and
///   `totalSupply` (face mints minus face burns) is not kept in sync with native balances: as on Metis.
/// @dev THE ONE DIFFERENCE from Metis ("phantom" coins): coins debited through the face stay in the account's
/// native balance, and the face no longer counts them (`debited[a]`). After a face debit, `a.balance` exceeds
/// `balanceOf(a)` by `debited[a]`; on Metis both would have dropped. Contracts that read METIS only through the
/// face (`balanceOf`, `transfer`, `transferFrom`) never count or spend phantom coins, so they see exactly Metis's
/// numbers; an account that reads `address(this).balance`, or spends natively, after a face debit, would see or
/// spend phantom coins that do not exist on Metis. Never account for METIS by adding the two faces together.
/// Other differences: errors are OpenZeppelin 5's `IERC20Errors` (Metis's token is an OpenZeppelin 4 ERC20
/// with revert strings), `mint`/`burn` revert `L2MetisModelOnlyBridge` ("Only L2 Bridge can mint and burn" on
/// Metis), and the bridge is set by a one-time `initialize(l2Bridge)` by the deployer of the code.
contract L2MetisModel is IERC20, IERC20Metadata, IERC20Errors, IERC165, IL2StandardERC20, ModelInitializable {
    /// @notice The bridge minted `_amount` to `_account`.
    event Mint(address indexed _account, uint256 _amount);
    /// @notice The bridge burned `_amount` from `_account`.
    event Burn(address indexed _account, uint256 _amount);

    /// @notice A face credit needs more native METIS than the reserve holds.
    error L2MetisModelReserveExhausted(uint256 needed, uint256 reserve);
    /// @notice The forced send of a face credit failed.
    error L2MetisModelForcedSendFailed(address to, uint256 amount);
    /// @notice `mint`/`burn` by someone other than the L2 bridge.
    error L2MetisModelOnlyBridge(address caller);

    /// @notice The L2 standard bridge, the only minter and burner.
    address public l2Bridge;
    /// @inheritdoc IERC20
    uint256 public override totalSupply;
    /// @notice Native METIS of `account` the face no longer counts (phantom coins).
    mapping(address account => uint256 amount) public debited;
    mapping(address owner => mapping(address spender => uint256 amount)) private _allowances;

    /// @notice One-time configuration.
    /// @param _l2Bridge The L2 bridge (0x4200000000000000000000000000000000000010 on Metis).
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

    /// @notice METIS has no L1 token on its own chain's bridge: address(0), as on Metis.
    function l1Token() external pure override returns (address) {
        return address(0);
    }

    /// @notice Native METIS left to credit with the face.
    function reserve() external view returns (uint256) {
        return address(this).balance;
    }

    /// @inheritdoc IERC165
    function supportsInterface(bytes4 interfaceId) external pure override returns (bool) {
        return interfaceId == type(IERC165).interfaceId
            || interfaceId
                == (IL2StandardERC20.l1Token.selector ^ IL2StandardERC20.mint.selector ^ IL2StandardERC20.burn.selector);
    }

    /// @notice The face: native balance minus phantom coins (see the contract notes).
    function balanceOf(address account) public view override returns (uint256) {
        uint256 native = account.balance;
        uint256 phantom = debited[account];
        return native > phantom ? native - phantom : 0;
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
        if (msg.sender != l2Bridge) revert L2MetisModelOnlyBridge(msg.sender);
        if (_to == address(0)) revert ERC20InvalidReceiver(address(0));
        totalSupply += _amount;
        _credit(_to, _amount);
        emit Transfer(address(0), _to, _amount);
        emit Mint(_to, _amount);
    }

    /// @inheritdoc IL2StandardERC20
    function burn(address _from, uint256 _amount) external override {
        if (msg.sender != l2Bridge) revert L2MetisModelOnlyBridge(msg.sender);
        _debit(_from, _amount);
        totalSupply = totalSupply > _amount ? totalSupply - _amount : 0;
        emit Transfer(_from, address(0), _amount);
        emit Burn(_from, _amount);
    }

    function _transfer(address from, address to, uint256 value) internal {
        if (from == address(0)) revert ERC20InvalidSender(address(0));
        if (to == address(0)) revert ERC20InvalidReceiver(address(0));
        _debit(from, value);
        _credit(to, value);
        emit Transfer(from, to, value);
    }

    function _debit(address from, uint256 value) internal {
        uint256 balance = balanceOf(from);
        if (balance < value) revert ERC20InsufficientBalance(from, balance, value);
        debited[from] += value;
    }

    function _credit(address to, uint256 value) internal {
        if (value == 0) return;
        uint256 available = address(this).balance;
        if (available < value) revert L2MetisModelReserveExhausted(value, available);
        address created;
        // Init code `PUSH20 to; SELFDESTRUCT`: the new contract sends `value` to `to` and runs none of `to`'s code.
        assembly ("memory-safe") {
            let ptr := mload(0x40)
            mstore(ptr, or(shl(248, 0x73), shl(88, to)))
            mstore8(add(ptr, 21), 0xff)
            created := create(value, ptr, 22)
        }
        if (created == address(0)) revert L2MetisModelForcedSendFailed(to, value);
    }
}
