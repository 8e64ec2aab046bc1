"""Interface strings looked up once, when a template is compiled, not on every page.

Most marked strings are constants without placeholders (``{{ _("Country") }}``). Each
environment has one language, so such a call has one answer: this extension replaces the
call by that answer, as a string literal, while the template is compiled. The literal is a
token's value, never read as template source, so a translation in it cannot become Jinja.
A call with arguments, or a string holding ``%``, is left as a call.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from jinja2.ext import Extension
from jinja2.lexer import Token, TokenStream

# The template functions whose call with one constant argument is its answer.
CONSTANT_CALLS = ("_", "gettext", "heading")


class ConstantStrings(Extension):
    """Replace ``_("...")``, ``gettext("...")`` and ``heading("...")`` by their value."""

    def filter_stream(self, stream: TokenStream) -> Iterator[Token]:
        answers: dict[str, Callable[[str], str]] = {
            name: self.environment.globals[name]  # type: ignore[misc]
            for name in CONSTANT_CALLS
            if callable(self.environment.globals.get(name))
        }
        window: list[Token] = []
        previous = ""
        for token in stream:
            window.append(token)
            if len(window) < 4:
                continue
            first, opening, value, closing = window
            if (
                first.type == "name"
                and first.value in answers
                and previous != "dot"
                and opening.type == "lparen"
                and value.type == "string"
                and "%" not in value.value
                and closing.type == "rparen"
            ):
                yield Token(first.lineno, "string", answers[first.value](value.value))
                window.clear()
                previous = "string"
                continue
            yield window.pop(0)
            previous = first.type
        yield from window
