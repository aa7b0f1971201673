// SPDX-License-Identifier: MIT
pragma solidity 0.8.23;

import {Test} from "../utils/Test.sol";
import {DevMetis} from "../../src/network/DevMetis.sol";
import {SequencerLockingPool} from "../../src/network/SequencerLockingPool.sol";

/// @dev Shared setup: METIS, pool, admin/mpc/payer, and helpers to make signer keys and sequencers.
abstract contract PoolBase is Test {
    DevMetis internal metis;
    SequencerLockingPool internal pool;
    address internal escrow;

    address internal admin = makeAddr("admin");
    address internal mpc = makeAddr("mpc");
    address internal payer = makeAddr("payer");
    address internal alice = makeAddr("alice");
    address internal bob = makeAddr("bob");

    uint256 internal constant MIN = 20_000e18;
    uint256 internal constant MAX = 100_000e18;
    uint256 internal constant RPB = 761_000 gwei;

    function setUp() public virtual {
        metis = new DevMetis(admin);
        pool = new SequencerLockingPool(address(metis), admin, mpc, payer);
        escrow = pool.escrow();
        vm.startPrank(admin);
        metis.mint(payer, 1e27);
        metis.mint(alice, 1e24);
        metis.mint(bob, 1e24);
        pool.setWhitelist(alice, true);
        pool.setWhitelist(bob, true);
        vm.stopPrank();
        vm.prank(payer);
        metis.approve(escrow, type(uint256).max);
        vm.prank(alice);
        metis.approve(escrow, type(uint256).max);
        vm.prank(bob);
        metis.approve(escrow, type(uint256).max);
    }

    /// @dev A deterministic 64-byte "public key" and the signer address the pool derives from it.
    function key(uint256 seed) internal pure returns (bytes memory pk, address signer) {
        pk = abi.encodePacked(keccak256(abi.encode(seed, 1)), keccak256(abi.encode(seed, 2)));
        signer = address(uint160(uint256(keccak256(pk))));
    }

    function lockAs(address owner, uint256 seed, uint256 amount) internal returns (uint256 seqId, address signer) {
        bytes memory pk;
        (pk, signer) = key(seed);
        vm.prank(owner);
        pool.lockFor(signer, amount, pk);
        seqId = pool.seqOwners(owner);
    }

    /// @dev Submits the next batch (epochs advance by 1) rewarding `signer` with `blocks` blocks.
    function submit(address signer, uint256 blocks) internal {
        address[] memory s = new address[](1);
        uint256[] memory b = new uint256[](1);
        s[0] = signer;
        b[0] = blocks;
        submitMany(s, b);
    }

    function submitMany(address[] memory s, uint256[] memory b) internal {
        uint256 next = pool.currentBatch() + 1;
        uint256 start = pool.lastEndEpoch() + 1;
        vm.prank(mpc);
        pool.batchSubmitRewards(next, start, start, s, b);
    }

    function info(uint256 id) internal view returns (SequencerLockingPool.Sequencer memory) {
        return pool.sequencerInfo(id);
    }

    function emptyBatch() internal {
        submitMany(new address[](0), new uint256[](0));
    }
}
