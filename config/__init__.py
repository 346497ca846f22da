"""Default configuration data (YAML and lists), installed with the package."""
from pathlib import Path

CONFIG_DIR = Path(__file__).resolve().parent
