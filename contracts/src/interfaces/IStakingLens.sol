// SPDX-License-Identifier: MIT
pragma solidity 0.8.23;

import {IRedemptionQueue} from "./IRedemptionQueue.sol";
import {ISeMetis} from "./ISeMetis.sol";

/// @title One view call that returns everything a screen needs.
/// @notice Amounts are in wei (18 decimals). Rates: `sharePrice` and `backingRatio` are 1e18-scaled; APRs and
/// the fee are basis points. L1 figures are those of the last report the L1 hub sent (`reportTimestamp`).
interface IStakingLens {
    struct ProtocolView {
        uint256 chainId;
        uint256 blockNumber;
        uint256 timestamp;
        uint256 tvl; // METIS backing eMETIS, on both chains
        uint256 buffered; // on L2, in the manager
        uint256 inFlightToL1; // bridged to L1, not yet seen there by the hub
        uint256 l1Idle; // on L1, held by the hub
        uint256 totalLocked; // on L1, locked in active seats
        uint256 unlocking; // on L1, in seats' exit delay
        uint256 inFlightToL2; // principal the hub sent back, not yet credited on L2
        uint256 fastCapacity; // what can be back on L2 within the fast-path delay: inFlightToL2 + l1Idle + above-minLock
        uint256 activeSeats;
        uint256 reportNonce;
        uint256 reportTimestamp; // L1 time of the last report (0: none yet)
        uint256 pendingRewards; // rewards in the RewardReceiver, not yet harvested
        uint256 eMetisSupply;
        uint256 seMetisSupply;
        uint256 seMetisTotalAssets;
        uint256 sharePrice; // eMETIS per 1e18 seMETIS share units
        uint256 aprBps; // seMETIS APR after fee, from the pool's reward rate
        uint256 grossAprBps; // APR of locked METIS before fee
        uint256 streamAprBps; // APR implied by the seMETIS reward stream now
        uint256 feeBps;
        uint256 exitDelay; // the L1 pool's exit delay (slow path)
        uint256 fastPathDelay; // estimate: a partial withdrawal on L1 and its deposit back to L2
        uint256 slowPathDelay; // estimate: a new unlock: exitDelay + the fast path back to L2
        uint256 streamEnd; // end of the current seMETIS reward stream
        uint256 rewardsCycle;
        uint256 backingRatio; // METIS per eMETIS
        uint256 minStake;
        uint256 minRedemption;
        uint256 maxRedemption;
        uint256 queueUnfinalized; // eMETIS waiting in the redemption queue
        bool paused;
    }

    /// @notice A redemption ticket with an estimate of when it can be claimed.
    // solhint-disable-next-line gas-struct-packing
    struct TicketView {
        // returned by views only, never stored: field order is the ABI front ends decode
        uint256 id;
        address owner;
        uint256 eMetisAmount;
        uint256 metisAmount; // at the funding rate if funded, else at the current backing ratio
        uint64 requestedAt;
        IRedemptionQueue.TicketStatus status;
        uint64 eta; // when it should be funded (now if the buffer covers it); 0 once claimable
        bool fastPath; // funded without waiting for a seat's exit delay
    }

    struct UserView {
        address account;
        uint256 metisBalance;
        uint256 eMetisBalance;
        uint256 seMetisBalance; // shares
        uint256 seMetisAssets; // eMETIS value of the shares
        uint256 seMetisMetisValue; // METIS value of the shares at the backing ratio
        uint256 metisAllowanceToManager; // METIS's ERC-20 face (the native path needs none)
        uint256 eMetisAllowanceToVault;
        uint256 eMetisAllowanceToQueue;
        uint256 seMetisAllowanceToMining;
        uint256 eMetisNonce; // EIP-2612 nonce for permit signatures
        uint256 rewardsEarned; // eMETIS earned by the seMETIS position to date
        uint256 miningStaked; // seMETIS staked in LiquidityMining
        uint256 miningEarned; // governance tokens claimable from LiquidityMining
        uint256 governanceBalance;
        uint256 openTickets; // all of the account's open tickets; `tickets` holds the first MAX_TICKETS of them
        TicketView[] tickets;
    }

    struct AirdropView {
        address airdrop;
        bytes32 merkleRoot;
        uint256 deadline;
        bool[] claimed; // per requested index
        uint256 vestedTotal; // governance tokens vesting for the account
        uint256 vestedReleasable;
    }

    function getProtocol() external view returns (ProtocolView memory);
    function getUser(address account) external view returns (UserView memory);
    /// @notice A page of an account's open tickets (positions `offset`.. of its list), with estimates.
    function getTickets(address account, uint256 offset, uint256 limit)
        external
        view
        returns (TicketView[] memory tickets, uint256 total);
    /// @notice Everything for one screen in one call, with seMETIS's share-price checkpoints (oldest first) for the
    /// rewards chart: a holder's earned METIS over time is its shares times the price change.
    function getAll(address account, uint256[] calldata airdropIndexes)
        external
        view
        returns (
            ProtocolView memory protocol,
            UserView memory user,
            AirdropView memory airdrop,
            ISeMetis.PricePoint[] memory priceHistory
        );
}
