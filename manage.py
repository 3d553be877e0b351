#!/usr/bin/env python
"""Same as the `heard` console script (`uv run heard ...`)."""

from heard.cli import main

if __name__ == "__main__":
    main()
