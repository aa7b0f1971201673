// SPDX-License-Identifier: MIT
pragma solidity 0.8.23;

/// @title Metis's L1StandardBridge (Ethereum), the calls this protocol makes and the devnet model implements.
/// @notice `depositERC20ToByChainId` raises `l2Gas` to the discount oracle's `getMinL2Gas()` and requires
/// `msg.value >= l2Gas x getDiscount()` (ETH, all of it forwarded as the L2 fee, no refund); for METIS the L2
/// token is always 0xDeadDeAddeAddEAddeadDEaDDEAdDeaDDeAD0000 and the L2 recipient is credited by a bare mint
/// (no call into it). The oracle is found through `addressmgr()` under the name "MVM_DiscountOracle".
interface IL1StandardBridge {
    event ERC20DepositInitiated(
        address indexed _l1Token,
        address indexed _l2Token,
        address indexed _from,
        address _to,
        uint256 _amount,
        bytes _data
    );
    event ERC20WithdrawalFinalized(
        address indexed _l1Token,
        address indexed _l2Token,
        address indexed _from,
        address _to,
        uint256 _amount,
        bytes _data
    );
    event ERC20ChainID(uint256 _chainid);

    function depositERC20ToByChainId(
        uint256 _chainid,
        address _l1Token,
        address _l2Token,
        address _to,
        uint256 _amount,
        uint32 _l2Gas,
        bytes calldata _data
    ) external payable;

    /// @notice Only from the L2 bridge through the L1 messenger: releases METIS to `_to` on L1.
    function finalizeMetisWithdrawalByChainId(
        uint256 _chainid,
        address _from,
        address _to,
        uint256 _amount,
        bytes calldata _data
    ) external;

    function addressmgr() external view returns (address);
    function messenger() external view returns (address);
    function l2TokenBridge() external view returns (address);
}

/// @title Lib_AddressManager: Metis's L1 name registry.
interface IAddressManager {
    function getAddress(string calldata _name) external view returns (address);
}

/// @title MVM_DiscountOracle (L1): the L1->L2 fee rule and the cross-domain sender whitelist.
interface IMVMDiscountOracle {
    /// @notice ETH per unit of L2 gas charged on L1->L2 deposits and messages (1 gwei on mainnet, 0 on Sepolia).
    function getDiscount() external view returns (uint256);
    /// @notice The L2 gas a deposit is raised to (200,000).
    function getMinL2Gas() external view returns (uint256);
    /// @notice Whether `sender` may send L1->L2 messages through the L1 messenger.
    function isXDomainSenderAllowed(address sender) external view returns (bool);
    /// @notice Called by the L1 messenger on every message: refuses senders not whitelisted, takes the fee.
    function processL2SeqGas(address sender, uint256 chainId) external payable;
}
