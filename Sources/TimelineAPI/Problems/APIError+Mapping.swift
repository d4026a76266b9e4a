import Hummingbird
import TimelineCore
import TimelineStore

/// Translations of the errors other modules throw. Whatever is not recognised here is a fault
/// of ours: `ProblemMiddleware` logs it and answers 500.
extension APIError {
    init?(_ error: IngestError) {
        switch error {
        case .invalid(let errors): self = .invalidRecords(errors)
        case .database(let error): self.init(error)
        }
    }

    /// nil for failures that are not the database being away or slow: those are bugs.
    init?(_ error: StoreError) {
        switch error {
        case .unavailable: self = .databaseUnavailable
        case .busy: self = .databaseBusy
        case .fault: return nil
        }
    }

    /// The API error for anything a handler or middleware threw; nil when it is unexpected.
    init?(mapping error: any Error, path: String) {
        switch error {
        case let error as APIError:
            self = error
        case let error as IngestError:
            self.init(error)
        case let error as RequestBodyTimeout:
            self = .requestTimeout(timeout: error.timeout)
        case let error as ValidationErrors:
            self = .invalidRecords(error)
        case let error as StoreError:
            self.init(error)
        case let error as HTTPError where error.status == .notFound:
            self = .notFound(path: path)
        case let error as HTTPError where (400..<500).contains(error.status.code):
            self = .http(error.status, detail: error.body)
        default:
            return nil
        }
    }
}
