"""Executes every notebook in this folder headless and fails if a cell fails.

Also checks that the committed notebooks carry no outputs (they are stored stripped, so a diff shows
only code and text). Used by `make test`; needs the packages in requirements.txt and a built
`walkstats` (set WALKSTATS_BIN to its path).
"""
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

here = Path(__file__).resolve().parent
failures = []
for path in sorted(here.glob("*.ipynb")):
    notebook = nbformat.read(path, as_version=4)
    stored = [cell for cell in notebook.cells if cell.cell_type == "code" and (cell.outputs or cell.execution_count)]
    if stored:
        failures.append(f"{path.name}: {len(stored)} code cells are stored with outputs; strip them before committing")
        continue
    try:
        NotebookClient(notebook, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(here)}}).execute()
        print(f"{path.name}: every cell ran")
    except Exception as error:  # nbclient raises CellExecutionError with the failing cell and traceback
        failures.append(f"{path.name}: {error}")
for failure in failures:
    print(failure, file=sys.stderr)
sys.exit(1 if failures else 0)
