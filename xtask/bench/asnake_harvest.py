"""ArchivesSnake's side of `cargo xtask bench`: harvest every archival object
of a repository to JSON Lines with ArchivesSnake's own `get_paged`, the way
a script written against ArchivesSnake would, and print what it did as one
JSON line on standard output for the bench to read.

The bench runs this in a virtualenv it makes under the target directory, with
the ArchivesSnake release it pins, and measures CPU time and peak memory of
this process from outside.
"""

import argparse
import json
import sys
import time

from asnake.client import ASnakeClient


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--base-url", required=True)
    parser.add_argument("--username", required=True)
    parser.add_argument("--password", required=True)
    parser.add_argument("--repo", type=int, default=2)
    parser.add_argument("--type", default="archival_objects")
    # get_paged's own default is 100; the bench passes 250, the server's
    # maximum, so that ArchivesSnake makes as few round trips as ours.
    parser.add_argument("--page-size", type=int, default=100)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()

    client = ASnakeClient(
        baseurl=args.base_url, username=args.username, password=args.password
    )
    client.authorize()
    started = time.perf_counter()
    count = 0
    with open(args.out, "w", encoding="utf-8") as out:
        for record in client.get_paged(
            f"repositories/{args.repo}/{args.type}", page_size=args.page_size
        ):
            out.write(json.dumps(record, ensure_ascii=False))
            out.write("\n")
            count += 1
    seconds = time.perf_counter() - started
    json.dump({"records": count, "seconds": seconds}, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
