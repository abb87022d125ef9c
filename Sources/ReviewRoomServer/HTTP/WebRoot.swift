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

    /// What `serve` logs and `check-config` warns when ``locate(configured:executableDirectory:)``
    /// finds nothing: every page and invite link would answer 404.
    public static let notFoundWarning = "no web client files found (web_root is not set, and there is no "
        + "\(bundleName)/Web beside the binary, no share/reviewroom/web beside its bin directory, no "
        + "/usr/share/reviewroom/web and no /usr/local/share/reviewroom/web): every page and invite link "
        + "will answer 404; set web_root to the folder the web client was installed in"

    /// The pages a web client folder holds, whose absence means `web_root` names another folder.
    static let clientPages = ["join.html", "console.html"]

    /// What `serve` logs and `check-config` warns when `web_root` is set to a folder without the
    /// web client's pages (a certificate folder, a typo's sibling): every invite link would
    /// answer 404, and whatever the folder holds would be served to anyone. Nil when they are there.
    public static func notTheClientWarning(configured: String) -> String? {
        let missing = clientPages.filter { !FileManager.default.fileExists(atPath: URL(fileURLWithPath: configured).appendingPathComponent($0).path) }
        guard !missing.isEmpty else { return nil }
        return "web_root is \(configured), which holds no \(missing.joined(separator: " or ")): it is not the web client's "
            + "folder, so invite links or the console will answer 404 and every file in it is served to anyone who asks; "
            + "set web_root to the folder the web client was installed in"
    }

    /// The directory of the running executable, from `/proc/self/exe`: `CommandLine.arguments[0]`
    /// is only the name when the binary was started through `PATH`, which would resolve against
    /// the working directory.
    public static var executableDirectory: URL {
        executablePath(procSelfExe: readLink("/proc/self/exe"), argumentZero: CommandLine.arguments.first ?? "")
            .deletingLastPathComponent()
    }

    /// The executable's path: the target of `/proc/self/exe` when it could be read (without the
    /// ` (deleted)` Linux appends once an upgrade replaced the file), else `argumentZero` with
    /// symbolic links resolved.
    public static func executablePath(procSelfExe: String?, argumentZero: String) -> URL {
        if var path = procSelfExe, path.hasPrefix("/") {
            let deleted = " (deleted)"
            if path.hasSuffix(deleted) { path.removeLast(deleted.count) }
            return URL(fileURLWithPath: path)
        }
        return URL(fileURLWithPath: argumentZero).resolvingSymlinksInPath()
    }

    private static func readLink(_ path: String) -> String? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink(path, &buffer, buffer.count - 1)
        guard count > 0 else { return nil }
        return String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
