// SPDX-License-Identifier: MIT
pragma solidity 0.8.23;

import {Test} from "../utils/Test.sol";
import {GovernanceToken} from "../../src/l2/governance/GovernanceToken.sol";
import {MerkleAirdrop} from "../../src/l2/governance/MerkleAirdrop.sol";
import {IMerkleAirdrop} from "../../src/interfaces/IMerkleAirdrop.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {MerkleTestLib} from "./utils/MerkleTestLib.sol";

contract MerkleAirdropTest is Test {
    uint256 internal constant N = 7; // odd on purpose: exercises promoted nodes
    uint256 internal constant FUNDED = 1_000_000e18;

    address internal treasury = makeAddr("treasury");
    address internal admin = makeAddr("admin");
    address internal incentives = makeAddr("incentives");
    address internal relayer = makeAddr("relayer");

    address[] internal accounts;
    uint256[] internal amounts;
    bytes32[][] internal layers;
    bytes32 internal root;
    uint256 internal deadline;

    GovernanceToken internal token;
    MerkleAirdrop internal drop;

    function setUp() public {
        vm.warp(1_700_000_000);
        deadline = block.timestamp + 30 days;
        bytes32[] memory leaves = new bytes32[](N);
        for (uint256 i = 0; i < N; i++) {
            accounts.push(makeAddr(string(abi.encodePacked("user", vm.toString(i)))));
            amounts.push((i + 1) * 1000e18 + i); // odd wei amounts exercise rounding
            leaves[i] = MerkleTestLib.leaf(i, accounts[i], amounts[i]);
        }
        layers = MerkleTestLib.build(leaves);
        root = MerkleTestLib.root(layers);
        (token, drop) = _deploy(0, 0);
    }

    function _deploy(uint16 bps, uint64 duration) internal returns (GovernanceToken t, MerkleAirdrop d) {
        address predicted = vm.computeCreateAddress(address(this), vm.getNonce(address(this)) + 1);
        d = new MerkleAirdrop(predicted, root, deadline, treasury, admin, bps, duration);
        t = new GovernanceToken(address(d), incentives, treasury, 0);
        assertEq(address(t), predicted);
    }

    function _proof(uint256 i) internal view returns (bytes32[] memory) {
        return MerkleTestLib.proof(layers, i);
    }

    function _claim(MerkleAirdrop d, uint256 i) internal {
        d.claim(i, accounts[i], amounts[i], _proof(i));
    }

    // ------------------------------------------------------------------ constructor

    function test_constructor_setsEverything() public view {
        assertEq(drop.token(), address(token));
        assertEq(drop.merkleRoot(), root);
        assertEq(drop.deadline(), deadline);
        assertEq(drop.treasury(), treasury);
        assertEq(drop.owner(), admin);
        assertEq(uint256(drop.vestingBps()), 0);
        assertEq(uint256(drop.vestingDuration()), 0);
        assertEq(drop.totalLocked(), 0);
        assertEq(token.balanceOf(address(drop)), FUNDED);
    }

    function test_constructor_reverts() public {
        vm.expectRevert(IMerkleAirdrop.AirdropZeroAddress.selector);
        new MerkleAirdrop(address(0), root, deadline, treasury, admin, 0, 0);
        vm.expectRevert(IMerkleAirdrop.AirdropZeroAddress.selector);
        new MerkleAirdrop(address(token), root, deadline, address(0), admin, 0, 0);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableInvalidOwner.selector, address(0)));
        new MerkleAirdrop(address(token), root, deadline, treasury, address(0), 0, 0);
        vm.expectRevert(IMerkleAirdrop.AirdropZeroRoot.selector);
        new MerkleAirdrop(address(token), bytes32(0), deadline, treasury, admin, 0, 0);
        vm.expectRevert(abi.encodeWithSelector(IMerkleAirdrop.AirdropDeadlineInPast.selector, block.timestamp));
        new MerkleAirdrop(address(token), root, block.timestamp, treasury, admin, 0, 0);
        vm.expectRevert(abi.encodeWithSelector(IMerkleAirdrop.AirdropBadVesting.selector, uint16(10_001), uint64(1)));
        new MerkleAirdrop(address(token), root, deadline, treasury, admin, 10_001, 1);
        vm.expectRevert(abi.encodeWithSelector(IMerkleAirdrop.AirdropBadVesting.selector, uint16(5000), uint64(0)));
        new MerkleAirdrop(address(token), root, deadline, treasury, admin, 5000, 0);
        vm.expectRevert(abi.encodeWithSelector(IMerkleAirdrop.AirdropBadVesting.selector, uint16(0), uint64(100)));
        new MerkleAirdrop(address(token), root, deadline, treasury, admin, 0, 100);
        // 100% vesting is allowed
        new MerkleAirdrop(address(token), root, deadline, treasury, admin, 10_000, 100);
    }

    // ------------------------------------------------------------------ claim

    function test_claim_anyonePaysTheAccount() public {
        vm.expectEmit(address(drop));
        emit IMerkleAirdrop.Claimed(3, accounts[3], amounts[3], 0);
        vm.prank(relayer);
        _claim(drop, 3);
        assertEq(token.balanceOf(accounts[3]), amounts[3]);
        assertEq(token.balanceOf(relayer), 0);
        assertEq(token.balanceOf(address(drop)), FUNDED - amounts[3]);
        assertTrue(drop.isClaimed(3));
        assertFalse(drop.isClaimed(2));
        assertFalse(drop.isClaimed(4));
    }

    function test_claim_everyLeaf() public {
        uint256 paid;
        for (uint256 i = 0; i < N; i++) {
            _claim(drop, i);
            paid += amounts[i];
            assertEq(token.balanceOf(accounts[i]), amounts[i]);
        }
        assertEq(token.balanceOf(address(drop)), FUNDED - paid);
    }

    function test_claim_revertsWhenAlreadyClaimed() public {
        _claim(drop, 5);
        vm.expectRevert(abi.encodeWithSelector(IMerkleAirdrop.AirdropAlreadyClaimed.selector, 5));
        _claim(drop, 5);
    }

    function test_claim_revertsOnInvalidProof() public {
        bytes32[] memory p = _proof(1);
        vm.expectRevert(IMerkleAirdrop.AirdropInvalidProof.selector);
        drop.claim(1, accounts[1], amounts[1] + 1, p); // wrong amount
        vm.expectRevert(IMerkleAirdrop.AirdropInvalidProof.selector);
        drop.claim(1, relayer, amounts[1], p); // wrong account
        vm.expectRevert(IMerkleAirdrop.AirdropInvalidProof.selector);
        drop.claim(2, accounts[1], amounts[1], p); // wrong index
        vm.expectRevert(IMerkleAirdrop.AirdropInvalidProof.selector);
        drop.claim(1, accounts[1], amounts[1], _proof(0)); // someone else's proof
        vm.expectRevert(IMerkleAirdrop.AirdropInvalidProof.selector);
        drop.claim(1, accounts[1], amounts[1], new bytes32[](0)); // empty proof
        assertFalse(drop.isClaimed(1));
    }

    function testFuzz_claim_revertsOnForgedLeaf(uint256 index, address account, uint256 amount) public {
        index = bound(index, 0, N - 1);
        vm.assume(account != accounts[index] || amount != amounts[index]);
        vm.expectRevert(IMerkleAirdrop.AirdropInvalidProof.selector);
        drop.claim(index, account, amount, _proof(index));
    }

    function test_claim_atDeadlineWorks_afterReverts() public {
        vm.warp(deadline);
        _claim(drop, 0);
        vm.warp(deadline + 1);
        vm.expectRevert(abi.encodeWithSelector(IMerkleAirdrop.AirdropExpired.selector, deadline));
        _claim(drop, 1);
    }

    function testFuzz_claim_anyOrder(uint256 seed) public {
        uint256 paid;
        for (uint256 k = 0; k < N; k++) {
            uint256 i = uint256(keccak256(abi.encode(seed, k))) % N;
            if (drop.isClaimed(i)) {
                vm.expectRevert(abi.encodeWithSelector(IMerkleAirdrop.AirdropAlreadyClaimed.selector, i));
                _claim(drop, i);
            } else {
                _claim(drop, i);
                paid += amounts[i];
            }
        }
        assertEq(token.balanceOf(address(drop)), FUNDED - paid);
    }

    function test_bitmap_wordBoundaries() public {
        // A second tree with indexes around the 256-bit word boundary.
        uint256[4] memory idx = [uint256(255), 256, 511, 512];
        bytes32[] memory leaves = new bytes32[](4);
        for (uint256 k = 0; k < 4; k++) {
            leaves[k] = MerkleTestLib.leaf(idx[k], accounts[k], 1e18);
        }
        bytes32[][] memory l = MerkleTestLib.build(leaves);
        address predicted = vm.computeCreateAddress(address(this), vm.getNonce(address(this)) + 1);
        MerkleAirdrop d = new MerkleAirdrop(predicted, MerkleTestLib.root(l), deadline, treasury, admin, 0, 0);
        new GovernanceToken(address(d), incentives, treasury, 0);
        d.claim(256, accounts[1], 1e18, MerkleTestLib.proof(l, 1));
        assertTrue(d.isClaimed(256));
        assertFalse(d.isClaimed(255));
        assertFalse(d.isClaimed(257));
        d.claim(255, accounts[0], 1e18, MerkleTestLib.proof(l, 0));
        d.claim(512, accounts[3], 1e18, MerkleTestLib.proof(l, 3));
        assertTrue(d.isClaimed(255) && d.isClaimed(512));
        assertFalse(d.isClaimed(511));
        vm.expectRevert(abi.encodeWithSelector(IMerkleAirdrop.AirdropAlreadyClaimed.selector, 512));
        d.claim(512, accounts[3], 1e18, MerkleTestLib.proof(l, 3));
    }

    /// Root and proofs produced by `npm run airdrop:build` (OpenZeppelin StandardMerkleTree) for the CSV
    /// `0x7099...79C8,12.5` / `0x3C44...93BC,1`: the contract accepts the tool's output as is.
    function test_claim_acceptsTheToolsOutput() public {
        bytes32 toolRoot = 0xc14e3e14d379ce52b5aa3644829be5409221227c81dac5c8098bdc46d2124a1a;
        address a = 0x70997970C51812dc3A010C7d01b50e0d17dc79C8;
        address b = 0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC;
        address predicted = vm.computeCreateAddress(address(this), vm.getNonce(address(this)) + 1);
        MerkleAirdrop d = new MerkleAirdrop(predicted, toolRoot, deadline, treasury, admin, 0, 0);
        GovernanceToken t = new GovernanceToken(address(d), incentives, treasury, 0);
        bytes32[] memory p = new bytes32[](1);
        p[0] = 0x0df2e081254073fa5f5b38186537c63278f80f586168bcb710b27efa121b925b;
        d.claim(0, a, 12.5e18, p);
        p[0] = 0x81f26ad09ac4e532e625af06bfa8a99f605947c44b544d51a969a0733720ee0c;
        vm.expectRevert(IMerkleAirdrop.AirdropInvalidProof.selector);
        d.claim(1, b, 2e18, p);
        d.claim(1, b, 1e18, p);
        assertEq(t.balanceOf(a), 12.5e18);
        assertEq(t.balanceOf(b), 1e18);
    }

    // ------------------------------------------------------------------ vesting

    function test_vesting_splitsAndVestsLinearly() public {
        (GovernanceToken t, MerkleAirdrop d) = _deploy(4000, 100 days);
        address a = accounts[2];
        uint256 amount = amounts[2];
        uint256 locked = (amount * 4000) / 10_000;
        vm.expectEmit(address(d));
        emit IMerkleAirdrop.Claimed(2, a, amount, locked);
        _claim(d, 2);
        assertEq(t.balanceOf(a), amount - locked);
        assertEq(d.totalLocked(), locked);
        (uint256 total, uint256 released, uint256 releasable) = d.vested(a);
        assertEq(total, locked);
        assertEq(released, 0);
        assertEq(releasable, 0);

        vm.expectRevert(abi.encodeWithSelector(IMerkleAirdrop.AirdropNothingToRelease.selector, a));
        d.release(a);

        vm.warp(block.timestamp + 25 days);
        (,, releasable) = d.vested(a);
        assertEq(releasable, (locked * 25) / 100);
        vm.expectEmit(address(d));
        emit IMerkleAirdrop.Released(a, releasable);
        vm.prank(relayer); // anyone may trigger, the account is paid
        assertEq(d.release(a), releasable);
        assertEq(t.balanceOf(a), amount - locked + releasable);
        assertEq(d.totalLocked(), locked - releasable);

        vm.warp(block.timestamp + 1000 days);
        uint256 rest = d.release(a);
        assertEq(rest, locked - releasable);
        assertEq(t.balanceOf(a), amount);
        assertEq(d.totalLocked(), 0);
        (total, released, releasable) = d.vested(a);
        assertEq(total, locked);
        assertEq(released, locked);
        assertEq(releasable, 0);
        vm.expectRevert(abi.encodeWithSelector(IMerkleAirdrop.AirdropNothingToRelease.selector, a));
        d.release(a);
    }

    function test_vesting_fullVestingPaysNothingAtClaim() public {
        (GovernanceToken t, MerkleAirdrop d) = _deploy(10_000, 10 days);
        _claim(d, 0);
        assertEq(t.balanceOf(accounts[0]), 0);
        assertEq(d.totalLocked(), amounts[0]);
        vm.warp(block.timestamp + 10 days);
        d.release(accounts[0]);
        assertEq(t.balanceOf(accounts[0]), amounts[0]);
    }

    function test_vesting_releaseWorksAfterDeadline() public {
        (GovernanceToken t, MerkleAirdrop d) = _deploy(5000, 60 days);
        _claim(d, 1);
        vm.warp(deadline + 90 days);
        d.release(accounts[1]);
        assertEq(t.balanceOf(accounts[1]), amounts[1]);
    }

    function testFuzz_vesting_neverOverpays(uint16 bps, uint64 duration, uint256 t1, uint256 t2) public {
        bps = uint16(bound(bps, 1, 10_000));
        duration = uint64(bound(duration, 1, 4 * 365 days));
        (GovernanceToken t, MerkleAirdrop d) = _deploy(bps, duration);
        _claim(d, 4);
        uint256 locked = (amounts[4] * bps) / 10_000;
        assertEq(t.balanceOf(accounts[4]), amounts[4] - locked);
        uint256 start = block.timestamp;
        t1 = bound(t1, 0, 5 * 365 days);
        t2 = bound(t2, t1, 5 * 365 days);
        vm.warp(start + t1);
        (,, uint256 r1) = d.vested(accounts[4]);
        uint256 expected1 = t1 >= duration ? locked : (locked * t1) / duration;
        assertEq(r1, expected1);
        if (r1 != 0) d.release(accounts[4]);
        vm.warp(start + t2);
        (,, uint256 r2) = d.vested(accounts[4]);
        uint256 expected2 = t2 >= duration ? locked : (locked * t2) / duration;
        assertEq(r1 + r2, expected2);
        if (r2 != 0) d.release(accounts[4]);
        assertEq(t.balanceOf(accounts[4]), amounts[4] - locked + expected2);
        assertEq(d.totalLocked(), locked - expected2);
    }

    function test_vesting_secondLeafForSameAccountRebases() public {
        // Two leaves for the same account (the CSV tooling rejects this, the contract still handles it).
        address a = accounts[0];
        bytes32[] memory leaves = new bytes32[](2);
        leaves[0] = MerkleTestLib.leaf(0, a, 100e18);
        leaves[1] = MerkleTestLib.leaf(1, a, 200e18);
        bytes32[][] memory l = MerkleTestLib.build(leaves);
        address predicted = vm.computeCreateAddress(address(this), vm.getNonce(address(this)) + 1);
        MerkleAirdrop d = new MerkleAirdrop(predicted, MerkleTestLib.root(l), deadline, treasury, admin, 5000, 100);
        GovernanceToken t = new GovernanceToken(address(d), incentives, treasury, 0);

        d.claim(0, a, 100e18, MerkleTestLib.proof(l, 0)); // 50 now, 50 locked
        vm.warp(block.timestamp + 40); // 20 vested
        vm.expectEmit(address(d));
        emit IMerkleAirdrop.Released(a, 20e18);
        d.claim(1, a, 200e18, MerkleTestLib.proof(l, 1)); // 100 now + 20 released; 30 + 100 locked from now
        assertEq(t.balanceOf(a), 170e18);
        (uint256 total, uint256 released, uint256 releasable) = d.vested(a);
        assertEq(total, 130e18);
        assertEq(released, 0);
        assertEq(releasable, 0);
        assertEq(d.totalLocked(), 130e18);
        vm.warp(block.timestamp + 100);
        d.release(a);
        assertEq(t.balanceOf(a), 300e18);
        assertEq(d.totalLocked(), 0);
    }

    // ------------------------------------------------------------------ sweep

    function test_sweep_sendsUnclaimedToTreasury() public {
        _claim(drop, 0);
        vm.warp(deadline + 1);
        uint256 expected = FUNDED - amounts[0];
        vm.expectEmit(address(drop));
        emit IMerkleAirdrop.Swept(treasury, expected);
        vm.prank(admin);
        assertEq(drop.sweep(), expected);
        assertEq(token.balanceOf(treasury), 9_000_000e18 + expected);
        assertEq(token.balanceOf(address(drop)), 0);
        vm.prank(admin);
        vm.expectRevert(IMerkleAirdrop.AirdropNothingToSweep.selector);
        drop.sweep();
    }

    function test_sweep_revertsBeforeOrAtDeadline() public {
        vm.prank(admin);
        vm.expectRevert(abi.encodeWithSelector(IMerkleAirdrop.AirdropNotExpired.selector, deadline));
        drop.sweep();
        vm.warp(deadline);
        vm.prank(admin);
        vm.expectRevert(abi.encodeWithSelector(IMerkleAirdrop.AirdropNotExpired.selector, deadline));
        drop.sweep();
    }

    function test_sweep_onlyAdmin() public {
        vm.warp(deadline + 1);
        vm.prank(relayer);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, relayer));
        drop.sweep();
    }

    function test_sweep_neverTakesVestingTokens() public {
        (GovernanceToken t, MerkleAirdrop d) = _deploy(6000, 365 days);
        _claim(d, 3);
        _claim(d, 6);
        uint256 locked = (amounts[3] * 6000) / 10_000 + (amounts[6] * 6000) / 10_000;
        assertEq(d.totalLocked(), locked);
        vm.warp(deadline + 1);
        vm.prank(admin);
        uint256 swept = d.sweep();
        assertEq(swept, FUNDED - amounts[3] - amounts[6]);
        assertEq(t.balanceOf(address(d)), locked);
        // Tokens sent later can be swept again; the locked part still cannot.
        vm.prank(treasury);
        t.transfer(address(d), 5e18);
        vm.prank(admin);
        assertEq(d.sweep(), 5e18);
        vm.warp(block.timestamp + 365 days);
        d.release(accounts[3]);
        d.release(accounts[6]);
        assertEq(t.balanceOf(accounts[3]), amounts[3]);
        assertEq(t.balanceOf(accounts[6]), amounts[6]);
        assertEq(t.balanceOf(address(d)), 0);
    }

    function test_admin_twoStepTransfer() public {
        address next = makeAddr("next");
        vm.prank(admin);
        drop.transferOwnership(next);
        assertEq(drop.owner(), admin);
        vm.prank(next);
        drop.acceptOwnership();
        assertEq(drop.owner(), next);
    }
}
