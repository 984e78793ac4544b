"""Writes REDCap-shaped fixtures from a known long trial, so each export's long CSV is known.

Source: datasets/sample/retro-walking-trial.csv (SIMULATED two-arm trial, backward vs forward walking),
participants P001-P012, P018 and P024 (P018 misses pain at week 6, P024 has nothing at week 6, P002 misses
strength at week 3), outcomes pain_nrs, quad_strength, walking_speed, the attribute sex.

Variant 1 -- a two-arm longitudinal project, the arm recorded in a radio field:
  long.csv        the long file the export was made from: baseline and week 6 (spelled `week_6`, as REDCap
                  names the event "Week 6"), arms backward/forward, attribute sex. A visit at which nothing
                  was recorded is left out, because REDCap exports no row for an event without data.
  export.csv      the raw CSV export (UTF-8 with a byte-order mark, as REDCap writes it): events
                  baseline_arm_1, week_6_arm_1, baseline_arm_2, week_6_arm_2 (backward is arm 1, forward
                  arm 2); form `enrolment` (baseline only): name and dob (flagged identifiers), sex (free
                  text), group (radio 1, backward | 2, forward); form `knee_assessment` (both events):
                  assessment_date (a date), pain_nrs, quad_strength, walking_speed; `<form>_complete` columns.
  dictionary.csv  its data dictionary.
  Read with `--redcap-dictionary dictionary.csv --redcap-arm group`, it gives long.csv.

Variant 2 -- the visits as a repeating instrument `visit` on one event per arm (enrolment_arm_1,
enrolment_arm_2), the arm from the event name:
  long-repeating.csv       baseline, week 3 and week 6 as visit_1, visit_2, visit_3 (instances 1-3); arms
                           arm_1 (backward) and arm_2 (forward), as REDCap names arms; attribute sex.
  export-repeating.csv     the raw export (plain UTF-8): one non-repeating row per record (name, dob, sex),
                           then one row per instance of `visit` (visit_date, the three outcomes).
  dictionary-repeating.csv its data dictionary.

Run from this folder:  python3 generate.py     (Python 3 standard library only; the output is deterministic)
"""
import csv
import io

SOURCE = "../../../../datasets/sample/retro-walking-trial.csv"
PARTICIPANTS = [f"P{n:03d}" for n in range(1, 13)] + ["P018", "P024"]
OUTCOMES = ["pain_nrs", "quad_strength", "walking_speed"]
# Invented identifiers: they exist only to be dropped.
NAMES = ["Ada Example", "Ben Example", "Cleo Example", "Dev Example", "Eli Example", "Fay Example", "Gus Example",
         "Hana Example", "Ivo Example", "Jo Example", "Kit Example", "Lou Example", "Max Example", "Nia Example"]
DICTIONARY_HEADER = ["Variable / Field Name", "Form Name", "Section Header", "Field Type", "Field Label",
                     "Choices, Calculations, OR Slider Labels", "Field Note",
                     "Text Validation Type OR Show Slider Number", "Text Validation Min", "Text Validation Max",
                     "Identifier?", "Branching Logic (Show field only if...)", "Required Field?", "Custom Alignment",
                     "Question Number (surveys only)", "Matrix Group Name", "Matrix Ranking?", "Field Annotation"]


def read_source():
    with open(SOURCE, newline="") as handle:
        rows = [row for row in csv.DictReader(handle) if row["participant"] in PARTICIPANTS]
    trial = {}
    for row in rows:
        person = trial.setdefault(row["participant"], {"arm": row["arm"], "sex": row["sex"], "age": int(row["age"]),
                                                       "values": {}})
        value = "" if row["value"] == "NA" else row["value"]
        person["values"][(row["timepoint"], row["outcome"])] = value
    return trial


def write_csv(path, header, rows, bom=False):
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    with open(path, "w", encoding="utf-8-sig" if bom else "utf-8", newline="") as handle:
        handle.write(text.getvalue())


def field(name, form, kind, label, choices="", validation="", low="", high="", identifier=""):
    return [name, form, "", kind, label, choices, "", validation, low, high, identifier, "", "", "", "", "", "", ""]


def outcome_fields(form):
    return [
        field("pain_nrs", form, "text", "<b>Knee pain</b> now, 0 (none) to 10 (worst imaginable)", validation="integer",
              low="0", high="10"),
        field("quad_strength", form, "text", "Quadriceps peak isometric torque (Nm)", validation="number_1dp", low="0"),
        field("walking_speed", form, "text", "Walking speed over 10 m (m/s)", validation="number_2dp", low="0", high="3"),
    ]


def main():
    trial = read_source()
    ids = sorted(trial)
    arm_number = {"backward": 1, "forward": 2}
    def dob(person):
        return f"{2026 - person['age']}-06-15"

    # Variant 1.
    visits = [("baseline", "baseline"), ("week6", "week_6")]
    long_rows, export_rows = [], []
    for index, pid in enumerate(ids):
        person = trial[pid]
        for source_time, name in visits:
            values = [person["values"][(source_time, o)] for o in OUTCOMES]
            if not any(values):
                continue  # nothing recorded at this visit: REDCap has no row for the event
            for outcome, value in zip(OUTCOMES, values):
                long_rows.append([pid, person["arm"], name, outcome, value or "NA", person["sex"]])
            event = f"{name}_arm_{arm_number[person['arm']]}"
            enrolment = ([NAMES[index], dob(person), person["sex"], str(arm_number[person["arm"]]), "2"]
                         if name == "baseline" else ["", "", "", "", ""])
            date = f"2026-0{3 if name == 'baseline' else 4}-{10 + index:02d}"
            export_rows.append([pid, event] + enrolment + [date] + values + ["2"])
    write_csv("long.csv", ["participant", "arm", "timepoint", "outcome", "value", "sex"], long_rows)
    write_csv("export.csv", ["record_id", "redcap_event_name", "name", "dob", "sex", "group", "enrolment_complete",
                             "assessment_date"] + OUTCOMES + ["knee_assessment_complete"], export_rows, bom=True)
    write_csv("dictionary.csv", DICTIONARY_HEADER, [
        field("record_id", "enrolment", "text", "Record ID"),
        field("name", "enrolment", "text", "Participant's name", identifier="y"),
        field("dob", "enrolment", "text", "Date of birth", validation="date_ymd", identifier="y"),
        field("sex", "enrolment", "text", "Sex as recorded (M or F)"),
        field("group", "enrolment", "radio", "Randomised group", choices="1, backward | 2, forward"),
        field("assessment_date", "knee_assessment", "text", "Date of assessment", validation="date_ymd"),
    ] + outcome_fields("knee_assessment"))

    # Variant 2.
    visits = [("baseline", "visit_1"), ("week3", "visit_2"), ("week6", "visit_3")]
    long_rows, export_rows = [], []
    for index, pid in enumerate(ids):
        person = trial[pid]
        arm = f"arm_{arm_number[person['arm']]}"
        event = f"enrolment_{arm}"
        export_rows.append([pid, event, "", "", NAMES[index], dob(person), person["sex"], "2", ""] + [""] * 3 + [""])
        for instance, (source_time, name) in enumerate(visits, start=1):
            values = [person["values"][(source_time, o)] for o in OUTCOMES]
            if not any(values):
                continue  # no instance without data
            for outcome, value in zip(OUTCOMES, values):
                long_rows.append([pid, arm, name, outcome, value or "NA", person["sex"]])
            date = f"2026-{2 + instance:02d}-{10 + index:02d}"
            export_rows.append([pid, event, "visit", str(instance), "", "", "", "", date] + values + ["1"])
    write_csv("long-repeating.csv", ["participant", "arm", "timepoint", "outcome", "value", "sex"], long_rows)
    write_csv("export-repeating.csv", ["record_id", "redcap_event_name", "redcap_repeat_instrument",
                                       "redcap_repeat_instance", "name", "dob", "sex", "enrolment_complete",
                                       "visit_date"] + OUTCOMES + ["visit_complete"], export_rows)
    write_csv("dictionary-repeating.csv", DICTIONARY_HEADER, [
        field("record_id", "enrolment", "text", "Record ID"),
        field("name", "enrolment", "text", "Participant's name", identifier="y"),
        field("dob", "enrolment", "text", "Date of birth", validation="date_ymd", identifier="y"),
        field("sex", "enrolment", "text", "Sex as recorded (M or F)"),
        field("visit_date", "visit", "text", "Date of the visit", validation="date_ymd"),
    ] + outcome_fields("visit"))


if __name__ == "__main__":
    main()
