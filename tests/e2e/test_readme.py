"""The README's curl walk-through works as written, against a real gunicorn."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def walkthrough() -> str:
    readme = (ROOT / "README.md").read_text()
    block = re.search(
        r"<!-- walkthrough -->\n```sh\n(.*?)```\n<!-- /walkthrough -->", readme, re.S
    )
    assert block, "the README lost its walk-through block"
    return block.group(1)


def test_the_readme_walkthrough_determines_the_family(server):
    dtks = Path(sys.executable).with_name("dtks")
    env = {
        **os.environ,
        "API": f"{server.base}/api/v1",
        "DTKS": str(dtks),
        "DTKS_DATABASE_URL": server.store_url,
    }
    done = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", walkthrough()],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr + done.stdout
    assert done.stdout.split() == ["1", "determined"]
