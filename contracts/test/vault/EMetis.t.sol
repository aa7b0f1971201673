// SPDX-License-Identifier: MIT
pragma solidity 0.8.23;

import {Test} from "../utils/Test.sol";
import {EMetis} from "../../src/l2/token/EMetis.sol";
import {IEMetis} from "../../src/interfaces/IEMetis.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";

contract EMetisTest is Test {
    EMetis internal token;
    address internal minter;
    address internal alice;
    address internal bob;
    uint256 internal aliceKey;

    bytes32 internal constant PERMIT_TYPEHASH =
        keccak256("Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)");

    function setUp() public {
        minter = makeAddr("minter");
        (alice, aliceKey) = makeAddrAndKey("alice");
        bob = makeAddr("bob");
        token = new EMetis(minter);
    }

    function test_metadata() public view {
        assertEq(keccak256(bytes(token.name())), keccak256("Staked Metis (eMETIS)"));
        assertEq(keccak256(bytes(token.symbol())), keccak256("eMETIS"));
        assertEq(uint256(token.decimals()), 18);
        assertEq(token.minter(), minter);
        assertEq(token.totalSupply(), 0);
    }

    function test_constructor_revertsOnZeroMinter() public {
        vm.expectRevert(EMetis.EMetisZeroMinter.selector);
        new EMetis(address(0));
    }

    function test_mint_byMinter() public {
        vm.prank(minter);
        token.mint(alice, 5 ether);
        assertEq(token.balanceOf(alice), 5 ether);
        assertEq(token.totalSupply(), 5 ether);
    }

    function test_mint_revertsForOthers() public {
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IEMetis.EMetisOnlyMinter.selector, alice));
        token.mint(alice, 1);
    }

    function test_burn_byMinterWithoutAllowance() public {
        vm.prank(minter);
        token.mint(alice, 5 ether);
        assertEq(token.allowance(alice, minter), 0);
        vm.prank(minter);
        token.burn(alice, 2 ether);
        assertEq(token.balanceOf(alice), 3 ether);
        assertEq(token.totalSupply(), 3 ether);
    }

    function test_burn_revertsForOthers() public {
        vm.prank(minter);
        token.mint(alice, 5 ether);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IEMetis.EMetisOnlyMinter.selector, alice));
        token.burn(alice, 1);
    }

    function test_burn_revertsAboveBalance() public {
        vm.prank(minter);
        token.mint(alice, 1 ether);
        vm.prank(minter);
        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientBalance.selector, alice, 1 ether, 1 ether + 1)
        );
        token.burn(alice, 1 ether + 1);
    }

    function _permitDigest(address owner, address spender, uint256 value, uint256 nonce, uint256 deadline)
        internal
        view
        returns (bytes32)
    {
        bytes32 structHash = keccak256(abi.encode(PERMIT_TYPEHASH, owner, spender, value, nonce, deadline));
        return keccak256(abi.encodePacked("\x19\x01", token.DOMAIN_SEPARATOR(), structHash));
    }

    function test_permit_setsAllowanceAndNonce() public {
        uint256 deadline = block.timestamp + 1 hours;
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(aliceKey, _permitDigest(alice, bob, 7 ether, 0, deadline));
        token.permit(alice, bob, 7 ether, deadline, v, r, s);
        assertEq(token.allowance(alice, bob), 7 ether);
        assertEq(token.nonces(alice), 1);
    }

    function test_permit_revertsOnReplay() public {
        uint256 deadline = block.timestamp + 1 hours;
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(aliceKey, _permitDigest(alice, bob, 7 ether, 0, deadline));
        token.permit(alice, bob, 7 ether, deadline, v, r, s);
        // The same signature now recovers to a different address because the nonce moved on.
        address recovered = ecrecover(_permitDigest(alice, bob, 7 ether, 1, deadline), v, r, s);
        vm.expectRevert(abi.encodeWithSelector(ERC20Permit.ERC2612InvalidSigner.selector, recovered, alice));
        token.permit(alice, bob, 7 ether, deadline, v, r, s);
        assertEq(token.nonces(alice), 1);
    }

    function test_permit_revertsWhenExpired() public {
        vm.warp(1000);
        uint256 deadline = block.timestamp - 1;
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(aliceKey, _permitDigest(alice, bob, 1, 0, deadline));
        vm.expectRevert(abi.encodeWithSelector(ERC20Permit.ERC2612ExpiredSignature.selector, deadline));
        token.permit(alice, bob, 1, deadline, v, r, s);
    }

    function test_permit_revertsOnWrongSigner() public {
        (, uint256 bobKey) = makeAddrAndKey("bob");
        uint256 deadline = block.timestamp + 1;
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(bobKey, _permitDigest(alice, bob, 1, 0, deadline));
        vm.expectRevert(abi.encodeWithSelector(ERC20Permit.ERC2612InvalidSigner.selector, bob, alice));
        token.permit(alice, bob, 1, deadline, v, r, s);
    }

    function testFuzz_mintBurn_keepsSupplyEqualToBalances(uint256 a, uint256 b, uint256 burnA) public {
        a = bound(a, 0, 1e30);
        b = bound(b, 0, 1e30);
        burnA = bound(burnA, 0, a);
        vm.startPrank(minter);
        token.mint(alice, a);
        token.mint(bob, b);
        token.burn(alice, burnA);
        vm.stopPrank();
        assertEq(token.totalSupply(), token.balanceOf(alice) + token.balanceOf(bob));
        assertEq(token.balanceOf(alice), a - burnA);
    }
}
