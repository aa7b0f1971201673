// SPDX-License-Identifier: MIT
pragma solidity 0.8.23;

import {Test} from "../utils/Test.sol";
import {EMetis} from "../../src/l2/token/EMetis.sol";
import {SeMetis} from "../../src/l2/vault/SeMetis.sol";
import {RewardDispatcher} from "../../src/l2/vault/RewardDispatcher.sol";
import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @dev A METIS stand-in for measuring the manager-side path.
contract GasMetis is ERC20 {
    constructor() ERC20("Metis", "METIS") {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }
}

/// @dev The minimum a StakingManager does on stake / stakeAndRestake, to measure the vault's share of it.
contract GasManagerStub {
    IERC20 public immutable metis;
    EMetis public eMetis;
    SeMetis public vault;

    constructor(IERC20 metis_) {
        metis = metis_;
    }

    function wire(EMetis eMetis_, SeMetis vault_) external {
        eMetis = eMetis_;
        vault = vault_;
    }

    function stake(uint256 assets, address receiver) external returns (uint256) {
        metis.transferFrom(msg.sender, address(this), assets);
        eMetis.mint(receiver, assets);
        return assets;
    }

    function stakeAndRestake(uint256 assets, address receiver) external returns (uint256) {
        metis.transferFrom(msg.sender, address(this), assets);
        eMetis.mint(address(vault), assets);
        return vault.depositFromManager(assets, receiver);
    }
}

/// @notice Gas of the vault paths, recorded with `vm.snapshotValue` (execution gas of the measured call,
/// i.e. without the 21,000 transaction base cost and calldata). Each measured call is the first touch of its
/// storage in the test transaction, as in a real transaction. Nothing is asserted against targets.
contract VaultGasTest is Test {
    GasMetis internal metis;
    EMetis internal eMetis;
    SeMetis internal vault;
    RewardDispatcher internal dispatcher;
    GasManagerStub internal manager;

    address internal holder;
    address internal newcomer;
    address internal admin;

    function setUp() public {
        holder = makeAddr("holder");
        newcomer = makeAddr("newcomer");
        admin = makeAddr("admin");
        metis = new GasMetis();
        manager = new GasManagerStub(metis);
        eMetis = new EMetis(address(manager));
        vault = new SeMetis(eMetis, address(manager), admin);
        dispatcher = new RewardDispatcher(address(eMetis), address(vault), makeAddr("treasury"), admin);
        manager.wire(eMetis, vault);
        bytes32 role = vault.DISPATCHER_ROLE();
        vm.prank(admin);
        vault.grantRole(role, address(dispatcher));

        // The seed deposit and an existing holder with a live reward stream.
        address[2] memory users = [holder, newcomer];
        for (uint256 i; i < users.length; ++i) {
            metis.mint(users[i], 1_000 ether);
            vm.startPrank(users[i]);
            metis.approve(address(manager), 1_000 ether);
            eMetis.approve(address(vault), 500 ether); // a finite approval, as most wallets give
            vm.stopPrank();
        }
        vm.startPrank(holder);
        manager.stake(200 ether, holder);
        vault.deposit(100 ether, holder);
        manager.stakeAndRestake(10 ether, holder);
        vm.stopPrank();
        vm.prank(newcomer);
        manager.stake(100 ether, newcomer);
        vm.prank(address(manager));
        eMetis.mint(address(dispatcher), 1 ether);
        dispatcher.dispatch();
        vm.warp(block.timestamp + 1 days);
        vm.prank(address(manager));
        eMetis.mint(address(dispatcher), 1 ether);
    }

    function test_gas_restake_existingHolderDeposit() public {
        vm.prank(holder);
        vault.deposit(50 ether, holder);
        vm.snapshotValue("seMetis_deposit_existingHolder", vm.lastCallGas().gasTotalUsed);
    }

    function test_gas_firstDeposit_newHolder() public {
        vm.prank(newcomer);
        vault.deposit(50 ether, newcomer);
        vm.snapshotValue("seMetis_deposit_firstTime", vm.lastCallGas().gasTotalUsed);
    }

    function test_gas_redeem_partial() public {
        vm.prank(holder);
        vault.redeem(1e24, holder, holder);
        vm.snapshotValue("seMetis_redeem_partial", vm.lastCallGas().gasTotalUsed);
    }

    function test_gas_transferShares_toNewHolder() public {
        vm.prank(holder);
        vault.transfer(newcomer, 1e24);
        vm.snapshotValue("seMetis_transfer_toNewHolder", vm.lastCallGas().gasTotalUsed);
    }

    function test_gas_stubStake_newcomer() public {
        vm.prank(newcomer);
        manager.stake(10 ether, newcomer);
        vm.snapshotValue("stub_stake_existingEMetisHolder", vm.lastCallGas().gasTotalUsed);
    }

    function test_gas_stubStakeAndRestake_firstTime() public {
        vm.prank(newcomer);
        manager.stakeAndRestake(10 ether, newcomer);
        vm.snapshotValue("stub_stakeAndRestake_firstTime", vm.lastCallGas().gasTotalUsed);
    }

    function test_gas_stubStakeAndRestake_existingHolder() public {
        vm.prank(holder);
        manager.stakeAndRestake(10 ether, holder);
        vm.snapshotValue("stub_stakeAndRestake_existingHolder", vm.lastCallGas().gasTotalUsed);
    }

    function test_gas_dispatch() public {
        dispatcher.dispatch();
        vm.snapshotValue("dispatcher_dispatch", vm.lastCallGas().gasTotalUsed);
    }
}
