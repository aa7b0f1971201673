// SPDX-License-Identifier: MIT
pragma solidity 0.8.23;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC4626} from "@openzeppelin/contracts/token/ERC20/extensions/ERC4626.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {IERC4626} from "@openzeppelin/contracts/interfaces/IERC4626.sol";
import {ISeMetis} from "../../interfaces/ISeMetis.sol";

/// @title seMETIS: an ERC-4626 vault over eMETIS whose share price rises as sequencer rewards stream in.
/// @notice
/// - Internal accounting: `totalAssets()` is what was deposited, plus rewards streamed so far, minus
///   withdrawals and absorbed losses. It never reads the vault's eMETIS balance, so a donation does not
///   move the share price (donated eMETIS simply stays in the vault, unaccounted).
/// - Rewards added by the dispatcher are streamed linearly. A new addition ends `rewardsCycle()` seconds from
///   now; merged with the unvested remainder, the stream ends at the amount-weighted average of the two ends,
///   so a dust addition cannot push the release of earlier rewards back. A deposit made just before
///   `addRewards` therefore earns only what streams while it is in the vault. `addRewards` only accepts
///   eMETIS the vault holds beyond what it accounts for: it cannot create assets.
/// - Inflation defence: a virtual offset of 6 decimals (1e6 virtual shares backed by 1 virtual wei of
///   assets) on top of internal accounting, and a seed deposit at deploy time.
/// - Exits and entries can be held only by the manager, and only for a bounded time, while a loss reported on
///   L1 is on its way to L2 (the guardian's loss pause): no holder leaves before a loss is shared and no
///   newcomer enters at the price before it. Otherwise withdrawals stay open whatever happens to staking.
/// - Per-account cost basis and realised gains give `rewardsEarned` (what the home page shows).
/// @dev Share balances live in `_accounts` (192-bit shares and a 64-bit cost basis counted in gwei, one
/// slot) instead of ERC20's own mapping, so a deposit writes one account slot; `balanceOf`, `totalSupply`
/// and `_update` are overridden. 192 bits of shares leave room for the share count to explode after a
/// total loss (price -> ~0): even then a deposit of the whole METIS supply still fits. The basis is
/// rounded up to the gwei on deposit (so `rewardsEarned` is understated by < 1 gwei) and moved or removed
/// rounded down on transfers and withdrawals (each may count < 1 gwei of principal as reward).
/// The asset is the protocol's own eMETIS (a plain ERC-20 without transfer hooks), so no reentrancy guard
/// is needed; state is written before every outgoing transfer anyway.
contract SeMetis is ERC4626, AccessControl, ISeMetis {
    using SafeERC20 for IERC20;
    using SafeCast for uint256;

    /// @notice May call `addRewards` (granted to the RewardDispatcher).
    bytes32 public constant DISPATCHER_ROLE = keccak256("DISPATCHER_ROLE");
    /// @notice Bounds and default of the reward streaming cycle.
    uint256 public constant MIN_REWARDS_CYCLE = 1 days;
    uint256 public constant MAX_REWARDS_CYCLE = 30 days;
    uint256 public constant DEFAULT_REWARDS_CYCLE = 7 days;

    /// @notice Thrown by the constructor when an address is zero.
    error SeMetisZeroAddress();

    /// @notice The StakingManager: may `depositFromManager` and `absorbLoss`.
    address public immutable manager;

    /// @dev The vault's accounting, in one slot.
    /// `stored`: assets fully vested into the price; `unvested`: rewards still streaming as of `lastSync`;
    /// the stream releases `unvested` linearly between `lastSync` and `end`.
    struct Accounting {
        uint96 stored;
        uint96 unvested;
        uint32 lastSync;
        uint32 end;
    }

    /// @dev One account: its shares and the eMETIS it paid for them, in one slot.
    struct Account {
        uint192 shares;
        uint64 basisGwei;
    }

    uint256 private constant _GWEI = 1e9;
    uint256 private constant _VIRTUAL_SHARES = 1e6; // 10 ** _decimalsOffset()

    Accounting private _acct;
    uint256 private _supply;
    uint32 private _rewardsCycle;
    uint32 private _exitsPausedUntil;
    uint8 private _historyNext; // ring position of the next price point
    uint8 private _historyCount;

    /// @dev A share-price checkpoint: eMETIS per whole seMETIS (1e24 share units) at `time`.
    struct PricePointSlot {
        uint32 time;
        uint128 price;
        bool loss; // a loss point is never merged into: its drop stays visible
    }

    /// @notice Price points kept (the oldest is overwritten): about four months of daily points.
    uint256 public constant PRICE_HISTORY = 128;
    /// @notice Points closer together than this are merged (the later one replaces the earlier).
    uint256 public constant PRICE_POINT_SPACING = 1 days;

    PricePointSlot[128] private _history;
    mapping(address account => Account) private _accounts;
    /// @dev Gains realised on withdrawals (eMETIS out minus the cost basis removed, floored at zero).
    mapping(address account => uint256) private _realised;

    /// @param eMetis_ the eMETIS token (the vault's asset).
    /// @param manager_ the StakingManager.
    /// @param admin receives DEFAULT_ADMIN_ROLE (sets the rewards cycle, grants DISPATCHER_ROLE).
    constructor(IERC20 eMetis_, address manager_, address admin)
        ERC20("Staked eMETIS (seMETIS)", "seMETIS")
        ERC4626(eMetis_)
    {
        if (address(eMetis_) == address(0) || manager_ == address(0) || admin == address(0)) {
            revert SeMetisZeroAddress();
        }
        manager = manager_;
        _rewardsCycle = uint32(DEFAULT_REWARDS_CYCLE);
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        emit RewardsCycleSet(DEFAULT_REWARDS_CYCLE);
    }

    // ------------------------------------------------------------------ manager / dispatcher / admin

    /// @inheritdoc ISeMetis
    function addRewards(uint256 amount) external {
        if (!hasRole(DISPATCHER_ROLE, msg.sender)) revert SeMetisOnlyDispatcher(msg.sender);
        if (amount == 0) revert SeMetisZeroAmount();
        Accounting memory a = _acct;
        uint256 accounted = uint256(a.stored) + a.unvested + amount;
        uint256 held = IERC20(asset()).balanceOf(address(this));
        if (held < accounted) {
            uint256 before = accounted - amount;
            revert SeMetisUnfundedRewards(amount, held > before ? held - before : 0);
        }
        accounted.toUint96(); // stored + unvested stay within 96 bits
        uint256 vested = _vested(a);
        uint256 remaining = a.unvested - vested;
        uint256 newEnd = block.timestamp + _rewardsCycle;
        uint256 unvested = remaining + amount;
        // amount-weighted average of the remainder's end and the new amount's end, rounded toward the remainder's
        // end: the sub-second shifts of dust additions never add up
        uint256 end;
        if (remaining == 0 || a.end <= block.timestamp) end = newEnd;
        else if (newEnd >= a.end) end = a.end + (amount * (newEnd - a.end)) / unvested;
        else end = a.end - (amount * (a.end - newEnd)) / unvested;
        _acct = Accounting({
            stored: (a.stored + vested).toUint96(),
            unvested: unvested.toUint96(),
            lastSync: block.timestamp.toUint32(),
            end: end.toUint32()
        });
        emit RewardsAdded(amount, end, unvested / (end - block.timestamp));
        _recordPrice(false);
    }

    /// @inheritdoc ISeMetis
    function depositFromManager(uint256 assets, address receiver) external returns (uint256 shares) {
        if (msg.sender != manager) revert SeMetisOnlyManager(msg.sender);
        // The manager already minted `assets` eMETIS into the vault: only the accounting moves.
        shares = _creditDeposit(assets, receiver);
        emit Deposit(msg.sender, receiver, assets, shares);
    }

    /// @inheritdoc ISeMetis
    /// @dev Takes from the unvested stream first, then from stored assets. `amount == 0` absorbs nothing.
    function absorbLoss(uint256 amount) external returns (uint256 absorbed) {
        if (msg.sender != manager) revert SeMetisOnlyManager(msg.sender);
        Accounting memory a = _acct;
        uint256 vested = _vested(a);
        uint256 stored = a.stored + vested;
        uint256 unvested = a.unvested - vested;
        uint256 fromStream = Math.min(amount, unvested);
        uint256 fromStored = Math.min(amount - fromStream, stored);
        unvested -= fromStream;
        stored -= fromStored;
        absorbed = fromStream + fromStored;
        _acct = Accounting({
            stored: stored.toUint96(), unvested: unvested.toUint96(), lastSync: block.timestamp.toUint32(), end: a.end
        });
        emit LossAbsorbed(absorbed, stored);
        if (absorbed != 0) _recordPrice(true);
    }

    /// @notice Admin: sets the streaming cycle used by the next `addRewards`, within [1 day, 30 days].
    /// @param cycle the new cycle in seconds.
    function setRewardsCycle(uint256 cycle) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (cycle < MIN_REWARDS_CYCLE || cycle > MAX_REWARDS_CYCLE) revert SeMetisInvalidCycle(cycle);
        _rewardsCycle = uint32(cycle);
        emit RewardsCycleSet(cycle);
    }

    /// @inheritdoc ISeMetis
    function setExitPause(uint256 until) external {
        if (msg.sender != manager) revert SeMetisOnlyManager(msg.sender);
        _exitsPausedUntil = until.toUint32();
        emit ExitPauseSet(until);
    }

    // ------------------------------------------------------------------ views

    /// @notice Stored assets plus rewards streamed so far (never the vault's token balance).
    /// @return the eMETIS the shares are worth in total.
    function totalAssets() public view override(ERC4626, IERC4626) returns (uint256) {
        Accounting memory a = _acct;
        return a.stored + _vested(a);
    }

    /// @notice The most eMETIS `receiver` can deposit: bounded by the vault's 96-bit accounting (about 79
    /// billion eMETIS; the METIS supply is 10 million) and by the receiver's 192-bit share balance (only
    /// reachable after a total loss).
    /// @param receiver who would receive the shares.
    /// @return the maximum deposit.
    function maxDeposit(address receiver) public view override(ERC4626, IERC4626) returns (uint256) {
        if (block.timestamp < _exitsPausedUntil) return 0;
        Accounting memory a = _acct;
        uint256 byAssets = type(uint96).max - a.stored - a.unvested;
        uint256 virtualSupply = _supply + _VIRTUAL_SHARES;
        // With fewer than 2^40 virtual shares, even a 2^96 deposit mints < 2^136 shares: never binding
        // (and the conversion below could overflow). Above it, the conversion fits in 256 bits.
        if (virtualSupply < 2 ** 40) return byAssets;
        uint256 room = type(uint192).max - _accounts[receiver].shares;
        uint256 byShares = Math.mulDiv(room, a.stored + _vested(a) + 1, virtualSupply);
        return Math.min(byAssets, byShares);
    }

    /// @notice The most shares `receiver` can mint (see `maxDeposit`).
    /// @param receiver who would receive the shares.
    /// @return the maximum mint.
    function maxMint(address receiver) public view override(ERC4626, IERC4626) returns (uint256) {
        return _convertToShares(maxDeposit(receiver), Math.Rounding.Floor);
    }

    /// @notice ERC-4626 deposit. Skips the `maxDeposit` pre-check to save gas: a deposit beyond it reverts on
    /// the checked downcasts instead. Refused while a loss report is on its way (a newcomer would enter at the
    /// price before the loss).
    /// @param assets eMETIS to deposit (approved to the vault).
    /// @param receiver who receives the shares.
    /// @return shares minted (rounded down).
    function deposit(uint256 assets, address receiver) public override(ERC4626, IERC4626) returns (uint256 shares) {
        _requireNotHeld();
        shares = _creditDeposit(assets, receiver);
        IERC20(asset()).safeTransferFrom(msg.sender, address(this), assets);
        emit Deposit(msg.sender, receiver, assets, shares);
    }

    /// @notice ERC-4626 withdraw; refused with `SeMetisExitsPaused` while a loss report is on its way. Zero is a
    /// no-op at any time (withdrawing `maxWithdraw`, which may be 0, never reverts).
    /// @param assets eMETIS to withdraw.
    /// @param receiver who receives the eMETIS.
    /// @param owner whose shares are burned.
    /// @return shares burned (rounded up).
    function withdraw(uint256 assets, address receiver, address owner)
        public
        override(ERC4626, IERC4626)
        returns (uint256 shares)
    {
        if (assets == 0) return 0;
        _requireNotHeld();
        shares = super.withdraw(assets, receiver, owner);
    }

    /// @notice ERC-4626 redeem; refused with `SeMetisExitsPaused` while a loss report is on its way. Zero is a
    /// no-op at any time.
    /// @param shares shares to redeem.
    /// @param receiver who receives the eMETIS.
    /// @param owner whose shares are burned.
    /// @return assets sent (rounded down).
    function redeem(uint256 shares, address receiver, address owner)
        public
        override(ERC4626, IERC4626)
        returns (uint256 assets)
    {
        if (shares == 0) return 0;
        _requireNotHeld();
        assets = super.redeem(shares, receiver, owner);
    }

    /// @notice ERC-4626 mint (see `deposit` about the max pre-check).
    /// @param shares shares to mint.
    /// @param receiver who receives the shares.
    /// @return assets pulled (rounded up).
    function mint(uint256 shares, address receiver) public override(ERC4626, IERC4626) returns (uint256 assets) {
        _requireNotHeld();
        assets = previewMint(shares);
        _deposit(msg.sender, receiver, assets, shares);
    }

    /// @inheritdoc ISeMetis
    function unvestedRewards() external view returns (uint256) {
        Accounting memory a = _acct;
        return a.unvested - _vested(a);
    }

    /// @inheritdoc ISeMetis
    /// @dev Rounded down; zero once the stream has ended.
    function rewardRate() external view returns (uint256) {
        Accounting memory a = _acct;
        if (block.timestamp >= a.end) return 0;
        return a.unvested / (a.end - a.lastSync);
    }

    /// @inheritdoc ISeMetis
    function streamEnd() external view returns (uint256) {
        return _acct.end;
    }

    /// @inheritdoc ISeMetis
    function rewardsCycle() external view returns (uint256) {
        return _rewardsCycle;
    }

    /// @inheritdoc ISeMetis
    function priceHistory() external view returns (PricePoint[] memory points) {
        uint256 count = _historyCount;
        points = new PricePoint[](count);
        uint256 first = (uint256(_historyNext) + PRICE_HISTORY - count) % PRICE_HISTORY;
        for (uint256 i; i < count; ++i) {
            PricePointSlot memory p = _history[(first + i) % PRICE_HISTORY];
            points[i] = PricePoint({time: p.time, price: p.price});
        }
    }

    /// @inheritdoc ISeMetis
    function exitsPausedUntil() public view returns (uint256) {
        return _exitsPausedUntil;
    }

    /// @notice ERC-4626: the most `owner` can withdraw now (0 while exits are held for a loss report).
    /// @param owner the share holder.
    /// @return the maximum withdrawal in eMETIS.
    function maxWithdraw(address owner) public view override(ERC4626, IERC4626) returns (uint256) {
        if (block.timestamp < _exitsPausedUntil) return 0;
        return _convertToAssets(_accounts[owner].shares, Math.Rounding.Floor);
    }

    /// @notice ERC-4626: the most shares `owner` can redeem now: none while exits are held, and none when the
    /// whole balance is worth 0 eMETIS (redeeming it would burn shares for nothing, which reverts).
    /// @param owner the share holder.
    /// @return the maximum redemption in shares.
    function maxRedeem(address owner) public view override(ERC4626, IERC4626) returns (uint256) {
        if (block.timestamp < _exitsPausedUntil) return 0;
        uint256 shares = _accounts[owner].shares;
        return _convertToAssets(shares, Math.Rounding.Floor) == 0 ? 0 : shares;
    }

    /// @inheritdoc ISeMetis
    /// @dev value of the shares (rounded down) + realised gains - cost basis, floored at zero.
    function rewardsEarned(address account) external view returns (uint256) {
        Account memory acc = _accounts[account];
        uint256 gross = _convertToAssets(acc.shares, Math.Rounding.Floor) + _realised[account];
        uint256 basis = uint256(acc.basisGwei) * _GWEI;
        return gross > basis ? gross - basis : 0;
    }

    /// @notice eMETIS `account` paid for the shares it holds (moves proportionally with transfers).
    /// @param account the holder.
    /// @return the cost basis in eMETIS (wei, a whole number of gwei).
    function costBasis(address account) external view returns (uint256) {
        return uint256(_accounts[account].basisGwei) * _GWEI;
    }

    /// @notice Gains `account` realised on past withdrawals.
    /// @param account the holder.
    /// @return the realised gains in eMETIS.
    function realisedRewards(address account) external view returns (uint256) {
        return _realised[account];
    }

    /// @notice The number of seMETIS shares held by `account`.
    /// @param account the holder.
    /// @return the share balance.
    function balanceOf(address account) public view override(ERC20, IERC20) returns (uint256) {
        return _accounts[account].shares;
    }

    /// @notice The number of seMETIS shares in existence.
    /// @return the share supply.
    function totalSupply() public view override(ERC20, IERC20) returns (uint256) {
        return _supply;
    }

    /// @notice ERC-165 support (AccessControl).
    /// @param interfaceId the interface to check.
    /// @return whether it is supported.
    function supportsInterface(bytes4 interfaceId) public view override(AccessControl) returns (bool) {
        return super.supportsInterface(interfaceId);
    }

    // ------------------------------------------------------------------ internals

    /// @dev Records the share price now (oldest to newest, oldest overwritten). A point within
    /// `PRICE_POINT_SPACING` of the last replaces it, unless either is a loss (`loss`): its drop stays visible.
    function _recordPrice(bool loss) private {
        // saturated, never a revert: the chart must not block rewards or a loss (only absurd supplies reach it)
        uint128 price = uint128(Math.min(_convertToAssets(1e24, Math.Rounding.Floor), type(uint128).max));
        uint256 count = _historyCount;
        uint256 next = _historyNext;
        if (count != 0 && !loss) {
            uint256 last = (next + PRICE_HISTORY - 1) % PRICE_HISTORY;
            PricePointSlot memory lastPoint = _history[last];
            if (!lastPoint.loss && block.timestamp < uint256(lastPoint.time) + PRICE_POINT_SPACING) {
                _history[last] = PricePointSlot({time: uint32(block.timestamp), price: price, loss: false});
                return;
            }
        }
        _history[next] = PricePointSlot({time: uint32(block.timestamp), price: price, loss: loss});
        _historyNext = uint8((next + 1) % PRICE_HISTORY);
        if (count < PRICE_HISTORY) _historyCount = uint8(count + 1);
    }

    function _requireNotHeld() private view {
        uint256 pausedUntil = _exitsPausedUntil;
        if (block.timestamp < pausedUntil) revert SeMetisExitsPaused(pausedUntil);
    }

    /// @dev Rewards of the current stream released since `lastSync` (rounded down).
    function _vested(Accounting memory a) private view returns (uint256) {
        if (block.timestamp >= a.end) return a.unvested;
        // lastSync < end here whenever unvested > 0; a stream that never started has unvested == 0.
        if (a.unvested == 0) return 0;
        // 96-bit amount times a 32-bit duration cannot overflow: plain arithmetic, rounded down.
        return (uint256(a.unvested) * (block.timestamp - a.lastSync)) / (a.end - a.lastSync);
    }

    /// @dev OpenZeppelin's conversion with the offset as a constant (same formula and rounding).
    function _convertToShares(uint256 assets, Math.Rounding rounding) internal view override returns (uint256) {
        return Math.mulDiv(assets, _supply + _VIRTUAL_SHARES, totalAssets() + 1, rounding);
    }

    /// @dev OpenZeppelin's conversion with the offset as a constant (same formula and rounding).
    function _convertToAssets(uint256 shares, Math.Rounding rounding) internal view override returns (uint256) {
        return Math.mulDiv(shares, totalAssets() + 1, _supply + _VIRTUAL_SHARES, rounding);
    }

    /// @dev 1e6 virtual shares per virtual wei: with internal accounting only the reward stream can raise the
    /// price per share, and the offset makes rounding theft against a later depositor cost the attacker
    /// 1e6 times what it could take. It also keeps deposits priced after a total loss (assets -> 0).
    function _decimalsOffset() internal pure override returns (uint8) {
        return 6;
    }

    /// @dev ERC-4626 deposit/mint: pull eMETIS, credit stored assets, mint shares and add the cost basis.
    function _deposit(address caller, address receiver, uint256 assets, uint256 shares) internal override {
        if (assets == 0) revert SeMetisZeroAmount();
        if (shares == 0) revert SeMetisZeroShares();
        IERC20(asset()).safeTransferFrom(caller, address(this), assets);
        _credit(assets);
        _mintWithBasis(receiver, shares, assets);
        emit Deposit(caller, receiver, assets, shares);
    }

    /// @dev ERC-4626 withdraw/redeem: remove the proportional cost basis, record the realised gain, burn the
    /// shares, debit stored assets, then send the eMETIS.
    function _withdraw(address caller, address receiver, address owner, uint256 assets, uint256 shares)
        internal
        override
    {
        if (assets == 0) revert SeMetisZeroAmount(); // shares worth nothing: `maxRedeem` never offers them
        if (caller != owner) _spendAllowance(owner, caller, shares);

        Account memory acc = _accounts[owner];
        if (shares > acc.shares) revert ERC20InsufficientBalance(owner, acc.shares, shares);
        uint256 basisOut = Math.mulDiv(acc.basisGwei, shares, acc.shares);
        if (assets > basisOut * _GWEI) _realised[owner] += assets - basisOut * _GWEI;
        // forge-lint: disable-next-line(unsafe-typecast)
        _accounts[owner] = Account({shares: uint192(acc.shares - shares), basisGwei: uint64(acc.basisGwei - basisOut)});
        unchecked {
            _supply -= shares; // shares <= balance <= supply
        }
        emit Transfer(owner, address(0), shares);

        // assets <= totalAssets because withdraw/redeem round in favour of the vault; take from stored first,
        // the rest from what has streamed so far.
        Accounting memory a = _acct;
        if (assets <= a.stored) {
            // forge-lint: disable-next-line(unsafe-typecast)
            _acct.stored = uint96(a.stored - assets); // below a.stored
        } else {
            uint256 vested = _vested(a);
            _acct = Accounting({
                stored: (a.stored + vested - assets).toUint96(),
                // forge-lint: disable-next-line(unsafe-typecast)
                unvested: uint96(a.unvested - vested), // vested <= unvested
                lastSync: block.timestamp.toUint32(),
                end: a.end
            });
        }

        IERC20(asset()).safeTransfer(receiver, assets);
        emit Withdraw(caller, receiver, owner, assets, shares);
    }

    /// @dev The deposit path in one pass (one read of each slot): prices `assets` like `previewDeposit`
    /// (rounded down), credits them to stored assets and mints the shares with their cost basis.
    function _creditDeposit(uint256 assets, address receiver) private returns (uint256 shares) {
        if (assets == 0) revert SeMetisZeroAmount();
        Accounting memory a = _acct;
        uint256 supply = _supply;
        shares = Math.mulDiv(assets, supply + _VIRTUAL_SHARES, uint256(a.stored) + _vested(a) + 1);
        if (shares == 0) revert SeMetisZeroShares();
        uint256 stored = uint256(a.stored) + assets;
        uint256 accounted = stored + a.unvested;
        accounted.toUint96(); // stored + unvested stay within 96 bits (see `maxDeposit`)
        // forge-lint: disable-next-line(unsafe-typecast)
        _acct.stored = uint96(stored); // checked just above
        _supply = supply + shares;
        _addShares(receiver, shares, assets);
    }

    /// @dev Adds `assets` to stored assets. Stored plus unvested must fit in 96 bits so that the stream can
    /// always fold into stored (see `maxDeposit`).
    function _credit(uint256 assets) private {
        Accounting storage a = _acct;
        uint256 stored = a.stored + assets;
        uint256 accounted = stored + a.unvested;
        accounted.toUint96();
        // forge-lint: disable-next-line(unsafe-typecast)
        a.stored = uint96(stored); // checked just above
    }

    /// @dev The cost basis only feeds the `rewardsEarned` display: it saturates at about 18 billion eMETIS per
    /// account (1,800 times the METIS supply; the figure would then be overstated) rather than make a deposit
    /// or a share transfer revert.
    function _saturate64(uint256 x) private pure returns (uint64) {
        // forge-lint: disable-next-line(unsafe-typecast)
        return x > type(uint64).max ? type(uint64).max : uint64(x);
    }

    /// @dev Mints `shares` to `to` and adds `assets` (rounded up to the gwei) to its cost basis, one slot write.
    function _mintWithBasis(address to, uint256 shares, uint256 assets) private {
        _supply += shares;
        _addShares(to, shares, assets);
    }

    /// @dev Credits `shares` (already added to the supply) and their cost basis to `to`; emits the mint.
    function _addShares(address to, uint256 shares, uint256 assets) private {
        if (to == address(0)) revert ERC20InvalidReceiver(address(0));
        Account memory acc = _accounts[to];
        _accounts[to] = Account({
            shares: (acc.shares + shares).toUint192(),
            basisGwei: _saturate64(acc.basisGwei + Math.ceilDiv(assets, _GWEI))
        });
        emit Transfer(address(0), to, shares);
    }

    /// @dev Share transfers (mint and burn go through `_mintWithBasis` and `_withdraw`): the cost basis moves
    /// with the shares, proportionally; realised gains stay with the sender.
    function _update(address from, address to, uint256 value) internal override {
        // ERC20._transfer already rejects the zero address on both sides, so this is a plain transfer.
        Account memory src = _accounts[from];
        if (value > src.shares) revert ERC20InsufficientBalance(from, src.shares, value);
        uint256 moved = Math.mulDiv(src.basisGwei, value, src.shares == 0 ? 1 : src.shares);
        // forge-lint: disable-next-line(unsafe-typecast)
        _accounts[from] = Account({shares: uint192(src.shares - value), basisGwei: uint64(src.basisGwei - moved)});
        Account memory dst = _accounts[to];
        _accounts[to] =
            Account({shares: (dst.shares + value).toUint192(), basisGwei: _saturate64(dst.basisGwei + moved)});
        emit Transfer(from, to, value);
    }
}
