"""The metamorphic suite (issue #26, item 2): a plan copied by another site reads as the same plan.

Each text-like fixture whose plan is known (tests/fixtures/unseen/*.txt|html and the shared
documents' .html and seed .txt) is read again under each change a real copy applies
(bench/metamorphic.py: punctuation width, full-width figures, spaces, traditional script,
page furniture before/between/after the items, zero-padded numbers, marks before names, items
run together, line breaks inside items, a table printed one cell per line). The plan must be the
same, names and contents compared in one normal form (the printed characters legitimately
differ after s2t). Pairs the reader does not survive yet are listed in KNOWN with what goes
wrong (xfail, not strict: take one out when it reads); FLOORS holds each change's survivors as
reached, so a later change that breaks a surviving pair fails here. `python bench/metamorphic_bench.py`
prints the figure.
"""

from __future__ import annotations

import tempfile
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from bench.metamorphic import CHANGES, Fixture, differences, fixtures, variant

from minsheng.documents.errors import DocumentError
from minsheng.documents.parse import parse_file

FIXTURES: dict[str, Fixture] = {f.name: f for f in fixtures()}
SEED_003 = "shared 003_63b4d02ef7310a0d.txt"
_UNWRAPPED_ONLY_NUMBERED = "only a numbered item's line breaks are joined back"

KNOWN: dict[tuple[str, str], str] = {
    ("73_city_notice_category_counts_lead_unit_paren", "line_breaks"): "an item broken by <br> just "
    "after the （ of its （牵头单位：…）: the name keeps 。(",
    (SEED_003, "traditional"): "seed 003's PDF-block text: in traditional script a unit line (总工会) "
    "joins the category",
    (SEED_003, "furniture_after"): "metadata lines (责任编辑, 阅读) after seed 003's PDF-block text "
    "read as one more project",
    ("23_city_forum_categories_bare_numbers", "run_together"): "bare numbers (1开展…) run together "
    "are not told from figures",
    ("33_district_news_announcement_bare_lines", "run_together"): "names with no closing punctuation run together "
    "keep no boundary",
    ("57_city_news_unnumbered_name_lines_vote_order", "run_together"): "unnumbered names with no closing punctuation "
    "run together keep no boundary",
    ("54_street_news_unnumbered_colon_items", "run_together"): "unnumbered 名称项目：内容 items "
    "are read one per line only",
    ("36_city_summary_theme_dash_bullets", "run_together"): "a `- ` bullet inside a paragraph is not seen",
    ("58_city_news_traditional_item_count_note_zhuyaoshi", "run_together"): "run together, a name keeps its count note "
    "（项目5个，…）",
    ("20_city_progress_inline_labels", "line_breaks"): "a broken line with inline labels loses the jurisdiction "
    "(not investigated)",
    ("30_county_news_names_one_sentence", "line_breaks"): "a one-sentence enumeration (分别是A、B…) broken over lines "
    "is refused",
    ("31_county_news_traditional_touzi_semicolons", "line_breaks"): "items run together after 即 broken over lines "
    "are refused",
    ("36_city_summary_theme_dash_bullets", "line_breaks"): "a bullet's line break: " + _UNWRAPPED_ONLY_NUMBERED,
    ("47_district_text_bar_rows_target_grade", "line_breaks"): "a break inside a bar row makes a row of its own",
    ("63_county_text_sheet_pasted_tab_separated", "line_breaks"): "a break inside a tab-separated row makes a row",
    ("54_street_news_unnumbered_colon_items", "line_breaks"): "unnumbered items: " + _UNWRAPPED_ONLY_NUMBERED,
    ("55_district_page_number_lines_task_lines", "line_breaks"): "target lines under lone numbers: "
    + _UNWRAPPED_ONLY_NUMBERED,
    ("66_city_news_semicolon_sentence_list", "line_breaks"): "a round-8 blind fixture: items split by ； in one "
    "sentence after 包括：, broken over lines (found by the suite, not investigated)",
    ("65_city_news_ideographic_stop_numbers", "run_together"): "a round-8 fixture read blind by a learned mark "
    "(`{数}。`): run together, the mark is no longer at a line's start",
    ("65_city_news_ideographic_stop_numbers", "line_breaks"): "a round-8 fixture read blind by a learned mark: every "
    "item broken, the last one takes the page's lines after it (猜你喜欢)",
    ("71_district_notice_table_cell_lines_subtarget_rows_leader_header_split", "spaces"): "a round-9 table printed "
    "one cell per line: spaces changed inside its cells (found by the suite, not investigated)",
    ("78_county_news_traditional_pinyin_marks_semicolon_run", "line_breaks"): "a round-12 fixture: ten items split "
    "by ; in one paragraph after 分別是:, broken over two lines, read as a blind guess of the last three",
    ("79_county_progress_table_cells_bulleted_meta_remark_column", "line_breaks"): "a round-12 table printed one "
    "cell per line: a content cell broken in two loses the first row",
    ("19_city_html_plan_money_columns", "flattened"): "a table with money columns printed cell by cell is refused",
    ("88_city_news_traditional_yishi_lines_portal_disclaimer_english", "furniture_before"): "a round-13 page that "
    "names no year: the 发布时间 of the furniture put before it dates the plan (a page date dates a plan naming none)",
    ("85_city_news_traditional_numbered_names_image_captions_between", "run_together"): "a round-13 list of names "
    "with no closing punctuation run together (…项目5.…): no boundary before a number glued to a word",
    ("89_province_news_numeral_glued_titles_content_lines_inline_subitems", "line_breaks"): "a round-13 title under "
    "a bare number (6开展…行动) broken over two lines: " + _UNWRAPPED_ONLY_NUMBERED,
    ("90_district_pipe_table_measures_column_inline_steps", "line_breaks"): "a round-14 bar table: a break inside "
    "a bar row makes a row of its own (as 47)",
    ("90_district_pipe_table_measures_column_inline_steps", "flattened"): "a round-14 bar table under barred "
    "document info: printed cell by cell, its 发文日期 dates the plan (2022, as the expected plan has it; the "
    "barred page reads no year)",
    ("92_city_news_traditional_pinyin_marks_semicolon_names_inline_targets", "line_breaks"): "a round-14 run of ten "
    "names split by ; and closed by its count, broken over lines: 10 projects read as 7 (as 78)",
    ("96_guizhou_2021_province_ten_items_news", "line_breaks"): "a round-15 run of ten unnumbered items split by ； "
    "in one sentence, broken over lines: 10 projects read as 7 (as 78 and 92)",
    ("101_tongguan_2024_semicolon_list_traditional_mirror", "line_breaks"): "a round-15 run of ten unnumbered "
    "items split by ； in traditional script, broken over lines: 10 projects read as 7 (as 96)",
    ("97_jingde_2015_ten_projects_yishi_inline", "furniture_before"): "a round-15 page that names no year: the "
    "date in the furniture put before it dates the plan (as 88)",
    ("98_handan_2019_vote_items_heading_sentence_mirror", "line_breaks"): "round-15 unnumbered 名称。内容 paragraphs "
    "broken inside: each piece reads as a project (4 as 9): " + _UNWRAPPED_ONLY_NUMBERED,
    ("103_chongmingqu_2019_numbered_blocks_lines_star_marks_captions", "line_breaks"): "a round-16 block of "
    "one-phrase lines under a lone number, one phrase broken in two: nothing closes a phrase line, so its two "
    "pieces read as two tasks",
    ("107_tianshuishi_2020_news_inline_semicolon_list", "line_breaks"): "a round-16 run of ten unnumbered items "
    "split by ; broken over lines (failing on main already): 10 projects read as 5 (as 92, 78)",
    ("109_changningqu_2022_news_two_digit_numbers_space_semicolons", "line_breaks"): "a round-17 item under a "
    "spaced two-digit number broken inside its bracket: the name keeps only what stands before the break",
    ("110_changanqu_2022_forum_yishi_ershi_paragraphs", "line_breaks"): "a round-17 first item run on from the "
    "lead-in, its line broken before item 2: the lead-in's line is no longer right above 二是 (10 as 9)",
    ("110_changanqu_2022_forum_yishi_ershi_paragraphs", "run_together"): "round-17 一是…十是 items with a theme "
    "sentence each, run together: the last item ends at its theme sentence's 。",
    ("112_dangwanzhen_2017_traditional_pinyin_inline_purpose_clause_list", "line_breaks"): "a round-17 run of six "
    "unnumbered clauses split by ; broken over lines: 6 projects read as 4 (as 92, 96)",
    ("113_wangniudunzhen_nodate_site_menu_inline_semicolon_names", "line_breaks"): "a round-17 run of ten names "
    "split by ; after 分别为:, broken over lines: 10 projects read as 7 (as 78, 92)",
    ("113_wangniudunzhen_nodate_site_menu_inline_semicolon_names", "furniture_before"): "a round-17 page that "
    "names no year: the date in the furniture put before it dates the plan (as 88, 97)",
    ("115_xiangshanxian_2025_pipe_table_name_colon_content", "line_breaks"): "a round-18 bar table: a break inside "
    "a bar row makes a row of its own, read as the title (as 47, 90)",
    ("115_xiangshanxian_2025_pipe_table_name_colon_content", "flattened"): "a round-18 two-column bar table "
    "printed cell by cell is refused (as 19)",
    ("123_guizhousheng_2021_portal_repost_one_paragraph_semicolon_items", "line_breaks"): "a round-19 run of ten "
    "unnumbered items split by ; broken over lines: 10 projects read as 3 (as 107, 112)",
    ("124_datongshi_2022_village_portal_repost_indented_number_space_items", "line_breaks"): "a round-19 item under "
    "a spaced number broken inside: the name keeps only what stands before the break (as 109)",
    ("125_shanfuzhen_2018_renda_site_one_paragraph_name_comma_content", "line_breaks"): "a round-19 run of ten "
    "named pieces split by ; after 分别是:, broken over lines: 10 projects read as 7 (as 113)",
    ("127_qingdaoshi_2005_trad_mirror_one_paragraph_chinese_numbered_sentences_split_lead_line", "line_breaks"): "a "
    "round-20 run of twelve 一、 sentences in one paragraph broken two thirds along: 12 projects read as 3",
    ("130_shixingxian_2021_county_site_quoted_names_dun_list_year_digits_lost", "line_breaks"): "a round-20 run of "
    "quoted names broken over lines: the lead-in's words before the break are read as the category",
}
# Survivors per change as reached (bench/metamorphic_bench.py), with round 8's fixture 66 and, read blind
# since (shapes/blind.py, cell_lines.py), 64, 65, 67, 71 and 72; round 11's 70, 74 and 77 once they read;
# round 12's 78–83 (blind round, then its kinds); round 13's 84–89; round 14's 90–95 (734/768 = 95.6 %);
# round 15's 96, 97, 98 and 101 (99 and 100 wait in read_later.txt), and round 16's 103 and 105–107
# (102 and 104 wait there too); 93's lone numbers now read broken
# (810/846 = 95.7 %); rounds 17 and 18's 108–117, 119 and 120, eight of their pairs in KNOWN (919/963 = 95.4 %);
# round 19's 121–126, three of their pairs in KNOWN (975/1022 = 95.4 %); round 20's labelled records
# 128 and 129, every pair read (992/1039 = 95.5 %); the round's 127 and 130–132, two of their pairs in KNOWN,
# and a copy's cut last item left out (shapes/cut_tail.py) (1026/1075 = 95.4 %).
FLOORS = {
    "halfwidth": 109,
    "fullwidth": 109,
    "fullwidth_figures": 109,
    "spaces": 108,
    "traditional": 108,
    "furniture_before": 106,
    "furniture_between": 61,
    "furniture_after": 108,
    "zero_padded": 39,
    "marks": 98,
    "run_together": 19,
    "line_breaks": 50,
    "flattened": 2,
}


@cache
def _variant(name: str, change: str) -> str | None:
    return variant(FIXTURES[name], change)


@cache
def _read(name: str, change: str | None) -> dict[str, Any] | str:
    fixture = FIXTURES[name]
    text = fixture.path.read_bytes().decode("utf-8-sig") if change is None else _variant(name, change)
    assert text is not None
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / ("variant" + fixture.path.suffix)
        path.write_text(text, encoding="utf-8")
        try:
            return parse_file(path).to_json()
        except DocumentError as error:
            return f"refused: {error}"


@cache
def _outcome(name: str, change: str) -> str:
    """'' when the variant reads as the original, else what differs."""
    before, after = _read(name, None), _read(name, change)
    if isinstance(before, str) or isinstance(after, str):
        return "" if before == after else str(after if isinstance(after, str) else before)
    return differences(before, after)


def _pairs() -> list[Any]:
    pairs = []
    for change in CHANGES:
        for name in FIXTURES:
            if _variant(name, change) is None:
                continue
            reason = KNOWN.get((name, change))
            marks = [pytest.mark.xfail(strict=False, reason=reason)] if reason else []
            pairs.append(pytest.param(name, change, marks=marks, id=f"{change}-{name}"))
    return pairs


@pytest.mark.parametrize(("name", "change"), _pairs())
def test_a_copy_reads_as_the_same_plan(name: str, change: str) -> None:
    assert _outcome(name, change) == ""


@pytest.mark.parametrize("change", list(CHANGES))
def test_each_change_keeps_its_floor(change: str) -> None:
    applied = [name for name in FIXTURES if _variant(name, change) is not None]
    survived = [name for name in applied if not _outcome(name, change)]
    assert len(survived) >= FLOORS[change], sorted(set(applied) - set(survived))


def test_the_known_failures_are_pairs_the_suite_reads() -> None:
    for name, change in KNOWN:
        assert name in FIXTURES and change in CHANGES and _variant(name, change) is not None, (name, change)


def test_the_suite_reads_at_least_95_percent_of_pairs_identically() -> None:
    total = sum(1 for change in CHANGES for name in FIXTURES if _variant(name, change) is not None)
    assert sum(FLOORS.values()) / total >= 0.95
    assert total - sum(FLOORS.values()) == len(KNOWN)
