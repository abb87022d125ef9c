import ReviewRoomFuzzTargets

#if canImport(Glibc)
import Glibc
#endif

// `reviewroom-fuzz TARGET [libFuzzer flags and corpus directories]`, built by `make fuzz`.
//
// The main function is libFuzzer's: with `--sanitize=fuzzer` SwiftPM compiles an executable
// target as a library and links libFuzzer's `main`, which calls the two functions below.

/// The environment variable that names the target: set from the first argument, and inherited
/// by the child processes libFuzzer starts itself (`-merge=1`, `-fork`), which get only its flags.
private let targetVariable = "REVIEWROOM_FUZZ_TARGET"

/// The target being fuzzed: read once, after ``fuzzInitialize(_:_:)`` named it.
private let selectedTarget: FuzzTarget = {
    guard let name = getenv(targetVariable).map({ String(cString: $0) }), let target = FuzzTarget(rawValue: name) else {
        let names = FuzzTarget.allCases.map(\.rawValue).joined(separator: ", ")
        fatalError("usage: reviewroom-fuzz TARGET [libFuzzer arguments]; TARGET is one of: \(names)")
    }
    return target
}()

/// libFuzzer's set-up hook (before it reads its flags): takes the target's name off the
/// arguments, so libFuzzer does not read it as a corpus directory.
@_cdecl("LLVMFuzzerInitialize")
public func fuzzInitialize(_ argc: UnsafeMutablePointer<Int32>,
                           _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>) -> Int32 {
    guard argc.pointee > 1, let arguments = argv.pointee, let first = arguments[1],
          FuzzTarget(rawValue: String(cString: first)) != nil else { return 0 }
    setenv(targetVariable, first, 1)
    // Shift the rest left over the name (argv has argc entries and a terminating null).
    for index in 1 ..< Int(argc.pointee) { arguments[index] = arguments[index + 1] }
    argc.pointee -= 1
    _ = selectedTarget
    return 0
}

/// libFuzzer's per-input callback: runs the selected target on the input.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    selectedTarget.run(UnsafeRawBufferPointer(start: data, count: size))
    return 0
}
