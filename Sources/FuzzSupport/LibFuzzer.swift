#if POLICYKOLL_FUZZING
    import Glibc

    /// libFuzzer's documented driver entry (`LLVMFuzzerRunDriver`, LLVM 11 and later).
    @_silgen_name("LLVMFuzzerRunDriver")
    private func llvmFuzzerRunDriver(
        _ argc: UnsafeMutablePointer<Int32>,
        _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
        _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
    ) -> Int32

    /// Runs libFuzzer with the process's arguments and the target's `LLVMFuzzerTestOneInput`.
    ///
    /// SwiftPM links every executable target through its `@main` (renamed to `<module>_main`), so
    /// a fuzz target cannot simply leave `main` to libFuzzer: its `@main` hands over to the driver.
    public enum LibFuzzer {
        public static func run(_ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32) -> Never {
            var argc = CommandLine.argc
            var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
            exit(llvmFuzzerRunDriver(&argc, &argv, callback))
        }
    }
#endif
