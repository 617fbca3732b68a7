import ArgumentParser
import LeadData

/// A DATE on the command line: `2023`, `2023-01`, `2023-01-15` or full ISO 8601.
struct DateArgument: ExpressibleByArgument, Sendable {
    let timestamp: Timestamp

    init?(argument: String) {
        guard let parsed = DateParser(order: .yearMonthDay).parse(argument),
              argument.first?.isNumber == true, argument.prefix(4).allSatisfy(\.isNumber) else { return nil }
        timestamp = parsed
    }

    static var defaultCompletionKind: CompletionKind { .default }
}
