// SPDX-License-Identifier: MIT
pragma solidity 0.8.23;

import {Test} from "../utils/Test.sol";
import {DevMetis} from "../../src/network/DevMetis.sol";
import {SequencerLockingPool} from "../../src/network/SequencerLockingPool.sol";
import {ISequencerLockingPool} from "../../src/interfaces/ISequencerLockingPool.sol";

/// @dev Drives the pool with mostly-valid calls from a few whitelisted owners.
contract PoolHandler is Test {
    SequencerLockingPool internal immutable pool;
    DevMetis internal immutable metis;
    address internal immutable admin;
    address internal immutable mpc;

    address[] public actors;
    uint256 internal nextKey = 1;
    mapping(uint256 seqId => bool) public slashed;
    /// @dev Successful calls per action, to check the handler reaches every path.
    mapping(bytes32 action => uint256 count) public hits;

    constructor(SequencerLockingPool pool_, DevMetis metis_, address admin_, address mpc_, address[] memory actors_) {
        pool = pool_;
        metis = metis_;
        admin = admin_;
        mpc = mpc_;
        actors = actors_;
    }

    function _actor(uint256 i) internal view returns (address) {
        return actors[i % actors.length];
    }

    function _activeSeq(address owner) internal view returns (uint256 id) {
        id = pool.seqOwners(owner);
        if (id != 0 && pool.sequencerStatus(id) != ISequencerLockingPool.Status.Active) id = 0;
    }

    function lock(uint256 actorSeed, uint256 amount) external {
        address owner = _actor(actorSeed);
        if (pool.seqOwners(owner) != 0) return;
        amount = bound(amount, pool.minLock(), pool.maxLock());
        bytes memory pk = abi.encodePacked(keccak256(abi.encode(nextKey, 1)), keccak256(abi.encode(nextKey, 2)));
        ++nextKey;
        address signer = address(uint160(uint256(keccak256(pk))));
        vm.prank(owner);
        pool.lockFor(signer, amount, pk);
        ++hits["lock"];
    }

    function relock(uint256 actorSeed, uint256 amount, bool lockReward) external {
        address owner = _actor(actorSeed);
        uint256 id = _activeSeq(owner);
        if (id == 0) return;
        uint256 fromReward = lockReward ? pool.sequencerReward(id) : 0;
        uint256 room = pool.maxLock() - pool.sequencerBalance(id);
        if (fromReward > room) return;
        amount = bound(amount, 0, room - fromReward);
        if (amount + fromReward == 0) return;
        vm.prank(owner);
        pool.relock(id, amount, lockReward);
        ++hits["relock"];
    }

    function withdraw(uint256 actorSeed, uint256 amount) external {
        address owner = _actor(actorSeed);
        uint256 id = _activeSeq(owner);
        if (id == 0) return;
        uint256 updatedBatch = pool.sequencerInfo(id).updatedBatch;
        if (pool.currentBatch() <= updatedBatch) return;
        uint256 bal = pool.sequencerBalance(id);
        if (bal <= pool.minLock()) return;
        amount = bound(amount, 1, bal - pool.minLock());
        vm.prank(owner);
        pool.withdraw(id, amount);
        ++hits["withdraw"];
    }

    function batch(uint256 blocksSeed) external {
        uint256 n;
        address[] memory s = new address[](actors.length);
        uint256[] memory b = new uint256[](actors.length);
        for (uint256 i; i < actors.length; ++i) {
            uint256 id = _activeSeq(actors[i]);
            if (id == 0) continue;
            address signer = pool.sequencerInfo(id).signer;
            s[n] = signer;
            b[n] = uint256(keccak256(abi.encode(blocksSeed, i))) % 20_000;
            ++n;
        }
        assembly ("memory-safe") {
            mstore(s, n)
            mstore(b, n)
        }
        uint256 start = pool.lastEndEpoch() + 1;
        uint256 batchId = pool.currentBatch() + 1;
        vm.prank(mpc);
        pool.batchSubmitRewards(batchId, start, start + 9, s, b);
        ++hits["batch"];
    }

    function withdrawRewards(uint256 actorSeed) external {
        address owner = _actor(actorSeed);
        uint256 id = _activeSeq(owner);
        if (id == 0) return;
        vm.prank(owner);
        pool.withdrawRewards(id, 0);
        ++hits["withdrawRewards"];
    }

    function unlock(uint256 actorSeed, bool forced) external {
        address owner = _actor(actorSeed);
        uint256 id = _activeSeq(owner);
        if (id == 0) return;
        vm.prank(forced ? admin : owner);
        if (forced) pool.forceUnlock(id, 0);
        else pool.unlock(id, 0);
        ++hits[forced ? bytes32("forceUnlock") : bytes32("unlock")];
    }

    function claim(uint256 actorSeed) external {
        address owner = _actor(actorSeed);
        uint256 id = pool.seqOwners(owner);
        if (id == 0 || pool.sequencerStatus(id) != ISequencerLockingPool.Status.Inactive) return;
        if (block.timestamp < pool.sequencerUnlockClaimTime(id)) return;
        vm.prank(owner);
        pool.unlockClaim(id, 0);
        ++hits["claim"];
    }

    function slash(uint256 actorSeed, uint256 amount) external {
        uint256 id = pool.seqOwners(_actor(actorSeed));
        if (id == 0) return;
        uint256 available = pool.sequencerBalance(id) + pool.sequencerReward(id);
        if (available == 0) return;
        amount = bound(amount, 1, available / 10 + 1);
        vm.prank(admin);
        pool.slash(id, amount);
        ++hits["slash"];
        slashed[id] = true;
    }

    function passTime(uint256 dt) external {
        vm.warp(block.timestamp + bound(dt, 1 hours, 10 days));
    }

    function actorCount() external view returns (uint256) {
        return actors.length;
    }
}

contract SequencerLockingPoolInvariantTest is Test {
    DevMetis internal metis;
    SequencerLockingPool internal pool;
    PoolHandler internal handler;
    address internal admin = makeAddr("admin");
    address internal mpc = makeAddr("mpc");
    address internal payer = makeAddr("payer");
    address[] internal actors;
    uint256 internal supply;

    function setUp() public {
        metis = new DevMetis(admin);
        pool = new SequencerLockingPool(address(metis), admin, mpc, payer);
        address escrow = pool.escrow();
        vm.prank(admin);
        metis.mint(payer, 1e30);
        vm.prank(payer);
        metis.approve(escrow, type(uint256).max);
        for (uint256 i; i < 3; ++i) {
            address a = makeAddr(string(abi.encodePacked("owner", vm.toString(i))));
            actors.push(a);
            vm.prank(admin);
            metis.mint(a, 1e27);
            vm.prank(a);
            metis.approve(escrow, type(uint256).max);
            vm.prank(admin);
            pool.setWhitelist(a, true);
        }
        supply = metis.totalSupply();
        handler = new PoolHandler(pool, metis, admin, mpc, actors);
        bytes4[] memory sel = new bytes4[](9);
        sel[0] = PoolHandler.lock.selector;
        sel[1] = PoolHandler.relock.selector;
        sel[2] = PoolHandler.withdraw.selector;
        sel[3] = PoolHandler.batch.selector;
        sel[4] = PoolHandler.withdrawRewards.selector;
        sel[5] = PoolHandler.unlock.selector;
        sel[6] = PoolHandler.claim.selector;
        sel[7] = PoolHandler.slash.selector;
        sel[8] = PoolHandler.passTime.selector;
        targetContract(address(handler));
        targetSelector(FuzzSelector({addr: address(handler), selectors: sel}));
    }

    /// @dev The handler itself must reach every state; otherwise the invariants above prove little.
    function test_handlerReachesEveryPath() public {
        handler.lock(0, 0);
        handler.lock(1, type(uint256).max);
        handler.lock(2, 50_000e18);
        handler.batch(1);
        handler.relock(0, 1_000e18, true);
        handler.withdraw(1, 1e18);
        handler.batch(2);
        handler.withdrawRewards(2);
        handler.slash(2, 1e18);
        handler.unlock(0, false);
        handler.unlock(1, true);
        handler.passTime(10 days);
        handler.passTime(10 days);
        handler.passTime(10 days);
        handler.claim(0);
        handler.claim(1);
        handler.lock(0, 0);
        string[9] memory names =
            ["lock", "relock", "withdraw", "batch", "withdrawRewards", "slash", "unlock", "forceUnlock", "claim"];
        for (uint256 i; i < names.length; ++i) {
            assertGt(handler.hits(bytes32(bytes(names[i]))), 0);
        }
        assertEq(handler.hits("lock"), 4);
        assertEq(handler.hits("claim"), 2);
        invariant_escrowHoldsAllPrincipalAndRewards();
        invariant_principalWithinLimits();
        invariant_metisConserved();
    }

    function _sums() internal view returns (uint256 principal, uint256 reward) {
        uint256 n = pool.seqCount();
        for (uint256 id = 1; id <= n; ++id) {
            principal += pool.sequencerBalance(id);
            reward += pool.sequencerReward(id);
        }
    }

    function invariant_escrowHoldsAllPrincipalAndRewards() public view {
        (uint256 principal, uint256 reward) = _sums();
        assertEq(metis.balanceOf(pool.escrow()), principal + reward, "escrow != principal + reward");
        assertEq(pool.totalLocked(), principal, "totalLocked != sum of principal");
        assertEq(pool.totalReward(), reward, "totalReward != sum of rewards");
    }

    function invariant_principalWithinLimits() public view {
        uint256 n = pool.seqCount();
        for (uint256 id = 1; id <= n; ++id) {
            uint256 bal = pool.sequencerBalance(id);
            ISequencerLockingPool.Status st = pool.sequencerStatus(id);
            assertLe(bal, pool.maxLock(), "principal above maxLock");
            if (st == ISequencerLockingPool.Status.Unlocked) {
                assertEq(bal, 0, "unlocked sequencer holds principal");
                assertEq(pool.sequencerReward(id), 0, "unlocked sequencer holds reward");
            } else if (!handler.slashed(id)) {
                assertGe(bal, pool.minLock(), "unslashed principal below minLock");
            }
        }
    }

    function invariant_oneLiveSequencerPerOwner() public view {
        for (uint256 i; i < actors.length; ++i) {
            uint256 id = pool.seqOwners(actors[i]);
            if (id == 0) continue;
            address owner = pool.sequencerInfo(id).owner;
            assertEq(owner, actors[i], "seqOwners points at another owner's sequencer");
            assertTrue(pool.sequencerStatus(id) != ISequencerLockingPool.Status.Unlocked, "owner bound to unlocked seq");
        }
    }

    function invariant_signersNeverReleased() public view {
        uint256 n = pool.seqCount();
        for (uint256 id = 1; id <= n; ++id) {
            address signer = pool.sequencerInfo(id).signer;
            assertEq(pool.seqSigners(signer), id, "signer mapping lost");
        }
    }

    function invariant_metisConserved() public view {
        uint256 held = metis.balanceOf(pool.escrow()) + metis.balanceOf(payer) + metis.balanceOf(admin);
        for (uint256 i; i < actors.length; ++i) {
            held += metis.balanceOf(actors[i]);
        }
        assertEq(held, supply, "METIS leaked");
        assertEq(metis.totalSupply(), supply);
    }
}
