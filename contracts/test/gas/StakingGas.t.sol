// SPDX-License-Identifier: MIT
pragma solidity 0.8.23;

import {Fixture} from "../utils/Fixture.sol";

/// @notice Gas of the user and keeper paths on the full protocol (Fixture).
/// Each test performs exactly one measured call whose storage was prepared in `setUp`, so its slots are cold
/// as in a real transaction. Two figures are recorded with `vm.snapshotValue`:
/// - `<op>`: gas used inside the called contract's frame (`vm.lastCallGas`; no 21,000 base, no calldata,
///   refunds not subtracted);
/// - `<op>.tx`: the whole transaction = 21,000 + calldata (16/4 gas per byte) + that frame gas, refunds not
///   subtracted (an upper bound: EIP-3529 refunds, e.g. from burning a ticket, lower the real figure).
/// The returning user holds a balance and an unlimited allowance already (first-time users pay more).
contract StakingGasTest is Fixture {
    uint256 internal ticketToClaim;

    function setUp() public override {
        super.setUp();
        _addSeat(1);
        // alice: a returning staker with an unlimited approval on every contract
        _fund(alice, 1_000_000e18);
        vm.startPrank(alice);
        metis.approve(address(manager), type(uint256).max);
        eMetis.approve(address(seMetis), type(uint256).max);
        eMetis.approve(address(queue), type(uint256).max);
        manager.stake(30_000e18, alice, address(0));
        manager.stakeAndRestake(100e18, alice, address(0));
        seMetis.deposit(10e18, alice);
        queue.requestRedemption(1e18, alice);
        ticketToClaim = queue.requestRedemption(2e18, alice);
        vm.stopPrank();
        _allocate(); // one node opens
        _stake(bob, 100e18); // keep a buffer for funding
        _fundRedemptions(ticketToClaim);
        _submitBatch(1_000); // pending rewards for the harvest test
        _warp(21 days);
        // rewards already streaming in the vault, as in steady state
        _submitBatch(1_000);
        manager.harvest();
        _submitBatch(1_000);
    }

    function _calldataGas(bytes memory data) internal pure returns (uint256 gas) {
        for (uint256 i; i < data.length; ++i) {
            gas += data[i] == 0 ? 4 : 16;
        }
    }

    function _record(string memory name, uint256 execGas, bytes memory data) internal {
        vm.snapshotValue(name, execGas);
        vm.snapshotValue(string.concat(name, ".tx"), 21_000 + _calldataGas(data) + execGas);
    }

    function test_gas_stake_returningStaker() public {
        bytes memory data = abi.encodeCall(manager.stake, (20e18, alice, carol));
        vm.prank(alice);
        manager.stake(20e18, alice, carol);
        uint256 g = vm.lastCallGas().gasTotalUsed;
        _record("stake_returning", g, data);
    }

    function test_gas_stakeAndRestake_returning() public {
        bytes memory data = abi.encodeCall(manager.stakeAndRestake, (20e18, alice, carol));
        vm.prank(alice);
        manager.stakeAndRestake(20e18, alice, carol);
        uint256 g = vm.lastCallGas().gasTotalUsed;
        _record("stakeAndRestake_returning", g, data);
    }

    function test_gas_restake_seMetisDeposit() public {
        bytes memory data = abi.encodeCall(seMetis.deposit, (20e18, alice));
        vm.prank(alice);
        seMetis.deposit(20e18, alice);
        uint256 g = vm.lastCallGas().gasTotalUsed;
        _record("restake_deposit", g, data);
    }

    function test_gas_requestRedemption_returning() public {
        bytes memory data = abi.encodeCall(queue.requestRedemption, (20e18, alice));
        vm.prank(alice);
        queue.requestRedemption(20e18, alice);
        uint256 g = vm.lastCallGas().gasTotalUsed;
        _record("requestRedemption_returning", g, data);
    }

    function test_gas_claim() public {
        bytes memory data = abi.encodeCall(queue.claim, (ticketToClaim, alice));
        vm.prank(alice);
        queue.claim(ticketToClaim, alice);
        uint256 g = vm.lastCallGas().gasTotalUsed;
        _record("claim", g, data);
    }

    function test_gas_harvest_oneNode() public {
        bytes memory data = abi.encodeCall(manager.harvest, ());
        manager.harvest();
        uint256 g = vm.lastCallGas().gasTotalUsed;
        _record("harvest_1node", g, data);
    }
}
