"""Template filters of the workspace: a comment's text, escaped, with its mentions marked."""

from __future__ import annotations

from django import template
from django.utils.html import escape, linebreaks
from django.utils.safestring import SafeString, mark_safe

from styrkort.workspace.comments import MENTION
from styrkort.workspace.models import Comment

register = template.Library()


@register.filter
def comment_text(comment: Comment) -> SafeString:
    """The text as typed (every character escaped), in paragraphs, a saved mention emphasised."""
    names = {user.username.lower() for user in comment.mentions.all()}
    text = comment.text
    parts: list[str] = []
    last = 0
    for match in MENTION.finditer(text):
        name = match.group(1).rstrip(".,")
        if name.lower() not in names:
            continue
        start, end = match.start(), match.start(1) + len(name)
        parts.append(escape(text[last:start]))
        parts.append(f'<strong class="mention">{escape(text[start:end])}</strong>')
        last = end
    parts.append(escape(text[last:]))
    return mark_safe(linebreaks("".join(parts), autoescape=False))  # noqa: S308 (every part escaped above)
