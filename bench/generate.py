"""Write a valid synthetic dataset N times the size of a real one (same schema).

    python -m bench.generate data/relations.toml /tmp/relations-x100.toml --scale 100

Copy k of every country, person, organisation, agreement and event gets ids and names with
the suffix ``-k``; copies have no ISO codes (they must stay unique) and point at the copied
countries and people, so every reference still resolves. The real records are kept as they
are, so ``show russia`` means the same thing on both files. Copies of people keep their envoys'
tenures but not Albania's own offices, which do not multiply with the partners.
"""

from __future__ import annotations

import argparse
import copy
from pathlib import Path

import tomllib
from tools.toml_writer import ORDER, write_dataset


def scaled(raw: dict, factor: int) -> dict:
    out = {kind: list(raw.get(kind, [])) for kind in ORDER}
    for k in range(1, factor):
        suffix = f"-{k}"
        for country in raw.get("countries", []):
            twin = copy.deepcopy(country)
            twin["id"] += suffix
            twin["name"] += f" {k}"
            twin.pop("iso2", None)
            twin.pop("iso3", None)
            twin.pop("list_rank", None)
            twin["aliases"] = [f"{alias} {k}" for alias in twin.get("aliases", [])]
            for link in ("predecessors", "successors"):
                if link in twin:
                    twin[link] = [c + suffix for c in twin[link]]
            for mission in twin.get("missions", []):
                mission["id"] += f"-copy{k}"  # real ids may already end in -2, -3 ...
                for field in ("opened_event", "closed_event"):
                    if field in mission:
                        mission[field] += suffix
            twin.pop("cow", None)
            twin.pop("wikidata", None)
            out["countries"].append(twin)
        for person in raw.get("people", []):
            twin = copy.deepcopy(person)
            twin["id"] += suffix
            twin["name"] += f" {k}"
            # Albania's own offices do not multiply with the partners: copies keep only the
            # envoys' tenures, posted to or from the copied states
            twin["tenures"] = [t for t in twin.get("tenures", [])
                               if t["state"] != "albania" or "posted_to" in t]
            if not twin["tenures"]:
                del twin["tenures"]
            for tenure in twin.get("tenures", []):
                for field in ("state", "posted_to"):
                    if tenure.get(field, "albania") != "albania":
                        tenure[field] += suffix
            out["people"].append(twin)
        for org in raw.get("organisations", []):
            twin = copy.deepcopy(org)
            twin["abbr"] += suffix
            for field in ("joined_event", "left_event"):
                if field in twin:
                    twin[field] += suffix
            out["organisations"].append(twin)
        for kind in ("agreements", "events"):
            for record in raw.get(kind, []):
                twin = copy.deepcopy(record)
                twin["id"] += suffix
                twin["countries"] = [c + suffix for c in twin.get("countries", [])]
                if "people" in twin:
                    twin["people"] = [p + suffix for p in twin["people"]]
                if "orgs" in twin:
                    twin["orgs"] = [o + suffix for o in twin["orgs"]]
                for step in twin.get("steps", []):
                    if "superseded_by" in step:
                        step["superseded_by"] += suffix
                out[kind].append(twin)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path)
    parser.add_argument("target", type=Path)
    parser.add_argument("--scale", type=int, default=100)
    args = parser.parse_args()
    raw = tomllib.loads(args.source.read_text(encoding="utf-8"))
    write_dataset(args.target, scaled(raw, args.scale))


if __name__ == "__main__":
    main()
