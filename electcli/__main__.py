"""Allow ``python -m electcli``."""

from electcli.cli import main

main()
