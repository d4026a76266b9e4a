import Synchronization

/// A value the whole daemon reads and a SIGHUP replaces. Readers take the current value at
/// the moment they need it (once per request, pass or scan), so a reload applies without
/// restarting anything and no reader ever sees half of one configuration and half of another.
public final class Reloadable<Value: Sendable>: Sendable {
    private let storage: Mutex<Value>

    public init(_ value: Value) {
        storage = Mutex(value)
    }

    public var current: Value {
        storage.withLock { $0 }
    }

    public func replace(with value: Value) {
        storage.withLock { $0 = value }
    }
}
