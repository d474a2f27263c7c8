"""Command line: ``build`` the site, PDFs and offline bundle safely; ``serve`` the live preview; ``check`` the
content; start ``new`` files; the ``freshness`` report; the pull request's ``changes``; cited ``addresses``."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

from .config import ConfigUnreadable, read_site_setup
from .editing.cli import add_commands
from .errors import DEBUG_VARIABLE, internal_error
from .outputs.context import BuildFailed
from .outputs.generators import GENERATORS, MKDOCS
from .outputs.pipeline import build

CHATTER = ("mkdocs.plugins.mkdocs_macros", "mkdocs.commands.build")
"""Loggers whose information lines mean nothing to an editor ("[macros] - No default module `main` found",
"Building documentation to directory: <a scratch folder>"): shown only with --verbose. Their warnings show."""


def _not_chatter(record: logging.LogRecord) -> bool:
    return record.levelno >= logging.WARNING or not record.name.startswith(CHATTER)


def show_mkdocs_messages(level: int = logging.INFO, verbose: bool = False) -> None:
    """MkDocs runs in this process: print its messages (and its plugins') as ``mkdocs build`` would, less
    the chatter (see CHATTER) unless ``verbose``."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    if not verbose:
        handler.addFilter(_not_chatter)
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    logger.setLevel(level)


def dev_address(value: str) -> tuple[str, int]:
    """``--dev-addr`` as host and port: ``127.0.0.1:8000``, ``:8000`` or ``localhost:8001``."""
    host, _, port = value.rpartition(":")
    if not port.isdigit() or not 0 < int(port) < 65536:
        raise argparse.ArgumentTypeError(f"{value!r} is not host:port (for example 127.0.0.1:8000)")
    return host or "127.0.0.1", int(port)


def parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="ltss-toolkit", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="build site/ (HTML, PDFs, offline zip); a failure leaves site/ as it was")
    b.add_argument("-f", "--config-file", default="mkdocs.yml", type=Path)
    b.add_argument("-d", "--site-dir", default=None, type=Path, help="where to write the site (default: site/)")
    b.add_argument("--no-pdf", action="store_true", help="skip the PDFs (faster previews)")
    b.add_argument(
        "--generator",
        choices=GENERATORS,
        default=MKDOCS,
        help="what writes the HTML: MkDocs with Material (default) or Zensical (README: 'Switching to Zensical')",
    )
    b.add_argument(
        "--despite-problems",
        action="store_true",
        help="a pull request's preview: build the pages although the content has problems (never with HTML, "
        "template code or link schemes that are not allowed)",
    )
    b.add_argument("-v", "--verbose", action="store_true", help="also show MkDocs' and its plugins' details")
    s = sub.add_parser("serve", help="live preview at http://127.0.0.1:8000; content errors show in the browser")
    s.add_argument("-f", "--config-file", default="mkdocs.yml", type=Path)
    s.add_argument("-a", "--dev-addr", default="127.0.0.1:8000", type=dev_address, help="host:port to serve on")
    s.add_argument("-v", "--verbose", action="store_true", help="also show MkDocs' and its plugins' details")
    s.add_argument(
        "--pdf",
        action="store_true",
        help="lay out every PDF in the background, then after each edit the PDFs that hold the edited page",
    )
    add_commands(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run a command; an unexpected exception is one line saying it is our bug (``LTSS_DEBUG=1``: the trace)."""
    args = parser().parse_args(argv)
    try:
        return run(args)
    except Exception as error:
        if os.environ.get(DEBUG_VARIABLE):
            raise
        print(internal_error(error), file=sys.stderr)
        return 1


def run(args: argparse.Namespace) -> int:
    if args.command == "serve":
        from .serve import serve
        from .serve.server import NoFreePort

        show_mkdocs_messages(verbose=args.verbose)
        host, port = args.dev_addr
        try:
            serve(args.config_file, host, port, pdf=args.pdf)
        except NoFreePort as error:
            print(f"Preview not started: {error}", file=sys.stderr)
            return 1
        return 0
    if args.command != "build":
        try:
            setup = read_site_setup(args.config_file.resolve())
        except ConfigUnreadable as error:
            print(error, file=sys.stderr)
            return 2
        return int(args.run(args, setup))
    config_file: Path = args.config_file.resolve()
    site_dir = args.site_dir or config_file.parent / "site"
    show_mkdocs_messages(verbose=args.verbose)
    try:
        context = build(
            config_file,
            site_dir,
            pdf=not args.no_pdf,
            generator=args.generator,
            despite_problems=args.despite_problems,
        )
    except BuildFailed as error:
        print(f"Build failed: {error}. site/ was left as it was.", file=sys.stderr)
        return 1
    timings = ", ".join(f"{name} {seconds:.1f} s" for name, seconds in context.timings.items())
    print(f"Built {site_dir} ({timings})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
