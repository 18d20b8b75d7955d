#!/usr/bin/env python3
"""Entry point: ``python build.py [build|check|import] [options]``."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from quotetrail.cli import run  # noqa: E402

if __name__ == "__main__":
    run()
