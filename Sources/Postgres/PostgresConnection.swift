import CLibPQ
import Foundation
import Synchronization

/// One libpq connection. Every method blocks its thread until the server answers, so it is
/// only ever called from ``PostgresPool``'s own threads or ``PostgresListener``'s thread —
/// never from an event loop or Swift's cooperative pool.
///
/// The pool lends a connection to one borrower at a time; the lock makes that guarantee
/// local, so a misuse serializes instead of corrupting libpq's state.
public final class PostgresConnection: Sendable {
    private let session: Mutex<Session?>
    /// Kept apart from `session` so that a cancel request can be sent while a statement runs.
    private let cancelHandle: Mutex<LibPQPointer?>

    /// Settings every session gets, so that decoding never depends on the server's defaults.
    static let sessionSettings = [
        ("TimeZone", "UTC"),
        ("DateStyle", "ISO, YMD"),
        ("IntervalStyle", "iso_8601"),
        ("client_encoding", "UTF8"),
    ]

    /// Opens a connection (blocking) and applies the session settings.
    /// - Parameters:
    ///   - statementTimeout: milliseconds after which the server cancels a statement; 0 for none.
    ///   - preparedStatementCapacity: how many statements stay prepared (``PreparedStatementCache``).
    public init(
        connectionString: ConnectionString, applicationName: String = "timelined", statementTimeout: Int = 0,
        preparedStatementCapacity: Int = 128
    ) throws(PostgresError) {
        let keywords = ["dbname", "fallback_application_name"]
        let values = [connectionString.rawValue, applicationName]
        let connection: OpaquePointer? = keywords.withCStringArray { keywordPointers in
            values.withCStringArray { valuePointers in
                PQconnectdbParams(keywordPointers, valuePointers, 1)
            }
        }
        guard let connection, PQstatus(connection) == CONNECTION_OK else {
            let message = connection.map { Self.errorMessage($0) } ?? "out of memory"
            if let connection { PQfinish(connection) }
            throw .connectionFailed(message: message)
        }
        // libpq prints notices to stderr by default; the project's logs are structured only.
        PQsetNoticeProcessor(connection, { _, _ in }, nil)
        session = Mutex(Session(connection: LibPQPointer(connection), statements: PreparedStatementCache(capacity: preparedStatementCapacity)))
        cancelHandle = Mutex(PQgetCancel(connection).map(LibPQPointer.init))
        var settings = Self.sessionSettings
        settings.append(("statement_timeout", String(statementTimeout)))
        let sql = "SELECT " + settings.indices.map { "set_config($\($0 * 2 + 1), $\($0 * 2 + 2), false)" }.joined(separator: ", ")
        _ = try query(sql, settings.flatMap { [$0.0, $0.1] })
    }

    deinit {
        close()
    }

    /// Closes the connection; later calls fail with ``PostgresError/connectionLost(message:)``.
    public func close() {
        cancelHandle.withLock { cancel in
            if let cancel { PQfreeCancel(cancel.pointer) }
            cancel = nil
        }
        session.withLock { current in
            if let current { PQfinish(current.connection.pointer) }
            current = nil
        }
    }

    /// Runs one statement with its values as parameters (text format), prepared on this
    /// connection the first time its text is seen (see ``PreparedStatementCache``).
    @discardableResult
    public func query(_ sql: String, _ parameters: [any PostgresBindable] = []) throws(PostgresError) -> PostgresRows {
        let texts = parameters.map(\.postgresText)
        for (index, text) in texts.enumerated() where text?.utf8.contains(0) == true {
            throw .invalidParameter(index: index, reason: "text contains a NUL character")
        }
        return try withSession { (session) throws(PostgresError) -> PostgresRows in
            let connection = session.connection.pointer
            func run() throws(PostgresError) -> PostgresRows {
                let name = try Self.preparedName(of: sql, parameterCount: texts.count, in: &session)
                let result = texts.withOptionalCStringArray { pointers in
                    PQexecPrepared(connection, name, Int32(texts.count), pointers, nil, nil, 0)
                }
                return try Self.consume(result, on: connection)
            }
            do throws(PostgresError) {
                return try run()
            } catch where error.isStalePreparedStatement {
                // A column the statement returns changed type since it was prepared (a newer
                // version migrated the schema): it is prepared afresh under a new name. Inside a
                // transaction the error has aborted it, so only the caller can start over, and the
                // old statement stays on the server until the connection closes.
                guard let name = session.statements.remove(sql), PQtransactionStatus(connection) == PQTRANS_IDLE else { throw error }
                _ = try Self.consume(PQexec(connection, "DEALLOCATE \(name)"), on: connection)
                return try run()
            }
        }
    }

    /// The name `sql` is prepared under on this session, preparing it first when needed.
    private static func preparedName(of sql: String, parameterCount: Int, in session: inout Session) throws(PostgresError) -> String {
        if let name = session.statements.name(of: sql) { return name }
        let connection = session.connection.pointer
        // In a failed transaction every statement is refused, DEALLOCATE too: nothing is evicted,
        // and the prepare below fails with the transaction's error.
        if PQtransactionStatus(connection) != PQTRANS_INERROR, let evicted = session.statements.evictIfFull() {
            // The name is one this connection made up, never a value from outside.
            _ = try consume(PQexec(connection, "DEALLOCATE \(evicted)"), on: connection)
        }
        let name = session.statements.nextName()
        _ = try consume(PQprepare(connection, name, sql, Int32(parameterCount), nil), on: connection)
        session.statements.insert(sql, name: name)
        return name
    }

    /// Runs a script of several statements without parameters (simple query protocol);
    /// used for migrations, whose text is part of the program and takes no values.
    public func execute(script sql: String) throws(PostgresError) {
        try withHandle { (connection) throws(PostgresError) in
            _ = try Self.consume(PQexec(connection, sql), on: connection)
        }
    }

    /// Runs `body` inside a transaction: COMMIT when it returns, ROLLBACK when it throws.
    public func transaction<T>(_ mode: TransactionMode = .readWrite, _ body: (PostgresConnection) throws -> T) throws -> T {
        try query(mode.begin)
        do {
            let value = try body(self)
            try query("COMMIT")
            return value
        } catch {
            // A broken connection cannot roll back; the server discards the transaction itself.
            _ = try? query("ROLLBACK")
            throw error
        }
    }

    /// Streams rows into `COPY … FROM STDIN` (text format) and returns the number of rows
    /// the server stored. Values are escaped as COPY's text format requires.
    @discardableResult
    public func copy<Rows: Sequence>(_ sql: String, rows: Rows) throws(PostgresError) -> Int
    where Rows.Element == [any PostgresBindable] {
        try withHandle { (connection) throws(PostgresError) -> Int in
            let start = PQexec(connection, sql)
            guard let start, PQresultStatus(start) == PGRES_COPY_IN else {
                return try Self.consume(start, on: connection).affectedRows
            }
            PQclear(start)
            var buffer = CopyTextEncoder()
            var clientError: String?
            for row in rows {
                if let error = buffer.append(row) {
                    clientError = error
                    break
                }
                if buffer.count >= 1 << 18 {
                    try Self.sendCopyData(&buffer, on: connection)
                }
            }
            if clientError == nil { try Self.sendCopyData(&buffer, on: connection) }
            guard PQputCopyEnd(connection, clientError) == 1 else {
                throw .connectionLost(message: Self.errorMessage(connection))
            }
            let outcome = Result { () throws(PostgresError) -> PostgresRows in try Self.consume(PQgetResult(connection), on: connection) }
            while let trailing = PQgetResult(connection) { PQclear(trailing) }
            // The server's answer to an aborted COPY only echoes the client's reason.
            if let clientError { throw .copyFailed(message: clientError) }
            return try outcome.get().affectedRows
        }
    }

    /// Asks the server to cancel the statement now running on this connection (thread-safe).
    public func cancelRunningStatement() {
        cancelHandle.withLock { cancel in
            guard let cancel else { return }
            var buffer = [CChar](repeating: 0, count: 256)
            _ = PQcancel(cancel.pointer, &buffer, Int32(buffer.count))
        }
    }

    /// True when the connection can take a statement: not closed, not broken, idle.
    ///
    /// A pooled connection never LISTENs, so nothing should arrive while it sits idle. When
    /// something does, it is a backend saying goodbye (`pg_terminate_backend`, a server
    /// restart: a FATAL message, then the socket closes) — and the goodbye may still be in
    /// flight. Such a connection is not lent out again.
    public func isUsable() -> Bool {
        session.withLock { current in
            guard let connection = current?.connection.pointer, PQstatus(connection) == CONNECTION_OK,
                  PQtransactionStatus(connection) == PQTRANS_IDLE
            else { return false }
            var descriptor = pollfd(fd: PQsocket(connection), events: Int16(POLLIN), revents: 0)
            return poll(&descriptor, 1, 0) == 0
        }
    }

    /// The socket, for waiting on notifications.
    var socket: Int32 {
        session.withLock { current in current.map { PQsocket($0.connection.pointer) } ?? -1 }
    }

    /// Reads input that has arrived and returns the notifications in it (non-blocking).
    func consumeNotifications() throws(PostgresError) -> [PostgresNotification] {
        try withHandle { (connection) throws(PostgresError) -> [PostgresNotification] in
            guard PQconsumeInput(connection) == 1, PQstatus(connection) == CONNECTION_OK else {
                throw .connectionLost(message: Self.errorMessage(connection))
            }
            var notifications: [PostgresNotification] = []
            while let notify = PQnotifies(connection) {
                notifications.append(PostgresNotification(
                    channel: String(cString: notify.pointee.relname),
                    payload: String(cString: notify.pointee.extra),
                    backendPID: notify.pointee.be_pid
                ))
                PQfreemem(notify)
            }
            return notifications
        }
    }

    private func withHandle<T>(_ body: (OpaquePointer) throws(PostgresError) -> T) throws(PostgresError) -> T {
        try withSession { (session) throws(PostgresError) -> T in try body(session.connection.pointer) }
    }

    private func withSession<T>(_ body: (inout Session) throws(PostgresError) -> T) throws(PostgresError) -> T {
        try session.withLock { (current) throws(PostgresError) -> T in
            guard current != nil else { throw .connectionLost(message: "the connection was closed") }
            return try body(&current!)
        }
    }

    private static func sendCopyData(_ buffer: inout CopyTextEncoder, on connection: OpaquePointer) throws(PostgresError) {
        guard buffer.count > 0 else { return }
        let sent = buffer.bytes.withUnsafeBufferPointer { bytes in
            bytes.withMemoryRebound(to: CChar.self) { PQputCopyData(connection, $0.baseAddress, Int32($0.count)) }
        }
        guard sent == 1 else { throw .connectionLost(message: errorMessage(connection)) }
        buffer.removeAll()
    }

    /// Turns a `PGresult` into rows or a typed error, and frees it.
    private static func consume(_ result: OpaquePointer?, on connection: OpaquePointer) throws(PostgresError) -> PostgresRows {
        guard let result else {
            throw lostOrFailed(connection)
        }
        defer { PQclear(result) }
        switch PQresultStatus(result) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY, PGRES_COPY_OUT:
            return PostgresRows(result: result)
        default:
            if PQstatus(connection) != CONNECTION_OK { throw lostOrFailed(connection) }
            func field(_ code: Character) -> String? {
                PQresultErrorField(result, Int32(code.asciiValue!)).map { String(cString: $0) }
            }
            guard let sqlState = field("C") else {
                throw lostOrFailed(connection)
            }
            throw .server(ServerError(
                sqlState: sqlState,
                severity: field("V") ?? field("S") ?? "ERROR",
                message: field("M") ?? errorMessage(connection),
                detail: field("D"),
                hint: field("H"),
                constraint: field("n")
            ))
        }
    }

    private static func lostOrFailed(_ connection: OpaquePointer) -> PostgresError {
        .connectionLost(message: errorMessage(connection))
    }

    static func errorMessage(_ connection: OpaquePointer) -> String {
        guard let message = PQerrorMessage(connection) else { return "unknown error" }
        let text = String(cString: message).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? "unknown error" : text.replacingOccurrences(of: "\n", with: " ")
    }
}

/// An open connection and what has been prepared on it.
private struct Session {
    let connection: LibPQPointer
    var statements: PreparedStatementCache
}

/// A libpq object pointer. libpq objects may move between threads as long as one thread
/// uses them at a time, which the `Mutex` holding this guarantees.
private struct LibPQPointer: @unchecked Sendable {
    let pointer: OpaquePointer

    init(_ pointer: OpaquePointer) {
        self.pointer = pointer
    }
}

/// A message from `NOTIFY`.
public struct PostgresNotification: Sendable, Hashable {
    public let channel: String
    public let payload: String
    public let backendPID: Int32
}
