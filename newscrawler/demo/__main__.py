"""`python -m newscrawler.demo serve --port 0 [--articles N] [--port-file F]` and
`python -m newscrawler.demo truth --base-url URL`."""

from __future__ import annotations

import argparse
import json
import signal
import sys
import threading
from pathlib import Path

from newscrawler.demo.generate import build_site
from newscrawler.demo.server import DemoServer


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m newscrawler.demo")
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser("serve", help="serve the demo site on 127.0.0.1")
    serve.add_argument("--port", type=int, default=0)
    serve.add_argument("--articles", type=int, default=60)
    serve.add_argument("--port-file", help="write the site's URL here once it is up")
    serve.add_argument("--verbose", action="store_true")
    truth = commands.add_parser("truth", help="print what a perfect crawler archives")
    truth.add_argument("--base-url", required=True)
    truth.add_argument("--articles", type=int, default=60)
    args = parser.parse_args(argv)

    if args.command == "truth":
        print(
            json.dumps(build_site(args.base_url, n_articles=args.articles).truth_json(), indent=1)
        )
        return 0
    try:
        server = DemoServer(port=args.port, n_articles=args.articles, verbose=args.verbose)
    except OSError as exc:
        print(f"demo site: cannot listen on 127.0.0.1:{args.port}: {exc.strerror}", file=sys.stderr)
        return 1
    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())
    with server:
        print(f"Demo news site on {server.url}", flush=True)
        if args.port_file:
            Path(args.port_file).write_text(server.url)
        stop.wait()
    return 0


if __name__ == "__main__":
    sys.exit(main())
