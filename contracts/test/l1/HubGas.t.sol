// SPDX-License-Identifier: MIT
pragma solidity 0.8.23;

import {HubTestBase} from "./HubTestBase.sol";
import {ISequencerHub} from "../../src/interfaces/ISequencerHub.sol";

/// @notice Gas of the hub's main operations on the mainnet-like variant (real hub and agents; Metis's LockingPool/
/// LockingInfo, bridge, messenger and oracle are MODELS, so the Metis-side share of the cost is the models', not
/// Metis's). Each measured call runs after `vm.cool` on every contract it touches (cold accounts and slots, as in a
/// transaction of its own) and is recorded with `vm.snapshotValue` (contracts/snapshots/HubGasTest.json) as
/// forge's `lastCallGas().gasTotalUsed`: execution gas of the call, without the 21,000 base cost and calldata.
/// Each test also checks the call did its job and stays under a generous ceiling.
contract HubGasTest is HubTestBase {
    uint256 internal constant OPEN = 50_000 ether;

    function _coolAll() internal {
        vm.cool(address(hub));
        vm.cool(address(lockingPool));
        vm.cool(address(lockingInfo));
        vm.cool(address(l1Metis));
        vm.cool(address(l1Bridge));
        vm.cool(address(l1Messenger));
        vm.cool(address(discountOracle));
        vm.cool(address(addressManager));
        vm.cool(metisL1FeeRecipient);
        uint256 count = hub.seatCount();
        for (uint256 i; i < count; ++i) {
            vm.cool(_agent(i));
        }
    }

    function _record(string memory name, uint256 ceiling) internal returns (uint256 used) {
        used = vm.lastCallGas().gasTotalUsed;
        vm.snapshotValue(name, used);
        assertLt(used, ceiling);
    }

    function test_gas_openSeat() public {
        _fundHub(OPEN);
        (uint256 s,) = _addSeat("node-0");
        _coolAll();
        vm.prank(l1Keeper);
        hub.openSeat(s, OPEN);
        _record("hub_openSeat", 600_000);
        _assertState(s, ISequencerHub.SeatState.Active);
    }

    function test_gas_withdrawRewards() public {
        uint256 s = _openNew("node-0", OPEN);
        _rewardSeat(s, 20_000);
        _coolAll();
        hub.withdrawRewards(s);
        _record("hub_withdrawRewards", 400_000);
        assertEq(_poolSeat(s).reward, 0);
    }

    function test_gas_report_oneLiveSeat() public {
        _openNew("node-0", OPEN);
        _keeperReport(); // not the first report ever (its slots are warm in real life too)
        vm.warp(block.timestamp + 1 hours);
        _coolAll();
        vm.prank(l1Keeper);
        hub.report();
        _record("hub_report_1_live_seat", 250_000);
        (uint256 nonce,) = hub.lastReport();
        assertEq(nonce, 2);
    }

    function test_gas_report_fiveLiveSeats() public {
        for (uint256 i; i < 5; ++i) {
            _openNew(string.concat("node-", vm.toString(i)), OPEN);
        }
        _keeperUnlock(4); // one of them unlocking
        _keeperReport();
        vm.warp(block.timestamp + 1 hours);
        _coolAll();
        vm.prank(l1Keeper);
        hub.report();
        _record("hub_report_5_live_seats", 400_000);
        assertEq(hub.liveSeats().length, 5);
    }

    function test_gas_reportByNonKeeper_fiveLiveSeats() public {
        for (uint256 i; i < 5; ++i) {
            _openNew(string.concat("node-", vm.toString(i)), OPEN);
        }
        _keeperReport();
        vm.warp(block.timestamp + 1 hours);
        _coolAll();
        vm.prank(stranger);
        hub.report(); // also walks the seats for the rate-limit's loss check
        _record("hub_report_5_live_seats_nonKeeper", 450_000);
    }

    function test_gas_returnToL2() public {
        _openNew("node-0", OPEN);
        _fundHub(10_000 ether);
        _keeperReport();
        _coolAll();
        vm.prank(l1Keeper);
        hub.returnToL2(10_000 ether);
        _record("hub_returnToL2_1_live_seat", 400_000);
        (,, uint256 sent) = hub.totals();
        assertEq(sent, 10_000 ether);
    }

    function test_gas_topUpWithdrawUnlockClaim() public {
        uint256 s = _openNew("node-0", OPEN);
        _fundHub(10_000 ether);
        _coolAll();
        vm.prank(l1Keeper);
        hub.topUpSeat(s, 10_000 ether);
        _record("hub_topUpSeat", 300_000);
        _nextBatch();
        _coolAll();
        vm.prank(l1Keeper);
        hub.withdrawFromSeat(s, 10_000 ether);
        _record("hub_withdrawFromSeat", 300_000);
        _rewardSeat(s, 20_000);
        _coolAll();
        vm.prank(l1Keeper);
        hub.unlockSeat(s);
        _record("hub_unlockSeat_withReward", 500_000);
        vm.warp(block.timestamp + 21 days);
        _coolAll();
        hub.claimSeat(s);
        _record("hub_claimSeat_noReward", 300_000);
        _assertState(s, ISequencerHub.SeatState.Closed);
    }
}
