import Foundation
import Testing
import WalkStats

struct FormattingTests {
    @Test func pValuesBelowOneThousandthPrintAsBound() {
        #expect(NumberFormatting.pValue(0.00099) == "< 0.001")
        #expect(NumberFormatting.pValue(0.001) == "0.001")
        #expect(NumberFormatting.pValue(0.0734) == "0.073")
    }

    @Test func roundedNegativeZeroPrintsAsZero() {
        #expect(NumberFormatting.value(-0.0004, decimals: 2) == "0.00")
        #expect(NumberFormatting.value(-0.006, decimals: 2) == "-0.01")
        #expect(NumberFormatting.value(nil, decimals: 2) == "–")
    }

    /// Pain (SD ≈ 1.8) gets 2 decimals, strength (SD ≈ 20 Nm) 1, walking speed (SD ≈ 0.18 m/s) 3.
    @Test func decimalsFollowTheOutcomesSpread() {
        #expect(NumberFormatting.decimals(forSpread: 1.8) == 2)
        #expect(NumberFormatting.decimals(forSpread: 20) == 1)
        #expect(NumberFormatting.decimals(forSpread: 0.18) == 3)
        #expect(NumberFormatting.decimals(forSpread: 0.0001) == 4)
        #expect(NumberFormatting.decimals(forSpread: nil) == 2)
    }

    @Test func degreesOfFreedomKeepIntegersWhole() {
        #expect(NumberFormatting.degreesOfFreedom(22) == "22")
        #expect(NumberFormatting.degreesOfFreedom(40.8412) == "40.84")
    }

    @Test func markdownTableEscapesPipes() {
        var table = MarkdownTable(headers: ["Arm", "n"], alignments: [.left, .right])
        table.rows.append(["a|b", "3"])
        #expect(table.render() == "| Arm | n |\n| --- | ---: |\n| a\\|b | 3 |\n")
    }

    @Test func jsonKeepsKeyOrderAndWritesNonFiniteAsNull() throws {
        let value = JSONValue.object([("z", .number(0.1)), ("a", .number(.nan)), ("s", .string("q\"\n")),
                                      ("i", .int(3)), ("w", .number(2))])
        let text = value.serialized()
        #expect(text == "{\n  \"z\": 0.1,\n  \"a\": null,\n  \"s\": \"q\\\"\\n\",\n  \"i\": 3,\n  \"w\": 2.0\n}\n")
        let parsed = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
        #expect(parsed?["z"] as? Double == 0.1)
    }

    /// Full precision: the printed double reads back to the same bits (parsed with Swift's own
    /// `Double(_:)`; Foundation's JSONSerialization on Linux rounds the last bit).
    @Test func jsonNumbersRoundTrip() throws {
        let values = [0.0028328901973842702, 1e-300, -17.776473516178498]
        let text = JSONValue.array(values.map(JSONValue.number)).serialized()
        let parsed = text.split(whereSeparator: { "[], \n".contains($0) }).compactMap { Double($0) }
        #expect(parsed == values)
    }
}

/// Numbers printed from the data's own precision: whole-number scores as whole numbers, summaries one
/// decimal beyond the data, ranges as "low to high".
struct DataPrecisionFormattingTests {
    @Test func recordedDecimalsReadBackHowAValueWasWritten() {
        #expect(recordedDecimals(6) == 0)
        #expect(recordedDecimals(116.7) == 1)
        #expect(recordedDecimals(1.05) == 2)
        #expect(recordedDecimals(-0.125) == 3)
        #expect(recordedDecimals(1.0 / 3.0) == 4)
    }

    /// The arithmetic reading agrees with the decimals of Swift's shortest round-trip text on values written
    /// with 0 to 6 decimals, across magnitudes, including the exponent forms (below 1e-4, from 1e16).
    @Test func recordedDecimalsAgreeWithTheShortestText() {
        func fromText(_ value: Double) -> Int {
            let text = "\(abs(value))"
            guard !text.contains("e") else { return 4 }
            guard let dot = text.firstIndex(of: ".") else { return 0 }
            return min(4, text[text.index(after: dot)...].reversed().drop { $0 == "0" }.count)
        }
        var generator = SystemRandomNumberGenerator()
        var values: [Double] = [0, -0.0, 1e-4, 0.00012, 9.99e-5, 1e15, 123456789012.5, 1e16, 2.5e17, 0.1 + 0.2, 1.0 / 3.0]
        for decimals in 0...6 {
            for _ in 0..<20_000 {
                let integer = Int.random(in: -10_000_000...10_000_000, using: &generator)
                let scale = [1.0, 10, 100, 1000, 10_000, 100_000, 1_000_000][decimals]
                values.append(Double(integer) / scale)
                values.append(Double(integer) / scale * 1e-3)
            }
        }
        for value in values { #expect(recordedDecimals(value) == fromText(value), "\(value)") }
    }

    /// The most decimals of many values (which checks each value against the most so far instead of reading
    /// its decimals) is the largest of their decimals, on lists mixing magnitudes, signs and 0 to 6 decimals.
    @Test func theMostDecimalsOfValuesIsTheLargestOfTheirs() {
        var generator = SystemRandomNumberGenerator()
        let specials: [Double] = [0, -0.0, 1e-4, 0.00012, 9.99e-5, 1e15, 123456789012.5, 1e16, 0.1 + 0.2, 1.0 / 3.0, 2e15 + 0.5]
        for _ in 0..<20_000 {
            let values = (0..<Int.random(in: 0...8, using: &generator)).map { _ -> Double in
                if Int.random(in: 0..<10, using: &generator) == 0 { return specials.randomElement(using: &generator)! }
                let scale = [1.0, 10, 100, 1000, 10_000, 100_000, 1_000_000].randomElement(using: &generator)!
                let magnitude = [1.0, 1e-3, 1e6, 1e9].randomElement(using: &generator)!
                return Double(Int.random(in: -10_000_000...10_000_000, using: &generator)) / scale * magnitude
            }
            for limit in [2, 4] {
                #expect(recordedDecimals(mostOf: values, limit: limit) == values.map { recordedDecimals($0, limit: limit) }.max(), "\(values)")
            }
        }
    }

    @Test func dataValuesUseAsFewDecimalsAsShowThemExactly() {
        #expect(NumberFormatting.dataValue(6, recorded: 0) == "6")
        #expect(NumberFormatting.dataValue(5.5, recorded: 0) == "5.5")
        #expect(NumberFormatting.dataValue(4.75, recorded: 0) == "4.75")
        #expect(NumberFormatting.dataValue(1.0 / 3.0, recorded: 0) == "0.33")
        #expect(NumberFormatting.dataValue(1.1, recorded: 2) == "1.10")
        #expect(NumberFormatting.range("-0.75", "3.75") == "-0.75 to 3.75")
        #expect(NumberFormatting.summaryDecimals(recorded: 0) == 1)
        #expect(NumberFormatting.summaryDecimals(recorded: 4) == 4)
    }

    /// Integer scores: no "6.00" and no "3.00–10.00" in a descriptives table.
    @Test func integerScoresPrintAsIntegers() throws {
        let participants = (1...4).map { i in
            Participant(id: "\(i)", arm: "a", observations: [ObservationKey(outcome: "pain", timepoint: "t0"): Observation(value: Double(2 + 2 * i))])
        }
        let trial = Trial(source: "x", arms: [Arm(name: "a", participants: participants)], timepoints: ["t0"], outcomes: ["pain"])
        let table = DescriptivesReport(trial: trial, description: try TrialDescription(trial: trial), codebook: Codebook(definitions: []))
            .render(.markdown)
        // 4, 6, 8, 10: mean 7.0, SD 2.6, median 7, quartiles 5.5 and 8.5 (type 7), range 4 to 10.
        #expect(table.contains("| a | t0 | 4 | 0 | 7.0 | 2.6 | 1.3 | [2.9, 11.1] | 7 | 5.5 to 8.5 | 4 to 10 |"))
    }

    /// The decimals the descriptives take from their cells are the trial's own, over arms and timepoints
    /// (values 3, 2.5 and 1.125 in different cells; an outcome with no value has none).
    @Test func recordedDecimalsOfTheCellsAreTheTrials() throws {
        func participant(_ id: String, _ arm: String, _ values: [String: Double?]) -> Participant {
            Participant(id: id, arm: arm, observations: Dictionary(uniqueKeysWithValues: values.map { key, value in
                (ObservationKey(outcome: "pain", timepoint: key), Observation(value: value))
            }) .merging([ObservationKey(outcome: "empty", timepoint: "t0"): Observation(value: nil)]) { first, _ in first })
        }
        let trial = Trial(source: "x", arms: [Arm(name: "a", participants: [participant("1", "a", ["t0": 3, "t1": 2.5])]),
                                              Arm(name: "b", participants: [participant("2", "b", ["t0": nil, "t1": 1.125])])],
                          timepoints: ["t0", "t1"], outcomes: ["pain", "empty"])
        let description = try TrialDescription(trial: trial)
        #expect(description.recordedDecimals(of: "pain") == 3)
        #expect(description.recordedDecimals(of: "pain") == trial.recordedDecimals(of: "pain"))
        #expect(description.recordedDecimals(of: "empty") == nil)
        #expect(trial.recordedDecimals(of: "empty") == nil)
    }
}
