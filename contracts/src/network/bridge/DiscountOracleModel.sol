// SPDX-License-Identifier: MIT
pragma solidity 0.8.23;

// Metis reverts with these exact strings; the model keeps them so callers see the same revert data.
// solhint-disable gas-custom-errors

import {Strings} from "@openzeppelin/contracts/utils/Strings.sol";
import {IAddressManager, IMVMDiscountOracle} from "../../interfaces/metis/IL1StandardBridge.sol";
import {ModelInitializable} from "../ModelInitializable.sol";

/// @title DEVNET/TEST MODEL of Metis's MVM_DiscountOracle (L1): never deployed to a real network.
/// @notice The L1->L2 fee rule and the cross-domain sender whitelist. `getDiscount()` is the ETH charged per unit
/// of L2 gas (1 gwei on mainnet, 0 on Sepolia), `getMinL2Gas()` the L2 gas a deposit is raised to (200,000).
/// The L1 messenger calls `processL2SeqGas{value: fee}(sender, chainId)` on every message: it refuses a sender
/// that is not whitelisted ("sender is not whitelisted") unless all senders are allowed, and forwards the fee
/// to the address registered as "<chainId>_MVM_Sequencer" in the AddressManager. The setters are for the
/// address registered as "GCD_MANAGER".
/// @dev Differences from Metis's MVM_DiscountOracle: configuration is a one-time
/// `initialize(addressManager, discount)` by the deployer of the code (Metis uses a constructor); the setters
/// emit events (Metis's emit none). Checks, revert strings and the fee forwarding follow Metis.
contract DiscountOracleModel is IMVMDiscountOracle, ModelInitializable {
    /// @notice Name of the manager entry in the AddressManager.
    string public constant CONFIG_OWNER_KEY = "GCD_MANAGER";

    /// @notice MODEL ONLY: the discount changed.
    event DiscountUpdated(uint256 discount);
    /// @notice MODEL ONLY: the minimum L2 gas changed.
    event MinL2GasUpdated(uint256 minL2Gas);
    /// @notice MODEL ONLY: `sender` was added to or removed from the whitelist.
    event XDomainSenderWhitelisted(address indexed sender, bool isWhitelisted);
    /// @notice MODEL ONLY: the allow-all switch changed.
    event AllowAllXDomainSendersUpdated(bool allowAll);
    /// @notice MODEL ONLY: a message fee of `fee` wei from `sender` was forwarded to `sequencer`.
    event L2SeqGasProcessed(address indexed sender, uint256 indexed chainId, address sequencer, uint256 fee);

    /// @notice The AddressManager this oracle resolves names with.
    address public libAddressManager;
    /// @notice ETH per unit of L2 gas.
    uint256 public discount;
    /// @notice The L2 gas a deposit is raised to.
    uint256 public minL2Gas;
    /// @notice Whether a sender is whitelisted.
    mapping(address sender => bool allowed) public xDomainWL;
    bool internal allowAllXDomainSenders;

    /// @dev Metis's `onlyManager`.
    modifier onlyManager() {
        require(
            msg.sender == IAddressManager(libAddressManager).getAddress(CONFIG_OWNER_KEY),
            "MVM_DiscountOracle: Function can only be called by the GCD_MANAGER."
        );
        _;
    }

    /// @notice One-time configuration: minL2Gas 200,000, no sender allowed.
    /// @param _addressManager The AddressManager (model).
    /// @param _initialDiscount ETH per L2 gas unit (1 gwei mainnet-like, 0 Sepolia-like).
    function initialize(address _addressManager, uint256 _initialDiscount) external initializer onlyModelDeployer {
        libAddressManager = _addressManager;
        discount = _initialDiscount;
        minL2Gas = 200_000;
    }

    /// @inheritdoc IMVMDiscountOracle
    function getMinL2Gas() external view override returns (uint256) {
        return minL2Gas;
    }

    /// @inheritdoc IMVMDiscountOracle
    function getDiscount() external view override returns (uint256) {
        return discount;
    }

    /// @inheritdoc IMVMDiscountOracle
    function isXDomainSenderAllowed(address _sender) public view override returns (bool) {
        return allowAllXDomainSenders || xDomainWL[_sender];
    }

    /// @notice GCD_MANAGER only: ETH per L2 gas unit.
    /// @param _discount New discount.
    function setDiscount(uint256 _discount) external onlyManager {
        discount = _discount;
        emit DiscountUpdated(_discount);
    }

    /// @notice GCD_MANAGER only: the L2 gas deposits are raised to.
    /// @param _minL2Gas New minimum.
    function setMinL2Gas(uint256 _minL2Gas) external onlyManager {
        minL2Gas = _minL2Gas;
        emit MinL2GasUpdated(_minL2Gas);
    }

    /// @notice GCD_MANAGER only: allows (`_isWhitelisted`) or refuses `_sender` as an L1->L2 message sender.
    /// @param _sender The L1 contract or account.
    /// @param _isWhitelisted Whether it may send.
    function setWhitelistedXDomainSender(address _sender, bool _isWhitelisted) external onlyManager {
        xDomainWL[_sender] = _isWhitelisted;
        emit XDomainSenderWhitelisted(_sender, _isWhitelisted);
    }

    /// @notice GCD_MANAGER only: allows every sender (`true`) or only whitelisted ones.
    /// @param _allowAllXDomainSenders The switch.
    function setAllowAllXDomainSenders(bool _allowAllXDomainSenders) external onlyManager {
        allowAllXDomainSenders = _allowAllXDomainSenders;
        emit AllowAllXDomainSendersUpdated(_allowAllXDomainSenders);
    }

    /// @inheritdoc IMVMDiscountOracle
    function processL2SeqGas(address _sender, uint256 _chainId) external payable override {
        require(isXDomainSenderAllowed(_sender), "sender is not whitelisted");
        string memory name = string.concat(Strings.toString(_chainId), "_MVM_Sequencer");
        address sequencer = IAddressManager(libAddressManager).getAddress(name);
        require(sequencer != address(0), string.concat("sequencer address not available: ", name));
        // solhint-disable-next-line avoid-low-level-calls
        (bool sent,) = sequencer.call{value: msg.value}("");
        require(sent, "Failed to send Ether");
        emit L2SeqGasProcessed(_sender, _chainId, sequencer, msg.value);
    }
}
