// SPDX-License-Identifier: MIT
pragma solidity 0.8.23;

import {Test} from "../utils/Test.sol";
import {PartnerRegistry} from "../../src/l2/PartnerRegistry.sol";
import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";

/// @notice The on-chain list of partner sites the snap serves: origin rules, one registration per origin,
/// registrar-only changes, events, lookups by origin and by referral, paging.
contract PartnerRegistryTest is Test {
    PartnerRegistry internal registry;
    address internal admin = makeAddr("admin");
    address internal ref = makeAddr("referral");

    function setUp() public {
        registry = new PartnerRegistry(admin);
    }

    function _register(string memory origin) internal returns (uint256) {
        vm.prank(admin);
        return registry.registerPartner(origin, ref, "Example DEX");
    }

    function test_register_emitsAndIsFoundByOriginAndReferral() public {
        vm.expectEmit(address(registry));
        emit PartnerRegistry.PartnerRegistered(
            0, keccak256("https://app.example.com"), "https://app.example.com", ref, "Example DEX"
        );
        uint256 id = _register("https://app.example.com");
        assertEq(id, 0);
        (bool found, uint256 got, PartnerRegistry.Partner memory p) = registry.partnerOf("https://app.example.com");
        assertTrue(found);
        assertEq(got, 0);
        assertEq(p.referral, ref);
        assertEq(keccak256(bytes(p.name)), keccak256("Example DEX"));
        assertTrue(p.active);
        (found, got,) = registry.partnerOfReferral(ref);
        assertTrue(found);
        assertEq(got, 0);
        (found,,) = registry.partnerOf("https://evil.example.com");
        assertFalse(found);
        assertEq(registry.partnerCount(), 1);
    }

    function test_register_acceptsPortsAndLocalhost() public {
        _register("https://app.example.com:8443");
        _register("http://localhost:3000");
        _register("http://localhost");
        assertEq(registry.partnerCount(), 3);
    }

    function test_register_refusesBadOrigins() public {
        string[9] memory bad = [
            "http://app.example.com", // plain http outside localhost
            "https://App.example.com", // uppercase
            "https://app.example.com/", // trailing slash
            "https://app.example.com/path",
            "https://",
            "https://:443",
            "https://app.example.com:",
            "https://app.example.com:80a",
            "ftp://app.example.com"
        ];
        for (uint256 i; i < bad.length; ++i) {
            vm.prank(admin);
            vm.expectRevert(abi.encodeWithSelector(PartnerRegistry.RegistryBadOrigin.selector, bad[i]));
            registry.registerPartner(bad[i], ref, "x");
        }
        assertEq(registry.partnerCount(), 0, "nothing registered");
    }

    function test_register_refusesTakenOriginZeroReferralBadName() public {
        _register("https://app.example.com");
        vm.startPrank(admin);
        vm.expectRevert(
            abi.encodeWithSelector(PartnerRegistry.RegistryOriginTaken.selector, "https://app.example.com", 0)
        );
        registry.registerPartner("https://app.example.com", ref, "again");
        vm.expectRevert(PartnerRegistry.RegistryZeroReferral.selector);
        registry.registerPartner("https://b.example.com", address(0), "b");
        vm.expectRevert(abi.encodeWithSelector(PartnerRegistry.RegistryBadName.selector, ""));
        registry.registerPartner("https://b.example.com", ref, "");
        vm.stopPrank();
        assertEq(registry.partnerCount(), 1);
    }

    function test_onlyRegistrar() public {
        address stranger = makeAddr("stranger");
        bytes32 role = registry.REGISTRAR_ROLE();
        vm.prank(stranger);
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, stranger, role)
        );
        registry.registerPartner("https://app.example.com", ref, "x");
        _register("https://app.example.com");
        vm.prank(stranger);
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, stranger, role)
        );
        registry.updatePartner(0, ref, "x", false);
    }

    function test_update_deactivates_andReferralLookupSkipsInactive() public {
        _register("https://app.example.com");
        address ref2 = makeAddr("ref2");
        vm.expectEmit(address(registry));
        emit PartnerRegistry.PartnerUpdated(0, ref2, "Renamed", false);
        vm.prank(admin);
        registry.updatePartner(0, ref2, "Renamed", false);
        PartnerRegistry.Partner memory p = registry.partner(0);
        assertEq(keccak256(bytes(p.origin)), keccak256("https://app.example.com"), "the origin is fixed");
        assertEq(p.referral, ref2);
        assertFalse(p.active);
        (bool found,,) = registry.partnerOfReferral(ref2);
        assertFalse(found, "an inactive partner does not name a referral");
        vm.prank(admin);
        vm.expectRevert(abi.encodeWithSelector(PartnerRegistry.RegistryUnknownPartner.selector, 7));
        registry.updatePartner(7, ref2, "x", true);
        vm.expectRevert(abi.encodeWithSelector(PartnerRegistry.RegistryUnknownPartner.selector, 1));
        registry.partner(1);
    }

    function test_partners_pages() public {
        _register("https://a.example.com");
        _register("https://b.example.com");
        _register("https://c.example.com");
        PartnerRegistry.Partner[] memory page = registry.partners(1, 5);
        assertEq(page.length, 2);
        assertEq(keccak256(bytes(page[0].origin)), keccak256("https://b.example.com"));
        assertEq(registry.partners(3, 5).length, 0);
        assertEq(registry.partners(0, 1).length, 1);
    }

    function test_constructor_refusesZeroAdmin() public {
        vm.expectRevert(PartnerRegistry.RegistryZeroAddress.selector);
        new PartnerRegistry(address(0));
    }
}
