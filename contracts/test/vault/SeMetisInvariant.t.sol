// SPDX-License-Identifier: MIT
pragma solidity 0.8.23;

import {Test} from "../utils/Test.sol";
import {VaultBase} from "./VaultBase.sol";
import {EMetis} from "../../src/l2/token/EMetis.sol";
import {SeMetis} from "../../src/l2/vault/SeMetis.sol";
import {RewardDispatcher} from "../../src/l2/vault/RewardDispatcher.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

/// @notice Drives the vault like the protocol does: actors deposit, mint, withdraw, redeem (also exactly their max) and move shares;
/// the manager stakes-and-restakes and absorbs losses (then burns the eMETIS); harvests go through the
/// dispatcher with a changing fee; people donate; time passes. Ghost variables record what flowed.
contract VaultHandler is Test {
    EMetis internal immutable eMetis;
    SeMetis internal immutable vault;
    RewardDispatcher internal immutable dispatcher;
    address internal immutable manager;
    address internal immutable admin;
    address internal immutable treasury;

    address[] public actors;

    uint256 public ghostDeposited;
    uint256 public ghostWithdrawn;
    uint256 public ghostRewardsToVault;
    uint256 public ghostFeeCap; // sum over dispatches of amount * feeBps / 10_000 (rounded down)
    uint256 public ghostDispatched;
    uint256 public ghostAbsorbed;
    uint256 public ghostDonated;
    uint256 public ghostGweiRoundings; // transfers and withdrawals: each may misplace < 1 gwei of basis
    bool public ghostPriceDecreasedWithoutLoss;
    bool public ghostMaxExitFailed; // redeem(maxRedeem) / withdraw(maxWithdraw) reverted or differed from its preview
    /// @dev Upper bound of the rounding dust deposits, mints and exits left in the vault (it raises the price for
    /// every holder, so a holder may get back a few wei more than it put in without any reward).
    uint256 public ghostRoundingDust;
    bool public ghostUnfundedRewardsAccepted; // a rogue DISPATCHER_ROLE holder added rewards nobody sent
    bool public ghostFundedRewardsRefused;
    /// @notice A DISPATCHER_ROLE holder the admin granted by mistake (the test grants it).
    address public constant ROGUE = address(0xBAD);
    mapping(address actor => uint256) public deposited;
    mapping(address actor => uint256) public withdrawn;
    mapping(address actor => uint256) public receivedValue; // value of shares received by transfer, rounded up

    uint256 internal constant OFFSET = 1e6;

    constructor(
        EMetis eMetis_,
        SeMetis vault_,
        RewardDispatcher dispatcher_,
        address manager_,
        address admin_,
        address treasury_,
        address[] memory actors_
    ) {
        eMetis = eMetis_;
        vault = vault_;
        dispatcher = dispatcher_;
        manager = manager_;
        admin = admin_;
        treasury = treasury_;
        actors = actors_;
    }

    function actorCount() external view returns (uint256) {
        return actors.length;
    }

    function _actor(uint256 seed) internal view returns (address) {
        return actors[seed % actors.length];
    }

    // ------------------------------------------------------------------ price guard

    modifier checksPrice() {
        uint256 a0 = vault.totalAssets() + 1;
        uint256 s0 = vault.totalSupply() + OFFSET;
        _;
        uint256 a1 = vault.totalAssets() + 1;
        uint256 s1 = vault.totalSupply() + OFFSET;
        // price1 = a1 / s1 must be >= price0 = a0 / s0, compared as 512-bit products
        (uint256 hi1, uint256 lo1) = Math.mul512(a1, s0);
        (uint256 hi0, uint256 lo0) = Math.mul512(a0, s1);
        if (hi1 < hi0 || (hi1 == hi0 && lo1 < lo0)) ghostPriceDecreasedWithoutLoss = true;
    }

    /// @dev What one share is worth, rounded up: the most a deposit (shares rounded down) or a withdrawal (shares
    /// rounded up) can leave in the vault.
    function _oneShare() internal view returns (uint256) {
        return vault.convertToAssets(1) + 1;
    }

    // ------------------------------------------------------------------ actions

    function deposit(uint256 seed, uint256 assets) external checksPrice {
        address user = _actor(seed);
        uint256 max = vault.maxDeposit(user);
        if (max == 0) return;
        assets = bound(assets, 1, max < 1e26 ? max : 1e26);
        if (vault.previewDeposit(assets) == 0) return;
        vm.prank(manager);
        eMetis.mint(user, assets);
        ghostRoundingDust += _oneShare();
        vm.startPrank(user);
        eMetis.approve(address(vault), assets);
        vault.deposit(assets, user);
        vm.stopPrank();
        ghostDeposited += assets;
        deposited[user] += assets;
    }

    function mint(uint256 seed, uint256 shares) external checksPrice {
        address user = _actor(seed);
        uint256 max = vault.maxMint(user);
        // After repeated total losses the share count per eMETIS is astronomical and the conversion of a
        // large amount overflows 256 bits (the view reverts); then maxMint alone bounds the call.
        try vault.convertToShares(1e26) returns (uint256 capped) {
            max = Math.min(max, capped);
        } catch {}
        if (max == 0) return;
        shares = bound(shares, 1, max);
        uint256 assets = vault.previewMint(shares);
        vm.prank(manager);
        eMetis.mint(user, assets);
        vm.startPrank(user);
        eMetis.approve(address(vault), assets);
        uint256 paid = vault.mint(shares, user);
        vm.stopPrank();
        ghostRoundingDust += 1;
        ghostDeposited += paid;
        deposited[user] += paid;
    }

    function stakeAndRestake(uint256 seed, uint256 assets) external checksPrice {
        address user = _actor(seed);
        uint256 max = vault.maxDeposit(user);
        if (max == 0) return;
        assets = bound(assets, 1, max < 1e26 ? max : 1e26);
        if (vault.previewDeposit(assets) == 0) return;
        ghostRoundingDust += _oneShare();
        vm.startPrank(manager);
        eMetis.mint(address(vault), assets);
        vault.depositFromManager(assets, user);
        vm.stopPrank();
        ghostDeposited += assets;
        deposited[user] += assets;
    }

    function withdraw(uint256 seed, uint256 assets) external checksPrice {
        address user = _actor(seed);
        uint256 max = vault.maxWithdraw(user);
        if (max == 0) return;
        assets = bound(assets, 1, max);
        ghostRoundingDust += _oneShare();
        vm.prank(user);
        vault.withdraw(assets, user, user);
        ghostWithdrawn += assets;
        withdrawn[user] += assets;
        ++ghostGweiRoundings;
    }

    function redeem(uint256 seed, uint256 shares) external checksPrice {
        address user = _actor(seed);
        uint256 bal = vault.balanceOf(user);
        if (bal == 0) return;
        shares = bound(shares, 1, bal);
        if (vault.previewRedeem(shares) == 0) return;
        ghostRoundingDust += 1;
        vm.prank(user);
        uint256 assets = vault.redeem(shares, user, user);
        ghostWithdrawn += assets;
        withdrawn[user] += assets;
        ++ghostGweiRoundings;
    }

    /// ERC-4626 (review fix): redeeming exactly maxRedeem never reverts (0 when the shares are worth nothing) and
    /// pays what previewRedeem quoted.
    function redeemMax(uint256 seed) external checksPrice {
        address user = _actor(seed);
        uint256 shares = vault.maxRedeem(user);
        uint256 quoted = vault.previewRedeem(shares);
        ghostRoundingDust += 1;
        vm.prank(user);
        try vault.redeem(shares, user, user) returns (uint256 assets) {
            if (assets != quoted) ghostMaxExitFailed = true;
            ghostWithdrawn += assets;
            withdrawn[user] += assets;
            if (shares != 0) ++ghostGweiRoundings;
        } catch {
            ghostMaxExitFailed = true;
        }
    }

    /// Withdrawing exactly maxWithdraw never reverts and burns what previewWithdraw quoted.
    function withdrawMax(uint256 seed) external checksPrice {
        address user = _actor(seed);
        uint256 assets = vault.maxWithdraw(user);
        uint256 quoted = vault.previewWithdraw(assets);
        ghostRoundingDust += _oneShare();
        vm.prank(user);
        try vault.withdraw(assets, user, user) returns (uint256 shares) {
            if (shares != quoted) ghostMaxExitFailed = true;
            ghostWithdrawn += assets;
            withdrawn[user] += assets;
            if (assets != 0) ++ghostGweiRoundings;
        } catch {
            ghostMaxExitFailed = true;
        }
    }

    function transferShares(uint256 fromSeed, uint256 toSeed, uint256 shares) external checksPrice {
        address from = _actor(fromSeed);
        address to = _actor(toSeed);
        uint256 bal = vault.balanceOf(from);
        shares = bound(shares, 0, bal);
        // Balances are 192-bit: after total losses two huge positions may not be mergeable (reverts cleanly).
        if (from != to && vault.balanceOf(to) + shares > type(uint192).max) return;
        uint256 value = vault.previewMint(shares);
        uint256 basisBefore = vault.costBasis(from) + (from == to ? 0 : vault.costBasis(to));
        vm.prank(from);
        vault.transfer(to, shares);
        if (from != to) receivedValue[to] += value;
        ++ghostGweiRoundings;
        uint256 basisAfter = vault.costBasis(from) + (from == to ? 0 : vault.costBasis(to));
        require(basisAfter == basisBefore, "basis not conserved");
    }

    function harvest(uint256 amount, uint256 feeSeed) external checksPrice {
        amount = bound(amount, 0, 1e25);
        if (feeSeed % 4 == 0) {
            vm.prank(admin);
            dispatcher.setFeeBps(bound(feeSeed, 0, 2000));
        }
        if (amount > 0) {
            vm.prank(manager);
            eMetis.mint(address(dispatcher), amount);
        }
        uint256 balance = eMetis.balanceOf(address(dispatcher));
        uint256 cap = (balance * dispatcher.feeBps()) / 10_000;
        (uint256 toTreasury, uint256 toVault) = dispatcher.dispatch();
        ghostDispatched += balance;
        ghostFeeCap += cap;
        ghostRewardsToVault += toVault;
        require(toTreasury + toVault == balance, "dispatch lost funds");
    }

    /// A loss: the manager asks the vault to absorb it, then burns what was absorbed (may lower the price).
    function absorbLoss(uint256 loss) external {
        loss = bound(loss, 0, vault.totalAssets() + vault.unvestedRewards() + 1e18);
        vm.startPrank(manager);
        uint256 absorbed = vault.absorbLoss(loss);
        if (absorbed > 0) eMetis.burn(address(vault), absorbed);
        vm.stopPrank();
        require(absorbed <= loss, "absorbed more than the loss");
        ghostAbsorbed += absorbed;
    }

    /// A rogue DISPATCHER_ROLE holder calls addRewards for any amount: it succeeds only within what was donated
    /// (unaccounted eMETIS), which then streams like a reward.
    function rogueAddRewards(uint256 amount) external checksPrice {
        amount = bound(amount, 1, 1e26);
        uint256 accounted = vault.totalAssets() + vault.unvestedRewards();
        uint256 unaccounted = eMetis.balanceOf(address(vault)) - accounted;
        vm.prank(ROGUE);
        try vault.addRewards(amount) {
            if (amount > unaccounted) ghostUnfundedRewardsAccepted = true;
            // the donated eMETIS became a reward (it can only have come from donations here)
            ghostDonated -= amount;
            ghostRewardsToVault += amount;
        } catch {
            if (amount <= unaccounted) ghostFundedRewardsRefused = true;
        }
    }

    function donate(uint256 amount) external checksPrice {
        amount = bound(amount, 1, 1e25);
        vm.prank(manager);
        eMetis.mint(address(vault), amount);
        ghostDonated += amount;
    }

    function warp(uint256 dt) external checksPrice {
        dt = bound(dt, 0, 10 days);
        vm.warp(block.timestamp + dt);
    }
}

contract SeMetisInvariantTest is VaultBase {
    VaultHandler internal handler;
    address internal seeder;

    function setUp() public override {
        super.setUp();
        seeder = makeAddr("seeder");
        _deposit(seeder, 1 ether); // the deploy's seed deposit

        address[] memory actors = new address[](3);
        actors[0] = alice;
        actors[1] = bob;
        actors[2] = carol;
        handler = new VaultHandler(eMetis, vault, dispatcher, manager, admin, treasury, actors);
        bytes32 role = vault.DISPATCHER_ROLE();
        address rogue = handler.ROGUE();
        vm.prank(admin);
        vault.grantRole(role, rogue);
        targetContract(address(handler));
        excludeSender(address(vault));
        excludeSender(address(dispatcher));
        excludeSender(address(eMetis));
    }

    /// forge-config: default.invariant.fail-on-revert = true
    function invariant_totalAssetsNeverExceedsBalance() public view {
        assertLe(vault.totalAssets() + vault.unvestedRewards(), eMetis.balanceOf(address(vault)));
    }

    /// Exact accounting: what is in the vault is what came in, minus what left, plus donations.
    /// forge-config: default.invariant.fail-on-revert = true
    function invariant_balanceMatchesFlows() public view {
        uint256 inflow = 1 ether + handler.ghostDeposited() + handler.ghostRewardsToVault() + handler.ghostDonated();
        uint256 outflow = handler.ghostWithdrawn() + handler.ghostAbsorbed();
        assertEq(eMetis.balanceOf(address(vault)), inflow - outflow);
        assertEq(vault.totalAssets() + vault.unvestedRewards() + handler.ghostDonated(), inflow - outflow);
    }

    /// forge-config: default.invariant.fail-on-revert = true
    function invariant_sharePriceNeverDecreasesWithoutLoss() public view {
        assertFalse(handler.ghostPriceDecreasedWithoutLoss());
    }

    /// forge-config: default.invariant.fail-on-revert = true
    function invariant_treasuryGetsAtMostTheFee() public view {
        uint256 fees = eMetis.balanceOf(treasury);
        assertLe(fees, handler.ghostFeeCap());
        assertLe(fees * 10_000, handler.ghostDispatched() * dispatcher.MAX_FEE_BPS());
    }

    /// forge-config: default.invariant.fail-on-revert = true
    function invariant_nobodyRedeemsMoreThanDepositedPlusRewards() public view {
        uint256 rewards = handler.ghostRewardsToVault();
        assertLe(handler.ghostWithdrawn(), 1 ether + handler.ghostDeposited() + rewards);
        uint256 n = handler.actorCount();
        for (uint256 i; i < n; ++i) {
            address a = handler.actors(i);
            // others' rounding dust raises everyone's price (found by the redeemMax action: a holder that minted got
            // back 1 wei more than it paid after two other holders' rounded-up mints)
            assertLe(
                handler.withdrawn(a),
                handler.deposited(a) + handler.receivedValue(a) + rewards + handler.ghostRoundingDust()
            );
        }
    }

    /// addRewards accepts exactly what the vault holds beyond its accounts, from any DISPATCHER_ROLE holder.
    /// forge-config: default.invariant.fail-on-revert = true
    function invariant_addRewardsOnlyTakesUnaccountedEMetis() public view {
        assertFalse(handler.ghostUnfundedRewardsAccepted(), "unfunded rewards accepted");
        assertFalse(handler.ghostFundedRewardsRefused(), "funded rewards refused");
    }

    /// redeem(maxRedeem(owner)) and withdraw(maxWithdraw(owner)) never revert and match their previews.
    /// forge-config: default.invariant.fail-on-revert = true
    function invariant_maxExitsNeverRevert() public view {
        assertFalse(handler.ghostMaxExitFailed());
    }

    /// forge-config: default.invariant.fail-on-revert = true
    function invariant_supplyEqualsSumOfBalances() public view {
        uint256 sum = vault.balanceOf(seeder);
        uint256 n = handler.actorCount();
        for (uint256 i; i < n; ++i) {
            sum += vault.balanceOf(handler.actors(i));
        }
        assertEq(sum, vault.totalSupply());
    }

    /// forge-config: default.invariant.fail-on-revert = true
    function invariant_rewardsEarnedNeverExceedsRewardsAdded() public view {
        uint256 sum = vault.rewardsEarned(seeder);
        uint256 n = handler.actorCount();
        for (uint256 i; i < n; ++i) {
            sum += vault.rewardsEarned(handler.actors(i));
        }
        // Rounding: transfers and withdrawals move/remove the gwei cost basis rounded down, so each may count
        // < 1 gwei of principal as reward.
        assertLe(sum, handler.ghostRewardsToVault() + 1e9 * handler.ghostGweiRoundings() + 64);
    }
}
