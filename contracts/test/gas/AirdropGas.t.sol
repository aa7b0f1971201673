// SPDX-License-Identifier: MIT
pragma solidity 0.8.23;

import {Test} from "../utils/Test.sol";
import {Vm} from "../utils/Vm.sol";
import {GovernanceToken} from "../../src/l2/governance/GovernanceToken.sol";
import {MerkleAirdrop} from "../../src/l2/governance/MerkleAirdrop.sol";
import {MerkleTestLib} from "../governance/utils/MerkleTestLib.sol";

/// @notice Average `claim` gas on a 10,000-leaf tree, each claim measured as if it were its own transaction:
/// the airdrop and the token are cooled (`vm.cool`) before every claim so that every account and storage
/// slot is cold, as in a real transaction, and each recipient is a fresh address.
/// Reported with `vm.snapshotValue` (contracts/snapshots/AirdropGasTest.json):
/// - `claim_avg_execution`: gas used inside the call (what forge reports for a call; no 21,000 base, no calldata);
/// - `claim_avg_tx`: that plus the intrinsic cost of the transaction (21,000 + calldata at 4/16 gas per byte),
///   comparable with a receipt's gasUsed (the figure Uniswap's merkle-distributor quotes, 78.6k on 10k leaves).
contract AirdropGasTest is Test {
    uint256 internal constant LEAVES = 10_000;
    uint256 internal constant CLAIMS = 50;
    /// Budget from the task: average claim execution gas on a 10,000-leaf tree.
    uint256 internal constant BUDGET = 60_000;

    function _amount(uint256 i) internal pure returns (uint256) {
        return ((i % 100) + 1) * 1e18;
    }

    function _account(uint256 i) internal pure returns (address) {
        return address(uint160(uint256(keccak256(abi.encode("gas-claimant", i)))));
    }

    function _setUpTree() internal returns (bytes32[][] memory layers) {
        vm.pauseGasMetering();
        bytes32[] memory leaves = new bytes32[](LEAVES);
        for (uint256 i = 0; i < LEAVES; i++) {
            leaves[i] = MerkleTestLib.leaf(i, _account(i), _amount(i));
        }
        layers = MerkleTestLib.build(leaves);
        vm.resumeGasMetering();
    }

    function _deploy(bytes32 root, uint16 bps, uint64 duration) internal returns (MerkleAirdrop d, GovernanceToken t) {
        address treasury = makeAddr("treasury");
        address predicted = vm.computeCreateAddress(address(this), vm.getNonce(address(this)) + 1);
        d = new MerkleAirdrop(predicted, root, block.timestamp + 30 days, treasury, address(this), bps, duration);
        t = new GovernanceToken(address(d), makeAddr("incentives"), treasury, 0);
    }

    function _calldataGas(bytes memory data) internal pure returns (uint256 g) {
        for (uint256 i = 0; i < data.length; i++) {
            g += data[i] == 0 ? 4 : 16;
        }
    }

    /// Claims CLAIMS distinct pseudo-random indexes; returns average execution gas, average tx gas and the max.
    function _measure(MerkleAirdrop d, GovernanceToken t, bytes32[][] memory layers)
        internal
        returns (uint256 avgExec, uint256 avgTx, uint256 maxExec)
    {
        uint256 totalExec;
        uint256 totalTx;
        uint256 done;
        for (uint256 k = 0; done < CLAIMS; k++) {
            uint256 i = uint256(keccak256(abi.encode("pick", k))) % LEAVES;
            if (d.isClaimed(i)) continue;
            (uint256 exec, uint256 txGas) = _claimOne(d, t, i, MerkleTestLib.proof(layers, i));
            totalExec += exec;
            totalTx += txGas;
            if (exec > maxExec) maxExec = exec;
            done++;
        }
        avgExec = totalExec / CLAIMS;
        avgTx = totalTx / CLAIMS;
    }

    /// One claim on cold state; returns the execution gas and the transaction-equivalent gas.
    function _claimOne(MerkleAirdrop d, GovernanceToken t, uint256 i, bytes32[] memory proof)
        internal
        returns (uint256 exec, uint256 txGas)
    {
        bytes memory data = abi.encodeCall(MerkleAirdrop.claim, (i, _account(i), _amount(i), proof));
        vm.cool(address(d));
        vm.cool(address(t));
        (bool ok,) = address(d).call(data);
        require(ok, "claim failed");
        exec = vm.lastCallGas().gasTotalUsed;
        txGas = exec + 21_000 + _calldataGas(data);
        assertTrue(d.isClaimed(i));
        assertEq(t.balanceOf(_account(i)) + _locked(d, _account(i)), _amount(i));
    }

    function _locked(MerkleAirdrop d, address a) internal view returns (uint256 total) {
        (total,,) = d.vested(a);
    }

    function test_gas_claim_10kLeaves() public {
        bytes32[][] memory layers = _setUpTree();
        (MerkleAirdrop d, GovernanceToken t) = _deploy(MerkleTestLib.root(layers), 0, 0);
        (uint256 avgExec, uint256 avgTx, uint256 maxExec) = _measure(d, t, layers);
        vm.snapshotValue("claim_avg_execution", avgExec);
        vm.snapshotValue("claim_avg_tx", avgTx);
        vm.snapshotValue("claim_max_execution", maxExec);
        assertLe(avgExec, BUDGET, "average claim execution gas over budget");
    }

    function test_gas_claimWithVesting_10kLeaves() public {
        bytes32[][] memory layers = _setUpTree();
        (MerkleAirdrop d, GovernanceToken t) = _deploy(MerkleTestLib.root(layers), 2500, 180 days);
        (uint256 avgExec, uint256 avgTx,) = _measure(d, t, layers);
        vm.snapshotValue("claim_vesting_avg_execution", avgExec);
        vm.snapshotValue("claim_vesting_avg_tx", avgTx);
    }
}
