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
    tree = _Restorer(tokens)
    for t in tokens:
        if t.kind in tree.heading_kinds:
            tree.heading(t)
        elif t.kind == tree.ikind:
            tree.item(t)
        else:
            line = t.label + t.text if t.kind != "text" else t.text
            (tree.current.lines if tree.current else tree.target.paragraphs if tree.target else tree.intro).append(line)
    return tree.finish()


class _Restorer:
    """The tree being built by ``build_tree_restored``: the main outline, the fragments found out
    of order (threads of headings or items that continue an earlier part) and where each went."""

    def __init__(self, tokens: list[Token]) -> None:
        self.ikind = item_kind(tokens, following=True)
        self.heading_kinds = [k for k in LEVELS[: LEVELS.index(self.ikind)] if any(t.kind == k for t in tokens)] if self.ikind else []
        self.run_on_style = _numbers_run_on(tokens, self.ikind, self.heading_kinds)
        self.intro: list[str] = []
        self.roots: list[_Sec] = []
        self.loose: list[_Item] = []
        self.main: list[_Sec] = []
        self.threads: dict[int, _Sec] = {}
        self.fragment_parent: dict[int, list[_Sec]] = {}
        self.ooo = _Sec(0, "", "", 1, out_of_order=True)
        self.warnings: list[str] = []
        self.target: _Sec | None = None
        self.item_thread: _Sec | None = None
        self.current: _Item | None = None
        self.last_main_item = 0

    def place(self, candidates: list[_Sec], what: str, where: str) -> _Sec | None:
        home = candidates[0] if len(candidates) == 1 else None
        self.warnings.append(f"{what} is out of order; " + (f"moved {where} {home.label}{home.title[:20]}" if home else "kept in the out-of-order part"))
        return home

    def heading(self, t: Token) -> None:
        main, threads = self.main, self.threads
        level = self.heading_kinds.index(t.kind)
        sec, depth = _Sec(t.number, t.label, t.text, level + 1), min(level, len(main))
        siblings = main[depth - 1].sections if depth else self.roots
        last = siblings[-1].number if siblings else 0
        frag = threads.get(level)
        for deeper in [k for k in threads if k > level]:
            del threads[deeper]
        if t.number == last + 1 or (t.number > last and not (frag and t.number == frag.number + 1)):
            if t.number != last + 1:
                self.warnings.append(f"heading numbering jumps from {last} to {t.label}")
            siblings.append(sec)
            main[depth:] = [sec]
        else:
            if frag is not None and t.number == frag.number + 1:
                dest = self.fragment_parent[level]
            else:
                parents = [p for p in _all_sections(self.roots) if p.level == level and p is not main[depth - 1]] if depth else []
                fitting = [p for p in parents if (p.sections[-1].number if p.sections else 0) == t.number - 1]
                host = self.place(fitting, f"{t.label}{t.text[:20]}", "under")
                dest = host.sections if host else self.ooo.sections
            sec.out_of_order = True
            dest.append(sec)
            threads[level] = sec
            self.fragment_parent[level] = dest
        self.target, self.item_thread, self.current = sec, None, None

    def item(self, t: Token) -> None:
        target = self.target
        self.current = _Item(t.number, t.label, [t.text], ())
        if target is None:
            self.loose.append(self.current)
            self.last_main_item = t.number
            return
        expected = self.last_main_item + 1 if self.run_on_style else (target.items[-1].number + 1 if target.items else 1)
        if t.number == expected:
            home = target
        elif self.item_thread is not None and t.number == self.item_thread.items[-1].number + 1:
            home = self.item_thread
        else:
            fitting = [s for s in _all_sections(self.roots) if s is not target and s.items and s.items[-1].number == t.number - 1]
            found = self.place(fitting, f"item {t.label}{t.text[:20]}", "to section")
            if found is None:
                found = _Sec(len(self.ooo.sections) + 1, "", "", 2, out_of_order=True)
                self.ooo.sections.append(found)
            home = self.item_thread = found
        if home is target and not target.out_of_order:
            self.last_main_item = t.number
        home.items.append(self.current)

    def finish(self) -> tuple[list[str], list[Section], list[str]]:
        roots = self.roots
        if self.loose:
            roots.insert(0, _Sec(0, "", "", 1, items=self.loose))
        if self.ooo.sections:
            roots.append(self.ooo)
        _set_paths(roots, ())
        all_items = [it for s in roots for it in _walk_items(s)]
        numbers = [it.number for it in all_items]
        run_on = len(set(numbers)) == len(numbers)
        self.warnings.extend(_numbering_warnings(all_items, run_on))
        return self.intro, [_freeze(s, run_on) for s in roots], self.warnings


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
