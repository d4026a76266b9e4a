import Logging

extension Logger {
    /// Quiet unless something goes wrong: tests run in parallel and share one output.
    static var test: Logger {
        var logger = Logger(label: "timelined.embedded-postgres-tests")
        logger.logLevel = .warning
        return logger
    }
}
