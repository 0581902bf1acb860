"""The explorer notebook as an analyst uses it: JupyterLab in a browser, Run All, change a filter.

JupyterLab serves a copy of notebooks/ on a loopback port; Playwright drives Debian's Chromium
(/usr/bin/chromium, which `.ci/run` installs: Playwright cannot download a browser of its own here).
The test skips when that browser is absent. Set HKANALYSIS_SCREENSHOT to a path to keep the
screenshot there too (docs/explorer.png, shown in the README, is made that way).
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from conftest import CHROMIUM, CHROMIUM_ARGS

from hkanalysis import paths

NOTEBOOKS = paths.PROJECT_ROOT / "notebooks"
EXPLORER = "notebooks/00_explore.ipynb"
# JupyterLab's own settings, so that it fetches nothing and keeps every cell in the page.
LAB_SETTINGS = {
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": (
        '{"fetchNews": "false", "checkForUpdates": false}'
    ),
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": '{"windowingMode": "none"}',
}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def jupyterlab(tmp_path) -> Iterator[str]:
    """The explorer notebook's URL, token included, in a JupyterLab server over a copy of notebooks/."""
    with running_jupyterlab(NOTEBOOKS, tmp_path) as url:
        yield url


@contextmanager
def running_jupyterlab(notebooks: Path, tmp_path: Path) -> Iterator[str]:
    """Start JupyterLab on a free loopback port over a copy of `notebooks`, with its config, kernels'
    IPython and the loader's cache all under `tmp_path`; yield the explorer's URL; stop it."""
    root = tmp_path / "lab"
    # A copy, so that JupyterLab's autosave never writes outputs into the committed notebooks.
    shutil.copytree(notebooks, root / "notebooks", ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    jupyter = tmp_path / "jupyter"
    for name, text in LAB_SETTINGS.items():
        (jupyter / "config/lab/user-settings" / name).parent.mkdir(parents=True, exist_ok=True)
        (jupyter / "config/lab/user-settings" / name).write_text(text)
    env = {
        **os.environ,
        # the venv's kernelspec says plain "python": it must be the venv's
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "HKANALYSIS_CACHE": str(tmp_path / "cache"),
        "JUPYTER_CONFIG_DIR": str(jupyter / "config"),
        "JUPYTER_DATA_DIR": str(jupyter / "data"),
        "JUPYTER_RUNTIME_DIR": str(jupyter / "runtime"),
        "IPYTHONDIR": str(jupyter / "ipython"),
    }
    token, port = secrets.token_hex(16), free_port()
    log = (tmp_path / "jupyterlab.log").open("w")
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "jupyterlab",
            "--no-browser",
            "--allow-root",  # CI runs as root
            "--ServerApp.ip=127.0.0.1",
            f"--ServerApp.port={port}",
            "--ServerApp.port_retries=0",
            f"--IdentityProvider.token={token}",
            f"--ServerApp.root_dir={root}",
            "--LabApp.news_url=None",
            "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
            "--LabApp.extension_manager=readonly",
        ],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if server.poll() is not None:
                pytest.fail(
                    f"JupyterLab exited with {server.returncode}:\n{(tmp_path / 'jupyterlab.log').read_text()[-3000:]}"
                )
            try:
                with urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2) as answer:
                    if answer.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"JupyterLab did not answer in 60 s:\n{(tmp_path / 'jupyterlab.log').read_text()[-3000:]}")
            time.sleep(0.5)
        yield f"{base}/lab/tree/{EXPLORER}?token={token}"
    finally:
        # SIGTERM lets the server shut its kernels down; they run in sessions of their own.
        try:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=20)
        except ProcessLookupError:
            pass
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
        log.close()


def shown(image) -> dict:
    """An <img> once the browser has drawn it: its src and what it looks like on screen (PNG bytes)."""
    image.page.wait_for_function("image => image.complete && image.naturalWidth > 0", arg=image.element_handle())
    return {"src": image.get_attribute("src"), "pixels": image.screenshot()}


@pytest.mark.slow
@pytest.mark.skipif(not CHROMIUM.exists(), reason=f"needs Debian's Chromium at {CHROMIUM} (apt-get install chromium)")
def test_explorer_in_jupyterlab(jupyterlab, tmp_path):
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch_persistent_context(
            tmp_path / "chromium",
            executable_path=CHROMIUM,
            headless=True,
            args=CHROMIUM_ARGS,
            viewport={"width": 1600, "height": 1000},
        )
        try:
            page = browser.new_page()
            page.set_default_timeout(30_000)
            page.goto(jupyterlab)

            # Should JupyterLab ask which kernel to use, take the default (Python 3).
            page.add_locator_handler(
                page.locator(".jp-Dialog", has_text="Select Kernel"),
                lambda dialog: dialog.locator(".jp-mod-accept").click(),
            )
            # The notebook is open and its kernel has started: the status bar names it and says Idle.
            page.locator(".jp-NotebookPanel .jp-Cell").first.wait_for()
            kernel_idle = page.locator(".jp-StatusBar-TextItem", has_text=re.compile(r"^(?!No Kernel).* \| Idle$"))
            expect(kernel_idle).to_be_visible(timeout=60_000)

            page.locator("#jp-MainMenu .lm-MenuBar-itemLabel", has_text=re.compile(r"^Run$")).click()
            page.locator(".lm-Menu .lm-Menu-itemLabel", has_text=re.compile(r"^Run All Cells$")).click()

            explorer = page.locator(".hk-explorer")
            expect(explorer).to_be_visible(timeout=90_000)
            status = explorer.locator(".hk-status")
            expect(status).to_have_text(re.compile(r"\d+ articles? \(\d+ stor(y|ies)\) selected"))
            tracebacks = page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.error']")
            expect(tracebacks).to_have_count(0)

            # A search term fills the keyword-in-context table.
            search = explorer.locator(".hk-search input")
            search.fill("Hong Kong")
            search.press("Enter")
            kwic = explorer.locator(".hk-kwic")
            expect(kwic).to_contain_text("Hong Kong")
            trend = explorer.locator(".hk-trend img, img.hk-trend")
            before = {"status": status.text_content(), "trend": shown(trend), "kwic": kwic.text_content()}

            # One outlet instead of all: the selection, the chart and the table follow.
            outlet = explorer.locator(".hk-outlet select")
            # ipywidgets writes the labels' spaces as no-break spaces
            choices = [text.replace("\xa0", " ").strip() for text in outlet.locator("option").all_inner_texts()]
            assert choices[0] == "All outlets" and len(choices) > 1, choices
            outlet.select_option(index=choices.index("Bloomberg") if "Bloomberg" in choices else 1)
            expect(status).not_to_have_text(before["status"], timeout=60_000)
            expect(trend).not_to_have_attribute("src", before["trend"]["src"], timeout=60_000)
            assert shown(trend)["pixels"] != before["trend"]["pixels"], "the trend chart looks the same"
            expect(kwic).not_to_have_text(before["kwic"])
            expect(tracebacks).to_have_count(0)

            # Back to all outlets: the same selection and table as before.
            outlet.select_option(index=0)
            expect(status).to_have_text(before["status"], timeout=60_000)
            expect(kwic).to_have_text(before["kwic"])

            # The picture for the README: the explorer in full view, the file browser folded away.
            page.locator(".jp-SideBar.jp-mod-left .lm-TabBar-tab.lm-mod-current").click()
            explorer.evaluate("element => element.scrollIntoView({block: 'start'})")
            page.wait_for_timeout(500)
            screenshot = tmp_path / "explorer.png"
            page.screenshot(path=screenshot)
            print(f"screenshot: {screenshot}")
            if os.environ.get("HKANALYSIS_SCREENSHOT"):
                keep = Path(os.environ["HKANALYSIS_SCREENSHOT"])
                keep.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(screenshot, keep)
        finally:
            browser.close()
