"""Text boxes take no more than the database column holds: the desktop's SQLite would keep a longer value,
and the server's PostgreSQL would refuse it (and every row referring to it) at the next sync."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialog, QWidget
from pytestqt.qtbot import QtBot

from app.store.models import Case, MediationSession, Person
from app.ui.forms.ui_case_dialog import Ui_CaseDialog
from app.ui.forms.ui_case_fields import Ui_CaseFields
from app.ui.forms.ui_mediation_dialog import Ui_MediationDialog
from app.ui.forms.ui_person_dialog import Ui_PersonDialog


@pytest.mark.parametrize(("form", "box", "column"), [
    (Ui_PersonDialog, "nameEdit", Person.__table__.c.name),
    (Ui_CaseFields, "titleEdit", Case.__table__.c.title),
    (Ui_CaseDialog, "placeEdit", Case.__table__.c.place_text),
    (Ui_MediationDialog, "mediatorEdit", MediationSession.__table__.c.mediator),
])
def test_a_text_box_takes_what_its_column_holds(qtbot: QtBot, form: type, box: str, column: object) -> None:
    widget = QDialog() if form is not Ui_CaseFields else QWidget()
    qtbot.addWidget(widget)
    ui = form()
    ui.setupUi(widget)
    assert getattr(ui, box).maxLength() == column.type.length  # type: ignore[attr-defined]
