// SPDX-License-Identifier: MIT
pragma solidity 0.8.23;

import {Test} from "../utils/Test.sol";
import {GovernanceToken} from "../../src/l2/governance/GovernanceToken.sol";
import {MerkleAirdrop} from "../../src/l2/governance/MerkleAirdrop.sol";
import {MerkleTestLib} from "./utils/MerkleTestLib.sol";

/// @notice Drives the airdrop with valid and forged claims, releases, time and sweeps; records what was paid.
contract AirdropHandler is Test {
    MerkleAirdrop public immutable drop;
    GovernanceToken public immutable token;
    address public immutable admin;
    address public immutable treasury;

    address[] public accounts;
    uint256[] public amounts;
    bytes32[][] internal proofs; // per leaf, precomputed

    uint256 public ghostPaidToClaimants;
    uint256 public ghostSwept;
    mapping(uint256 index => uint256 count) public ghostPayCount;
    uint256 public ghostClaimedAmount;
    uint256 public ghostForgedPaid; // tokens moved by forged claims (must stay 0)

    constructor(
        MerkleAirdrop drop_,
        GovernanceToken token_,
        address admin_,
        address treasury_,
        address[] memory accounts_,
        uint256[] memory amounts_,
        bytes32[][] memory layers_
    ) {
        drop = drop_;
        token = token_;
        admin = admin_;
        treasury = treasury_;
        accounts = accounts_;
        amounts = amounts_;
        for (uint256 i = 0; i < accounts_.length; i++) {
            proofs.push(MerkleTestLib.proof(layers_, i));
        }
    }

    function leafCount() external view returns (uint256) {
        return accounts.length;
    }

    function claim(uint256 seed) external {
        uint256 i = seed % accounts.length;
        address a = accounts[i];
        uint256 before = token.balanceOf(a);
        try drop.claim(i, a, amounts[i], proofs[i]) {
            ghostPayCount[i]++;
            ghostClaimedAmount += amounts[i];
            ghostPaidToClaimants += token.balanceOf(a) - before;
        } catch {}
    }

    /// A claim with a forged amount or account: must never pay.
    function claimForged(uint256 seed, uint256 amount, address account) external {
        uint256 i = seed % accounts.length;
        if (amount == amounts[i] && account == accounts[i]) amount++;
        uint256 balance = token.balanceOf(address(drop));
        try drop.claim(i, account, amount, proofs[i]) {
            ghostPayCount[i] += 100; // flags the breach in invariant_noIndexPaidTwice
        } catch {}
        // (a require here would only count as a handler revert, so the breach is recorded instead)
        ghostForgedPaid += balance - token.balanceOf(address(drop));
    }

    function release(uint256 seed) external {
        address a = accounts[seed % accounts.length];
        uint256 before = token.balanceOf(a);
        try drop.release(a) {
            ghostPaidToClaimants += token.balanceOf(a) - before;
        } catch {}
    }

    function sweep() external {
        uint256 before = token.balanceOf(treasury);
        vm.prank(admin);
        try drop.sweep() {
            ghostSwept += token.balanceOf(treasury) - before;
        } catch {}
    }

    function warp(uint256 dt) external {
        vm.warp(block.timestamp + bound(dt, 1, 5 days));
    }
}

contract AirdropInvariantTest is Test {
    uint256 internal constant N = 40;
    uint256 internal constant FUNDED = 1_000_000e18;

    AirdropHandler internal handler;
    MerkleAirdrop internal drop;
    GovernanceToken internal token;
    uint256 internal treeTotal;

    function setUp() public {
        vm.warp(1_700_000_000);
        address admin = makeAddr("admin");
        address treasury = makeAddr("treasury");
        address[] memory accounts = new address[](N);
        uint256[] memory amounts = new uint256[](N);
        bytes32[] memory leaves = new bytes32[](N);
        for (uint256 i = 0; i < N; i++) {
            accounts[i] = makeAddr(string(abi.encodePacked("claimant", vm.toString(i))));
            amounts[i] = (i + 1) * 1_000e18 + 7;
            treeTotal += amounts[i];
            leaves[i] = MerkleTestLib.leaf(i, accounts[i], amounts[i]);
        }
        bytes32[][] memory layers = MerkleTestLib.build(leaves);
        address predicted = vm.computeCreateAddress(address(this), vm.getNonce(address(this)) + 1);
        drop = new MerkleAirdrop(
            predicted, MerkleTestLib.root(layers), block.timestamp + 30 days, treasury, admin, 3000, 20 days
        );
        token = new GovernanceToken(address(drop), makeAddr("incentives"), treasury, 0);
        handler = new AirdropHandler(drop, token, admin, treasury, accounts, amounts, layers);
        targetContract(address(handler));
    }

    /// Claimants and the treasury together never receive more than the airdrop was funded with, every token is
    /// accounted for, and the tokens owed to vesting claimants are always held.
    function invariant_airdropPaidNeverExceedsFunded() public view {
        uint256 paid = handler.ghostPaidToClaimants();
        assertEq(handler.ghostForgedPaid(), 0);
        assertLe(paid + handler.ghostSwept(), FUNDED);
        assertEq(paid + handler.ghostSwept() + token.balanceOf(address(drop)), FUNDED);
        assertLe(paid, handler.ghostClaimedAmount());
        assertLe(handler.ghostClaimedAmount(), treeTotal);
        assertGe(token.balanceOf(address(drop)), drop.totalLocked());
        assertEq(paid + drop.totalLocked(), handler.ghostClaimedAmount());
    }

    /// Each index pays at most once and the bitmap agrees with what was paid.
    function invariant_noIndexPaidTwice() public view {
        for (uint256 i = 0; i < N; i++) {
            uint256 count = handler.ghostPayCount(i);
            assertLe(count, 1);
            assertEq(drop.isClaimed(i), count == 1);
        }
    }
}
