import FuzzSupport

#if POLICYKOLL_FUZZING
    /// The fuzz target's function, with the C signature libFuzzer calls. Exported only in the
    /// fuzzing build: the test bundle links both fuzz targets, and the name must be unique.
    @_cdecl("LLVMFuzzerTestOneInput")
    public func fuzzYAMLTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
        YAMLFuzzer.run(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
        return 0
    }
#endif

/// With `-DPOLICYKOLL_FUZZING` (scripts/fuzz.sh): libFuzzer's driver on `LLVMFuzzerTestOneInput`.
/// Without it: replays the files (or folders of files) given as arguments, for regression runs
/// and CI.
@main
enum FuzzYAMLMain {
    static func main() {
        #if POLICYKOLL_FUZZING
            LibFuzzer.run(fuzzYAMLTestOneInput)
        #else
            Replay.run(arguments: CommandLine.arguments, name: "FuzzYAML", body: YAMLFuzzer.run)
        #endif
    }
}
