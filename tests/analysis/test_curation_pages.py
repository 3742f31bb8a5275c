"""The curation pages over HTTP: who may see and do what, every form with hostile input, the
one click from a theme to answering it, and what reaches the public (only ready themes)."""

import pytest
from django.test import Client

from dialogportal.accounts.models import Role
from dialogportal.analysis.models import CuratedTheme, CuratedThemeMember, CurationEvent
from dialogportal.analysis.services import mark_ready, merge_themes
from dialogportal.feedback.models import Answer
from dialogportal.inputs.models import Input
from dialogportal.processes.models import Process
from dialogportal.strategy.services import link_theme
from tests.analysis.builders import grouped_run, make_analysable_process, staff
from tests.strategy.builders import make_goal, make_initiative, make_plan

pytestmark = pytest.mark.django_db

# Labels a machine would write; they must never reach a public page as they are.
RAW_LABEL = "Boliger, midtbyen og lejligheder"
OTHER_RAW_LABEL = "Husleje, familier og billige"


@pytest.fixture
def process() -> Process:
    process = make_analysable_process(slug="temaby")
    housing = list(Input.objects.filter(process=process, focus_area__slug="boliger").order_by("pk"))
    grouped_run(process, {RAW_LABEL: housing[:3], OTHER_RAW_LABEL: housing[3:]})
    return process


def theme(process: Process, title: str) -> CuratedTheme:
    return CuratedTheme.objects.get(process=process, title=title)


def login(role: Role, username: str) -> Client:
    client = Client()
    client.force_login(staff(role, username))
    return client


def post_urls(curated: CuratedTheme) -> list[str]:
    return [
        f"/analyse/temaer/{curated.pk}/{suffix}/"
        for suffix in ("rediger", "status", "saml", "flyt", "input")
    ]


def test_visitors_are_sent_to_the_login_page(process: Process) -> None:
    curated = theme(process, RAW_LABEL)
    client = Client()
    for url in [f"/processer/{process.slug}/analyse/temaer/", f"/analyse/temaer/{curated.pk}/"]:
        response = client.get(url)
        assert response.status_code == 302
        assert "/konto/" in response["Location"]
    for url in post_urls(curated):
        assert client.post(url, {"title": "x"}).status_code == 302


def test_staff_without_the_analysis_permission_are_refused(process: Process) -> None:
    curated = theme(process, RAW_LABEL)
    client = login(Role.COMMITTEE_SECRETARY, "sekretaer")
    assert client.get(f"/processer/{process.slug}/analyse/temaer/").status_code == 403
    assert client.get(f"/analyse/temaer/{curated.pk}/").status_code == 403
    for url in post_urls(curated):
        assert client.post(url, {"title": "Nyt navn"}).status_code == 403


def test_moderators_see_themes_but_cannot_curate(process: Process) -> None:
    curated = theme(process, RAW_LABEL)
    client = login(Role.MODERATOR, "moderator")
    page = client.get(f"/analyse/temaer/{curated.pk}/")
    assert page.status_code == 200
    assert "Markér klar" not in page.content.decode()
    for url in post_urls(curated):
        assert client.post(url, {"title": "Nyt navn", "status": "ready"}).status_code == 403
    curated.refresh_from_db()
    assert curated.title == RAW_LABEL
    assert not curated.is_published


def test_a_manager_names_summarises_and_publishes_a_theme(process: Process) -> None:
    curated = theme(process, RAW_LABEL)
    client = login(Role.PROCESS_MANAGER, "leder")
    listing = client.get(f"/processer/{process.slug}/analyse/temaer/")
    assert listing.status_code == 200
    assert RAW_LABEL.encode() in listing.content
    response = client.post(
        f"/analyse/temaer/{curated.pk}/rediger/",
        {"title": "Renovering af boliger i midtbyen", "summary": "Mange vil have renoveret."},
    )
    assert response.status_code == 302
    status = client.post(f"/analyse/temaer/{curated.pk}/status/", {"status": "ready"})
    assert status.status_code == 302
    curated.refresh_from_db()
    assert curated.title == "Renovering af boliger i midtbyen"
    assert curated.is_published
    page = client.get(f"/analyse/temaer/{curated.pk}/")
    assert b"Leder" in page.content  # the history names who did it
    assert "Omdøbt".encode() in page.content


@pytest.mark.parametrize(
    ("title", "summary"),
    [
        ("", ""),
        ("   ", ""),
        ("\x00\x01", ""),
        ("\u202e\u200b", ""),
        ("x" * 100_000, ""),
        ("Fint navn", "æ" * 5001),
        (OTHER_RAW_LABEL, ""),
    ],
)
def test_a_bad_name_or_summary_shows_the_page_again_with_a_danish_error(
    process: Process, title: str, summary: str
) -> None:
    curated = theme(process, RAW_LABEL)
    client = login(Role.PROCESS_MANAGER, "leder")
    response = client.post(
        f"/analyse/temaer/{curated.pk}/rediger/", {"title": title, "summary": summary}
    )
    assert response.status_code == 400
    assert b'class="form-error-message"' in response.content
    assert "fejl" in response.content.decode().lower()
    curated.refresh_from_db()
    assert curated.title == RAW_LABEL
    assert curated.summary == ""


@pytest.mark.parametrize(
    "title",
    [
        "<script>alert('x')</script> Busser",
        "'; DROP TABLE analysis_curatedtheme; --",
        "Æblehaver, ørreder og åer",
        "Trafik 🚌 i landsbyerne",
    ],
)
def test_a_hostile_but_valid_name_is_stored_as_text_and_shown_escaped(
    process: Process, title: str
) -> None:
    curated = theme(process, RAW_LABEL)
    client = login(Role.PROCESS_MANAGER, "leder")
    response = client.post(f"/analyse/temaer/{curated.pk}/rediger/", {"title": title})
    assert response.status_code == 302
    curated.refresh_from_db()
    assert curated.title == title
    page = client.get(f"/analyse/temaer/{curated.pk}/").content.decode()
    assert "<script>alert" not in page
    assert CuratedTheme.objects.count() == 2


def test_a_binary_body_is_refused_and_changes_nothing(process: Process) -> None:
    curated = theme(process, RAW_LABEL)
    client = login(Role.PROCESS_MANAGER, "leder")
    for url in post_urls(curated):
        response = client.post(
            url, data=b"\x89PNG\r\n\x1a\n\x00\xff", content_type="application/octet-stream"
        )
        assert response.status_code in (302, 400), url
    curated.refresh_from_db()
    assert curated.title == RAW_LABEL
    assert not curated.is_published
    assert not CurationEvent.objects.filter(actor__isnull=False).exists()


@pytest.mark.parametrize("target", ["", "abc", "-1", "99999999", "1 OR 1=1", "\x00", "9" * 40])
def test_merging_into_an_unknown_theme_is_refused(process: Process, target: str) -> None:
    curated = theme(process, RAW_LABEL)
    client = login(Role.PROCESS_MANAGER, "leder")
    response = client.post(f"/analyse/temaer/{curated.pk}/saml/", {"target": target})
    assert response.status_code == 400
    curated.refresh_from_db()
    assert not curated.is_merged


def test_merging_into_a_theme_of_another_process_is_refused(process: Process) -> None:
    other = make_analysable_process(slug="anden-by")
    housing = list(Input.objects.filter(process=other, focus_area__slug="boliger"))
    grouped_run(other, {"Fremmed tema": housing[:3]})
    client = login(Role.PROCESS_MANAGER, "leder")
    curated = theme(process, RAW_LABEL)
    response = client.post(
        f"/analyse/temaer/{curated.pk}/saml/",
        {"target": CuratedTheme.objects.get(title="Fremmed tema").pk},
    )
    assert response.status_code == 400
    curated.refresh_from_db()
    assert not curated.is_merged


def test_merging_through_the_page_moves_the_inputs(process: Process) -> None:
    source, target = theme(process, OTHER_RAW_LABEL), theme(process, RAW_LABEL)
    client = login(Role.PROCESS_MANAGER, "leder")
    response = client.post(f"/analyse/temaer/{source.pk}/saml/", {"target": target.pk})
    assert response.status_code == 302
    assert response["Location"].endswith(f"/analyse/temaer/{target.pk}/")
    assert CuratedThemeMember.objects.filter(theme=target).count() == 6
    merged = client.get(f"/analyse/temaer/{source.pk}/")
    assert merged.status_code == 200
    assert b"lagt sammen" in merged.content


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"action": "split", "new_title": "Nyt"}, "inputs"),
        ({"action": "split", "inputs": ["x"], "new_title": "Nyt"}, "inputs"),
        ({"action": "split", "inputs": ["999999"], "new_title": "Nyt"}, "inputs"),
        ({"action": "split", "inputs": ["FIRST"], "new_title": ""}, "new_title"),
        ({"action": "split", "inputs": ["FIRST"], "new_title": "<b>" * 100}, "new_title"),
        ({"action": "move", "inputs": ["FIRST"]}, "target"),
        ({"action": "move", "inputs": ["FIRST"], "target": "abc"}, "target"),
        ({"action": "drop table", "inputs": ["FIRST"]}, "action"),
        ({"action": "split", "inputs": ["FIRST", "SECOND", "THIRD"], "new_title": "Alt"}, "inputs"),
    ],
)
def test_a_bad_split_or_move_is_refused_with_the_page_and_changes_nothing(
    process: Process, data: dict[str, object], field: str
) -> None:
    curated = theme(process, RAW_LABEL)
    members = list(
        CuratedThemeMember.objects.filter(theme=curated)
        .order_by("pk")
        .values_list("input_id", flat=True)
    )
    names = {"FIRST": members[0], "SECOND": members[1], "THIRD": members[2]}
    if "inputs" in data:
        data = {
            **data,
            "inputs": [str(names.get(str(v), v)) for v in data["inputs"]],  # type: ignore[attr-defined]
        }
    client = login(Role.PROCESS_MANAGER, "leder")
    response = client.post(f"/analyse/temaer/{curated.pk}/input/", data)
    assert response.status_code == 400, field
    assert b"form-error-message" in response.content or b"alert-error" in response.content
    assert CuratedTheme.objects.filter(process=process).count() == 2
    assert set(
        CuratedThemeMember.objects.filter(theme=curated).values_list("input_id", flat=True)
    ) == set(members)


def test_splitting_and_moving_through_the_page(process: Process) -> None:
    curated, other = theme(process, RAW_LABEL), theme(process, OTHER_RAW_LABEL)
    first, second, _third = CuratedThemeMember.objects.filter(theme=curated).order_by("pk")
    client = login(Role.PROCESS_MANAGER, "leder")
    response = client.post(
        f"/analyse/temaer/{curated.pk}/input/",
        {"action": "split", "inputs": [first.input_id], "new_title": "Kolde lejligheder"},
    )
    assert response.status_code == 302
    split = theme(process, "Kolde lejligheder")
    assert split.members.get().input_id == first.input_id
    response = client.post(
        f"/analyse/temaer/{curated.pk}/input/",
        {"action": "move", "inputs": [second.input_id], "target": other.pk},
    )
    assert response.status_code == 302
    assert other.members.filter(input_id=second.input_id, is_pinned=True).exists()


@pytest.mark.parametrize("area", ["", "abc", "0", "99999999"])
def test_moving_a_theme_to_an_unknown_focus_area_is_refused(process: Process, area: str) -> None:
    curated = theme(process, RAW_LABEL)
    client = login(Role.PROCESS_MANAGER, "leder")
    response = client.post(f"/analyse/temaer/{curated.pk}/flyt/", {"focus_area": area})
    assert response.status_code == 400
    curated.refresh_from_db()
    assert curated.focus_area.slug == "boliger"


def test_moving_a_theme_to_an_area_of_another_process_is_refused(process: Process) -> None:
    other = make_analysable_process(slug="fremmed", with_inputs=False)
    curated = theme(process, RAW_LABEL)
    client = login(Role.PROCESS_MANAGER, "leder")
    response = client.post(
        f"/analyse/temaer/{curated.pk}/flyt/",
        {"focus_area": other.focus_areas.get(slug="erhverv").pk},
    )
    assert response.status_code == 400
    response = client.post(
        f"/analyse/temaer/{curated.pk}/flyt/",
        {"focus_area": process.focus_areas.get(slug="erhverv").pk},
    )
    assert response.status_code == 302
    curated.refresh_from_db()
    assert curated.focus_area.slug == "erhverv"


def test_publishing_an_empty_theme_shows_an_error_and_publishes_nothing(process: Process) -> None:
    curated = theme(process, RAW_LABEL)
    CuratedThemeMember.objects.filter(theme=curated).delete()
    client = login(Role.PROCESS_MANAGER, "leder")
    response = client.post(
        f"/analyse/temaer/{curated.pk}/status/", {"status": "ready"}, follow=True
    )
    assert b"uden input" in response.content
    curated.refresh_from_db()
    assert not curated.is_published


def test_answer_this_theme_is_one_click_from_every_theme(process: Process) -> None:
    curated = theme(process, RAW_LABEL)
    client = login(Role.PROCESS_MANAGER, "leder")
    answer_url = f"/medarbejder/tilbagemelding/tema/{curated.pk}/"
    for page in (f"/processer/{process.slug}/analyse/temaer/", f"/analyse/temaer/{curated.pk}/"):
        assert f'href="{answer_url}"'.encode() in client.get(page).content
    form = client.get(answer_url)
    assert form.status_code == 200
    response = client.post(
        answer_url, {"status": "considered", "text": "Vi ser på det.", "form": "answer"}
    )
    assert response.status_code == 302
    answer = Answer.objects.get()
    assert answer.theme == curated
    assert answer.deliveries.count() == 3


def test_the_answer_page_of_a_merged_theme_leads_to_the_theme_it_went_into(
    process: Process,
) -> None:
    source, target = theme(process, OTHER_RAW_LABEL), theme(process, RAW_LABEL)
    merge_themes(source=source, target=target, acting_user=None)
    client = login(Role.PROCESS_MANAGER, "leder")
    response = client.get(f"/medarbejder/tilbagemelding/tema/{source.pk}/")
    assert response.status_code == 302
    assert response["Location"].endswith(f"/medarbejder/tilbagemelding/tema/{target.pk}/")


def test_only_ready_themes_reach_the_public_pages_the_hvidbog_and_the_plan(
    process: Process,
) -> None:
    ready, draft = theme(process, RAW_LABEL), theme(process, OTHER_RAW_LABEL)
    manager = staff(Role.PROCESS_MANAGER, "leder")
    client = Client()
    client.force_login(manager)
    client.post(f"/analyse/temaer/{ready.pk}/rediger/", {"title": "Renovering i midtbyen"})
    mark_ready(theme=ready, acting_user=manager)
    plan = make_plan(process)
    initiative = make_initiative(make_goal(plan))
    link_theme(initiative=initiative, theme=ready, acting_user=None)
    link_theme(initiative=initiative, theme=draft, acting_user=None)
    public = Client()
    pages = {
        "heard": public.get(f"/processer/{process.slug}/det-har-vi-hoert/"),
        "heard area": public.get(f"/processer/{process.slug}/fokus/boliger/det-har-vi-hoert/"),
        "plan": public.get(f"/processer/{process.slug}/strategisk-plan/"),
        "api": public.get(f"/api/v1/processes/{process.slug}/feedback/"),
        "hvidbog": client.get(f"/medarbejder/processer/{process.slug}/hvidbog/"),
    }
    for name, response in pages.items():
        assert response.status_code == 200, name
        text = response.content.decode()
        assert "Renovering i midtbyen" in text, name
        for raw in (RAW_LABEL, OTHER_RAW_LABEL):
            assert raw not in text, name


def test_the_run_page_shows_what_the_run_changed_in_the_themes(process: Process) -> None:
    housing = list(Input.objects.filter(process=process, focus_area__slug="boliger").order_by("pk"))
    jobs = list(Input.objects.filter(process=process, focus_area__slug="erhverv").order_by("pk"))
    run = grouped_run(
        process, {RAW_LABEL: housing[:4], OTHER_RAW_LABEL: housing[4:], "Job": jobs[:3]}
    )
    client = login(Role.PROCESS_MANAGER, "leder")
    page = client.get(f"/analyse/{run.pk}/").content.decode()
    assert "Nyt tema (kladde)" in page
    assert "»Job«" in page
    assert "1 input kom til" in page
