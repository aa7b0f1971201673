// SPDX-License-Identifier: MIT
pragma solidity 0.8.23;

import {Test} from "../utils/Test.sol";
import {Vm} from "../utils/Vm.sol";
import {QueueBase} from "./QueueBase.sol";
import {IRedemptionQueue} from "../../src/interfaces/IRedemptionQueue.sol";
import {IStakingLens} from "../../src/interfaces/IStakingLens.sol";
import {RedemptionQueue} from "../../src/l2/redemption/RedemptionQueue.sol";
import {EMetis} from "../../src/l2/token/EMetis.sol";
import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @notice Regression of a review finding on the two-chain ProtocolFixture (real queue, manager and lens over the
/// Metis models): an account an attacker gifted 10,000 minimum-size tickets can still be read (one page of
/// `ticketsOf`, `lens.getAll`) within an `eth_call` gas cap, finds its own ticket by paging `lens.getTickets`, and
/// claims it at O(1) cost. Every measured call runs on cooled contracts (`vm.cool`: all accounts and slots cold,
/// as at the start of a transaction); figures are forge's execution gas of the call (`vm.lastCallGas`), recorded
/// with `vm.snapshotValue` (contracts/snapshots/, not committed).
contract RedemptionQueueDustTest is QueueBase {
    uint256 internal constant GIFTS = 10_000;
    uint256 internal constant ETH_CALL_CAP = 10_000_000;

    address internal victim = makeAddr("victim");
    address internal attacker = makeAddr("attacker");
    uint256 internal victimTicket;

    function setUp() public override {
        super.setUp();
        _stake(victim, 5 ether);
        uint256 dust = queue.minAmount();
        _stake(attacker, GIFTS * dust);
        // 6,000 gifts, the victim's own ticket, 4,000 more gifts: its ticket sits at position 6,000 of 10,001
        vm.pauseGasMetering();
        vm.startPrank(attacker);
        eMetis.approve(address(queue), GIFTS * dust);
        for (uint256 i; i < GIFTS; ++i) {
            if (i == 6_000) {
                vm.stopPrank();
                victimTicket = _request(victim, 5 ether);
                vm.startPrank(attacker);
            }
            uint256 id = queue.requestRedemption(dust, attacker);
            queue.transferFrom(attacker, victim, id);
        }
        vm.stopPrank();
        _fundRedemptions(victimTicket); // the 6,000 gifts ahead of it and the victim's ticket
        vm.resumeGasMetering();
    }

    function test_dustGift_victimHoldsAllTheGifts() public view {
        assertEq(queue.openTicketCount(victim), GIFTS + 1);
        assertEq(queue.openTicketCount(attacker), 0);
        assertEq(queue.balanceOf(victim), GIFTS + 1);
        (uint256[] memory at,) = queue.ticketsOf(victim, 6_000, 1);
        assertEq(at[0], victimTicket, "the victim's own ticket is deep in its list");
    }

    /// One page of `ticketsOf` costs the same whatever the list length: far below a walk of all 10,001 ids.
    function test_dustGift_ticketsOfPageStaysCheap() public {
        _coolL2();
        (uint256[] memory page, uint256 total) = queue.ticketsOf(victim, 0, 50);
        uint256 pageGas = vm.lastCallGas().gasTotalUsed;
        assertEq(page.length, 50);
        assertEq(total, GIFTS + 1);

        _coolL2();
        (uint256[] memory all,) = queue.ticketsOf(victim, 0, GIFTS + 1);
        uint256 fullGas = vm.lastCallGas().gasTotalUsed;
        assertEq(all.length, GIFTS + 1);

        vm.snapshotValue("ticketsOf_page50_of_10001", pageGas);
        vm.snapshotValue("ticketsOf_all_10001", fullGas);
        assertLt(pageGas, ETH_CALL_CAP, "one page within an eth_call cap");
        assertLt(pageGas * 50, fullGas, "a page costs far less than walking the whole list");
        assertLt(pageGas, 200_000);
    }

    /// `lens.getAll` returns the first MAX_TICKETS tickets with their estimates and the true count.
    function test_dustGift_lensGetAllStaysUnderTheCap() public {
        _coolL2();
        (, IStakingLens.UserView memory u,,) = lens.getAll(victim, new uint256[](0));
        uint256 getAllGas = vm.lastCallGas().gasTotalUsed;
        assertEq(u.openTickets, GIFTS + 1);
        assertEq(u.tickets.length, lens.MAX_TICKETS());

        // what a lens without the cap would pay: every ticket's view, all 10,001 of them
        _coolL2();
        (IStakingLens.TicketView[] memory all, uint256 total) = lens.getTickets(victim, 0, GIFTS + 1);
        uint256 uncappedGas = vm.lastCallGas().gasTotalUsed;
        assertEq(all.length, total);

        vm.snapshotValue("lens_getAll_victim_10001_tickets", getAllGas);
        vm.snapshotValue("lens_getTickets_all_10001", uncappedGas);
        assertLt(getAllGas, ETH_CALL_CAP, "getAll within an eth_call cap");
        assertLt(getAllGas * 20, uncappedGas, "far below walking every ticket");
    }

    /// The victim pages through `lens.getTickets` (50 a page, every page under the cap) to its own ticket, which
    /// was funded, and claims it at O(1) cost; the gifts stay open and listed.
    function test_dustGift_victimPagesToItsTicketAndClaims() public {
        uint256 found = type(uint256).max;
        uint256 maxPageGas;
        uint256 pages;
        for (uint256 offset; offset <= GIFTS; offset += 50) {
            _coolL2();
            (IStakingLens.TicketView[] memory page, uint256 total) = lens.getTickets(victim, offset, 50);
            uint256 g = vm.lastCallGas().gasTotalUsed;
            if (g > maxPageGas) maxPageGas = g;
            ++pages;
            assertEq(total, GIFTS + 1);
            for (uint256 i; i < page.length; ++i) {
                if (page[i].id == victimTicket) {
                    found = offset + i;
                    assertEq(page[i].owner, victim);
                    assertEq(page[i].eMetisAmount, 5 ether);
                    assertEq(uint256(page[i].status), uint256(IRedemptionQueue.TicketStatus.Claimable));
                }
            }
            if (found != type(uint256).max) break;
        }
        assertEq(found, 6_000, "found at its position");
        assertEq(pages, 121);
        vm.snapshotValue("lens_getTickets_page50_max", maxPageGas);
        assertLt(maxPageGas, ETH_CALL_CAP);

        _coolL2();
        vm.prank(victim);
        assertEq(queue.claim(victimTicket, victim), 5 ether);
        uint256 claimGas = vm.lastCallGas().gasTotalUsed;
        vm.snapshotValue("claim_with_10001_open_tickets", claimGas);
        assertLt(claimGas, 100_000, "claim does not walk the list");
        assertEq(queue.openTicketCount(victim), GIFTS);
        (uint256[] memory at,) = queue.ticketsOf(victim, 6_000, 1);
        assertTrue(at[0] != victimTicket, "the last gift took its place");
    }
}

/// @dev A plain OpenZeppelin ERC-20 standing in for METIS's ERC-20 face (MVM_Coinbase is an L2StandardERC20: two
/// balance writes per transfer), so that the claim's METIS transfer is priced like on Metis. (The fixture's
/// one-balance model moves native balances with a cheatcode, which forge does not charge as storage writes.)
contract PlainMetis is ERC20 {
    constructor() ERC20("Metis Token", "METIS") {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }
}

/// @notice Gas of `requestRedemption` and `claim` as transactions. Real: RedemptionQueue and EMetis; METIS is a plain
/// ERC-20 (see PlainMetis) and the manager a plain address (pranked to `finalize`), since neither call touches the
/// manager. All state a measured call reads is built in `setUp` (a committed transaction before the test's), so that
/// EIP-2200/2929 prices every slot as at the start of a real transaction: the contracts are cooled and no slot was
/// written earlier in the test's transaction. "tx" figures add the 21,000 base and the calldata (4 gas per zero byte,
/// 16 per non-zero byte) to forge's execution gas and subtract the refund as a receipt would (capped at a fifth).
/// The queue is in use (other tickets exist), each user holds eMETIS and some METIS (it pays gas in METIS on Metis).
contract RedemptionQueueGasTest is Test {
    EMetis internal eMetis;
    PlainMetis internal metis;
    RedemptionQueue internal queue;
    address internal mgr = makeAddr("manager");
    address internal other = makeAddr("other");
    address internal newUser = makeAddr("new user"); // no ticket yet, exact approval
    address internal repeatUser = makeAddr("repeat user"); // one open ticket, exact approval
    address internal infiniteUser = makeAddr("infinite user"); // one open ticket, infinite approval
    address internal claimer = makeAddr("claimer"); // two funded tickets
    address internal lastClaimer = makeAddr("last claimer"); // one funded ticket
    uint256 internal claimerTicket;
    uint256 internal lastClaimerTicket;

    function setUp() public {
        eMetis = new EMetis(address(this));
        metis = new PlainMetis();
        queue = new RedemptionQueue(address(eMetis), address(metis), mgr, makeAddr("admin"));
        address[6] memory users = [other, newUser, repeatUser, infiniteUser, claimer, lastClaimer];
        for (uint256 i; i < users.length; ++i) {
            eMetis.mint(users[i], 1_000 ether);
            metis.mint(users[i], 1 ether);
        }
        metis.mint(makeAddr("recipient"), 1 ether);
        _requestAs(other, 10 ether);
        _requestAs(other, 10 ether);
        _requestAs(claimer, 10 ether);
        claimerTicket = _requestAs(claimer, 10 ether);
        lastClaimerTicket = _requestAs(lastClaimer, 10 ether);
        _requestAs(repeatUser, 10 ether);
        _requestAs(infiniteUser, 10 ether);
        _finalize(lastClaimerTicket);
        _requestAs(other, 10 ether); // an unfunded ticket after them
        vm.prank(newUser);
        eMetis.approve(address(queue), 10 ether);
        vm.prank(repeatUser);
        eMetis.approve(address(queue), 10 ether);
        vm.prank(infiniteUser);
        eMetis.approve(address(queue), type(uint256).max);
    }

    function _requestAs(address from, uint256 amount) internal returns (uint256 id) {
        vm.startPrank(from);
        eMetis.approve(address(queue), amount);
        id = queue.requestRedemption(amount, from);
        vm.stopPrank();
    }

    function _finalize(uint256 id) internal {
        uint256 before = queue.reservedMetis();
        vm.prank(mgr);
        queue.finalize(id, 1e18);
        metis.mint(address(queue), queue.reservedMetis() - before);
    }

    function _calldataGas(bytes memory data) internal pure returns (uint256 g) {
        for (uint256 i; i < data.length; ++i) {
            g += data[i] == 0 ? 4 : 16;
        }
    }

    /// @dev Calls `data` on the queue as `from` on cold state; returns execution gas and the receipt-like tx gas.
    function _measure(address from, bytes memory data) internal returns (uint256 exec, uint256 txGas) {
        vm.cool(address(queue));
        vm.cool(address(eMetis));
        vm.cool(address(metis));
        vm.prank(from);
        (bool ok, bytes memory ret) = address(queue).call(data);
        if (!ok) {
            assembly {
                revert(add(ret, 32), mload(ret))
            }
        }
        Vm.Gas memory g = vm.lastCallGas();
        exec = g.gasTotalUsed;
        uint256 gross = exec + 21_000 + _calldataGas(data);
        uint256 refund = g.gasRefunded > 0 ? uint256(int256(g.gasRefunded)) : 0;
        uint256 cap = gross / 5;
        txGas = gross - (refund < cap ? refund : cap);
    }

    function _request(address from) internal returns (uint256 exec, uint256 txGas) {
        (exec, txGas) = _measure(from, abi.encodeCall(RedemptionQueue.requestRedemption, (10 ether, from)));
        assertEq(queue.ownerOf(queue.lastTicketId()), from);
    }

    /// An owner's first ticket, approving exactly the amount (the usual wallet flow: approve, then request).
    function test_gas_request_firstTicket_exactApproval() public {
        (uint256 exec, uint256 txGas) = _request(newUser);
        vm.snapshotValue("request_firstTicket_exec", exec);
        vm.snapshotValue("request_firstTicket_tx", txGas);
    }

    /// A later ticket of the same owner (its index slot and ERC-721 balance already exist).
    function test_gas_request_repeatTicket_exactApproval() public {
        (uint256 exec, uint256 txGas) = _request(repeatUser);
        vm.snapshotValue("request_repeatTicket_exec", exec);
        vm.snapshotValue("request_repeatTicket_tx", txGas);
    }

    function test_gas_request_repeatTicket_infiniteApproval() public {
        (uint256 exec, uint256 txGas) = _request(infiniteUser);
        vm.snapshotValue("request_repeatTicket_infiniteApproval_exec", exec);
        vm.snapshotValue("request_repeatTicket_infiniteApproval_tx", txGas);
    }

    /// The owner claims one of its two funded tickets to itself.
    function test_gas_claim_toSelf() public {
        (uint256 exec, uint256 txGas) =
            _measure(claimer, abi.encodeCall(RedemptionQueue.claim, (claimerTicket, claimer)));
        vm.snapshotValue("claim_toSelf_exec", exec);
        vm.snapshotValue("claim_toSelf_tx", txGas);
        assertEq(metis.balanceOf(claimer), 11 ether);
    }

    /// The owner's only open ticket (its open count goes to zero), paid to another address that holds METIS.
    function test_gas_claim_lastOpenTicket_toAnotherHolder() public {
        (uint256 exec, uint256 txGas) =
            _measure(lastClaimer, abi.encodeCall(RedemptionQueue.claim, (lastClaimerTicket, makeAddr("recipient"))));
        vm.snapshotValue("claim_lastOpen_exec", exec);
        vm.snapshotValue("claim_lastOpen_tx", txGas);
    }

    /// Worst case: the METIS goes to an address that holds none (a fresh balance slot). Recorded, not bounded.
    function test_gas_claim_toFreshAddress() public {
        (uint256 exec, uint256 txGas) =
            _measure(claimer, abi.encodeCall(RedemptionQueue.claim, (claimerTicket, makeAddr("fresh recipient"))));
        vm.snapshotValue("claim_toFreshAddress_exec", exec);
        vm.snapshotValue("claim_toFreshAddress_tx", txGas);
    }
}

/// @notice O(1) claims: two queues built in `setUp` (so no slot is dirty in the test's transaction), one with a
/// single ticket and one with 300 tickets ahead and 31 rate checkpoints; claiming the newest ticket costs the same
/// in both. Claiming a ticket of an old checkpoint costs a binary search over the checkpoints (logarithmic).
/// Real queue and eMETIS, METIS a plain ERC-20, the manager a pranked address.
contract RedemptionQueueClaimScalingTest is Test {
    EMetis internal eMetis;
    PlainMetis internal metis;
    RedemptionQueue internal short;
    RedemptionQueue internal long;
    address internal mgr = makeAddr("manager");
    address internal user = makeAddr("user");
    address internal crowd = makeAddr("crowd");
    address internal toShort = makeAddr("to short");
    address internal toLong = makeAddr("to long");
    address internal toOld = makeAddr("to old");
    address internal oldUser = makeAddr("old user"); // holds ticket 1 of the long queue, its only one
    uint256 internal shortId;
    uint256 internal longId;

    function setUp() public {
        eMetis = new EMetis(address(this));
        metis = new PlainMetis();
        short = new RedemptionQueue(address(eMetis), address(metis), mgr, makeAddr("admin"));
        long = new RedemptionQueue(address(eMetis), address(metis), mgr, makeAddr("admin"));
        eMetis.mint(user, 10 ether);
        eMetis.mint(crowd, 1_000 ether);
        metis.mint(toShort, 1 ether);
        metis.mint(toLong, 1 ether);
        metis.mint(toOld, 1 ether);

        vm.startPrank(user);
        eMetis.approve(address(short), 1 ether);
        shortId = short.requestRedemption(1 ether, user);
        vm.stopPrank();
        vm.prank(mgr);
        short.finalize(shortId, 1e18 - 1); // one rate change, like the long queue's last round
        metis.mint(address(short), 1 ether);

        vm.startPrank(crowd);
        eMetis.approve(address(long), 300 ether);
        for (uint256 i; i < 300; ++i) {
            long.requestRedemption(1 ether, i == 0 ? oldUser : crowd);
        }
        vm.stopPrank();
        vm.startPrank(mgr);
        for (uint256 i; i < 30; ++i) {
            long.finalize(10 * i + 10, 1e18 - 100 - i); // 30 rounds, each at a new rate
        }
        vm.stopPrank();
        vm.startPrank(user);
        eMetis.approve(address(long), 1 ether);
        longId = long.requestRedemption(1 ether, user);
        vm.stopPrank();
        vm.prank(mgr);
        long.finalize(longId, 1e18 - 1);
        metis.mint(address(long), 301 ether);
    }

    /// @dev `owner` claims `id` of `q` to `to` on cooled contracts; returns the execution gas.
    function _claimGas(RedemptionQueue q, uint256 id, address owner, address to) internal returns (uint256) {
        vm.cool(address(q));
        vm.cool(address(metis));
        vm.prank(owner);
        q.claim(id, to);
        return vm.lastCallGas().gasTotalUsed;
    }

    /// @dev Measured in this forge version: `vm.cool` does not undo everything a first call into a contract warms
    /// (a second claim in the same test costs 2,500 gas less). Both measured claims therefore follow a call into
    /// METIS, so that they are priced alike; the absolute figures are those of RedemptionQueueGasTest.
    function _warmUp() internal view {
        metis.balanceOf(address(this));
    }

    function test_claim_newestTicket_sameGasWhateverTheQueueLength() public {
        assertEq(long.checkpointCount(), 32);
        assertEq(long.lastTicketId(), 301);
        _warmUp();
        uint256 gShort = _claimGas(short, shortId, user, toShort);
        uint256 gLong = _claimGas(long, longId, user, toLong);
        vm.snapshotValue("claim_newest_queueOf1", gShort);
        vm.snapshotValue("claim_newest_queueOf301_32checkpoints", gLong);
        assertEq(gLong, gShort, "claim gas depends on the queue length");
    }

    function test_claim_oldCheckpoint_logarithmic() public {
        _warmUp();
        uint256 gOld = _claimGas(long, 1, oldUser, toOld); // first round: a binary search over 32 checkpoints
        assertEq(metis.balanceOf(toOld), 1 ether + 1e18 - 100);
        uint256 gNew = _claimGas(long, longId, user, toLong);
        vm.snapshotValue("claim_oldCheckpoint_of32", gOld);
        vm.snapshotValue("claim_newestCheckpoint_of32", gNew);
        assertGt(gOld, gNew);
        // log2(32) = 5 probes, the array length and the final checkpoint: about 7 cold slot reads
        assertLe(gOld - gNew, 8 * 2_600, "more than a binary search over 32 checkpoints");
    }
}
