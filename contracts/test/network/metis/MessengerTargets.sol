// SPDX-License-Identifier: MIT
pragma solidity 0.8.23;

/// @notice A message target that records who called it and who sent the message on the other side.
contract RecordingTarget {
    address public immutable messenger;
    bool public failing;
    uint256 public calls;
    address public lastCaller;
    address public lastXDomainSender;
    uint256 public lastValue;

    error TargetFailing();

    constructor(address _messenger) {
        messenger = _messenger;
    }

    function setFailing(bool _failing) external {
        failing = _failing;
    }

    function receiveMessage(uint256 value) external {
        if (failing) revert TargetFailing();
        calls++;
        lastCaller = msg.sender;
        lastValue = value;
        (bool ok, bytes memory data) = messenger.staticcall(abi.encodeWithSignature("xDomainMessageSender()"));
        require(ok, "xDomainMessageSender reverted");
        lastXDomainSender = abi.decode(data, (address));
    }
}
