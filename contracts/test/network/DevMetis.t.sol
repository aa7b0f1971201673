// SPDX-License-Identifier: MIT
pragma solidity 0.8.23;

import {Test} from "../utils/Test.sol";
import {DevMetis} from "../../src/network/DevMetis.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";

contract DevMetisTest is Test {
    event FaucetUsed(address indexed account, uint256 amount);

    DevMetis internal metis;
    address internal admin = makeAddr("admin");
    address internal alice = makeAddr("alice");

    function setUp() public {
        metis = new DevMetis(admin);
    }

    function test_metadata() public view {
        assertEq(keccak256(bytes(metis.name())), keccak256("Metis Token (devnet)"));
        assertEq(keccak256(bytes(metis.symbol())), keccak256("METIS"));
        assertEq(uint256(metis.decimals()), 18);
        assertEq(metis.owner(), admin);
        assertEq(metis.FAUCET_CAP(), 10_000e18);
        assertEq(metis.totalSupply(), 0);
    }

    function test_faucet_mintsToCaller() public {
        vm.expectEmit(address(metis));
        emit FaucetUsed(alice, 10_000e18);
        vm.prank(alice);
        metis.faucet(10_000e18);
        vm.prank(alice);
        metis.faucet(1);
        assertEq(metis.balanceOf(alice), 10_000e18 + 1);
        assertEq(metis.totalSupply(), 10_000e18 + 1);
    }

    function test_faucet_revertsOverCap() public {
        vm.expectRevert(abi.encodeWithSelector(DevMetis.DevMetisFaucetCapExceeded.selector, 10_000e18 + 1, 10_000e18));
        vm.prank(alice);
        metis.faucet(10_000e18 + 1);
    }

    function test_faucet_revertsZero() public {
        vm.expectRevert(DevMetis.DevMetisZeroAmount.selector);
        vm.prank(alice);
        metis.faucet(0);
    }

    function testFuzz_faucet(uint256 amount) public {
        amount = bound(amount, 1, 10_000e18);
        vm.prank(alice);
        metis.faucet(amount);
        assertEq(metis.balanceOf(alice), amount);
    }

    function test_mint_ownerOnly() public {
        vm.prank(admin);
        metis.mint(alice, 1e30);
        assertEq(metis.balanceOf(alice), 1e30);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, alice));
        vm.prank(alice);
        metis.mint(alice, 1);
        vm.expectRevert(DevMetis.DevMetisZeroAmount.selector);
        vm.prank(admin);
        metis.mint(alice, 0);
    }

    function test_permit_setsAllowance() public {
        (address owner, uint256 pk) = makeAddrAndKey("permitter");
        address spender = makeAddr("spender");
        uint256 deadline = block.timestamp + 1 hours;
        bytes32 typehash =
            keccak256("Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)");
        bytes32 structHash = keccak256(abi.encode(typehash, owner, spender, 5e18, 0, deadline));
        bytes32 digest = keccak256(abi.encodePacked("\x19\x01", metis.DOMAIN_SEPARATOR(), structHash));
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(pk, digest);
        metis.permit(owner, spender, 5e18, deadline, v, r, s);
        assertEq(metis.allowance(owner, spender), 5e18);
        assertEq(metis.nonces(owner), 1);
    }
}
