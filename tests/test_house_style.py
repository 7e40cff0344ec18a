"""House style that ruff does not check (issue 19): small modules and short functions in
``generator/``, and ``render/`` pure (no cache, pool, gc or fork)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

GENERATOR = Path(__file__).resolve().parents[1] / "generator"
MODULES = sorted(GENERATOR.rglob("*.py"))
MAX_LINES = 400
MAX_FUNCTION = 60


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(GENERATOR)))
def test_module_is_small_and_its_functions_short(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count("\n") <= MAX_LINES, f"{path.name}: {text.count(chr(10))} lines > {MAX_LINES}"
    long = [
        f"{node.name} ({node.end_lineno - node.lineno + 1} lines)"
        for node in ast.walk(ast.parse(text))
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.end_lineno - node.lineno + 1 > MAX_FUNCTION
    ]
    assert not long, f"{path.name}: functions over {MAX_FUNCTION} lines: {long}"


def test_render_imports_no_cache_pool_gc_or_fork() -> None:
    banned = {"gc", "multiprocessing", "concurrent", "os"}
    found = []
    for path in sorted((GENERATOR / "render").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            found += [f"{path.name}: {n}" for n in names if n.split(".")[0] in banned or "incremental" in n or n.endswith("parallel")]
    assert not found, found
