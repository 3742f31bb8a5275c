"""Keep the complexity exceptions shrinking (run by .ci/run).

pyproject.toml lists the files allowed functions above ruff's `max-complexity` (C901 in
`[tool.ruff.lint.per-file-ignores]`). ruff itself refuses a new complex function anywhere else;
this check refuses an exception that is no longer needed, so a file leaves the list once its
functions are split, and the list can only get shorter.
"""

import json
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    lint = config["tool"]["ruff"]["lint"]
    listed = sorted(path for path, rules in lint["per-file-ignores"].items() if "C901" in rules)
    globbed = [path for path in listed if "*" in path]
    if globbed:
        print(f"C901 exceptions must name single files, not patterns: {', '.join(globbed)}")
        return 1
    result = subprocess.run(
        [
            sys.executable, "-m", "ruff", "check", "--isolated", "--select", "C901",
            "--config", f"lint.mccabe.max-complexity={lint['mccabe']['max-complexity']}",
            "--output-format", "json", "--exit-zero", *listed,
        ],
        cwd=ROOT, capture_output=True, text=True, check=True,
    )  # fmt: skip
    complex_files = {
        str(Path(finding["filename"]).resolve().relative_to(ROOT))
        for finding in json.loads(result.stdout)
    }
    stale = [path for path in listed if path not in complex_files]
    if stale:
        print("These files no longer need their C901 exception; remove them from pyproject.toml:")
        for path in stale:
            print(f"  {path}")
        return 1
    print(f"{len(listed)} complexity exceptions, each still needed (the list may only shrink).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
