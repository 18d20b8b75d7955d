"""``serve``: build, serve the site on 127.0.0.1, rebuild when content or
templates change, and reload open pages. A failed rebuild keeps the last good
site, prints the problems and shows them as a banner on the page."""
from __future__ import annotations

import gc
import http.server
import io
import json
import queue
import threading
from pathlib import Path
from urllib.parse import unquote, urlsplit

STATUS_PATH = "/__quotetrail/status"
SCRIPT_PATH = "/__quotetrail/livereload.js"
_SCRIPT_TAG = f'<script src="{SCRIPT_PATH}"></script>'.encode()
IDLE_STEP_WAIT = 0.1  # seconds without a change before each idle step
REBUILD = "rebuild"  # what an idle step returns when it found a change the watcher did not report

LIVERELOAD_JS = """\
// quotetrail serve: reload when the site is rebuilt; show build errors.
(function () {
  var seen = null;
  function banner(text) {
    var el = document.getElementById("quotetrail-build-error");
    if (!text) { if (el) { el.remove(); } return; }
    if (!el) {
      el = document.createElement("pre");
      el.id = "quotetrail-build-error";
      el.setAttribute("role", "alert");
      var s = el.style;
      s.position = "fixed"; s.left = "0"; s.right = "0"; s.bottom = "0"; s.margin = "0"; s.zIndex = "1000";
      s.maxHeight = "40vh"; s.overflow = "auto"; s.padding = "1rem"; s.whiteSpace = "pre-wrap";
      s.background = "#7a1010"; s.color = "#fff"; s.font = "0.9rem/1.4 monospace";
      document.body.appendChild(el);
    }
    el.textContent = "Build failed — showing the last good site.\\n\\n" + text;
  }
  function poll() {
    fetch("%s", {cache: "no-store"}).then(function (r) { return r.json(); }).then(function (status) {
      if (seen !== null && status.version !== seen && !status.error) { window.location.reload(); return; }
      seen = status.version;
      banner(status.error);
    }).catch(function () {}).finally(function () { setTimeout(poll, 500); });
  }
  poll();
})();
""" % STATUS_PATH


class BuildState:
    def __init__(self):
        self.version = 0
        self.error: str | None = None
        self.lock = threading.Lock()

    def record(self, error: str | None) -> None:
        with self.lock:
            self.version += 1
            self.error = error

    def snapshot(self) -> dict:
        with self.lock:
            return {"version": self.version, "error": self.error}


MAX_PATH = 2048  # longer request paths are refused (no page of a site has one)


def make_handler(output: Path, state: BuildState):
    root = Path(output).resolve()

    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=str(root), **kwargs)

        def log_message(self, *args):
            pass

        def end_headers(self):
            self.send_header("Cache-Control", "no-store")
            super().end_headers()

        def send_head(self):
            """GET's and HEAD's answer: only files inside the output (a link out of
            it is not followed), the live-reload script, and the build status."""
            if len(self.path) > MAX_PATH:
                return self._head(414, "text/plain; charset=utf-8", b"request path too long")
            path = unquote(urlsplit(self.path).path)
            if "\x00" in path:
                return self._head(400, "text/plain; charset=utf-8", b"bad request")
            if path == STATUS_PATH:
                return self._head(200, "application/json", json.dumps(state.snapshot()).encode())
            if path == SCRIPT_PATH:
                return self._head(200, "text/javascript; charset=utf-8", LIVERELOAD_JS.encode())
            try:
                target = Path(self.translate_path(self.path)).resolve()
                if not target.is_relative_to(root):
                    return self._head(404, "text/plain; charset=utf-8", b"not found")
                if target.is_dir() and (target / "index.html").is_file() and path.endswith("/"):
                    target = target / "index.html"
                if target.suffix == ".html" and target.is_file():
                    body = target.read_bytes()
                    body = body.replace(b"</body>", _SCRIPT_TAG + b"\n</body>", 1)
                    return self._head(200, "text/html; charset=utf-8", body)
            except (OSError, ValueError):
                return self._head(404, "text/plain; charset=utf-8", b"not found")
            return super().send_head()

        def _head(self, code: int, kind: str, body: bytes):
            """Send the status and headers; the body goes out from the returned file (not for HEAD)."""
            self.send_response(code)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            return io.BytesIO(body)

    return Handler


def serve(rebuild, watch: list[Path], output: Path, port: int, state: BuildState, announce, stop: threading.Event | None = None,
          idle=None) -> None:
    """``rebuild(paths)`` returns None or an error text; ``paths`` are the
    files and folders the watcher saw change since the last rebuild began
    (None for the first build, and when they are not known). Runs until
    interrupted (or ``stop`` is set). ``idle()`` does one short step of work
    that makes the next rebuild faster and returns whether steps remain (or
    REBUILD: the site needs a rebuild the watcher did not ask for); after
    each build, steps run while nothing changes, and a change is looked for
    between them."""
    stop = stop or threading.Event()
    # the port first: one that is taken is said at once, not after a long build
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), make_handler(output, state))
    try:
        changed = watch_changes(watch, stop)  # from before the first build: an edit made during it is not lost
        state.record(rebuild(None))
    except BaseException:
        server.server_close()
        raise
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    announce(f"serving {output} at http://127.0.0.1:{server.server_address[1]}/ — watching {', '.join(map(str, watch))} (Ctrl-C stops)")
    collect = True
    steps = idle is not None
    try:
        while not stop.is_set():
            try:
                paths = {path for _, path in changed.get(timeout=IDLE_STEP_WAIT if steps else 2)}
            except queue.Empty:
                if steps:
                    steps = _step(idle)
                    if steps == REBUILD:
                        state.record(rebuild(None))
                        collect = True
                        steps = True
                    continue
                # two seconds without a change: the time to collect what the
                # last build set aside (pipeline.build freezes it)
                if collect:
                    gc.unfreeze()
                    gc.collect()
                    collect = False
                continue
            while not changed.empty():  # one rebuild for everything that changed meanwhile
                paths.update(path for _, path in changed.get_nowait())
            state.record(rebuild(paths))
            collect = True
            steps = idle is not None
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        server.shutdown()
        server.server_close()


def _step(idle) -> bool:
    """One idle step, without the cycle collector (as a build runs; see pipeline.build)."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        return idle()
    finally:
        if collecting:
            gc.enable()


def watch_changes(paths: list[Path], stop: threading.Event) -> queue.Queue:
    """A queue that receives each set of changes under ``paths`` ((change,
    path) pairs), from a watcher thread started now, until ``stop`` is set."""
    import watchfiles

    changed: queue.Queue = queue.Queue()

    def run():  # the watcher checks ``stop`` every step, and yields only non-empty sets of changes
        for changes in watchfiles.watch(*paths, stop_event=stop, debounce=200, step=50):
            changed.put(changes)

    threading.Thread(target=run, daemon=True, name="quotetrail-watch").start()
    return changed
