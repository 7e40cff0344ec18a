"""Parse, part 4: the outline of a restored copy, with out-of-order page fragments.

``build_tree_restored`` is ``outline.build_tree`` for bodies split by
``runon`` (seed 003): it makes the same tree from the same tokens, but reads
numbering that goes backwards as a page fragment the sharing site put in the
wrong place (003's “十三五” review subsections （二）（三）（四） surface after
chapter 五's （三）; items 3、4、 of the review's social-assistance part sit
inside chapter 四's （二）).

A fragment goes where its numbering says it belongs when exactly one section
can take it — the only chapter whose last subsection, or the only section
whose last item, has its number minus one — else into a trailing section
flagged ``out_of_order`` (number 0), one untitled subsection per fragment.
Moved parts are flagged too, and every decision is a warning, so the site can
say what was done. Later headings and items that continue a fragment's
numbering join it; the document's own numbering wins when both fit. Nothing is
dropped. Documents that number items on across sections (001 ``1、…33、``,
002 ``（一）…（四十四）``) are recognised first, so their section starts are
not taken for fragments.
"""

from __future__ import annotations

from ..model import Section
from .outline import LEVELS, Token, _freeze, _Item, _numbering_warnings, _Sec, _walk_items, item_kind


def _numbers_run_on(tokens: list[Token], ikind: str | None, heading_kinds: list[str]) -> bool:
    """True when the first item after a heading mostly continues the previous item's number."""
    restarts = continues = 0
    last, after_heading = 0, False
    for t in tokens:
        if t.kind in heading_kinds:
            after_heading = True
        elif t.kind == ikind:
            if after_heading and last:
                restarts += t.number == 1
                continues += t.number == last + 1
            last, after_heading = t.number, False
    return continues > restarts


def build_tree_restored(tokens: list[Token]) -> tuple[list[str], list[Section], list[str]]:
    """(intro paragraphs, sections, warnings), like ``outline.build_tree``."""
    ikind = item_kind(tokens, following=True)
    heading_kinds = [k for k in LEVELS[: LEVELS.index(ikind)] if any(t.kind == k for t in tokens)] if ikind else []
    run_on_style = _numbers_run_on(tokens, ikind, heading_kinds)
    intro: list[str] = []
    roots: list[_Sec] = []
    loose: list[_Item] = []
    main: list[_Sec] = []
    threads: dict[int, _Sec] = {}
    fragment_parent: dict[int, list[_Sec]] = {}
    ooo = _Sec(0, "", "", 1, out_of_order=True)
    warnings: list[str] = []
    target: _Sec | None = None
    item_thread: _Sec | None = None
    current: _Item | None = None
    last_main_item = 0

    def place(candidates: list[_Sec], what: str, where: str) -> _Sec | None:
        home = candidates[0] if len(candidates) == 1 else None
        warnings.append(f"{what} is out of order; " + (f"moved {where} {home.label}{home.title[:20]}" if home else "kept in the out-of-order part"))
        return home

    for t in tokens:
        if t.kind in heading_kinds:
            level = heading_kinds.index(t.kind)
            sec, depth = _Sec(t.number, t.label, t.text, level + 1), min(level, len(main))
            siblings = main[depth - 1].sections if depth else roots
            last = siblings[-1].number if siblings else 0
            frag = threads.get(level)
            for deeper in [k for k in threads if k > level]:
                del threads[deeper]
            if t.number == last + 1 or (t.number > last and not (frag and t.number == frag.number + 1)):
                if t.number != last + 1:
                    warnings.append(f"heading numbering jumps from {last} to {t.label}")
                siblings.append(sec)
                main[depth:] = [sec]
            else:
                if frag is not None and t.number == frag.number + 1:
                    dest = fragment_parent[level]
                else:
                    parents = [p for p in _all_sections(roots) if p.level == level and p is not main[depth - 1]] if depth else []
                    fitting = [p for p in parents if (p.sections[-1].number if p.sections else 0) == t.number - 1]
                    host = place(fitting, f"{t.label}{t.text[:20]}", "under")
                    dest = host.sections if host else ooo.sections
                sec.out_of_order = True
                dest.append(sec)
                threads[level] = sec
                fragment_parent[level] = dest
            target, item_thread, current = sec, None, None
        elif t.kind == ikind and target is not None:
            if run_on_style:
                expected = last_main_item + 1
            else:
                expected = target.items[-1].number + 1 if target.items else 1
            if t.number == expected:
                home = target
            elif item_thread is not None and t.number == item_thread.items[-1].number + 1:
                home = item_thread
            else:
                fitting = [s for s in _all_sections(roots) if s is not target and s.items and s.items[-1].number == t.number - 1]
                found = place(fitting, f"item {t.label}{t.text[:20]}", "to section")
                if found is None:
                    found = _Sec(len(ooo.sections) + 1, "", "", 2, out_of_order=True)
                    ooo.sections.append(found)
                home = item_thread = found
            if home is target and not target.out_of_order:
                last_main_item = t.number
            current = _Item(t.number, t.label, [t.text], ())
            home.items.append(current)
        elif t.kind == ikind:
            current = _Item(t.number, t.label, [t.text], ())
            loose.append(current)
            last_main_item = t.number
        else:
            line = t.label + t.text if t.kind != "text" else t.text
            (current.lines if current else target.paragraphs if target else intro).append(line)
    if loose:
        roots.insert(0, _Sec(0, "", "", 1, items=loose))
    if ooo.sections:
        roots.append(ooo)
    _set_paths(roots, ())
    all_items = [it for s in roots for it in _walk_items(s)]
    numbers = [it.number for it in all_items]
    run_on = len(set(numbers)) == len(numbers)
    warnings.extend(_numbering_warnings(all_items, run_on))
    return intro, [_freeze(s, run_on) for s in roots], warnings


def _all_sections(roots: list[_Sec]) -> list[_Sec]:
    out = []
    for s in roots:
        out.append(s)
        out.extend(_all_sections(s.sections))
    return out


def _set_paths(sections: list[_Sec], path: tuple[int, ...]) -> None:
    """Item paths follow where the item ended up (a moved fragment takes its new place's path)."""
    for s in sections:
        here = (*path, s.number) if s.label or s.out_of_order else path
        for it in s.items:
            it.path = here
        _set_paths(s.sections, here)
