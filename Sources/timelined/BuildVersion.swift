import CBuildCommit

/// What `timelined --version` prints: the version (Resources/VERSION, the one place it is kept;
/// debian/changelog must name the same) and the commit the build was told about.
enum BuildVersion {
    static var number: String {
        String(decoding: PackageResources.VERSION, as: UTF8.self).filter { !$0.isWhitespace }
    }

    static var commit: String? {
        let commit = String(cString: timelined_build_commit())
        return commit.isEmpty ? nil : commit
    }

    static var text: String {
        "\(number) (commit \(commit ?? "unknown"))"
    }
}
