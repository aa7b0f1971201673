// SPDX-License-Identifier: MIT
pragma solidity 0.8.23;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";

/// @title PartnerRegistry: the sites that embed the protocol, on-chain.
/// @notice Each partner is a web origin (`https://app.example.com`, scheme + host + optional port, no path) with the
/// referral address its users' stakes are attributed to and a display name. The snap serves exactly the active
/// origins registered here (it refuses every other origin), and shows the partner's name instead of an unknown
/// referral; a new partner needs a registration, not a release of the snap. Admin-managed; every change is an
/// event. Holds no funds and is read by no contract: only the front ends consult it.
contract PartnerRegistry is AccessControl {
    /// @notice May register and update partners.
    bytes32 public constant REGISTRAR_ROLE = keccak256("REGISTRAR_ROLE");

    /// @notice The longest origin accepted (bytes).
    uint256 public constant MAX_ORIGIN_LENGTH = 128;
    /// @notice The longest name accepted (bytes).
    uint256 public constant MAX_NAME_LENGTH = 64;

    struct Partner {
        string origin;
        address referral; // referral and active share a slot
        bool active;
        string name;
    }

    Partner[] private _partners;
    mapping(bytes32 originHash => uint256 idPlusOne) private _idOf;

    event PartnerRegistered(
        uint256 indexed id, bytes32 indexed originHash, string origin, address referral, string name
    );
    event PartnerUpdated(uint256 indexed id, address referral, string name, bool active);

    error RegistryBadOrigin(string origin);
    error RegistryBadName(string name);
    error RegistryZeroReferral();
    error RegistryOriginTaken(string origin, uint256 id);
    error RegistryUnknownPartner(uint256 id);
    error RegistryZeroAddress();

    /// @param admin receives DEFAULT_ADMIN_ROLE and REGISTRAR_ROLE
    constructor(address admin) {
        if (admin == address(0)) revert RegistryZeroAddress();
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _grantRole(REGISTRAR_ROLE, admin);
    }

    /// @notice Registrar: adds an active partner. `origin` must be lowercase `https://host[:port]` (or
    /// `http://localhost[:port]` for local development), without a path or a trailing slash.
    /// @return id the partner's id
    function registerPartner(string calldata origin, address referral, string calldata name)
        external
        onlyRole(REGISTRAR_ROLE)
        returns (uint256 id)
    {
        _checkOrigin(origin);
        _checkName(name);
        if (referral == address(0)) revert RegistryZeroReferral();
        bytes32 h = keccak256(bytes(origin));
        uint256 taken = _idOf[h];
        if (taken != 0) revert RegistryOriginTaken(origin, taken - 1);
        id = _partners.length;
        _partners.push(Partner({origin: origin, referral: referral, active: true, name: name}));
        _idOf[h] = id + 1;
        emit PartnerRegistered(id, h, origin, referral, name);
    }

    /// @notice Registrar: changes a partner's referral, name or active flag (its origin is fixed).
    function updatePartner(uint256 id, address referral, string calldata name, bool active)
        external
        onlyRole(REGISTRAR_ROLE)
    {
        if (id >= _partners.length) revert RegistryUnknownPartner(id);
        _checkName(name);
        if (referral == address(0)) revert RegistryZeroReferral();
        Partner storage p = _partners[id];
        p.referral = referral;
        p.name = name;
        p.active = active;
        emit PartnerUpdated(id, referral, name, active);
    }

    /// @notice The partner registered for `origin` (`found` false when none; check `active` too).
    function partnerOf(string calldata origin) external view returns (bool found, uint256 id, Partner memory p) {
        uint256 idPlusOne = _idOf[keccak256(bytes(origin))];
        if (idPlusOne == 0) return (false, 0, p);
        return (true, idPlusOne - 1, _partners[idPlusOne - 1]);
    }

    /// @notice The partner whose referral address is `referral`, if any is active (for naming a referral).
    function partnerOfReferral(address referral) external view returns (bool found, uint256 id, Partner memory p) {
        uint256 count = _partners.length;
        for (uint256 i; i < count; ++i) {
            if (_partners[i].referral == referral && _partners[i].active) return (true, i, _partners[i]);
        }
        return (false, 0, p);
    }

    /// @notice Partner `id` (reverts for an unknown id).
    function partner(uint256 id) external view returns (Partner memory) {
        if (id >= _partners.length) revert RegistryUnknownPartner(id);
        return _partners[id];
    }

    /// @notice How many partners were ever registered (ids are 0..count-1).
    function partnerCount() external view returns (uint256) {
        return _partners.length;
    }

    /// @notice Partners `offset`.. (at most `limit`).
    function partners(uint256 offset, uint256 limit) external view returns (Partner[] memory page) {
        uint256 total = _partners.length;
        uint256 end = offset >= total ? offset : (limit >= total - offset ? total : offset + limit);
        page = new Partner[](end - offset);
        for (uint256 i = offset; i < end; ++i) {
            page[i - offset] = _partners[i];
        }
    }

    /// @dev Lowercase `https://host[:port]` or `http://localhost[:port]`; host of [a-z0-9.-], no path.
    function _checkOrigin(string calldata origin) private pure {
        bytes calldata b = bytes(origin);
        uint256 start;
        if (_startsWith(b, "https://")) start = 8;
        else if (_startsWith(b, "http://localhost")) start = 7;
        else revert RegistryBadOrigin(origin);
        if (b.length <= start || b.length > MAX_ORIGIN_LENGTH) revert RegistryBadOrigin(origin);
        bool port;
        for (uint256 i = start; i < b.length; ++i) {
            bytes1 c = b[i];
            bool digit = c >= "0" && c <= "9";
            if (port) {
                if (!digit) revert RegistryBadOrigin(origin);
            } else if (c == ":") {
                if (i == start || i == b.length - 1) revert RegistryBadOrigin(origin);
                port = true;
            } else if (!(digit || (c >= "a" && c <= "z") || c == "." || c == "-")) {
                revert RegistryBadOrigin(origin);
            }
        }
    }

    function _checkName(string calldata name) private pure {
        uint256 n = bytes(name).length;
        if (n == 0 || n > MAX_NAME_LENGTH) revert RegistryBadName(name);
    }

    function _startsWith(bytes calldata b, bytes memory prefix) private pure returns (bool) {
        if (b.length < prefix.length) return false;
        for (uint256 i; i < prefix.length; ++i) {
            if (b[i] != prefix[i]) return false;
        }
        return true;
    }
}
