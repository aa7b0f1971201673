// SPDX-License-Identifier: MIT
pragma solidity 0.8.23;

import {Initializable} from "@openzeppelin/contracts/proxy/utils/Initializable.sol";
import {Test} from "../../utils/Test.sol";
import {AddressManagerModel} from "../../../src/network/bridge/AddressManagerModel.sol";
import {DiscountOracleModel} from "../../../src/network/bridge/DiscountOracleModel.sol";

contract RefusesEth {
    receive() external payable {
        revert("no");
    }
}

contract DiscountOracleModelTest is Test {
    AddressManagerModel internal am;
    DiscountOracleModel internal oracle;
    address internal admin = makeAddr("admin");
    address internal manager = makeAddr("gcdManager");
    address internal sequencer = makeAddr("1088_MVM_Sequencer");
    address internal sender = makeAddr("sender");
    address internal stranger = makeAddr("stranger");

    function setUp() public {
        am = new AddressManagerModel();
        am.initialize(admin);
        oracle = new DiscountOracleModel();
        oracle.initialize(address(am), 1 gwei);
        vm.startPrank(admin);
        am.setAddress("GCD_MANAGER", manager);
        am.setAddress("1088_MVM_Sequencer", sequencer);
        vm.stopPrank();
    }

    function test_initialValues() public {
        assertEq(oracle.getDiscount(), 1 gwei);
        assertEq(oracle.discount(), 1 gwei);
        assertEq(oracle.getMinL2Gas(), 200_000);
        assertEq(oracle.minL2Gas(), 200_000);
        assertEq(oracle.libAddressManager(), address(am));
        assertEq(keccak256(bytes(oracle.CONFIG_OWNER_KEY())), keccak256("GCD_MANAGER"));
        assertFalse(oracle.isXDomainSenderAllowed(sender));
        vm.expectRevert(Initializable.InvalidInitialization.selector);
        oracle.initialize(address(am), 0);
    }

    function test_setters_byTheGcdManager() public {
        vm.startPrank(manager);
        vm.expectEmit(address(oracle));
        emit DiscountOracleModel.DiscountUpdated(0);
        oracle.setDiscount(0);
        vm.expectEmit(address(oracle));
        emit DiscountOracleModel.MinL2GasUpdated(300_000);
        oracle.setMinL2Gas(300_000);
        vm.expectEmit(address(oracle));
        emit DiscountOracleModel.XDomainSenderWhitelisted(sender, true);
        oracle.setWhitelistedXDomainSender(sender, true);
        vm.stopPrank();
        assertEq(oracle.getDiscount(), 0);
        assertEq(oracle.getMinL2Gas(), 300_000);
        assertTrue(oracle.xDomainWL(sender));
        assertTrue(oracle.isXDomainSenderAllowed(sender));
        assertFalse(oracle.isXDomainSenderAllowed(stranger));

        vm.expectEmit(address(oracle));
        emit DiscountOracleModel.AllowAllXDomainSendersUpdated(true);
        vm.prank(manager);
        oracle.setAllowAllXDomainSenders(true);
        assertTrue(oracle.isXDomainSenderAllowed(stranger));
        vm.prank(manager);
        oracle.setAllowAllXDomainSenders(false);
        assertFalse(oracle.isXDomainSenderAllowed(stranger));
    }

    function test_setters_refuseEveryoneElse() public {
        bytes memory denied = bytes("MVM_DiscountOracle: Function can only be called by the GCD_MANAGER.");
        vm.startPrank(admin); // the AddressManager's owner is not the manager
        vm.expectRevert(denied);
        oracle.setDiscount(0);
        vm.expectRevert(denied);
        oracle.setMinL2Gas(0);
        vm.expectRevert(denied);
        oracle.setWhitelistedXDomainSender(sender, true);
        vm.expectRevert(denied);
        oracle.setAllowAllXDomainSenders(true);
        vm.stopPrank();
        assertEq(oracle.getDiscount(), 1 gwei);
        assertFalse(oracle.isXDomainSenderAllowed(sender));
    }

    function test_processL2SeqGas_forwardsTheFeeToTheChainsSequencer() public {
        vm.prank(manager);
        oracle.setWhitelistedXDomainSender(sender, true);
        vm.deal(address(this), 1 ether);
        vm.expectEmit(address(oracle));
        emit DiscountOracleModel.L2SeqGasProcessed(sender, 1088, sequencer, 0.3 ether);
        oracle.processL2SeqGas{value: 0.3 ether}(sender, 1088);
        assertEq(sequencer.balance, 0.3 ether);
        assertEq(address(oracle).balance, 0);
    }

    function test_processL2SeqGas_refusesANonWhitelistedSender() public {
        vm.deal(address(this), 1 ether);
        vm.expectRevert(bytes("sender is not whitelisted"));
        oracle.processL2SeqGas{value: 1}(sender, 1088);
        assertEq(sequencer.balance, 0);
    }

    function test_processL2SeqGas_needsTheChainsSequencer() public {
        vm.prank(manager);
        oracle.setAllowAllXDomainSenders(true);
        vm.expectRevert(bytes("sequencer address not available: 59902_MVM_Sequencer"));
        oracle.processL2SeqGas(sender, 59902);
    }

    function test_processL2SeqGas_failsWhenTheSequencerRefusesEth() public {
        RefusesEth refuses = new RefusesEth();
        vm.prank(admin);
        am.setAddress("7_MVM_Sequencer", address(refuses));
        vm.prank(manager);
        oracle.setAllowAllXDomainSenders(true);
        vm.deal(address(this), 1 ether);
        vm.expectRevert(bytes("Failed to send Ether"));
        oracle.processL2SeqGas{value: 1}(sender, 7);
    }
}
