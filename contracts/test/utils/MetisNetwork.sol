// SPDX-License-Identifier: MIT
pragma solidity 0.8.23;

import {Strings} from "@openzeppelin/contracts/utils/Strings.sol";
import {Test} from "./Test.sol";
import {Vm} from "./Vm.sol";
import {OneBalanceMetis} from "./OneBalanceMetis.sol";
import {DevMetis} from "../../src/network/DevMetis.sol";
import {IL1CrossDomainMessenger} from "../../src/interfaces/metis/ICrossDomainMessengers.sol";
import {MetisAddresses} from "../../src/interfaces/metis/MetisAddresses.sol";
import {AddressManagerModel} from "../../src/network/bridge/AddressManagerModel.sol";
import {DiscountOracleModel} from "../../src/network/bridge/DiscountOracleModel.sol";
import {GasPriceOracleModel} from "../../src/network/bridge/GasPriceOracleModel.sol";
import {L1CrossDomainMessengerModel} from "../../src/network/bridge/L1CrossDomainMessengerModel.sol";
import {L1StandardBridgeModel} from "../../src/network/bridge/L1StandardBridgeModel.sol";
import {L2CrossDomainMessengerModel} from "../../src/network/bridge/L2CrossDomainMessengerModel.sol";
import {L2StandardBridgeModel} from "../../src/network/bridge/L2StandardBridgeModel.sol";
import {StateBatchMerkle} from "../../src/network/bridge/StateBatchMerkle.sol";
import {StateCommitmentChainModel} from "../../src/network/bridge/StateCommitmentChainModel.sol";
import {LockingInfoModel} from "../../src/network/locking/LockingInfoModel.sol";
import {LockingPoolModel} from "../../src/network/locking/LockingPoolModel.sol";
import {SequencerInfoModel} from "../../src/network/locking/SequencerInfoModel.sol";

/// @title Forge harness: the whole Metis model set (L1 and L2) in one EVM, with a relayer, an MPC and funding helpers.
/// @notice TEST ONLY. Inherit it and call `deployMetisNetwork(metisMainnetLike())` (or `metisSepoliaLike()`) in
/// `setUp`. Forge has one chain, so the L1 and L2 contracts share it; the L2 ones sit at Metis's predeploy
/// addresses (METIS 0xDead...0000 as `OneBalanceMetis`, messenger ...0007, bridge ...0010, gas price oracle
/// ...000F, copied with `vm.etch` and initialized), and `block.chainid` is set to the L2 chain id (the L2 bridge
/// puts it in its withdrawal messages).
///
/// ONE EVM, ONE NATIVE BALANCE: an address's native balance is at once its L1 ETH and its L2 METIS. Use different
/// addresses for L1 and L2 roles (as a real deployment does), or the ETH an L1 contract spends on fees is the METIS
/// it holds on L2.
///
/// L2 METIS supply: at deploy time a genesis deposit of `METIS_GENESIS_L2_SUPPLY` goes through the real bridge path
/// (L1 message nonce 0, already relayed) to `metisGenesisHolder`; `fundL2` moves native METIS from that holder, so
/// every L2 METIS is backed by L1 METIS in the L1 bridge and withdrawals never exceed the bridge's `deposits`.
///
/// RELAYER: the harness records logs (`vm.recordLogs` in `deployMetisNetwork`) and turns the L1 messenger's and the
/// L2 messenger's `SentMessage` logs into queues (`syncMessages`, called by every relay helper). Each log is checked
/// against on-chain state (`queuedMessageHash` on L1, `sentMessages` on L2), so logs of reverted calls are dropped.
/// Queue index == message nonce. Do not call `vm.recordLogs`/`vm.getRecordedLogs` yourself without calling
/// `syncMessages()` first. Before `vm.expectRevert` on a relay helper, call `syncMessages()`: then the helper makes
/// no external call before the relay itself (the call the expectation applies to).
abstract contract MetisNetwork is Test {
    /// @notice A network variant.
    struct MetisConfig {
        uint256 l2ChainId; // 1088 mainnet-like, 59902 Sepolia-like
        uint256 discount; // ETH per L2 gas unit on L1->L2 deposits and messages
        bool bftRestriction; // LockingPool unlock "BFT restriction"
        uint256 minErc20BridgeCost; // native METIS fee of an L2->L1 withdrawal
        uint256 fraudProofWindow; // seconds
        bool slashable; // deploy LockingPoolWithSlash / LockingInfoWithSlash (NOT Metis behaviour)
    }

    /// @notice A message from L1 to L2 (from the L1 messenger's `SentMessage`).
    struct L1ToL2Message {
        address target;
        address sender;
        bytes message;
        uint256 nonce;
        uint256 gasLimit;
    }

    /// @notice A message from L2 to L1 (from the L2 messenger's `SentMessage`) and where it was committed.
    struct L2ToL1Message {
        address target;
        address sender;
        bytes message;
        uint256 nonce;
        uint256 gasLimit;
        bool committed;
        uint256 batch; // index in `metisStateBatches`
        uint256 position; // index in the batch
    }

    /// @notice A state batch appended by `commitL2Messages`.
    struct StateBatch {
        IL1CrossDomainMessenger.ChainBatchHeader header;
        bytes32[] elements;
    }

    /// @notice L2 METIS created at deploy time through the bridge (backs `fundL2`).
    uint256 internal constant METIS_GENESIS_L2_SUPPLY = 100_000_000 ether;
    /// @notice L1 METIS the reward payer starts with (it approves LockingInfo for everything).
    uint256 internal constant METIS_REWARD_PAYER_FUNDS = 10_000_000 ether;
    /// @notice L2 gas the helpers pass to bridge calls (raised to the oracle's minimum anyway).
    uint32 internal constant METIS_DEFAULT_L2_GAS = 200_000;

    bytes32 private constant SENT_MESSAGE_TOPIC =
        keccak256("SentMessage(address,address,bytes,uint256,uint256,uint256)");
    bytes32 private constant STATE_BATCH_TOPIC =
        keccak256("StateBatchAppended(uint256,uint256,bytes32,uint256,uint256,bytes)");

    MetisConfig internal metisConfig;

    // ---------------------------------------------------------------- L1 side
    DevMetis internal l1Metis;
    AddressManagerModel internal addressManager;
    DiscountOracleModel internal discountOracle;
    StateCommitmentChainModel internal scc;
    L1CrossDomainMessengerModel internal l1Messenger;
    L1StandardBridgeModel internal l1Bridge;
    LockingInfoModel internal lockingInfo;
    LockingPoolModel internal lockingPool;

    // ---------------------------------------------------------------- L2 side (predeploy addresses)
    OneBalanceMetis internal l2Metis;
    L2CrossDomainMessengerModel internal l2Messenger;
    L2StandardBridgeModel internal l2Bridge;
    GasPriceOracleModel internal gasPriceOracle;

    // ---------------------------------------------------------------- Metis's roles
    address internal metisAdmin = makeAddr("metis.admin");
    address internal metisMpc = makeAddr("metis.mpc");
    address internal metisRewardPayer = makeAddr("metis.rewardPayer");
    address internal metisL1FeeRecipient = makeAddr("metis.l1Sequencer");
    address internal metisProposer = makeAddr("metis.proposer");
    address internal metisL1Genesis = makeAddr("metis.l1Genesis");
    address internal metisGenesisHolder = makeAddr("metis.l2Genesis");

    // ---------------------------------------------------------------- relayer state
    L1ToL2Message[] internal metisL1ToL2;
    uint256 internal metisL1ToL2Next; // next message relayNextToL2 delivers
    L2ToL1Message[] internal metisL2ToL1;
    uint256 internal metisL2ToL1Committed; // messages committed in a state batch
    uint256 internal metisL2ToL1Next; // next message relayAllToL1 delivers
    StateBatch[] internal metisStateBatches;
    bytes32[] private _pendingElements;

    // ================================================================= variants

    /// @notice Mainnet-like: L2 chain 1088, discount 1 gwei, BFT restriction on, L2->L1 fee 1 METIS, 7-day window.
    /// @dev The L2->L1 fee is an assumption (owner-set on Metis; clients floor it around 1 METIS).
    function metisMainnetLike() internal pure returns (MetisConfig memory) {
        return MetisConfig({
            l2ChainId: 1088,
            discount: 1 gwei,
            bftRestriction: true,
            minErc20BridgeCost: 1 ether,
            fraudProofWindow: 7 days,
            slashable: false
        });
    }

    /// @notice Sepolia-like: L2 chain 59902, discount 0, no BFT restriction, L2->L1 fee 0, 7-day window.
    /// @dev The L2->L1 fee of 0 is an assumption.
    function metisSepoliaLike() internal pure returns (MetisConfig memory) {
        return MetisConfig({
            l2ChainId: 59902,
            discount: 0,
            bftRestriction: false,
            minErc20BridgeCost: 0,
            fraudProofWindow: 7 days,
            slashable: false
        });
    }

    // ================================================================= deployment

    /// @notice Deploys and wires the whole model set, funds the reward payer and makes the genesis L2 supply.
    function deployMetisNetwork(MetisConfig memory cfg) internal {
        metisConfig = cfg;
        vm.chainId(cfg.l2ChainId);
        vm.recordLogs();

        // L1
        l1Metis = DevMetis(_deploy("DevMetis.sol:DevMetis", abi.encode(address(this))));
        addressManager = AddressManagerModel(_deploy("AddressManagerModel.sol:AddressManagerModel", ""));
        addressManager.initialize(metisAdmin);
        discountOracle = DiscountOracleModel(_deploy("DiscountOracleModel.sol:DiscountOracleModel", ""));
        discountOracle.initialize(address(addressManager), cfg.discount);
        scc = StateCommitmentChainModel(_deploy("StateCommitmentChainModel.sol:StateCommitmentChainModel", ""));
        scc.initialize(address(addressManager), cfg.fraudProofWindow, cfg.l2ChainId);
        l1Messenger =
            L1CrossDomainMessengerModel(_deploy("L1CrossDomainMessengerModel.sol:L1CrossDomainMessengerModel", ""));
        l1Messenger.initialize(address(addressManager));
        l1Bridge = L1StandardBridgeModel(_deploy("L1StandardBridgeModel.sol:L1StandardBridgeModel", ""));
        l1Bridge.initialize(
            address(l1Messenger), MetisAddresses.L2_STANDARD_BRIDGE, address(l1Metis), address(addressManager)
        );
        if (cfg.slashable) {
            lockingInfo = LockingInfoModel(_deploy("LockingPoolWithSlash.sol:LockingInfoWithSlash", ""));
            lockingPool = LockingPoolModel(_deploy("LockingPoolWithSlash.sol:LockingPoolWithSlash", ""));
        } else {
            lockingInfo = LockingInfoModel(_deploy("LockingInfoModel.sol:LockingInfoModel", ""));
            lockingPool = LockingPoolModel(_deploy("LockingPoolModel.sol:LockingPoolModel", ""));
        }
        lockingInfo.initialize(address(l1Bridge), address(l1Metis), MetisAddresses.L2_METIS, cfg.l2ChainId, metisAdmin);
        lockingPool.initialize(address(lockingInfo), metisAdmin, cfg.bftRestriction);

        string memory chain = Strings.toString(cfg.l2ChainId);
        vm.startPrank(metisAdmin);
        addressManager.setAddress("MVM_DiscountOracle", address(discountOracle));
        addressManager.setAddress("StateCommitmentChain", address(scc));
        addressManager.setAddress("GCD_MANAGER", metisAdmin);
        addressManager.setAddress(string.concat(chain, "_MVM_Sequencer"), metisL1FeeRecipient);
        addressManager.setAddress(string.concat(chain, "_MVM_Proposer"), metisProposer);
        discountOracle.setWhitelistedXDomainSender(address(l1Bridge), true);
        lockingInfo.initManager(address(lockingPool));
        lockingInfo.setRewardPayer(metisRewardPayer);
        lockingPool.updateMpc(metisMpc);
        vm.stopPrank();

        // L2 predeploys: copy the runtime code, then initialize the copy (this contract deployed the templates).
        l2Metis = OneBalanceMetis(_etch("OneBalanceMetis.sol:OneBalanceMetis", MetisAddresses.L2_METIS));
        l2Metis.initialize(MetisAddresses.L2_STANDARD_BRIDGE);
        l2Messenger = L2CrossDomainMessengerModel(
            _etch(
                "L2CrossDomainMessengerModel.sol:L2CrossDomainMessengerModel", MetisAddresses.L2_CROSS_DOMAIN_MESSENGER
            )
        );
        l2Messenger.initialize(address(l1Messenger), metisAdmin, MetisAddresses.L2_STANDARD_BRIDGE);
        gasPriceOracle = GasPriceOracleModel(
            _etch("GasPriceOracleModel.sol:GasPriceOracleModel", MetisAddresses.OVM_GAS_PRICE_ORACLE)
        );
        gasPriceOracle.initialize(metisAdmin, cfg.minErc20BridgeCost);
        l2Bridge = L2StandardBridgeModel(
            _etch("L2StandardBridgeModel.sol:L2StandardBridgeModel", MetisAddresses.L2_STANDARD_BRIDGE)
        );
        l2Bridge.initialize(
            MetisAddresses.L2_CROSS_DOMAIN_MESSENGER,
            address(l1Bridge),
            MetisAddresses.L2_METIS,
            MetisAddresses.OVM_GAS_PRICE_ORACLE
        );

        _label();

        // The reward payer (Metis's EDF wallet) funds batch rewards.
        l1Metis.mint(metisRewardPayer, METIS_REWARD_PAYER_FUNDS);
        vm.prank(metisRewardPayer);
        l1Metis.approve(address(lockingInfo), type(uint256).max);

        // Genesis L2 supply through the real deposit path.
        l1Metis.mint(metisL1Genesis, METIS_GENESIS_L2_SUPPLY);
        uint256 fee = l1ToL2Fee(METIS_DEFAULT_L2_GAS);
        vm.deal(metisL1Genesis, fee);
        vm.startPrank(metisL1Genesis);
        l1Metis.approve(address(l1Bridge), METIS_GENESIS_L2_SUPPLY);
        l1Bridge.depositERC20ToByChainId{value: fee}(
            cfg.l2ChainId,
            address(l1Metis),
            MetisAddresses.L2_METIS,
            metisGenesisHolder,
            METIS_GENESIS_L2_SUPPLY,
            METIS_DEFAULT_L2_GAS,
            ""
        );
        vm.stopPrank();
        relayAllToL2();
    }

    // ================================================================= funding and roles

    /// @notice Mints `amount` L1 METIS (DevMetis) to `to`.
    function fundL1(address to, uint256 amount) internal {
        if (amount > 0) l1Metis.mint(to, amount);
    }

    /// @notice Gives `to` `amount` native METIS on L2, taken from the genesis holder (so it stays bridge-backed).
    function fundL2(address to, uint256 amount) internal {
        uint256 held = metisGenesisHolder.balance;
        require(held >= amount, "MetisNetwork: genesis L2 supply exhausted");
        vm.deal(metisGenesisHolder, held - amount);
        vm.deal(to, to.balance + amount);
    }

    /// @notice Gives `to` `amount` more native coin: its L1 ETH (and, in this one EVM, its L2 METIS too).
    function fundEth(address to, uint256 amount) internal {
        vm.deal(to, to.balance + amount);
    }

    /// @notice Metis governance whitelists `owner` as a sequencer owner.
    function whitelistSequencerOwner(address owner) internal {
        vm.prank(metisAdmin);
        lockingPool.setWhitelist(owner, true);
    }

    /// @notice Metis whitelists `sender` as an L1->L2 message sender (discount oracle).
    function allowL1ToL2Sender(address sender) internal {
        vm.prank(metisAdmin);
        discountOracle.setWhitelistedXDomainSender(sender, true);
    }

    /// @notice Metis whitelists `sender` as an L2->L1 message sender (L2 messenger).
    function allowL2ToL1Sender(address sender) internal {
        vm.prank(metisAdmin);
        l2Messenger.setWhitelistedXDomainSender(sender, true);
    }

    /// @notice The ETH fee of an L1->L2 deposit or message with `l2Gas` (raised to the minimum) on this network.
    function l1ToL2Fee(uint32 l2Gas) internal view returns (uint256) {
        uint256 gas = l2Gas < discountOracle.getMinL2Gas() ? discountOracle.getMinL2Gas() : l2Gas;
        return uint256(uint32(gas)) * discountOracle.getDiscount();
    }

    /// @notice The native METIS fee of an L2->L1 withdrawal on this network.
    function l2ToL1Fee() internal view returns (uint256) {
        return gasPriceOracle.minErc20BridgeCost();
    }

    /// @notice A deterministic 64-byte signer pubkey for `name` (any 64 bytes are accepted, as on Metis).
    function metisPubkey(string memory name) internal pure returns (bytes memory) {
        return abi.encodePacked(keccak256(bytes(name)), keccak256(abi.encodePacked(name, uint256(1))));
    }

    /// @notice The signer address of a pubkey: address(keccak256(pubkey)).
    function metisSigner(bytes memory pubkey) internal pure returns (address) {
        return address(uint160(uint256(keccak256(pubkey))));
    }

    /// @notice Whitelists `owner`, mints it `amount` L1 METIS, approves LockingInfo and locks a seat.
    /// @return seqId The new sequencer.
    /// @return signer Its signer address (from `metisPubkey(signerName)`).
    function lockSeat(address owner, uint256 amount, address rewardRecipient, string memory signerName)
        internal
        returns (uint256 seqId, address signer)
    {
        bytes memory pubkey = metisPubkey(signerName);
        signer = metisSigner(pubkey);
        whitelistSequencerOwner(owner);
        fundL1(owner, amount);
        vm.startPrank(owner);
        l1Metis.approve(address(lockingInfo), amount);
        lockingPool.lockWithRewardRecipient(signer, rewardRecipient, amount, pubkey);
        vm.stopPrank();
        seqId = lockingPool.seqOwners(owner);
    }

    /// @notice A sequencer's whole record, decoded from `lockingPool.sequencers(seqId)` (a 13-value tuple).
    function seat(uint256 seqId) internal view returns (SequencerInfoModel.Sequencer memory) {
        return readSeat(address(lockingPool), seqId);
    }

    /// @notice `seat` for any pool implementing Metis's `sequencers(uint256)` getter.
    function readSeat(address pool, uint256 seqId) internal view returns (SequencerInfoModel.Sequencer memory) {
        (bool ok, bytes memory data) = pool.staticcall(abi.encodeWithSignature("sequencers(uint256)", seqId));
        require(ok, "MetisNetwork: sequencers() failed");
        // The getter returns the struct's fields as a flat tuple: prefix the head offset to decode one struct.
        return abi.decode(abi.encodePacked(uint256(32), data), (SequencerInfoModel.Sequencer));
    }

    // ================================================================= MPC

    /// @notice Submits a valid reward batch as the MPC: next id, start = previous end + 1, end = start + 1.
    function submitRewards(address[] memory signers, uint256[] memory blocks) internal {
        (uint256 id,,, uint256 end) = lockingPool.curBatchState();
        vm.prank(metisMpc);
        lockingPool.batchSubmitRewards(id + 1, end + 1, end + 2, signers, blocks);
    }

    /// @notice `submitRewards` for one signer.
    function submitRewards(address signer, uint256 blocks) internal {
        address[] memory signers = new address[](1);
        signers[0] = signer;
        uint256[] memory counts = new uint256[](1);
        counts[0] = blocks;
        submitRewards(signers, counts);
    }

    // ================================================================= relayer: logs

    /// @notice Reads the recorded logs into the message queues and state batches (checked against on-chain state).
    function syncMessages() internal {
        Vm.Log[] memory logs = vm.getRecordedLogs();
        for (uint256 i = 0; i < logs.length; i++) {
            Vm.Log memory log = logs[i];
            if (log.topics.length == 0) continue;
            if (log.emitter == address(l1Messenger) && log.topics[0] == SENT_MESSAGE_TOPIC) {
                _syncL1ToL2(log);
            } else if (log.emitter == address(l2Messenger) && log.topics[0] == SENT_MESSAGE_TOPIC) {
                _syncL2ToL1(log);
            } else if (log.emitter == address(scc) && log.topics[0] == STATE_BATCH_TOPIC) {
                _syncBatch(log);
            }
        }
    }

    /// @notice Messages sent from L1 to this L2 so far (after `syncMessages`).
    function l1ToL2Count() internal returns (uint256) {
        syncMessages();
        return metisL1ToL2.length;
    }

    /// @notice Messages sent from L2 to L1 so far (after `syncMessages`).
    function l2ToL1Count() internal returns (uint256) {
        syncMessages();
        return metisL2ToL1.length;
    }

    /// @notice The L1->L2 message with nonce `index`.
    function l1ToL2Message(uint256 index) internal returns (L1ToL2Message memory) {
        syncMessages();
        return metisL1ToL2[index];
    }

    /// @notice The L2->L1 message with nonce `index`.
    function l2ToL1Message(uint256 index) internal returns (L2ToL1Message memory) {
        syncMessages();
        return metisL2ToL1[index];
    }

    /// @notice The L2 alias of the L1 messenger (the only caller the L2 messenger accepts).
    function l1MessengerAlias() internal view returns (address) {
        unchecked {
            return address(uint160(address(l1Messenger)) + uint160(0x1111000000000000000000000000000000001111));
        }
    }

    // ================================================================= relayer: L1 -> L2

    /// @notice Delivers the next undelivered L1->L2 message (queue order); returns its index.
    function relayNextToL2() internal returns (uint256 index) {
        syncMessages();
        index = metisL1ToL2Next;
        require(index < metisL1ToL2.length, "MetisNetwork: no L1->L2 message to relay");
        relayToL2(index);
    }

    /// @notice Delivers every undelivered L1->L2 message in order; returns how many.
    function relayAllToL2() internal returns (uint256 count) {
        syncMessages();
        while (metisL1ToL2Next < metisL1ToL2.length) {
            relayToL2(metisL1ToL2Next);
            count++;
        }
    }

    /// @notice Delivers L1->L2 message `index` as the aliased L1 messenger (out of order on purpose if you like:
    /// the L2 messenger must refuse a first delivery that is not the next in the queue).
    /// @return ok Whether the target call succeeded (the message is then marked received).
    function relayToL2(uint256 index) internal returns (bool ok) {
        syncMessages();
        require(index < metisL1ToL2.length, "MetisNetwork: no such L1->L2 message");
        L1ToL2Message storage m = metisL1ToL2[index];
        vm.prank(l1MessengerAlias());
        l2Messenger.relayMessage(m.target, m.sender, m.message, m.nonce);
        if (index == metisL1ToL2Next) metisL1ToL2Next = index + 1;
        ok = l2Messenger.successfulMessages(keccak256(_xDomainCalldata(m.target, m.sender, m.message, m.nonce)));
    }

    /// @notice Delivers L1->L2 message `index` again (refused once it succeeded; a retry if it failed).
    function replayToL2(uint256 index) internal returns (bool ok) {
        return relayToL2(index);
    }

    // ================================================================= relayer: L2 -> L1

    /// @notice Appends every uncommitted L2->L1 message to a state batch, as the proposer; returns how many.
    function commitL2Messages() internal returns (uint256 count) {
        syncMessages();
        uint256 from = metisL2ToL1Committed;
        count = metisL2ToL1.length - from;
        if (count == 0) return 0;
        bytes32[] memory elements = new bytes32[](count);
        for (uint256 k = 0; k < count; k++) {
            elements[k] = l2ToL1Element(from + k);
        }
        _pendingElements = elements;
        uint256 batchIndex = metisStateBatches.length;
        uint256 start = scc.getTotalElementsByChainId(metisConfig.l2ChainId);
        vm.prank(metisProposer);
        scc.appendStateBatchByChainId(metisConfig.l2ChainId, elements, start);
        syncMessages();
        require(metisStateBatches.length == batchIndex + 1, "MetisNetwork: state batch not recorded");
        for (uint256 k = 0; k < count; k++) {
            L2ToL1Message storage m = metisL2ToL1[from + k];
            m.committed = true;
            m.batch = batchIndex;
            m.position = k;
        }
        metisL2ToL1Committed = from + count;
        delete _pendingElements;
    }

    /// @notice The state element that proves L2->L1 message `index` (the model's storage key of its calldata).
    function l2ToL1Element(uint256 index) internal view returns (bytes32) {
        L2ToL1Message storage m = metisL2ToL1[index];
        return keccak256(
            abi.encodePacked(
                _xDomainCalldata(m.target, m.sender, m.message, m.nonce), MetisAddresses.L2_CROSS_DOMAIN_MESSENGER
            )
        );
    }

    /// @notice A valid inclusion proof of committed L2->L1 message `index` (tamper with it to test refusals).
    function l2ToL1Proof(uint256 index) internal view returns (IL1CrossDomainMessenger.L2MessageInclusionProof memory) {
        L2ToL1Message storage m = metisL2ToL1[index];
        require(m.committed, "MetisNetwork: commitL2Messages() first");
        StateBatch storage b = metisStateBatches[m.batch];
        return IL1CrossDomainMessenger.L2MessageInclusionProof({
            stateRoot: b.elements[m.position],
            stateRootBatchHeader: b.header,
            stateRootProof: IL1CrossDomainMessenger.ChainInclusionProof({
                index: m.position, siblings: StateBatchMerkle.proof(b.elements, m.position)
            }),
            stateTrieWitness: "",
            storageTrieWitness: ""
        });
    }

    /// @notice When committed L2->L1 message `index` leaves the fraud-proof window (it can be relayed from then).
    function l2ToL1ReadyAt(uint256 index) internal view returns (uint256) {
        L2ToL1Message storage m = metisL2ToL1[index];
        require(m.committed, "MetisNetwork: commitL2Messages() first");
        (uint256 timestamp,) = abi.decode(metisStateBatches[m.batch].header.extraData, (uint256, address));
        return timestamp + metisConfig.fraudProofWindow;
    }

    /// @notice Commits it if needed, warps past the fraud-proof window if needed, and relays L2->L1 message
    /// `index` with a valid proof. Returns whether the target call succeeded.
    function relayToL1(uint256 index) internal returns (bool ok) {
        syncMessages();
        require(index < metisL2ToL1.length, "MetisNetwork: no such L2->L1 message");
        if (!metisL2ToL1[index].committed) commitL2Messages();
        uint256 readyAt = l2ToL1ReadyAt(index);
        if (block.timestamp < readyAt) vm.warp(readyAt);
        return _relayToL1(index, true);
    }

    /// @notice Relays committed L2->L1 message `index` now, without waiting (refused inside the fraud window).
    function relayToL1Early(uint256 index) internal returns (bool ok) {
        syncMessages();
        return _relayToL1(index, false);
    }

    /// @notice Relays committed L2->L1 message `index` again, now (refused once it succeeded).
    function replayToL1(uint256 index) internal returns (bool ok) {
        syncMessages();
        return _relayToL1(index, false);
    }

    /// @notice Commits, waits out the window and relays every L2->L1 message not relayed yet; returns how many.
    function relayAllToL1() internal returns (uint256 count) {
        syncMessages();
        while (metisL2ToL1Next < metisL2ToL1.length) {
            relayToL1(metisL2ToL1Next);
            count++;
        }
    }

    // ================================================================= internals

    /// @dev `advance`: the relay is expected to go through, so the in-order cursor moves past it (a refused relay,
    /// e.g. under `vm.expectRevert`, must not move it).
    function _relayToL1(uint256 index, bool advance) private returns (bool ok) {
        L2ToL1Message storage m = metisL2ToL1[index];
        IL1CrossDomainMessenger.L2MessageInclusionProof memory proof = l2ToL1Proof(index);
        l1Messenger.relayMessageViaChainId(metisConfig.l2ChainId, m.target, m.sender, m.message, m.nonce, proof);
        if (advance && index == metisL2ToL1Next) metisL2ToL1Next = index + 1;
        ok = l1Messenger.successfulMessages(keccak256(_xDomainCalldata(m.target, m.sender, m.message, m.nonce)));
    }

    function _syncL1ToL2(Vm.Log memory log) private {
        (address sender, bytes memory message, uint256 nonce, uint256 gasLimit, uint256 chainId) =
            abi.decode(log.data, (address, bytes, uint256, uint256, uint256));
        if (chainId != metisConfig.l2ChainId || nonce != metisL1ToL2.length) return;
        address target = address(uint160(uint256(log.topics[1])));
        bytes32 msgHash = keccak256(_xDomainCalldata(target, sender, message, nonce));
        if (l1Messenger.queuedMessageHash(chainId, nonce) != msgHash) return; // a log of a reverted call
        metisL1ToL2.push(
            L1ToL2Message({target: target, sender: sender, message: message, nonce: nonce, gasLimit: gasLimit})
        );
    }

    function _syncL2ToL1(Vm.Log memory log) private {
        (address sender, bytes memory message, uint256 nonce, uint256 gasLimit,) =
            abi.decode(log.data, (address, bytes, uint256, uint256, uint256));
        if (nonce != metisL2ToL1.length) return;
        address target = address(uint160(uint256(log.topics[1])));
        if (!l2Messenger.sentMessages(keccak256(_xDomainCalldata(target, sender, message, nonce)))) return;
        metisL2ToL1.push(
            L2ToL1Message({
                target: target,
                sender: sender,
                message: message,
                nonce: nonce,
                gasLimit: gasLimit,
                committed: false,
                batch: 0,
                position: 0
            })
        );
    }

    function _syncBatch(Vm.Log memory log) private {
        (uint256 chainId, bytes32 root, uint256 size, uint256 prevTotal, bytes memory extraData) =
            abi.decode(log.data, (uint256, bytes32, uint256, uint256, bytes));
        uint256 batchIndex = uint256(log.topics[1]);
        if (chainId != metisConfig.l2ChainId || batchIndex != metisStateBatches.length) return;
        IL1CrossDomainMessenger.ChainBatchHeader memory header = IL1CrossDomainMessenger.ChainBatchHeader({
            batchIndex: batchIndex, batchRoot: root, batchSize: size, prevTotalElements: prevTotal, extraData: extraData
        });
        if (scc.batchHeaderHash(chainId, batchIndex) != keccak256(abi.encode(root, size, prevTotal, extraData))) {
            return;
        }
        StateBatch storage b = metisStateBatches.push();
        b.header = header;
        if (_pendingElements.length == size && StateBatchMerkle.root(_pendingElements) == root) {
            b.elements = _pendingElements;
        }
    }

    function _xDomainCalldata(address target, address sender, bytes memory message, uint256 nonce)
        private
        pure
        returns (bytes memory)
    {
        return abi.encodeWithSignature("relayMessage(address,address,bytes,uint256)", target, sender, message, nonce);
    }

    /// @dev Deploys an artifact by name (`vm.getCode`) instead of `new`, so the test contracts that inherit this
    /// harness do not each embed every model's creation code (solc-js runs out of memory on the whole project).
    function _deploy(string memory artifact, bytes memory args) private returns (address deployed) {
        bytes memory code = abi.encodePacked(vm.getCode(artifact), args);
        assembly ("memory-safe") {
            deployed := create(0, add(code, 0x20), mload(code))
        }
        require(deployed != address(0), string.concat("MetisNetwork: cannot deploy ", artifact));
    }

    /// @dev Deploys a template of `artifact` and copies its runtime code to `at` (a predeploy address).
    function _etch(string memory artifact, address at) private returns (address) {
        vm.etch(at, _deploy(artifact, "").code);
        return at;
    }

    function _label() private {
        vm.label(address(l1Metis), "L1 METIS (DevMetis)");
        vm.label(address(addressManager), "AddressManagerModel");
        vm.label(address(discountOracle), "DiscountOracleModel");
        vm.label(address(scc), "StateCommitmentChainModel");
        vm.label(address(l1Messenger), "L1CrossDomainMessengerModel");
        vm.label(address(l1Bridge), "L1StandardBridgeModel");
        vm.label(address(lockingInfo), "LockingInfoModel");
        vm.label(address(lockingPool), "LockingPoolModel");
        vm.label(address(l2Metis), "L2 METIS (OneBalanceMetis)");
        vm.label(address(l2Messenger), "L2CrossDomainMessengerModel");
        vm.label(address(l2Bridge), "L2StandardBridgeModel");
        vm.label(address(gasPriceOracle), "GasPriceOracleModel");
        vm.label(MetisAddresses.SEQUENCER_FEE_WALLET, "L2 sequencer fee wallet");
    }
}
