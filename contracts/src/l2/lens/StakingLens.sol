// SPDX-License-Identifier: MIT
pragma solidity 0.8.23;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {IStakingLens} from "../../interfaces/IStakingLens.sol";
import {IStakingManager} from "../../interfaces/IStakingManager.sol";
import {ISeMetis} from "../../interfaces/ISeMetis.sol";
import {IRedemptionQueue} from "../../interfaces/IRedemptionQueue.sol";
import {IRewardDispatcher} from "../../interfaces/IRewardDispatcher.sol";
import {L1Report} from "../../interfaces/L1Report.sol";
import {ILiquidityMining} from "../../interfaces/ILiquidityMining.sol";
import {IMerkleAirdrop} from "../../interfaces/IMerkleAirdrop.sol";

/// @title StakingLens
/// @notice Read-only aggregator: one `eth_call` of `getAll` returns the protocol figures on both chains, one
/// account's position with an estimate of when each redemption ticket is paid, and its airdrop status. Every
/// address except the governance side is read from the manager, so the lens never disagrees with the protocol
/// it describes; L1 figures come from the last report the L1 hub sent (`reportTimestamp`).
/// @dev APR model (Metis rewards every L2 block and shares the blocks by voting power = locked METIS):
/// our yearly rewards = rewardPerBlock x blocksPerYear x ourLocked / networkLocked (both from the report;
/// LockingInfo's total also counts seats in their exit delay, which earn nothing, so the figure reads low then);
/// grossAprBps = that / TVL; aprBps (seMETIS, after fee) = that x (1 - fee) / seMETIS totalAssets, because only
/// seMETIS earns; streamAprBps = seMETIS rewardRate x 365 days / totalAssets. A zero denominator gives 0.
/// Ticket estimates walk the METIS that could pay the tickets ahead of it, nearest first: the L2 buffer (now),
/// principal already on its way back, METIS idle on L1 or above minLock in a seat (the fast path), seats
/// already unlocking (their claim time), and otherwise a new unlock (the pool's exit delay).
contract StakingLens is IStakingLens {
    uint256 private constant BPS = 10_000;
    uint256 private constant YEAR = 365 days;
    uint256 private constant ONE = 1e18;
    /// @notice Tickets `getUser`/`getAll` return at most (the rest through `getTickets`), so one call stays
    /// well inside `eth_call` gas caps whatever number of tickets an account was sent.
    uint256 public constant MAX_TICKETS = 50;

    /// @notice The StakingManager every protocol address is read from.
    IStakingManager public immutable manager;
    /// @notice LiquidityMining (zero if not deployed).
    address public immutable liquidityMining;
    /// @notice MerkleAirdrop (zero if not deployed).
    address public immutable airdrop;
    /// @notice Governance token (zero if not deployed).
    address public immutable governanceToken;
    /// @notice L2 blocks per year on the chain the sequencers produce, for the APR figures.
    uint256 public immutable blocksPerYear;
    /// @notice Estimated seconds for principal sent from L1 to be credited on L2 (Metis's deposit relay).
    uint256 public immutable returnDelay;
    /// @notice Estimated seconds for the fast path: the keeper's partial withdrawal on L1, then `returnDelay`.
    uint256 public immutable fastPathDelay;

    /// @notice Thrown by the constructor when the manager is the zero address.
    error LensZeroAddress();

    /// @param manager_ The StakingManager.
    /// @param liquidityMining_ LiquidityMining, or zero.
    /// @param airdrop_ MerkleAirdrop, or zero.
    /// @param governanceToken_ Governance token, or zero.
    /// @param blocksPerYear_ L2 blocks per year (365 days / block time).
    /// @param returnDelay_ seconds from an L1 deposit to its credit on L2.
    /// @param fastPathDelay_ seconds from a ticket request to its funding through a partial withdrawal.
    constructor(
        address manager_,
        address liquidityMining_,
        address airdrop_,
        address governanceToken_,
        uint256 blocksPerYear_,
        uint256 returnDelay_,
        uint256 fastPathDelay_
    ) {
        if (manager_ == address(0)) revert LensZeroAddress();
        manager = IStakingManager(manager_);
        liquidityMining = liquidityMining_;
        airdrop = airdrop_;
        governanceToken = governanceToken_;
        blocksPerYear = blocksPerYear_;
        returnDelay = returnDelay_;
        fastPathDelay = fastPathDelay_;
    }

    /// @inheritdoc IStakingLens
    function getProtocol() public view returns (ProtocolView memory p) {
        IStakingManager m = manager;
        ISeMetis vault = ISeMetis(m.seMetis());
        IRedemptionQueue queue = IRedemptionQueue(m.redemptionQueue());
        L1Report memory r = m.lastReport();

        p.chainId = block.chainid;
        p.blockNumber = block.number;
        p.timestamp = block.timestamp;
        p.tvl = m.totalBacking();
        p.buffered = m.bufferedMetis();
        (uint256 bridged,) = m.bridgeTotals();
        p.inFlightToL1 = bridged > r.receivedFromL2 ? bridged - r.receivedFromL2 : 0;
        p.l1Idle = r.idle;
        p.totalLocked = r.locked;
        p.unlocking = r.unlocking;
        p.inFlightToL2 = m.pendingPrincipal();
        p.fastCapacity = p.inFlightToL2 + r.idle + r.withdrawable;
        p.activeSeats = r.activeSeats;
        p.reportNonce = r.nonce;
        p.reportTimestamp = r.timestamp;
        p.pendingRewards = IERC20(m.metis()).balanceOf(m.rewardReceiver());
        p.eMetisSupply = IERC20(m.eMetis()).totalSupply();
        p.seMetisSupply = vault.totalSupply();
        p.seMetisTotalAssets = vault.totalAssets();
        p.sharePrice = vault.convertToAssets(ONE);
        p.feeBps = IRewardDispatcher(m.dispatcher()).feeBps();

        uint256 ourYearly = _ourYearlyRewards(r);
        p.grossAprBps = p.tvl == 0 ? 0 : Math.mulDiv(ourYearly, BPS, p.tvl);
        p.aprBps = p.seMetisTotalAssets == 0 ? 0 : Math.mulDiv(ourYearly, BPS - p.feeBps, p.seMetisTotalAssets);
        p.streamEnd = vault.streamEnd();
        p.streamAprBps =
            p.seMetisTotalAssets == 0 ? 0 : Math.mulDiv(vault.rewardRate() * YEAR, BPS, p.seMetisTotalAssets);
        p.rewardsCycle = vault.rewardsCycle();

        p.exitDelay = r.exitDelay;
        p.fastPathDelay = fastPathDelay;
        p.slowPathDelay = r.exitDelay + fastPathDelay;
        p.backingRatio = m.backingRatio();
        p.minStake = m.minStake();
        p.minRedemption = queue.minAmount();
        p.maxRedemption = queue.maxAmount();
        p.queueUnfinalized = queue.unfinalizedAmount();
        p.paused = m.paused();
    }

    /// @inheritdoc IStakingLens
    function getUser(address account) public view returns (UserView memory u) {
        IStakingManager m = manager;
        IERC20 metis = IERC20(m.metis());
        IERC20 eMetis = IERC20(m.eMetis());
        ISeMetis vault = ISeMetis(m.seMetis());
        address queue = m.redemptionQueue();

        u.account = account;
        u.metisBalance = metis.balanceOf(account);
        u.eMetisBalance = eMetis.balanceOf(account);
        u.seMetisBalance = vault.balanceOf(account);
        u.seMetisAssets = vault.convertToAssets(u.seMetisBalance);
        u.seMetisMetisValue = Math.mulDiv(u.seMetisAssets, m.backingRatio(), ONE);
        u.metisAllowanceToManager = metis.allowance(account, address(m));
        u.eMetisAllowanceToVault = eMetis.allowance(account, address(vault));
        u.eMetisAllowanceToQueue = eMetis.allowance(account, queue);
        u.eMetisNonce = IERC20Permit(address(eMetis)).nonces(account);
        u.rewardsEarned = vault.rewardsEarned(account);
        if (liquidityMining != address(0)) {
            ILiquidityMining mining = ILiquidityMining(liquidityMining);
            u.seMetisAllowanceToMining = vault.allowance(account, liquidityMining);
            u.miningStaked = mining.balanceOf(address(vault), account);
            u.miningEarned = mining.earned(address(vault), account);
        }
        if (governanceToken != address(0)) u.governanceBalance = IERC20(governanceToken).balanceOf(account);
        (u.tickets, u.openTickets) = _tickets(m, IRedemptionQueue(queue), account, 0, MAX_TICKETS);
    }

    /// @inheritdoc IStakingLens
    function getTickets(address account, uint256 offset, uint256 limit)
        external
        view
        returns (TicketView[] memory tickets, uint256 total)
    {
        IStakingManager m = manager;
        return _tickets(m, IRedemptionQueue(m.redemptionQueue()), account, offset, limit);
    }

    /// @inheritdoc IStakingLens
    function getAll(address account, uint256[] calldata airdropIndexes)
        external
        view
        returns (
            ProtocolView memory protocol,
            UserView memory user,
            AirdropView memory airdropView,
            ISeMetis.PricePoint[] memory priceHistory
        )
    {
        protocol = getProtocol();
        user = getUser(account);
        airdropView = _airdrop(account, airdropIndexes);
        priceHistory = ISeMetis(manager.seMetis()).priceHistory();
    }

    // ------------------------------------------------------------------ internals

    /// @dev Our share of the network's yearly rewards: rewardPerBlock x blocksPerYear x ourLocked / networkLocked.
    function _ourYearlyRewards(L1Report memory r) private view returns (uint256) {
        uint256 ours = r.locked;
        uint256 network = r.networkLocked;
        if (ours == 0 || network == 0) return 0;
        if (ours > network) ours = network; // cannot be; guards a report built mid-change
        return Math.mulDiv(uint256(r.rewardPerBlock) * blocksPerYear, ours, network);
    }

    /// @dev Where the METIS that pays the queue up to some ticket can come from, nearest first, and how the
    /// queue ahead of a ticket is priced.
    struct Sources {
        uint256 buffered;
        uint256 returning;
        uint256 fast;
        uint256 unlocking;
        uint256 claimAt;
        uint256 exitDelay;
        uint256 ratio;
        uint256 base; // eMETIS of the tickets already funded
    }

    function _tickets(IStakingManager m, IRedemptionQueue queue, address account, uint256 offset, uint256 limit)
        private
        view
        returns (TicketView[] memory tickets, uint256 total)
    {
        uint256[] memory ids;
        (ids, total) = queue.ticketsOf(account, offset, limit);
        tickets = new TicketView[](ids.length);
        if (ids.length == 0) return (tickets, total);
        Sources memory src = _sources(m, queue);
        for (uint256 i; i < ids.length; ++i) {
            tickets[i] = _ticketView(queue, ids[i], src);
        }
    }

    function _sources(IStakingManager m, IRedemptionQueue queue) private view returns (Sources memory src) {
        L1Report memory r = m.lastReport();
        src.buffered = m.bufferedMetis();
        src.returning = m.pendingPrincipal();
        // principal that has arrived but is not credited yet pays tickets as soon as anyone funds them
        uint256 held = IERC20(m.metis()).balanceOf(address(m));
        uint256 arrived = held > src.buffered ? Math.min(held - src.buffered, src.returning) : 0;
        src.buffered += arrived;
        src.returning -= arrived;
        src.fast = uint256(r.idle) + r.withdrawable;
        src.unlocking = r.unlocking;
        src.claimAt = r.nextClaimTime;
        src.exitDelay = r.exitDelay;
        src.ratio = m.backingRatio();
        src.base = queue.cumulativeOf(queue.lastFinalizedId());
    }

    function _ticketView(IRedemptionQueue queue, uint256 id, Sources memory src)
        private
        view
        returns (TicketView memory v)
    {
        IRedemptionQueue.TicketInfo memory t = queue.getTicket(id);
        v.id = t.id;
        v.owner = t.owner;
        v.eMetisAmount = t.eMetisAmount;
        v.metisAmount = t.metisAmount;
        v.requestedAt = t.requestedAt;
        v.status = t.status;
        if (t.status == IRedemptionQueue.TicketStatus.Pending) {
            uint256 ahead = Math.mulDiv(queue.cumulativeOf(id) - src.base, src.ratio, ONE, Math.Rounding.Ceil);
            (v.eta, v.fastPath) = _eta(ahead, src);
        }
    }

    /// @dev When `need` METIS (the queue up to a ticket) can be on L2, and whether without a new exit delay.
    function _eta(uint256 need, Sources memory s) private view returns (uint64 eta, bool fast) {
        uint256 now_ = block.timestamp;
        uint256 have = s.buffered;
        if (need <= have) return (uint64(now_), true);
        have += s.returning;
        if (need <= have) return (uint64(now_ + returnDelay), true);
        have += s.fast;
        if (need <= have) return (uint64(now_ + fastPathDelay), true);
        have += s.unlocking;
        if (need <= have) return (uint64(Math.max(now_, s.claimAt) + returnDelay), false);
        return (uint64(now_ + s.exitDelay + fastPathDelay), false);
    }

    function _airdrop(address account, uint256[] calldata indexes) private view returns (AirdropView memory a) {
        a.airdrop = airdrop;
        a.claimed = new bool[](indexes.length);
        if (airdrop == address(0)) return a;
        IMerkleAirdrop d = IMerkleAirdrop(airdrop);
        a.merkleRoot = d.merkleRoot();
        a.deadline = d.deadline();
        for (uint256 i; i < indexes.length; ++i) {
            a.claimed[i] = d.isClaimed(indexes[i]);
        }
        (uint256 total,, uint256 releasable) = d.vested(account);
        a.vestedTotal = total;
        a.vestedReleasable = releasable;
    }
}
