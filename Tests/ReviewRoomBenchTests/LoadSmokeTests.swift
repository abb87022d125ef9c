import Foundation
import ReviewRoomTesting
import Testing

/// Runs every load scenario at tiny scale against a real `reviewroomd` that the built
/// `reviewroom-bench` starts itself: checks each completes with 0 errors. No timing assertions.
@Suite("Load benchmark smoke run")
struct LoadSmokeTests {
    @Test("reviewroom-bench load --scale tiny: scenarios a–e finish with 0 errors")
    func tinyRun() async throws {
        let bench = try BuildProducts.executable(named: "reviewroom-bench")
        let result = try await ChildProcess.run([bench.path, "load", "--scenario", "a,b,c,d,e", "--scale", "tiny"],
                                                timeout: .seconds(240))
        #expect(result.status == 0, "stderr: \(result.stderr.suffix(2000))")
        let lines = result.stdout.split(separator: "\n").filter { $0.hasPrefix("{") }
        var scenarios: [String: [String: Any]] = [:]
        for line in lines {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let scenario = try #require(object["scenario"] as? String)
            scenarios[scenario] = object
            #expect(object["bench"] as? String == "load")
            #expect(object["errors"] as? Int == 0, "\(line)")
        }
        for letter in ["a", "b", "c", "e"] {
            let object = try #require(scenarios[letter], "no JSON line for scenario \(letter) in \(result.stdout)")
            #expect((object["clients"] as? Int ?? 0) > 0)
        }
        #expect(Self.number(scenarios["a"]?["editsPerSec"]) > 0, "scenario a typed nothing")
        // The tiny run's one capacity step: half of a's sessions, named by its client count.
        let halfA = try #require(scenarios.first { $0.key.hasPrefix("a@") }, "no a@ capacity step in \(result.stdout)")
        #expect(halfA.key == "a@\(Int(Self.number(halfA.value["clients"])))")
        #expect(Self.number(halfA.value["clients"]) < Self.number(scenarios["a"]?["clients"]))
        #expect(Self.number(scenarios["d"]?["readyMs"]) > 0, "scenario d has no readyMs")
    }

    @Test("A malformed --scale or --target is refused with a message naming it, before any server starts",
          arguments: [(["--scale", "0"], "'0'"), (["--scale", "lots"], "'lots'"), (["--target", "nginx"], "'nginx'"),
                      (["--scenario", "z"], "'z'"), (["--hold", "0"], "'0.0'"),
                      (["--a-steps", "1.5"], "'1.5'"), (["--a-steps", "half"], "'half'")])
    func malformedOptions(arguments: [String], named: String) async throws {
        let bench = try BuildProducts.executable(named: "reviewroom-bench")
        let result = try await ChildProcess.run([bench.path, "load", "--scale", "tiny"] + arguments, timeout: .seconds(60))
        #expect(result.status != 0)
        #expect(result.stderr.contains(named), "stderr: \(result.stderr)")
        #expect(!result.stdout.contains("{\"bench\""), "no result line may be printed")
    }

    /// A JSON number as Double (JSONSerialization gives Int for whole numbers on Linux).
    static func number(_ value: Any?) -> Double {
        if let int = value as? Int { return Double(int) }
        return value as? Double ?? 0
    }
}
