// SPDX-License-Identifier: MIT
pragma solidity 0.8.23;

import {Initializable} from "@openzeppelin/contracts/proxy/utils/Initializable.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {IL2CrossDomainMessenger} from "../../../src/interfaces/metis/ICrossDomainMessengers.sol";
import {MetisNetwork} from "../../utils/MetisNetwork.sol";
import {IL1StandardBridge} from "../../../src/interfaces/metis/IL1StandardBridge.sol";
import {IL2StandardBridge} from "../../../src/interfaces/metis/IL2StandardBridge.sol";
import {MetisAddresses} from "../../../src/interfaces/metis/MetisAddresses.sol";
import {L2CrossDomainMessengerModel} from "../../../src/network/bridge/L2CrossDomainMessengerModel.sol";
import {L2StandardBridgeModel} from "../../../src/network/bridge/L2StandardBridgeModel.sol";

contract NoReceive {
    receive() external payable {
        revert("no code must run");
    }
}

contract L2StandardBridgeModelTest is MetisNetwork {
    address internal alice = makeAddr("alice.l2");
    address internal aliceL1 = makeAddr("alice.l1");
    address internal stranger = makeAddr("stranger");
    address internal constant L2_METIS = MetisAddresses.L2_METIS;
    address internal constant FEE_WALLET = MetisAddresses.SEQUENCER_FEE_WALLET;

    function setUp() public {
        deployMetisNetwork(metisMainnetLike());
    }

    function test_views() public {
        assertEq(l2Bridge.messenger(), address(l2Messenger));
        assertEq(l2Bridge.l1TokenBridge(), address(l1Bridge));
        assertEq(l2Bridge.l2Metis(), L2_METIS);
        assertEq(l2Bridge.gasPriceOracle(), address(gasPriceOracle));
        vm.expectRevert(Initializable.InvalidInitialization.selector);
        l2Bridge.initialize(address(1), address(2), address(3), address(4));
    }

    function test_withdrawTo_burnsOnTopOfTheFeeAndMessagesTheL1Bridge() public {
        fundL2(alice, 11 ether);
        bytes memory expected = abi.encodeCall(
            IL1StandardBridge.finalizeMetisWithdrawalByChainId, (1088, alice, aliceL1, 10 ether, bytes("d"))
        );
        vm.expectEmit(address(l2Messenger));
        emit IL2CrossDomainMessenger.SentMessage(address(l1Bridge), address(l2Bridge), expected, 0, 77, 1);
        vm.expectEmit(address(l2Bridge));
        emit IL2StandardBridge.WithdrawalInitiated(address(0), L2_METIS, alice, aliceL1, 10 ether, "d");
        vm.prank(alice);
        l2Bridge.withdrawTo{value: 1 ether}(L2_METIS, aliceL1, 10 ether, 77, "d");
        assertEq(alice.balance, 0);
        assertEq(l2Metis.balanceOf(alice), 0);
        assertEq(FEE_WALLET.balance, 1 ether, "the fee goes to the sequencer fee wallet");
        assertEq(address(l2Bridge).balance, 0);
        assertEq(l2Metis.totalSupply(), METIS_GENESIS_L2_SUPPLY - 10 ether);

        relayToL1(0);
        assertEq(l1Metis.balanceOf(aliceL1), 10 ether);
    }

    function test_withdrawTo_feeRule() public {
        fundL2(alice, 20 ether);
        vm.startPrank(alice);
        vm.expectRevert(bytes("insufficient withdrawal fee supplied. need at least 1000000000000000000"));
        l2Bridge.withdrawTo{value: 1 ether - 1}(L2_METIS, aliceL1, 1 ether, 0, "");
        l2Bridge.withdrawTo{value: 2 ether}(L2_METIS, aliceL1, 1 ether, 0, "");
        vm.stopPrank();
        assertEq(FEE_WALLET.balance, 2 ether, "all of msg.value is the fee");
        assertEq(alice.balance, 17 ether);
        vm.prank(metisAdmin);
        gasPriceOracle.setMinErc20BridgeCost(0);
        vm.prank(alice);
        l2Bridge.withdrawTo(L2_METIS, aliceL1, 1 ether, 0, "");
        assertEq(alice.balance, 16 ether);
    }

    function test_withdrawTo_theFeeWalletPaysNoFee() public {
        fundL2(FEE_WALLET, 5 ether);
        vm.prank(FEE_WALLET);
        l2Bridge.withdrawTo(L2_METIS, aliceL1, 5 ether, 0, "");
        assertEq(FEE_WALLET.balance, 0);
    }

    function test_withdrawTo_cannotBurnMoreThanIsLeftAfterTheFee() public {
        fundL2(alice, 5 ether);
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InsufficientBalance.selector, alice, 4 ether, 5 ether));
        vm.prank(alice);
        l2Bridge.withdrawTo{value: 1 ether}(L2_METIS, aliceL1, 5 ether, 0, "");
        assertEq(alice.balance, 5 ether);
    }

    function test_withdrawTo_onlyMetis() public {
        fundL2(alice, 2 ether);
        vm.expectRevert(abi.encodeWithSelector(L2StandardBridgeModel.L2BridgeModelOnlyMetis.selector, stranger));
        vm.prank(alice);
        l2Bridge.withdrawTo{value: 1 ether}(stranger, aliceL1, 1 ether, 0, "");
    }

    function test_withdraw_toTheSameAddressOnL1() public {
        fundL2(alice, 3 ether);
        vm.prank(alice);
        l2Bridge.withdraw{value: 1 ether}(L2_METIS, 2 ether, 0, "");
        relayAllToL1();
        assertEq(l1Metis.balanceOf(alice), 2 ether);
    }

    function test_finalizeDeposit_onlyFromTheL1BridgeThroughTheMessenger() public {
        vm.expectRevert(bytes("OVM_XCHAIN: messenger contract unauthenticated"));
        vm.prank(stranger);
        l2Bridge.finalizeDeposit(address(0), L2_METIS, stranger, stranger, 1 ether, "");
        vm.expectRevert(bytes("xDomainMessageSender is not set"));
        vm.prank(address(l2Messenger));
        l2Bridge.finalizeDeposit(address(0), L2_METIS, stranger, stranger, 1 ether, "");
        assertEq(stranger.balance, 0);
    }

    function test_finalizeDeposit_refusesAnotherL1Sender() public {
        address forger = makeAddr("forger.l1");
        allowL1ToL2Sender(forger);
        fundEth(forger, 1 ether);
        bytes memory message = abi.encodeCall(
            IL2StandardBridge.finalizeDeposit, (address(0), L2_METIS, forger, forger, 1_000 ether, bytes(""))
        );
        uint256 index = l1ToL2Count();
        vm.prank(forger);
        l1Messenger.sendMessageViaChainId{value: 200_000 gwei}(1088, address(l2Bridge), message, 0);
        assertTrue(!relayToL2(index), "delivered, but the bridge refused it");
        assertEq(forger.balance, 1 ether - 200_000 gwei, "no METIS minted");
    }

    function test_finalizeDeposit_mismatchedTokenEmitsDepositFailed() public {
        vm.mockCall(
            address(l2Messenger), abi.encodeWithSignature("xDomainMessageSender()"), abi.encode(address(l1Bridge))
        );
        vm.startPrank(address(l2Messenger));
        vm.expectEmit(address(l2Bridge));
        emit L2StandardBridgeModel.DepositFailed(address(l1Metis), L2_METIS, alice, alice, 1 ether, "");
        l2Bridge.finalizeDeposit(address(l1Metis), L2_METIS, alice, alice, 1 ether, ""); // METIS's l1Token() is 0
        vm.expectEmit(address(l2Bridge));
        emit L2StandardBridgeModel.DepositFailed(address(0), stranger, alice, alice, 1 ether, "");
        l2Bridge.finalizeDeposit(address(0), stranger, alice, alice, 1 ether, ""); // not an IL2StandardERC20
        vm.expectEmit(address(l2Bridge));
        emit IL2StandardBridge.DepositFinalized(address(0), L2_METIS, alice, alice, 1 ether, "");
        l2Bridge.finalizeDeposit(address(0), L2_METIS, alice, alice, 1 ether, "");
        vm.stopPrank();
        vm.clearMockedCalls();
        assertEq(alice.balance, 1 ether);
    }

    function test_finalizeDeposit_isABareMintWithNoCallback() public {
        NoReceive vault = new NoReceive();
        fundL1(aliceL1, 7 ether);
        fundEth(aliceL1, 1 ether);
        vm.startPrank(aliceL1);
        l1Metis.approve(address(l1Bridge), 7 ether);
        l1Bridge.depositERC20ToByChainId{value: 200_000 gwei}(
            1088, address(l1Metis), L2_METIS, address(vault), 7 ether, 0, ""
        );
        vm.stopPrank();
        assertTrue(relayNextToL2() > 0);
        assertEq(address(vault).balance, 7 ether);
        assertEq(l2Metis.balanceOf(address(vault)), 7 ether);
    }
}
