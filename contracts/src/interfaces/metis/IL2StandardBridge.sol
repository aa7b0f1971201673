// SPDX-License-Identifier: MIT
pragma solidity 0.8.23;

/// @title Metis's L2StandardBridge (predeploy 0x4200000000000000000000000000000000000010).
/// @notice `withdrawTo(METIS, to, amount, l1Gas, data)` needs `msg.value >= OVM_GasPriceOracle.minErc20BridgeCost()`
/// in native METIS (the fee, sent to the sequencer fee wallet) and burns `amount` from the caller's METIS balance
/// on top of the fee. The METIS arrives on L1 after the 7-day fraud window, once someone relays the message.
interface IL2StandardBridge {
    event WithdrawalInitiated(
        address indexed _l1Token,
        address indexed _l2Token,
        address indexed _from,
        address _to,
        uint256 _amount,
        bytes _data
    );
    event DepositFinalized(
        address indexed _l1Token,
        address indexed _l2Token,
        address indexed _from,
        address _to,
        uint256 _amount,
        bytes _data
    );

    function withdrawTo(address _l2Token, address _to, uint256 _amount, uint32 _l1Gas, bytes calldata _data)
        external
        payable;

    /// @notice Only from the L1 bridge through the L2 messenger: mints `_amount` of `_l2Token` to `_to`.
    function finalizeDeposit(
        address _l1Token,
        address _l2Token,
        address _from,
        address _to,
        uint256 _amount,
        bytes calldata _data
    ) external;

    function l1TokenBridge() external view returns (address);
}

/// @title OVM_GasPriceOracle (predeploy 0x420000000000000000000000000000000000000F): the L2->L1 bridge fee.
interface IOVMGasPriceOracle {
    /// @notice The least native METIS `withdrawTo` accepts as its fee.
    function minErc20BridgeCost() external view returns (uint256);
}

/// @title The L2 METIS token's bridge face (MVM_Coinbase at 0xDeadDeAddeAddEAddeadDEaDDEAdDeaDDeAD0000).
interface IL2StandardERC20 {
    /// @dev For METIS (MVM_Coinbase) this is address(0), and the L1 bridge's deposit message carries address(0) as
    /// the L1 token (not the L1 METIS address): the L2 bridge mints only when the two match.
    function l1Token() external view returns (address);
    function mint(address _to, uint256 _amount) external;
    function burn(address _from, uint256 _amount) external;
}
