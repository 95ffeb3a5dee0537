"""Generate a demo world into a data folder: deliveries in the drop folder, truth beside it."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from pipelines.demo.render_canonical import render_canonical
from pipelines.demo.world import World, simulate, write_truth

DEFAULT_PARTICIPANTS = 1600
DEFAULT_SEED = 20251


def generate(
    drop_dir: Path,
    truth_dir: Path,
    participants: int = DEFAULT_PARTICIPANTS,
    seed: int = DEFAULT_SEED,
    on_step: Callable[[str], None] = lambda _: None,
) -> World:
    """Simulate the world and write it as canonical deliveries (replacing earlier demo files)."""
    on_step("simulating")
    world = simulate(participants=participants, seed=seed)
    on_step("writing deliveries")
    shutil.rmtree(drop_dir, ignore_errors=True)
    render_canonical(world, drop_dir)
    on_step("writing ground truth")
    shutil.rmtree(truth_dir, ignore_errors=True)
    write_truth(world, truth_dir)
    return world
