import Foundation

/// The current `errno` as text, for messages about a failed system call.
func systemError() -> String {
    String(cString: strerror(errno))
}
