"""Command line of the demo world.

python -m pipelines.demo run [--participants N] [--seed S]    generate + full pipeline
python -m pipelines.demo generate --out DIR [--participants N] [--seed S]
python -m pipelines.demo api [--port 8765]     serve the partner-system API simulator
python -m pipelines.demo pepper                                create the local pepper file
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pipelines.demo.generate import DEFAULT_PARTICIPANTS, DEFAULT_SEED, generate
from pipelines.ingest.pseudonymise import ensure_pepper_file
from pipelines.settings import Settings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m pipelines.demo",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = parser.add_subparsers(dest="command", required=True)
    for name in ("run", "generate"):
        p = sub.add_parser(name)
        p.add_argument(
            "--participants",
            type=int,
            default=DEFAULT_PARTICIPANTS,
            help=f"number of young people (default {DEFAULT_PARTICIPANTS})",
        )
        p.add_argument("--seed", type=int, default=DEFAULT_SEED)
        if name == "generate":
            p.add_argument(
                "--out",
                type=Path,
                required=True,
                help="folder for drop/ (deliveries) and truth/ (ground truth)",
            )
    sub.add_parser("pepper")
    api = sub.add_parser("api", help="serve the partner-system API simulator until Ctrl+C")
    api.add_argument("--port", type=int, default=8765)
    args = parser.parse_args(argv)

    if args.command == "run":
        from pipelines.demo.runner import run_demo

        return run_demo(participants=args.participants, seed=args.seed)
    if args.command == "generate":
        world = generate(args.out / "drop", args.out / "truth", args.participants, args.seed)
        print(
            f"{len(world.participants):,} participants, {len(world.attendance):,} attendance "
            f"rows -> {args.out}"
        )
        return 0
    if args.command == "api":
        from pipelines.demo.generate import api_dir_for
        from pipelines.demo.partner_api import start_partner_api

        simulator = start_partner_api(api_dir_for(Settings.from_env().drop_dir), args.port)
        print(f"Serving {simulator.url} (token in ${'JOURNAL_API_TOKEN'}); Ctrl+C stops it")
        try:
            simulator.thread.join()
        except KeyboardInterrupt:
            simulator.stop()
        return 0
    print(ensure_pepper_file(Settings.from_env().pepper_file))
    return 0


if __name__ == "__main__":
    sys.exit(main())
