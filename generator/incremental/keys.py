"""Keys: an output's declared inputs → the name of its entry in the page cache.

Render declares what each output is made from (``render.outputs.Output.inputs``: JSON values,
or ``bytes`` already encoded); ``key`` hashes them. The generator's own code and data are not
among the inputs: the page cache's folder is named by their fingerprint
(``store.code_fingerprint``), so a generator change empties it once.
"""

from __future__ import annotations

import hashlib
import json


def key(kind: str, inputs: object) -> str:
    """The cache key of an output of ``kind`` made from ``inputs``: bytes as they are, a list
    part by part (bytes as they are, other values as JSON), anything else as JSON."""
    h = hashlib.sha256(kind.encode())
    for part in inputs if isinstance(inputs, list) else [inputs]:
        h.update(b"\0")
        h.update(part if isinstance(part, bytes) else json.dumps(part, ensure_ascii=False, separators=(",", ":")).encode())
    return h.hexdigest()[:32] + "-" + kind
