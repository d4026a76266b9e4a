/// An event kind as the pages say it: `entry_into_force` reads "entry into force".
enum KindLabel {
    static func text(_ kind: String) -> String {
        kind.replacingOccurrences(of: "_", with: " ")
    }
}
