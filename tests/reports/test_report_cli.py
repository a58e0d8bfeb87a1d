"""``gridledger report``: exit codes, messages, the unprintable-name warning, --json."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.cli import main
from app.store import audit
from app.store.users import save_user
from tests.reports.conftest import Community, pages_text


def _run(capsys: pytest.CaptureFixture[str], community: Community, *args: str) -> tuple[int, str, str]:
    code = main(["report", *args, "--db", str(community.db.path), "--on", "2026-11-01"])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_household_by_address_key(community: Community, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "h.pdf"
    code, stdout, stderr = _run(capsys, community, "household", "锦绣花园|3号楼|2单元|502", "--out", str(out))
    assert (code, stderr) == (0, "")
    assert "已生成一户一档：锦绣花园3号楼2单元502室" in stdout and "45 人" in stdout
    assert "钱00号" in pages_text(out)[0]
    assert audit.entries(community.db, limit=1)[0].user_name == "测试员"  # GRIDLEDGER_USER


def test_rare_name_warns_on_stderr_and_in_json(community: Community, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "h.pdf"
    code, stdout, stderr = _run(capsys, community, "household", community.household, "--out", str(out), "--json")
    assert code == 1  # ran, but the printout needs a hand-written character
    assert "警告" in stderr and "王𠮷" in stderr and "U+20BB7" in stderr
    document = json.loads(stdout)
    assert document["out"] == str(out) and document["people"] == 3
    assert [u["text"] for u in document["unprintable"]] == ["王𠮷"]
    assert document["unprintable"][0]["chars"] == ["U+20BB7"]


def test_unknown_key_is_bad_usage(community: Community, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, stdout, stderr = _run(capsys, community, "household", "锦绣花园|3号楼|9单元|901", "--out",
                                str(tmp_path / "x.pdf"))
    assert (code, stdout) == (2, "")
    assert "找不到户“锦绣花园|3号楼|9单元|901”" in stderr
    code, _stdout, stderr = _run(capsys, community, "building", "锦绣花园|30号楼", "--out", str(tmp_path / "x.pdf"))
    assert code == 2 and "找不到楼栋" in stderr
    assert not (tmp_path / "x.pdf").exists()


def test_reveal_needs_the_role(community: Community, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "full.pdf"
    args = ("household", "锦绣花园|3号楼|2单元|502", "--out", str(out), "--reveal")
    code, _stdout, stderr = _run(capsys, community, *args)
    assert code == 2 and "无权打印完整身份证号和电话" in stderr
    code, stdout, _stderr = _run(capsys, community, *args, "--user", "陈书记", "--role", "secretary")
    assert code == 0 and "含完整身份证号和电话" in stdout
    save_user(community.db, "刘网格", "grid_worker", [community.grid])
    code, _stdout, stderr = _run(capsys, community, *args, "--user", "刘网格", "--role", "secretary")
    assert code == 2 and "登记的身份是网格员" in stderr


def test_building_table_stats_and_grid(community: Community, tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    code, stdout, _ = _run(capsys, community, "building", "锦绣花园|3号楼", "--out", str(tmp_path / "b.pdf"),
                           "--table", "--quiet")
    assert code == 1 and "已生成楼栋台账：锦绣花园3号楼" in stdout  # 1: the rare name again
    code, stdout, stderr = _run(capsys, community, "stats", "--out", str(tmp_path / "s.xlsx"))
    assert (code, stderr) == (0, "") and "已生成统计报表" in stdout and (tmp_path / "s.xlsx").exists()
    code, stdout, _ = _run(capsys, community, "grid", "第二网格", "--out-dir", str(tmp_path / "grid"), "--quiet",
                           "--per", "household", "--json")
    assert code == 0
    assert [Path(f).name for f in json.loads(stdout)["files"]] == ["锦绣花园-5号楼-101.pdf"]


def test_out_must_be_a_pdf(community: Community, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _stdout, stderr = _run(capsys, community, "household", community.household, "--out", str(tmp_path / "h.doc"))
    assert code == 2 and ".pdf" in stderr
