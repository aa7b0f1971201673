// SPDX-License-Identifier: MIT
pragma solidity 0.8.23;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {IStakingLens} from "../interfaces/IStakingLens.sol";
import {IStakingManager} from "../interfaces/IStakingManager.sol";
import {ISeMetis} from "../interfaces/ISeMetis.sol";
import {IRedemptionQueue} from "../interfaces/IRedemptionQueue.sol";
import {IRewardDispatcher} from "../interfaces/IRewardDispatcher.sol";
import {ISequencerLockingPool} from "../interfaces/ISequencerLockingPool.sol";
import {ILiquidityMining} from "../interfaces/ILiquidityMining.sol";
import {IMerkleAirdrop} from "../interfaces/IMerkleAirdrop.sol";

/// @title StakingLens
/// @notice Read-only aggregator: one `eth_call` of `getAll` returns the protocol figures, one account's
/// position and its airdrop status. Every address except the governance side is read from the manager,
/// so the lens never disagrees with the protocol it describes.
/// @dev APR model (Metis rewards every L2 block and shares the blocks by voting power = locked METIS):
/// our yearly rewards = rewardPerBlock x blocksPerYear x ourLocked / pool.totalLocked();
/// grossAprBps = that / TVL; aprBps (seMETIS, after fee) = that x (1 - fee) / seMETIS totalAssets, because only
/// seMETIS earns; streamAprBps = seMETIS rewardRate x 365 days / totalAssets. Every division is guarded: a zero
/// denominator gives 0. Liquidity mining, airdrop and governance token may be the zero address (not deployed):
/// their figures are then 0.
contract StakingLens is IStakingLens {
    uint256 private constant BPS = 10_000;
    uint256 private constant YEAR = 365 days;
    uint256 private constant ONE = 1e18;

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

    /// @notice Thrown by the constructor when the manager is the zero address.
    error LensZeroAddress();

    /// @param manager_ The StakingManager.
    /// @param liquidityMining_ LiquidityMining, or zero.
    /// @param airdrop_ MerkleAirdrop, or zero.
    /// @param governanceToken_ Governance token, or zero.
    /// @param blocksPerYear_ L2 blocks per year (365 days / block time).
    constructor(
        address manager_,
        address liquidityMining_,
        address airdrop_,
        address governanceToken_,
        uint256 blocksPerYear_
    ) {
        if (manager_ == address(0)) revert LensZeroAddress();
        manager = IStakingManager(manager_);
        liquidityMining = liquidityMining_;
        airdrop = airdrop_;
        governanceToken = governanceToken_;
        blocksPerYear = blocksPerYear_;
    }

    /// @inheritdoc IStakingLens
    function getProtocol() public view returns (ProtocolView memory p) {
        IStakingManager m = manager;
        ISeMetis vault = ISeMetis(m.seMetis());
        IRedemptionQueue queue = IRedemptionQueue(m.redemptionQueue());

        p.chainId = block.chainid;
        p.blockNumber = block.number;
        p.timestamp = block.timestamp;
        p.tvl = m.totalBacking();
        p.buffered = m.bufferedMetis();
        p.totalLocked = m.totalLocked();
        p.nodeLocked = _nodeLocked(m);
        p.nodeCount = p.nodeLocked.length;
        p.eMetisSupply = IERC20(m.eMetis()).totalSupply();
        p.seMetisSupply = vault.totalSupply();
        p.seMetisTotalAssets = vault.totalAssets();
        p.sharePrice = vault.convertToAssets(ONE);
        p.feeBps = IRewardDispatcher(m.dispatcher()).feeBps();

        uint256 ourYearly = _ourYearlyRewards(m, p.totalLocked);
        p.grossAprBps = p.tvl == 0 ? 0 : Math.mulDiv(ourYearly, BPS, p.tvl);
        p.aprBps = p.seMetisTotalAssets == 0 ? 0 : Math.mulDiv(ourYearly, BPS - p.feeBps, p.seMetisTotalAssets);
        p.streamEnd = vault.streamEnd();
        p.streamAprBps =
            p.seMetisTotalAssets == 0 ? 0 : Math.mulDiv(vault.rewardRate() * YEAR, BPS, p.seMetisTotalAssets);
        p.rewardsCycle = vault.rewardsCycle();

        p.exitDelay = queue.exitDelay();
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
        u.tickets = _tickets(IRedemptionQueue(queue), account);
    }

    /// @inheritdoc IStakingLens
    function getAll(address account, uint256[] calldata airdropIndexes)
        external
        view
        returns (ProtocolView memory protocol, UserView memory user, AirdropView memory airdropView)
    {
        protocol = getProtocol();
        user = getUser(account);
        airdropView = _airdrop(account, airdropIndexes);
    }

    // ------------------------------------------------------------------ internals

    /// @dev Our share of the pool's yearly rewards: rewardPerBlock x blocksPerYear x ourLocked / poolLocked.
    function _ourYearlyRewards(IStakingManager m, uint256 ourLocked) private view returns (uint256) {
        if (ourLocked == 0) return 0;
        ISequencerLockingPool pool = ISequencerLockingPool(m.lockingPool());
        uint256 poolLocked = pool.totalLocked();
        if (poolLocked == 0) return 0;
        // Our locked principal can never exceed the pool's; cap in case of a stale view during a loss.
        if (ourLocked > poolLocked) ourLocked = poolLocked;
        return Math.mulDiv(pool.rewardPerBlock() * blocksPerYear, ourLocked, poolLocked);
    }

    function _nodeLocked(IStakingManager m) private view returns (uint256[] memory locked) {
        uint256 n = m.nodeCount();
        locked = new uint256[](n);
        for (uint256 i; i < n; ++i) {
            (,,, uint256 principal,) = m.node(i);
            locked[i] = principal;
        }
    }

    function _tickets(IRedemptionQueue queue, address account)
        private
        view
        returns (IRedemptionQueue.TicketInfo[] memory tickets)
    {
        uint256[] memory ids = queue.ticketsOf(account);
        tickets = new IRedemptionQueue.TicketInfo[](ids.length);
        for (uint256 i; i < ids.length; ++i) {
            tickets[i] = queue.getTicket(ids[i]);
        }
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
