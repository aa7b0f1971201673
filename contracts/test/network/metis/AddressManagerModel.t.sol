// SPDX-License-Identifier: MIT
pragma solidity 0.8.23;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Initializable} from "@openzeppelin/contracts/proxy/utils/Initializable.sol";
import {Test} from "../../utils/Test.sol";
import {ModelInitializable} from "../../../src/network/ModelInitializable.sol";
import {AddressManagerModel} from "../../../src/network/bridge/AddressManagerModel.sol";

contract AddressManagerModelTest is Test {
    AddressManagerModel internal am;
    address internal admin = makeAddr("admin");
    address internal stranger = makeAddr("stranger");

    function setUp() public {
        am = new AddressManagerModel();
        am.initialize(admin);
    }

    function test_initialize() public {
        assertEq(am.owner(), admin);
        assertEq(am.modelDeployer(), address(this));
        vm.expectRevert(Initializable.InvalidInitialization.selector);
        am.initialize(stranger);
        AddressManagerModel fresh = new AddressManagerModel();
        vm.expectRevert(abi.encodeWithSelector(ModelInitializable.ModelNotDeployer.selector, stranger, address(this)));
        vm.prank(stranger);
        fresh.initialize(stranger);
    }

    function test_setAddress_andGetAddress() public {
        assertEq(am.getAddress("MVM_DiscountOracle"), address(0));
        vm.expectEmit(address(am));
        emit AddressManagerModel.AddressSet("MVM_DiscountOracle", address(0xA), address(0));
        vm.prank(admin);
        am.setAddress("MVM_DiscountOracle", address(0xA));
        assertEq(am.getAddress("MVM_DiscountOracle"), address(0xA));
        assertEq(am.getAddress("mvm_discountoracle"), address(0), "names are case-sensitive");

        vm.expectEmit(address(am));
        emit AddressManagerModel.AddressSet("MVM_DiscountOracle", address(0xB), address(0xA));
        vm.prank(admin);
        am.setAddress("MVM_DiscountOracle", address(0xB));
        assertEq(am.getAddress("MVM_DiscountOracle"), address(0xB));
    }

    function test_setAddress_ownerOnly() public {
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, stranger));
        vm.prank(stranger);
        am.setAddress("StateCommitmentChain", stranger);
        assertEq(am.getAddress("StateCommitmentChain"), address(0));
    }

    function testFuzz_setAddress(string calldata name, address a) public {
        vm.prank(admin);
        am.setAddress(name, a);
        assertEq(am.getAddress(name), a);
    }

    function test_worksWhenCopied() public {
        AddressManagerModel template = new AddressManagerModel();
        vm.etch(address(0xAA11), address(template).code);
        AddressManagerModel copy = AddressManagerModel(address(0xAA11));
        assertEq(copy.owner(), address(0));
        copy.initialize(admin);
        vm.prank(admin);
        copy.setAddress("x", address(1));
        assertEq(copy.getAddress("x"), address(1));
    }
}
