"""`serve`'s watch loop (the server and live reload are covered in test_browser.py)."""
import threading
import time
from pathlib import Path

from quotetrail.serve import REBUILD, BuildState, serve


def _serve_in_background(tmp_path, rebuild, stop):
    runner = threading.Thread(target=serve, args=(rebuild, [tmp_path / "content"], tmp_path, 0, BuildState(),
                                                  lambda text: None, stop), daemon=True)
    runner.start()
    return runner


def test_an_edit_made_during_the_first_build_is_picked_up(tmp_path):
    (tmp_path / "content").mkdir()
    stop, builds = threading.Event(), []

    def rebuild(paths):
        builds.append(time.monotonic())
        if len(builds) == 1:  # the first build: the user saves a file meanwhile
            time.sleep(0.3)
            (tmp_path / "content" / "a.md").write_text("saved while the first build ran")
            time.sleep(0.5)
        else:
            stop.set()
        return None

    runner = _serve_in_background(tmp_path, rebuild, stop)
    try:
        runner.join(timeout=20)
        assert len(builds) == 2, "the edit made during the first build was never built"
        assert not runner.is_alive()
    finally:
        stop.set()


def test_changes_made_during_a_build_make_one_rebuild(tmp_path):
    (tmp_path / "content").mkdir()
    stop, builds = threading.Event(), []

    def rebuild(paths):
        builds.append(time.monotonic())
        if len(builds) == 1:  # saves in bursts further apart than the watcher's 200 ms debounce
            for n in range(3):
                time.sleep(0.4)
                (tmp_path / "content" / f"{n}.md").write_text("one of several files saved during a build")
            time.sleep(0.5)
        return None

    runner = _serve_in_background(tmp_path, rebuild, stop)
    try:
        deadline = time.monotonic() + 10
        while len(builds) < 2 and time.monotonic() < deadline:
            time.sleep(0.1)
        time.sleep(1.5)  # room for any further rebuild
        assert len(builds) == 2
    finally:
        stop.set()
        runner.join(timeout=10)
    assert not runner.is_alive()


def _serve_with_idle_steps(tmp_path, rebuild, stop, steps: int, log: list):
    """serve with an ``idle`` that has ``steps`` steps after each build (logged)."""
    left = []

    def built(paths):
        left[:] = list(range(steps))
        log.append("build")
        return rebuild(paths)

    def idle():
        log.append(f"step {left.pop(0)}")
        return bool(left)

    runner = threading.Thread(target=serve, args=(built, [tmp_path / "content"], tmp_path, 0, BuildState(),
                                                  lambda text: None, stop, idle), daemon=True)
    runner.start()
    return runner


def test_idle_steps_run_after_each_build_until_none_remain(tmp_path):
    (tmp_path / "content").mkdir()
    stop, log = threading.Event(), []
    runner = _serve_with_idle_steps(tmp_path, lambda paths: None, stop, 3, log)
    try:
        deadline = time.monotonic() + 10
        while log.count("step 2") < 1 and time.monotonic() < deadline:
            time.sleep(0.05)
        (tmp_path / "content" / "a.md").write_text("an edit")
        while log.count("step 2") < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(0.5)  # room for any further step
        assert log == ["build", "step 0", "step 1", "step 2"] * 2
    finally:
        stop.set()
        runner.join(timeout=10)


def test_a_change_is_built_before_the_idle_steps_left(tmp_path):
    (tmp_path / "content").mkdir()
    stop, log = threading.Event(), []

    def rebuild(paths):
        if log.count("build") == 1:
            threading.Timer(0.05, lambda: (tmp_path / "content" / "a.md").write_text("saved just after the build")).start()
        return None

    runner = _serve_with_idle_steps(tmp_path, rebuild, stop, 200, log)  # 200 steps take 20 s at the least
    try:
        deadline = time.monotonic() + 10
        while log.count("build") < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert log.count("build") == 2
        assert "step 199" not in log[:log.index("build", 1)]  # the rebuild came before the steps ran out
    finally:
        stop.set()
        runner.join(timeout=10)


def test_a_rebuild_hears_the_paths_that_changed_and_an_idle_step_can_ask_for_one(tmp_path):
    """The watcher's paths go to the rebuild (None: not known); an idle step
    that finds a change the watcher missed gets a rebuild of its own."""
    content = tmp_path / "content"
    content.mkdir()
    stop, builds, steps = threading.Event(), [], []

    def rebuild(paths):
        builds.append(paths)
        if len(builds) == 1:
            threading.Timer(0.3, lambda: [(content / name).write_text("saved") for name in ("a.md", "b.md")]).start()
        return None

    def idle():
        steps.append(len(builds))
        return REBUILD if steps[-1] == 2 and steps.count(2) == 1 else False  # once, after the second build

    runner = threading.Thread(target=serve, args=(rebuild, [content], tmp_path, 0, BuildState(), lambda text: None,
                                                  stop, idle), daemon=True)
    runner.start()
    try:
        deadline = time.monotonic() + 10
        while len(builds) < 3 and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(0.5)  # room for any further rebuild
        assert len(builds) == 3 and builds[0] is None and builds[2] is None
        assert {Path(p).resolve() for p in builds[1]} == {(content / "a.md").resolve(), (content / "b.md").resolve()}
    finally:
        stop.set()
        runner.join(timeout=10)
