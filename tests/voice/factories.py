"""Voice test data built through the real services: a piece of feedback, a submission to
the Board."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from sightline.accounts.models import User
from sightline.organisation.models import Authority
from sightline.voice import services
from sightline.voice.models import BoardSubmission, Feedback


def make_feedback(authority: Authority, by: User, **over: Any) -> Feedback:
    values: dict[str, Any] = {
        "received_on": timezone.localdate() - timedelta(days=3),
        "source": "young_person",
        "channel": "conversation",
        "team": None,
        "locality": None,
        "words": "My worker always turns up when she says she will.",
        "sentiment": "positive",
        "consent_to_share": True,
        "anonymous": True,
        "attributed_to": "",
    }
    themes = over.pop("themes", ["Being listened to"])
    values.update(over)
    return services.feedback_create(by=by, authority=authority, themes=themes, **values)


def make_submission(authority: Authority, by: User, *, due: date) -> BoardSubmission:
    return services.submission_create(
        by=by,
        authority=authority,
        group="Ambassadors",
        title="Tell us when our worker leaves",
        summary="We asked to be told face to face.",
        link="https://video.example/ambassadors",
        meeting="Improvement Board, March",
        meeting_date=due - timedelta(days=28),
        response_due=due,
    )
