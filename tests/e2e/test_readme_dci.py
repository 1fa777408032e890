"""The README's DCI search works as written, after its walk-through, against a
real gunicorn."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from tests.e2e.test_readme import ROOT, walkthrough


def dci_block() -> str:
    readme = (ROOT / "README.md").read_text()
    block = re.search(r"<!-- dci -->\n```sh\n(.*?)```\n<!-- /dci -->", readme, re.S)
    assert block, "the README lost its DCI block"
    return block.group(1)


def test_the_readme_dci_search_finds_the_family_the_walkthrough_determined(server):
    env = {
        **os.environ,
        "API": f"{server.base}/api/v1",
        "DCI": f"{server.base}/dci",
        "DTKS": str(Path(sys.executable).with_name("dtks")),
        "DTKS_DATABASE_URL": server.store_url,
    }
    done = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", walkthrough() + dci_block()],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr + done.stdout
    assert done.stdout.split() == ["1", "determined", "3"]
