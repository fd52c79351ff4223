"""R-MONEY-1 across languages: the Python example and the Rust example simulate the same day
(``examples/python/front_desk.py`` is a port of ``examples/front_desk.rs``) and must print the
same end-of-day summary, byte for byte, except the line naming the SQLite file."""

from __future__ import annotations

import difflib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
PY_EXAMPLE = ROOT / "examples" / "python" / "front_desk.py"
RUST_EXAMPLE = ROOT / "examples" / "front_desk.rs"

#: A cold `cargo build` of the example may take a while on CI.
CARGO_TIMEOUT_S = 1800
PYTHON_TIMEOUT_S = 300


def _summary(stdout: bytes) -> list[str]:
    """The printed summary as lines, with the ``file:`` line (the only one that names the
    path) blanked."""
    lines = stdout.decode("utf-8").split("\n")
    return ["file: <path>" if line.startswith("file: ") else line for line in lines]


def _run(cmd: list[str], timeout: int) -> bytes:
    env = dict(os.environ)
    env.pop("BACKSPACE_EXAMPLE_DB", None)
    env["PYTHONIOENCODING"] = "utf-8"
    done = subprocess.run(
        cmd, cwd=ROOT, env=env, capture_output=True, timeout=timeout, check=False
    )
    assert done.returncode == 0, (
        f"{' '.join(cmd)} exited with {done.returncode}\n"
        f"stderr:\n{done.stderr.decode('utf-8', 'replace')}"
    )
    return done.stdout


@pytest.mark.skipif(
    shutil.which("cargo") is None,
    reason="cargo is not on PATH: the Rust example cannot be run to compare against",
)
def test_r_money_1_python_and_rust_compute_the_same_day(tmp_path: Path) -> None:
    assert RUST_EXAMPLE.is_file() and PY_EXAMPLE.is_file()
    cargo = shutil.which("cargo")
    assert cargo is not None
    rust_db = tmp_path / "rust.sqlite"
    py_db = tmp_path / "python.sqlite"

    rust = _summary(
        _run([cargo, "run", "-q", "--example", "front_desk", "--", str(rust_db)], CARGO_TIMEOUT_S)
    )
    python = _summary(_run([sys.executable, str(PY_EXAMPLE), str(py_db)], PYTHON_TIMEOUT_S))

    assert rust_db.is_file() and py_db.is_file()
    assert "file: <path>" in rust, "the Rust example no longer prints its file: line"
    assert len(rust) > 40, "the Rust summary is suspiciously short:\n" + "\n".join(rust)
    diff = "\n".join(
        difflib.unified_diff(
            rust, python, "examples/front_desk.rs", "examples/python/front_desk.py", lineterm=""
        )
    )
    assert python == rust, "the two examples printed different days:\n" + diff
