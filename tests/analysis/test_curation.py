"""Curated themes: what a run creates, what a new run keeps and changes, and every staff edit
(rename, summary, merge, split, move, ready/draft) with its audit row."""

import pytest
from django.core.exceptions import ValidationError

from dialogportal.accounts.models import Role, User
from dialogportal.analysis.execution import run_analysis_now
from dialogportal.analysis.models import (
    AnalysisRun,
    CuratedTheme,
    CuratedThemeMember,
    CurationAction,
    CurationEvent,
    CurationStatus,
)
from dialogportal.analysis.queries import lineage, published_themes, run_curation
from dialogportal.analysis.services import (
    edit_theme,
    mark_draft,
    mark_ready,
    merge_themes,
    move_inputs,
    move_theme,
    split_theme,
)
from dialogportal.inputs.models import Input
from dialogportal.processes.models import Process
from tests.analysis.builders import add_input, grouped_run, make_analysable_process, staff

pytestmark = pytest.mark.django_db


def inputs_of(process: Process, area_slug: str) -> list[Input]:
    return list(Input.objects.filter(process=process, focus_area__slug=area_slug).order_by("pk"))


def theme(process: Process, title: str) -> CuratedTheme:
    return CuratedTheme.objects.get(process=process, title=title)


def member_ids(curated: CuratedTheme) -> set[int]:
    return set(CuratedThemeMember.objects.filter(theme=curated).values_list("input_id", flat=True))


@pytest.fixture
def process() -> Process:
    return make_analysable_process(slug="kurateret")


@pytest.fixture
def manager() -> User:
    return staff(Role.PROCESS_MANAGER, "leder")


def first_run(process: Process) -> AnalysisRun:
    housing = inputs_of(process, "boliger")
    return grouped_run(process, {"Renovering": housing[:3], "Husleje": housing[3:]})


def test_a_finished_run_makes_a_draft_theme_of_each_group_and_publishes_nothing(
    process: Process,
) -> None:
    run = first_run(process)
    themes = CuratedTheme.objects.filter(process=process)
    assert sorted(themes.values_list("title", flat=True)) == ["Husleje", "Renovering"]
    assert set(themes.values_list("status", flat=True)) == {CurationStatus.DRAFT}
    assert published_themes(process) == []
    housing = inputs_of(process, "boliger")
    assert member_ids(theme(process, "Renovering")) == {i.pk for i in housing[:3]}
    events = CurationEvent.objects.filter(run=run)
    assert {e.action for e in events} == {CurationAction.CREATED}
    assert all(e.actor is None for e in events)


def test_a_new_run_keeps_the_staff_name_summary_and_status_and_adds_new_inputs(
    process: Process, manager
) -> None:
    first_run(process)
    renovation = theme(process, "Renovering")
    edit_theme(
        theme=renovation,
        title="Renovering af slidte boliger",
        summary="Mange ønsker, at boligerne i midtbyen renoveres.",
        acting_user=manager,
    )
    mark_ready(theme=renovation, acting_user=manager)
    housing = inputs_of(process, "boliger")
    newcomer = add_input(
        process=process,
        focus_area=housing[0].focus_area,
        text="Tagene på boligerne trænger til renovering.",
        acting_user=manager,
    )
    run = grouped_run(
        process, {"Tage og renovering": [*housing[:3], newcomer], "Husleje": housing[3:]}
    )
    renovation.refresh_from_db()
    assert renovation.title == "Renovering af slidte boliger"
    assert renovation.summary == "Mange ønsker, at boligerne i midtbyen renoveres."
    assert renovation.status == CurationStatus.READY
    assert renovation.machine_label == "Tage og renovering"
    assert newcomer.pk in member_ids(renovation)
    assert CuratedTheme.objects.filter(process=process).count() == 2  # no new draft
    changes = run_curation(run)
    [changed] = changes.changed
    assert changed.theme_id == renovation.pk
    assert changed.after["added"] == 1
    assert changes.kept == 1  # "Husleje", found again unchanged
    assert not changes.created


def test_an_unnamed_draft_follows_the_analysis_label_a_named_one_does_not(
    process: Process, manager
) -> None:
    first_run(process)
    edit_theme(
        theme=theme(process, "Husleje"), title="Høj husleje", summary="", acting_user=manager
    )
    housing = inputs_of(process, "boliger")
    grouped_run(process, {"Slidte boliger": housing[:3], "Dyre boliger": housing[3:]})
    titles = set(CuratedTheme.objects.filter(process=process).values_list("title", flat=True))
    assert titles == {"Slidte boliger", "Høj husleje"}


def test_a_group_that_matches_no_theme_becomes_a_new_draft_with_a_free_name(
    process: Process,
) -> None:
    first_run(process)
    jobs = inputs_of(process, "erhverv")
    run = grouped_run(process, {"Renovering": jobs[:4]})  # same label, other area, new inputs
    created = run_curation(run).created
    assert len(created) == 1
    new = created[0].theme
    assert new is not None
    assert new.title == "Renovering"  # names are unique per focus area only
    assert new.focus_area.slug == "erhverv"


def test_renaming_writes_who_when_and_before_after(process: Process, manager: User) -> None:
    first_run(process)
    renovation = edit_theme(
        theme=theme(process, "Renovering"),
        title="  Renovering   af boliger ",
        summary="",
        acting_user=manager,
    )
    assert renovation.title == "Renovering af boliger"
    assert renovation.is_named
    event = CurationEvent.objects.get(theme=renovation, action=CurationAction.RENAMED)
    assert event.actor == manager
    assert event.before == {"title": "Renovering"}
    assert event.after == {"title": "Renovering af boliger"}
    assert event.at is not None


@pytest.mark.parametrize(
    ("title", "summary", "field"),
    [
        ("", "", "title"),
        ("   \u200b\x00 ", "", "title"),
        ("x" * 201, "", "title"),
        ("Husleje", "", "title"),  # the other theme's name
        ("HUSLEJE", "", "title"),  # … in other letters
        ("Godt navn", "y" * 5001, "summary"),
    ],
)
def test_a_bad_name_or_summary_is_refused_and_changes_nothing(
    process: Process, manager: User, title: str, summary: str, field: str
) -> None:
    first_run(process)
    renovation = theme(process, "Renovering")
    with pytest.raises(ValidationError) as caught:
        edit_theme(theme=renovation, title=title, summary=summary, acting_user=manager)
    assert field in caught.value.message_dict
    renovation.refresh_from_db()
    assert renovation.title == "Renovering"
    assert not CurationEvent.objects.filter(theme=renovation, actor=manager).exists()


def test_mark_ready_publishes_and_back_to_draft_withdraws(process: Process, manager: User) -> None:
    first_run(process)
    renovation = mark_ready(theme=theme(process, "Renovering"), acting_user=manager)
    assert renovation.is_published
    assert renovation.ready_by == manager
    assert [t.title for t in published_themes(process)] == ["Renovering"]
    mark_draft(theme=renovation, acting_user=manager)
    assert published_themes(process) == []
    actions = list(
        CurationEvent.objects.filter(theme=renovation, actor=manager)
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == [CurationAction.READY, CurationAction.DRAFT]


def test_a_theme_without_inputs_cannot_be_published(process: Process, manager: User) -> None:
    first_run(process)
    renovation = theme(process, "Renovering")
    CuratedThemeMember.objects.filter(theme=renovation).delete()
    with pytest.raises(ValidationError):
        mark_ready(theme=renovation, acting_user=manager)


def test_merging_moves_every_input_and_a_new_run_finds_both_groups_in_the_merged_theme(
    process: Process, manager
) -> None:
    first_run(process)
    source, target = theme(process, "Husleje"), theme(process, "Renovering")
    merge_themes(source=source, target=target, acting_user=manager)
    source.refresh_from_db()
    assert source.status == CurationStatus.MERGED
    assert source.merged_into == target
    housing = inputs_of(process, "boliger")
    assert member_ids(target) == {i.pk for i in housing}
    assert lineage([target]) == {target.pk: target.pk, source.pk: target.pk}
    grouped_run(process, {"Renovering": housing[:3], "Husleje": housing[3:]})
    assert list(CuratedTheme.objects.filter(process=process).current()) == [target]
    assert member_ids(target) == {i.pk for i in housing}
    assert CurationEvent.objects.filter(action=CurationAction.MERGED, actor=manager).count() == 2


def test_merging_needs_two_current_themes_in_one_focus_area(
    process: Process, manager: User
) -> None:
    first_run(process)
    jobs = inputs_of(process, "erhverv")
    grouped_run(process, {"Job": jobs[:3]})
    with pytest.raises(ValidationError):
        merge_themes(
            source=theme(process, "Renovering"), target=theme(process, "Job"), acting_user=manager
        )
    with pytest.raises(ValidationError):
        merge_themes(
            source=theme(process, "Renovering"),
            target=theme(process, "Renovering"),
            acting_user=manager,
        )


def test_split_inputs_are_pinned_and_stay_in_the_new_theme_through_a_new_run(
    process: Process, manager
) -> None:
    first_run(process)
    housing = inputs_of(process, "boliger")
    renovation = theme(process, "Renovering")
    new = split_theme(
        theme=renovation, input_ids=[housing[2].pk], title="Kolde lejligheder", acting_user=manager
    )
    assert new.status == CurationStatus.DRAFT
    assert member_ids(new) == {housing[2].pk}
    grouped_run(process, {"Renovering": housing[:3], "Husleje": housing[3:]})
    assert member_ids(new) == {housing[2].pk}
    assert member_ids(theme(process, "Renovering")) == {housing[0].pk, housing[1].pk}


@pytest.mark.parametrize("which", ["none", "all", "foreign"])
def test_a_split_of_no_all_or_foreign_inputs_is_refused(
    process: Process, manager: User, which: str
) -> None:
    first_run(process)
    housing = inputs_of(process, "boliger")
    chosen = {"none": [], "all": housing[:3], "foreign": [housing[4]]}[which]
    with pytest.raises(ValidationError):
        split_theme(
            theme=theme(process, "Renovering"),
            input_ids=[i.pk for i in chosen],
            title="Nyt",
            acting_user=manager,
        )
    assert CuratedTheme.objects.filter(process=process).count() == 2


def test_moved_inputs_are_pinned_in_their_new_theme(process: Process, manager: User) -> None:
    first_run(process)
    housing = inputs_of(process, "boliger")
    moved = move_inputs(
        theme=theme(process, "Renovering"),
        input_ids=[housing[0].pk],
        target=theme(process, "Husleje"),
        acting_user=manager,
    )
    assert moved == 1
    grouped_run(process, {"Renovering": housing[:3], "Husleje": housing[3:]})
    assert housing[0].pk in member_ids(theme(process, "Husleje"))
    assert housing[0].pk not in member_ids(theme(process, "Renovering"))


def test_a_theme_moves_to_another_focus_area_with_its_inputs(
    process: Process, manager: User
) -> None:
    first_run(process)
    jobs_area = process.focus_areas.get(slug="erhverv")
    moved = move_theme(theme=theme(process, "Husleje"), focus_area=jobs_area, acting_user=manager)
    assert moved.focus_area == jobs_area
    assert set(
        CuratedThemeMember.objects.filter(theme=moved).values_list("focus_area_id", flat=True)
    ) == {jobs_area.pk}
    other = make_analysable_process(slug="anden", with_inputs=False)
    with pytest.raises(ValidationError):
        move_theme(
            theme=moved, focus_area=other.focus_areas.get(slug="boliger"), acting_user=manager
        )


def test_a_merged_theme_cannot_be_edited(process: Process, manager: User) -> None:
    first_run(process)
    source = theme(process, "Husleje")
    merge_themes(source=source, target=theme(process, "Renovering"), acting_user=manager)
    with pytest.raises(ValidationError):
        edit_theme(theme=source, title="Nyt", summary="", acting_user=manager)
    with pytest.raises(ValidationError):
        mark_ready(theme=source, acting_user=manager)


def test_a_real_second_run_of_the_engine_keeps_curated_names(manager: User) -> None:
    process = make_analysable_process(slug="to-koersler")
    run_analysis_now(process=process, acting_user=None)
    themes = list(CuratedTheme.objects.filter(process=process).order_by("pk"))
    assert themes, "the first run made draft themes"
    for number, curated in enumerate(themes):
        edit_theme(theme=curated, title=f"Tema {number}", summary="", acting_user=manager)
        mark_ready(theme=curated, acting_user=manager)
    second = run_analysis_now(process=process, acting_user=None)
    assert second.is_done, second.error
    after = {t.pk: t.title for t in CuratedTheme.objects.filter(process=process).current()}
    # Same inputs, same engine: every group is found again under its curated name.
    assert after == {t.pk: f"Tema {n}" for n, t in enumerate(themes)}
    assert run_curation(second).created == ()


def test_an_input_the_new_run_leaves_ungrouped_stays_in_its_theme(process: Process) -> None:
    first_run(process)
    housing = inputs_of(process, "boliger")
    # The new run puts housing[2] in no group ("Øvrige") and finds "Husleje" not at all.
    run = grouped_run(process, {"Renovering": housing[:2]})
    assert member_ids(theme(process, "Renovering")) == {i.pk for i in housing[:3]}
    assert member_ids(theme(process, "Husleje")) == {i.pk for i in housing[3:]}
    assert [t.title for t in run_curation(run).not_found] == ["Husleje"]


def test_an_input_the_new_run_groups_with_another_theme_moves_there(process: Process) -> None:
    first_run(process)
    housing = inputs_of(process, "boliger")
    grouped_run(process, {"Renovering": housing[:2], "Husleje": housing[2:]})
    assert member_ids(theme(process, "Renovering")) == {i.pk for i in housing[:2]}
    assert member_ids(theme(process, "Husleje")) == {i.pk for i in housing[2:]}


def test_an_input_no_longer_analysed_leaves_its_theme(process: Process) -> None:
    first_run(process)
    housing = inputs_of(process, "boliger")
    Input.objects.filter(pk=housing[0].pk).update(moderation_state="rejected")
    grouped_run(process, {"Renovering": housing[1:3], "Husleje": housing[3:]})
    assert member_ids(theme(process, "Renovering")) == {housing[1].pk, housing[2].pk}


@pytest.mark.parametrize(
    ("given", "stored"),
    [
        ("\u202eBusser\u202c i landsbyerne", "Busser i landsbyerne"),
        ("Cykelstier\u200b", "Cykelstier"),
        ("Familier 👨\u200d👩\u200d👧", "Familier 👨\u200d👩\u200d👧"),
    ],
)
def test_invisible_format_characters_are_removed_from_a_name(
    process: Process, manager: User, given: str, stored: str
) -> None:
    first_run(process)
    renamed = edit_theme(
        theme=theme(process, "Husleje"), title=given, summary="", acting_user=manager
    )
    assert renamed.title == stored


def test_a_name_of_emoji_only_is_refused(process: Process, manager: User) -> None:
    first_run(process)
    with pytest.raises(ValidationError):
        edit_theme(theme=theme(process, "Husleje"), title="🚌🚌", summary="", acting_user=manager)
