// SPDX-License-Identifier: MIT
pragma solidity 0.8.23;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {Initializable} from "@openzeppelin/contracts/proxy/utils/Initializable.sol";
import {Test} from "../../utils/Test.sol";
import {MetisAddresses} from "../../../src/interfaces/metis/MetisAddresses.sol";
import {ModelInitializable} from "../../../src/network/ModelInitializable.sol";
import {L2MetisModel} from "../../../src/network/token/L2MetisModel.sol";

contract RevertingReceiver {
    receive() external payable {
        revert("no code must run");
    }
}

/// @notice The anvil devnet's METIS: debits through the face leave "phantom" native coins, credits pay native METIS
/// out of the reserve with a forced send.
contract L2MetisModelTest is Test {
    uint256 internal constant RESERVE = 1_000 ether;
    L2MetisModel internal metis;
    address internal bridge = makeAddr("bridge");
    address internal alice = makeAddr("alice");
    address internal bob = makeAddr("bob");
    address internal carol = makeAddr("carol");

    function setUp() public {
        L2MetisModel template = new L2MetisModel();
        vm.etch(MetisAddresses.L2_METIS, address(template).code);
        metis = L2MetisModel(MetisAddresses.L2_METIS);
        metis.initialize(bridge);
        vm.deal(address(metis), RESERVE); // anvil_setBalance on the devnet
        vm.deal(alice, 100 ether);
    }

    function test_metadataAndConfiguration() public {
        assertEq(keccak256(bytes(metis.name())), keccak256("Metis Token"));
        assertEq(keccak256(bytes(metis.symbol())), keccak256("METIS"));
        assertEq(uint256(metis.decimals()), 18);
        assertEq(metis.l1Token(), address(0));
        assertEq(metis.l2Bridge(), bridge);
        assertEq(metis.reserve(), RESERVE);
        assertTrue(metis.supportsInterface(0x01ffc9a7));
        assertTrue(metis.supportsInterface(0x1d1d8b63));
        assertFalse(metis.supportsInterface(0x12345678));
        vm.expectRevert(Initializable.InvalidInitialization.selector);
        metis.initialize(alice);
        L2MetisModel fresh = new L2MetisModel();
        vm.expectRevert(abi.encodeWithSelector(ModelInitializable.ModelNotDeployer.selector, alice, address(this)));
        vm.prank(alice);
        fresh.initialize(alice);
    }

    function test_withoutFaceDebitsTheFaceIsTheNativeBalance() public {
        assertEq(metis.balanceOf(alice), 100 ether);
        vm.prank(alice);
        (bool ok,) = payable(bob).call{value: 25 ether}("");
        assertTrue(ok);
        assertEq(metis.balanceOf(alice), 75 ether);
        assertEq(metis.balanceOf(bob), 25 ether);
    }

    function test_transfer_debitLeavesPhantomCoinsCreditPaysNativeFromTheReserve() public {
        vm.expectEmit(address(metis));
        emit IERC20.Transfer(alice, bob, 40 ether);
        vm.prank(alice);
        metis.transfer(bob, 40 ether);

        assertEq(metis.balanceOf(alice), 60 ether, "the face dropped");
        assertEq(alice.balance, 100 ether, "anvil cannot take native coins: they stay");
        assertEq(metis.debited(alice), 40 ether, "phantom coins the face no longer counts");
        assertEq(bob.balance, 40 ether, "native balance rose, as on Metis");
        assertEq(metis.balanceOf(bob), 40 ether);
        assertEq(metis.reserve(), RESERVE - 40 ether);
    }

    function test_transfer_theFaceNeverSpendsPhantomCoins() public {
        vm.startPrank(alice);
        metis.transfer(bob, 100 ether);
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InsufficientBalance.selector, alice, 0, 1));
        metis.transfer(bob, 1);
        vm.stopPrank();
        assertEq(alice.balance, 100 ether);
        assertEq(metis.balanceOf(alice), 0);
    }

    function test_spendingPhantomCoinsNativelyIsTheDevnetArtifact() public {
        vm.prank(alice);
        metis.transfer(bob, 40 ether);
        // alice (an EOA) spends natively coins the face already debited: possible only on the devnet
        vm.prank(alice);
        (bool ok,) = payable(carol).call{value: 80 ether}("");
        assertTrue(ok);
        assertEq(alice.balance, 20 ether);
        assertEq(metis.balanceOf(alice), 0, "floored: never negative");
    }

    function test_transfer_toAContractRunsNoCode() public {
        RevertingReceiver r = new RevertingReceiver();
        vm.prank(alice);
        metis.transfer(address(r), 3 ether);
        assertEq(address(r).balance, 3 ether);
        assertEq(metis.balanceOf(address(r)), 3 ether);
    }

    function test_transfer_toSelfAndToTheToken() public {
        vm.startPrank(alice);
        metis.transfer(alice, 10 ether);
        assertEq(metis.balanceOf(alice), 100 ether, "the face is unchanged");
        assertEq(alice.balance, 110 ether);
        assertEq(metis.debited(alice), 10 ether);
        metis.transfer(address(metis), 5 ether);
        vm.stopPrank();
        assertEq(metis.reserve(), RESERVE - 10 ether, "a credit to the token itself stays in the reserve");
        assertEq(metis.balanceOf(alice), 95 ether);
    }

    function test_transfer_refusals() public {
        vm.startPrank(alice);
        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientBalance.selector, alice, 100 ether, 101 ether)
        );
        metis.transfer(bob, 101 ether);
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InvalidReceiver.selector, address(0)));
        metis.transfer(address(0), 1);
        vm.stopPrank();
    }

    function test_creditsNeedTheReserve() public {
        vm.deal(alice, RESERVE + 1);
        vm.expectRevert(
            abi.encodeWithSelector(L2MetisModel.L2MetisModelReserveExhausted.selector, RESERVE + 1, RESERVE)
        );
        vm.prank(alice);
        metis.transfer(bob, RESERVE + 1);
        vm.expectRevert(
            abi.encodeWithSelector(L2MetisModel.L2MetisModelReserveExhausted.selector, RESERVE + 1, RESERVE)
        );
        vm.prank(bridge);
        metis.mint(bob, RESERVE + 1);
        assertEq(metis.debited(alice), 0);
    }

    function test_approveAndTransferFrom() public {
        vm.prank(alice);
        metis.approve(bob, 10 ether);
        vm.prank(bob);
        metis.transferFrom(alice, carol, 4 ether);
        assertEq(metis.allowance(alice, bob), 6 ether);
        assertEq(carol.balance, 4 ether);
        assertEq(metis.debited(alice), 4 ether);
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InsufficientAllowance.selector, bob, 6 ether, 7 ether));
        vm.prank(bob);
        metis.transferFrom(alice, carol, 7 ether);
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InvalidSpender.selector, address(0)));
        vm.prank(alice);
        metis.approve(address(0), 1);
        vm.prank(alice);
        metis.approve(bob, type(uint256).max);
        vm.prank(bob);
        metis.transferFrom(alice, carol, 1 ether);
        assertEq(metis.allowance(alice, bob), type(uint256).max);
    }

    function test_mintAndBurn() public {
        RevertingReceiver r = new RevertingReceiver();
        vm.expectEmit(address(metis));
        emit IERC20.Transfer(address(0), address(r), 8 ether);
        vm.expectEmit(address(metis));
        emit L2MetisModel.Mint(address(r), 8 ether);
        vm.prank(bridge);
        metis.mint(address(r), 8 ether);
        assertEq(address(r).balance, 8 ether, "a bare credit: no code ran");
        assertEq(metis.totalSupply(), 8 ether);

        vm.expectEmit(address(metis));
        emit L2MetisModel.Burn(alice, 30 ether);
        vm.prank(bridge);
        metis.burn(alice, 30 ether);
        assertEq(metis.balanceOf(alice), 70 ether);
        assertEq(alice.balance, 100 ether, "phantom");
        assertEq(metis.totalSupply(), 0, "floored, not in sync with native balances");

        vm.expectRevert(abi.encodeWithSelector(L2MetisModel.L2MetisModelOnlyBridge.selector, alice));
        vm.prank(alice);
        metis.mint(alice, 1);
        vm.expectRevert(abi.encodeWithSelector(L2MetisModel.L2MetisModelOnlyBridge.selector, alice));
        vm.prank(alice);
        metis.burn(alice, 1);
        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientBalance.selector, alice, 70 ether, 71 ether)
        );
        vm.prank(bridge);
        metis.burn(alice, 71 ether);
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InvalidReceiver.selector, address(0)));
        vm.prank(bridge);
        metis.mint(address(0), 1);
    }

    /// @notice No double count: whatever face moves, mints and burns happen, the face balances add up to exactly
    /// what Metis would show, and native = face + phantom for every account.
    function testFuzz_faceTotalsMatchMetisAndNativeIsFacePlusPhantom(uint256[10] memory amounts, uint16 kinds) public {
        address[3] memory who = [alice, bob, carol];
        vm.prank(alice);
        metis.approve(bob, type(uint256).max);
        uint256 expectedFaceTotal = 100 ether; // what Metis's one balance would hold in total
        for (uint256 i = 0; i < amounts.length; i++) {
            uint256 kind = (uint256(kinds) >> i) % 4;
            address from = who[i % 3];
            address to = who[(i + 2) % 3];
            uint256 amount = bound(amounts[i], 0, metis.balanceOf(from));
            if (kind == 0) {
                vm.prank(from);
                metis.transfer(to, amount);
            } else if (kind == 1) {
                amount = bound(amounts[i], 0, metis.balanceOf(alice));
                vm.prank(bob);
                metis.transferFrom(alice, to, amount);
            } else if (kind == 2) {
                amount = bound(amounts[i], 0, metis.reserve() / 20);
                vm.prank(bridge);
                metis.mint(to, amount);
                expectedFaceTotal += amount;
            } else {
                vm.prank(bridge);
                metis.burn(from, amount);
                expectedFaceTotal -= amount;
            }
            uint256 faceTotal;
            for (uint256 k = 0; k < 3; k++) {
                faceTotal += metis.balanceOf(who[k]);
                assertEq(who[k].balance, metis.balanceOf(who[k]) + metis.debited(who[k]), "native = face + phantom");
            }
            assertEq(faceTotal, expectedFaceTotal, "the face never double counts");
        }
    }
}
