"""docs/proofs.ipynb, a notebook of proofs, executed: every code cell's output is what the code
gives now, the rendered proof included (text/markdown and text/latex, as Jupyter shows them).

No kernel is needed: the cells run in one namespace here, the last line of each evaluated
as Jupyter evaluates it. `SIGMOID_UPDATE_SNAPSHOTS=1 python -m pytest tests/test_notebook.py`
writes the outputs into the notebook after a deliberate change."""

from __future__ import annotations

import ast
import json
import os
from pathlib import Path
from typing import Any

NOTEBOOK = Path(__file__).resolve().parent.parent / "docs" / "proofs.ipynb"


def _lines(text: str) -> list[str]:
    """A multi-line string as nbformat stores it: lines that keep their newline."""
    return text.splitlines(keepends=True)


def _run(source: str, namespace: dict[str, Any]) -> Any:
    """The cell's code, its last expression's value returned (None when it ends in a statement)."""
    tree = ast.parse(source)
    last = tree.body[-1] if tree.body and isinstance(tree.body[-1], ast.Expr) else None
    body = tree.body[:-1] if last is not None else tree.body
    exec(compile(ast.Module(body=body, type_ignores=[]), "<cell>", "exec"), namespace)  # noqa: S102
    if last is None:
        return None
    return eval(compile(ast.Expression(last.value), "<cell>", "eval"), namespace)  # noqa: S307


def _outputs(value: Any, count: int) -> list[dict[str, Any]]:
    if value is None:
        return []
    data = {"text/plain": _lines(repr(value))}
    for method, mime in (("_repr_markdown_", "text/markdown"), ("_repr_latex_", "text/latex")):
        if hasattr(value, method):
            data[mime] = _lines(getattr(value, method)())
    return [{"output_type": "execute_result", "execution_count": count, "metadata": {}, "data": data}]


def test_the_notebook_shows_what_the_code_gives() -> None:
    notebook = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    namespace: dict[str, Any] = {}
    count = 0
    for cell in notebook["cells"]:
        if cell["cell_type"] != "code":
            continue
        count += 1
        outputs = _outputs(_run("".join(cell["source"]), namespace), count)
        if os.environ.get("SIGMOID_UPDATE_SNAPSHOTS") == "1":
            cell["outputs"], cell["execution_count"] = outputs, count
        else:
            assert cell["outputs"] == outputs, "".join(cell["source"])
    if os.environ.get("SIGMOID_UPDATE_SNAPSHOTS") == "1":
        NOTEBOOK.write_text(json.dumps(notebook, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    proof_outputs = notebook["cells"][1]["outputs"][0]["data"]
    assert "text/markdown" in proof_outputs and "\\begin{aligned}" in "".join(proof_outputs["text/latex"])
