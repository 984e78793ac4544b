import Testing
import WalkStats

/// Table 1: every attribute summarised the way its values call for, counts of known values, outcomes at
/// the baseline timepoint, and no test.
struct BaselineTableTests {
    static func participant(_ id: String, _ arm: String, age: String?, sex: String?, grade: String?, income: String?, pain: Double?) -> Participant {
        Participant(id: id, arm: arm, attributes: ["age": age, "sex": sex, "kl_grade": grade, "income": income],
                    observations: [ObservationKey(outcome: "pain", timepoint: "baseline"): Observation(value: pain)])
    }

    static let trial = Trial(source: "inline", arms: [
        Arm(name: "b", participants: [
            participant("1", "b", age: "60", sex: "F", grade: "2", income: "10", pain: 6),
            participant("2", "b", age: "70", sex: "M", grade: "3", income: "12", pain: 4),
            participant("3", "b", age: nil, sex: "F", grade: "2", income: "11", pain: nil),
        ]),
        Arm(name: "a", participants: [
            participant("4", "a", age: "50", sex: "M", grade: "1", income: "200", pain: 5),
            participant("5", "a", age: "54", sex: "M", grade: "2", income: "13", pain: 7),
        ]),
    ], timepoints: ["baseline"], outcomes: ["pain"], participantAttributeNames: ["age", "sex", "kl_grade", "income"])

    @Test func eachCharacteristicIsSummarisedAsItsValuesCallFor() throws {
        let table = BaselineTable(trial: Self.trial, timepoint: "baseline")
        #expect(table.arms == ["a", "b"])
        #expect(table.randomised == [2, 3])
        let age = try #require(table.rows.first { $0.characteristic == "age" })
        #expect(age.summary == .meanSD)
        #expect(age.cells.map(\.centre) == [52, 65])
        #expect(age.cells.map(\.known) == [2, 2])
        // Whole numbers with few values are categories, levels in numeric order; text is always a category.
        #expect(table.rows.filter { $0.characteristic == "kl_grade" }.map(\.level) == ["1", "2", "3"])
        let female = try #require(table.rows.first { $0.characteristic == "sex" && $0.level == "F" })
        #expect(female.summary == .count && female.cells.map(\.count) == [0, 2])
        // A skewed number (one large value) is a median with quartiles: b's 10, 11, 12 → 11 (10.5 to 11.5).
        let income = try #require(table.rows.first { $0.characteristic == "income" })
        #expect(income.summary == .medianIQR)
        #expect(income.cells[1].centre == 11 && income.cells[1].spread == 10.5 && income.cells[1].upper == 11.5)
        let pain = try #require(table.rows.first { $0.isOutcome })
        #expect(pain.cells.map(\.known) == [2, 2] && pain.cells.map(\.centre) == [6, 5])
        #expect(BaselineTable(trial: Self.trial, timepoint: nil).rows.allSatisfy { !$0.isOutcome })
    }

    @Test func skewnessIsTheMomentRatio() throws {
        // R: x <- c(1, 2, 3, 10); m <- mean(x); mean((x - m)^3) / mean((x - m)^2)^1.5 = 1.0182337649086284
        let g1 = try #require(BaselineTable.skewness([1, 2, 3, 10]))
        #expect(abs(g1 - 1.0182337649086284) < 1e-12)
        #expect(BaselineTable.skewness([4, 4, 4]) == nil)
    }
}
