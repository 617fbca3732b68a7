import Foundation
import LeadData
import Testing

@Suite("Normalising CRM values")
struct NormaliserTests {
    @Test("employee counts and bands", arguments: [
        ("250", "250"), ("1,200", "1200"), ("51-200", "51-200"), ("10,000+", "10000+"), ("501 to 1000", "501-1000"),
        ("1000+", "1000+"), ("1-5", "1-5"), (" 42 ", "42"), ("5 - 25", "5-25"),
        // A head count is never fractional: a dot followed by three digits groups thousands, as a
        // German export writes them.
        ("10.000", "10000"), ("1.000", "1000"), ("1.234.567", "1234567"), ("10.000+", "10000+"), ("1.001-5.000", "1001-5000"),
    ])
    func employees(input: String, expected: String) {
        #expect(NumberParser.employees(input)?.description == expected)
    }

    @Test("employee values that are not numbers stay unknown, a fractional head count among them",
          arguments: ["Select", "N/A", "#N/A", "-", "lots", "", "12 people maybe", "10.5", "2,5"])
    func employeesUnknown(input: String) {
        #expect(NumberParser.employees(input) == nil)
    }

    @Test("employee counts and money past what a number can hold are unreadable, never a crash", arguments: [
        "99999999999999999999", "9223372036854775808", "10,000,000,000,000,000,000+", "1e308", "2000000000",
    ])
    func hugeNumbers(input: String) {
        #expect(NumberParser.employees(input) == nil)
        #expect(NumberParser.money(input + "000000") == nil)
    }

    @Test("every ISO 3166-1 country round-trips by alpha-2, alpha-3 and every name the generated table holds")
    func isoCountries() {
        #expect(Country.alpha3.count == 249)
        for (alpha3, code) in Country.alpha3 {
            #expect(Country.code(code) == code)
            #expect(Country.code(alpha3.uppercased()) == code, "\(alpha3)")
        }
        for (name, code) in Country.isoNames { #expect(Country.code(name.uppercased()) == code, "\(name)") }
    }

    @Test("country names real exports write, in English and the CRM locales", arguments: [
        ("China", "CN"), ("CHINA", "CN"), ("Korea, Republic of", "KR"), ("Russian Federation", "RU"), ("Peoples Republic of China", "CN"),
        ("People's Republic of China", "CN"), ("Iran, Islamic Republic of", "IR"), ("United States of America", "US"), ("U.S.", "US"),
        ("Deutschland", "DE"), ("Allemagne", "DE"), ("Alemania", "DE"), ("Germania", "DE"), ("Alemanha", "DE"), ("Duitsland", "DE"),
        ("DEU", "DE"), ("GBR", "GB"), ("Royaume-Uni", "GB"), ("Vereinigtes Königreich", "GB"), ("Côte d'Ivoire", "CI"), ("Türkiye", "TR"),
        ("Viet Nam", "VN"), ("Bolivia, Plurinational State of", "BO"), ("Taiwan, Province of China", "TW"), ("Estados Unidos", "US"),
    ])
    func countryNames(input: String, code: String) {
        #expect(Country.code(input) == code)
    }

    @Test("counts columns are JSON whatever their keys: export columns and ICP rule ids are escaped")
    func countsJSON() throws {
        let text = JSONText.counts(["Country": 2, "say \"hi\"\\": 1, "attributes.Tech_Stack__c": 3])
        #expect(text == #"{"Country":2,"attributes.Tech_Stack__c":3,"say \"hi\"\\":1}"#)
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Int])
        #expect(parsed == ["Country": 2, "say \"hi\"\\": 1, "attributes.Tech_Stack__c": 3])
    }

    @Test("money in the shapes exports write", arguments: [
        ("$1,500,000", "1500000"), ("1.5M", "1500000"), ("€2m", "2000000"), ("1 500 000,00", "1500000"),
        ("$1M-$5M", "1000000-5000000"), ("USD 2,000,000", "2000000"), ("$22,700.00", "22700"), ("$342.09K", "342090"),
        ("275000", "275000"), ("1100.04", "1100.04"), ("3. $20,001 - $30K", "20001-30000"), ("1.500.000,50", "1500000.5"),
        ("$1-5M", "1000000-5000000"), ("1.500M", "1500000"), ("1.500,00", "1500"),
    ])
    func money(input: String, expected: String) {
        #expect(NumberParser.money(input)?.description == expected)
    }

    @Test("money whose lone dot may group thousands or mark decimals is refused, never guessed", arguments: ["1.500", "€2.500", "12.000"])
    func ambiguousMoney(input: String) {
        #expect(NumberParser.money(input) == nil)
    }

    @Test("dates and times CRMs write, in UTC", arguments: [
        ("2024-03-05", "2024-03-05"), ("2024-03-05T14:02:11Z", "2024-03-05T14:02:11Z"),
        ("2024-03-05T14:02:11.000+0000", "2024-03-05T14:02:11Z"), ("2024-03-05T14:02:11+02:00", "2024-03-05T12:02:11Z"),
        ("2022-12-21 14:27:52", "2022-12-21T14:27:52Z"), ("2024-03-05 14:02", "2024-03-05T14:02:00Z"),
        ("03/05/2024", "2024-03-05"), ("05.03.2024", "2024-03-05"), ("15 Apr, 2021 00:02:00", "2021-04-15T00:02:00Z"),
        ("Apr 15, 2021 3:04 PM", "2021-04-15T15:04:00Z"), ("25/12/2023", "2023-12-25"), ("2023", "2023-01-01"), ("2023-01", "2023-01-01"),
        ("2024-03-05T00:30:00-05:30", "2024-03-05T06:00:00Z"), ("2024-03-05T23:30:00+01", "2024-03-05T22:30:00Z"),
        ("2024-03-05 14:02:11.123456", "2024-03-05T14:02:11Z"), ("2024-03-05 14:02 UTC", "2024-03-05T14:02:00Z"),
        ("2024-12-31T23:59:60Z", "2024-12-31T23:59:59Z"), ("0999-03-05", "0999-03-05"),
    ])
    func dates(input: String, expected: String) {
        #expect(DateParser().parse(input)?.iso == expected)
    }

    @Test("impossible ISO dates and times are unreadable, not guessed", arguments: [
        "2024-02-30", "2024-13-01", "2024-03-05T24:00", "2024-03-05T14:60", "2024-03-05T14:02:11+15:00", "2024-03-05T14:02:11+0100x",
        "2024-03-05 14",
    ])
    func impossibleDates(input: String) {
        #expect(DateParser().parse(input) == nil)
    }

    @Test("a mapping's date_format decides ambiguous day/month order")
    func dateOrder() {
        #expect(DateParser(order: DateParser.Order(format: "DD/MM/YYYY")).parse("03/05/2024")?.iso == "2024-05-03")
        #expect(DateParser(order: DateParser.Order(format: "MM/DD/YYYY")).parse("03/05/2024")?.iso == "2024-03-05")
    }

    @Test("impossible or unreadable dates are nil", arguments: ["2023-02-30", "31/31/2023", "yesterday", "2023-13-01", "12:00", "N/A"])
    func badDates(input: String) {
        #expect(DateParser().parse(input) == nil)
    }

    @Test("countries become ISO 3166 alpha-2", arguments: [
        ("United States", "US"), ("USA", "US"), ("U.S.", "US"), ("us", "US"), ("United Kingdom", "GB"), ("UK", "GB"),
        ("Deutschland", "DE"), ("Germany", "DE"), ("France", "FR"), ("  canada ", "CA"), ("Brasil", "BR"), ("España", "ES"),
    ])
    func countries(input: String, expected: String) {
        #expect(Country.code(input) == expected)
    }

    @Test("an unknown country is nil, not a guess")
    func unknownCountry() {
        #expect(Country.code("Atlantis") == nil)
    }

    @Test("booleans, lists, domains and company keys")
    func textValues() {
        #expect(TextValues.boolean("1") == true)
        #expect(TextValues.boolean("No") == false)
        #expect(TextValues.boolean("maybe") == nil)
        #expect(TextValues.list("Salesforce; HubSpot;;") == ["Salesforce", "HubSpot"])
        #expect(TextValues.list("Slack|Zoom") == ["Slack", "Zoom"])
        #expect(TextValues.list("Slack, Zoom") == ["Slack", "Zoom"])
        #expect(TextValues.domain("https://www.Acme.com/about?x=1") == "acme.com")
        #expect(TextValues.domain("jane@beta.io") == "beta.io")
        #expect(TextValues.companyKey("Acme, Inc.") == TextValues.companyKey("ACME Inc"))
    }
}
