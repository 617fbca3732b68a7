import LeadData
import Testing

/// The record a test starts from: every field set, so a field the table forgets shows.
func everyFieldSet(_ id: String = "00Q000000000001AAA") -> LeadRecord {
    var r = LeadRecord(crmID: id, lifecycle: .lost, attributes: ["Segment": "Mid"])
    for d in FieldDescriptor.all { set(d, on: &r) }
    return r
}

private func set(_ d: FieldDescriptor, on r: inout LeadRecord) {
    switch d.slot {
    case .key: break
    case .text(_, let set): set(&r, "\(d.field.rawValue) value")
    case .range(_, let set, _): set(&r, NumberRange(low: 50, high: 200))
    case .number(_, let set): set(&r, 1234.5)
    case .date(_, let set): set(&r, Timestamp(year: 2025, month: 3, day: 4, isDateOnly: true))
    case .list(_, let set): set(&r, ["Salesforce", d.field.rawValue])
    }
}

@Suite("A canonical field is declared once")
struct FieldDescriptorTests {
    @Test("the table holds every canonical field exactly once, crm_id first")
    func everyFieldOnce() {
        let fields = FieldDescriptor.all.map(\.field)
        #expect(Set(fields) == Set(CanonicalField.allCases))
        #expect(fields.count == CanonicalField.allCases.count)
        #expect(fields.first == .crmID)
    }

    @Test("each field's kind decides its operators: numbers, dates, lists, countries and text", arguments: [
        (CanonicalField.employees, CanonicalField.Kind.number), (.annualRevenue, .number), (.amount, .number),
        (.createdAt, .date), (.lastFundingAt, .date), (.technologies, .list), (.country, .country),
        (.industry, .text), (.industryCode, .text), (.owner, .text), (.crmID, .text),
    ])
    func kinds(field: CanonicalField, kind: CanonicalField.Kind) {
        #expect(field.kind == kind)
    }

    @Test("every field reads back as set, and empty once cleared")
    func readsEveryField() {
        let r = everyFieldSet()
        for d in FieldDescriptor.all {
            #expect(r.value(of: d.field) != .missing, "\(d.field.rawValue) is not read")
            var cleared = r
            d.clear(in: &cleared)
            if d.field != .crmID { #expect(cleared.value(of: d.field) == .missing, "\(d.field.rawValue) is not cleared") }
        }
    }

    @Test("a lead takes its account's firmographics, the industry code among them, and never its account's own dates, owner or deal fields")
    func fillsFromAccount() {
        let account = everyFieldSet("001000000000001AAA")
        let filled = LeadRecord(crmID: "00Q000000000001AAA").filled(from: account)
        let fromAccount = Set(FieldDescriptor.fromAccount.map(\.field))
        #expect(fromAccount.isSuperset(of: [.company, .industry, .industryCode, .employees, .country, .technologies]))
        for d in FieldDescriptor.all where d.field != .crmID {
            #expect((filled.value(of: d.field) != .missing) == fromAccount.contains(d.field), "\(d.field.rawValue)")
        }
        #expect(filled.attributes == account.attributes)
        // A lead's own value wins.
        var own = LeadRecord(crmID: "00Q000000000001AAA")
        own.industryCode = "7372"
        #expect(own.filled(from: account).industryCode == "7372")
    }

    @Test("the account bits of stored states keep their order: a new field takes the next bit")
    func accountBitOrder() {
        #expect(FieldDescriptor.fromAccount.map(\.field) == [
            .company, .domain, .industry, .employees, .annualRevenue, .country, .region, .city, .businessModel, .technologies,
            .fundingStage, .lastFundingAt, .industryCode,
        ])
    }
}
