// SPDX-License-Identifier: MIT
pragma solidity 0.8.23;

import {IRedemptionQueue} from "./IRedemptionQueue.sol";

/// @title One view call that returns everything a screen needs.
/// @notice Amounts are in wei (18 decimals). Rates: `sharePrice` and `backingRatio` are 1e18-scaled;
/// APRs and the fee are basis points.
interface IStakingLens {
    struct ProtocolView {
        uint256 chainId;
        uint256 blockNumber;
        uint256 timestamp;
        uint256 tvl; // METIS backing eMETIS: buffer + locked + unlocking
        uint256 buffered;
        uint256 totalLocked;
        uint256 nodeCount;
        uint256[] nodeLocked; // principal per node seat, index = node index
        uint256 eMetisSupply;
        uint256 seMetisSupply;
        uint256 seMetisTotalAssets;
        uint256 sharePrice; // eMETIS per 1e18 seMETIS
        uint256 aprBps; // seMETIS APR after fee, from the pool's reward rate
        uint256 grossAprBps; // APR of locked METIS before fee
        uint256 streamAprBps; // APR implied by the seMETIS reward stream now
        uint256 feeBps;
        uint256 exitDelay;
        uint256 streamEnd; // end of the current seMETIS reward stream
        uint256 rewardsCycle;
        uint256 backingRatio; // METIS per eMETIS
        uint256 minStake;
        uint256 minRedemption;
        uint256 maxRedemption;
        uint256 queueUnfinalized; // eMETIS waiting in the redemption queue
        bool paused;
    }

    struct UserView {
        address account;
        uint256 metisBalance;
        uint256 eMetisBalance;
        uint256 seMetisBalance; // shares
        uint256 seMetisAssets; // eMETIS value of the shares
        uint256 seMetisMetisValue; // METIS value of the shares at the backing ratio
        uint256 metisAllowanceToManager;
        uint256 eMetisAllowanceToVault;
        uint256 eMetisAllowanceToQueue;
        uint256 seMetisAllowanceToMining;
        uint256 eMetisNonce; // EIP-2612 nonce for permit signatures
        uint256 rewardsEarned; // eMETIS earned by the seMETIS position to date
        uint256 miningStaked; // seMETIS staked in LiquidityMining
        uint256 miningEarned; // governance tokens claimable from LiquidityMining
        uint256 governanceBalance;
        IRedemptionQueue.TicketInfo[] tickets;
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
    /// @notice Everything for one screen in one call.
    function getAll(address account, uint256[] calldata airdropIndexes)
        external
        view
        returns (ProtocolView memory protocol, UserView memory user, AirdropView memory airdrop);
}
