"""Constant interface strings answered when a template is compiled."""

from __future__ import annotations

from generator.outputs.render import environment
from tests.outputs.test_language import norwegian


def test_a_constant_string_is_compiled_into_the_template() -> None:
    env = environment()
    code = env.compile('## {{ _("Goal") }} {{ heading("Impact") }}\n', raw=True)
    assert "'_'" not in code and "'heading'" not in code
    assert env.from_string('## {{ _("Goal") }} {{ heading("Impact") }}\n').render() == (
        "## Goal Impact\n"
    )


def test_a_call_with_placeholders_or_on_an_object_stays_a_call() -> None:
    env = environment()
    assert "'_'" in env.compile('{{ _("Source %(number)s", number=n) }}', raw=True)
    assert "'_'" in env.compile('{{ _("100%%") }}', raw=True)
    template = env.from_string('{{ x._("Goal") }}|{{ _("Source %(number)s", number=2) }}')
    assert template.render(x={"_": lambda s: s.upper()}) == "GOAL|Source 2"


def test_a_translation_compiled_in_is_text_never_template_source() -> None:
    env = environment(norwegian({"Goal": "{{ 7*7 }}<b>", "Impact": "Virkning"}))
    shown = env.from_string('## {{ _("Goal") }}\n## {{ heading("Impact") }}\n').render()
    assert shown == "## &#123;&#123; 7&#42;7 &#125;&#125;&lt;b&gt;\n## Virkning { #impact }\n"
