"""Each store failure reaches the clerk as one sentence in Vietnamese and English, mapped in one place."""

from __future__ import annotations

import pytest

from app.core import storage_errors
from app.core.errors import MotcuaError, NoProcedureChosen
from app.desk import Desk
from db import errors as db_errors

EXPECTED = {
    "newer": storage_errors.StoreTooNew,
    "read_only": storage_errors.StoreNotWritable,
    "corrupt": storage_errors.StoreDamaged,
    "disk_full": storage_errors.StoreDiskFull,
}


@pytest.mark.parametrize("cause", EXPECTED)
def test_opening_a_broken_store_raises_the_projects_error(broken_store, cause: str) -> None:
    with pytest.raises(EXPECTED[cause]) as raised:
        Desk.open(broken_store(cause))
    error = raised.value
    assert isinstance(error, MotcuaError)
    assert error.message("vi") != error.message("en")
    assert str(error) == error.message("vi") and str(error).endswith(".")


def test_every_named_cause_has_its_sentence() -> None:
    causes = [c for c in vars(db_errors).values() if isinstance(c, type) and issubclass(c, db_errors.StoreError)]
    causes.remove(db_errors.StoreError)  # unnamed: the program's own mistake, shown as a bug
    assert storage_errors.project_error(db_errors.StoreError("outbox outside a transaction")) is None
    for cause in causes:
        made = cause(1, 0) if cause is db_errors.StoreNewerThanProgram else cause("x")
        assert isinstance(storage_errors.project_error(made), storage_errors.StoreProblem), cause


def test_a_bug_is_not_dressed_as_a_store_failure() -> None:
    assert storage_errors.project_error(KeyError("x")) is None
    mine = NoProcedureChosen()
    assert storage_errors.project_error(mine) is mine


def test_the_cli_prints_the_sentence(broken_store, capsys) -> None:
    from app.cli import main

    assert main(["--db", str(broken_store("corrupt")), "search", "an"]) == 1
    assert capsys.readouterr().err.strip() == storage_errors.StoreDamaged().message("vi")
