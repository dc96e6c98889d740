import StatesLanguage

/// A statement the local Athena runs.
enum SQLStatement: Sendable, Hashable {
    /// `CREATE DATABASE|SCHEMA [IF NOT EXISTS] name [COMMENT '…'] [LOCATION '…'] [WITH DBPROPERTIES (…)]`
    case createDatabase(name: String, ifNotExists: Bool, comment: String?, location: String?)
    /// `CREATE EXTERNAL TABLE [IF NOT EXISTS] [db.]name (…) … LOCATION '…'`
    case createTable(TableReference, CatalogTable, ifNotExists: Bool)
    /// `MSCK REPAIR TABLE [db.]name`
    case repairTable(TableReference)
    /// `SHOW PARTITIONS [db.]name`
    case showPartitions(TableReference)
    /// `DROP TABLE [IF EXISTS] [db.]name`
    case dropTable(TableReference, ifExists: Bool)
    /// `DROP DATABASE|SCHEMA [IF EXISTS] name [RESTRICT|CASCADE]`
    case dropDatabase(name: String, ifExists: Bool, cascade: Bool)
}

/// `[database.]table`, lowercased as the Glue Data Catalog stores names.
struct TableReference: Sendable, Hashable {
    var database: String?
    var table: String

    /// The database, or `defaultDatabase` when the name is unqualified.
    func database(default defaultDatabase: String) -> String { database ?? defaultDatabase }
}

/// Parses one statement (a trailing `;` allowed) of the DDL subset the local Athena supports.
///
/// Sources: Amazon Athena user guide, "CREATE DATABASE", "CREATE TABLE", "MSCK REPAIR TABLE",
/// "SHOW PARTITIONS", "DROP TABLE", "DROP DATABASE" (syntax of each).
struct SQLParser {
    private var tokens: [SQLToken]
    private var index = 0

    /// The statements a DDL file holds, split at top-level `;`.
    static func statements(_ text: String) throws(AthenaQueryError) -> [SQLStatement] {
        var parser = SQLParser(tokens: try SQLLexer.tokens(text))
        var statements: [SQLStatement] = []
        while true {
            while parser.take(";") {}
            if parser.current.kind == .end { return statements }
            statements.append(try parser.statement())
            if parser.current.kind != .end, !parser.take(";") {
                throw AthenaQueryError.mismatched(parser.current, expecting: ["';'", "<EOF>"])
            }
        }
    }

    /// Exactly one statement, as `StartQueryExecution` accepts.
    static func statement(_ text: String) throws(AthenaQueryError) -> SQLStatement {
        var parser = SQLParser(tokens: try SQLLexer.tokens(text))
        guard parser.current.kind != .end else {
            throw AthenaQueryError.syntax(parser.current.position, "the query is empty")
        }
        let statement = try parser.statement()
        _ = parser.take(";")
        guard parser.current.kind == .end else {
            if parser.tokens[parser.index - 1].kind == .symbol(";") {
                throw AthenaQueryError("Only one sql statement is allowed. Got: \(text)")
            }
            throw AthenaQueryError.mismatched(parser.current, expecting: ["<EOF>"])
        }
        return statement
    }

    private init(tokens: [SQLToken]) {
        self.tokens = tokens
    }

    private var current: SQLToken { tokens[min(index, tokens.count - 1)] }

    private mutating func statement() throws(AthenaQueryError) -> SQLStatement {
        let first = current
        if take(keyword: "CREATE") {
            if take(keyword: "DATABASE") || take(keyword: "SCHEMA") { return try createDatabase() }
            if take(keyword: "EXTERNAL") {
                try expect(keyword: "TABLE")
                return try createTable()
            }
            if current.isKeyword("TABLE") {
                throw AthenaQueryError.syntax(
                    current.position,
                    "only CREATE EXTERNAL TABLE is supported locally (Athena tables over S3 data are external)")
            }
            throw AthenaQueryError.mismatched(current, expecting: ["'DATABASE'", "'EXTERNAL'", "'SCHEMA'"])
        }
        if take(keyword: "MSCK") {
            try expect(keyword: "REPAIR")
            try expect(keyword: "TABLE")
            return .repairTable(try tableReference())
        }
        if take(keyword: "SHOW") {
            try expect(keyword: "PARTITIONS")
            return .showPartitions(try tableReference())
        }
        if take(keyword: "DROP") {
            if take(keyword: "TABLE") {
                let ifExists = try ifClause(exists: true)
                return .dropTable(try tableReference(), ifExists: ifExists)
            }
            if take(keyword: "DATABASE") || take(keyword: "SCHEMA") {
                let ifExists = try ifClause(exists: true)
                let name = try identifier()
                let cascade = take(keyword: "CASCADE")
                if !cascade { _ = take(keyword: "RESTRICT") }
                return .dropDatabase(name: name, ifExists: ifExists, cascade: cascade)
            }
            throw AthenaQueryError.mismatched(current, expecting: ["'DATABASE'", "'SCHEMA'", "'TABLE'"])
        }
        throw AthenaQueryError.syntax(
            first.position,
            "\(first.shown) is not supported by the local Athena, which runs CREATE DATABASE, CREATE EXTERNAL TABLE, "
                + "MSCK REPAIR TABLE, SHOW PARTITIONS, DROP TABLE and DROP DATABASE")
    }

    private mutating func createDatabase() throws(AthenaQueryError) -> SQLStatement {
        let ifNotExists = try ifClause(exists: false)
        let name = try identifier()
        var comment: String?
        var location: String?
        while true {
            if take(keyword: "COMMENT") {
                comment = try stringLiteral()
            } else if take(keyword: "LOCATION") {
                location = try stringLiteral()
            } else if take(keyword: "WITH") {
                try expect(keyword: "DBPROPERTIES")
                _ = try properties()
            } else {
                break
            }
        }
        return .createDatabase(name: name, ifNotExists: ifNotExists, comment: comment, location: location)
    }

    private mutating func createTable() throws(AthenaQueryError) -> SQLStatement {
        let ifNotExists = try ifClause(exists: false)
        let reference = try tableReference()
        var table = CatalogTable(name: reference.table)
        table.columns = try columnList(requireOne: true)
        while current.kind != .end && current.kind != .symbol(";") {
            if take(keyword: "COMMENT") {
                table.comment = try stringLiteral()
            } else if take(keyword: "PARTITIONED") {
                try expect(keyword: "BY")
                table.partitionKeys = try columnList(requireOne: true)
            } else if take(keyword: "ROW") {
                try expect(keyword: "FORMAT")
                try expect(keyword: "SERDE")
                table.serde = try stringLiteral()
                if take(keyword: "WITH") {
                    try expect(keyword: "SERDEPROPERTIES")
                    table.serdeProperties = try properties()
                }
            } else if take(keyword: "STORED") {
                try expect(keyword: "AS")
                if take(keyword: "INPUTFORMAT") {
                    table.inputFormat = try stringLiteral()
                    try expect(keyword: "OUTPUTFORMAT")
                    table.outputFormat = try stringLiteral()
                } else {
                    let format = try word(expecting: Self.storageFormats.map { "'\($0)'" })
                    guard Self.storageFormats.contains(format.uppercased()) else {
                        throw AthenaQueryError.syntax(
                            tokens[index - 1].position,
                            "unknown file format '\(format)'; use one of \(Self.storageFormats.joined(separator: ", "))"
                        )
                    }
                    table.storedAs = format.uppercased()
                }
            } else if take(keyword: "LOCATION") {
                table.location = try stringLiteral()
            } else if take(keyword: "TBLPROPERTIES") {
                table.tableProperties = try properties()
            } else {
                throw AthenaQueryError.mismatched(
                    current,
                    expecting: [
                        "'COMMENT'", "'LOCATION'", "'PARTITIONED'", "'ROW'", "'STORED'", "'TBLPROPERTIES'", "<EOF>",
                    ])
            }
        }
        return .createTable(reference, table, ifNotExists: ifNotExists)
    }

    static let storageFormats = ["PARQUET", "ORC", "TEXTFILE", "JSONFILE", "AVRO", "SEQUENCEFILE", "RCFILE", "ION"]

    /// `(name type [COMMENT '…'], …)`
    private mutating func columnList(requireOne: Bool) throws(AthenaQueryError) -> [CatalogColumn] {
        try expect("(")
        var columns: [CatalogColumn] = []
        repeat {
            let name = try identifier()
            let typeStart = current.position
            let type = try columnType()
            if let problem = ColumnType.problem(type) {
                throw AthenaQueryError.syntax(typeStart, problem)
            }
            var comment: String?
            if take(keyword: "COMMENT") { comment = try stringLiteral() }
            columns.append(CatalogColumn(name: name, type: type, comment: comment))
        } while take(",")
        try expect(")")
        return columns
    }

    /// A Hive type as text, lowercased: `string`, `decimal(10,2)`, `array<struct<a:int>>`.
    private mutating func columnType() throws(AthenaQueryError) -> String {
        var text = try word(expecting: ["a column type"]).lowercased()
        if take("(") {
            var arguments: [String] = []
            repeat {
                guard case .number(let number) = current.kind else {
                    throw AthenaQueryError.mismatched(current, expecting: ["a number"])
                }
                index += 1
                arguments.append(number)
            } while take(",")
            try expect(")")
            text += "(" + arguments.joined(separator: ",") + ")"
        }
        if take("<") {
            var parts: [String] = []
            repeat {
                if text == "struct" {
                    let field = try identifier()
                    try expect(":")
                    parts.append(field + ":" + (try columnType()))
                } else {
                    parts.append(try columnType())
                }
            } while take(",")
            try expect(">")
            text += "<" + parts.joined(separator: ",") + ">"
        }
        return text
    }

    /// `('key' = 'value', …)`
    private mutating func properties() throws(AthenaQueryError) -> [String: String] {
        try expect("(")
        var result: [String: String] = [:]
        repeat {
            let key = try stringLiteral()
            try expect("=")
            result[key] = try stringLiteral()
        } while take(",")
        try expect(")")
        return result
    }

    /// `IF NOT EXISTS` (`exists == false`) or `IF EXISTS`; whether it was there.
    private mutating func ifClause(exists: Bool) throws(AthenaQueryError) -> Bool {
        guard take(keyword: "IF") else { return false }
        if !exists { try expect(keyword: "NOT") }
        try expect(keyword: "EXISTS")
        return true
    }

    private mutating func tableReference() throws(AthenaQueryError) -> TableReference {
        let first = try identifier()
        if take(".") { return TableReference(database: first, table: try identifier()) }
        return TableReference(database: nil, table: first)
    }

    /// A bare, backticked or double-quoted name, lowercased.
    private mutating func identifier() throws(AthenaQueryError) -> String {
        switch current.kind {
        case .word(let text), .quotedIdentifier(let text):
            guard !text.isEmpty else { throw AthenaQueryError.syntax(current.position, "a name cannot be empty") }
            index += 1
            return text.lowercased()
        default:
            throw AthenaQueryError.mismatched(current, expecting: ["<identifier>"])
        }
    }

    private mutating func word(expecting: [String]) throws(AthenaQueryError) -> String {
        guard case .word(let text) = current.kind else {
            throw AthenaQueryError.mismatched(current, expecting: expecting)
        }
        index += 1
        return text
    }

    private mutating func stringLiteral() throws(AthenaQueryError) -> String {
        guard case .string(let text) = current.kind else {
            throw AthenaQueryError.mismatched(current, expecting: ["<string>"])
        }
        index += 1
        return text
    }

    private mutating func take(_ symbol: Character) -> Bool {
        guard current.kind == .symbol(symbol) else { return false }
        index += 1
        return true
    }

    private mutating func take(keyword: String) -> Bool {
        guard current.isKeyword(keyword) else { return false }
        index += 1
        return true
    }

    private mutating func expect(_ symbol: Character) throws(AthenaQueryError) {
        guard take(symbol) else { throw AthenaQueryError.mismatched(current, expecting: ["'\(symbol)'"]) }
    }

    private mutating func expect(keyword: String) throws(AthenaQueryError) {
        guard take(keyword: keyword) else { throw AthenaQueryError.mismatched(current, expecting: ["'\(keyword)'"]) }
    }
}

/// The Hive column types Athena DDL accepts (Amazon Athena user guide, "Data types in Amazon
/// Athena").
enum ColumnType {
    static let scalars = [
        "boolean", "tinyint", "smallint", "int", "integer", "bigint", "double", "float", "decimal", "char",
        "varchar", "string", "binary", "date", "timestamp",
    ]
    static let complex = ["array", "map", "struct"]

    /// Why `type` (as ``SQLParser`` writes it) is not a valid column type, or `nil`.
    static func problem(_ type: String) -> String? {
        let base = String(type.prefix { $0.isLetter })
        guard scalars.contains(base) || complex.contains(base) else {
            let hint = NameSuggestion.didYouMean(base, in: scalars + complex)
            return "unknown type '\(base)'\(hint)"
        }
        if complex.contains(base) && !type.contains("<") { return "type '\(base)' needs its element types: \(base)<…>" }
        if (base == "char" || base == "varchar") && !type.contains("(") {
            return "type '\(base)' needs a length: \(base)(n)"
        }
        return nil
    }

}
