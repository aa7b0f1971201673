// SPDX-License-Identifier: MIT
pragma solidity 0.8.23;

// Metis reverts with these exact strings; the model keeps them so callers see the same revert data.
// solhint-disable gas-custom-errors

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Strings} from "@openzeppelin/contracts/utils/Strings.sol";
import {IL1CrossDomainMessenger} from "../../interfaces/metis/ICrossDomainMessengers.sol";
import {IAddressManager, IL1StandardBridge, IMVMDiscountOracle} from "../../interfaces/metis/IL1StandardBridge.sol";
import {IL2StandardBridge} from "../../interfaces/metis/IL2StandardBridge.sol";
import {MetisAddresses} from "../../interfaces/metis/MetisAddresses.sol";
import {ModelInitializable} from "../ModelInitializable.sol";

/// @title DEVNET/TEST MODEL of Metis's L1StandardBridge (Ethereum): never deployed to a real network.
/// @notice METIS only. `depositERC20ToByChainId{value: fee}(chainId, METIS, l2Token, to, amount, l2Gas, data)` (anyone,
/// also contracts) raises `l2Gas` to the discount oracle's `getMinL2Gas()`, requires `l2Gas x getDiscount() <=
/// msg.value` ("insufficient fee supplied. send at least <n>"), pulls `amount` METIS from the caller, and sends
/// `finalizeDeposit(address(0), 0xDead...0000, from, to, amount, data)` to the L2 bridge through the L1 messenger,
/// forwarding ALL of `msg.value` as the fee (no refund). The L2 token is always 0xDeadDeAddeAddEAddeadDEaDDEAdDeaDDeAD0000
/// whatever the caller passes, and, as on Metis, the L1 token in the L2 message is address(0) (the L2 METIS's
/// `l1Token()`). The bridge must be on the oracle's sender whitelist (users need not be).
/// `finalizeMetisWithdrawalByChainId` is callable only by the L1 messenger relaying a message from the L2 bridge
/// (`xDomainMessageSender() == l2TokenBridge`) and releases L1 METIS to `to`. `deposits` counts what each L2
/// chain may still withdraw (a withdrawal larger than it reverts with an arithmetic panic, as on Metis).
/// @dev Differences from Metis's L1StandardBridge (MetisProtocol/mvm): only METIS is bridged (any other L1 token
/// reverts `L1BridgeModelOnlyMetis`), there is no ETH bridging, no `depositERC20`/`depositERC20To` (chain 1088)
/// and no `depositERC20ByChainId` (EOA only); configuration is a one-time
/// `initialize(messenger, l2TokenBridge, metis, addressmgr)` by the deployer of the code (Metis's is open to the
/// first caller). Fee rule, transfer order, revert strings and events follow Metis.
contract L1StandardBridgeModel is IL1StandardBridge, ModelInitializable {
    using SafeERC20 for IERC20;

    /// @notice A token other than METIS was given.
    error L1BridgeModelOnlyMetis(address l1Token);

    /// @inheritdoc IL1StandardBridge
    address public override messenger;
    /// @inheritdoc IL1StandardBridge
    address public override l2TokenBridge;
    /// @notice METIS on L1.
    address public metis;
    /// @inheritdoc IL1StandardBridge
    address public override addressmgr;
    /// @notice L1 token => L2 chain id => L2 token => amount deposited and not yet withdrawn.
    mapping(address l1Token => mapping(uint256 chainId => mapping(address l2Token => uint256 amount))) public deposits;

    /// @dev Metis's `onlyFromCrossDomainAccount`.
    modifier onlyFromCrossDomainAccount(address _sourceDomainAccount) {
        require(msg.sender == messenger, "OVM_XCHAIN: messenger contract unauthenticated");
        require(
            IL1CrossDomainMessenger(messenger).xDomainMessageSender() == _sourceDomainAccount,
            "OVM_XCHAIN: wrong sender of cross-domain message"
        );
        _;
    }

    /// @notice One-time configuration.
    /// @param _l1messenger The L1 messenger (model).
    /// @param _l2TokenBridge The L2 bridge (0x4200000000000000000000000000000000000010 on Metis).
    /// @param _metis METIS on L1.
    /// @param _addressmgr The AddressManager (model), to find "MVM_DiscountOracle".
    function initialize(address _l1messenger, address _l2TokenBridge, address _metis, address _addressmgr)
        external
        initializer
        onlyModelDeployer
    {
        messenger = _l1messenger;
        l2TokenBridge = _l2TokenBridge;
        metis = _metis;
        addressmgr = _addressmgr;
    }

    /// @inheritdoc IL1StandardBridge
    function depositERC20ToByChainId(
        uint256 _chainid,
        address _l1Token,
        address _l2Token,
        address _to,
        uint256 _amount,
        uint32 _l2Gas,
        bytes calldata _data
    ) external payable override {
        _l2Token; // always replaced by the L2 METIS, as on Metis
        if (_l1Token != metis) revert L1BridgeModelOnlyMetis(_l1Token);
        IMVMDiscountOracle oracle = IMVMDiscountOracle(IAddressManager(addressmgr).getAddress("MVM_DiscountOracle"));
        uint32 minGas = uint32(oracle.getMinL2Gas());
        if (_l2Gas < minGas) _l2Gas = minGas;
        uint256 fee = uint256(_l2Gas) * oracle.getDiscount();
        require(fee <= msg.value, string.concat("insufficient fee supplied. send at least ", Strings.toString(fee)));

        IERC20(_l1Token).safeTransferFrom(msg.sender, address(this), _amount);

        address l2Metis = MetisAddresses.L2_METIS;
        bytes memory message =
            abi.encodeCall(IL2StandardBridge.finalizeDeposit, (address(0), l2Metis, msg.sender, _to, _amount, _data));
        IL1CrossDomainMessenger(messenger).sendMessageViaChainId{value: msg.value}(
            _chainid, l2TokenBridge, message, _l2Gas
        );
        deposits[_l1Token][_chainid][l2Metis] += _amount;

        emit ERC20ChainID(_chainid);
        emit ERC20DepositInitiated(_l1Token, l2Metis, msg.sender, _to, _amount, _data);
    }

    /// @inheritdoc IL1StandardBridge
    function finalizeMetisWithdrawalByChainId(
        uint256 _chainid,
        address _from,
        address _to,
        uint256 _amount,
        bytes calldata _data
    ) external override onlyFromCrossDomainAccount(l2TokenBridge) {
        address l2Metis = MetisAddresses.L2_METIS;
        deposits[metis][_chainid][l2Metis] -= _amount;
        IERC20(metis).safeTransfer(_to, _amount);
        emit ERC20ChainID(_chainid);
        emit ERC20WithdrawalFinalized(metis, l2Metis, _from, _to, _amount, _data);
    }
}
