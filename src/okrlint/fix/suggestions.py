"""Suggested outcome-shaped rewrites for key results that are outputs.

Rewriting a key result needs a person: only they know who should behave differently and by how
much. So the suggestion is a sentence with the known parts filled in from the reading (the actor,
the behaviour the deliverable is for) and the rest left as marked placeholders, `<like this>`.
It is shown with the finding and never applied by `--fix`.

    "Launch the referral program"  ->  "Increase the share of <who> who <refer ...> from
                                        <baseline> to <target>"
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


def suggest_outcome(reading: KeyResultReading) -> str:
    """An outcome-shaped rewrite of an output key result, placeholders marked `<...>`."""
    kind = reading.output_kind or ""
    who = _text(reading.actor) or "<who>"
    deliverable = reading.deliverable
    if kind == "hire":
        return "Increase <the measure the new people will move> from <baseline> to <target>"
    if kind == "internal_metric":
        return (
            "Reduce <the customer-facing problem this prevents, e.g. escaped defects> "
            "from <baseline> to <target>"
        )
    # What the deliverable is for, else the behaviour the reading found (a noun such as
    # "referral" turned into what people do), else a question in the placeholder.
    known = _text(reading.behaviour)
    guessed = behaviour_for(deliverable) or behaviour_for(known) or known
    if guessed:
        does = f"<{guessed} ...>"
    elif kind == "activity_count":
        does = f"<do what {_thing(deliverable)} is for>"
    else:
        does = f"<do what {_thing(deliverable)} should make them do>"
    return f"Increase the share of {who} who {does} from <baseline> to <target>"
