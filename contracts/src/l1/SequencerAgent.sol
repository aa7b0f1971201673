// SPDX-License-Identifier: MIT
pragma solidity 0.8.23;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Initializable} from "@openzeppelin/contracts/proxy/utils/Initializable.sol";
import {ILockingPool} from "../interfaces/metis/ILockingPool.sol";

/// @title SequencerAgent: the owner of one sequencer seat in Metis's LockingPool (L1).
/// @notice LockingPool allows one sequencer per owner address, so the hub deploys one agent per seat. Only the
/// hub may act through an agent, and whatever METIS the pool sends the agent goes straight back to the hub
/// in the same call: the agent holds nothing between calls. Rewards never reach the agent: LockingInfo
/// bridges them to the reward recipient on L2 chosen at lock time.
/// @dev METIS is approved to `pool.escrow()` (LockingInfo), read at each call, as Metis requires. Agents are
/// EIP-1167 clones of one implementation, initialized by the hub in the transaction that creates them.
contract SequencerAgent is Initializable {
    using SafeERC20 for IERC20;

    /// @notice The SequencerHub that created this agent.
    address public hub;
    /// @notice Metis's LockingPool.
    ILockingPool public pool;
    /// @notice METIS on L1.
    IERC20 public metis;
    /// @notice The signer of this seat's sequencer node.
    address public signer;
    /// @notice The signer's 64-byte public key.
    bytes public signerPubkey;
    /// @notice This seat's sequencer id in the pool (0 until locked).
    uint256 public seqId;

    /// @notice METIS `amount` was sent back to the hub.
    event AgentForwarded(uint256 amount);

    error AgentOnlyHub(address caller);
    error AgentAlreadyLocked(uint256 seqId);
    error AgentNotLocked();

    modifier onlyHub() {
        if (msg.sender != hub) revert AgentOnlyHub(msg.sender);
        _;
    }

    modifier locked() {
        if (seqId == 0) revert AgentNotLocked();
        _;
    }

    /// @dev The implementation itself can never be initialized.
    constructor() {
        _disableInitializers();
    }

    /// @notice Called once by the hub that cloned this agent (the caller becomes the hub).
    /// @param pool_ Metis's LockingPool
    /// @param metis_ METIS on L1
    /// @param signer_ the sequencer signer address
    /// @param signerPubkey_ the signer's 64-byte public key
    function initialize(ILockingPool pool_, IERC20 metis_, address signer_, bytes calldata signerPubkey_)
        external
        initializer
    {
        hub = msg.sender;
        pool = pool_;
        metis = metis_;
        signer = signer_;
        signerPubkey = signerPubkey_;
    }

    /// @notice Locks `amount` METIS (sent here by the hub) for this seat's sequencer, rewards to `rewardRecipient`.
    /// @return id the sequencer id the pool assigned
    function lock(uint256 amount, address rewardRecipient) external onlyHub returns (uint256 id) {
        if (seqId != 0) revert AgentAlreadyLocked(seqId);
        metis.forceApprove(pool.escrow(), amount);
        pool.lockWithRewardRecipient(signer, rewardRecipient, amount, signerPubkey);
        id = pool.seqOwners(address(this));
        seqId = id;
    }

    /// @notice Adds `amount` METIS (sent here by the hub) to the lock, without compounding the reward.
    function relock(uint256 amount) external onlyHub locked {
        metis.forceApprove(pool.escrow(), amount);
        pool.relock(seqId, amount, false);
    }

    /// @notice Withdraws `amount` of principal; the pool pays it here at once and it goes to the hub.
    /// @return forwarded METIS sent to the hub
    function withdraw(uint256 amount) external onlyHub locked returns (uint256 forwarded) {
        pool.withdraw(seqId, amount);
        forwarded = _forward();
    }

    /// @notice Bridges the pending reward to L2, paying the bridge's ETH fee with `msg.value`.
    function withdrawRewards(uint32 l2Gas) external payable onlyHub locked {
        pool.withdrawRewards{value: msg.value}(seqId, l2Gas);
    }

    /// @notice Starts the exit (the pending reward is bridged to L2 with `msg.value` as the fee).
    function unlock(uint32 l2Gas) external payable onlyHub locked {
        pool.unlock{value: msg.value}(seqId, l2Gas);
    }

    /// @notice After the exit delay: claims the principal (sent to the hub) and bridges any reward left.
    /// @return forwarded METIS sent to the hub
    function unlockClaim(uint32 l2Gas) external payable onlyHub locked returns (uint256 forwarded) {
        pool.unlockClaim{value: msg.value}(seqId, l2Gas);
        forwarded = _forward();
    }

    /// @notice Sends any METIS held here (e.g. sent by mistake) to the hub, the only place it can go.
    /// @return forwarded METIS sent to the hub
    function sweep() external returns (uint256 forwarded) {
        forwarded = _forward();
    }

    function _forward() private returns (uint256 amount) {
        amount = metis.balanceOf(address(this));
        if (amount != 0) {
            metis.safeTransfer(hub, amount);
            emit AgentForwarded(amount);
        }
    }
}
