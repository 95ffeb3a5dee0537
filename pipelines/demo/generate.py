"""Generate a demo world into a data folder: every partner's deliveries in its own shape (as its
partner config describes), the API simulator's records, and the ground truth beside them."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from pipelines.demo import defects as demo_defects
from pipelines.demo.render_partner import (
    contract_text,
    file_name,
    partner_shape,
    render_partner,
    write_files,
)
from pipelines.demo.world import World, simulate, write_truth
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
    updated_at = f"{world.as_of.isoformat()}T23:00:00Z"  # when the API records last changed
    for system in systems.values():
        for partner in system.partners:
            wanted = defects.get(partner, [])
            text = contract_text(world, partner, use_cpr=system.person_id == "cpr")
            render_partner(demo_defects.apply(text, wanted), system, partner, drop_dir, api_dir,
                           updated_at)  # fmt: skip
            if "corrected_redelivery" in wanted:
                _write_correction(demo_defects.correction(text), system, partner, drop_dir)
    on_step("writing ground truth")
    shutil.rmtree(truth_dir, ignore_errors=True)
    write_truth(world, truth_dir)
    return world


def _write_correction(
    rows: pd.DataFrame, system: PartnerSystem, partner: str, drop_dir: Path
) -> None:
    """A later file re-sending a few attendance rows (contract text) with corrected values."""
    mapping = system.entities["attendance"]
    stem, suffix = file_name(mapping).rsplit(".", 1)
    corrected = system.model_copy(update={"entities": {"attendance": mapping.model_copy(
        update={"file": f"{stem}_correction*.{suffix}"})}})  # fmt: skip
    folder = system.drop_folder(drop_dir, partner)
    fixed = partner_shape(rows, "attendance", mapping, system.format)
    later = (folder / file_name(mapping)).stat().st_mtime + 2  # delivered after the original
    for path in write_files({"attendance": fixed}, corrected, folder):
        os.utime(path, (later, later))
