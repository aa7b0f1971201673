// SPDX-License-Identifier: MIT
pragma solidity 0.8.23;

/// @title Fixed addresses of Metis's L2 (the same on Andromeda and Metis Sepolia).
library MetisAddresses {
    /// @notice METIS: the gas token, which is also an ERC-20 at this address (one balance, two faces).
    address internal constant L2_METIS = 0xDeadDeAddeAddEAddeadDEaDDEAdDeaDDeAD0000;
    address internal constant L2_CROSS_DOMAIN_MESSENGER = 0x4200000000000000000000000000000000000007;
    address internal constant L2_STANDARD_BRIDGE = 0x4200000000000000000000000000000000000010;
    address internal constant OVM_GAS_PRICE_ORACLE = 0x420000000000000000000000000000000000000F;
    address internal constant SEQUENCER_FEE_WALLET = 0x4200000000000000000000000000000000000011;
}
