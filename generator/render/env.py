"""The Jinja2 environment for generated Markdown pages.

Every ``{{ … }}`` in a template is escaped by ``finalize`` unless the value is
``Markup`` (built by the renderer: links, anchors). Forgetting a filter
therefore errs on the side of showing source text as text.
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from ..datafiles import DATA_DIR, data_yaml
from .escape import escape_attr, escape_md
from .outputs import Output

TEMPLATES = DATA_DIR.parent / "templates"


def _finalize(value: Any) -> Any:
    if isinstance(value, Markup):
        return value
    if value is None:
        return ""
    return escape_md(str(value))


@lru_cache(maxsize=1)
def labels() -> dict[str, dict[str, str]]:
    return data_yaml("labels.yaml")  # type: ignore[return-value]


@lru_cache(maxsize=1)
def cleaning_rules() -> dict[str, dict[str, dict[str, str]]]:
    """rule name → language → ``name`` and ``text`` (what the rule does), for the cleaning logs."""
    return data_yaml("cleaning_rules.yaml")  # type: ignore[return-value]


def translator(lang: str):  # type: ignore[no-untyped-def]
    table = labels()

    def t(key: str) -> str:
        return table[key][lang]

    return t


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        finalize=_finalize,
        autoescape=False,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["attr"] = lambda v: Markup(escape_attr(str(v)))
    env.filters["raw"] = Markup
    return env


def render(template: str, fragments: Any = None, **context: Any) -> str:
    """A page from a template; ``frag(html)`` in the template keeps heavy HTML out of the
    Markdown (``render.fragments``). ``fragments``: a list the caller already added parts to."""
    from .html_fragments import Fragments

    fragments = fragments or Fragments()
    text = environment().get_template(template).render(frag=fragments.add, **context)
    return text + fragments.block()


def templated(kind: str, lang: str, template: str, **context: Any) -> Output:
    """``render`` declared as an output made from the template, the language and the context's
    values (functions such as ``t`` are left out: they are fixed by the language and the
    generator): a page that lists documents is made again only when what it lists changed."""
    data = {k: v for k, v in context.items() if not callable(v)}
    return Output(
        kind, lambda: json.dumps([template, lang, data], ensure_ascii=False, sort_keys=True, default=str).encode(), lambda: render(template, **context)
    )
