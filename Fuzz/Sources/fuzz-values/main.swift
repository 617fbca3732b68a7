import Foundation
import FuzzDriver
import LeadData

/// The value normalisers on any text: numbers, bands, money, dates in every order, countries,
/// booleans, lists, domains and company keys.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    _ = NumberParser.employees(text)?.description
    _ = NumberParser.money(text)?.description
    for order in [nil] + DateParser.Order.allCases.map(Optional.some) {
        if let stamp = DateParser(order: order).parse(text) { _ = stamp.iso; _ = stamp.adding(days: 365) }
    }
    _ = DateParser.Order(format: text)
    _ = Country.code(text)
    _ = TextValues.boolean(text)
    _ = TextValues.list(text, separator: ";")
    _ = TextValues.domain(text)
    _ = TextValues.companyKey(text)
    return 0
}

runFuzzer(fuzz)
