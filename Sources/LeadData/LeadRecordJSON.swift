import Foundation

/// The JSON form of a normalised record, as stored in `lead_snapshots.data`: flat keys named
/// after the canonical fields (`employees_low`, `employees_high` for ranges), ISO dates,
/// `technologies` as an array, unmapped columns under `attributes`. Keys are written in a fixed
/// order so that equal records give equal text, and analysts can use `json_extract` on it.
extension LeadRecord {
    public var json: String { String(decoding: jsonBytes, as: UTF8.self) }

    /// The JSON form as UTF-8 bytes, built without intermediate strings: the import writes one
    /// per changed row.
    public var jsonBytes: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(768)
        out.append(0x7B)
        var first = true
        func key(_ k: StaticString) {
            if !first { out.append(0x2C) }
            first = false
            out.append(0x22)
            JSONText.appendLiteral(k, to: &out)
            out.append(0x22)
            out.append(0x3A)
        }
        func text(_ k: StaticString, _ v: String?) { if let v { key(k); JSONText.append(v, to: &out) } }
        func number(_ k: StaticString, _ v: Double?) { if let v { key(k); JSONText.appendNumber(v, to: &out) } }
        func date(_ k: StaticString, _ v: Timestamp?) { if let v { key(k); JSONText.append(v.iso, to: &out) } }

        text("crm_id", crmID)
        text("lifecycle", lifecycle.rawValue)
        text("status", status)
        text("company", company)
        text("domain", domain)
        text("industry", industry)
        number("employees_low", employees?.low)
        number("employees_high", employees?.high)
        number("annual_revenue_low", annualRevenue?.low)
        number("annual_revenue_high", annualRevenue?.high)
        text("country", country)
        text("region", region)
        text("city", city)
        text("business_model", businessModel)
        if let technologies {
            key("technologies")
            JSONText.appendArray(technologies, to: &out)
        }
        text("funding_stage", fundingStage)
        date("last_funding_at", lastFundingAt)
        text("title", title)
        text("email", email)
        text("owner", owner)
        text("lead_source", leadSource)
        text("lost_reason", lostReason)
        date("created_at", createdAt)
        date("last_activity_at", lastActivityAt)
        date("closed_at", closedAt)
        date("modified_at", modifiedAt)
        text("account_id", accountID)
        key("attributes")
        JSONText.appendObject(attributes, to: &out)
        out.append(0x7D)
        return out
    }

    /// Reads a record back from its JSON form; nil if the text is not one.
    public init?(json: String) {
        self.init(jsonBytes: Array(json.utf8))
    }

    /// Reads a record back from the UTF-8 bytes of its JSON form; nil if they are not one.
    public init?(jsonBytes: [UInt8]) {
        // Members go straight into their fields: the run decodes two snapshots per candidate.
        var fields = SnapshotFields()
        var reader = FlatJSONReader(bytes: jsonBytes)
        if reader.read({ fields.take($0, $1) }), let record = fields.record {
            self = record
            return
        }
        // Not the shape this code writes (edited by hand?): let Foundation read it.
        guard let object = (try? JSONSerialization.jsonObject(with: Data(jsonBytes))) as? [String: Any] else { return nil }
        fields = SnapshotFields()
        for (key, value) in object {
            if let s = value as? String { fields.take(key, .string(s)) }
            else if let n = value as? NSNumber { fields.take(key, .number(n.doubleValue)) }
            else if let l = value as? [String] { fields.take(key, .strings(l)) }
            else if let o = value as? [String: String] { fields.take(key, .object(o)) }
        }
        guard let record = fields.record else { return nil }
        self = record
    }

    /// The content hash of a JSON form: a 64-bit FNV-1a hash, as hex. Equal records, equal hashes.
    public static func hash(jsonBytes: [UInt8]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in jsonBytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        var hex = [UInt8](repeating: 0x30, count: 16)
        for i in 0..<16 { hex[15 - i] = JSONText.hexDigits[Int((hash >> (4 * UInt64(i))) & 0xF)] }
        return String(decoding: hex, as: UTF8.self)
    }
}

/// JSON string and number text, written by hand for speed on the import path.
public enum JSONText {
    /// Appends `s` as a JSON string literal. Escaping works on bytes: every character it
    /// replaces is ASCII, and no byte of a multi-byte UTF-8 character is.
    public static func append(_ s: String, to out: inout [UInt8]) {
        out.append(0x22)
        var s = s
        s.withUTF8 { utf8 in
            var clean = 0
            for (i, byte) in utf8.enumerated() where byte < 0x20 || byte == 0x22 || byte == 0x5C {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[clean..<i]))
                clean = i + 1
                out.append(0x5C)
                switch byte {
                case 0x22, 0x5C: out.append(byte)
                case 0x0A: out.append(0x6E)
                case 0x0D: out.append(0x72)
                case 0x09: out.append(0x74)
                default:
                    out.append(contentsOf: [0x75, 0x30, 0x30])
                    out.append(hexDigits[Int(byte >> 4)])
                    out.append(hexDigits[Int(byte & 0xF)])
                }
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[clean...]))
        }
        out.append(0x22)
    }

    static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    public static func append(_ s: String, to out: inout String) {
        // Most values need no escaping: copy them whole.
        if !s.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) {
            out += "\""
            out += s
            out += "\""
            return
        }
        var bytes: [UInt8] = []
        append(s, to: &bytes)
        out += String(decoding: bytes, as: UTF8.self)
    }

    /// `["a","b"]`.
    public static func appendArray(_ list: [String], to out: inout [UInt8]) {
        out.append(0x5B)
        for (i, item) in list.enumerated() {
            if i > 0 { out.append(0x2C) }
            append(item, to: &out)
        }
        out.append(0x5D)
    }

    /// `{"k":"v",…}` with keys sorted, so equal maps give equal text.
    public static func appendObject(_ map: [String: String], to out: inout [UInt8]) {
        out.append(0x7B)
        for (i, key) in map.keys.sorted().enumerated() {
            if i > 0 { out.append(0x2C) }
            append(key, to: &out)
            out.append(0x3A)
            append(map[key]!, to: &out)
        }
        out.append(0x7D)
    }

    public static func quoted(_ s: String) -> String {
        var out = ""
        append(s, to: &out)
        return out
    }

    public static func number(_ v: Double) -> String {
        var out: [UInt8] = []
        appendNumber(v, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends a number's JSON text: whole numbers (below 9e15) without a fraction, written digit
    /// by digit, the common case; others as Swift prints them.
    public static func appendNumber(_ v: Double, to out: inout [UInt8]) {
        guard v == v.rounded(), abs(v) < 9e15 else {
            out.append(contentsOf: Array(String(v).utf8))
            return
        }
        var n = Int64(v)
        if n < 0 {
            out.append(0x2D)
            n = -n
        }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        withUnsafeMutableBytes(of: &digits) { buffer in
            var i = buffer.count
            repeat {
                i -= 1
                buffer[i] = 0x30 + UInt8(n % 10)
                n /= 10
            } while n > 0
            out.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[i...]))
        }
    }

    /// Appends literal text (keys and punctuation) without going through `String`.
    public static func appendLiteral(_ s: StaticString, to out: inout [UInt8]) {
        out.append(contentsOf: UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
    }
}

/// The members of a snapshot's JSON, gathered field by field as they are read.
private struct SnapshotFields {
    private var crmID: String?
    private var partial = LeadRecord(crmID: "")
    private var employees: (low: Double?, high: Double?) = (nil, nil)
    private var revenue: (low: Double?, high: Double?) = (nil, nil)
    private static let dates = DateParser(order: .yearMonthDay)

    /// The record, or nil without a `crm_id`.
    var record: LeadRecord? {
        guard let crmID else { return nil }
        var r = partial
        r.crmID = crmID
        r.employees = employees.low.map { NumberRange(low: $0, high: employees.high) }
        r.annualRevenue = revenue.low.map { NumberRange(low: $0, high: revenue.high) }
        return r
    }

    mutating func take(_ key: String, _ value: FlatJSONReader.Value) {
        switch value {
        case .string(let v): text(key, v)
        case .number(let n):
            switch key {
            case "employees_low": employees.low = n
            case "employees_high": employees.high = n
            case "annual_revenue_low": revenue.low = n
            case "annual_revenue_high": revenue.high = n
            default: break
            }
        case .strings(let list): if key == "technologies" { partial.technologies = list }
        case .object(let map): if key == "attributes" { partial.attributes = map }
        case .null: break
        }
    }

    private mutating func text(_ key: String, _ v: String) {
        switch key {
        case "crm_id": crmID = v
        case "lifecycle": partial.lifecycle = Lifecycle(rawValue: v) ?? .open
        case "status": partial.status = v
        case "company": partial.company = v
        case "domain": partial.domain = v
        case "industry": partial.industry = v
        case "country": partial.country = v
        case "region": partial.region = v
        case "city": partial.city = v
        case "business_model": partial.businessModel = v
        case "funding_stage": partial.fundingStage = v
        case "last_funding_at": partial.lastFundingAt = Self.dates.parse(v)
        case "title": partial.title = v
        case "email": partial.email = v
        case "owner": partial.owner = v
        case "lead_source": partial.leadSource = v
        case "lost_reason": partial.lostReason = v
        case "created_at": partial.createdAt = Self.dates.parse(v)
        case "last_activity_at": partial.lastActivityAt = Self.dates.parse(v)
        case "closed_at": partial.closedAt = Self.dates.parse(v)
        case "modified_at": partial.modifiedAt = Self.dates.parse(v)
        case "account_id": partial.accountID = v
        default: break
        }
    }
}
