import Foundation

/// Results that worker threads hand back by position, read in that order once every worker has
/// ended: how the report's formats, the report's reason chunks and the run's judged halves keep
/// their output in input order. Each worker sets only its own slot; every access takes the lock.
///
/// ```swift
/// let parts = OrderedResults<[Int]>(count: 2)
/// DispatchQueue.concurrentPerform(iterations: 2) { i in parts.set(i, work(i)) }
/// let all = parts.values.flatMap { $0 }
/// ```
public final class OrderedResults<Value: Sendable>: @unchecked Sendable {
    private var slots: [Value?]
    private let lock = NSLock()

    public init(count: Int = 0) {
        slots = Array(repeating: nil, count: count)
    }

    public func set(_ index: Int, _ value: Value) {
        lock.lock()
        slots[index] = value
        lock.unlock()
    }

    /// The values set so far, in slot order.
    public var values: [Value] {
        lock.lock()
        defer { lock.unlock() }
        return slots.compactMap { $0 }
    }
}
