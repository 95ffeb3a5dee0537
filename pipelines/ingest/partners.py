"""Partner systems as config (DESIGN section 3): one YAML file per partner system.

A config says where a system's deliveries come from (a drop folder per partner, or a REST API),
how to parse them (CSV dialect, encoding, decimal mark, date formats, Excel sheets) and how its
columns and codes map onto the contract (renames, value maps, constants, wide score layouts).
Adding a partner is adding its name to a config's ``partners`` list, or a new config file.

Configs are validated when loaded; a mistake raises ``PartnerConfigError`` naming the file, the
key and the fix, before any delivery is touched.
"""

from __future__ import annotations

import codecs
import hashlib
from datetime import datetime
from pathlib import Path
from typing import Annotated, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from pipelines.ingest.contract import ENTITIES

ENCODINGS = ("utf-8", "utf-8-sig", "cp1252", "latin-1", "iso-8859-1", "iso-8859-15")


class PartnerConfigError(ValueError):
    """A partner config that cannot be used; the message names file, key and fix."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class FilesSource(_Strict):
    kind: Literal["files"]
    folder: str = Field(
        "{partner}", description="drop sub-folder per partner; {partner} is the partner's name"
    )


class ApiSource(_Strict):
    kind: Literal["api"]
    base_url: str = Field(description="e.g. http://127.0.0.1:8765/api/v1/{partner}")
    base_url_env: str | None = Field(
        None, description="environment variable that, when set, replaces base_url"
    )
    token_env: str = Field(description="environment variable that holds the bearer token")
    page_size: int = Field(500, ge=1, le=10_000)
    timeout_seconds: float = Field(10.0, gt=0)
    retries: int = Field(3, ge=0, le=10, description="attempts after the first on 5xx/timeouts")
    backoff_seconds: float = Field(0.5, ge=0)
    cursor_param: str = "updated_since"
    cursor_field: str = "updated_at"
    page_param: str = "page"
    data_key: str = "data"
    total_pages_key: str = "total_pages"


class FileFormat(_Strict):
    kind: Literal["csv", "xlsx"] = "csv"
    delimiter: str = ","
    quote: str = '"'
    encoding: str = "utf-8"
    decimal: Literal[".", ","] = "."
    date_formats: tuple[str, ...] = ("%Y-%m-%d",)

    @field_validator("encoding")
    @classmethod
    def _known_encoding(cls, value: str) -> str:
        try:
            codecs.lookup(value)
        except LookupError:
            raise ValueError(
                f"unknown encoding {value!r}; use one of {', '.join(ENCODINGS)}"
            ) from None
        return value.lower()

    @field_validator("date_formats")
    @classmethod
    def _valid_formats(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for fmt in value:
            try:
                datetime(2024, 1, 31).strftime(fmt)
            except ValueError:
                raise ValueError(f"{fmt!r} is not a date format; write e.g. '%d-%m-%Y'") from None
            if not {"%d", "%m", "%Y"} <= {fmt[i : i + 2] for i in range(len(fmt) - 1)}:
                raise ValueError(f"{fmt!r} must contain %d, %m and %Y (e.g. '%d.%m.%Y')")
        return value


class WideScores(_Strict):
    """Scores delivered one column per item; unpivoted to one contract row per item.

    The instrument is either one code for the whole sheet (``instrument``) or read from a
    column (``instrument_column``); blank item cells are items not assessed.
    """

    instrument: str | None = Field(None, description="instrument code (dbt/seeds/instruments)")
    instrument_column: str | None = Field(None, description="source column naming the instrument")
    items: dict[str, str] = Field(description="source column -> item code")

    @model_validator(mode="after")
    def _one_instrument_source(self) -> WideScores:
        if (self.instrument is None) == (self.instrument_column is None):
            raise ValueError("wide_scores: give exactly one of instrument or instrument_column")
        return self


class EntityMapping(_Strict):
    file: str | None = Field(None, description="glob of the delivery files in the drop folder")
    sheet: str | None = Field(None, description="Excel sheet holding this entity")
    endpoint: str | None = Field(None, description="API path of this entity")
    columns: dict[str, str] = Field(default_factory=dict, description="contract -> source")
    values: dict[str, dict[str, str]] = Field(
        default_factory=dict, description="contract column -> {delivered value: contract value}"
    )
    constants: dict[str, str] = Field(default_factory=dict, description="contract column -> value")
    wide_scores: WideScores | None = None

    def source_column(self, contract_column: str) -> str:
        return self.columns.get(contract_column, contract_column)


class PartnerSystem(_Strict):
    """One partner system: how its deliveries are fetched, parsed and mapped."""

    name: str
    description: str = ""
    partners: tuple[str, ...] = Field(min_length=1)
    person_id: Literal["auto", "cpr", "local"] = "auto"
    source: Annotated[FilesSource | ApiSource, Field(discriminator="kind")]
    format: FileFormat = FileFormat()
    entities: dict[str, EntityMapping]

    def drop_folder(self, drop_dir: Path, partner: str) -> Path:
        """Where ``partner``'s files for this (file-source) system are delivered."""
        return drop_dir / self.source.folder.format(partner=partner)

    @property
    def fingerprint(self) -> str:
        """Changes whenever the config does: a delivery that failed is retried after a fix."""
        return hashlib.sha256(self.model_dump_json().encode()).hexdigest()[:16]

    @field_validator("partners")
    @classmethod
    def _safe_names(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for name in value:
            if not name.replace("_", "").replace("-", "").isalnum() or not name.isascii():
                raise ValueError(f"partner name {name!r}: use ASCII letters, digits, - and _")
        return value

    @model_validator(mode="after")
    def _entities_fit_the_contract(self) -> PartnerSystem:
        for entity, mapping in self.entities.items():
            if entity not in ENTITIES:
                raise ValueError(
                    f"entities.{entity}: not a contract entity; use one of {', '.join(ENTITIES)}"
                )
            known = set(ENTITIES[entity].column_names)
            for key in ("columns", "values", "constants"):
                for column in getattr(mapping, key):
                    if column not in known:
                        raise ValueError(
                            f"entities.{entity}.{key}.{column}: not a column of the {entity} "
                            f"contract; use one of {', '.join(sorted(known))}"
                        )
            if isinstance(self.source, ApiSource):
                if not mapping.endpoint:
                    raise ValueError(f"entities.{entity}.endpoint: an API source needs a path")
            elif not mapping.file:
                raise ValueError(f"entities.{entity}.file: a file source needs a file glob")
            if (
                self.format.kind == "xlsx"
                and isinstance(self.source, FilesSource)
                and not mapping.sheet
            ):
                raise ValueError(f"entities.{entity}.sheet: an Excel source needs a sheet")
            if mapping.wide_scores and entity != "measurements":
                raise ValueError(f"entities.{entity}.wide_scores: only measurements can be wide")
        return self


def load_partner_system(path: Path) -> PartnerSystem:
    """Read and validate one config file."""
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise PartnerConfigError(f"{path}: cannot be read as YAML ({exc})") from None
    if not isinstance(raw, dict):
        raise PartnerConfigError(f"{path}: expected a mapping of keys, found {type(raw).__name__}")
    raw.setdefault("name", path.stem)
    try:
        return PartnerSystem.model_validate(raw)
    except ValidationError as exc:
        lines = []
        for err in exc.errors():
            key = ".".join(str(p) for p in err["loc"]) or "(top level)"
            lines.append(f"  {key}: {err['msg']}")
        raise PartnerConfigError(
            f"{path}: invalid partner config\n"
            + "\n".join(lines)
            + "\nSee docs/partners.md for every key and an example."
        ) from None


def load_partner_systems(config_dir: Path) -> dict[str, PartnerSystem]:
    """Every config in ``config_dir``; a partner named by two configs is an error."""
    systems: dict[str, PartnerSystem] = {}
    owner: dict[str, Path] = {}
    for path in sorted(config_dir.glob("*.yaml")):
        system = load_partner_system(path)
        for partner in system.partners:
            if partner in owner:
                raise PartnerConfigError(
                    f"{path}: partners: {partner!r} is already configured in {owner[partner]}; "
                    "a partner's deliveries must be described by one config"
                )
            owner[partner] = path
        systems[system.name] = system
    return systems
