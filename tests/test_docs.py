"""The documentation's examples are real: in README.md, CONTRIBUTING.md and every docs/*.md,
each `$ command` of a ```console block prints exactly what follows it, and each ```python
session runs as a doctest. Every option of every command is documented on the command's pages,
every relative link leads to a file (or folder) and heading that exist, and the README links
every page."""

from __future__ import annotations

import doctest
import os
import re
from pathlib import Path

import pytest
from helpers import shell

ROOT = Path(__file__).resolve().parent.parent
PAGES = [ROOT / "README.md", ROOT / "CONTRIBUTING.md", *sorted((ROOT / "docs").glob("*.md"))]
TEXTS = {page.relative_to(ROOT).as_posix(): page.read_text() for page in PAGES}


def _blocks(language: str) -> list[tuple[str, int, str]]:
    """(page, line of the block's first line of content, content) for each ```language block."""
    blocks = []
    for name, text in TEXTS.items():
        for match in re.finditer(rf"^```{language}\n(.*?)^```", text, flags=re.S | re.M):
            blocks.append((name, text.count("\n", 0, match.start(1)) + 1, match.group(1)))
    return blocks


def _console_examples() -> list[tuple[str, str, str]]:
    """(id naming the page and line, command, expected output) for each `$ command`."""
    examples = []
    for name, first_line, block in _blocks("console"):
        line = first_line
        for chunk in re.split(r"^\$ ", block, flags=re.M)[1:]:
            command, _, output = chunk.partition("\n")
            examples.append((f"{name}:{line}: {command}", command, output))
            line += chunk.count("\n")
    return examples


EXAMPLES = _console_examples()
SESSIONS = _blocks("python")


def test_docs_have_examples() -> None:
    assert len(EXAMPLES) > 20
    assert SESSIONS


@pytest.mark.parametrize(("command", "expected"), [e[1:] for e in EXAMPLES], ids=[e[0] for e in EXAMPLES])
def test_console_example(command: str, expected: str) -> None:
    """As bash runs it (`sigmoid` being `python -m sigmoid_cli`), stdin empty; helpers.shell
    runs the plain `[printf ... |] sigmoid ARGS` lines in this process, byte for byte the same."""
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "80"}
    env.pop("FORCE_COLOR", None)
    run = shell(command, env, timeout=120)
    assert (run.stdout + run.stderr).decode() == expected


@pytest.mark.parametrize(
    ("page", "line", "session"), SESSIONS, ids=[f"{page}:{line}" for page, line, _ in SESSIONS]
)
def test_python_session(page: str, line: int, session: str) -> None:
    test = doctest.DocTestParser().get_doctest(session, {}, page, page, line - 1)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    runner.run(test)
    assert runner.failures == 0 and runner.tries > 5


# The pages that document a command's options: its own page, and the pages it defers to.
OPTION_PAGES = {
    "eval": ["docs/eval.md", "docs/streams.md"],
    "grad": ["docs/grad.md", "docs/eval.md", "docs/streams.md"],
}


def test_every_option_is_documented() -> None:
    import typer

    from sigmoid_cli.cli.app import build_app

    group = typer.main.get_command(build_app())
    missing = []
    for name, command in group.commands.items():  # type: ignore[attr-defined]
        pages = OPTION_PAGES.get(name, [f"docs/{name}.md"])
        text = "".join(TEXTS.get(page, "") for page in pages)
        missing += [
            f"{name} {option} (in {' or '.join(pages)})"
            for param in command.params
            for option in param.opts
            if option.startswith("--") and not re.search(rf"(?<![\w-]){re.escape(option)}(?![\w-])", text)
        ]
    assert not missing, f"not documented: {missing}"


def _slug(heading: str) -> str:
    """The anchor GitHub gives a heading."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def _anchors(text: str) -> set[str]:
    prose = re.sub(r"^```.*?^```", "", text, flags=re.S | re.M)
    return {_slug(h) for h in re.findall(r"^#+ (.*)$", prose, flags=re.M)}


LINKS = [
    (name, target)
    for name, text in TEXTS.items()
    for target in re.findall(r"\]\(([^)\s]+)\)", re.sub(r"^```.*?^```", "", text, flags=re.S | re.M))
    if not re.match(r"[a-z]+:", target)
]


@pytest.mark.parametrize(("page", "target"), LINKS, ids=[f"{p} -> {t}" for p, t in LINKS])
def test_link_leads_somewhere(page: str, target: str) -> None:
    path, _, anchor = target.partition("#")
    linked = (ROOT / page).parent / path if path else ROOT / page
    assert linked.resolve().exists(), f"{page} links to {target}, which does not exist"
    if anchor:
        assert anchor in _anchors(linked.read_text()), f"{page} links to {target}: no such heading"


def test_readme_links_every_docs_page() -> None:
    linked = {(ROOT / target.partition("#")[0]).resolve() for page, target in LINKS if page == "README.md"}
    assert not [page.name for page in PAGES[1:] if page.resolve() not in linked]


def test_readme_has_the_test_command_that_ci_runs() -> None:
    """.ci/run runs the README's test command (quietly): a fresh clone follows the same line."""
    ci = (ROOT / ".ci" / "run").read_text()
    command = next(line for line in ci.splitlines() if line.startswith("python3 -m venv"))
    assert f"\n{command.replace(' -q', '')}\n" in TEXTS["README.md"]
