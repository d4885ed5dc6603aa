"""`python -m contracts` regenerates contracts/schemas/ (after checking compatibility) and
contracts/asyncapi.json."""

import sys

from contracts.asyncapi import write_asyncapi
from contracts.schemas import breaking_changes, checked_in_schemas, generated_schemas, write_schemas


def main() -> int:
    current = checked_in_schemas()
    problems = [
        f"{name}: {problem}"
        for name, schema in generated_schemas().items()
        if name in current
        for problem in breaking_changes(current[name], schema)
    ]
    if problems and "--allow-breaking" not in sys.argv:
        print("Refusing to overwrite: these changes break the published contracts.")
        print("Publish a new event version (….v2) instead, or pass --allow-breaking.")
        print("\n".join(problems))
        return 1
    for name in write_schemas():
        print(f"wrote contracts/schemas/{name}")
    print(f"wrote contracts/{write_asyncapi().name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
