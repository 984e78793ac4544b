"""Executes every notebook in this folder headless and checks its outputs against the committed ones.

Notebooks are committed WITH their outputs, so a student sees the results without running anything and a
diff shows what a change of WalkStats changed. This script (used by `make notebooks`, part of `make test`)
re-executes each notebook in a fresh kernel, normalises the outputs and fails, showing a unified diff, when
any output differs from the committed one or a cell fails.

    python notebooks/run_notebooks.py            check (the default)
    python notebooks/run_notebooks.py --record   rewrite the committed outputs (`make notebooks-record`)

Normalisation keeps the committed files byte-stable between runs and machines: the repository's absolute
path becomes `<repo>`, temporary folders `<tmp>`, execution counts are 1, 2, 3… in cell order, no timing
metadata is kept, consecutive stream outputs are merged (the kernel may split them differently), and the
notebook metadata stays as committed. Needs the packages in requirements.txt and a built `walkstats`
(set WALKSTATS_BIN to its path).
"""
import copy
import difflib
import json
import re
import sys
import tempfile
from pathlib import Path

import nbformat
from nbclient import NotebookClient

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
# Absolute paths that must never be committed: the checkout, and temporary folders.
TEMP_ROOTS = sorted({tempfile.gettempdir(), "/tmp", "/var/folders", "/private/var/folders"}, key=len, reverse=True)
TEMP_PATTERN = re.compile("(" + "|".join(re.escape(root) for root in TEMP_ROOTS) + r")/[^\s'\"<>),\]]*")


def normalise_text(text):
    """The text with the checkout's absolute path as `<repo>` and temporary paths as `<tmp>`."""
    text = text.replace(str(ROOT), "<repo>")
    return TEMP_PATTERN.sub("<tmp>", text)


def normalise_value(value):
    """A JSON value (string, list of strings, dict) with every string normalised."""
    if isinstance(value, str):
        return normalise_text(value)
    if isinstance(value, list):
        return [normalise_value(item) for item in value]
    if isinstance(value, dict):
        return {key: normalise_value(item) for key, item in value.items()}
    return value


def normalise_outputs(outputs):
    """Outputs with paths normalised, execution counts dropped from results and adjacent streams merged."""
    merged = []
    for output in outputs:
        output = normalise_value(copy.deepcopy(dict(output)))
        if output.get("output_type") == "stream":
            output["text"] = "".join(output["text"]) if isinstance(output["text"], list) else output["text"]
            if merged and merged[-1].get("output_type") == "stream" and merged[-1]["name"] == output["name"]:
                merged[-1]["text"] += output["text"]
                continue
        if output.get("output_type") == "execute_result":
            output["execution_count"] = None  # set from the cell below
        output.get("metadata", {}).pop("execution", None)
        merged.append(output)
    return merged


def normalised(notebook, metadata):
    """The executed `notebook` in its committed form: normalised outputs, counts 1, 2, 3…, `metadata` kept."""
    result = copy.deepcopy(notebook)
    result.metadata = copy.deepcopy(metadata)
    count = 0
    for cell in result.cells:
        cell.metadata.pop("execution", None)
        if cell.cell_type != "code":
            continue
        count += 1
        cell.execution_count = count
        cell.outputs = [nbformat.from_dict(output) for output in normalise_outputs(cell.outputs)]
        for output in cell.outputs:
            if output.output_type == "execute_result":
                output.execution_count = count
    return result


def cell_json(cell):
    """The outputs of a code cell exactly, as compared."""
    return json.dumps(cell.get("outputs", []), indent=1, sort_keys=True, ensure_ascii=False)


def cell_text(cell):
    """The outputs of a code cell as readable lines for the diff: a header per output, then its text."""
    def text(value):
        return "".join(value) if isinstance(value, list) else value if isinstance(value, str) else json.dumps(value)
    lines = []
    for output in cell.get("outputs", []):
        kind = output.get("output_type")
        if kind == "stream":
            lines.append(f"[{output.get('name')}]")
            lines += text(output.get("text", "")).splitlines()
        elif kind == "error":
            lines.append(f"[error] {output.get('ename')}: {output.get('evalue')}")
            lines += [line for entry in output.get("traceback", []) for line in entry.splitlines()]
        else:
            for mime, value in sorted(output.get("data", {}).items()):
                lines.append(f"[{kind} {mime}]")
                lines += text(value).splitlines()
    return lines


def committed_problems(path, text):
    """Absolute paths or timing left in a committed notebook's text."""
    problems = []
    if str(ROOT) in text:
        problems.append(f"{path.name}: contains the absolute path {ROOT}")
    if TEMP_PATTERN.search(text):
        problems.append(f"{path.name}: contains a temporary path ({TEMP_PATTERN.search(text).group(0)})")
    if '"execution":' in text:
        problems.append(f"{path.name}: contains execution timing metadata")
    return problems


def run(path, record):
    """Executes the notebook at `path`; returns the problems found (empty when its outputs match)."""
    text = path.read_text(encoding="utf-8")
    committed = nbformat.reads(text, as_version=4)
    fresh = copy.deepcopy(committed)
    for cell in fresh.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    try:
        NotebookClient(fresh, timeout=300, kernel_name="python3", record_timing=False,
                       resources={"metadata": {"path": str(HERE)}}).execute()
    except Exception as error:  # nbclient raises CellExecutionError with the failing cell and traceback
        return [f"{path.name}: {error}"]
    result = normalised(fresh, committed.metadata)
    if record:
        path.write_text(nbformat.writes(result) + "\n", encoding="utf-8")
        print(f"{path.name}: outputs recorded")
        return committed_problems(path, path.read_text(encoding="utf-8"))
    problems = committed_problems(path, text)
    for index, (old, new) in enumerate(zip(committed.cells, result.cells)):
        if new.cell_type != "code":
            continue
        if cell_json(old) != cell_json(new) or old.get("execution_count") != new.execution_count:
            old_lines, new_lines = cell_text(old), cell_text(new)
            if old_lines == new_lines:  # the difference is in the structure: show it exactly
                old_lines, new_lines = cell_json(old).splitlines(), cell_json(new).splitlines()
            diff = "\n".join(difflib.unified_diff(old_lines, new_lines, f"{path.name} cell {index} (committed)",
                                                  f"{path.name} cell {index} (now)", lineterm="", n=2))
            problems.append(f"{path.name}: cell {index} output differs from the committed one"
                            + (f" (execution count {old.get('execution_count')} → {new.execution_count})" if not diff else "")
                            + ("\n" + diff if diff else ""))
    if not problems:
        print(f"{path.name}: every cell ran and every output matches the committed one")
    return problems


def main():
    record = "--record" in sys.argv[1:]
    failures = []
    for path in sorted(HERE.glob("*.ipynb")):
        failures += run(path, record)
    for failure in failures:
        print(failure, file=sys.stderr)
    if failures and not record:
        print("\nIf the change is intended, run 'make notebooks-record' and commit the notebooks.", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
