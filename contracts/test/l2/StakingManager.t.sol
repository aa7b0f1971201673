// SPDX-License-Identifier: MIT
pragma solidity 0.8.23;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {ProtocolFixture} from "../utils/ProtocolFixture.sol";
import {MetisAddresses} from "../../src/interfaces/metis/MetisAddresses.sol";
import {IStakingManager} from "../../src/interfaces/IStakingManager.sol";
import {IL1ReportReceiver} from "../../src/interfaces/IL1ReportReceiver.sol";
import {L1Report} from "../../src/interfaces/L1Report.sol";
import {StakingManager} from "../../src/l2/StakingManager.sol";
import {RewardReceiver} from "../../src/l2/RewardReceiver.sol";

/// @notice Unit tests of the L2 StakingManager on the two-chain fixture. Real: every protocol contract, the chain
/// (forge's EVM). Models (real signatures and rules): Metis's METIS at 0xDead…0000 with one balance and two faces,
/// the L2 bridge and messenger at their predeploy addresses, and the L1 side.
contract StakingManagerTest is ProtocolFixture {
    // ================================================================= deployment

    function test_constructor_revertsOnZeroAddresses() public {
        vm.expectRevert(IStakingManager.ManagerZeroAddress.selector);
        new StakingManager(
            address(0), MetisAddresses.L2_STANDARD_BRIDGE, MetisAddresses.L2_CROSS_DOMAIN_MESSENGER, admin
        );
        vm.expectRevert(IStakingManager.ManagerZeroAddress.selector);
        new StakingManager(MetisAddresses.L2_METIS, address(0), MetisAddresses.L2_CROSS_DOMAIN_MESSENGER, admin);
        vm.expectRevert(IStakingManager.ManagerZeroAddress.selector);
        new StakingManager(MetisAddresses.L2_METIS, MetisAddresses.L2_STANDARD_BRIDGE, address(0), admin);
        vm.expectRevert(IStakingManager.ManagerZeroAddress.selector);
        new StakingManager(
            MetisAddresses.L2_METIS,
            MetisAddresses.L2_STANDARD_BRIDGE,
            MetisAddresses.L2_CROSS_DOMAIN_MESSENGER,
            address(0)
        );
    }

    function test_constructor_deploysTokenAndReceiverBoundToIt() public view {
        assertEq(eMetis.minter(), address(manager));
        assertEq(address(rewardReceiver.manager()), address(manager));
        assertEq(address(rewardReceiver.metis()), MetisAddresses.L2_METIS);
        assertEq(manager.metis(), MetisAddresses.L2_METIS);
        (address bridge, address messenger) = manager.l2Contracts();
        assertEq(bridge, MetisAddresses.L2_STANDARD_BRIDGE);
        assertEq(messenger, MetisAddresses.L2_CROSS_DOMAIN_MESSENGER);
        assertEq(manager.l1Hub(), address(hub));
        assertEq(manager.minStake(), 0.01 ether);
    }

    function test_initialize_onlyOnceAndOnlyAdmin() public {
        vm.prank(admin);
        vm.expectRevert(IStakingManager.ManagerAlreadyInitialized.selector);
        manager.initialize(address(seMetis), address(dispatcher), address(queue), address(hub));

        StakingManager fresh = new StakingManager(
            MetisAddresses.L2_METIS, MetisAddresses.L2_STANDARD_BRIDGE, MetisAddresses.L2_CROSS_DOMAIN_MESSENGER, admin
        );
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, alice, bytes32(0))
        );
        vm.prank(alice);
        fresh.initialize(address(seMetis), address(dispatcher), address(queue), address(hub));
        vm.startPrank(admin);
        vm.expectRevert(IStakingManager.ManagerZeroAddress.selector);
        fresh.initialize(address(0), address(dispatcher), address(queue), address(hub));
        vm.expectRevert(IStakingManager.ManagerZeroAddress.selector);
        fresh.initialize(address(seMetis), address(dispatcher), address(queue), address(0));
        vm.stopPrank();
    }

    function test_uninitialized_refusesRestakeAndBridge() public {
        StakingManager fresh = new StakingManager(
            MetisAddresses.L2_METIS, MetisAddresses.L2_STANDARD_BRIDGE, MetisAddresses.L2_CROSS_DOMAIN_MESSENGER, admin
        );
        fundL2(alice, 1 ether);
        vm.prank(alice);
        vm.expectRevert(IStakingManager.ManagerNotInitialized.selector);
        fresh.stakeAndRestake{value: 1 ether}(alice, address(0));
        bytes32 role = fresh.KEEPER_ROLE();
        vm.prank(admin);
        fresh.grantRole(role, keeper);
        vm.prank(alice);
        fresh.stake{value: 1 ether}(alice, address(0));
        vm.prank(keeper);
        vm.expectRevert(IStakingManager.ManagerNotInitialized.selector);
        fresh.bridgeToL1(1 ether);
    }

    // ================================================================= native stakes

    function test_stake_mintsOneToOneAndBuffers() public {
        fundL2(alice, 5 ether);
        uint256 buffered = manager.bufferedMetis();
        vm.expectEmit(address(manager));
        emit IStakingManager.Staked(alice, bob, carol, 5 ether, 5 ether);
        vm.prank(alice);
        uint256 out = manager.stake{value: 5 ether}(bob, carol);
        assertEq(out, 5 ether);
        assertEq(eMetis.balanceOf(bob), 5 ether);
        assertEq(manager.bufferedMetis(), buffered + 5 ether);
        assertEq(alice.balance, 0);
        _assertFullyBacked();
    }

    function test_stakeAndRestake_depositsSharesForReceiver() public {
        fundL2(alice, 4 ether);
        uint256 expected = seMetis.previewDeposit(4 ether);
        vm.expectEmit(address(manager));
        emit IStakingManager.StakedAndRestaked(alice, bob, address(0), 4 ether, expected);
        vm.prank(alice);
        uint256 shares = manager.stakeAndRestake{value: 4 ether}(bob, address(0));
        assertEq(shares, expected);
        assertEq(seMetis.balanceOf(bob), shares);
        assertEq(eMetis.balanceOf(address(seMetis)), SEED_DEPOSIT + 4 ether);
        _assertFullyBacked();
    }

    function test_stake_refusesBadInputAndChangesNothing() public {
        fundL2(alice, 1 ether);
        uint256 supply = eMetis.totalSupply();
        uint256 buffered = manager.bufferedMetis();
        vm.startPrank(alice);
        vm.expectRevert(IStakingManager.ManagerZeroAmount.selector);
        manager.stake{value: 0}(alice, address(0));
        vm.expectRevert(IStakingManager.ManagerZeroAddress.selector);
        manager.stake{value: 1 ether}(address(0), address(0));
        vm.expectRevert(abi.encodeWithSelector(IStakingManager.ManagerBelowMinimum.selector, 0.001 ether, 0.01 ether));
        manager.stake{value: 0.001 ether}(alice, address(0));
        vm.expectRevert(IStakingManager.ManagerZeroAmount.selector);
        manager.stakeAndRestake{value: 0}(alice, address(0));
        vm.stopPrank();
        assertEq(eMetis.totalSupply(), supply);
        assertEq(manager.bufferedMetis(), buffered);
        assertEq(alice.balance, 1 ether);
    }

    function test_stake_refusesWhilePaused() public {
        vm.prank(pauser);
        manager.pause();
        assertTrue(manager.paused());
        fundL2(alice, 2 ether);
        vm.startPrank(alice);
        vm.expectRevert(IStakingManager.ManagerPaused.selector);
        manager.stake{value: 1 ether}(alice, address(0));
        vm.expectRevert(IStakingManager.ManagerPaused.selector);
        manager.stakeAndRestake{value: 1 ether}(alice, address(0));
        l2Metis.approve(address(manager), 1 ether);
        vm.expectRevert(IStakingManager.ManagerPaused.selector);
        manager.stakeErc20(1 ether, alice, address(0));
        vm.stopPrank();
        vm.prank(pauser);
        manager.unpause();
        vm.prank(alice);
        manager.stake{value: 1 ether}(alice, address(0));
        assertEq(eMetis.balanceOf(alice), 1 ether);
    }

    function test_pause_rolesAndDoubleCalls() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector, alice, manager.PAUSER_ROLE()
            )
        );
        vm.prank(alice);
        manager.pause();
        vm.prank(pauser);
        vm.expectRevert(IStakingManager.ManagerNotPaused.selector);
        manager.unpause();
        vm.startPrank(pauser);
        vm.expectEmit(address(manager));
        emit IStakingManager.Paused(pauser);
        manager.pause();
        vm.expectRevert(IStakingManager.ManagerPaused.selector);
        manager.pause();
        vm.expectEmit(address(manager));
        emit IStakingManager.Unpaused(pauser);
        manager.unpause();
        vm.stopPrank();
    }

    function test_setMinStake_onlyAdmin() public {
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, alice, bytes32(0))
        );
        vm.prank(alice);
        manager.setMinStake(1 ether);
        vm.expectEmit(address(manager));
        emit IStakingManager.MinStakeSet(1 ether);
        vm.prank(admin);
        manager.setMinStake(1 ether);
        assertEq(manager.minStake(), 1 ether);
        fundL2(alice, 0.5 ether);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IStakingManager.ManagerBelowMinimum.selector, 0.5 ether, 1 ether));
        manager.stake{value: 0.5 ether}(alice, address(0));
    }

    function testFuzz_stake_anyAmountMintsOneToOne(uint96 seed) public {
        uint256 amount = 0.01 ether + uint256(seed) % 10_000_000 ether; // up to the whole METIS supply
        uint256 out = _stake(alice, amount);
        assertEq(out, amount);
        _assertFullyBacked();
    }

    // ================================================================= the ERC-20 face

    function test_stakeErc20_pullsThroughTheFace() public {
        fundL2(alice, 3 ether);
        vm.startPrank(alice);
        l2Metis.approve(address(manager), 3 ether);
        uint256 out = manager.stakeErc20(3 ether, alice, address(0));
        vm.stopPrank();
        assertEq(out, 3 ether);
        assertEq(l2Metis.allowance(alice, address(manager)), 0);
        assertEq(alice.balance, 0, "one balance: the face transfer took the native coins");
        _assertFullyBacked();
    }

    function test_stakeErc20_needsAllowanceAndChangesNothingWithout() public {
        fundL2(alice, 3 ether);
        uint256 supply = eMetis.totalSupply();
        vm.prank(alice);
        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientAllowance.selector, address(manager), 0, 3 ether)
        );
        manager.stakeErc20(3 ether, alice, address(0));
        assertEq(eMetis.totalSupply(), supply);
        assertEq(alice.balance, 3 ether);
    }

    function test_stakeErc20AndRestake_depositsShares() public {
        fundL2(alice, 3 ether);
        vm.startPrank(alice);
        l2Metis.approve(address(manager), 3 ether);
        uint256 shares = manager.stakeErc20AndRestake(3 ether, alice, address(0));
        vm.stopPrank();
        assertEq(seMetis.balanceOf(alice), shares);
        assertApproxEqAbs(seMetis.convertToAssets(shares), 3 ether, 1); // rounded down in the vault's favour
        _assertFullyBacked();
    }

    /// @notice One balance, two faces: after native and ERC-20-face stakes the manager's native balance, its ERC-20
    /// balance and its buffer are the same number: nothing is counted twice.
    function test_oneBalanceTwoFaces_neverCountedTwice() public {
        _stake(alice, 10 ether);
        _stakeErc20(bob, 7 ether);
        _stakeAndRestake(carol, 5 ether);
        uint256 buffered = manager.bufferedMetis();
        assertEq(address(manager).balance, buffered, "native face");
        assertEq(l2Metis.balanceOf(address(manager)), buffered, "ERC-20 face");
        assertEq(manager.totalBacking(), buffered, "backing counts it once");
        assertEq(eMetis.totalSupply(), buffered);
        // a donation through either face is not backing (the manager cannot tell it from unannounced principal)
        fundL2(address(this), 2 ether);
        l2Metis.transfer(address(manager), 1 ether);
        (bool ok,) = address(manager).call{value: 1 ether}("");
        assertFalse(ok, "no receive(): a plain native send is refused");
        assertEq(manager.totalBacking(), buffered, "a donation does not move the backing");
        assertEq(address(manager).balance, buffered + 1 ether);
    }

    // ================================================================= bridging to L1

    function test_bridgeToL1_burnsAmountOnTopOfFeeAndKeepsBacking() public {
        _stake(alice, 30_000 ether);
        uint256 buffered = manager.bufferedMetis();
        uint256 fee = l2ToL1Fee();
        assertEq(fee, 1 ether);
        fundL2(keeper, fee);
        uint256 feeWallet = MetisAddresses.SEQUENCER_FEE_WALLET.balance;
        vm.expectEmit(address(manager));
        emit IStakingManager.BridgedToL1(25_000 ether, fee, 25_000 ether);
        vm.prank(keeper);
        manager.bridgeToL1{value: fee}(25_000 ether);
        assertEq(manager.bufferedMetis(), buffered - 25_000 ether);
        assertEq(address(manager).balance, buffered - 25_000 ether, "amount burned");
        assertEq(MetisAddresses.SEQUENCER_FEE_WALLET.balance - feeWallet, fee, "fee paid by the keeper");
        (uint256 bridged, uint256 credited) = manager.bridgeTotals();
        assertEq(bridged, 25_000 ether);
        assertEq(credited, 0);
        _assertFullyBacked();
        // the message is the L2 bridge's withdrawal to the hub
        L2ToL1Message memory m = l2ToL1Message(0);
        assertEq(m.target, address(l1Bridge));
        assertEq(m.sender, MetisAddresses.L2_STANDARD_BRIDGE);
    }

    function test_bridgeToL1_refusesAndChangesNothing() public {
        _stake(alice, 100 ether);
        uint256 buffered = manager.bufferedMetis();
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector, alice, manager.KEEPER_ROLE()
            )
        );
        vm.prank(alice);
        manager.bridgeToL1(1 ether);
        vm.startPrank(keeper);
        vm.expectRevert(IStakingManager.ManagerZeroAmount.selector);
        manager.bridgeToL1(0);
        vm.expectRevert(
            abi.encodeWithSelector(IStakingManager.ManagerBridgeExceedsAvailable.selector, buffered + 1, buffered)
        );
        manager.bridgeToL1(buffered + 1);
        vm.expectRevert(bytes("insufficient withdrawal fee supplied. need at least 1000000000000000000"));
        manager.bridgeToL1{value: 0}(1 ether);
        vm.stopPrank();
        assertEq(manager.bufferedMetis(), buffered);
        (uint256 bridged,) = manager.bridgeTotals();
        assertEq(bridged, 0);
    }

    function test_bridgeToL1_neverTakesWhatQueuedTicketsNeed() public {
        _stake(alice, 100 ether);
        _request(alice, 60 ether);
        uint256 available = manager.bridgeable();
        assertEq(available, manager.bufferedMetis() - 60 ether);
        uint256 fee = l2ToL1Fee();
        fundL2(keeper, fee);
        vm.prank(keeper);
        vm.expectRevert(
            abi.encodeWithSelector(IStakingManager.ManagerBridgeExceedsAvailable.selector, available + 1, available)
        );
        manager.bridgeToL1{value: fee}(available + 1);
        vm.prank(keeper);
        manager.bridgeToL1{value: fee}(available);
        _fundRedemptions(1);
        vm.prank(alice);
        assertEq(queue.claim(1, alice), 60 ether);
    }

    // ================================================================= reports

    function test_receiveReport_refusesDirectCalls() public {
        L1Report memory r;
        r.nonce = 1;
        vm.expectRevert(abi.encodeWithSelector(IStakingManager.ManagerUnauthorizedReport.selector, alice));
        vm.prank(alice);
        manager.receiveReport(r);
        // the messenger itself, outside a relay (its xDomainMessageSender is not set)
        vm.expectRevert(bytes("xDomainMessageSender is not set"));
        vm.prank(MetisAddresses.L2_CROSS_DOMAIN_MESSENGER);
        manager.receiveReport(r);
    }

    /// @notice A report relayed from another L1 contract (an unknown origin, even one Metis whitelisted) fails in the
    /// messenger and changes nothing.
    function test_receiveReport_refusesOtherL1Senders() public {
        address rogue = makeAddr("rogue L1 contract");
        allowL1ToL2Sender(rogue);
        L1Report memory r = hub.buildReport();
        r.shortfall = 0;
        r.sentToL2 = 1_000 ether;
        fundEth(rogue, 1 ether);
        uint256 fee = l1ToL2Fee(400_000);
        vm.prank(rogue);
        l1Messenger.sendMessageViaChainId{value: fee}(
            metisConfig.l2ChainId, address(manager), abi.encodeCall(IL1ReportReceiver.receiveReport, (r)), 400_000
        );
        assertFalse(_deliverNextToL2(), "the relayed call failed");
        assertEq(manager.lastReport().nonce, 0);
        assertEq(manager.pendingPrincipal(), 0);
    }

    function test_receiveReport_appliesFiguresAndEmits() public {
        uint256 seat = _stakeIntoNewSeat(alice, 40_000 ether, "n0");
        assertEq(seat, 0);
        L1Report memory r = manager.lastReport();
        assertEq(r.nonce, 1);
        assertEq(r.locked, 40_000 ether);
        assertEq(r.idle, 1 ether);
        assertEq(r.activeSeats, 1);
        assertEq(r.exitDelay, 21 days);
        assertEq(r.rewardPerBlock, RPB);
        assertEq(r.networkLocked, 40_000 ether);
        _assertFullyBacked();
    }

    /// @notice A report that failed on L2 and is retried after a newer one was applied is ignored: reports are
    /// cumulative, so nothing is lost and nothing counts twice.
    function test_receiveReport_lateRetryOfAnOlderReportIsIgnored() public {
        _stakeIntoNewSeat(alice, 40_000 ether, "n0");
        // report 2 fails on L2 (made to revert here), report 3 goes through
        vm.prank(l1Keeper);
        hub.report();
        syncMessages();
        uint256 failedIndex = metisL1ToL2Next;
        vm.mockCallRevert(address(manager), abi.encodeWithSelector(IL1ReportReceiver.receiveReport.selector), "down");
        assertFalse(_deliverNextToL2());
        vm.clearMockedCalls();
        vm.warp(block.timestamp + 1 hours);
        _report();
        assertEq(manager.lastReport().nonce, 3);
        // the retry of report 2 is ignored
        vm.expectEmit(address(manager));
        emit IStakingManager.ReportIgnored(2, 3);
        assertTrue(replayToL2(failedIndex), "the retry succeeds as a message");
        assertEq(manager.lastReport().nonce, 3, "and changes nothing");
        // a second replay is refused by Metis's messenger
        syncMessages();
        vm.expectRevert(bytes("Provided message has already been received."));
        replayToL2(failedIndex);
    }

    function test_receiveReport_outOfOrderFirstDeliveryRefusedByMessenger() public {
        _stakeIntoNewSeat(alice, 40_000 ether, "n0");
        vm.startPrank(l1Keeper);
        hub.report();
        vm.warp(block.timestamp + 1);
        hub.report();
        vm.stopPrank();
        syncMessages();
        uint256 next = metisL1ToL2Next;
        vm.expectRevert();
        relayToL2(next + 1);
        relayAllToL2();
        assertEq(manager.lastReport().nonce, 3);
    }

    // ================================================================= principal coming back

    function test_principal_creditedOnlyAfterArrivalAndOnlyWhatWasAnnounced() public {
        uint256 seat = _stakeIntoNewSeat(alice, 40_000 ether, "n0");
        submitRewards(seatSigner[seat], 1);
        vm.startPrank(l1Keeper);
        hub.withdrawFromSeat(seat, 5_000 ether);
        hub.returnToL2(5_000 ether);
        vm.stopPrank();
        uint256 buffered = manager.bufferedMetis();
        // the report arrives first: announced, not yet here
        relayNextToL2();
        assertEq(manager.pendingPrincipal(), 5_000 ether);
        assertEq(manager.creditPrincipal(), 0, "nothing arrived yet");
        _assertFullyBacked();
        // a donation meanwhile is not mistaken for more than was announced
        fundL2(address(this), 10_000 ether);
        l2Metis.transfer(address(manager), 10_000 ether);
        relayNextToL2(); // the deposit
        vm.expectEmit(address(manager));
        emit IStakingManager.PrincipalCredited(5_000 ether, 5_000 ether);
        assertEq(manager.creditPrincipal(), 5_000 ether);
        assertEq(manager.bufferedMetis(), buffered + 5_000 ether);
        assertEq(manager.pendingPrincipal(), 0);
        assertEq(manager.creditPrincipal(), 0, "the donation stays unaccounted");
        assertEq(manager.totalBacking(), eMetis.totalSupply());
    }

    // ================================================================= rewards

    function test_mintRewards_onlyFromTheReceiverAndOnlyWhatArrived() public {
        vm.expectRevert(abi.encodeWithSelector(IStakingManager.ManagerOnlyRewardReceiver.selector, alice));
        vm.prank(alice);
        manager.mintRewards(1 ether);
        vm.startPrank(address(rewardReceiver));
        vm.expectRevert(IStakingManager.ManagerZeroAmount.selector);
        manager.mintRewards(0);
        vm.expectRevert(abi.encodeWithSelector(IStakingManager.ManagerRewardsNotArrived.selector, 1 ether, 0));
        manager.mintRewards(1 ether);
        vm.stopPrank();
    }

    function test_harvest_mintsRewardsToDispatcherWithFee() public {
        uint256 seat = _stakeIntoNewSeat(alice, 40_000 ether, "n0");
        uint256 rewards = _rewardSeat(seat, 20_000);
        _withdrawRewards(seat);
        assertEq(rewardReceiver.pendingRewards(), rewards);
        uint256 vaultAssets = seMetis.totalAssets() + seMetis.unvestedRewards();
        vm.expectEmit(address(rewardReceiver));
        emit RewardReceiver.Harvested(address(this), rewards);
        vm.expectEmit(address(manager));
        emit IStakingManager.RewardsMinted(rewards, rewards, rewards / 10, rewards - rewards / 10);
        assertEq(_harvest(), rewards);
        assertEq(rewardReceiver.pendingRewards(), 0);
        assertEq(eMetis.balanceOf(treasury), rewards / 10);
        assertEq(seMetis.totalAssets() + seMetis.unvestedRewards(), vaultAssets + rewards - rewards / 10);
        _assertFullyBacked();
        vm.expectRevert(RewardReceiver.ReceiverNothingToHarvest.selector);
        rewardReceiver.harvest();
    }

    // ================================================================= redemptions

    function test_fundRedemptions_anyoneFundsFifoFromTheBuffer() public {
        _stake(alice, 100 ether);
        _stake(bob, 50 ether);
        uint256 t1 = _request(alice, 30 ether);
        uint256 t2 = _request(bob, 20 ether);
        vm.expectEmit(address(manager));
        emit IStakingManager.RedemptionsFunded(t2, 50 ether, 50 ether, 1e18);
        vm.prank(carol);
        assertEq(manager.fundRedemptions(t2), 50 ether);
        assertEq(eMetis.balanceOf(address(queue)), 0, "the tickets' eMETIS is burned");
        vm.prank(alice);
        assertEq(queue.claim(t1, alice), 30 ether);
        assertEq(alice.balance, 30 ether);
        _assertFullyBacked();
    }

    function test_fundRedemptions_refusesWhenTheBufferIsShort() public {
        _stake(alice, 40_000 ether);
        _bridge(manager.bridgeable());
        uint256 t = _request(alice, 40_000 ether);
        uint256 buffered = manager.bufferedMetis();
        vm.expectRevert(
            abi.encodeWithSelector(IStakingManager.ManagerInsufficientBuffer.selector, 40_000 ether, buffered)
        );
        _fundRedemptions(t);
        assertEq(queue.lastFinalizedId(), 0, "nothing funded");
    }

    // ================================================================= the loss pause

    function test_lossPause_holdsStakesExitsFundingAndRewards() public {
        _stakeAndRestake(alice, 10 ether);
        _stake(bob, 10 ether);
        uint256 t = _request(bob, 5 ether);
        vm.expectEmit(address(manager));
        emit IStakingManager.LossPauseStarted(guardian, block.timestamp + 1 days);
        vm.prank(guardian);
        manager.pauseForLoss();
        uint256 until = manager.lossPauseUntil();
        assertEq(until, block.timestamp + 1 days);
        assertEq(seMetis.exitsPausedUntil(), until);

        fundL2(carol, 1 ether);
        vm.prank(carol);
        vm.expectRevert(abi.encodeWithSelector(IStakingManager.ManagerLossPaused.selector, until));
        manager.stake{value: 1 ether}(carol, address(0));
        vm.expectRevert(abi.encodeWithSelector(IStakingManager.ManagerLossPaused.selector, until));
        _fundRedemptions(t);
        assertEq(seMetis.maxRedeem(alice), 0);
        uint256 shares = seMetis.balanceOf(alice);
        vm.prank(alice);
        vm.expectRevert();
        seMetis.redeem(shares, alice, alice);
        vm.prank(guardian);
        vm.expectRevert(abi.encodeWithSelector(IStakingManager.ManagerLossPauseActive.selector, until));
        manager.pauseForLoss();

        // it expires on its own after a day at most
        vm.warp(until);
        vm.prank(carol);
        manager.stake{value: 1 ether}(carol, address(0));
        vm.prank(alice);
        seMetis.redeem(shares, alice, alice);
    }

    function test_lossPause_liftedByTheFirstReportBuiltAfterIt() public {
        _stakeIntoNewSeat(alice, 40_000 ether, "n0");
        // a report sent before the pause, relayed after it, does not lift it
        vm.prank(l1Keeper);
        vm.warp(block.timestamp + 1);
        hub.report();
        vm.warp(block.timestamp + 1);
        vm.prank(guardian);
        manager.pauseForLoss();
        relayAllToL2();
        assertGt(manager.lossPauseUntil(), block.timestamp, "an older report does not lift the pause");
        // a report built after it does
        vm.prank(l1Keeper);
        hub.report();
        syncMessages();
        vm.expectEmit(address(manager));
        emit IStakingManager.LossPauseEnded(3);
        relayToL2(metisL1ToL2Next);
        assertEq(manager.lossPauseUntil(), 0);
        assertEq(seMetis.exitsPausedUntil(), 0);
    }

    function test_lossPause_onlyGuardianAndEndEarly() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector, keeper, manager.GUARDIAN_ROLE()
            )
        );
        vm.prank(keeper);
        manager.pauseForLoss();
        vm.prank(guardian);
        vm.expectRevert(IStakingManager.ManagerNotPaused.selector);
        manager.endLossPause();
        vm.startPrank(guardian);
        manager.pauseForLoss();
        vm.expectEmit(address(manager));
        emit IStakingManager.LossPauseEnded(0);
        manager.endLossPause();
        vm.stopPrank();
        assertEq(manager.lossPauseUntil(), 0);
        _stake(alice, 1 ether);
    }
}
