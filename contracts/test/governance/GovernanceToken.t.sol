// SPDX-License-Identifier: MIT
pragma solidity 0.8.23;

import {Test} from "../utils/Test.sol";
import {GovernanceToken} from "../../src/l2/governance/GovernanceToken.sol";
import {MerkleAirdrop} from "../../src/l2/governance/MerkleAirdrop.sol";
import {LiquidityMining} from "../../src/l2/governance/LiquidityMining.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";

contract GovernanceTokenTest is Test {
    uint256 internal constant CAP = 10_000_000e18;
    uint256 internal constant AIRDROP = 1_000_000e18;

    address internal airdrop = makeAddr("airdrop");
    address internal incentives = makeAddr("incentives");
    address internal treasury = makeAddr("treasury");

    function test_constructor_distributesTheWholeCap() public {
        GovernanceToken t = new GovernanceToken(airdrop, incentives, treasury, 4_000_000e18);
        assertEq(t.totalSupply(), CAP);
        assertEq(t.MAX_SUPPLY(), CAP);
        assertEq(t.AIRDROP_AMOUNT(), AIRDROP);
        assertEq(t.balanceOf(airdrop), AIRDROP);
        assertEq(t.balanceOf(incentives), 4_000_000e18);
        assertEq(t.balanceOf(treasury), 5_000_000e18);
        vm.assertEq(t.name(), "Metis LSD Governance");
        vm.assertEq(t.symbol(), "MLSD");
        assertEq(t.decimals(), 18);
    }

    function testFuzz_constructor_split(uint256 incentivesAmount) public {
        incentivesAmount = bound(incentivesAmount, 0, CAP - AIRDROP);
        GovernanceToken t = new GovernanceToken(airdrop, incentives, treasury, incentivesAmount);
        assertEq(t.totalSupply(), CAP);
        assertEq(t.balanceOf(airdrop), AIRDROP);
        assertEq(t.balanceOf(incentives), incentivesAmount);
        assertEq(t.balanceOf(treasury), CAP - AIRDROP - incentivesAmount);
    }

    function test_constructor_edges() public {
        GovernanceToken all = new GovernanceToken(airdrop, incentives, treasury, CAP - AIRDROP);
        assertEq(all.balanceOf(treasury), 0);
        assertEq(all.balanceOf(incentives), CAP - AIRDROP);
        GovernanceToken none = new GovernanceToken(airdrop, incentives, treasury, 0);
        assertEq(none.balanceOf(incentives), 0);
        assertEq(none.balanceOf(treasury), CAP - AIRDROP);
    }

    function test_constructor_revertsOnZeroAddresses() public {
        vm.expectRevert(GovernanceToken.GovernanceZeroAddress.selector);
        new GovernanceToken(address(0), incentives, treasury, 1);
        vm.expectRevert(GovernanceToken.GovernanceZeroAddress.selector);
        new GovernanceToken(airdrop, address(0), treasury, 1);
        vm.expectRevert(GovernanceToken.GovernanceZeroAddress.selector);
        new GovernanceToken(airdrop, incentives, address(0), 1);
    }

    function testFuzz_constructor_revertsOnTooManyIncentives(uint256 incentivesAmount) public {
        incentivesAmount = bound(incentivesAmount, CAP - AIRDROP + 1, type(uint256).max);
        vm.expectRevert(
            abi.encodeWithSelector(
                GovernanceToken.GovernanceIncentivesTooLarge.selector, incentivesAmount, CAP - AIRDROP
            )
        );
        new GovernanceToken(airdrop, incentives, treasury, incentivesAmount);
    }

    function test_noMintFunction() public {
        GovernanceToken t = new GovernanceToken(airdrop, incentives, treasury, 0);
        (bool ok,) = address(t).call(abi.encodeWithSignature("mint(address,uint256)", treasury, 1));
        assertFalse(ok);
        (ok,) = address(t).call(abi.encodeWithSignature("mint(uint256)", 1));
        assertFalse(ok);
        assertEq(t.totalSupply(), CAP);
    }

    function test_clock_isTimestamp() public {
        GovernanceToken t = new GovernanceToken(airdrop, incentives, treasury, 0);
        vm.warp(1_700_000_123);
        vm.roll(42);
        assertEq(uint256(t.clock()), 1_700_000_123);
        vm.assertEq(t.CLOCK_MODE(), "mode=timestamp");
    }

    function test_votes_checkpointByTimestamp() public {
        vm.warp(1000);
        GovernanceToken t = new GovernanceToken(airdrop, incentives, treasury, 0);
        address voter = makeAddr("voter");
        vm.prank(treasury);
        t.transfer(voter, 100e18);
        vm.prank(voter);
        t.delegate(voter);
        assertEq(t.getVotes(voter), 100e18);
        vm.warp(2000);
        vm.prank(treasury);
        t.transfer(voter, 50e18);
        assertEq(t.getVotes(voter), 150e18);
        vm.warp(3000);
        assertEq(t.getPastVotes(voter, 1500), 100e18);
        assertEq(t.getPastVotes(voter, 2000), 150e18);
        assertEq(t.getPastTotalSupply(999), 0); // before deployment
        assertEq(t.getPastTotalSupply(1000), CAP);
        vm.expectRevert(); // future lookup
        t.getPastVotes(voter, 3000);
    }

    function test_permit() public {
        GovernanceToken t = new GovernanceToken(airdrop, incentives, treasury, 0);
        (address owner, uint256 key) = makeAddrAndKey("owner");
        address spender = makeAddr("spender");
        uint256 deadline = block.timestamp + 1 hours;
        bytes32 structHash = keccak256(
            abi.encode(
                keccak256("Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)"),
                owner,
                spender,
                7e18,
                t.nonces(owner),
                deadline
            )
        );
        bytes32 digest = keccak256(abi.encodePacked("\x19\x01", t.DOMAIN_SEPARATOR(), structHash));
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(key, digest);
        t.permit(owner, spender, 7e18, deadline, v, r, s);
        assertEq(t.allowance(owner, spender), 7e18);
        assertEq(t.nonces(owner), 1);
    }

    function test_transferMoreThanBalanceReverts() public {
        GovernanceToken t = new GovernanceToken(airdrop, incentives, treasury, 0);
        vm.prank(airdrop);
        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientBalance.selector, airdrop, AIRDROP, AIRDROP + 1)
        );
        t.transfer(treasury, AIRDROP + 1);
    }

    /// The deployment order used by the deploy script: airdrop and mining first with the token's predicted
    /// CREATE address, then the token, which funds both.
    function test_predictedAddressDeployment() public {
        uint256 nonce = vm.getNonce(address(this));
        address predicted = vm.computeCreateAddress(address(this), nonce + 2);
        MerkleAirdrop drop =
            new MerkleAirdrop(predicted, bytes32(uint256(1)), block.timestamp + 30 days, treasury, address(this), 0, 0);
        LiquidityMining mining = new LiquidityMining(predicted, address(this));
        GovernanceToken t = new GovernanceToken(address(drop), address(mining), treasury, 3_000_000e18);
        assertEq(address(t), predicted);
        assertEq(drop.token(), address(t));
        assertEq(mining.rewardToken(), address(t));
        assertEq(t.balanceOf(address(drop)), AIRDROP);
        assertEq(t.balanceOf(address(mining)), 3_000_000e18);
    }
}
