// SPDX-License-Identifier: MIT
pragma solidity 0.8.23;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {Initializable} from "@openzeppelin/contracts/proxy/utils/Initializable.sol";
import {Test} from "../../utils/Test.sol";
import {OneBalanceMetis} from "../../utils/OneBalanceMetis.sol";
import {MetisAddresses} from "../../../src/interfaces/metis/MetisAddresses.sol";

contract RevertingReceiver {
    receive() external payable {
        revert("no code must run");
    }
}

contract NativeSender {
    function send(address payable to, uint256 amount) external {
        (bool ok,) = to.call{value: amount}("");
        require(ok, "send failed");
    }
}

/// @notice The forge one-balance METIS: native balance and ERC-20 face are the same number after every move.
contract OneBalanceMetisTest is Test {
    OneBalanceMetis internal metis;
    address internal bridge = makeAddr("bridge");
    address internal alice = makeAddr("alice");
    address internal bob = makeAddr("bob");
    address internal carol = makeAddr("carol");

    function setUp() public {
        OneBalanceMetis template = new OneBalanceMetis();
        vm.etch(MetisAddresses.L2_METIS, address(template).code);
        metis = OneBalanceMetis(MetisAddresses.L2_METIS);
        metis.initialize(bridge);
        vm.deal(alice, 100 ether);
    }

    function _exact(address a) internal view {
        assertEq(metis.balanceOf(a), a.balance, "one balance, two faces");
    }

    function _exactAll() internal view {
        _exact(alice);
        _exact(bob);
        _exact(carol);
        _exact(bridge);
    }

    function test_metadata() public {
        assertEq(keccak256(bytes(metis.name())), keccak256("Metis Token"));
        assertEq(keccak256(bytes(metis.symbol())), keccak256("METIS"));
        assertEq(uint256(metis.decimals()), 18);
        assertEq(metis.l1Token(), address(0));
        assertEq(metis.l2Bridge(), bridge);
        assertTrue(metis.supportsInterface(0x01ffc9a7));
        assertTrue(metis.supportsInterface(0x1d1d8b63));
        assertFalse(metis.supportsInterface(0xffffffff));
        vm.expectRevert(Initializable.InvalidInitialization.selector);
        metis.initialize(alice);
    }

    function test_nativeTransfer_movesTheFaceWithoutAnEvent() public {
        vm.recordLogs();
        vm.prank(alice);
        (bool ok,) = payable(bob).call{value: 30 ether}("");
        assertTrue(ok);
        assertEq(vm.getRecordedLogs().length, 0, "no Transfer for a native move");
        assertEq(metis.balanceOf(bob), 30 ether);
        _exactAll();
    }

    function test_transfer_movesTheNativeBalance() public {
        vm.expectEmit(address(metis));
        emit IERC20.Transfer(alice, bob, 40 ether);
        vm.prank(alice);
        assertTrue(metis.transfer(bob, 40 ether));
        assertEq(alice.balance, 60 ether);
        assertEq(bob.balance, 40 ether);
        _exactAll();
    }

    function test_transfer_toAContractRunsNoCode() public {
        RevertingReceiver r = new RevertingReceiver();
        vm.prank(alice);
        metis.transfer(address(r), 1 ether);
        assertEq(address(r).balance, 1 ether);
        _exact(address(r));
    }

    function test_transfer_toSelf() public {
        vm.prank(alice);
        metis.transfer(alice, 10 ether);
        assertEq(alice.balance, 100 ether);
    }

    function test_transfer_refusals() public {
        vm.startPrank(alice);
        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientBalance.selector, alice, 100 ether, 101 ether)
        );
        metis.transfer(bob, 101 ether);
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InvalidReceiver.selector, address(0)));
        metis.transfer(address(0), 1);
        vm.stopPrank();
        assertEq(alice.balance, 100 ether);
    }

    function test_approveAndTransferFrom() public {
        vm.expectEmit(address(metis));
        emit IERC20.Approval(alice, bob, 10 ether);
        vm.prank(alice);
        metis.approve(bob, 10 ether);
        assertEq(metis.allowance(alice, bob), 10 ether);
        vm.prank(bob);
        metis.transferFrom(alice, carol, 4 ether);
        assertEq(metis.allowance(alice, bob), 6 ether);
        assertEq(carol.balance, 4 ether);
        _exactAll();

        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InsufficientAllowance.selector, bob, 6 ether, 7 ether));
        vm.prank(bob);
        metis.transferFrom(alice, carol, 7 ether);
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InvalidSpender.selector, address(0)));
        vm.prank(alice);
        metis.approve(address(0), 1);

        vm.prank(alice);
        metis.approve(bob, type(uint256).max);
        vm.prank(bob);
        metis.transferFrom(alice, carol, 1 ether);
        assertEq(metis.allowance(alice, bob), type(uint256).max, "an infinite allowance stays infinite");
    }

    function test_mintAndBurn_onlyTheBridge() public {
        vm.expectEmit(address(metis));
        emit IERC20.Transfer(address(0), bob, 5 ether);
        vm.expectEmit(address(metis));
        emit OneBalanceMetis.Mint(bob, 5 ether);
        vm.prank(bridge);
        metis.mint(bob, 5 ether);
        assertEq(bob.balance, 5 ether);
        assertEq(metis.totalSupply(), 5 ether);

        vm.expectEmit(address(metis));
        emit OneBalanceMetis.Burn(bob, 2 ether);
        vm.prank(bridge);
        metis.burn(bob, 2 ether);
        assertEq(bob.balance, 3 ether);
        assertEq(metis.totalSupply(), 3 ether);

        vm.prank(bridge);
        metis.burn(alice, 10 ether); // genesis coins were never minted through the face
        assertEq(metis.totalSupply(), 0, "floored: not in sync with native balances");
        _exactAll();

        vm.expectRevert(abi.encodeWithSelector(OneBalanceMetis.OneBalanceMetisOnlyBridge.selector, alice));
        vm.prank(alice);
        metis.mint(alice, 1);
        vm.expectRevert(abi.encodeWithSelector(OneBalanceMetis.OneBalanceMetisOnlyBridge.selector, alice));
        vm.prank(alice);
        metis.burn(bob, 1);
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InsufficientBalance.selector, bob, 3 ether, 4 ether));
        vm.prank(bridge);
        metis.burn(bob, 4 ether);
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InvalidReceiver.selector, address(0)));
        vm.prank(bridge);
        metis.mint(address(0), 1);
    }

    function test_mint_toAContractRunsNoCode() public {
        RevertingReceiver r = new RevertingReceiver();
        vm.prank(bridge);
        metis.mint(address(r), 1 ether);
        assertEq(metis.balanceOf(address(r)), 1 ether);
    }

    function test_aContractSpendsNativelyWhatItReceivedThroughTheFace() public {
        NativeSender s = new NativeSender();
        vm.prank(alice);
        metis.transfer(address(s), 10 ether);
        s.send(payable(bob), 10 ether);
        assertEq(metis.balanceOf(address(s)), 0);
        assertEq(metis.balanceOf(bob), 10 ether);
        _exactAll();
    }

    function testFuzz_everyKindOfMoveKeepsOneBalance(uint256[8] memory amounts, uint8 kinds) public {
        address[3] memory who = [alice, bob, carol];
        vm.prank(alice);
        metis.approve(bob, type(uint256).max);
        for (uint256 i = 0; i < amounts.length; i++) {
            uint256 kind = (uint256(kinds) >> i) % 5;
            address from = who[i % 3];
            address to = who[(i + 1) % 3];
            uint256 amount = bound(amounts[i], 0, from.balance);
            if (kind == 0) {
                vm.prank(from);
                metis.transfer(to, amount);
            } else if (kind == 1) {
                amount = bound(amounts[i], 0, alice.balance);
                vm.prank(bob);
                metis.transferFrom(alice, to, amount);
            } else if (kind == 2) {
                vm.prank(from);
                (bool ok,) = payable(to).call{value: amount}("");
                assertTrue(ok);
            } else if (kind == 3) {
                vm.prank(bridge);
                metis.mint(to, bound(amounts[i], 0, 1e30));
            } else {
                vm.prank(bridge);
                metis.burn(from, amount);
            }
            _exactAll();
        }
    }
}
