// SPDX-License-Identifier: MIT
pragma solidity 0.8.23;

import {Test} from "../utils/Test.sol";
import {Vm} from "../utils/Vm.sol";
import {DevMetis} from "../../src/network/DevMetis.sol";
import {SequencerLockingPool} from "../../src/network/SequencerLockingPool.sol";
import {ISequencerLockingPool} from "../../src/interfaces/ISequencerLockingPool.sol";
import {IRedemptionQueue} from "../../src/interfaces/IRedemptionQueue.sol";
import {EMetis} from "../../src/token/EMetis.sol";
import {SeMetis} from "../../src/vault/SeMetis.sol";
import {RewardDispatcher} from "../../src/vault/RewardDispatcher.sol";
import {StakingManager} from "../../src/core/StakingManager.sol";
import {RedemptionQueue} from "../../src/redemption/RedemptionQueue.sol";

/// @notice Drives the protocol for the invariant suite: actors stake, restake, unstake, redeem and claim; the
/// keeper allocates, harvests, funds and frees liquidity; the MPC submits batches; time passes; optionally a
/// slash. Every action is bounded so it usually succeeds; ghost variables record what was put in and paid out.
contract ProtocolHandler is Test {
    DevMetis internal metis;
    SequencerLockingPool internal pool;
    EMetis internal eMetis;
    SeMetis internal seMetis;
    RewardDispatcher internal dispatcher;
    StakingManager internal manager;
    RedemptionQueue internal queue;
    address internal admin;
    address internal keeper;
    address internal mpc;
    bool internal immutable lossEnabled;

    address[] public actors;
    uint256 internal lastEpoch;

    // ghosts
    mapping(address actor => uint256) public ghostDeposited; // METIS staked
    mapping(address actor => uint256) public ghostRedeemed; // METIS claimed from the queue
    mapping(uint256 ticketId => uint256) public ghostClaims;
    uint256 public ghostRewards; // eMETIS minted as rewards and dispatched (== METIS rewards while fully backed)
    uint256 public ghostFees; // eMETIS the dispatcher sent to the treasury
    bytes32 internal constant DISPATCHED = keccak256("Dispatched(uint256,uint256,uint256)");
    uint256 public ghostLoss; // METIS slashed
    uint256 public ghostUnderBackedSlashes; // slashes after which eMETIS was under-backed
    uint256 public ghostSharePrice;
    bool public ghostSharePriceDropped;
    bool public ghostDoubleClaim;
    uint256 public ghostMetisPaidByQueue;
    mapping(bytes32 action => uint256) public calls;

    constructor(
        DevMetis metis_,
        SequencerLockingPool pool_,
        EMetis eMetis_,
        SeMetis seMetis_,
        RewardDispatcher dispatcher_,
        StakingManager manager_,
        RedemptionQueue queue_,
        address admin_,
        address keeper_,
        address mpc_,
        bool lossEnabled_
    ) {
        metis = metis_;
        pool = pool_;
        eMetis = eMetis_;
        seMetis = seMetis_;
        dispatcher = dispatcher_;
        manager = manager_;
        queue = queue_;
        admin = admin_;
        keeper = keeper_;
        mpc = mpc_;
        lossEnabled = lossEnabled_;
        for (uint256 i; i < 4; ++i) {
            actors.push(address(uint160(uint256(keccak256(abi.encode("actor", i))))));
        }
        ghostSharePrice = seMetis_.convertToAssets(1e18);
    }

    modifier tracked(bytes32 action) {
        ++calls[action];
        vm.recordLogs();
        _;
        _recordDispatches();
        uint256 price = seMetis.convertToAssets(1e18);
        // a loss may legitimately lower the price; otherwise it must never drop (1 wei of rounding allowed)
        if (price + 1 < ghostSharePrice && !_lossHappened()) ghostSharePriceDropped = true;
        ghostSharePrice = price;
    }

    /// @dev Adds up every `Dispatched(amount, toTreasury, toVault)` of this call (harvest, unlock, claim).
    function _recordDispatches() internal {
        Vm.Log[] memory logs = vm.getRecordedLogs();
        for (uint256 i; i < logs.length; ++i) {
            if (logs[i].emitter != address(dispatcher) || logs[i].topics[0] != DISPATCHED) continue;
            (uint256 amount, uint256 toTreasury,) = abi.decode(logs[i].data, (uint256, uint256, uint256));
            ghostRewards += amount;
            ghostFees += toTreasury;
        }
    }

    function _lossHappened() internal view returns (bool) {
        return ghostLoss != 0;
    }

    function _actor(uint256 seed) internal view returns (address) {
        return actors[seed % actors.length];
    }

    // ------------------------------------------------------------------ actors

    function stake(uint256 actorSeed, uint256 amount) external tracked("stake") {
        (address a, uint256 assets) = _fundActor(actorSeed, amount);
        manager.stake(assets, a, address(0));
        vm.stopPrank();
        ghostDeposited[a] += assets;
    }

    function stakeAndRestake(uint256 actorSeed, uint256 amount) external tracked("stakeAndRestake") {
        (address a, uint256 assets) = _fundActor(actorSeed, amount);
        manager.stakeAndRestake(assets, a, address(0));
        vm.stopPrank();
        ghostDeposited[a] += assets;
    }

    /// @dev Mints a bounded METIS amount to an actor, approves the manager and
    /// leaves the actor pranked for the stake call (the caller stops the prank).
    function _fundActor(uint256 actorSeed, uint256 amount) private returns (address a, uint256 assets) {
        a = _actor(actorSeed);
        assets = bound(amount, 0.01 ether, 60_000e18);
        vm.prank(admin);
        metis.mint(a, assets);
        vm.startPrank(a);
        metis.approve(address(manager), assets);
    }

    function restake(uint256 actorSeed, uint256 amount) external tracked("restake") {
        address a = _actor(actorSeed);
        uint256 balance = eMetis.balanceOf(a);
        if (balance < 1e12) return;
        amount = bound(amount, 1e12, balance);
        vm.startPrank(a);
        eMetis.approve(address(seMetis), amount);
        seMetis.deposit(amount, a);
        vm.stopPrank();
    }

    function unstake(uint256 actorSeed, uint256 shares) external tracked("unstake") {
        address a = _actor(actorSeed);
        uint256 balance = seMetis.balanceOf(a);
        if (balance == 0) return;
        shares = bound(shares, 1, balance);
        if (seMetis.previewRedeem(shares) == 0) return;
        vm.prank(a);
        seMetis.redeem(shares, a, a);
    }

    function requestRedemption(uint256 actorSeed, uint256 amount) external tracked("request") {
        address a = _actor(actorSeed);
        uint256 balance = eMetis.balanceOf(a);
        if (balance < 0.01 ether) return;
        amount = bound(amount, 0.01 ether, balance < 100_000e18 ? balance : 100_000e18);
        vm.startPrank(a);
        eMetis.approve(address(queue), amount);
        queue.requestRedemption(amount, a);
        vm.stopPrank();
    }

    function claim(uint256 idSeed) external tracked("claim") {
        uint256 last = queue.lastFinalizedId();
        if (last == 0) return;
        uint256 id = bound(idSeed, 1, last);
        IRedemptionQueue.TicketInfo memory t = queue.getTicket(id);
        if (t.status == IRedemptionQueue.TicketStatus.Claimed) {
            // a second claim must fail
            vm.prank(t.owner);
            try queue.claim(id, t.owner) {
                ghostDoubleClaim = true;
            } catch {}
            return;
        }
        if (t.status != IRedemptionQueue.TicketStatus.Claimable) return;
        vm.prank(t.owner);
        uint256 paid = queue.claim(id, t.owner);
        ++ghostClaims[id];
        ghostRedeemed[t.owner] += paid;
        ghostMetisPaidByQueue += paid;
    }

    // ------------------------------------------------------------------ keeper, MPC, time

    function allocate() external tracked("allocate") {
        vm.prank(keeper);
        try manager.allocate() {} catch {}
    }

    function harvest() external tracked("harvest") {
        manager.harvest();
    }

    /// @dev Funds as many tickets as the buffer pays for; frees node liquidity first when the queue waits.
    function fund(uint256 nodeSeed) external tracked("fund") {
        uint256 pending = queue.unfinalizedAmount();
        if (pending == 0) return;
        uint256 buffer = manager.bufferedMetis();
        uint256 ratio = manager.backingRatio();
        if (ratio == 0) return;
        uint256 budget = buffer * 1e18 / ratio;
        (uint256 lastId,) = queue.finalizableUpTo(budget);
        if (lastId > queue.lastFinalizedId()) {
            vm.prank(keeper);
            manager.fundRedemptions(lastId);
        } else {
            _freeLiquidity(nodeSeed, pending);
        }
    }

    function _freeLiquidity(uint256 nodeSeed, uint256 needed) internal {
        uint256 count = manager.nodeCount();
        if (count == 0) return;
        uint256 i = nodeSeed % count;
        if (manager.nodeState(i) != StakingManager.NodeState.Active) return;
        (,,, uint256 principal,) = manager.node(i);
        uint256 minLock = pool.minLock();
        vm.startPrank(keeper);
        if (principal >= minLock + needed) {
            try manager.withdrawFromNode(i, needed) {} catch {}
        } else {
            manager.unlockNode(i);
        }
        vm.stopPrank();
    }

    function claimUnlockedNodes() external tracked("claimUnlocked") {
        uint256 count = manager.nodeCount();
        for (uint256 i; i < count; ++i) {
            if (manager.nodeState(i) != StakingManager.NodeState.Unlocking) continue;
            (,, uint256 seqId,,) = manager.node(i);
            if (block.timestamp < pool.sequencerUnlockClaimTime(seqId)) continue;
            manager.claimUnlockedNode(i);
        }
    }

    function submitBatch(uint256 blocks) external tracked("batch") {
        blocks = bound(blocks, 1, 50_000);
        uint256 count = manager.nodeCount();
        uint256 active;
        for (uint256 i; i < count; ++i) {
            (,, uint256 seqId,,) = manager.node(i);
            if (seqId != 0 && pool.sequencerStatus(seqId) == ISequencerLockingPool.Status.Active) ++active;
        }
        if (active == 0) return;
        address[] memory signers = new address[](active);
        uint256[] memory counts = new uint256[](active);
        uint256 j;
        for (uint256 i; i < count; ++i) {
            (, address signer, uint256 seqId,,) = manager.node(i);
            if (seqId != 0 && pool.sequencerStatus(seqId) == ISequencerLockingPool.Status.Active) {
                signers[j] = signer;
                counts[j++] = blocks;
            }
        }
        uint256 start = lastEpoch + 1;
        lastEpoch = start;
        uint256 batchId = pool.currentBatch() + 1;
        vm.prank(mpc);
        pool.batchSubmitRewards(batchId, start, start, signers, counts);
    }

    function warp(uint256 secondsForward) external tracked("warp") {
        secondsForward = bound(secondsForward, 1 hours, 10 days);
        vm.warp(block.timestamp + secondsForward);
    }

    /// @dev Only when the suite enables losses: slashes part of an active node and records it.
    function slash(uint256 nodeSeed, uint256 amount) external tracked("slash") {
        if (!lossEnabled) return;
        uint256 count = manager.nodeCount();
        if (count == 0) return;
        uint256 i = nodeSeed % count;
        (,, uint256 seqId, uint256 principal,) = manager.node(i);
        if (seqId == 0 || manager.nodeState(i) != StakingManager.NodeState.Active) return;
        amount = bound(amount, 1e18, principal / 2);
        vm.prank(admin);
        pool.slash(seqId, amount);
        ghostLoss += amount;
        manager.syncNode(i);
        if (manager.underBacked()) ++ghostUnderBackedSlashes;
    }

    function actorCount() external view returns (uint256) {
        return actors.length;
    }
}
