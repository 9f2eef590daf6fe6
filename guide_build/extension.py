"""The guide's Python-Markdown extension (mkdocs.yml: markdown_extensions:
guide_build.extension), run by MkDocs and Zensical alike.

- Before anything else reads the page, ``{{ macro(arg) }}`` becomes Markdown
  from data/*.yml (guide_build.macros); a macro that fails stops the build.
- After everything else, in the finished HTML:
  - copy buttons: any element with class ``copy`` gets Material's own
    ``md-clipboard`` button pointing at it;
  - print notes: a print-only copy of each annotation list;
  - checklist boxes get a name.
"""

from __future__ import annotations

import html
import re

from markdown import Extension
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor

from guide_build.macros import expand_macros

# Above Python-Markdown's own whitespace normalising (30) and every extension's
# preprocessor: the rest of the chain sees the expanded page, as if written by hand.
MACRO_PRIORITY = 100
# Below every postprocessor (the raw HTML stash is 30, &amp; 20): the finished page.
HTML_PRIORITY = -100


class MacroPreprocessor(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        return expand_macros("\n".join(lines)).split("\n")


# ---------------------------------------------------------------------------
# Copy buttons: Material's clipboard component, pointed at the paragraph
# ---------------------------------------------------------------------------

COPYABLE = re.compile(r'<(p|div)\b([^>]*\bclass="(?:[^"]*\s)?copy(?:\s[^"]*)?"[^>]*)>(.*?)</\1>', re.S)


def add_copy_buttons(html_text: str) -> str:
    count = 0

    def wrap(match):
        nonlocal count
        tag, attrs, inner = match.groups()
        count += 1
        id_match = re.search(r'\bid="([^"]+)"', attrs)
        if id_match:
            ident = id_match.group(1)
        else:
            ident = f"copy-{count}"
            attrs += f' id="{ident}"'
        return (
            f'<div class="copy-block"><{tag}{attrs}>{inner}</{tag}>'
            f'<button class="md-clipboard md-icon copy-button" type="button" '
            f'data-clipboard-target="#{ident}" title="复制这一段" aria-label="复制这一段"></button></div>'
        )

    return COPYABLE.sub(wrap, html_text)


# Material keeps annotation notes in memory and mounts only those in view, so
# printing would lose most of them. A print-only copy of each note list goes
# after it, left out of the search index.
ANNOTATED = re.compile(r'(<(p|div)\b[^>]*\bclass="[^"]*\bannotate\b[^"]*"[^>]*>.*?</\2>\s*)(<ol>.*?</ol>)', re.S)


def add_print_notes(match):
    notes = match.group(3).replace("<ol>", '<ol class="print-notes" data-search-exclude>', 1)
    return match.group(1) + match.group(3) + "\n" + notes


# Checklist boxes: pymdownx.tasklist wraps each in an empty <label>, so screen
# readers announce "checkbox" with no name. Name it after its item's text.
TASK_ITEM = re.compile(r'(<li class="task-list-item"><label class="task-list-control"><input type="checkbox")'
                       r'([^>]*>.*?</label>)(.*?)(?=</li>|<ul|<ol)', re.S)


def label_checkbox(match):
    text = html.unescape(re.sub(r"<[^>]+>", "", match.group(3))).strip()
    return f'{match.group(1)} aria-label="{html.escape(text[:120])}"{match.group(2)}{match.group(3)}'


def finish_html(html_text: str) -> str:
    html_text = add_copy_buttons(html_text)
    html_text = ANNOTATED.sub(add_print_notes, html_text)
    return TASK_ITEM.sub(label_checkbox, html_text)


class FinishingPostprocessor(Postprocessor):
    def run(self, text: str) -> str:
        return finish_html(text)


class GuideExtension(Extension):
    def extendMarkdown(self, md):
        md.preprocessors.register(MacroPreprocessor(md), "guide_macros", MACRO_PRIORITY)
        md.postprocessors.register(FinishingPostprocessor(md), "guide_finish", HTML_PRIORITY)


def makeExtension(**kwargs):
    return GuideExtension(**kwargs)
