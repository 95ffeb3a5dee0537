"""``python -m pipelines.ingest check [CONFIG_DIR]``: validate partner configs before use.

Prints each partner system with its partners and entities, or the error naming the file, the
key and the fix; exits non-zero on an error.
"""

from __future__ import annotations

import sys
from pathlib import Path

from pipelines.ingest.partners import PartnerConfigError, load_partner_systems
from pipelines.settings import Settings


def main(argv: list[str]) -> int:
    if not argv or argv[0] != "check":
        print(__doc__.strip())
        return 2
    folder = Path(argv[1]) if len(argv) > 1 else Settings.from_env().partners_dir
    try:
        systems = load_partner_systems(folder)
    except PartnerConfigError as exc:
        print(exc, file=sys.stderr)
        return 1
    for system in systems.values():
        shape = system.format.kind if system.source.kind == "files" else "json"
        print(f"{system.name} ({system.source.kind}, {shape}): "
              f"{', '.join(system.partners)} -> {', '.join(system.entities)}")  # fmt: skip
    print(f"{len(systems)} partner configs OK in {folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
