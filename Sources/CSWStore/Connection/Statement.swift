import CSQLite
import CSWCore

/// A prepared statement, finalized when released.
///
/// Values are always bound as parameters, never spliced into SQL text.
package final class Statement {
    private let handle: OpaquePointer
    private unowned let connection: Connection
    package let sql: String

    init(connection: Connection, sql: String) throws {
        var statement: OpaquePointer? = nil
        let code = sqlite3_prepare_v2(connection.handle, sql, -1, &statement, nil)
        guard code == SQLITE_OK, let statement else {
            throw connection.error(code: code, sql: sql)
        }
        self.handle = statement
        self.connection = connection
        self.sql = sql
    }

    deinit {
        sqlite3_finalize(handle)
    }

    /// A value that can be bound to a parameter.
    package enum Value {
        case integer(Int64)
        case text(String)
        case blob([UInt8])
        case null
    }

    /// Binds values to the parameters `?1`, `?2`, ... in order.
    package func bind(_ values: [Value]) throws {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            let code: Int32
            switch value {
            case .integer(let number):
                code = sqlite3_bind_int64(handle, index, number)
            case .text(let text):
                code = sqlite3_bind_text(handle, index, text, -1, csw_sqlite_transient())
            case .blob(let bytes):
                code = bytes.withUnsafeBytes { buffer in
                    sqlite3_bind_blob(handle, index, buffer.baseAddress ?? UnsafeRawPointer(bitPattern: 1), Int32(buffer.count), csw_sqlite_transient())
                }
            case .null:
                code = sqlite3_bind_null(handle, index)
            }
            guard code == SQLITE_OK else { throw connection.error(code: code, sql: sql) }
        }
    }

    /// Runs the statement to completion, discarding rows.
    package func run(_ values: [Value] = []) throws {
        try bind(values)
        while try step() {}
    }

    /// Runs the statement and collects one value per row.
    package func rows<T>(_ values: [Value] = [], _ read: (Row) throws -> T) throws -> [T] {
        try bind(values)
        var result: [T] = []
        while try step() { result.append(try read(Row(handle: handle))) }
        return result
    }

    /// Runs the statement and calls `body` with each row as it is read.
    package func forEachRow(_ values: [Value] = [], _ body: (Row) throws -> Void) throws {
        try bind(values)
        defer { sqlite3_reset(handle) }
        while try step() { try body(Row(handle: handle)) }
    }

    /// Runs the statement and reads its first row, if any.
    package func first<T>(_ values: [Value] = [], _ read: (Row) throws -> T) throws -> T? {
        try bind(values)
        defer { sqlite3_reset(handle) }
        return try step() ? try read(Row(handle: handle)) : nil
    }

    /// Advances one row; false when done.
    private func step() throws -> Bool {
        let code = sqlite3_step(handle)
        if code == SQLITE_ROW { return true }
        if code == SQLITE_DONE { return false }
        throw connection.error(code: code, sql: sql)
    }
}

/// The current row of a statement, read by column index.
package struct Row {
    fileprivate let handle: OpaquePointer

    package func integer(_ column: Int32) -> Int64 { sqlite3_column_int64(handle, column) }

    package func isNull(_ column: Int32) -> Bool { sqlite3_column_type(handle, column) == SQLITE_NULL }

    package func optionalInteger(_ column: Int32) -> Int64? { isNull(column) ? nil : integer(column) }

    package func text(_ column: Int32) -> String {
        guard let pointer = sqlite3_column_text(handle, column) else { return "" }
        let count = Int(sqlite3_column_bytes(handle, column))
        return String(decoding: UnsafeBufferPointer(start: pointer, count: count), as: UTF8.self)
    }

    package func optionalText(_ column: Int32) -> String? { isNull(column) ? nil : text(column) }

    /// A text column split at a separator byte; empty parts are kept, and an
    /// empty or null column gives no parts.
    package func textParts(_ column: Int32, separator: UInt8) -> [String] {
        guard let pointer = sqlite3_column_text(handle, column) else { return [] }
        let bytes = UnsafeBufferPointer(start: pointer, count: Int(sqlite3_column_bytes(handle, column)))
        if bytes.isEmpty { return [] }
        return bytes.split(separator: separator, omittingEmptySubsequences: false).map { part in
            String(decoding: UnsafeBufferPointer(rebasing: part), as: UTF8.self)
        }
    }

    package func blob(_ column: Int32) -> [UInt8] {
        guard let pointer = sqlite3_column_blob(handle, column) else { return [] }
        let count = Int(sqlite3_column_bytes(handle, column))
        return Array(UnsafeRawBufferPointer(start: pointer, count: count))
    }
}
