import Postgres

/// A piece of SQL whose values are always bound parameters, PostgREST's `SqlFragment`.
///
/// The text comes only from string literals in this module; every interpolated value becomes a
/// `$n` parameter, numbered when the whole statement is rendered. So a statement composed of
/// optional parts still cannot have a value spliced into its text.
struct SQLFragment: ExpressibleByStringInterpolation, Sendable {
    fileprivate enum Piece: Sendable {
        case sql(String)
        case value(any PostgresBindable)
    }

    fileprivate var pieces: [Piece]

    init(stringLiteral sql: String) {
        pieces = [.sql(sql)]
    }

    init(stringInterpolation: StringInterpolation) {
        pieces = stringInterpolation.pieces
    }

    struct StringInterpolation: StringInterpolationProtocol {
        fileprivate var pieces: [Piece] = []

        init(literalCapacity: Int, interpolationCount: Int) {}

        mutating func appendLiteral(_ sql: String) {
            pieces.append(.sql(sql))
        }

        /// A value: bound as a parameter, never written into the text.
        mutating func appendInterpolation(_ value: some PostgresBindable) {
            pieces.append(.value(value))
        }

        /// Another fragment, with its parameters.
        mutating func appendInterpolation(_ fragment: SQLFragment) {
            pieces += fragment.pieces
        }
    }

    /// `fragments` with `separator` between them.
    static func joined(_ fragments: [SQLFragment], separator: StaticString) -> SQLFragment {
        var joined = SQLFragment(stringLiteral: "")
        for (offset, fragment) in fragments.enumerated() {
            if offset > 0 { joined.pieces.append(.sql(separator.description)) }
            joined.pieces += fragment.pieces
        }
        return joined
    }

    /// The statement text with `$1`, `$2`, … in place of the values, and the values in that order.
    var rendered: (sql: String, parameters: [any PostgresBindable]) {
        var sql = ""
        var parameters: [any PostgresBindable] = []
        for piece in pieces {
            switch piece {
            case .sql(let text):
                sql += text
            case .value(let value):
                parameters.append(value)
                sql += "$\(parameters.count)"
            }
        }
        return (sql, parameters)
    }
}
