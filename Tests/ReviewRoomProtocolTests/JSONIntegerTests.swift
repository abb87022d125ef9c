import ReviewRoomProtocol
import Testing

@Suite("Exact integers from JSON number text")
struct JSONIntegerTests {
    private func read(_ text: String) -> JSONInteger.Reading { JSONInteger.read(Array(text.utf8)) }

    @Test(arguments: [
        ("0", 0), ("-0", 0), ("7", 7), ("-42", -42),
        ("9007199254740993", 9_007_199_254_740_993), ("1234567890123456789", 1_234_567_890_123_456_789),
        ("9223372036854775807", Int64.max), ("-9223372036854775808", Int64.min),
        // Integral values written with a fraction or an exponent.
        ("1.0", 1), ("1e3", 1000), ("1E+3", 1000), ("1.5e1", 15), ("-2.50e1", -25), ("100e-2", 1),
        ("0.0e5", 0), ("0e-400", 0), ("9.223372036854775807e18", Int64.max),
    ] as [(String, Int64)])
    func readsIntegersExactly(text: String, value: Int64) {
        #expect(read(text) == .integer(value), "\(text)")
    }

    @Test(arguments: [
        ("9223372036854775808", true), ("-9223372036854775809", false), ("100000000000000000000", true),
        ("1e19", true), ("1e20", true), ("-1e30", false), ("1.0e300", true), ("1e9999999999", true),
        ("18446744073709551616", true), ("-99999999999999999999", false),
    ])
    func integralValuesBeyondInt64AreOutOfRange(text: String, positive: Bool) {
        #expect(read(text) == .outOfRange(positive: positive), "\(text)")
    }

    @Test(arguments: ["1.5", "-0.1", "1e-1", "15e-1", "0.5e0", "1e-9999999999", "", "-", "abc", "1e", "1e+", "--1", "1-"])
    func fractionsAndNonNumbersAreNotIntegral(text: String) {
        #expect(read(text) == .notIntegral, "\(text)")
    }
}
