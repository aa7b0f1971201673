// SPDX-License-Identifier: MIT
pragma solidity 0.8.23;

import {ProtocolFixture} from "../utils/ProtocolFixture.sol";

/// @notice Gas of the user, keeper and hub paths on the two-chain fixture. Each test performs exactly one measured call
/// whose storage was prepared in `setUp`, so its slots are cold as in a real transaction. Two figures are recorded
/// with `vm.snapshotValue`:
/// - `<op>`: gas used inside the called contract's frame (`vm.lastCallGas`; no 21,000 base, no calldata, refunds
///   not subtracted);
/// - `<op>.tx`: the whole transaction = 21,000 + calldata (16/4 gas per byte) + that frame gas, refunds not
///   subtracted (an upper bound).
/// The returning user holds a balance and an unlimited allowance already. METIS's ERC-20 face is the forge model
/// (`OneBalanceMetis`, which moves balances with a cheatcode), so the ERC-20-face figures are indicative only;
/// `npm run bench` measures whole transactions on anvil.
contract StakingGasTest is ProtocolFixture {
    uint256 internal ticketToClaim;
    uint256 internal ticketToFund;
    uint256 internal seatIndex;

    function setUp() public override {
        super.setUp();
        // other operators, so mainnet's BFT rule is not in the way
        lockSeat(makeAddr("operator-a"), 50_000 ether, makeAddr("operator-a.l2"), "operator-a");
        lockSeat(makeAddr("operator-b"), 50_000 ether, makeAddr("operator-b.l2"), "operator-b");
        // alice: a returning staker with unlimited approvals
        fundL2(alice, 1_000_000 ether);
        vm.startPrank(alice);
        l2Metis.approve(address(manager), type(uint256).max);
        eMetis.approve(address(seMetis), type(uint256).max);
        eMetis.approve(address(queue), type(uint256).max);
        manager.stake{value: 30_000 ether}(alice, address(0));
        manager.stakeAndRestake{value: 100 ether}(alice, address(0));
        seMetis.deposit(10 ether, alice);
        queue.requestRedemption(1 ether, alice);
        ticketToClaim = queue.requestRedemption(2 ether, alice);
        vm.stopPrank();
        _fundRedemptions(ticketToClaim);
        vm.prank(alice);
        ticketToFund = queue.requestRedemption(3 ether, alice);
        // one seat with rewards streaming, as in steady state
        _bridge(manager.bridgeable());
        _deliverToL1();
        (seatIndex,) = _addSeat("n0");
        _openSeat(seatIndex, 30_000 ether);
        _report();
        _rewardSeat(seatIndex, 20_000);
        _withdrawRewards(seatIndex);
        _harvest();
        vm.warp(block.timestamp + 1 days);
        _rewardSeat(seatIndex, 20_000);
        _withdrawRewards(seatIndex);
        _stake(bob, 100 ether); // a buffer for funding
        vm.warp(block.timestamp + 2 hours);
        fundL2(keeper, 10 ether);
        fundL1(address(hub), 1_000 ether); // idle METIS for returnToL2
    }

    function _calldataGas(bytes memory data) internal pure returns (uint256 gas) {
        for (uint256 i; i < data.length; ++i) {
            gas += data[i] == 0 ? 4 : 16;
        }
    }

    function _record(string memory name, bytes memory data) internal {
        uint256 execGas = vm.lastCallGas().gasTotalUsed;
        vm.snapshotValue(name, execGas);
        vm.snapshotValue(string.concat(name, ".tx"), 21_000 + _calldataGas(data) + execGas);
    }

    // ------------------------------------------------------------------ L2 users

    function test_gas_stakeNative_returning() public {
        bytes memory data = abi.encodeCall(manager.stake, (alice, carol));
        vm.prank(alice);
        manager.stake{value: 20 ether}(alice, carol);
        _record("stakeNative_returning", data);
    }

    function test_gas_stakeAndRestakeNative_returning() public {
        bytes memory data = abi.encodeCall(manager.stakeAndRestake, (alice, carol));
        vm.prank(alice);
        manager.stakeAndRestake{value: 20 ether}(alice, carol);
        _record("stakeAndRestakeNative_returning", data);
    }

    function test_gas_stakeErc20_returning() public {
        bytes memory data = abi.encodeCall(manager.stakeErc20, (20 ether, alice, carol));
        vm.prank(alice);
        manager.stakeErc20(20 ether, alice, carol);
        _record("stakeErc20_returning_modelFace", data);
    }

    function test_gas_restake_seMetisDeposit() public {
        bytes memory data = abi.encodeCall(seMetis.deposit, (20 ether, alice));
        vm.prank(alice);
        seMetis.deposit(20 ether, alice);
        _record("restake_deposit", data);
    }

    function test_gas_requestRedemption_returning() public {
        bytes memory data = abi.encodeCall(queue.requestRedemption, (20 ether, alice));
        vm.prank(alice);
        queue.requestRedemption(20 ether, alice);
        _record("requestRedemption_returning", data);
    }

    function test_gas_claim() public {
        bytes memory data = abi.encodeCall(queue.claim, (ticketToClaim, alice));
        vm.prank(alice);
        queue.claim(ticketToClaim, alice);
        _record("claim", data);
    }

    // ------------------------------------------------------------------ L2 keeper / anyone

    function test_gas_harvest() public {
        bytes memory data = abi.encodeCall(rewardReceiver.harvest, ());
        rewardReceiver.harvest();
        _record("harvest", data);
    }

    function test_gas_fundRedemptions() public {
        bytes memory data = abi.encodeCall(manager.fundRedemptions, (ticketToFund));
        manager.fundRedemptions(ticketToFund);
        _record("fundRedemptions_1ticket", data);
    }

    function test_gas_bridgeToL1() public {
        bytes memory data = abi.encodeCall(manager.bridgeToL1, (50 ether));
        vm.prank(keeper);
        manager.bridgeToL1{value: 1 ether}(50 ether);
        _record("bridgeToL1_modelBridge", data);
    }

    // ------------------------------------------------------------------ L1 hub

    function test_gas_hub_withdrawRewards() public {
        _rewardSeat(seatIndex, 20_000);
        bytes memory data = abi.encodeCall(hub.withdrawRewards, (seatIndex));
        hub.withdrawRewards(seatIndex);
        _record("hub_withdrawRewards_modelPool", data);
    }

    function test_gas_hub_report_oneSeat() public {
        bytes memory data = abi.encodeCall(hub.report, ());
        vm.prank(l1Keeper);
        hub.report();
        _record("hub_report_1seat_modelMessenger", data);
    }

    function test_gas_hub_returnToL2() public {
        bytes memory data = abi.encodeCall(hub.returnToL2, (1_000 ether));
        vm.prank(l1Keeper);
        hub.returnToL2(1_000 ether);
        _record("hub_returnToL2_modelBridge", data);
    }
}
