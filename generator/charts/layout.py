"""A small deterministic force-directed layout for the network chart.

Fruchterman–Reingold in plain Python: a few dozen actors need no numerical library, and starting
from a fixed circle with no randomness, the same content always draws the same picture.
"""

from __future__ import annotations

import functools
import math

GRAVITY = 0.02
# The force step costs nodes² per iteration: past this many nodes (a few hundred actors is
# already more than a reader can follow) the layout is the starting circle, drawn at once.
FORCE_LIMIT = 200


def force_layout(
    nodes: list[str], edges: list[tuple[str, str]], iterations: int = 300
) -> dict[str, tuple[float, float]]:
    """Positions in [-1, 1]² for ``nodes``; linked nodes pull together, all nodes push apart.

    Kept for the same actors and links: the preview rebuilds after every save, and a save
    seldom changes the network (its layout was most of a rebuild's chart time)."""
    return dict(_layout(tuple(nodes), tuple(map(tuple, edges)), iterations))


@functools.lru_cache(maxsize=32)
def _layout(
    nodes: tuple[str, ...], edges: tuple[tuple[str, str], ...], iterations: int
) -> dict[str, tuple[float, float]]:
    count = len(nodes)
    if count == 0:
        return {}
    if count == 1:
        return {nodes[0]: (0.0, 0.0)}
    position = {
        node: [math.cos(2 * math.pi * i / count), math.sin(2 * math.pi * i / count)]
        for i, node in enumerate(nodes)
    }
    if count > FORCE_LIMIT:
        iterations = 0
    ideal = math.sqrt(4.0 / count)
    temperature = 0.2
    for _ in range(iterations):
        shift = {node: [0.0, 0.0] for node in nodes}
        for i, a in enumerate(nodes):
            ax, ay = position[a]
            for b in nodes[i + 1 :]:
                dx, dy = ax - position[b][0], ay - position[b][1]
                distance = math.hypot(dx, dy) or 1e-6
                push = ideal * ideal / distance
                shift[a][0] += dx / distance * push
                shift[a][1] += dy / distance * push
                shift[b][0] -= dx / distance * push
                shift[b][1] -= dy / distance * push
        for a, b in edges:
            dx = position[a][0] - position[b][0]
            dy = position[a][1] - position[b][1]
            distance = math.hypot(dx, dy) or 1e-6
            pull = distance * distance / ideal
            shift[a][0] -= dx / distance * pull
            shift[a][1] -= dy / distance * pull
            shift[b][0] += dx / distance * pull
            shift[b][1] += dy / distance * pull
        for node in nodes:  # gravity keeps separate groups of actors near the middle
            shift[node][0] -= GRAVITY * position[node][0] * count
            shift[node][1] -= GRAVITY * position[node][1] * count
        for node in nodes:
            dx, dy = shift[node]
            length = math.hypot(dx, dy) or 1e-6
            step = min(length, temperature)
            position[node][0] += dx / length * step
            position[node][1] += dy / length * step
        temperature = max(temperature * 0.985, 0.002)
    xs = [p[0] for p in position.values()]
    ys = [p[1] for p in position.values()]
    centre_x, centre_y = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    scale = max(max(xs) - min(xs), max(ys) - min(ys)) / 2 or 1.0
    return {
        node: (round((x - centre_x) / scale, 4), round((y - centre_y) / scale, 4))
        for node, (x, y) in position.items()
    }
