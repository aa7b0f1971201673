// SPDX-License-Identifier: MIT
pragma solidity 0.8.23;

import {Vm} from "./Vm.sol";

/// @notice Minimal base for forge tests: the cheatcode handle, a few helpers, and the hooks forge
/// reads for invariant campaigns (`targetContracts`, `targetSelectors`, `targetSenders`, `excludeSenders`).
abstract contract Test {
    Vm internal constant vm = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));

    bool public IS_TEST = true;

    struct FuzzSelector {
        address addr;
        bytes4[] selectors;
    }

    address[] private _targetContracts;
    FuzzSelector[] private _targetSelectors;
    address[] private _targetSenders;
    address[] private _excludeSenders;

    // ---------------------------------------------------------------- invariant hooks
    function targetContract(address target) internal {
        _targetContracts.push(target);
    }

    function targetSelector(FuzzSelector memory selector) internal {
        _targetSelectors.push(selector);
    }

    function targetSender(address sender) internal {
        _targetSenders.push(sender);
    }

    function excludeSender(address sender) internal {
        _excludeSenders.push(sender);
    }

    function targetContracts() public view returns (address[] memory) {
        return _targetContracts;
    }

    function targetSelectors() public view returns (FuzzSelector[] memory) {
        return _targetSelectors;
    }

    function targetSenders() public view returns (address[] memory) {
        return _targetSenders;
    }

    function excludeSenders() public view returns (address[] memory) {
        return _excludeSenders;
    }

    // ---------------------------------------------------------------- helpers
    /// @dev An address derived from a name, labelled in traces.
    function makeAddr(string memory name) internal returns (address a) {
        a = vm.addr(uint256(keccak256(bytes(name))));
        vm.label(a, name);
    }

    /// @dev A key and its address derived from a name.
    function makeAddrAndKey(string memory name) internal returns (address a, uint256 key) {
        key = uint256(keccak256(bytes(name)));
        a = vm.addr(key);
        vm.label(a, name);
    }

    /// @dev Maps any fuzzed `x` into [min, max] without discarding runs (uniform enough for fuzzing).
    function bound(uint256 x, uint256 min, uint256 max) internal pure returns (uint256) {
        require(min <= max, "bound: min > max");
        if (x >= min && x <= max) return x;
        uint256 size = max - min + 1;
        if (size == 0) return x; // full range
        return min + (x % size);
    }

    function assertEq(uint256 a, uint256 b) internal pure {
        vm.assertEq(a, b);
    }

    function assertEq(uint256 a, uint256 b, string memory err) internal pure {
        vm.assertEq(a, b, err);
    }

    function assertEq(address a, address b) internal pure {
        vm.assertEq(a, b);
    }

    function assertEq(address a, address b, string memory err) internal pure {
        vm.assertEq(a, b, err);
    }

    function assertEq(bool a, bool b) internal pure {
        vm.assertEq(a, b);
    }

    function assertEq(bytes32 a, bytes32 b) internal pure {
        vm.assertEq(a, b);
    }

    function assertTrue(bool c) internal pure {
        vm.assertTrue(c);
    }

    function assertTrue(bool c, string memory err) internal pure {
        vm.assertTrue(c, err);
    }

    function assertFalse(bool c, string memory err) internal pure {
        vm.assertFalse(c, err);
    }

    function assertFalse(bool c) internal pure {
        vm.assertFalse(c);
    }

    function assertLe(uint256 a, uint256 b) internal pure {
        vm.assertLe(a, b);
    }

    function assertLe(uint256 a, uint256 b, string memory err) internal pure {
        vm.assertLe(a, b, err);
    }

    function assertGe(uint256 a, uint256 b) internal pure {
        vm.assertGe(a, b);
    }

    function assertGe(uint256 a, uint256 b, string memory err) internal pure {
        vm.assertGe(a, b, err);
    }

    function assertLt(uint256 a, uint256 b) internal pure {
        vm.assertLt(a, b);
    }

    function assertGt(uint256 a, uint256 b) internal pure {
        vm.assertGt(a, b);
    }

    function assertApproxEqAbs(uint256 a, uint256 b, uint256 d) internal pure {
        vm.assertApproxEqAbs(a, b, d);
    }

    function assertApproxEqAbs(uint256 a, uint256 b, uint256 d, string memory err) internal pure {
        vm.assertApproxEqAbs(a, b, d, err);
    }

    function assertEq(int256 a, int256 b) internal pure {
        vm.assertEq(a, b);
    }

    function assertLt(uint256 a, uint256 b, string memory err) internal pure {
        vm.assertLt(a, b, err);
    }

    function assertGt(uint256 a, uint256 b, string memory err) internal pure {
        vm.assertGt(a, b, err);
    }

    function assertEq(bool a, bool b, string memory err) internal pure {
        vm.assertEq(a, b, err);
    }

    function assertEq(bytes32 a, bytes32 b, string memory err) internal pure {
        vm.assertEq(a, b, err);
    }

    function assertNotEq(uint256 a, uint256 b) internal pure {
        vm.assertNotEq(a, b);
    }

    function assertNotEq(uint256 a, uint256 b, string memory err) internal pure {
        vm.assertNotEq(a, b, err);
    }

    function assertApproxEqRel(uint256 a, uint256 b, uint256 maxPercentDelta, string memory err) internal pure {
        vm.assertApproxEqRel(a, b, maxPercentDelta, err);
    }
}
