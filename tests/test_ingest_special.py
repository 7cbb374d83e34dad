"""FIFOs, devices and sockets are refused by name without being opened, and the inputs after them read (issue 21)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from communique.errors import SpecialFileError
from communique.ingest import read_inputs
from communique.records import Article

ROOT = Path(__file__).resolve().parent.parent
TEXT = "Kenya accused Somalia of meddling in its elections on Monday, officials said.\n"

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")


def test_a_fifo_a_device_and_a_socket_are_refused_and_the_next_file_read(tmp_path):
    os.mkfifo(tmp_path / "a-pipe.txt")  # no writer: opening it would block
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(tmp_path / "b-socket"))
        (tmp_path / "c.txt").write_text(TEXT, encoding="utf-8")
        items = list(read_inputs([str(tmp_path), "/dev/null"]))
    errors = [(Path(i.source).name, i.message) for i in items if isinstance(i, SpecialFileError)]
    assert errors == [("a-pipe.txt", "not a regular file (FIFO)"), ("b-socket", "not a regular file (socket)"),
                      ("null", "not a regular file (character device)")]
    assert [Path(i.source).name for i in items if isinstance(i, Article)] == ["c.txt"]


@pytest.mark.model
def test_extract_given_a_fifo_with_no_writer_finishes_with_exit_1_and_the_other_record(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "story.txt").write_text(TEXT, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    proc = subprocess.run(
        [sys.executable, "-c", "from communique.cli import main; main()", "extract", str(tmp_path / "pipe.txt"),
         str(tmp_path / "story.txt"), "--format", "jsonl"],
        capture_output=True, text=True, env=env, timeout=120)
    assert proc.returncode == 1
    assert f"{tmp_path / 'pipe.txt'}: not a regular file (FIFO)" in proc.stderr
    assert proc.stdout.count("\n") == 1 and "story.txt" in proc.stdout
