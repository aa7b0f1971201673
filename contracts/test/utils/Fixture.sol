// SPDX-License-Identifier: MIT
pragma solidity 0.8.23;

import {Test} from "./Test.sol";
import {DevMetis} from "../../src/network/DevMetis.sol";
import {SequencerLockingPool} from "../../src/network/SequencerLockingPool.sol";
import {ISequencerLockingPool} from "../../src/interfaces/ISequencerLockingPool.sol";
import {EMetis} from "../../src/token/EMetis.sol";
import {SeMetis} from "../../src/vault/SeMetis.sol";
import {RewardDispatcher} from "../../src/vault/RewardDispatcher.sol";
import {StakingManager} from "../../src/core/StakingManager.sol";
import {RedemptionQueue} from "../../src/redemption/RedemptionQueue.sol";

/// @notice Deploys the whole protocol on one chain, wired as the deploy script does, with helpers to stake,
/// add and whitelist seats, submit MPC reward batches for our signers and move time.
/// @dev Reusable: inherit, call `super.setUp()` if overriding.
abstract contract Fixture is Test {
    DevMetis internal metis;
    SequencerLockingPool internal pool;
    EMetis internal eMetis;
    SeMetis internal seMetis;
    RewardDispatcher internal dispatcher;
    StakingManager internal manager;
    RedemptionQueue internal queue;

    address internal admin = makeAddr("admin");
    address internal keeper = makeAddr("keeper");
    address internal pauser = makeAddr("pauser");
    address internal mpc = makeAddr("mpc");
    address internal rewardPayer = makeAddr("rewardPayer");
    address internal treasury = makeAddr("treasury");
    address internal seeder = makeAddr("seeder");
    address internal alice = makeAddr("alice");
    address internal bob = makeAddr("bob");
    address internal carol = makeAddr("carol");

    uint256 internal constant SEED_DEPOSIT = 1e18;
    uint256 internal constant MIN_LOCK = 20_000e18;
    uint256 internal constant MAX_LOCK = 100_000e18;
    uint256 internal constant RPB = 761_000 gwei;
    uint256 internal constant REWARD_FUND = 10_000_000e18;

    uint256 internal lastEpoch;

    function setUp() public virtual {
        vm.warp(1_700_000_000);
        metis = new DevMetis(admin);
        pool = new SequencerLockingPool(address(metis), admin, mpc, rewardPayer);
        manager = new StakingManager(address(metis), address(pool), admin);
        eMetis = new EMetis(address(manager));
        seMetis = new SeMetis(eMetis, address(manager), admin);
        dispatcher = new RewardDispatcher(address(eMetis), address(seMetis), treasury, admin);
        queue = new RedemptionQueue(address(eMetis), address(metis), address(manager), admin);

        vm.startPrank(admin);
        manager.initialize(address(eMetis), address(seMetis), address(dispatcher), address(queue));
        manager.grantRole(manager.KEEPER_ROLE(), keeper);
        manager.grantRole(manager.PAUSER_ROLE(), pauser);
        seMetis.grantRole(seMetis.DISPATCHER_ROLE(), address(dispatcher));
        metis.mint(rewardPayer, REWARD_FUND);
        vm.stopPrank();
        address escrow = pool.escrow();
        vm.prank(rewardPayer);
        metis.approve(escrow, type(uint256).max);

        // seed deposit against share-price manipulation of an empty vault
        _stakeAndRestake(seeder, SEED_DEPOSIT);

        vm.label(address(metis), "METIS");
        vm.label(address(pool), "pool");
        vm.label(address(eMetis), "eMETIS");
        vm.label(address(seMetis), "seMETIS");
        vm.label(address(dispatcher), "dispatcher");
        vm.label(address(manager), "manager");
        vm.label(address(queue), "queue");
    }

    // ------------------------------------------------------------------ users

    function _fund(address user, uint256 amount) internal {
        vm.prank(admin);
        metis.mint(user, amount);
    }

    /// @dev Mints `amount` METIS to `user`, approves the manager and stakes for `user`.
    function _stake(address user, uint256 amount) internal returns (uint256 eMetisOut) {
        _fund(user, amount);
        vm.startPrank(user);
        metis.approve(address(manager), amount);
        eMetisOut = manager.stake(amount, user, address(0));
        vm.stopPrank();
    }

    /// @dev Mints `amount` METIS to `user` and stakes-and-restakes it for `user`.
    function _stakeAndRestake(address user, uint256 amount) internal returns (uint256 shares) {
        _fund(user, amount);
        vm.startPrank(user);
        metis.approve(address(manager), amount);
        shares = manager.stakeAndRestake(amount, user, address(0));
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

    // ------------------------------------------------------------------ seats and the network

    /// @dev A deterministic 64-byte "public key" and the signer address the pool derives from it.
    function _key(uint256 seed) internal pure returns (bytes memory pk, address signer) {
        pk = abi.encodePacked(keccak256(abi.encode("pk", seed, 1)), keccak256(abi.encode("pk", seed, 2)));
        signer = address(uint160(uint256(keccak256(pk))));
    }

    /// @dev Admin adds a seat; governance whitelists its agent in the pool.
    function _addSeat(uint256 seed) internal returns (uint256 nodeIndex, address agent) {
        (bytes memory pk, address signer) = _key(seed);
        vm.prank(admin);
        (nodeIndex, agent) = manager.addSeat(signer, pk);
        vm.prank(admin);
        pool.setWhitelist(agent, true);
    }

    function _allocate() internal returns (uint256 allocated) {
        vm.prank(keeper);
        allocated = manager.allocate();
    }

    /// @dev The MPC submits the next batch, crediting `blocks` L2 blocks to every active node of ours.
    function _submitBatch(uint256 blocks) internal returns (uint256 total) {
        uint256 count = manager.nodeCount();
        uint256 active;
        for (uint256 i; i < count; ++i) {
            (,, uint256 seqId,,) = manager.node(i);
            if (seqId != 0 && pool.sequencerStatus(seqId) == ISequencerLockingPool.Status.Active) ++active;
        }
        address[] memory signers = new address[](active);
        uint256[] memory blockCounts = new uint256[](active);
        uint256 j;
        for (uint256 i; i < count; ++i) {
            (, address signer, uint256 seqId,,) = manager.node(i);
            if (seqId != 0 && pool.sequencerStatus(seqId) == ISequencerLockingPool.Status.Active) {
                signers[j] = signer;
                blockCounts[j++] = blocks;
                total += blocks * RPB;
            }
        }
        uint256 start = lastEpoch + 1;
        lastEpoch = start;
        uint256 batchId = pool.currentBatch() + 1;
        vm.prank(mpc);
        pool.batchSubmitRewards(batchId, start, start, signers, blockCounts);
    }

    function _harvest() internal returns (uint256 rewards) {
        rewards = manager.harvest();
    }

    function _fundRedemptions(uint256 lastTicketId) internal returns (uint256 paid) {
        vm.prank(keeper);
        paid = manager.fundRedemptions(lastTicketId);
    }

    function _warp(uint256 secondsForward) internal {
        vm.warp(block.timestamp + secondsForward);
    }

    /// @dev eMETIS supply == buffer + principal in nodes (the full-backing identity).
    function _assertFullyBacked() internal view {
        assertEq(eMetis.totalSupply(), manager.bufferedMetis() + manager.totalPrincipal(), "fully backed");
    }
}
