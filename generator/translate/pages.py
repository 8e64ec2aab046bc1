"""A hand-written page in another language: each block's English text replaced by its
translation, in place, the page's structure kept.

``translate_markdown`` parses the page as ``extract.markdown_units`` does (the same parser,
the same addresses) and puts each unit's translation where its source was: a list item's
continuation lines keep their indentation, a table cell its pipes, a definition its ``:``,
an admonition its ``!!! type "title"`` line, a footnote its ``[^x]:``, an abbreviation its
``*[ABBR]:``. A block without a usable translation stays in English and says so (WCAG
3.1.2): ``{ lang="en" .ih-en }`` (attr_list) where Python-Markdown attaches it (headings,
paragraphs, list items, table cells, definition terms and descriptions), a
``<span lang="en" class="ih-en">`` around an admonition title or a footnote's paragraph,
where attr_list cannot. An abbreviation's expansion is an attribute (``title``): unmarked.
A translated heading keeps the English heading's id, so links and the language menu's
anchors still land on it.

A translation is hostile. It is used only if it brings no link, image or raw HTML that its
source has not; it is written on its source's lines (or one line), every line start made
plain text (no heading, list, quote, admonition, table, rule, fence, code indentation,
definition, reference or snippet line can start in it), with ``<`` (but for its source's own
raw HTML), ``{`` and ``}`` (no attr_list of its own) and in a table cell ``|`` escaped.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping
from dataclasses import dataclass

from markdown_it.token import Token

from generator.load.project import Project
from generator.outputs.language import Tally
from generator.outputs.page import Page
from generator.outputs.render import with_coverage
from generator.translate import extract
from generator.translate.catalogs import Translation
from generator.translate.extract import PAGE_PARSER, Block, parse_page

ENGLISH = 'lang="en" .ih-en'  # the attributes of a block shown in English
_SPAN_OPEN, _SPAN_CLOSE = "<span lang='en' class='ih-en'>", "</span>"

_CODE_SPAN = re.compile(r"(?<!\\)(`+)(.+?)(?<!`)\1(?!`)", re.DOTALL)
_TRAILING_ATTRIBUTES = re.compile(r"[ \t]*\{:?[ \t]*([^{}\n]*?)[ \t]*\}[ \t]*$")
_ATX = re.compile(r"^[ \t]*#{1,6}(?:[ \t]+|$)")
_ADMONITION = re.compile(
    r'^([ \t]*(?:!!!|\?\?\?\+?)[ \t]*[\w-]+(?:[ \t]+[\w-]+)*)(?:[ \t]+"(.*)")?[ \t]*$'
)
_LIST_MARKER = re.compile(r"^([-+*])(?=[ \t]|$)|^(\d{1,9})([.)])")
_RULE = re.compile(r"^([-*_=])(?:[ \t]*\1)+[ \t]*$")
_REFERENCE = re.compile(r"^\*?\[[^\]]*\][ \t]*:")
_FENCE = re.compile(r"^(`{3,}|~{3,})")
_LANGUAGE_CODE = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]{1,8})*")
# Control characters, and the line breaks other than \n that str.splitlines() splits at.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")
_FOOTNOTE_REFERENCE = re.compile(r"\[\^([^\]\n]*)\]")
_TAG = re.compile(r"<[^<>\n]*>")
_BAD_SCHEME = re.compile(r"^(?:javascript|vbscript|data|file):", re.IGNORECASE)
# Characters that end a line start's escaping: a line start kept as it is in the source.
_SOURCE_PREFIX = re.compile(r"^:[ \t]+")


@dataclass(frozen=True)
class _Edit:
    start: int  # offsets into the page's text
    end: int
    text: str


def translate_markdown(
    text: str, page: str, translations: Mapping[str, str], language: str = ""
) -> tuple[str, Tally]:
    """``text`` (the Markdown of the page ``page``, its path under content/ without ``.md``)
    with each block's translation from ``translations`` (a unit's msgctxt -> its usable
    translation), and how many of its blocks are translated and how many left in English.

    With ``language`` (its code), a translated list item inside another list item says its
    language, as the item around it may be marked as English."""
    lines = text.splitlines()
    starts = []
    offset = 0
    for line in lines:
        starts.append(offset)
        offset += len(line) + 1
    joined = "\n".join(lines)
    parsed = parse_page(text)
    tally = Tally()
    edits: list[_Edit] = []
    columns = _cell_columns(parsed.tokens)
    nested = _nested_items(parsed.tokens) if _LANGUAGE_CODE.fullmatch(language) else set()
    for block in extract.blocks(parsed.tokens):
        translation = translations.get(f"page:{page}:{block.address}")
        own = f'lang="{language}"' if block.token in nested else ""
        made = _block_edits(block, parsed.tokens, lines, starts, columns, translation, own)
        if made is None:  # the block could not be found in the text: left as it is
            tally.english += 1
            continue
        translated, block_edits = made
        if translated:
            tally.translated += 1
        else:
            tally.english += 1
        edits += block_edits
    for abbreviation in parsed.abbreviations:
        index = abbreviation.line - 1
        translation = translations.get(f"page:{page}:abbr.{abbreviation.name}")
        expansion = " ".join(_CONTROL.sub(" ", translation or "").split())
        if not expansion:
            tally.english += 1
            continue
        tally.translated += 1
        start = starts[index]
        edits.append(
            _Edit(start, start + len(lines[index]), f"*[{abbreviation.name}]: {expansion}")
        )
    written = joined
    for edit in sorted(edits, key=lambda e: e.start, reverse=True):
        written = written[: edit.start] + edit.text + written[edit.end :]
    if text.endswith(("\n", "\r")):
        written += "\n"
    return written, tally


def _cell_columns(tokens: list[Token]) -> dict[int, int]:
    """The column of each table cell's inline token (0-based, within its row)."""
    columns: dict[int, int] = {}
    column = -1
    for index, token in enumerate(tokens):
        if token.type == "tr_open":
            column = -1
        elif token.type in ("th_open", "td_open"):
            column += 1
        elif token.type == "inline" and index and tokens[index - 1].type in ("th_open", "td_open"):
            columns[index] = column
    return columns


def _nested_items(tokens: list[Token]) -> set[int]:
    """The inline tokens in a list item that is itself in a list item."""
    depth = 0
    found = set()
    for index, token in enumerate(tokens):
        if token.type == "list_item_open":
            depth += 1
        elif token.type == "list_item_close":
            depth -= 1
        elif token.type == "inline" and depth > 1:
            found.add(index)
    return found


def _block_edits(
    block: Block,
    tokens: list[Token],
    lines: list[str],
    starts: list[int],
    columns: dict[int, int],
    translation: str | None,
    own: str = "",
) -> tuple[bool, list[_Edit]] | None:
    token = tokens[block.token]
    if token.map is None:
        return None
    first = token.map[0]
    source = token.content.strip()
    if block.parent in ("th_open", "td_open"):
        return _cell(block, first, lines, starts, columns, translation)
    if block.parent == "admonition_title_open":
        return _admonition_title(first, lines, starts, source, translation)
    located = _located(block, token, lines)
    if located is None:
        return None
    (line_from, column_from), (line_to, column_to), prefixes = located
    start, end = starts[line_from] + column_from, starts[line_to] + column_to
    heading = block.parent == "heading_open"
    same_line = heading or block.parent == "dt_open"
    body, attributes = _split_attributes(source, own_line=not same_line)
    safe = _safe(translation, body, heading, source_lines=prefixes)
    if safe is not None:
        attributes = " ".join(part for part in (attributes, own) if part)
        if heading:
            kept = [a for a in attributes.split() if not a.startswith("#")]
            written = f"{safe} {{ {' '.join([f'#{block.address}', *kept])} }}"
        elif attributes:
            written = (
                f"{safe} {{ {attributes} }}"
                if same_line
                else f"{safe}\n{_continuation(prefixes[-1])}{{ {attributes} }}"
            )
        else:
            written = safe
        return True, [_Edit(start, end, written)]
    if block.footnote:
        return False, [
            _Edit(end, end, _SPAN_CLOSE),
            _Edit(start, start, _SPAN_OPEN),
        ]
    marked = " ".join(part for part in (attributes, ENGLISH) if part)
    if same_line:
        return False, [_Edit(start, end, f"{body} {{ {marked} }}")]
    if attributes:  # the source's own attribute line, the marker added to it
        brace = lines[line_to].rfind("{", 0, column_to)
        return False, [_Edit(starts[line_to] + brace, end, f"{{ {marked} }}")]
    return False, [_Edit(end, end, f"\n{_continuation(prefixes[-1])}{{ {marked} }}")]


def _located(
    block: Block, token: Token, lines: list[str]
) -> tuple[tuple[int, int], tuple[int, int], list[str]] | None:
    """Where the block's text is: (first line, column), (last line, end column), and the
    prefix of each of its lines (indentation, ``- ``, ``> ``, ``:   `` ...)."""
    assert token.map is not None
    content = token.content.rstrip().split("\n")
    while content and not content[0].strip():
        content.pop(0)
    first = token.map[0]
    prefixes = []
    line_index = first
    found: list[tuple[int, int, int]] = []  # (line, start, end)
    for number, piece in enumerate(content):
        line_index = first + number
        if line_index >= len(lines):
            return None
        raw = lines[line_index]
        wanted = piece.strip()
        if block.parent == "heading_open" and number == 0:
            atx = _ATX.match(raw)
            column = raw.find(wanted, atx.end() if atx else 0)
        else:
            column = len(raw.rstrip()) - len(wanted)
            if not wanted or column < 0 or raw[column : column + len(wanted)] != wanted:
                column = -1
        if column < 0:
            return None
        found.append((line_index, column, column + len(wanted)))
        prefixes.append(raw[:column])
    if not found:
        return None
    return (found[0][0], found[0][1]), (found[-1][0], found[-1][2]), prefixes


def _continuation(prefix: str) -> str:
    """The prefix of a line that continues a block whose line starts with ``prefix``: its
    quote markers kept, every other character (a list marker, ``:``, ``[^x]:``) a space."""
    return "".join(c if c in "> \t" else " " for c in prefix)


def _cell(
    block: Block,
    row: int,
    lines: list[str],
    starts: list[int],
    columns: dict[int, int],
    translation: str | None,
) -> tuple[bool, list[_Edit]] | None:
    if row >= len(lines):
        return None
    cells = _cells(lines[row])
    column = columns.get(block.token, -1)
    if not 0 <= column < len(cells):
        return None
    cell_start, cell_end = cells[column]
    raw = lines[row][cell_start:cell_end]
    stripped = raw.strip()
    if not stripped:
        return None
    start = starts[row] + cell_start + (len(raw) - len(raw.lstrip()))
    end = start + len(stripped)
    body, attributes = _split_attributes(stripped, own_line=False)
    first = not lines[row][:cell_start].strip()  # a row without its outer pipe
    safe = _safe(translation, block.source, False, cell=True, line_start=first)
    if safe is not None:
        written = f"{safe} {{ {attributes} }}" if attributes else safe
        return True, [_Edit(start, end, written)]
    marked = " ".join(part for part in (attributes, ENGLISH) if part)
    return False, [_Edit(start, end, f"{body} {{ {marked} }}")]


def _cells(line: str) -> list[tuple[int, int]]:
    """The (start, end) columns of each cell of a table row: between its unescaped pipes,
    the outer pipes left out."""
    pipes = []
    backslashes = 0
    for column, char in enumerate(line):
        if char == "|" and backslashes % 2 == 0:
            pipes.append(column)
        backslashes = backslashes + 1 if char == "\\" else 0
    bounds = [-1, *pipes, len(line)]
    cells = [(a + 1, b) for a, b in itertools.pairwise(bounds)]
    if cells and not line[: cells[0][1]].strip():
        cells = cells[1:]
    if cells and not line[cells[-1][0] :].strip():
        cells = cells[:-1]
    return cells


def _admonition_title(
    row: int, lines: list[str], starts: list[int], source: str, translation: str | None
) -> tuple[bool, list[_Edit]] | None:
    if row >= len(lines):
        return None
    match = _ADMONITION.match(lines[row])
    if match is None:
        return None
    safe = _safe(translation, source, False)
    shown = safe if safe is not None else f"{_SPAN_OPEN}{source}{_SPAN_CLOSE}"
    start = starts[row]
    return safe is not None, [_Edit(start, start + len(lines[row]), f'{match.group(1)} "{shown}"')]


def _split_attributes(source: str, own_line: bool) -> tuple[str, str]:
    """A block's text and the inside of its own trailing attribute list (``{#id .x}``): at
    the end of its line (a heading, a term, a cell), or on a line of its own (``own_line``:
    a paragraph, an item, a definition, as attr_list reads them)."""
    match = _TRAILING_ATTRIBUTES.search(source)
    if match is None or not source[: match.start()].strip():
        return source, ""
    if own_line and not source[: match.start()].rstrip(" \t").endswith("\n"):
        return source, ""
    return source[: match.start()].rstrip(), match.group(1).strip()


# --- a translation made harmless -------------------------------------------------------------


def _safe(
    translation: str | None,
    source: str,
    heading: bool,
    *,
    cell: bool = False,
    line_start: bool = True,
    source_lines: list[str] | None = None,
) -> str | None:
    """The translation as Markdown that holds nothing its source does not, on one line (or on
    as many lines as its source, each written where the source's is), or None when it cannot
    be used."""
    if translation is None:
        return None
    text = translation.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    text = _CONTROL.sub(" ", text)
    body, _ = _split_attributes(text.strip(), own_line=False)
    tags = _allowed_tags(body, source)
    if not body.strip() or tags is None:
        return None
    pieces = [p.strip() for p in body.split("\n")]
    source_pieces = [p.strip() for p in source.split("\n")]
    source_count = len(source_pieces)
    if heading or cell or len(pieces) != source_count or any(not p for p in pieces):
        pieces = [" ".join(body.split())]
    for number, own in enumerate(source_pieces):
        prefix = _SOURCE_PREFIX.match(own)
        if prefix and (len(pieces) != source_count or not pieces[number].startswith(prefix[0])):
            return None  # its source's lines are a structure (terms, then ``:`` a definition)
    written = []
    for number, piece in enumerate(pieces):
        own = source_pieces[number] if len(pieces) == source_count else ""
        written.append(_line(piece, own, cell or len(pieces) > 1, tags, line_start))
    if cell and not _paired_backticks(written[0]):
        return None
    shown = "\n".join(written)
    if source_lines is not None and len(written) > 1:
        prefixes = source_lines
        shown = written[0] + "".join(
            f"\n{prefixes[n] if n < len(prefixes) else ''}{w}" for n, w in enumerate(written) if n
        )
    return shown


def _paired_backticks(text: str) -> bool:
    """Whether each run of backticks of a table cell's text closes within it, as
    Python-Markdown's tables pair them along the row (a code span left open would swallow
    the pipes after it and merge the cells)."""
    if "\\`" in text:
        return False
    runs = [len(m.group(0)) for m in re.finditer(r"`+", text)]
    position = 0
    while position < len(runs):
        try:
            position += runs[position + 1 :].index(runs[position]) + 2
        except ValueError:
            return False
    return True


def _line(
    piece: str, source_piece: str, pipes: bool, tags: tuple[str, ...], line_start: bool = True
) -> str:
    """One line of a translation, as plain inline Markdown at the start of a line."""
    kept = ""
    own = _SOURCE_PREFIX.match(source_piece)
    if own and piece.startswith(own.group(0)):  # a line start its source has (``:   ``)
        kept, piece = own.group(0), piece[own.end() :]
    piece = _escaped(piece, pipes, tags)
    if piece.endswith("\\") and (len(piece) - len(piece.rstrip("\\"))) % 2:
        piece += "\\"
    return kept + (_line_start(piece) if line_start else piece)


def _line_start(piece: str) -> str:
    """``piece`` with its first character made text if it could start a block."""
    if not piece:
        return piece
    first = piece[0]
    if (
        first in "#>|:"
        or piece.startswith(("!!!", "???"))
        or _LIST_MARKER.match(piece)
        or _RULE.match(piece)
        or _REFERENCE.match(piece)
        or _FENCE.match(piece)
        or piece.startswith("-")
    ):
        marker = _LIST_MARKER.match(piece)
        if marker and marker.group(2):
            digits = marker.group(2)
            return f"{digits}\\{piece[len(digits)]}{piece[len(digits) + 1 :]}"
        return f"&#{ord(first)};{piece[1:]}"
    return piece


def _escaped(text: str, pipes: bool, tags: tuple[str, ...]) -> str:
    """``<`` as ``&lt;`` (but for the raw HTML tags the text may keep), ``{``, ``}`` (and
    ``|``) backslash-escaped, outside code spans."""
    out = []
    position = 0
    for match in _CODE_SPAN.finditer(text):
        out.append(_escaped_text(text[position : match.start()], pipes, tags))
        out.append(match.group(0))
        position = match.end()
    out.append(_escaped_text(text[position:], pipes, tags))
    return "".join(out)


def _escaped_text(text: str, pipes: bool, tags: tuple[str, ...]) -> str:
    special = "{}|" if pipes else "{}"
    out = []
    backslashes = 0
    index = 0
    while index < len(text):
        char = text[index]
        if char == "<":
            tag = next((t for t in tags if text.startswith(t, index)), "")
            if tag:
                out.append(tag)
                index += len(tag)
                backslashes = 0
                continue
            out.append("&lt;")
        elif char in special and backslashes % 2 == 0:
            out.append("\\" + char)
        elif char == "^" and text.startswith("[", index + 1):
            out.append("&#94;")  # not an inline footnote (``^[note]``) where one is read
        else:
            out.append(char)
        backslashes = backslashes + 1 if char == "\\" else 0
        index += 1
    return "".join(out)


def _allowed_tags(translation: str, source: str) -> tuple[str, ...] | None:
    """The source's raw tags (and autolinks) that the translation may keep, longest first;
    None if the translation has a link, image or raw HTML that its source has not, or not
    the same footnote references."""
    mine, theirs = _inline_parts(translation), _inline_parts(source)
    if not mine <= theirs:
        return None
    if _footnote_references(translation) != _footnote_references(source):
        return None  # a footnote without its reference would be lost (or one added twice)
    for kind, value in mine:
        if kind in ("href", "src") and _BAD_SCHEME.match("".join(value.split())):
            return None
    return tuple(sorted(set(_TAG.findall(source)), key=len, reverse=True))


def _footnote_references(text: str) -> list[str]:
    """The labels of the footnote references of ``text`` (not escaped, not in code)."""
    text = _CODE_SPAN.sub(" ", text)
    found = []
    for match in _FOOTNOTE_REFERENCE.finditer(text):
        backslashes = len(text[: match.start()]) - len(text[: match.start()].rstrip("\\"))
        if backslashes % 2 == 0:
            found.append(match.group(1))
    return sorted(found)


def _inline_parts(text: str) -> set[tuple[str, str]]:
    parts: set[tuple[str, str]] = set()
    for token in PAGE_PARSER.parseInline(text):
        for child in token.children or ():
            if child.type == "link_open":
                parts.add(("href", str(child.attrs.get("href", ""))))
            elif child.type == "image":
                parts.add(("src", str(child.attrs.get("src", ""))))
            elif child.type == "html_inline":
                parts.add(("html", child.content))
    return parts


# --- the pages of a language's site ----------------------------------------------------------


def content_pages(project: Project, code: str, translations: Mapping[str, str]) -> list[Page]:
    """The hand-written pages of ``project`` (``extract.page_files``: content/'s pages and the
    abbreviations every page is given) in ``code``, from ``translations`` (msgctxt -> usable
    translation). A page partly in English says how much of it is translated below its title,
    in the current language (``generator.outputs.language.speaking``). Each page but the
    abbreviations is marked for the allowlist sanitizer (``safety_extension``)."""
    pages = []
    for path in extract.page_files(project):
        try:
            text = path.read_text("utf-8")
        except (OSError, UnicodeDecodeError):
            continue  # validate reports an unreadable page; the build shows it as it is
        relative = path.relative_to(project.content_dir)
        page = relative.with_suffix("").as_posix()
        written, tally = translate_markdown(text, page, translations, code)
        if tally.english and path != project.glossary_file:
            written = with_coverage(written, tally)
        # Translations are hostile text too: the page's HTML passes the allowlist sanitizer,
        # as a page made from records does (it keeps all a hand-written page is made of).
        # Not the abbreviations, which snippets appends to every page as they are.
        sanitized = path != project.glossary_file
        pages.append(Page(relative.as_posix(), "", written, from_records=sanitized))
    return pages


def usable_translations(loaded: Mapping[str, Translation]) -> dict[str, str]:
    """The pages' translations fit to show (``catalogs.load_translations`` has left out the
    ones its checks refuse): by msgctxt, neither fuzzy nor empty."""
    return {
        at: t.text
        for at, t in loaded.items()
        if at.startswith("page:") and not t.fuzzy and t.text.strip()
    }
