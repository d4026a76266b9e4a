@testable import EmbeddedPostgres
import Foundation
import Logging
import Testing

@Suite struct PathAndSetupErrorTests {
    @Test func aRelativeDirectoryIsResolvedAgainstTheCurrentDirectory() {
        let postgres = EmbeddedPostgres(directory: "./state/../.timelined/pg", logger: .test)
        #expect(postgres.layout.directory == FileManager.default.currentDirectoryPath + "/.timelined/pg")
    }

    @Test(.enabled(if: geteuid() == 0, "only root hands the cluster to another account"))
    func aParentThePostgresAccountCannotEnterIsNamed() async throws {
        try await withTemporaryDirectory { directory in
            let locked = directory + "/locked"
            try FileManager.default.createDirectory(atPath: locked, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
            let postgres = EmbeddedPostgres(directory: locked + "/pg", logger: .test)

            let error = await #expect(throws: EmbeddedPostgresError.self) { try await postgres.start() }
            #expect(error == .directoryUnreachable(path: locked, account: "postgres"))
            #expect(error?.description.contains("database.embedded_dir") == true)
        }
    }

    @Test func missingServerBinariesSayHowToInstallThem() async throws {
        try await withTemporaryDirectory { directory in
            let postgres = EmbeddedPostgres(directory: directory + "/pg", logger: .test, binDirectory: directory)

            let error = await #expect(throws: EmbeddedPostgresError.self) { try await postgres.start() }
            #expect(error == .binariesNotFound(searched: [directory]))
            #expect(error?.description.contains("apt-get install postgresql") == true)
        }
    }

    @Test func aSocketPathOverTheUnixLimitIsRefusedBeforeAnythingIsCreated() async {
        let directory = "/tmp/" + String(repeating: "x", count: 100)
        let postgres = EmbeddedPostgres(directory: directory, logger: .test)

        let error = await #expect(throws: EmbeddedPostgresError.self) { try await postgres.start() }
        #expect(error == .socketPathTooLong(path: directory + "/run/.s.PGSQL.5432", limit: 107))
        #expect(!FileManager.default.fileExists(atPath: directory))
    }

    @Test func connectionStringValuesAreQuotedPerLibpq() {
        #expect(ConfigQuoting.libpqValue("/srv/pg/run") == "/srv/pg/run")
        #expect(ConfigQuoting.libpqValue(#"/a b/it's\x"#) == #"'/a b/it\'s\\x'"#)
        #expect(ConfigQuoting.libpqValue("") == "''")
    }

    @Test func everyErrorDescriptionIsOneLine() {
        let errors: [EmbeddedPostgresError] = [
            .binariesNotFound(searched: ["/a", "/b"]), .socketPathTooLong(path: "/p", limit: 107),
            .directoryUnusable(path: "/p", reason: "r"), .accountMissing(account: "postgres"),
            .accountSwitchUnavailable(account: "postgres"), .directoryUnreachable(path: "/root", account: "postgres"),
            .lockBusy(lockFile: "/p"), .launchFailed(program: "/p", reason: "r"),
            .initdbFailed(dataDirectory: "/p", output: "o"), .statusFailed(dataDirectory: "/p", output: "o"),
            .startFailed(logFile: "/p", output: "o"), .stopFailed(dataDirectory: "/p", output: "o"),
            .createDatabaseFailed(logFile: "/p", output: "o"),
        ]
        for error in errors {
            #expect(!error.description.contains("\n"), "\(error)")
        }
    }
}
