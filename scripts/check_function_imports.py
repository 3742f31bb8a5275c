"""Refuse project imports inside functions, outside an explicit allow-list (run by .ci/run).

An `import dialogportal…`, `from dialogportal… import …` or a relative import inside a function
or method body usually hides an import cycle or a layer crossed the wrong way; the BRIEF says no
lazy imports to dodge cycles. Imports of other libraries inside functions are not checked: a
heavy optional library (WeasyPrint, openpyxl, python-docx) loaded on first use is fine.

Each allowed place is one line of `scripts/function_imports_allowed.txt`:

    dialogportal/app/module.py::Class.method | why the import has to be inside the function

A line without a reason is refused, and so is a line whose function no longer imports the project
lazily, so the list can only shrink.
"""

import ast
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = "dialogportal"
ALLOW_LIST = Path(__file__).resolve().parent / "function_imports_allowed.txt"


@dataclass(frozen=True)
class FunctionImport:
    path: str  # relative to the root, with forward slashes
    function: str  # qualified name inside the module: "Class.method", "outer.inner"
    line: int
    module: str  # as written: "dialogportal.inputs.models", ".models"

    @property
    def key(self) -> str:
        return f"{self.path}::{self.function}"


def _project_modules(node: ast.Import | ast.ImportFrom, package: str) -> list[str]:
    if isinstance(node, ast.ImportFrom):
        module = "." * node.level + (node.module or "")
        is_project = node.level > 0 or module == package or module.startswith(f"{package}.")
        return [module] if is_project else []
    return [
        alias.name
        for alias in node.names
        if alias.name == package or alias.name.startswith(f"{package}.")
    ]


class _Finder(ast.NodeVisitor):
    def __init__(self, path: str, package: str) -> None:
        self.path = path
        self.package = package
        self.scope: list[str] = []
        self.functions = 0  # how many of the enclosing scopes are functions
        self.found: list[FunctionImport] = []

    def _enter(self, node: ast.AST, name: str, *, is_function: bool) -> None:
        self.scope.append(name)
        self.functions += is_function
        self.generic_visit(node)
        self.functions -= is_function
        self.scope.pop()

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        self._enter(node, node.name, is_function=False)

    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        self._enter(node, node.name, is_function=True)

    def visit_AsyncFunctionDef(self, node: ast.AsyncFunctionDef) -> None:
        self._enter(node, node.name, is_function=True)

    def _check(self, node: ast.Import | ast.ImportFrom) -> None:
        if not self.functions:
            return
        for module in _project_modules(node, self.package):
            self.found.append(FunctionImport(self.path, ".".join(self.scope), node.lineno, module))

    def visit_Import(self, node: ast.Import) -> None:
        self._check(node)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        self._check(node)


def find_function_imports(root: Path, package: str = PACKAGE) -> list[FunctionImport]:
    """Every project import inside a function body in `root/package`, in file order."""
    found: list[FunctionImport] = []
    for path in sorted((root / package).rglob("*.py")):
        relative = path.relative_to(root).as_posix()
        finder = _Finder(relative, package)
        finder.visit(ast.parse(path.read_text(encoding="utf-8"), filename=relative))
        found.extend(finder.found)
    return found


def read_allow_list(text: str) -> tuple[dict[str, str], list[str]]:
    """The allowed `path::function` keys with their reasons, and the lines that are malformed."""
    allowed: dict[str, str] = {}
    bad: list[str] = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        key, _, reason = (part.strip() for part in line.partition("|"))
        if "::" not in key or not reason:
            bad.append(line)
            continue
        allowed[key] = reason
    return allowed, bad


def check(root: Path, allow_list_text: str, package: str = PACKAGE) -> list[str]:
    """The problems to report; empty when the tree and the allow-list agree."""
    allowed, bad = read_allow_list(allow_list_text)
    problems = [f"allow-list line needs `path::function | reason`: {line}" for line in bad]
    found = find_function_imports(root, package)
    for item in found:
        if item.key not in allowed:
            problems.append(
                f"{item.path}:{item.line}: `{item.module}` imported inside {item.function}(); "
                "import it at the top of the module, or list it with a reason in "
                "scripts/function_imports_allowed.txt"
            )
    used = {item.key for item in found}
    problems += [
        f"allow-list entry no longer needed, remove it: {key}" for key in allowed if key not in used
    ]
    return problems


def main() -> int:
    problems = check(ROOT, ALLOW_LIST.read_text(encoding="utf-8"))
    for problem in problems:
        print(problem)
    if problems:
        return 1
    allowed, _ = read_allow_list(ALLOW_LIST.read_text(encoding="utf-8"))
    print(f"{len(allowed)} functions may import the project lazily, each with a reason.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
