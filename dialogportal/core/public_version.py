"""The public version: one row (`core.PublicVersion`) that the database changes in the same
transaction as every write a public page could show, so whole public pages can be cached under
it (`core.page_cache`) and nothing is ever invalidated by hand.

Every table gets triggers that bump the version, except the tables no public page reads
(`NOT_SHOWN_PUBLICLY`); a table the public sees only part of bumps only for those rows
(`SHOWN_PUBLICLY_WHEN`: a pending input is not public, a published one is). One list names
every model (`SHOWN_PUBLICLY` for the rest); a test fails when a new model is in none of them,
and until someone decides, its table bumps the version like a public one: the safe side.

The triggers are installed after every `migrate` (idempotent, by name) rather than in each
app's migrations: they must cover tables that later migrations add, and SQLite drops a table's
triggers whenever Django rebuilds the table (most AlterField and many AddField operations).

PostgreSQL: the triggers are deferred constraint triggers, so the bump runs at commit, after
every row lock the transaction takes (the counter is always the last lock and cannot close a
deadlock cycle), and only the first changed row of a transaction updates the counter.
SQLite has one writer at a time and plain row triggers. Other databases get no triggers, and
`public_version()` returns None there: nothing is cached."""

import hashlib
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db import connections, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Model

from dialogportal.core.models import PublicVersion

SUPPORTED_VENDORS = frozenset({"postgresql", "sqlite"})
TRIGGER_PREFIX = "core_pv_"
# Part of every trigger's name: change it when the trigger bodies change, and the next migrate
# replaces every trigger.
TRIGGER_GENERATION = "2"

PG_FUNCTION = """
CREATE OR REPLACE FUNCTION core_bump_public_version() RETURNS trigger AS $$
BEGIN
    -- Once per transaction: the first changed row bumps, every further one returns at once.
    IF current_setting('dialogportal.public_version_bumped', true) = 'on' THEN
        RETURN NULL;
    END IF;
    PERFORM set_config('dialogportal.public_version_bumped', 'on', true);
    UPDATE core_publicversion
        SET n = n + 1, token = md5(random()::text || clock_timestamp()::text)
        WHERE id = 1;
    RETURN NULL;
END
$$ LANGUAGE plpgsql;
"""
SQLITE_BUMP = (
    "UPDATE core_publicversion SET n = n + 1, token = lower(hex(randomblob(16))) WHERE id = 1;"
)


@dataclass(frozen=True)
class PublicWhen:
    """When a change to a row of a partly public table bumps the version, as SQL conditions on
    NEW/OLD ("" = always). `pg_update_extra` is added on PostgreSQL only (SQLite has no
    `OLD.*`): an UPDATE that changes nothing does not bump."""

    insert: str
    update: str
    delete: str
    pg_update_extra: str = "OLD.* IS DISTINCT FROM NEW.*"


# Tables the public sees only part of.
SHOWN_PUBLICLY_WHEN: dict[str, PublicWhen] = {
    # A published input is shown; the others are only counted ("N input modtaget", not the
    # rejected). A new submission (stored pending) does not bump, so the submission path never
    # contends for the counter row and a flood of submissions does not empty the cache; every
    # moderation act (a change of state) and every change of a published input does, and so
    # does deleting any input (erasure). Counts of received inputs therefore lag behind new
    # submissions by at most PUBLIC_PAGE_CACHE_SECONDS, never behind moderation.
    "inputs.Input": PublicWhen(
        insert="NEW.moderation_state = 'published'",
        update="OLD.moderation_state <> NEW.moderation_state OR OLD.moderation_state = 'published'",
        delete="",
    ),
    "inputs.Attachment": PublicWhen(
        insert="NEW.is_public", update="OLD.is_public OR NEW.is_public", delete="OLD.is_public"
    ),
}

# Tables that no public page reads: writes to them never change a public page.
NOT_SHOWN_PUBLICLY: frozenset[str] = frozenset(
    {
        # Django and libraries: accounts, permissions, sessions, the admin log, the task queue.
        "admin.LogEntry",
        "auth.Permission",
        "auth.Group",
        "auth.Group_permissions",
        "contenttypes.ContentType",
        "sessions.Session",
        "authtoken.Token",
        "django_tasks_database.DBTaskResult",
        "accounts.User",  # staff accounts (last_login changes at every login); no page shows one
        "accounts.User_groups",
        "accounts.User_user_permissions",
        # Who viewed or exported personal data (staff only), and django-axes' login attempts.
        "accounts.AccessLog",
        "axes.AccessAttempt",
        "axes.AccessAttemptExpiration",
        "axes.AccessFailureLog",
        "axes.AccessLog",
        # The worker's own bookkeeping, written every few seconds.
        "core.WorkerHeartbeat",
        "core.ScheduledRun",
        "core.PublicVersion",  # the counter itself
        "inputs.FloodCounter",  # the flood limits' counters (addresses, text fingerprints)
        # Audit and moderation records: staff only (what they decide reaches the input row).
        "processes.ProcessChange",
        "moderation.ScreeningResult",
        "moderation.ScreeningHit",
        "moderation.ModerationDecision",
        "moderation.Report",
        "privacy.RetentionRun",
        "privacy.RetentionRun_processes",
        "meetings.AuditEntry",
        "med.AuditEntry",
        # Analysis internals: embeddings (recomputed hourly), staff's corrections and the log of
        # curation (shown on staff's theme page only; the curated theme itself is public).
        "analysis.InputVector",
        "analysis.AreaLabel",
        "analysis.Misplaced",
        "analysis.CurationEvent",
        # Staff's answer templates and the feedback e-mail bookkeeping.
        "feedback.AnswerTemplate",
        "feedback.NotificationPreference",
        "feedback.NotificationDigest",
        # Secret calendar addresses, the minutes import log, the MED reminders sent and the
        # key-figure import log.
        "meetings.CalendarToken",
        "meetings.MinutesImport",
        "med.HearingReminder",
        "indicators.RefreshLog",
        "indicators.FigureUpload",
    }
)

# Tables a public page reads in full (or might: when in doubt a table belongs here).
SHOWN_PUBLICLY: frozenset[str] = frozenset(
    {
        "processes.Process",
        "processes.Phase",
        "processes.FocusArea",
        "processes.ProcessDocument",
        "analysis.AnalysisRun",
        "analysis.AreaAssignment",
        "analysis.Theme",
        "analysis.ThemeMembership",
        "analysis.SummarySentence",
        "analysis.DuplicateGroup",
        "analysis.DuplicateMember",
        # "Det har vi hørt" shows the curated themes and their members.
        "analysis.CuratedTheme",
        "analysis.CuratedThemeMember",
        "feedback.Answer",
        "feedback.InputAnswer",
        "feedback.StatusChange",
        "feedback.Outcome",
        "organisation.Unit",
        "organisation.Committee",
        "organisation.Membership",
        "meetings.Meeting",
        "meetings.AgendaTemplateItem",
        "meetings.AgendaItem",
        "meetings.ItemSection",
        "meetings.Recommendation",
        "meetings.Attachment",
        "meetings.MinutesApproval",
        "meetings.MinutesVersion",
        "meetings.Addendum",
        # The route of a case and the proceedings, printed on agendas and minutes.
        "meetings.Case",
        "meetings.CaseStep",
        "meetings.ExternalDecision",
        "meetings.Vote",
        "meetings.VoteCount",
        "meetings.ProtocolNote",
        "meetings.ItemAttendance",
        # MED: cascades, hearings and their answers appear on MED agendas and minutes.
        "med.Cascade",
        "med.Hearing",
        "med.HearingFile",
        "med.HearingPart",
        "med.HearingAnswer",
        "med.AnswerApproval",
        "med.AnswerFile",
        "indicators.Indicator",
        "indicators.Indicator_focus_areas",
        "indicators.Observation",
        "indicators.ComparisonSet",
        # A registration changes the seats left on the meeting's page.
        "dialogmeetings.DialogMeeting",
        "dialogmeetings.DialogMeeting_committees",
        "dialogmeetings.DialogMeeting_units",
        "dialogmeetings.DialogMeeting_focus_areas",
        "dialogmeetings.Registration",
        "dialogmeetings.DiscussionQuestion",
        "dialogmeetings.MeetingInput",
        "strategy.StrategicPlan",
        "strategy.Goal",
        "strategy.Target",
        "strategy.Initiative",
        "strategy.ProgressUpdate",
        "strategy.InitiativeInput",
        "strategy.InitiativeTheme",
    }
)


def public_version(using: str = "default") -> str | None:
    """The current public version, read BEFORE the data of the page that is cached under it;
    None (cache nothing) without the row or on a database that gets no triggers."""
    connection = connections[using]
    if connection.vendor not in SUPPORTED_VENDORS:
        return None
    # Plain SQL: this runs on every cached page view, where building the ORM query cost more
    # than everything else the cache hit does (measured: 0.7 of 1.8 ms).
    with connection.cursor() as cursor:
        table = PublicVersion._meta.db_table  # our own name, no input
        cursor.execute(f"SELECT n, token FROM {table} WHERE id = 1")  # noqa: S608
        row = cursor.fetchone()
    return None if row is None else f"{row[0]}.{row[1]}"


def stored_models() -> list[type[Model]]:
    """Every model with a table of its own (also the tables behind many-to-many fields)."""
    return [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy
    ]


@dataclass(frozen=True)
class Trigger:
    name: str
    table: str
    sql: str


def _name(vendor: str, table: str, event: str, condition: str) -> str:
    digest = hashlib.sha256(f"{TRIGGER_GENERATION}|{vendor}|{table}|{event}|{condition}".encode())
    # Short (PostgreSQL cuts names at 63 bytes) and unique in the database (SQLite wants that).
    return f"{TRIGGER_PREFIX}{event.lower()[:3]}_{digest.hexdigest()[:16]}"


def wanted_triggers(connection: BaseDatabaseWrapper) -> list[Trigger]:
    """The triggers every table should have on this database."""
    vendor = connection.vendor
    if vendor not in SUPPORTED_VENDORS:
        return []
    existing_tables = set(connection.introspection.table_names())
    quote = connection.ops.quote_name
    triggers: list[Trigger] = []
    for model in stored_models():
        label, table = model._meta.label, model._meta.db_table
        if label in NOT_SHOWN_PUBLICLY or table not in existing_tables:
            continue
        when = SHOWN_PUBLICLY_WHEN.get(label)
        for event in ("INSERT", "UPDATE", "DELETE"):
            condition = ""
            if when is not None:
                condition = getattr(when, event.lower())
                if vendor == "postgresql" and event == "UPDATE" and when.pg_update_extra:
                    condition = f"({condition}) AND {when.pg_update_extra}"
            name = _name(vendor, table, event, condition)
            if vendor == "postgresql":
                sql = (
                    f"CREATE CONSTRAINT TRIGGER {quote(name)} AFTER {event} ON {quote(table)} "
                    "DEFERRABLE INITIALLY DEFERRED FOR EACH ROW"
                    f"{f' WHEN ({condition})' if condition else ''} "
                    "EXECUTE FUNCTION core_bump_public_version()"
                )
            else:
                sql = (
                    f"CREATE TRIGGER {quote(name)} AFTER {event} ON {quote(table)} FOR EACH ROW"
                    f"{f' WHEN {condition}' if condition else ''} BEGIN {SQLITE_BUMP} END"
                )
            triggers.append(Trigger(name=name, table=table, sql=sql))
    return triggers


def installed_triggers(connection: BaseDatabaseWrapper) -> dict[str, str]:
    """Our triggers in the database: name -> table."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT t.tgname, c.relname FROM pg_trigger t "
                "JOIN pg_class c ON c.oid = t.tgrelid "
                "JOIN pg_namespace ns ON ns.oid = c.relnamespace "
                "WHERE ns.nspname = current_schema() AND starts_with(t.tgname, %s)",
                [TRIGGER_PREFIX],
            )
        elif connection.vendor == "sqlite":
            cursor.execute(
                "SELECT name, tbl_name FROM sqlite_master WHERE type = 'trigger' "
                "AND substr(name, 1, %s) = %s",
                [len(TRIGGER_PREFIX), TRIGGER_PREFIX],
            )
        else:
            return {}
        return {str(name): str(table) for name, table in cursor.fetchall()}


def install_triggers(using: str = "default") -> tuple[int, int]:
    """Bring the triggers up to date (create missing ones, drop ones no longer wanted) and make
    sure the version row exists. Returns (created, dropped)."""
    connection = connections[using]
    if connection.vendor not in SUPPORTED_VENDORS:
        return (0, 0)
    quote = connection.ops.quote_name
    with transaction.atomic(using=using):
        PublicVersion.objects.using(using).get_or_create(pk=1)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(PG_FUNCTION)
        wanted = {trigger.name: trigger for trigger in wanted_triggers(connection)}
        installed = installed_triggers(connection)
        with connection.cursor() as cursor:
            stale = [name for name in installed if name not in wanted]
            for name in stale:
                on_table = (
                    f" ON {quote(installed[name])}" if connection.vendor == "postgresql" else ""
                )
                cursor.execute(f"DROP TRIGGER IF EXISTS {quote(name)}{on_table}")
            missing = [trigger for name, trigger in wanted.items() if name not in installed]
            for trigger in missing:
                cursor.execute(trigger.sql)
    return (len(missing), len(stale))


def install_after_migrate(sender: Any, *, using: str = "default", **kwargs: Any) -> None:
    """post_migrate receiver (connected for the core app: it fires once per migrate, after all
    migrations ran, so every table exists)."""
    install_triggers(using)
