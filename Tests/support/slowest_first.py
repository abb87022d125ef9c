"""Hands a suite's longest test files out first under pytest-xdist's `--dist loadfile`.

xdist gives each worker a whole file at a time, in the order of the collection when run with
`--no-loadscope-reorder` (by default it orders the files by their number of tests, whatever
they take). A long file handed out last ends the run alone while the other workers idle: in the
black-box suite a 20 s file came last and one worker ran 13–20 s after the other two had
finished (session 62). Starting with the longest files (the LPT rule) leaves only short ones
for the end, so the workers finish close together whatever the machine's speed.
"""
import collections
import pathlib


def slowest_files_first(items, slowest, directory):
    """Reorders the collected `items` in place: first the files named in `slowest` (base names,
    the slowest first), then the others with the most tests first (xdist's own default order);
    each file's tests stay together and in their collected order. Raises if a name in `slowest`
    is no file in `directory` (a renamed file would otherwise quietly lose its place) or is
    listed twice."""
    missing = [name for name in slowest if not (pathlib.Path(directory) / name).is_file()]
    if missing:
        raise ValueError(f"slowest-first list names files that are not in {directory}: {missing}")
    repeated = sorted(name for name, count in collections.Counter(slowest).items() if count > 1)
    if repeated:
        raise ValueError(f"slowest-first list names files more than once: {repeated}")
    rank = {name: index for index, name in enumerate(slowest)}
    tests = collections.Counter(item.path.name for item in items)
    seen = {}
    for item in items:
        seen.setdefault(item.path.name, len(seen))
    items.sort(key=lambda item: (rank.get(item.path.name, len(rank)), -tests[item.path.name], seen[item.path.name]))
