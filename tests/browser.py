"""Headless Chromium driven over the DevTools protocol, for the HTML report's tests.

Starts Debian's `chromium` with no network (every host name resolves to nothing, and a proxy that
does not exist), opens a page at a given width, and reports what the page did: its console errors
and exceptions, every request it made besides loading itself, the elements that stick out of the
viewport, and a full-page screenshot. `available()` is False when Chromium is not installed.
"""

from __future__ import annotations

import base64
import itertools
import json
import os
import shutil
import subprocess
import tempfile
import time
from contextlib import ExitStack
from dataclasses import dataclass, field
from typing import Any

CHROMIUM = ("chromium", "chromium-browser")

# Elements whose right or left edge leaves the viewport, or whose text sticks out of them; inside a scroll container (.scroll, .chart)
# an element may be wider than the screen, the container itself may not.
OVERFLOW_SCRIPT = """(() => {
  const width = document.documentElement.clientWidth, found = [];
  for (const el of document.querySelectorAll('body *')) {
    const box = el.parentElement && el.parentElement.closest('.scroll, .chart');
    if (box) continue;
    const r = el.getBoundingClientRect();
    const name = el.tagName + '.' + (el.getAttribute('class') || '');
    if (r.width > 0 && (r.right > width + 0.5 || r.left < -0.5)) found.push(name + ' right=' + Math.round(r.right));
    else if (el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0 && getComputedStyle(el).overflowX === 'visible')
      found.push(name + ' holds content ' + el.scrollWidth + ' wide in ' + el.clientWidth);  // text sticking out
  }
  return JSON.stringify({width, scrollWidth: document.documentElement.scrollWidth, found: found.slice(0, 20)});
})()"""


def executable() -> str | None:
    for name in CHROMIUM:
        path = shutil.which(name)
        if path:
            return path
    return None


def available() -> bool:
    if executable() is None:
        return False
    try:
        import websockets.sync.client  # noqa: F401
    except ImportError:
        return False
    return True


def _words(path: str) -> list[str]:
    try:
        with open(path, encoding="utf-8") as handle:
            return handle.read().split()
    except FileNotFoundError:
        return []


@dataclass
class PageReport:
    console_errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    overflow: dict[str, Any] = field(default_factory=dict)
    screenshot: bytes = b""
    value: Any = None  # what the `expression` given to `visit` evaluated to


class Browser:
    """One Chromium process; `visit` opens each page in a fresh tab."""

    def __init__(self) -> None:
        from websockets.sync.client import connect

        path = executable()
        assert path is not None
        self._profile = tempfile.TemporaryDirectory(prefix="electcli-chromium-")
        self._process = subprocess.Popen(
            [
                path,
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--hide-scrollbars",
                "--no-first-run",
                "--disable-extensions",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--remote-debugging-port=0",
                f"--user-data-dir={self._profile.name}",
                # Nothing can reach a network: no name resolves and every proxied request fails.
                "--host-resolver-rules=MAP * ~NOTFOUND",
                "--proxy-server=http://127.0.0.1:9",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        # Chromium writes the port it chose, and the browser's path, to DevToolsActivePort.
        active = os.path.join(self._profile.name, "DevToolsActivePort")
        deadline = time.monotonic() + 30
        while len(_words(active)) < 2:
            if time.monotonic() > deadline or self._process.poll() is not None:
                self.close()
                raise RuntimeError("Chromium did not start its DevTools endpoint")
            time.sleep(0.05)
        port, endpoint = _words(active)[:2]
        url = f"ws://127.0.0.1:{port}{endpoint}"
        self._connection = ExitStack()
        self._socket = self._connection.enter_context(connect(url, max_size=None, open_timeout=30))
        self._ids = itertools.count(1)

    def _send(self, method: str, params: dict[str, Any] | None = None, session: str | None = None) -> dict[str, Any]:
        """Send a command and wait for its answer, keeping the events that arrive meanwhile."""
        number = next(self._ids)
        message: dict[str, Any] = {"id": number, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        self._socket.send(json.dumps(message))
        while True:
            reply = json.loads(self._socket.recv(timeout=60))
            if reply.get("id") == number:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return dict(reply.get("result", {}))
            self._events.append(reply)

    def _wait_for(self, method: str, timeout: float = 60) -> None:
        while not any(event.get("method") == method for event in self._events):
            self._events.append(json.loads(self._socket.recv(timeout=timeout)))

    def visit(self, path: str, width: int, expression: str | None = None, media: str = "screen") -> PageReport:
        self._events: list[dict[str, Any]] = []
        target = self._send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self._send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Page", "Network", "Runtime", "Log"):
            self._send(f"{domain}.enable", session=session)
        metrics = {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": width < 600}
        self._send("Emulation.setDeviceMetricsOverride", metrics, session)
        self._send("Emulation.setEmulatedMedia", {"media": media}, session)
        url = "file://" + os.path.abspath(path)
        self._events = []
        self._send("Page.navigate", {"url": url}, session)
        self._wait_for("Page.loadEventFired")
        report = PageReport()
        value = self._send("Runtime.evaluate", {"expression": OVERFLOW_SCRIPT, "returnByValue": True}, session)
        report.overflow = json.loads(value["result"]["value"])
        if expression is not None:
            report.value = self._send("Runtime.evaluate", {"expression": expression, "returnByValue": True}, session)[
                "result"
            ].get("value")
        height = self._send(
            "Runtime.evaluate", {"expression": "document.documentElement.scrollHeight", "returnByValue": True}, session
        )["result"]["value"]
        self._send("Emulation.setDeviceMetricsOverride", metrics | {"height": min(int(height), 16000)}, session)
        shot = self._send("Page.captureScreenshot", {"format": "png"}, session)
        report.screenshot = base64.b64decode(shot["data"])
        for event in self._events:
            method, params = event.get("method"), event.get("params", {})
            if method == "Network.requestWillBeSent" and params["request"]["url"] != url:
                report.requests.append(params["request"]["url"])
            elif method == "Runtime.exceptionThrown":
                report.console_errors.append(json.dumps(params["exceptionDetails"])[:300])
            elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
                report.console_errors.append(json.dumps(params.get("args"))[:300])
            elif method == "Log.entryAdded" and params["entry"].get("level") == "error":
                report.console_errors.append(params["entry"].get("text", "")[:300])
        self._send("Target.closeTarget", {"targetId": target})
        return report

    def close(self) -> None:
        if getattr(self, "_connection", None) is not None:
            self._connection.close()
        self._process.terminate()
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        self._profile.cleanup()
