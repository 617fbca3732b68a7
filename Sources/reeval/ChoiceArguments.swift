import ArgumentParser
import CRMImport
import LeadData
import Reports
import Warehouse

/// `--source`: a CRM preset, or `auto` to pick one from the headers. Help lists the choices;
/// any other name is a usage error (64) naming them. Case does not matter.
enum SourceArgument: String, ExpressibleByArgument, CaseIterable, Sendable {
    case auto, salesforce, hubspot, pipedrive

    init?(argument: String) {
        self.init(rawValue: argument.lowercased())
    }
}

/// `--encoding`: the file's text encoding, by any of the names people give them.
struct EncodingArgument: ExpressibleByArgument, Sendable {
    let encoding: TextEncoding

    init?(argument: String) {
        guard let encoding = TextEncoding(name: argument) else { return nil }
        self.encoding = encoding
    }

    static var allValueStrings: [String] { TextEncoding.allCases.map(\.rawValue) }
}

/// `--format md,html`: report formats, comma-separated; an empty list, an empty item or an
/// unknown name is a usage error naming it.
struct FormatsArgument: ExpressibleByArgument, Sendable {
    let formats: [ReportFormat]

    init?(argument: String) {
        guard let formats = try? ReportFormat.parse(argument) else { return nil }
        self.formats = formats
    }

    init(_ formats: [ReportFormat]) { self.formats = formats }

    static var allValueStrings: [String] { ReportFormat.allCases.map(\.rawValue) }
    var defaultValueDescription: String { formats.map(\.rawValue).joined(separator: ",") }
}

/// `--dialect`: the SQL engine `reeval sql` writes for. Help lists the choices.
extension SQLDialect: ExpressibleByArgument {
    public init?(argument: String) {
        self.init(rawValue: argument.lowercased())
    }
}
