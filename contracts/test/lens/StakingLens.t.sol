// SPDX-License-Identifier: MIT
pragma solidity 0.8.23;

import {Fixture} from "../utils/Fixture.sol";
import {StakingLens} from "../../src/lens/StakingLens.sol";
import {IStakingLens} from "../../src/interfaces/IStakingLens.sol";
import {IRedemptionQueue} from "../../src/interfaces/IRedemptionQueue.sol";
import {MerkleAirdrop} from "../../src/governance/MerkleAirdrop.sol";
import {LiquidityMining} from "../../src/governance/LiquidityMining.sol";
import {GovernanceToken} from "../../src/governance/GovernanceToken.sol";
import {DevMetis} from "../../src/network/DevMetis.sol";
import {SequencerLockingPool} from "../../src/network/SequencerLockingPool.sol";
import {StakingManager} from "../../src/core/StakingManager.sol";
import {EMetis} from "../../src/token/EMetis.sol";
import {SeMetis} from "../../src/vault/SeMetis.sol";
import {RewardDispatcher} from "../../src/vault/RewardDispatcher.sol";
import {RedemptionQueue} from "../../src/redemption/RedemptionQueue.sol";

/// @dev Deploys airdrop, mining and token in one go: the token's address is predicted from this
/// contract's nonce (airdrop = 1, mining = 2, token = 3), as the deploy script does with the deployer's.
contract GovDeployer {
    MerkleAirdrop public airdrop;
    LiquidityMining public mining;
    GovernanceToken public token;

    constructor(bytes32 root, uint256 deadline, address treasury, address admin) {
        address predicted = address(uint160(uint256(keccak256(abi.encodePacked(bytes1(0xd6), bytes1(0x94), address(this), bytes1(0x03))))));
        airdrop = new MerkleAirdrop(predicted, root, deadline, treasury, admin, 5000, 90 days);
        mining = new LiquidityMining(predicted, admin);
        token = new GovernanceToken(address(airdrop), address(mining), treasury, 9_000_000e18);
        require(address(token) == predicted, "prediction");
    }
}

/// @notice The lens's figures checked against the contracts it reads.
contract StakingLensTest is Fixture {
    uint256 internal constant BLOCKS_PER_YEAR = 365 days / 2;
    uint256 internal constant BPS = 10_000;

    StakingLens internal lens;
    MerkleAirdrop internal airdrop;
    LiquidityMining internal mining;
    GovernanceToken internal gov;

    uint256 internal constant ALICE_DROP = 1000e18;
    uint256 internal constant BOB_DROP = 500e18;
    bytes32 internal leafAlice;
    bytes32 internal leafBob;

    function setUp() public override {
        super.setUp();
        leafAlice = _leaf(0, alice, ALICE_DROP);
        leafBob = _leaf(1, bob, BOB_DROP);
        bytes32 root = _hashPair(leafAlice, leafBob);
        GovDeployer d = new GovDeployer(root, block.timestamp + 30 days, treasury, admin);
        airdrop = d.airdrop();
        mining = d.mining();
        gov = d.token();
        vm.startPrank(admin);
        mining.addPool(address(seMetis));
        mining.notifyRewardAmount(address(seMetis), 100_000e18, 10 days);
        vm.stopPrank();
        lens = new StakingLens(address(manager), address(mining), address(airdrop), address(gov), BLOCKS_PER_YEAR);
    }

    function _leaf(uint256 index, address account, uint256 amount) internal pure returns (bytes32) {
        return keccak256(bytes.concat(keccak256(abi.encode(index, account, amount))));
    }

    function _hashPair(bytes32 a, bytes32 b) internal pure returns (bytes32) {
        return a < b ? keccak256(abi.encodePacked(a, b)) : keccak256(abi.encodePacked(b, a));
    }

    /// @dev Expected APRs from the raw contracts, the model the lens documents.
    function _expectedAprs() internal view returns (uint256 gross, uint256 net) {
        uint256 ours = manager.totalLocked();
        uint256 poolLocked = pool.totalLocked();
        if (ours == 0 || poolLocked == 0) return (0, 0);
        uint256 yearly = pool.rewardPerBlock() * BLOCKS_PER_YEAR * ours / poolLocked;
        gross = yearly * BPS / manager.totalBacking();
        net = yearly * (BPS - dispatcher.feeBps()) / seMetis.totalAssets();
    }

    function _openSeat(address user, uint256 amount) internal {
        _addSeat(1);
        _stakeAndRestake(user, amount);
        _allocate();
    }

    // ------------------------------------------------------------------ constructor

    function test_constructor_revertsOnZeroManager() public {
        vm.expectRevert(StakingLens.LensZeroAddress.selector);
        new StakingLens(address(0), address(mining), address(airdrop), address(gov), BLOCKS_PER_YEAR);
    }

    function test_constructor_storesAddresses() public view {
        assertEq(address(lens.manager()), address(manager));
        assertEq(lens.liquidityMining(), address(mining));
        assertEq(lens.airdrop(), address(airdrop));
        assertEq(lens.governanceToken(), address(gov));
        assertEq(lens.blocksPerYear(), BLOCKS_PER_YEAR);
    }

    // ------------------------------------------------------------------ protocol

    function test_getProtocol_freshDeploymentMatchesContracts() public view {
        IStakingLens.ProtocolView memory p = lens.getProtocol();
        assertEq(p.chainId, block.chainid);
        assertEq(p.blockNumber, block.number);
        assertEq(p.timestamp, block.timestamp);
        assertEq(p.tvl, SEED_DEPOSIT, "seed only");
        assertEq(p.buffered, manager.bufferedMetis());
        assertEq(p.totalLocked, 0);
        assertEq(p.nodeCount, 0);
        assertEq(p.nodeLocked.length, 0);
        assertEq(p.eMetisSupply, eMetis.totalSupply());
        assertEq(p.seMetisSupply, seMetis.totalSupply());
        assertEq(p.seMetisTotalAssets, seMetis.totalAssets());
        assertEq(p.sharePrice, seMetis.convertToAssets(1e18));
        assertEq(p.aprBps, 0, "nothing locked, nothing earned");
        assertEq(p.grossAprBps, 0);
        assertEq(p.streamAprBps, 0);
        assertEq(p.feeBps, 1000);
        assertEq(p.exitDelay, queue.exitDelay());
        assertEq(p.streamEnd, seMetis.streamEnd());
        assertEq(p.rewardsCycle, seMetis.rewardsCycle());
        assertEq(p.backingRatio, 1e18);
        assertEq(p.minStake, manager.minStake());
        assertEq(p.minRedemption, queue.minAmount());
        assertEq(p.maxRedemption, queue.maxAmount());
        assertEq(p.queueUnfinalized, 0);
        assertFalse(p.paused);
    }

    function test_getProtocol_seatOpens_nodesAndAprFollowThePool() public {
        _addSeat(1);
        _addSeat(2);
        _stakeAndRestake(alice, 60_000e18);
        _stake(bob, 70_000e18); // plain eMETIS: does not earn, so seMETIS APR > gross APR
        _allocate();

        IStakingLens.ProtocolView memory p = lens.getProtocol();
        assertEq(p.nodeCount, 2);
        for (uint256 i; i < 2; ++i) {
            (,,, uint256 principal,) = manager.node(i);
            assertEq(p.nodeLocked[i], principal);
        }
        assertEq(p.nodeLocked[0], MAX_LOCK);
        assertEq(p.nodeLocked[1], 130_000e18 + SEED_DEPOSIT - MAX_LOCK);
        assertEq(p.totalLocked, manager.totalLocked());
        assertEq(p.tvl, manager.totalBacking());
        assertEq(p.buffered, 0);

        (uint256 gross, uint256 net) = _expectedAprs();
        assertEq(p.grossAprBps, gross);
        assertEq(p.aprBps, net);
        assertTrue(p.aprBps > p.grossAprBps, "only seMETIS earns, so its APR is higher");
        // 0.000761 METIS x 15,768,000 blocks = 12,000 METIS a year over 130,001 locked: ~9.2%
        assertApproxEqAbs(p.grossAprBps, 923, 1);
    }

    function test_getProtocol_otherSequencersDiluteOurApr() public {
        _openSeat(alice, 50_000e18);
        uint256 alone = lens.getProtocol().grossAprBps;
        // another operator locks the same amount in the pool: we now get half the blocks
        address other = makeAddr("otherOperator");
        vm.prank(admin);
        pool.setWhitelist(other, true);
        _fund(other, 50_000e18 + SEED_DEPOSIT);
        (bytes memory pk, address signer) = _key(99);
        vm.startPrank(other);
        metis.approve(pool.escrow(), type(uint256).max);
        pool.lockFor(signer, 50_000e18 + SEED_DEPOSIT, pk);
        vm.stopPrank();

        IStakingLens.ProtocolView memory p = lens.getProtocol();
        (uint256 gross, uint256 net) = _expectedAprs();
        assertEq(p.grossAprBps, gross);
        assertEq(p.aprBps, net);
        assertApproxEqAbs(p.grossAprBps, alone / 2, 1);
    }

    function test_getProtocol_streamAprFollowsTheRewardStream() public {
        _openSeat(alice, 40_000e18);
        _submitBatch(100_000);
        _harvest();
        IStakingLens.ProtocolView memory p = lens.getProtocol();
        assertGt(p.streamAprBps, 0);
        assertEq(p.streamAprBps, seMetis.rewardRate() * 365 days * BPS / seMetis.totalAssets());
        assertEq(p.streamEnd, seMetis.streamEnd());
        uint256 price0 = p.sharePrice;

        _warp(p.rewardsCycle / 2);
        p = lens.getProtocol();
        assertTrue(p.sharePrice > price0, "price rises while rewards stream");
        assertEq(p.sharePrice, seMetis.convertToAssets(1e18));

        _warp(p.rewardsCycle);
        p = lens.getProtocol();
        assertEq(p.streamAprBps, 0, "stream over");
    }

    function test_getProtocol_queueAndPause() public {
        _stake(alice, 5_000e18);
        _request(alice, 1_000e18);
        _request(alice, 2_000e18);
        assertEq(lens.getProtocol().queueUnfinalized, 3_000e18);
        _fundRedemptions(1);
        assertEq(lens.getProtocol().queueUnfinalized, 2_000e18);
        vm.prank(pauser);
        manager.pause();
        assertTrue(lens.getProtocol().paused);
    }

    function test_getProtocol_lossLowersBackingRatioAndMetisValue() public {
        _addSeat(1);
        _stake(alice, 40_000e18); // plain eMETIS: seMETIS holds only the seed and cannot cover a loss
        _allocate();
        (,, uint256 seqId,,) = manager.node(0);
        vm.prank(admin);
        pool.slash(seqId, 20_000e18);
        manager.syncNode(0);
        IStakingLens.ProtocolView memory p = lens.getProtocol();
        assertTrue(p.backingRatio < 1e18, "eMETIS under-backed");
        assertEq(p.backingRatio, manager.backingRatio());
        assertEq(p.tvl, manager.totalBacking());
        assertEq(p.seMetisTotalAssets, 0, "the vault absorbed what it had");

        // a restake after the loss: its METIS value is its eMETIS value at the backing ratio
        _stakeAndRestake(carol, 1_000e18);
        IStakingLens.UserView memory u = lens.getUser(carol);
        p = lens.getProtocol();
        assertEq(u.seMetisMetisValue, u.seMetisAssets * p.backingRatio / 1e18);
        assertTrue(u.seMetisAssets > u.seMetisMetisValue);
        assertApproxEqAbs(u.seMetisMetisValue, 1_000e18, 1e12);
    }

    // ------------------------------------------------------------------ user

    function test_getUser_balancesAllowancesAndNonce() public {
        _fund(carol, 1_234e18);
        _stakeAndRestake(alice, 3_000e18);
        _stake(alice, 500e18);
        vm.startPrank(alice);
        metis.approve(address(manager), 7);
        eMetis.approve(address(seMetis), 8);
        eMetis.approve(address(queue), 9);
        seMetis.approve(address(mining), 10);
        vm.stopPrank();

        IStakingLens.UserView memory u = lens.getUser(alice);
        assertEq(u.account, alice);
        assertEq(u.metisBalance, metis.balanceOf(alice));
        assertEq(u.eMetisBalance, 500e18);
        assertEq(u.seMetisBalance, seMetis.balanceOf(alice));
        assertEq(u.seMetisAssets, seMetis.convertToAssets(u.seMetisBalance));
        assertApproxEqAbs(u.seMetisAssets, 3_000e18, 1);
        assertEq(u.seMetisMetisValue, u.seMetisAssets, "fully backed");
        assertEq(u.metisAllowanceToManager, 7);
        assertEq(u.eMetisAllowanceToVault, 8);
        assertEq(u.eMetisAllowanceToQueue, 9);
        assertEq(u.seMetisAllowanceToMining, 10);
        assertEq(u.eMetisNonce, eMetis.nonces(alice));
        assertEq(u.rewardsEarned, 0);
        assertEq(u.tickets.length, 0);
        assertEq(lens.getUser(carol).metisBalance, 1_234e18);
    }

    function test_getUser_rewardsEarnedAndMining() public {
        _openSeat(alice, 40_000e18);
        uint256 shares = seMetis.balanceOf(alice);
        vm.startPrank(alice);
        seMetis.approve(address(mining), shares / 2);
        mining.stake(address(seMetis), shares / 2);
        vm.stopPrank();
        _submitBatch(50_000);
        _harvest();
        _warp(3 days);

        IStakingLens.UserView memory u = lens.getUser(alice);
        assertEq(u.rewardsEarned, seMetis.rewardsEarned(alice));
        assertGt(u.rewardsEarned, 0);
        assertEq(u.miningStaked, shares / 2);
        assertEq(u.miningStaked, mining.balanceOf(address(seMetis), alice));
        assertEq(u.miningEarned, mining.earned(address(seMetis), alice));
        assertGt(u.miningEarned, 0);
        assertEq(u.seMetisBalance, shares - shares / 2, "staked shares sit in the mining contract");
    }

    function test_getUser_ticketsCarryTheirStatus() public {
        _stake(alice, 10_000e18);
        uint256 t1 = _request(alice, 1_000e18);
        uint256 t2 = _request(alice, 2_000e18);
        uint256 t3 = _request(alice, 3_000e18);
        _fundRedemptions(t2);

        IStakingLens.UserView memory u = lens.getUser(alice);
        assertEq(u.tickets.length, 3);
        uint256[] memory ids = queue.ticketsOf(alice);
        for (uint256 i; i < 3; ++i) {
            // the lens returns the queue's own ticket data, in the queue's order
            assertEq(u.tickets[i].id, ids[i]);
            assertEq(keccak256(abi.encode(u.tickets[i])), keccak256(abi.encode(queue.getTicket(ids[i]))));
        }
        assertEq(uint256(_ticket(u, t1).status), uint256(IRedemptionQueue.TicketStatus.Funded));
        assertEq(uint256(_ticket(u, t2).status), uint256(IRedemptionQueue.TicketStatus.Funded));
        assertEq(uint256(_ticket(u, t3).status), uint256(IRedemptionQueue.TicketStatus.Pending));
        assertEq(_ticket(u, t3).eMetisAmount, 3_000e18);
        assertEq(_ticket(u, t3).owner, alice);

        _warp(queue.exitDelay());
        u = lens.getUser(alice);
        assertEq(uint256(_ticket(u, t1).status), uint256(IRedemptionQueue.TicketStatus.Claimable));
        assertEq(_ticket(u, t1).metisAmount, 1_000e18);
        vm.prank(alice);
        queue.claim(t1, alice);
        u = lens.getUser(alice);
        assertEq(u.tickets.length, 2, "a claimed ticket is burned");
        assertEq(_ticket(u, t2).id, t2);
        assertEq(_ticket(u, t3).id, t3);
    }

    function _ticket(IStakingLens.UserView memory u, uint256 id)
        internal
        pure
        returns (IRedemptionQueue.TicketInfo memory t)
    {
        for (uint256 i; i < u.tickets.length; ++i) {
            if (u.tickets[i].id == id) return u.tickets[i];
        }
        revert("ticket not in the view");
    }

    // ------------------------------------------------------------------ airdrop

    function test_getAll_airdropClaimedFlagsAndVesting() public {
        uint256[] memory idx = new uint256[](3);
        idx[0] = 0;
        idx[1] = 1;
        idx[2] = 7;
        (,, IStakingLens.AirdropView memory a) = lens.getAll(alice, idx);
        assertEq(a.airdrop, address(airdrop));
        assertEq(a.merkleRoot, airdrop.merkleRoot());
        assertEq(a.deadline, airdrop.deadline());
        assertEq(a.claimed.length, 3);
        assertFalse(a.claimed[0]);
        assertFalse(a.claimed[1]);
        assertEq(a.vestedTotal, 0);

        bytes32[] memory proof = new bytes32[](1);
        proof[0] = leafBob;
        airdrop.claim(0, alice, ALICE_DROP, proof);
        _warp(45 days);
        IStakingLens.UserView memory u;
        (, u, a) = lens.getAll(alice, idx);
        assertTrue(a.claimed[0]);
        assertFalse(a.claimed[1]);
        assertFalse(a.claimed[2]);
        (uint256 total,, uint256 releasable) = airdrop.vested(alice);
        assertEq(a.vestedTotal, total);
        assertEq(a.vestedTotal, ALICE_DROP / 2, "half vests");
        assertEq(a.vestedReleasable, releasable);
        assertApproxEqAbs(a.vestedReleasable, ALICE_DROP / 4, 1, "half of the vesting half after 45 of 90 days");
        assertEq(u.governanceBalance, gov.balanceOf(alice));
        assertEq(u.governanceBalance, ALICE_DROP / 2);
    }

    function test_getAll_returnsTheSameAsTheParts() public {
        _openSeat(alice, 30_000e18);
        (IStakingLens.ProtocolView memory p, IStakingLens.UserView memory u,) = lens.getAll(alice, new uint256[](0));
        IStakingLens.ProtocolView memory p2 = lens.getProtocol();
        IStakingLens.UserView memory u2 = lens.getUser(alice);
        assertEq(keccak256(abi.encode(p)), keccak256(abi.encode(p2)));
        assertEq(keccak256(abi.encode(u)), keccak256(abi.encode(u2)));
    }

    // ------------------------------------------------------------------ optional parts and guards

    function test_withoutGovernanceContracts_figuresAreZero() public {
        StakingLens bare = new StakingLens(address(manager), address(0), address(0), address(0), BLOCKS_PER_YEAR);
        _stakeAndRestake(alice, 1_000e18);
        uint256[] memory idx = new uint256[](2);
        (, IStakingLens.UserView memory u, IStakingLens.AirdropView memory a) = bare.getAll(alice, idx);
        assertEq(u.miningStaked, 0);
        assertEq(u.miningEarned, 0);
        assertEq(u.seMetisAllowanceToMining, 0);
        assertEq(u.governanceBalance, 0);
        assertEq(a.airdrop, address(0));
        assertEq(a.merkleRoot, bytes32(0));
        assertEq(a.claimed.length, 2, "one flag per requested index, all false");
        assertFalse(a.claimed[0]);
        assertGt(u.seMetisBalance, 0);
    }

    function test_zeroBlocksPerYear_givesZeroApr() public {
        _openSeat(alice, 30_000e18);
        StakingLens noBlocks = new StakingLens(address(manager), address(0), address(0), address(0), 0);
        IStakingLens.ProtocolView memory p = noBlocks.getProtocol();
        assertEq(p.grossAprBps, 0);
        assertEq(p.aprBps, 0);
        assertGt(p.totalLocked, 0);
    }

    /// @dev An unseeded protocol: TVL, vault assets and supply are zero; no division may revert.
    function test_emptyProtocol_noDivisionByZero() public {
        DevMetis m = new DevMetis(admin);
        SequencerLockingPool pl = new SequencerLockingPool(address(m), admin, mpc, rewardPayer);
        StakingManager mg = new StakingManager(address(m), address(pl), admin);
        EMetis e = new EMetis(address(mg));
        SeMetis s = new SeMetis(e, address(mg), admin);
        RewardDispatcher dsp = new RewardDispatcher(address(e), address(s), treasury, admin);
        RedemptionQueue q = new RedemptionQueue(address(e), address(m), address(mg), admin);
        vm.prank(admin);
        mg.initialize(address(e), address(s), address(dsp), address(q));
        StakingLens l = new StakingLens(address(mg), address(0), address(0), address(0), BLOCKS_PER_YEAR);
        (IStakingLens.ProtocolView memory p, IStakingLens.UserView memory u,) = l.getAll(alice, new uint256[](0));
        assertEq(p.tvl, 0);
        assertEq(p.seMetisTotalAssets, 0);
        assertEq(p.aprBps, 0);
        assertEq(p.grossAprBps, 0);
        assertEq(p.streamAprBps, 0);
        assertEq(p.backingRatio, 1e18);
        assertEq(u.seMetisAssets, 0);
    }

    function test_gas_getAll() public {
        _addSeat(1);
        _addSeat(2);
        _addSeat(3);
        _stakeAndRestake(alice, 150_000e18);
        _stake(alice, 1_000e18);
        _allocate();
        for (uint256 i; i < 5; ++i) {
            _request(alice, 100e18);
        }
        uint256[] memory idx = new uint256[](2);
        idx[1] = 1;
        lens.getAll(alice, idx);
        vm.snapshotGasLastCall("StakingLens.getAll (3 nodes, 5 tickets, 2 airdrop indexes)");
    }
}
