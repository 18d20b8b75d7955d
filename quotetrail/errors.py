"""Problems found in content, reported all at once with the file they are in."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    file: str
    message: str
    field: str | None = None
    line: int | None = None
    severity: str = "error"  # "error" or "warning"

    def __str__(self) -> str:
        where = self.file + (f":{self.line}" if self.line else "")
        what = f"{self.field}: " if self.field else ""
        return f"{where}: {self.severity}: {what}{self.message}"


class ContentError(Exception):
    """Raised when content has problems; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = [p for p in problems if p.severity == "error"]
        super().__init__("\n".join(str(p) for p in self.problems))


def defect(file: str, error: Exception) -> Problem:
    """A defect of quotetrail's that a file's text brings out, reported as an error on that file."""
    return Problem(file, f"could not be analysed ({type(error).__name__}: {error}); this is a bug in quotetrail: "
                         "please report it with this article")
