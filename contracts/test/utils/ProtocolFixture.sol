// SPDX-License-Identifier: MIT
pragma solidity 0.8.23;

import {MetisNetwork} from "./MetisNetwork.sol";
import {LockingPoolWithSlash} from "./LockingPoolWithSlash.sol";
import {MetisAddresses} from "../../src/interfaces/metis/MetisAddresses.sol";
import {ILockingPool} from "../../src/interfaces/metis/ILockingPool.sol";
import {L1Report} from "../../src/interfaces/L1Report.sol";
import {EMetis} from "../../src/l2/token/EMetis.sol";
import {SeMetis} from "../../src/l2/vault/SeMetis.sol";
import {RewardDispatcher} from "../../src/l2/vault/RewardDispatcher.sol";
import {StakingManager} from "../../src/l2/StakingManager.sol";
import {RewardReceiver} from "../../src/l2/RewardReceiver.sol";
import {RedemptionQueue} from "../../src/l2/redemption/RedemptionQueue.sol";
import {StakingLens} from "../../src/l2/lens/StakingLens.sol";
import {SequencerHub} from "../../src/l1/SequencerHub.sol";

/// @notice The whole protocol on both chains, wired as the deploy does, over the Metis network models (Metis's
/// LockingPool/LockingInfo, bridges and messengers with their real signatures and rules; see MetisNetwork):
/// L2 contracts use METIS at 0xDead…0000 (one balance, two faces: `OneBalanceMetis`), the L1 hub uses the L1
/// METIS token, and messages and tokens cross only when the test relays them (L1->L2 in queue order, L2->L1
/// after the fraud window with a proof).
/// @dev Forge has one EVM: an address's native balance is both its L1 ETH and its L2 METIS, so L1 and L2 roles use
/// different addresses (the hub's ETH is never METIS the manager holds).
abstract contract ProtocolFixture is MetisNetwork {
    // L2
    StakingManager internal manager;
    EMetis internal eMetis;
    SeMetis internal seMetis;
    RewardDispatcher internal dispatcher;
    RedemptionQueue internal queue;
    RewardReceiver internal rewardReceiver;
    StakingLens internal lens;
    // L1
    SequencerHub internal hub;

    address internal admin = makeAddr("admin");
    address internal keeper = makeAddr("keeper"); // L2 keeper
    address internal l1Keeper = makeAddr("l1Keeper"); // L1 keeper (a different key: see the contract notes)
    address internal pauser = makeAddr("pauser");
    address internal guardian = makeAddr("guardian");
    address internal treasury = makeAddr("treasury");
    address internal seeder = makeAddr("seeder");
    address internal alice = makeAddr("alice");
    address internal bob = makeAddr("bob");
    address internal carol = makeAddr("carol");

    uint256 internal constant SEED_DEPOSIT = 1e18;
    uint256 internal constant MIN_LOCK = 20_000e18;
    uint256 internal constant MAX_LOCK = 100_000e18;
    uint256 internal constant RPB = 761_000 gwei;
    uint256 internal constant HUB_ETH = 10 ether;
    uint256 internal constant BLOCKS_PER_YEAR = 365 days / 2;
    uint256 internal constant RETURN_DELAY = 30 minutes;
    uint256 internal constant FAST_PATH_DELAY = 2 hours;

    /// @dev Index of each seat's signer name, for the MPC.
    mapping(uint256 seatIndex => address signer) internal seatSigner;

    function setUp() public virtual {
        _deployProtocol(metisMainnetLike());
    }

    function _deployProtocol(MetisConfig memory cfg) internal {
        vm.warp(1_700_000_000);
        deployMetisNetwork(cfg);

        manager = new StakingManager(
            MetisAddresses.L2_METIS, MetisAddresses.L2_STANDARD_BRIDGE, MetisAddresses.L2_CROSS_DOMAIN_MESSENGER, admin
        );
        eMetis = EMetis(manager.eMetis());
        rewardReceiver = RewardReceiver(manager.rewardReceiver());
        seMetis = new SeMetis(eMetis, address(manager), admin);
        dispatcher = new RewardDispatcher(address(eMetis), address(seMetis), treasury, admin);
        queue = new RedemptionQueue(address(eMetis), MetisAddresses.L2_METIS, address(manager), admin);
        hub = new SequencerHub(
            l1Metis,
            ILockingPool(address(lockingPool)),
            l1Bridge,
            l1Messenger,
            cfg.l2ChainId,
            address(manager),
            address(rewardReceiver),
            admin
        );
        lens = new StakingLens(
            address(manager), address(0), address(0), address(0), BLOCKS_PER_YEAR, RETURN_DELAY, FAST_PATH_DELAY
        );

        vm.startPrank(admin);
        manager.initialize(address(seMetis), address(dispatcher), address(queue), address(hub));
        manager.grantRole(manager.KEEPER_ROLE(), keeper);
        manager.grantRole(manager.PAUSER_ROLE(), pauser);
        manager.grantRole(manager.GUARDIAN_ROLE(), guardian);
        seMetis.grantRole(seMetis.DISPATCHER_ROLE(), address(dispatcher));
        hub.grantRole(hub.KEEPER_ROLE(), l1Keeper);
        vm.stopPrank();

        // Metis puts the hub on its cross-domain sender whitelist; the operator funds its ETH for fees.
        allowL1ToL2Sender(address(hub));
        fundEth(address(hub), HUB_ETH);

        // seed deposit against share-price manipulation of an empty vault
        _stakeAndRestake(seeder, SEED_DEPOSIT);

        vm.label(address(manager), "manager");
        vm.label(address(eMetis), "eMETIS");
        vm.label(address(seMetis), "seMETIS");
        vm.label(address(dispatcher), "dispatcher");
        vm.label(address(queue), "queue");
        vm.label(address(rewardReceiver), "rewardReceiver");
        vm.label(address(hub), "hub");
    }

    // ------------------------------------------------------------------ L2 users

    /// @dev Gives `user` `amount` native METIS and stakes it natively for `user`.
    function _stake(address user, uint256 amount) internal returns (uint256 eMetisOut) {
        fundL2(user, amount);
        vm.prank(user);
        eMetisOut = manager.stake{value: amount}(user, address(0));
    }

    /// @dev Gives `user` `amount` native METIS and stakes-and-restakes it natively.
    function _stakeAndRestake(address user, uint256 amount) internal returns (uint256 shares) {
        fundL2(user, amount);
        vm.prank(user);
        shares = manager.stakeAndRestake{value: amount}(user, address(0));
    }

    /// @dev Gives `user` `amount` METIS and stakes it through the ERC-20 face.
    function _stakeErc20(address user, uint256 amount) internal returns (uint256 eMetisOut) {
        fundL2(user, amount);
        vm.startPrank(user);
        l2Metis.approve(address(manager), amount);
        eMetisOut = manager.stakeErc20(amount, user, address(0));
        vm.stopPrank();
    }

    /// @dev `user` deposits `amount` of its eMETIS into seMETIS.
    function _restake(address user, uint256 amount) internal returns (uint256 shares) {
        vm.startPrank(user);
        eMetis.approve(address(seMetis), amount);
        shares = seMetis.deposit(amount, user);
        vm.stopPrank();
    }

    /// @dev `user` requests redemption of `amount` of its eMETIS.
    function _request(address user, uint256 amount) internal returns (uint256 ticketId) {
        vm.startPrank(user);
        eMetis.approve(address(queue), amount);
        ticketId = queue.requestRedemption(amount, user);
        vm.stopPrank();
    }

    function _fundRedemptions(uint256 lastTicketId) internal returns (uint256 paid) {
        vm.prank(keeper);
        paid = manager.fundRedemptions(lastTicketId);
    }

    // ------------------------------------------------------------------ L2 -> L1

    /// @dev The keeper bridges `amount` of the buffer to the hub, paying Metis's METIS fee.
    function _bridge(uint256 amount) internal {
        uint256 fee = l2ToL1Fee();
        fundL2(keeper, fee);
        vm.prank(keeper);
        manager.bridgeToL1{value: fee}(amount);
    }

    /// @dev Commits pending L2->L1 messages, waits out the fraud window and relays them all on L1.
    function _deliverToL1() internal {
        commitL2Messages();
        vm.warp(block.timestamp + metisConfig.fraudProofWindow + 1);
        relayAllToL1();
    }

    // ------------------------------------------------------------------ seats (L1)

    /// @dev Admin adds a seat named `name`; Metis governance whitelists its agent.
    function _addSeat(string memory name) internal returns (uint256 seatIndex, address agent) {
        bytes memory pubkey = metisPubkey(name);
        address signer = metisSigner(pubkey);
        vm.prank(admin);
        (seatIndex, agent) = hub.addSeat(signer, pubkey);
        seatSigner[seatIndex] = signer;
        whitelistSequencerOwner(agent);
    }

    function _openSeat(uint256 seatIndex, uint256 amount) internal {
        vm.prank(l1Keeper);
        hub.openSeat(seatIndex, amount);
    }

    /// @dev The MPC credits `blocks` L2 blocks to each listed seat's signer in one valid batch.
    function _rewardSeats(uint256[] memory seatIndexes, uint256 blocks) internal returns (uint256 total) {
        address[] memory signers = new address[](seatIndexes.length);
        uint256[] memory counts = new uint256[](seatIndexes.length);
        for (uint256 i; i < seatIndexes.length; ++i) {
            signers[i] = seatSigner[seatIndexes[i]];
            counts[i] = blocks;
            total += blocks * RPB;
        }
        submitRewards(signers, counts);
    }

    function _rewardSeat(uint256 seatIndex, uint256 blocks) internal returns (uint256 total) {
        uint256[] memory one = new uint256[](1);
        one[0] = seatIndex;
        total = _rewardSeats(one, blocks);
    }

    /// @dev Bridges seat `seatIndex`'s reward to the L2 RewardReceiver (relayed).
    function _withdrawRewards(uint256 seatIndex) internal {
        hub.withdrawRewards(seatIndex);
        relayAllToL2();
    }

    /// @dev Relays the next L1->L2 message and returns whether its target call succeeded. The relay is the first
    /// call it makes, so `vm.expectEmit`/`vm.expectRevert` right before it apply to the delivery on L2.
    function _deliverNextToL2() internal returns (bool ok) {
        syncMessages();
        ok = relayToL2(metisL1ToL2Next);
    }

    function _harvest() internal returns (uint256 amount) {
        amount = rewardReceiver.harvest();
    }

    /// @dev The keeper's report, relayed to L2.
    function _report() internal {
        vm.prank(l1Keeper);
        hub.report();
        relayAllToL2();
    }

    /// @dev The keeper returns `amount` of the hub's idle METIS to the L2 manager (report and deposit relayed).
    function _returnToL2(uint256 amount) internal {
        vm.prank(l1Keeper);
        hub.returnToL2(amount);
        relayAllToL2();
    }

    function _slash(uint256 seatIndex, uint256 amount) internal {
        (,, uint256 seqId,,) = hub.seat(seatIndex);
        vm.prank(metisAdmin);
        LockingPoolWithSlash(address(lockingPool)).slash(seqId, amount, makeAddr("slash sink"));
    }

    /// @dev Stakes `amount`, bridges it, delivers it on L1, opens seat `name` with it and reports.
    function _stakeIntoNewSeat(address user, uint256 amount, string memory name) internal returns (uint256 seatIndex) {
        _stakeAndRestake(user, amount);
        _bridge(manager.bridgeable());
        _deliverToL1();
        (seatIndex,) = _addSeat(name);
        _openSeat(seatIndex, amount < MAX_LOCK ? amount : MAX_LOCK);
        _report();
    }

    // ------------------------------------------------------------------ checks

    /// @dev Without losses, every eMETIS is backed by METIS on L2 + in flight + on L1.
    function _assertFullyBacked() internal view {
        assertEq(manager.totalBacking(), eMetis.totalSupply(), "eMETIS supply == backing");
        L1Report memory r = hub.buildReport();
        (uint256 bridged, uint256 credited) = manager.bridgeTotals();
        uint256 inFlightToL1 = bridged - r.receivedFromL2;
        uint256 onBothChains =
            manager.bufferedMetis() + inFlightToL1 + r.idle + r.locked + r.unlocking + (r.sentToL2 - credited);
        assertEq(onBothChains, eMetis.totalSupply(), "backing == L2 buffer + in flight + L1");
    }
}
