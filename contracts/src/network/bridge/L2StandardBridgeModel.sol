// SPDX-License-Identifier: MIT
pragma solidity 0.8.23;

// Metis reverts with these exact strings; the model keeps them so callers see the same revert data.
// solhint-disable gas-custom-errors

import {ERC165Checker} from "@openzeppelin/contracts/utils/introspection/ERC165Checker.sol";
import {Strings} from "@openzeppelin/contracts/utils/Strings.sol";
import {IL2CrossDomainMessenger} from "../../interfaces/metis/ICrossDomainMessengers.sol";
import {IL1StandardBridge} from "../../interfaces/metis/IL1StandardBridge.sol";
import {IL2StandardBridge, IL2StandardERC20, IOVMGasPriceOracle} from "../../interfaces/metis/IL2StandardBridge.sol";
import {MetisAddresses} from "../../interfaces/metis/MetisAddresses.sol";
import {ModelInitializable} from "../ModelInitializable.sol";

/// @title DEVNET/TEST MODEL of Metis's L2StandardBridge (predeploy 0x4200000000000000000000000000000000000010):
/// never deployed to a real network.
/// @notice METIS only. `withdrawTo{value: fee}(METIS, to, amount, l1Gas, data)` requires `msg.value >=
/// minErc20BridgeCost()` of the gas price oracle ("insufficient withdrawal fee supplied. need at least <n>"; the
/// sequencer fee wallet itself is exempt), burns `amount` from the caller on the METIS ERC-20 face (on top of the
/// fee), and sends `finalizeMetisWithdrawalByChainId(block.chainid, from, to, amount, data)` to the L1 bridge
/// through the L2 messenger with `msg.value`, which the messenger pays to the sequencer fee wallet
/// 0x4200000000000000000000000000000000000011. `finalizeDeposit` is callable only by the L2 messenger relaying a
/// message from the L1 bridge; if the L2 token is an IL2StandardERC20 (ERC-165 id 0x1d1d8b63) whose `l1Token()`
/// matches, it mints `amount` to `to` (a bare credit: no call into `to`), otherwise it emits `DepositFailed`.
/// @dev Differences from Metis's L2StandardBridge (MetisProtocol/mvm): only METIS can be withdrawn (another L2
/// token reverts `L2BridgeModelOnlyMetis`); no ETH (OVM_ETH) route and no `withdrawMetis`/`withdrawGCD` aliases;
/// the predeploy addresses it talks to (messenger, METIS, gas price oracle) are set by a one-time
/// `initialize(messenger, l1TokenBridge, l2Metis, gasPriceOracle)` by the deployer of the code, where Metis
/// hard-codes them. Fee rule, burn-then-message order, revert strings and events follow Metis.
contract L2StandardBridgeModel is IL2StandardBridge, ModelInitializable {
    /// @notice An L2 token other than METIS was given to `withdraw`/`withdrawTo`.
    error L2BridgeModelOnlyMetis(address l2Token);

    /// @notice A deposit could not be credited (the L2 token does not match); nothing was minted.
    event DepositFailed(
        address indexed _l1Token,
        address indexed _l2Token,
        address indexed _from,
        address _to,
        uint256 _amount,
        bytes _data
    );

    /// @notice The L2 messenger (0x4200000000000000000000000000000000000007 on Metis).
    address public messenger;
    /// @inheritdoc IL2StandardBridge
    address public override l1TokenBridge;
    /// @notice The METIS token (0xDeadDeAddeAddEAddeadDEaDDEAdDeaDDeAD0000 on Metis).
    address public l2Metis;
    /// @notice The gas price oracle (0x420000000000000000000000000000000000000F on Metis).
    address public gasPriceOracle;

    /// @dev Metis's `onlyFromCrossDomainAccount`.
    modifier onlyFromCrossDomainAccount(address _sourceDomainAccount) {
        require(msg.sender == messenger, "OVM_XCHAIN: messenger contract unauthenticated");
        require(
            IL2CrossDomainMessenger(messenger).xDomainMessageSender() == _sourceDomainAccount,
            "OVM_XCHAIN: wrong sender of cross-domain message"
        );
        _;
    }

    /// @notice One-time configuration.
    /// @param _messenger The L2 messenger (model).
    /// @param _l1TokenBridge The L1 bridge (model).
    /// @param _l2Metis The METIS token model (one balance, two faces).
    /// @param _gasPriceOracle The gas price oracle model.
    function initialize(address _messenger, address _l1TokenBridge, address _l2Metis, address _gasPriceOracle)
        external
        initializer
        onlyModelDeployer
    {
        messenger = _messenger;
        l1TokenBridge = _l1TokenBridge;
        l2Metis = _l2Metis;
        gasPriceOracle = _gasPriceOracle;
    }

    /// @notice `withdrawTo` the caller's own address on L1.
    function withdraw(address _l2Token, uint256 _amount, uint32 _l1Gas, bytes calldata _data) external payable {
        _initiateWithdrawal(_l2Token, msg.sender, msg.sender, _amount, _l1Gas, _data);
    }

    /// @inheritdoc IL2StandardBridge
    function withdrawTo(address _l2Token, address _to, uint256 _amount, uint32 _l1Gas, bytes calldata _data)
        external
        payable
        override
    {
        _initiateWithdrawal(_l2Token, msg.sender, _to, _amount, _l1Gas, _data);
    }

    /// @inheritdoc IL2StandardBridge
    function finalizeDeposit(
        address _l1Token,
        address _l2Token,
        address _from,
        address _to,
        uint256 _amount,
        bytes calldata _data
    ) external override onlyFromCrossDomainAccount(l1TokenBridge) {
        if (ERC165Checker.supportsInterface(_l2Token, 0x1d1d8b63) && _l1Token == IL2StandardERC20(_l2Token).l1Token()) {
            IL2StandardERC20(_l2Token).mint(_to, _amount);
            emit DepositFinalized(_l1Token, _l2Token, _from, _to, _amount, _data);
        } else {
            emit DepositFailed(_l1Token, _l2Token, _from, _to, _amount, _data);
        }
    }

    function _initiateWithdrawal(
        address _l2Token,
        address _from,
        address _to,
        uint256 _amount,
        uint32 _l1Gas,
        bytes calldata _data
    ) internal {
        if (_l2Token != l2Metis) revert L2BridgeModelOnlyMetis(_l2Token);
        uint256 minL1Gas = IOVMGasPriceOracle(gasPriceOracle).minErc20BridgeCost();
        require(
            msg.value >= minL1Gas || _from == MetisAddresses.SEQUENCER_FEE_WALLET,
            string.concat("insufficient withdrawal fee supplied. need at least ", Strings.toString(minL1Gas))
        );

        IL2StandardERC20(_l2Token).burn(msg.sender, _amount);
        address l1Token = IL2StandardERC20(_l2Token).l1Token();
        bytes memory message = abi.encodeCall(
            IL1StandardBridge.finalizeMetisWithdrawalByChainId, (block.chainid, _from, _to, _amount, _data)
        );
        IL2CrossDomainMessenger(messenger).sendMessage{value: msg.value}(l1TokenBridge, message, _l1Gas);
        emit WithdrawalInitiated(l1Token, _l2Token, msg.sender, _to, _amount, _data);
    }
}
