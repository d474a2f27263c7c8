"""Command line: ``build`` the site, PDFs and offline bundle safely; ``check`` the content; start ``new`` files."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .editing.cli import add_commands
from .outputs.pipeline import BuildFailed, build
from .trust import command as freshness_command


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="ltss-toolkit", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="build site/ (HTML, PDFs, offline zip); a failure leaves site/ as it was")
    b.add_argument("-f", "--config-file", default="mkdocs.yml", type=Path)
    b.add_argument("-d", "--site-dir", default=None, type=Path, help="where to write the site (default: site/)")
    b.add_argument("--no-pdf", action="store_true", help="skip the PDFs (faster previews)")
    add_commands(sub)
    freshness_command.add_parser(sub)
    args = parser.parse_args(argv)
    if args.command != "build":
        return int(args.run(args))
    config_file: Path = args.config_file.resolve()
    project_dir = config_file.parent
    site_dir = args.site_dir or project_dir / "site"
    try:
        context = build(project_dir, config_file, site_dir, options={"pdf": not args.no_pdf})
    except BuildFailed as error:
        print(f"Build failed: {error}. site/ was left as it was.", file=sys.stderr)
        return 1
    timings = ", ".join(f"{name} {seconds:.1f} s" for name, seconds in context.timings.items())
    print(f"Built {site_dir} ({timings})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
