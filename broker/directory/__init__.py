"""The consortium directory: member authorities, arrangements, providers and places.

`load_directory(config_dir)` reads and checks `config/` (format in `broker.directory.load`);
`check_config(config_dir)` lists every problem with its file and line; `synthetic_directory`
builds a large deterministic directory for tests and benchmarks.
"""

from broker.directory.directory import Directory, haversine_km, normalise_address
from broker.directory.load import check_config, load_directory
from broker.directory.model import (
    Arrangement,
    Authority,
    Establishment,
    Organisation,
    Place,
)
from broker.directory.problems import ConfigError, ConfigProblem

__all__ = [
    "Arrangement",
    "Authority",
    "ConfigError",
    "ConfigProblem",
    "Directory",
    "Establishment",
    "Organisation",
    "Place",
    "check_config",
    "haversine_km",
    "load_directory",
    "normalise_address",
]
