/// Why a query failed, with the text Athena would put in `StateChangeReason`.
struct AthenaQueryError: Error, Sendable, Hashable, CustomStringConvertible {
    let message: String

    init(_ message: String) { self.message = message }

    var description: String { message }

    /// A syntax error at a position: `line 1:8: mismatched input 'TABEL'. Expecting: 'TABLE'`,
    /// in the form Athena engine version 3 (Trino) reports them.
    static func syntax(_ position: SQLPosition, _ detail: String) -> AthenaQueryError {
        AthenaQueryError("\(position): \(detail)")
    }

    static func mismatched(_ token: SQLToken, expecting: [String]) -> AthenaQueryError {
        syntax(token.position, "mismatched input \(token.shown). Expecting: \(expecting.joined(separator: ", "))")
    }

    // Hive metastore texts, as Athena shows them for DDL.

    static func tableNotFound(_ database: String, _ table: String) -> AthenaQueryError {
        AthenaQueryError("FAILED: SemanticException [Error 10001]: Table not found \(database).\(table)")
    }

    static func databaseNotFound(_ database: String) -> AthenaQueryError {
        AthenaQueryError("FAILED: SemanticException [Error 10072]: Database does not exist: \(database)")
    }

    static func tableExists(_ table: String) -> AthenaQueryError {
        AthenaQueryError(
            "FAILED: Execution Error, return code 1 from org.apache.hadoop.hive.ql.exec.DDLTask. "
                + "AlreadyExistsException(message:Table \(table) already exists)")
    }

    static func databaseExists(_ database: String) -> AthenaQueryError {
        AthenaQueryError(
            "FAILED: Execution Error, return code 1 from org.apache.hadoop.hive.ql.exec.DDLTask. "
                + "Database \(database) already exists")
    }

    static func notPartitioned(_ table: String) -> AthenaQueryError {
        AthenaQueryError(
            "FAILED: Execution Error, return code 1 from org.apache.hadoop.hive.ql.exec.DDLTask. "
                + "Table \(table) is not a partitioned table")
    }
}
