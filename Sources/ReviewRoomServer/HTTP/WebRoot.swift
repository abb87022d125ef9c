import Foundation

/// Finds the folder of the browser client's files.
///
/// SwiftPM copies `Sources/ReviewRoomServer/Web` into `ReviewRoom_ReviewRoomServer.resources`
/// next to the built executable; `install.sh` copies it to `/usr/share/reviewroom/web`. The
/// generated `Bundle.module` accessor would crash when neither is found, so it is not used.
public enum WebRoot {
    /// The name of SwiftPM's resource bundle for this module.
    public static let bundleName = "ReviewRoom_ReviewRoomServer.resources"

    /// The first existing candidate: `configured` (the `web_root` key), the bundle next to
    /// `executableDirectory`, `<prefix>/share/reviewroom/web` beside the binary's `bin`, then
    /// `/usr/share/reviewroom/web` and `/usr/local/share/reviewroom/web`.
    public static func locate(configured: String?, executableDirectory: URL) -> URL? {
        if let configured { return URL(fileURLWithPath: configured, isDirectory: true) }
        let candidates = [
            executableDirectory.appendingPathComponent(bundleName).appendingPathComponent("Web"),
            executableDirectory.deletingLastPathComponent().appendingPathComponent("share/reviewroom/web"),
            URL(fileURLWithPath: "/usr/share/reviewroom/web"),
            URL(fileURLWithPath: "/usr/local/share/reviewroom/web"),
        ]
        return candidates.first { candidate in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory) && isDirectory.boolValue
        }
    }

    /// The directory of the running executable.
    public static var executableDirectory: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
    }
}
