"""``tanon config show``: the engine configuration as the engine will run it."""
from __future__ import annotations

import typer

from service.cli.parameters import ConfigOption, app_context
from service.config import dump_engine_config, load_engine_config

config_app = typer.Typer(no_args_is_help=True, help="The engine configuration.")


@config_app.command("show")
def show_config(ctx: typer.Context, config: ConfigOption = None) -> None:
    """Print the resolved engine configuration as YAML, with every default filled in."""
    resolved = load_engine_config(app_context(ctx).engine_config_path(config))
    typer.echo(dump_engine_config(resolved), nl=False)
