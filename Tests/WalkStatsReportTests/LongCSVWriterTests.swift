import Testing
import WalkStats

/// The tidy long CSV `convert` writes: row order, values as read, `NA`, quoting.
struct LongCSVWriterTests {
    @Test func rowsFollowFileOrderThenTimepointsThenOutcomes() {
        func observation(_ value: Double?, line: Int, unit: String? = nil) -> Observation {
            Observation(value: value, attributes: unit.map { ["unit": $0] } ?? [:], line: line)
        }
        let late = Participant(id: "P2", arm: "a, b", attributes: ["age": "60"], observations: [
            ObservationKey(outcome: "pain", timepoint: "post"): observation(1.10, line: 9),
            ObservationKey(outcome: "pain", timepoint: "pre"): observation(nil, line: 8, unit: "say \"NRS\""),
        ])
        let early = Participant(id: "P1", arm: "control", observations: [
            ObservationKey(outcome: "speed", timepoint: "pre"): observation(1.25, line: 3, unit: "m/s"),
            ObservationKey(outcome: "pain", timepoint: "pre"): observation(7, line: 2),
        ])
        let trial = Trial(source: "t.csv", arms: [Arm(name: "a, b", participants: [late]), Arm(name: "control", participants: [early])],
                          timepoints: ["pre", "post"], outcomes: ["pain", "speed"], participantAttributeNames: ["age"],
                          measurementAttributeNames: ["unit"])
        #expect(LongCSVWriter(trial).csv == """
            participant,arm,timepoint,outcome,value,age,unit
            P1,control,pre,pain,7.0,NA,NA
            P1,control,pre,speed,1.25,NA,m/s
            P2,"a, b",pre,pain,NA,60,"say ""NRS\"\"\"
            P2,"a, b",post,pain,1.1,60,NA

            """)
    }
}
