// SPDX-License-Identifier: MIT
pragma solidity 0.8.23;

import {Initializable} from "@openzeppelin/contracts/proxy/utils/Initializable.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {MetisNetwork} from "../../utils/MetisNetwork.sol";
import {IL1CrossDomainMessenger} from "../../../src/interfaces/metis/ICrossDomainMessengers.sol";
import {IL1StandardBridge} from "../../../src/interfaces/metis/IL1StandardBridge.sol";
import {IL2StandardBridge} from "../../../src/interfaces/metis/IL2StandardBridge.sol";
import {MetisAddresses} from "../../../src/interfaces/metis/MetisAddresses.sol";
import {DevMetis} from "../../../src/network/DevMetis.sol";
import {L1StandardBridgeModel} from "../../../src/network/bridge/L1StandardBridgeModel.sol";

/// @notice A contract depositor (the bridge does not require an EOA).
contract Depositor {
    function deposit(L1StandardBridgeModel bridge, DevMetis metis, address to, uint256 amount) external payable {
        metis.approve(address(bridge), amount);
        bridge.depositERC20ToByChainId{value: msg.value}(1088, address(metis), address(0), to, amount, 0, "");
    }
}

contract L1StandardBridgeModelTest is MetisNetwork {
    address internal alice = makeAddr("alice");
    address internal bobL2 = makeAddr("bob.l2");
    address internal stranger = makeAddr("stranger");
    address internal constant L2_METIS = MetisAddresses.L2_METIS;

    function setUp() public {
        deployMetisNetwork(metisMainnetLike());
    }

    function _fund(address who, uint256 amount, uint256 eth) internal {
        fundL1(who, amount);
        fundEth(who, eth);
        vm.prank(who);
        l1Metis.approve(address(l1Bridge), amount);
    }

    function test_views() public {
        assertEq(l1Bridge.messenger(), address(l1Messenger));
        assertEq(l1Bridge.l2TokenBridge(), address(l2Bridge));
        assertEq(l1Bridge.metis(), address(l1Metis));
        assertEq(l1Bridge.addressmgr(), address(addressManager));
        vm.expectRevert(Initializable.InvalidInitialization.selector);
        l1Bridge.initialize(address(1), address(2), address(3), address(4));
    }

    function test_deposit_feeRule() public {
        _fund(alice, 10 ether, 1 ether);
        vm.startPrank(alice);
        // l2Gas below the minimum is raised to 200,000: the fee is 200,000 x 1 gwei
        vm.expectRevert(bytes("insufficient fee supplied. send at least 200000000000000"));
        l1Bridge.depositERC20ToByChainId{value: 200_000 gwei - 1}(
            1088, address(l1Metis), L2_METIS, bobL2, 1 ether, 0, ""
        );
        // above the minimum the fee follows l2Gas
        vm.expectRevert(bytes("insufficient fee supplied. send at least 500000000000000"));
        l1Bridge.depositERC20ToByChainId{value: 499_999 gwei}(
            1088, address(l1Metis), L2_METIS, bobL2, 1 ether, 500_000, ""
        );
        l1Bridge.depositERC20ToByChainId{value: 500_000 gwei}(
            1088, address(l1Metis), L2_METIS, bobL2, 1 ether, 500_000, ""
        );
        vm.stopPrank();
        assertEq(l1Metis.balanceOf(alice), 9 ether);
    }

    function test_deposit_forwardsAllTheEthAndQueuesFinalizeDeposit() public {
        _fund(alice, 10 ether, 1 ether);
        uint256 sequencerBefore = metisL1FeeRecipient.balance;
        uint256 nonce = l1Messenger.getQueueLengthByChainId(1088);
        bytes memory expected = abi.encodeCall(
            IL2StandardBridge.finalizeDeposit, (address(0), L2_METIS, alice, bobL2, 3 ether, bytes("hi"))
        );
        vm.expectEmit(address(l1Messenger));
        emit IL1CrossDomainMessenger.SentMessage(address(l2Bridge), address(l1Bridge), expected, nonce, 200_000, 1088);
        vm.expectEmit(address(l1Bridge));
        emit IL1StandardBridge.ERC20ChainID(1088);
        vm.expectEmit(address(l1Bridge));
        emit IL1StandardBridge.ERC20DepositInitiated(address(l1Metis), L2_METIS, alice, bobL2, 3 ether, "hi");
        vm.prank(alice);
        // a bogus l2Token: METIS always goes to 0xDead...0000
        l1Bridge.depositERC20ToByChainId{value: 0.5 ether}(1088, address(l1Metis), stranger, bobL2, 3 ether, 1, "hi");

        assertEq(metisL1FeeRecipient.balance, sequencerBefore + 0.5 ether, "no refund: all of msg.value is the fee");
        assertEq(address(l1Bridge).balance, 0);
        assertEq(l1Metis.balanceOf(address(l1Bridge)), METIS_GENESIS_L2_SUPPLY + 3 ether);
        assertEq(l1Bridge.deposits(address(l1Metis), 1088, L2_METIS), METIS_GENESIS_L2_SUPPLY + 3 ether);
        assertEq(l1Bridge.deposits(address(l1Metis), 1088, stranger), 0);

        vm.expectEmit(address(l2Bridge));
        emit IL2StandardBridge.DepositFinalized(address(0), L2_METIS, alice, bobL2, 3 ether, "hi");
        relayNextToL2();
        assertEq(bobL2.balance, 3 ether);
    }

    function testFuzz_deposit(uint256 amount, uint32 l2Gas) public {
        amount = bound(amount, 0, 1_000_000 ether);
        uint256 fee = uint256(l2Gas < 200_000 ? 200_000 : l2Gas) * 1 gwei;
        _fund(alice, amount, fee);
        vm.prank(alice);
        l1Bridge.depositERC20ToByChainId{value: fee}(1088, address(l1Metis), L2_METIS, bobL2, amount, l2Gas, "");
        relayAllToL2();
        assertEq(bobL2.balance, amount);
        assertEq(l2Metis.balanceOf(bobL2), amount);
    }

    function test_deposit_onlyMetis() public {
        DevMetis other = new DevMetis(address(this));
        other.mint(alice, 1 ether);
        vm.prank(alice);
        other.approve(address(l1Bridge), 1 ether);
        fundEth(alice, 1 ether);
        vm.expectRevert(abi.encodeWithSelector(L1StandardBridgeModel.L1BridgeModelOnlyMetis.selector, address(other)));
        vm.prank(alice);
        l1Bridge.depositERC20ToByChainId{value: 1 ether}(1088, address(other), L2_METIS, bobL2, 1 ether, 0, "");
    }

    function test_deposit_needsTheAllowance() public {
        fundL1(alice, 1 ether);
        fundEth(alice, 1 ether);
        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientAllowance.selector, address(l1Bridge), 0, 1 ether)
        );
        vm.prank(alice);
        l1Bridge.depositERC20ToByChainId{value: 1 ether}(1088, address(l1Metis), L2_METIS, bobL2, 1 ether, 0, "");
    }

    function test_deposit_needsTheBridgeOnTheOracleWhitelist() public {
        vm.prank(metisAdmin);
        discountOracle.setWhitelistedXDomainSender(address(l1Bridge), false);
        _fund(alice, 1 ether, 1 ether);
        vm.expectRevert(bytes("sender is not whitelisted"));
        vm.prank(alice);
        l1Bridge.depositERC20ToByChainId{value: 1 ether}(1088, address(l1Metis), L2_METIS, bobL2, 1 ether, 0, "");
        assertEq(l1Metis.balanceOf(alice), 1 ether);
    }

    function test_deposit_byAContract() public {
        Depositor depositor = new Depositor();
        fundL1(address(depositor), 2 ether);
        fundEth(address(this), 1 ether);
        depositor.deposit{value: 200_000 gwei}(l1Bridge, l1Metis, bobL2, 2 ether);
        relayAllToL2();
        assertEq(bobL2.balance, 2 ether);
    }

    function test_finalizeMetisWithdrawal_onlyFromTheL2BridgeThroughTheMessenger() public {
        vm.expectRevert(bytes("OVM_XCHAIN: messenger contract unauthenticated"));
        vm.prank(stranger);
        l1Bridge.finalizeMetisWithdrawalByChainId(1088, stranger, stranger, 1 ether, "");
        vm.expectRevert(bytes("xDomainMessageSender is not set"));
        vm.prank(address(l1Messenger));
        l1Bridge.finalizeMetisWithdrawalByChainId(1088, stranger, stranger, 1 ether, "");
        assertEq(l1Metis.balanceOf(stranger), 0);
    }

    function test_finalizeMetisWithdrawal_refusesAnotherL2Sender() public {
        // a whitelisted L2 contract (not the bridge) forges a withdrawal message
        address forger = makeAddr("forger.l2");
        allowL2ToL1Sender(forger);
        bytes memory message = abi.encodeCall(
            IL1StandardBridge.finalizeMetisWithdrawalByChainId, (1088, forger, forger, 1_000 ether, bytes(""))
        );
        uint256 index = l2ToL1Count();
        vm.prank(forger);
        l2Messenger.sendMessage(address(l1Bridge), message, 0);
        assertTrue(!relayToL1(index), "relayed, but the bridge refused it");
        assertEq(l1Metis.balanceOf(forger), 0);
        assertEq(l1Bridge.deposits(address(l1Metis), 1088, L2_METIS), METIS_GENESIS_L2_SUPPLY);
    }

    function test_finalizeMetisWithdrawal_releasesL1MetisAndCountsDeposits() public {
        vm.mockCall(
            address(l1Messenger), abi.encodeWithSignature("xDomainMessageSender()"), abi.encode(address(l2Bridge))
        );
        vm.expectEmit(address(l1Bridge));
        emit IL1StandardBridge.ERC20ChainID(1088);
        vm.expectEmit(address(l1Bridge));
        emit IL1StandardBridge.ERC20WithdrawalFinalized(address(l1Metis), L2_METIS, alice, stranger, 5 ether, "x");
        vm.prank(address(l1Messenger));
        l1Bridge.finalizeMetisWithdrawalByChainId(1088, alice, stranger, 5 ether, "x");
        assertEq(l1Metis.balanceOf(stranger), 5 ether);
        assertEq(l1Bridge.deposits(address(l1Metis), 1088, L2_METIS), METIS_GENESIS_L2_SUPPLY - 5 ether);

        // more than the chain ever deposited: Metis's checked subtraction panics
        vm.expectRevert(abi.encodeWithSignature("Panic(uint256)", 0x11));
        vm.prank(address(l1Messenger));
        l1Bridge.finalizeMetisWithdrawalByChainId(59902, alice, stranger, 1, "");
        vm.clearMockedCalls();
    }
}

contract L1StandardBridgeModelSepoliaTest is MetisNetwork {
    function setUp() public {
        deployMetisNetwork(metisSepoliaLike());
    }

    function test_deposit_withoutEth() public {
        address alice = makeAddr("alice");
        fundL1(alice, 1 ether);
        vm.startPrank(alice);
        l1Metis.approve(address(l1Bridge), 1 ether);
        l1Bridge.depositERC20ToByChainId(59902, address(l1Metis), MetisAddresses.L2_METIS, alice, 1 ether, 0, "");
        vm.stopPrank();
        relayAllToL2();
        assertEq(alice.balance, 1 ether);
    }
}
