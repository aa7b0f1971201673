// SPDX-License-Identifier: MIT
pragma solidity 0.8.23;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Initializable} from "@openzeppelin/contracts/proxy/utils/Initializable.sol";
import {Test} from "../../utils/Test.sol";
import {MetisAddresses} from "../../../src/interfaces/metis/MetisAddresses.sol";
import {ModelInitializable} from "../../../src/network/ModelInitializable.sol";
import {GasPriceOracleModel} from "../../../src/network/bridge/GasPriceOracleModel.sol";

contract GasPriceOracleModelTest is Test {
    GasPriceOracleModel internal oracle;
    address internal admin = makeAddr("admin");

    function setUp() public {
        GasPriceOracleModel template = new GasPriceOracleModel();
        vm.etch(MetisAddresses.OVM_GAS_PRICE_ORACLE, address(template).code);
        oracle = GasPriceOracleModel(MetisAddresses.OVM_GAS_PRICE_ORACLE);
    }

    function test_initializeAtThePredeploy() public {
        assertEq(oracle.owner(), address(0));
        vm.expectEmit(address(oracle));
        emit GasPriceOracleModel.MinErc20BridgeCostUpdated(1 ether);
        oracle.initialize(admin, 1 ether);
        assertEq(oracle.owner(), admin);
        assertEq(oracle.minErc20BridgeCost(), 1 ether);
        vm.expectRevert(Initializable.InvalidInitialization.selector);
        oracle.initialize(admin, 0);
    }

    function test_initialize_onlyByTheDeployer() public {
        vm.expectRevert(abi.encodeWithSelector(ModelInitializable.ModelNotDeployer.selector, admin, address(this)));
        vm.prank(admin);
        oracle.initialize(admin, 1);
    }

    function test_setMinErc20BridgeCost_ownerOnly() public {
        oracle.initialize(admin, 1 ether);
        vm.expectEmit(address(oracle));
        emit GasPriceOracleModel.MinErc20BridgeCostUpdated(2 ether);
        vm.prank(admin);
        oracle.setMinErc20BridgeCost(2 ether);
        assertEq(oracle.minErc20BridgeCost(), 2 ether);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, address(this)));
        oracle.setMinErc20BridgeCost(0);
        assertEq(oracle.minErc20BridgeCost(), 2 ether);
    }
}
