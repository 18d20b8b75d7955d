"""Reading the user's files: only regular files, of a sane size, never blocking."""
from __future__ import annotations

import errno
import os
import stat

import yaml

MAX_FILE_BYTES = 10 * 1024 * 1024  # an article is a few kB; anything this large is a mistake
READ_CHUNK = 1 << 16  # most articles come in one read, and a second finds the end


class UnreadableFile(OSError):
    """A content file that is not a regular file, or is too large to be an article."""


def read_content_file(path: str | os.PathLike) -> bytes:
    """A content file's bytes. Only regular files are read (a FIFO would block
    the build, a device never end), and at most MAX_FILE_BYTES of them. Plain
    os calls: a cold build reads every article, and ``Path.read_bytes`` took
    three times as long."""
    kind = stat.S_IFMT(os.stat(path).st_mode)
    if kind != stat.S_IFREG:
        raise UnreadableFile(errno.EINVAL, f"it is {_KINDS.get(kind, 'a special file')}, not a regular file")
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):  # replaced since the stat above
            raise UnreadableFile(errno.EINVAL, "it is not a regular file")
        chunks, size = [], 0
        while size <= MAX_FILE_BYTES and (chunk := os.read(fd, READ_CHUNK)):  # a file may grow as it is read
            chunks.append(chunk)
            size += len(chunk)
        if size > MAX_FILE_BYTES:
            raise UnreadableFile(errno.EFBIG, f"it is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB")
    finally:
        os.close(fd)
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


_KINDS = {stat.S_IFDIR: "a folder", stat.S_IFIFO: "a FIFO (named pipe)", stat.S_IFCHR: "a device",
          stat.S_IFBLK: "a device", stat.S_IFSOCK: "a socket"}


class YAMLProblem(ValueError):
    """YAML that cannot be read; ``line`` (0-based, in the text given) where known."""

    def __init__(self, message: str, line: int | None = None):
        super().__init__(message)
        self.line = line


def parse_yaml(text: str, loader_class) -> tuple[object, list[tuple[str, int]]]:
    """The data of a YAML text read with ``loader_class`` (a safe loader), and
    the keys given twice in one mapping (key, 0-based line): YAML keeps the
    last silently, which hides a typo."""
    loader = _with_duplicate_check(loader_class)(text)
    try:
        return loader.get_single_data(), loader.duplicates
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        # an unclosed quote is found at the end of the text: point at where it opened
        if "quoted scalar" in str(getattr(exc, "context", "")) and getattr(exc, "context_mark", None) is not None:
            mark = exc.context_mark
        raise YAMLProblem(str(getattr(exc, "problem", None) or exc), mark.line if mark is not None else None) from None
    except ValueError as exc:  # e.g. int() refusing a number of thousands of digits
        what = "a number with too many digits" if "digits" in str(exc) else str(exc)
        raise YAMLProblem(f"a value cannot be read: {what}") from None
    except RecursionError:
        raise YAMLProblem("it is nested too deeply") from None
    finally:
        loader.dispose()


_CHECKING: dict = {}


def _with_duplicate_check(loader_class):
    checking = _CHECKING.get(loader_class)
    if checking is None:
        class checking(loader_class):  # noqa: N801 - a loader class made per base
            def __init__(self, stream):
                super().__init__(stream)
                self.duplicates: list[tuple[str, int]] = []

            def construct_mapping(self, node, deep=False):
                seen = set()
                for key_node, _ in node.value:
                    if isinstance(key_node, yaml.ScalarNode):
                        if key_node.value in seen:
                            self.duplicates.append((key_node.value, key_node.start_mark.line))
                        seen.add(key_node.value)
                return super().construct_mapping(node, deep=deep)

        _CHECKING[loader_class] = checking
    return checking
