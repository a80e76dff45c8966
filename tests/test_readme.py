"""The README is part of the interface: it must name every command, and every command it shows must exist."""
import re
from pathlib import Path

from bilat.cli import app

README = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")


def commands() -> set[str]:
    import typer.main

    return set(typer.main.get_command(app).commands)


def test_every_command_is_documented():
    for name in commands():
        assert f"`bilat {name}" in README, name


def test_every_documented_command_exists():
    code = re.findall(r"```(.*?)```", README, flags=re.S) + re.findall(r"`([^`\n]+)`", README)
    shown = {name for chunk in code for name in re.findall(r"\bbilat ([a-z]+)\b", chunk)}
    assert shown and shown <= commands()


def test_quickstart_is_exactly_two_commands():
    block = README.split("## Quickstart", 1)[1].split("```")[1]
    assert [line for line in block.splitlines() if line.strip()] == ["make demo", "make test"]


def test_documented_options_exist():
    """Options the README's command table shows are real options of those commands."""
    import typer.main

    group = typer.main.get_command(app)
    for row in re.findall(r"^\| `bilat ([a-z]+) ([^`]*)` \|", README, flags=re.M):
        name, usage = row
        options = set(re.findall(r"--[a-z0-9-]+", usage))
        known = {opt for param in group.commands[name].params for opt in getattr(param, "opts", [])}
        assert options <= known, (name, options - known)
