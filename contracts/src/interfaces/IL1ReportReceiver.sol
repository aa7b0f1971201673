// SPDX-License-Identifier: MIT
pragma solidity 0.8.23;

import {L1Report} from "./L1Report.sol";

/// @title The L2 side of the hub's reports.
interface IL1ReportReceiver {
    /// @notice Applies `report` if it comes from the L1 hub through Metis's L2 messenger and is newer than the
    /// last one applied; an older one is ignored (the figures are cumulative, so nothing is lost).
    function receiveReport(L1Report calldata report) external;
}
