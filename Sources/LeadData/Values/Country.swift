import Foundation

/// Countries as ISO 3166 alpha-2 codes: `United States`, `USA`, `U.S.`, `us` → `US`;
/// `Deutschland`, `Germany` → `DE`. Names come from the system's locale data in several
/// languages, plus the aliases CRMs are full of.
public enum Country {
    /// The alpha-2 code for a name, code or alias; nil when it is not a country this knows.
    public static func code(_ text: String) -> String? {
        // Most exports write a name or code as the table keys it (`United States`, `DE`):
        // lower-casing alone finds it. A key holds only letters, `&` and single spaces, so a
        // hit here is what the full normalisation would have found.
        if let code = table[text.lowercased()] { return code }
        let key = normalisedKey(text)
        guard !key.isEmpty else { return nil }
        return table[key]
    }

    /// The English name of a code, for reports.
    public static func name(_ code: String) -> String {
        Locale(identifier: "en_US").localizedString(forRegionCode: code) ?? code
    }

    static func normalisedKey(_ text: String) -> String {
        // ASCII names need no Unicode folding (the common case, and much faster).
        let folded = text.utf8.allSatisfy { $0 < 0x80 } ? text.lowercased() : text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
        return folded
            .filter { $0.isLetter || $0 == " " || $0 == "&" }
            .split(separator: " ").joined(separator: " ")
    }

    private static let aliases: [String: String] = [
        "usa": "US", "us": "US", "u s": "US", "us of a": "US", "united states of america": "US", "america": "US", "states": "US",
        "uk": "GB", "u k": "GB", "great britain": "GB", "britain": "GB", "england": "GB", "scotland": "GB", "wales": "GB",
        "northern ireland": "GB", "united kingdom of great britain and northern ireland": "GB",
        "uae": "AE", "emirates": "AE", "holland": "NL", "the netherlands": "NL", "south korea": "KR", "korea": "KR",
        "republic of korea": "KR", "russia": "RU", "czech republic": "CZ", "czechia": "CZ", "turkey": "TR", "turkiye": "TR",
        "ivory coast": "CI", "viet nam": "VN", "hong kong sar": "HK", "macau": "MO", "taiwan roc": "TW", "prc": "CN",
        "mainland china": "CN", "brasil": "BR", "espana": "ES", "mexico": "MX", "schweiz": "CH", "suisse": "CH",
        "osterreich": "AT", "belgique": "BE", "belgie": "BE", "sverige": "SE", "norge": "NO", "danmark": "DK", "suomi": "FI",
        "polska": "PL", "italia": "IT", "nippon": "JP", "deutschland": "DE", "bundesrepublik deutschland": "DE",
    ]

    private static let table: [String: String] = {
        var map: [String: String] = [:]
        let languages = ["en_US", "de_DE", "fr_FR", "es_ES", "it_IT", "nl_NL", "pt_BR", "sv_SE"]
        let codes = Locale.Region.isoRegions.map(\.identifier).filter { $0.count == 2 && $0.allSatisfy(\.isLetter) }
        for language in languages.reversed() {
            let locale = Locale(identifier: language)
            for code in codes {
                if let name = locale.localizedString(forRegionCode: code) { map[normalisedKey(name)] = code }
            }
        }
        for code in codes { map[code.lowercased()] = code }
        for (alias, code) in aliases { map[alias] = code }
        return map
    }()
}
