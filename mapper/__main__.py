"""Run mapper as ``python -m mapper``."""

from mapper.cli import main

raise SystemExit(main())
