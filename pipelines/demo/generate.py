"""Generate a demo world into a data folder: every partner's deliveries in its own shape (as its
partner config describes), the API simulator's records, and the ground truth beside them."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

from pipelines.demo import defects as demo_defects
from pipelines.demo.render_partner import contract_text, partner_shape, render_partner, write_files
from pipelines.demo.world import World, simulate, write_truth
from pipelines.ingest.contract import ENTITIES
from pipelines.ingest.partners import PartnerSystem, load_partner_systems
from pipelines.settings import PARTNERS_DIR

DEFAULT_PARTICIPANTS = 1600
DEFAULT_SEED = 20251


def api_dir_for(drop_dir: Path) -> Path:
    """Where the simulator's records live: beside the drop folder."""
    return drop_dir.parent / "partner_api"


def generate(
    drop_dir: Path,
    truth_dir: Path,
    participants: int = DEFAULT_PARTICIPANTS,
    seed: int = DEFAULT_SEED,
    on_step: Callable[[str], None] = lambda _: None,
    partners_dir: Path = PARTNERS_DIR,
    with_defects: bool = True,
) -> World:
    """Simulate the world and render every partner through its config (replacing old files)."""
    on_step("simulating")
    world = simulate(participants=participants, seed=seed)
    on_step("writing deliveries")
    systems = load_partner_systems(partners_dir)
    api_dir = api_dir_for(drop_dir)
    shutil.rmtree(drop_dir, ignore_errors=True)
    shutil.rmtree(api_dir, ignore_errors=True)
    drop_dir.mkdir(parents=True)
    defects = world.params.get("defects", {}) if with_defects else {}
    for system in systems.values():
        for partner in system.partners:
            wanted = defects.get(partner, [])
            render_partner(world, system, partner, drop_dir, api_dir,
                           edit=lambda t, w=wanted: demo_defects.apply(t, w))  # fmt: skip
            if "corrected_redelivery" in wanted:
                _write_correction(world, system, partner, drop_dir)
    on_step("writing ground truth")
    shutil.rmtree(truth_dir, ignore_errors=True)
    write_truth(world, truth_dir)
    return world


def _write_correction(world: World, system: PartnerSystem, partner: str, drop_dir: Path) -> None:
    """A later file re-sending a few attendance rows with their corrected values."""
    text = contract_text(world, partner, use_cpr=system.person_id == "cpr")
    mapping = system.entities["attendance"]
    fixed = partner_shape(demo_defects.correction(text), "attendance", mapping, system.format,
                          system.format.kind == "xlsx")  # fmt: skip
    stem = mapping.file.replace("*", "").rsplit(".", 1)
    corrected = system.model_copy(update={"entities": {"attendance": mapping.model_copy(
        update={"file": f"{stem[0]}_correction*.{stem[1]}"})}})  # fmt: skip
    folder = drop_dir / system.source.folder.format(partner=partner)
    dates = {"attendance": {c.name for c in ENTITIES["attendance"].columns if c.kind == "date"}}
    for path in write_files({"attendance": fixed}, corrected, folder, dates):
        original = folder / mapping.file.replace("*", "")
        later = original.stat().st_mtime + 2  # delivered after the original
        os.utime(path, (later, later))
