"""One object a window, the command line and the figures reach citizen reception through."""

from __future__ import annotations

from app.citizens.dialogues import Dialogues
from app.citizens.disclosure import Disclosure
from app.citizens.flags import FlagService
from app.citizens.register import ReceptionRegister
from app.citizens.sessions import FollowUps, Sessions
from app.core.clock import Clock
from app.core.records import DeskIdentity
from app.core.worktime import CalendarSource
from app.feedback.service import FeedbackService
from db.store import Store


class CitizenReception:
    def __init__(
        self, store: Store, clock: Clock, calendar: CalendarSource, desk: DeskIdentity, feedback: FeedbackService
    ) -> None:
        self.store = store
        self.clock = clock
        self.desk = desk
        self.calendar = calendar
        self.register = ReceptionRegister(store, clock, calendar, desk, feedback)
        self.follow_ups = FollowUps(store, clock, calendar, desk)
        self.sessions = Sessions(store, clock, calendar, desk, self.follow_ups)
        self.dialogues = Dialogues(store, clock, desk, self.follow_ups)
        self.flags = FlagService(store, clock, desk)
        self.disclosure = Disclosure(store, clock, desk)
