extension RetryBackoff {
    /// Between attempts to reach the server again, in the pool and the listener alike: soon
    /// after a first failure, since a dropped connection is often replaced at once, then up to
    /// `maximum` apart.
    static func reconnection(upTo maximum: Duration) -> RetryBackoff {
        RetryBackoff(initial: .milliseconds(100), maximum: maximum)
    }
}
