import Foundation

/// Work spread over every core with the results in input order: the one place that fills
/// shared slots from several threads (`check`'s evaluation, the pack's rendering, reading input files).
public enum Parallel {
    /// How many threads for `count` items when each thread should get at least `perWorker`:
    /// the cores, or fewer. The core count (which reads the cgroup's CPU quota from files) is
    /// asked only when the work would use more than one thread: a `set` evaluates one system.
    public static func workers(forItems count: Int, perWorker: Int = 64) -> Int {
        let byWork = count / max(1, perWorker)
        return byWork < 2 ? byWork : min(ProcessInfo.processInfo.activeProcessorCount, byWork)
    }

    /// `transform` of every item, computed on up to `workers` threads, in input order.
    public static func map<T: Sendable, R: Sendable>(_ items: [T], workers: Int,
                                                     _ transform: @Sendable (T) -> R) -> [R] {
        let n = max(1, min(workers, items.count))
        if n == 1 { return items.map(transform) }
        let slots = Slots<R>(count: items.count)
        DispatchQueue.concurrentPerform(iterations: n) { w in
            var i = w
            while i < items.count {
                slots.set(i, transform(items[i]))
                i += n
            }
        }
        return slots.values
    }

    /// Like `map`, but each thread claims the next item not yet taken instead of a fixed
    /// stride, so items of very different cost (files of different sizes) still keep every
    /// thread busy to the end. Meant for coarse items: each claim takes a lock.
    public static func mapClaiming<T: Sendable, R: Sendable>(_ items: [T], workers: Int,
                                                             _ transform: @Sendable (T) -> R) -> [R] {
        let n = max(1, min(workers, items.count))
        if n == 1 { return items.map(transform) }
        let slots = Slots<R>(count: items.count)
        let next = Ticket()
        DispatchQueue.concurrentPerform(iterations: n) { _ in
            while true {
                let i = next.take()
                guard i < items.count else { return }
                slots.set(i, transform(items[i]))
            }
        }
        return slots.values
    }
}

/// Hands out 0, 1, 2, … to whichever thread asks next.
private final class Ticket: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    func take() -> Int {
        lock.lock()
        defer { lock.unlock() }
        value += 1
        return value - 1
    }
}

/// Fixed slots that worker threads fill, each index by exactly one thread.
///
/// The slots are one buffer allocated up front and never resized, so concurrent writers touch
/// disjoint memory and nothing else: writing through a shared `Array` instead is a data race,
/// because every mutation checks and may copy the array's shared storage.
private final class Slots<R>: @unchecked Sendable {
    private let storage: UnsafeMutableBufferPointer<R?>
    init(count: Int) {
        storage = .allocate(capacity: count)
        storage.initialize(repeating: nil)
    }
    deinit {
        storage.deinitialize()
        storage.deallocate()
    }
    func set(_ i: Int, _ r: R) { storage[i] = r }
    /// Read after `concurrentPerform` returns, which orders every write before it.
    var values: [R] { storage.compactMap { $0 } }
}
