// SPDX-License-Identifier: MIT
pragma solidity 0.8.23;

import {MetisNetwork} from "../../utils/MetisNetwork.sol";
import {MetisAddresses} from "../../../src/interfaces/metis/MetisAddresses.sol";
import {L2CrossDomainMessengerModel} from "../../../src/network/bridge/L2CrossDomainMessengerModel.sol";

/// @notice The harness end to end: deposits, withdrawals after the fraud window, and seat rewards bridged to L2.
contract MetisNetworkMainnetTest is MetisNetwork {
    address internal alice = makeAddr("alice");
    address internal bobL2 = makeAddr("bob.l2");
    address internal operator = makeAddr("operator");
    address internal rewardRecipient = makeAddr("rewardRecipient.l2");

    function setUp() public {
        deployMetisNetwork(metisMainnetLike());
    }

    function test_predeploysSitAtMetisAddresses() public view {
        assertEq(address(l2Metis), MetisAddresses.L2_METIS);
        assertEq(address(l2Messenger), MetisAddresses.L2_CROSS_DOMAIN_MESSENGER);
        assertEq(address(l2Bridge), MetisAddresses.L2_STANDARD_BRIDGE);
        assertEq(address(gasPriceOracle), MetisAddresses.OVM_GAS_PRICE_ORACLE);
        assertEq(block.chainid, 1088);
        assertEq(l2Messenger.l1CrossDomainMessenger(), address(l1Messenger));
        assertEq(l2Bridge.l1TokenBridge(), address(l1Bridge));
        assertEq(l1Bridge.l2TokenBridge(), address(l2Bridge));
        assertEq(lockingPool.escrow(), address(lockingInfo));
        assertEq(lockingInfo.manager(), address(lockingPool));
        assertEq(lockingPool.mpcAddress(), metisMpc);
        assertTrue(lockingPool.bftRestriction());
    }

    function test_genesisSupplyIsBridgeBacked() public view {
        assertEq(metisGenesisHolder.balance, METIS_GENESIS_L2_SUPPLY);
        assertEq(l2Metis.balanceOf(metisGenesisHolder), METIS_GENESIS_L2_SUPPLY);
        assertEq(l1Metis.balanceOf(address(l1Bridge)), METIS_GENESIS_L2_SUPPLY);
        assertEq(l1Bridge.deposits(address(l1Metis), 1088, MetisAddresses.L2_METIS), METIS_GENESIS_L2_SUPPLY);
    }

    function test_depositArrivesAsNativeMetisOnL2() public {
        fundL1(alice, 1_000 ether);
        uint256 fee = l1ToL2Fee(0);
        assertEq(fee, 200_000 gwei);
        fundEth(alice, fee);
        vm.startPrank(alice);
        l1Metis.approve(address(l1Bridge), 1_000 ether);
        l1Bridge.depositERC20ToByChainId{value: fee}(
            1088, address(l1Metis), MetisAddresses.L2_METIS, bobL2, 1_000 ether, 0, ""
        );
        vm.stopPrank();
        assertEq(metisL1FeeRecipient.balance, fee + fee, "genesis fee + this fee reach the L1 sequencer");
        assertEq(bobL2.balance, 0, "nothing before the relay");

        assertEq(relayNextToL2(), 1);
        assertEq(bobL2.balance, 1_000 ether, "native METIS");
        assertEq(l2Metis.balanceOf(bobL2), 1_000 ether, "same balance on the ERC-20 face");
    }

    function test_withdrawToArrivesOnL1OnlyAfterTheWindowAndAProof() public {
        fundL2(alice, 101 ether);
        uint256 fee = l2ToL1Fee();
        vm.prank(alice);
        l2Bridge.withdrawTo{value: fee}(MetisAddresses.L2_METIS, alice, 100 ether, 0, "");
        assertEq(alice.balance, 0, "fee and amount left the one balance");
        assertEq(MetisAddresses.SEQUENCER_FEE_WALLET.balance, fee);

        assertEq(commitL2Messages(), 1);
        syncMessages();
        vm.expectRevert(bytes("Provided message could not be verified."));
        relayToL1Early(0);
        vm.warp(block.timestamp + 7 days - 1);
        syncMessages();
        vm.expectRevert(bytes("Provided message could not be verified."));
        relayToL1Early(0);
        assertEq(l1Metis.balanceOf(alice), 0);

        assertTrue(relayToL1(0));
        assertEq(l1Metis.balanceOf(alice), 100 ether);
        syncMessages();
        vm.expectRevert(bytes("Provided message has already been received."));
        replayToL1(0);
    }

    function test_seatRewardReachesL2RecipientThroughTheBridge() public {
        (uint256 seqId, address signer) = lockSeat(operator, 20_000 ether, rewardRecipient, "seat-1");
        submitRewards(signer, 1_000);
        uint256 reward = 1_000 * 761_000 gwei;
        assertEq(seat(seqId).reward, reward);

        uint256 fee = l1ToL2Fee(METIS_DEFAULT_L2_GAS);
        fundEth(operator, fee);
        vm.prank(operator);
        lockingPool.withdrawRewards{value: fee}(seqId, METIS_DEFAULT_L2_GAS);
        assertEq(rewardRecipient.balance, 0);
        relayAllToL2();
        assertEq(rewardRecipient.balance, reward, "bare mint of native METIS to the L2 recipient");
        assertEq(lockingInfo.totalRewardsLiquidated(), reward);
    }
}

/// @notice A contract that sends a message and then reverts: its log must not become a queued message.
contract RevertingSender {
    function sendAndRevert(address messenger, address target) external {
        (bool ok,) = messenger.call(
            abi.encodeWithSignature("sendMessageViaChainId(uint256,address,bytes,uint32)", 59902, target, "", 0)
        );
        require(ok, "send failed");
        revert("and then revert");
    }
}

/// @notice The harness on a Sepolia-like network, and its relayer's own guarantees.
contract MetisNetworkSepoliaTest is MetisNetwork {
    address internal alice = makeAddr("alice");

    function setUp() public {
        deployMetisNetwork(metisSepoliaLike());
    }

    function test_variant() public view {
        assertEq(block.chainid, 59902);
        assertEq(discountOracle.getDiscount(), 0);
        assertEq(gasPriceOracle.minErc20BridgeCost(), 0);
        assertFalse(lockingPool.bftRestriction());
        assertEq(scc.FRAUD_PROOF_WINDOW(), 7 days);
    }

    function test_relayer_outOfOrderAndReplayRefused() public {
        fundL1(alice, 3 ether);
        vm.startPrank(alice);
        l1Metis.approve(address(l1Bridge), 3 ether);
        for (uint256 i = 0; i < 3; i++) {
            l1Bridge.depositERC20ToByChainId(59902, address(l1Metis), MetisAddresses.L2_METIS, alice, 1 ether, 0, "");
        }
        vm.stopPrank();
        assertEq(l1ToL2Count(), 4);
        vm.expectRevert(abi.encodeWithSelector(L2CrossDomainMessengerModel.L2MessengerOutOfOrder.selector, 3, 1));
        relayToL2(3);
        assertTrue(relayToL2(1));
        vm.expectRevert(bytes("Provided message has already been received."));
        replayToL2(1);
        assertEq(relayAllToL2(), 2);
        assertEq(alice.balance, 3 ether);
    }

    function test_relayer_dropsLogsOfRevertedCalls() public {
        RevertingSender sender = new RevertingSender();
        allowL1ToL2Sender(address(sender));
        uint256 before = l1ToL2Count();
        vm.expectRevert(bytes("and then revert"));
        sender.sendAndRevert(address(l1Messenger), alice);
        assertEq(l1ToL2Count(), before, "the reverted send is not a message");
    }

    function test_relayAllToL1_waitsOutTheWindow() public {
        fundL2(alice, 4 ether);
        vm.startPrank(alice);
        l2Bridge.withdraw(MetisAddresses.L2_METIS, 1 ether, 0, "");
        l2Bridge.withdraw(MetisAddresses.L2_METIS, 2 ether, 0, "");
        vm.stopPrank();
        uint256 start = block.timestamp;
        assertEq(relayAllToL1(), 2);
        assertGe(block.timestamp, start + 7 days);
        assertEq(l1Metis.balanceOf(alice), 3 ether);
        assertEq(alice.balance, 1 ether);
    }
}
