import GRDB

/// The tables of a history database, as migrations: a database made by an older version is
/// brought up to date when it is opened, never rebuilt.
enum HistorySchema {
    /// The identifier of the first migration: a history has it.
    static let firstMigration = "v1"

    /// Every table a history holds (GRDB's record of migrations among them): a database with
    /// anything else is not one.
    static let objects: Set<String> = ["grdb_migrations", "audit", "auditArea", "auditInput", "auditOutcome"]

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration(firstMigration) { db in
            try db.execute(
                sql: """
                    CREATE TABLE audit (
                        id INTEGER PRIMARY KEY,
                        label TEXT NOT NULL UNIQUE,
                        policyName TEXT NOT NULL,
                        policyVersion TEXT NOT NULL,
                        policySHA256 TEXT NOT NULL,
                        asOf TEXT NOT NULL,
                        toolVersion TEXT NOT NULL,
                        recordedAt TEXT NOT NULL,
                        systems INTEGER NOT NULL,
                        inputErrors INTEGER NOT NULL,
                        inputsSHA256 TEXT NOT NULL
                    );
                    CREATE TABLE auditArea (
                        auditId INTEGER NOT NULL REFERENCES audit(id) ON DELETE CASCADE,
                        position INTEGER NOT NULL,
                        area TEXT NOT NULL,
                        titleSv TEXT NOT NULL,
                        titleEn TEXT NOT NULL,
                        PRIMARY KEY (auditId, area)
                    ) WITHOUT ROWID;
                    CREATE TABLE auditInput (
                        auditId INTEGER NOT NULL REFERENCES audit(id) ON DELETE CASCADE,
                        file TEXT NOT NULL,
                        sha256 TEXT NOT NULL,
                        PRIMARY KEY (auditId, file)
                    ) WITHOUT ROWID;
                    CREATE TABLE auditOutcome (
                        auditId INTEGER NOT NULL REFERENCES audit(id) ON DELETE CASCADE,
                        system TEXT NOT NULL,
                        organisation TEXT NOT NULL,
                        rule TEXT NOT NULL,
                        area TEXT NOT NULL,
                        principle TEXT NOT NULL,
                        outcome TEXT NOT NULL CHECK (outcome IN ('pass', 'fail', 'not-applicable', 'excepted')),
                        PRIMARY KEY (auditId, system, rule)
                    ) WITHOUT ROWID;
                    """)
        }
        return migrator
    }
}
