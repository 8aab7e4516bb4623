"""``python -m lakip_xl`` runs the ``lakip`` command."""

from lakip_xl.cli import entry

if __name__ == "__main__":  # pragma: no cover - exercised through the CLI tests
    entry()
