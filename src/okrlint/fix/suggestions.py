"""Suggested outcome-shaped rewrites for key results that are outputs.

Rewriting a key result needs a person: only they know who should behave differently and by how
much. So a rewrite is offered only when the text itself names the people (who) and what they
would do differently (the behaviour the text names, or the one its deliverable is for); the
figures are left to the author as `from <baseline> to <target>`. Without the people or the
behaviour there is no suggestion: a sentence of placeholders helps nobody. It is shown with the
finding, never applied by `--fix` and never offered as a SARIF fix.

    "Roll out the mobile app to all users"  ->  "Increase the share of users who use the
                                                 mobile app from <baseline> to <target>"
"""

from __future__ import annotations

import re
from typing import Any

from okrlint.text.reading import KeyResultReading

# The behaviour a deliverable is usually for, by a word of its name. The suggestion puts it in
# a placeholder: it is a starting point for the person rewriting, not a claim.
_BEHAVIOUR_OF = {
    "referral": "refer",
    "referrals": "refer",
    "invite": "invite",
    "invites": "invite",
    "invitation": "invite",
    "onboarding": "finish onboarding",
    "signup": "sign up",
    "sign-up": "sign up",
    "registration": "register",
    "checkout": "complete checkout",
    "cart": "complete checkout",
    "payment": "pay",
    "payments": "pay",
    "billing": "pay",
    "pricing": "upgrade",
    "upgrade": "upgrade",
    "trial": "convert from trial",
    "search": "find what they search for",
    "recommendations": "act on a recommendation",
    "integration": "connect",
    "integrations": "connect",
    "api": "call the API",
    "sdk": "build with the SDK",
    "dashboard": "use the dashboard",
    "report": "use the report",
    "reports": "use the reports",
    "app": "use the app",
    "feature": "use the feature",
    "newsletter": "subscribe",
    "blog": "read and sign up",
    "posts": "read and sign up",
    "webinar": "attend and sign up",
    "webinars": "attend and sign up",
    "community": "join the community",
    "forum": "get answers in the forum",
    "help": "solve problems on their own",
    "docs": "solve problems on their own",
    "documentation": "solve problems on their own",
    "faq": "solve problems on their own",
    "chatbot": "get answers without a ticket",
    "support": "get their problem solved",
    "loyalty": "come back",
    "rewards": "come back",
    "subscription": "subscribe",
    "mobile": "use the mobile app",
    "notifications": "come back",
    "reminders": "come back",
    "tutorial": "finish the tutorial",
    "training": "use what they learned",
    "course": "finish the course",
    "marketplace": "buy",
    "store": "buy",
    "shop": "buy",
    "booking": "book",
    "scheduling": "book",
}
_WORD = re.compile(r"[a-z][a-z-]*")
_THE = re.compile(r"^(the|a|an|our|new|v\d+(\.\d+)*)\s+", re.IGNORECASE)


def _text(term: Any) -> str | None:
    if term is None:
        return None
    text = getattr(term, "text", term)
    return str(text).strip() or None


def behaviour_for(deliverable: str | None) -> str | None:
    """The behaviour a deliverable is usually meant to change, from the words of its name."""
    if not deliverable:
        return None
    for word in _WORD.findall(deliverable.lower()):
        if word in _BEHAVIOUR_OF:
            return _BEHAVIOUR_OF[word]
    return None


def _thing(deliverable: str | None) -> str:
    if not deliverable:
        return "the work"
    cleaned = deliverable.strip().rstrip(".")
    while _THE.match(cleaned):
        cleaned = _THE.sub("", cleaned, count=1)
    return f"the {cleaned}" if cleaned else "the work"


def suggest_outcome(reading: KeyResultReading, verdict: Any) -> str | None:
    """An outcome-shaped rewrite of an output key result (`verdict`: its `output_verdict`), or
    None when the text does not say who would behave differently and how."""
    kind = verdict.output_kind or ""
    if kind in ("hire", "internal_metric"):
        # What new people or a team's own measure should move is not in the text.
        return None
    who = _text(reading.actor) or _people_named(reading)
    known = _text(reading.behaviour)
    does = behaviour_for(verdict.deliverable) or behaviour_for(known) or known
    if not who or not does:
        return None
    return f"Increase the share of {who} who {does} from <baseline> to <target>"


def _people_named(reading: KeyResultReading) -> str | None:
    """The people the text names, as written ("all users" -> "users")."""
    hits = getattr(reading, "hits", None) or {}
    people = hits.get("customer_actors", ())
    return _text(people[0]) if people else None
