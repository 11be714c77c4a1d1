// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "serverplan.h"

#include <sql/connection.h>

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLibrary>
#include <QRegularExpression>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlField>
#include <QSqlQuery>
#include <QUrl>
#include <QUrlQuery>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

#include <sys/socket.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace Tideline {

namespace {

constexpr QStringView FormatTag = u"tideline-plan-server";

const PlanRows &layout();

/** The statements that bring the storage in schema @p s from version `version - 1` to
 *  `version`. Ordered; never edit a published entry, add one. */
QList<QStringList> migrations(const QString &s)
{
    const auto q = [&s](QString sql) {
        return sql.replace(u"S."_s, s + u'.').replace(u"S_release_manager"_s, s + u"_release_manager"_s);
    };
    return {
        // 1: the .tideline file's tables (storage version 6) with the plan id in front; the
        // plans and their revision counters; the revisions (who, when, what, the rows).
        {
            q(u"CREATE TABLE S.meta (key text PRIMARY KEY, value text NOT NULL)"_s),
            q(u"INSERT INTO S.meta VALUES ('format', 'tideline-plan-server'), ('version', '0')"_s),
            q(uR"(CREATE TABLE S.plans (
                    plan_id  serial PRIMARY KEY,
                    name     text NOT NULL UNIQUE CHECK (name <> ''),
                    revision bigint NOT NULL DEFAULT 0 CHECK (revision >= 0)))"_s),
            q(uR"(CREATE TABLE S.settings (
                    plan_id integer NOT NULL REFERENCES S.plans ON DELETE CASCADE,
                    id bigint NOT NULL, name text NOT NULL, dialect text NOT NULL,
                    rollback_safe bigint NOT NULL, backfill_batch bigint NOT NULL,
                    lock_timeout text NOT NULL, statement_timeout text NOT NULL,
                    max_contract_age bigint NOT NULL, PRIMARY KEY (plan_id, id)))"_s),
            q(uR"(CREATE TABLE S.releases (
                    plan_id integer NOT NULL REFERENCES S.plans ON DELETE CASCADE,
                    "position" bigint NOT NULL, id text NOT NULL, label text NOT NULL,
                    "date" text, status text NOT NULL
                        CHECK (status IN ('planned', 'deployed', 'cancelled')),
                    shipped_json text, UNIQUE (plan_id, id)))"_s),
            q(uR"(CREATE TABLE S.baseline (
                    plan_id integer NOT NULL REFERENCES S.plans ON DELETE CASCADE,
                    id bigint NOT NULL, "sql" text NOT NULL, tables_json text NOT NULL,
                    views_json text NOT NULL, procedures_json text NOT NULL,
                    sequences_json text NOT NULL, enums_json text NOT NULL,
                    PRIMARY KEY (plan_id, id)))"_s),
            q(uR"(CREATE TABLE S.baseline_rows (
                    plan_id integer NOT NULL REFERENCES S.plans ON DELETE CASCADE,
                    table_name text NOT NULL, row_count bigint NOT NULL CHECK (row_count >= 0),
                    PRIMARY KEY (plan_id, table_name)))"_s),
            q(uR"(CREATE TABLE S.refactorings (
                    plan_id integer NOT NULL REFERENCES S.plans ON DELETE CASCADE,
                    "position" bigint NOT NULL, id text NOT NULL, kind text NOT NULL,
                    "start" text NOT NULL, params_json text NOT NULL, moves_json text NOT NULL,
                    note text NOT NULL, after_json text NOT NULL, UNIQUE (plan_id, id)))"_s),
            q(uR"(CREATE TABLE S.usage_edits (
                    plan_id integer NOT NULL REFERENCES S.plans ON DELETE CASCADE,
                    "position" bigint NOT NULL, "json" text NOT NULL,
                    PRIMARY KEY (plan_id, "position")))"_s),
            q(uR"(CREATE TABLE S.app_statements (
                    plan_id integer NOT NULL REFERENCES S.plans ON DELETE CASCADE,
                    "release" text NOT NULL, "position" bigint NOT NULL, "sql" text NOT NULL,
                    PRIMARY KEY (plan_id, "release", "position")))"_s),
            q(uR"(CREATE TABLE S.acknowledgements (
                    plan_id integer NOT NULL REFERENCES S.plans ON DELETE CASCADE,
                    "position" bigint NOT NULL, "json" text NOT NULL,
                    PRIMARY KEY (plan_id, "position")))"_s),
            q(uR"(CREATE TABLE S.history (
                    plan_id integer NOT NULL REFERENCES S.plans ON DELETE CASCADE,
                    "position" bigint NOT NULL, "json" text NOT NULL,
                    PRIMARY KEY (plan_id, "position")))"_s),
            q(uR"(CREATE TABLE S.revisions (
                    plan_id  integer NOT NULL REFERENCES S.plans ON DELETE CASCADE,
                    revision bigint NOT NULL,
                    who      text NOT NULL DEFAULT current_user,
                    at       timestamptz NOT NULL DEFAULT now(),
                    what     text NOT NULL,
                    changes  jsonb NOT NULL,
                    PRIMARY KEY (plan_id, revision)))"_s),
        },
        // 2: deployed is the release manager's word. Where the role S_release_manager exists
        // (server-setup made it), only its members mark a release deployed or take one back.
        // An edit deletes and inserts whole rows: a deployed row deleted by someone else must
        // come back deployed in the same transaction, checked at its commit.
        {
            q(uR"(CREATE FUNCTION S.is_release_manager() RETURNS boolean LANGUAGE sql STABLE AS $$
                    SELECT NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'S_release_manager')
                           OR pg_has_role(current_user, 'S_release_manager', 'MEMBER') $$)"_s),
            q(uR"(CREATE FUNCTION S.guard_deployed() RETURNS trigger LANGUAGE plpgsql AS $$
                DECLARE
                    pending text := coalesce(current_setting('tideline.deployed_out', true), '');
                    key text;
                BEGIN
                    IF S.is_release_manager() THEN
                        RETURN coalesce(NEW, OLD);
                    END IF;
                    IF TG_OP = 'UPDATE' AND (OLD.status = 'deployed') <> (NEW.status = 'deployed') THEN
                        RAISE EXCEPTION 'only a release manager marks a release deployed or re-opens one (release "%")', NEW.id
                            USING ERRCODE = '42501';
                    END IF;
                    IF TG_OP = 'DELETE' THEN
                        IF OLD.status = 'deployed' THEN
                            PERFORM set_config('tideline.deployed_out',
                                               pending || '|' || OLD.plan_id || ':' || OLD.id || '|', true);
                        END IF;
                        RETURN OLD;
                    END IF;
                    IF TG_OP = 'INSERT' AND NEW.status = 'deployed' THEN
                        key := '|' || NEW.plan_id || ':' || NEW.id || '|';
                        IF position(key IN pending) = 0 THEN
                            RAISE EXCEPTION 'only a release manager marks a release deployed (release "%")', NEW.id
                                USING ERRCODE = '42501';
                        END IF;
                        PERFORM set_config('tideline.deployed_out', replace(pending, key, ''), true);
                    END IF;
                    RETURN NEW;
                END $$)"_s),
            q(uR"(CREATE FUNCTION S.guard_deployed_kept() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF OLD.status = 'deployed' AND NOT S.is_release_manager()
                       AND position('|' || OLD.plan_id || ':' || OLD.id || '|'
                                    IN coalesce(current_setting('tideline.deployed_out', true), '')) > 0 THEN
                        RAISE EXCEPTION 'only a release manager re-opens or removes a deployed release (release "%")', OLD.id
                            USING ERRCODE = '42501';
                    END IF;
                    RETURN NULL;
                END $$)"_s),
            q(uR"(CREATE TRIGGER guard_deployed BEFORE INSERT OR UPDATE OR DELETE ON S.releases
                    FOR EACH ROW EXECUTE FUNCTION S.guard_deployed())"_s),
            q(uR"(CREATE CONSTRAINT TRIGGER guard_deployed_kept AFTER DELETE ON S.releases
                    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION S.guard_deployed_kept())"_s),
        },
        // 3: the server, not the client, keeps the roles (issue 16, third round). Version 2
        // trusted a setting any session may set (tideline.deployed_out) and let planners write
        // the history and the revision counter directly. Now: what a planner's transaction took
        // out of deployed is noted in a table only the storage's owner writes (the triggers run
        // as it, SECURITY DEFINER with a pinned search_path); the history is insert-only, its
        // who and when the server's (session_user, now()); a revision moves on only by one and
        // only with its history entry, and a plan's rows change only in a transaction that
        // moved its revision (an edit). Members are judged by session_user: a security-definer
        // function's current_user is the owner.
        [&] {
            QStringList v3{
                q(uR"(CREATE TABLE S.deployed_out (
                        xact bigint NOT NULL, plan_id integer NOT NULL, id text NOT NULL,
                        PRIMARY KEY (xact, plan_id, id)))"_s),
                q(u"REVOKE ALL ON S.deployed_out FROM PUBLIC"_s),
                q(u"ALTER TABLE S.revisions ALTER COLUMN who SET DEFAULT session_user"_s),
                q(uR"(CREATE OR REPLACE FUNCTION S.is_release_manager() RETURNS boolean LANGUAGE sql STABLE
                        SET search_path = pg_catalog, pg_temp AS $$
                    SELECT CASE WHEN NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'S_release_manager')
                                THEN true
                                ELSE pg_has_role(session_user, 'S_release_manager', 'MEMBER') END $$)"_s),
                q(uR"(CREATE OR REPLACE FUNCTION S.guard_deployed() RETURNS trigger LANGUAGE plpgsql
                        SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
                    BEGIN
                        IF S.is_release_manager() THEN
                            RETURN coalesce(NEW, OLD);
                        END IF;
                        IF TG_OP = 'UPDATE' AND ((OLD.status = 'deployed') <> (NEW.status = 'deployed')
                               OR (OLD.status = 'deployed' AND (OLD.plan_id, OLD.id) <> (NEW.plan_id, NEW.id))) THEN
                            RAISE EXCEPTION 'only a release manager marks a release deployed or re-opens one (release "%")', OLD.id
                                USING ERRCODE = '42501';
                        END IF;
                        IF TG_OP = 'DELETE' THEN
                            IF OLD.status = 'deployed' THEN
                                INSERT INTO S.deployed_out VALUES (txid_current(), OLD.plan_id, OLD.id)
                                    ON CONFLICT DO NOTHING;
                            END IF;
                            RETURN OLD;
                        END IF;
                        IF TG_OP = 'INSERT' AND NEW.status = 'deployed' THEN
                            DELETE FROM S.deployed_out
                                WHERE xact = txid_current() AND plan_id = NEW.plan_id AND id = NEW.id;
                            IF NOT FOUND THEN
                                RAISE EXCEPTION 'only a release manager marks a release deployed (release "%")', NEW.id
                                    USING ERRCODE = '42501';
                            END IF;
                        END IF;
                        RETURN NEW;
                    END $$)"_s),
                q(uR"(CREATE OR REPLACE FUNCTION S.guard_deployed_kept() RETURNS trigger LANGUAGE plpgsql
                        SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
                    BEGIN
                        IF OLD.status = 'deployed' AND NOT S.is_release_manager()
                           AND EXISTS (SELECT 1 FROM S.deployed_out
                                       WHERE xact = txid_current() AND plan_id = OLD.plan_id AND id = OLD.id) THEN
                            RAISE EXCEPTION 'only a release manager re-opens or removes a deployed release (release "%")', OLD.id
                                USING ERRCODE = '42501';
                        END IF;
                        RETURN NULL;
                    END $$)"_s),
                q(uR"(CREATE FUNCTION S.guard_revisions() RETURNS trigger LANGUAGE plpgsql
                        SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
                    DECLARE
                        current bigint;
                    BEGIN
                        IF TG_OP = 'TRUNCATE' THEN
                            RAISE EXCEPTION 'the history of a plan is never changed (no TRUNCATE of %)', TG_TABLE_NAME
                                USING ERRCODE = '42501';
                        END IF;
                        IF TG_OP = 'DELETE' AND NOT EXISTS (SELECT 1 FROM S.plans WHERE plan_id = OLD.plan_id) THEN
                            RETURN OLD; -- its plan is being removed as a whole (by the storage's owner)
                        END IF;
                        IF TG_OP <> 'INSERT' THEN
                            RAISE EXCEPTION 'the history of a plan is never changed (revision % stays as it was recorded)', OLD.revision
                                USING ERRCODE = '42501';
                        END IF;
                        SELECT revision INTO current FROM S.plans WHERE plan_id = NEW.plan_id;
                        IF current IS DISTINCT FROM NEW.revision THEN
                            RAISE EXCEPTION 'revision % is not the one an edit just made (the plan is at revision %): history is recorded by edits only', NEW.revision, current
                                USING ERRCODE = '42501';
                        END IF;
                        NEW.who := session_user;
                        NEW.at := now();
                        RETURN NEW;
                    END $$)"_s),
                q(uR"(CREATE TRIGGER guard_revisions BEFORE INSERT OR UPDATE OR DELETE ON S.revisions
                        FOR EACH ROW EXECUTE FUNCTION S.guard_revisions())"_s),
                q(uR"(CREATE TRIGGER guard_revisions_kept BEFORE TRUNCATE ON S.revisions
                        FOR EACH STATEMENT EXECUTE FUNCTION S.guard_revisions())"_s),
                q(uR"(CREATE FUNCTION S.guard_plan() RETURNS trigger LANGUAGE plpgsql
                        SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
                    BEGIN
                        IF TG_OP = 'INSERT' THEN
                            NEW.revision := 0; -- its first edit makes revision 1
                            RETURN NEW;
                        END IF;
                        IF TG_OP = 'DELETE' THEN
                            IF pg_has_role(session_user, (SELECT relowner FROM pg_class WHERE oid = TG_RELID), 'MEMBER') THEN
                                RETURN OLD;
                            END IF;
                            RAISE EXCEPTION 'only the owner of the plan storage removes a plan with its history (plan "%")', OLD.name
                                USING ERRCODE = '42501';
                        END IF;
                        IF (NEW.plan_id, NEW.name) <> (OLD.plan_id, OLD.name) OR NEW.revision <> OLD.revision + 1 THEN
                            RAISE EXCEPTION 'the revision of plan "%" moves on only by an edit, one at a time (not from % to %), and its name stays', OLD.name, OLD.revision, NEW.revision
                                USING ERRCODE = '42501';
                        END IF;
                        RETURN NEW;
                    END $$)"_s),
                q(uR"(CREATE TRIGGER guard_plan BEFORE INSERT OR UPDATE OR DELETE ON S.plans
                        FOR EACH ROW EXECUTE FUNCTION S.guard_plan())"_s),
                q(uR"(CREATE FUNCTION S.guard_plan_recorded() RETURNS trigger LANGUAGE plpgsql
                        SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
                    BEGIN
                        IF NOT EXISTS (SELECT 1 FROM S.revisions WHERE plan_id = NEW.plan_id AND revision = NEW.revision) THEN
                            RAISE EXCEPTION 'revision % of plan "%" has no history entry: an edit records who, when and what', NEW.revision, NEW.name
                                USING ERRCODE = '42501';
                        END IF;
                        RETURN NULL;
                    END $$)"_s),
                q(uR"(CREATE CONSTRAINT TRIGGER guard_plan_recorded AFTER UPDATE ON S.plans
                        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION S.guard_plan_recorded())"_s),
                q(uR"(CREATE FUNCTION S.guard_edit() RETURNS trigger LANGUAGE plpgsql
                        SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
                    DECLARE
                        touched integer[];
                    BEGIN
                        IF TG_OP = 'INSERT' THEN
                            touched := ARRAY[NEW.plan_id];
                        ELSIF TG_OP = 'DELETE' THEN
                            touched := ARRAY[OLD.plan_id];
                        ELSE
                            touched := ARRAY[OLD.plan_id, NEW.plan_id];
                        END IF;
                        IF EXISTS (SELECT 1 FROM S.plans WHERE plan_id = ANY (touched)
                                   AND xmin <> pg_current_xact_id()::xid) THEN
                            RAISE EXCEPTION 'table %: a plan changes only by an edit, which moves its revision and records who, when and what', TG_TABLE_NAME
                                USING ERRCODE = '42501';
                        END IF;
                        RETURN NULL;
                    END $$)"_s),
                q(u"REVOKE ALL ON FUNCTION S.guard_deployed(), S.guard_deployed_kept(), S.guard_revisions(), "
                  u"S.guard_plan(), S.guard_plan_recorded(), S.guard_edit() FROM PUBLIC"_s),
            };
            for (auto it = layout().constBegin(); it != layout().constEnd(); ++it)
                v3 << q(uR"(CREATE CONSTRAINT TRIGGER guard_edit AFTER INSERT OR UPDATE OR DELETE ON S.%1
                            DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION S.guard_edit())"_s.arg(it.key()));
            return v3;
        }(),
        // 4: the server keeps its own record of every change, and the shipped history (issue 16,
        // fourth round). A revision's `changes` are the client's word; now triggers of the owner
        // write each row changed of a plan's tables (table, key, OLD and NEW as jsonb, who,
        // the transaction, the revision it belongs to) into change_log, which nobody else
        // writes and nobody changes. A deployed release's shipped record and a plan's baseline
        // (once a release is deployed) are the release manager's. An edit is marked by the
        // top-level transaction in edit_marks (written by guard_plan), so that rows changed in a
        // savepoint count: version 3 compared the plan row's xmin, a subtransaction's there.
        // Also in 4 (both parts came in one stop): the baseline a deployed release shipped on,
        // in columns of its own (the .tideline file's storage version 7). Rows written before
        // keep it in shipped_json as a "(baseline)" entry, which reading turns into these; they
        // are not rewritten (an edit of a plan is one recorded revision, never a migration's),
        // and shipped_record() below reads both forms as one record.
        [&] {
            QStringList v4{
                q(u"ALTER TABLE S.releases ADD COLUMN baseline_sha256 text"_s),
                q(u"ALTER TABLE S.releases ADD COLUMN baseline_algorithm bigint"_s),
                // What a release shipped, whichever form holds its baseline: the refactorings'
                // records, the baseline's sha256 and the fingerprint's algorithm (1 for the
                // older "(baseline)" entry), compared as jsonb.
                q(uR"(CREATE FUNCTION S.shipped_record(shipped text, sha text, algorithm bigint) RETURNS jsonb
                        LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, pg_temp AS $$
                    SELECT jsonb_build_object(
                        'refactorings', CASE WHEN legacy THEN j - '(baseline)' ELSE j END,
                        'sha256', CASE WHEN nullif(sha, '') IS NULL AND legacy
                                       THEN nullif(j -> '(baseline)' -> 'params' ->> 'sha256', '') ELSE nullif(sha, '') END,
                        'algorithm', CASE WHEN nullif(sha, '') IS NULL AND legacy
                                          THEN CASE WHEN nullif(j -> '(baseline)' -> 'params' ->> 'sha256', '') IS NULL THEN NULL ELSE 1 END
                                          WHEN nullif(sha, '') IS NULL THEN NULL ELSE algorithm END)
                    FROM (SELECT j, coalesce(j -> '(baseline)' ->> 'kind' = 'baseline', false) AS legacy
                          FROM (SELECT nullif(shipped, '')::jsonb AS j) AS parsed) AS read
                    $$)"_s),
                q(u"CREATE TABLE S.edit_marks (plan_id integer PRIMARY KEY, xact bigint NOT NULL)"_s),
                q(u"REVOKE ALL ON S.edit_marks FROM PUBLIC"_s),
                q(u"INSERT INTO S.meta (key, value) SELECT 'change_log_from ' || plan_id, (revision + 1)::text FROM S.plans"_s),
                q(uR"(CREATE TABLE S.change_log (
                        seq        bigserial PRIMARY KEY,
                        plan_id    integer NOT NULL REFERENCES S.plans ON DELETE CASCADE,
                        revision   bigint NOT NULL,
                        xact       bigint NOT NULL,
                        who        text NOT NULL,
                        at         timestamptz NOT NULL DEFAULT now(),
                        table_name text NOT NULL,
                        op         text NOT NULL CHECK (op IN ('INSERT', 'UPDATE', 'DELETE')),
                        row_key    text,
                        old_row    jsonb,
                        new_row    jsonb))"_s),
                q(u"CREATE INDEX change_log_revision ON S.change_log (plan_id, revision)"_s),
                q(u"REVOKE ALL ON S.change_log FROM PUBLIC"_s),
                q(uR"(CREATE FUNCTION S.guard_change_log() RETURNS trigger LANGUAGE plpgsql
                        SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
                    BEGIN
                        IF TG_OP = 'DELETE' AND NOT EXISTS (SELECT 1 FROM S.plans WHERE plan_id = OLD.plan_id) THEN
                            RETURN OLD; -- its plan is being removed as a whole (by the storage's owner)
                        END IF;
                        RAISE EXCEPTION 'the server''s change log of the plans is never changed (no % of %)', TG_OP, TG_TABLE_NAME
                            USING ERRCODE = '42501';
                    END $$)"_s),
                q(uR"(CREATE TRIGGER guard_change_log BEFORE UPDATE OR DELETE ON S.change_log
                        FOR EACH ROW EXECUTE FUNCTION S.guard_change_log())"_s),
                q(uR"(CREATE TRIGGER guard_change_log_kept BEFORE TRUNCATE ON S.change_log
                        FOR EACH STATEMENT EXECUTE FUNCTION S.guard_change_log())"_s),
                // One row of the log. The revision it belongs to: the one this transaction moved
                // the plan to, or else the next (guard_edit refuses the commit of a change
                // without its edit). Nothing is logged of a plan being removed as a whole.
                q(uR"(CREATE FUNCTION S.log_row(plan integer, tbl text, op text, old_row jsonb, new_row jsonb)
                        RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
                    DECLARE
                        belongs bigint;
                        r jsonb := coalesce(new_row, old_row);
                    BEGIN
                        SELECT revision INTO belongs FROM S.plans WHERE plan_id = plan;
                        IF NOT FOUND THEN
                            RETURN;
                        END IF;
                        IF NOT EXISTS (SELECT 1 FROM S.edit_marks m WHERE m.plan_id = plan AND m.xact = txid_current()) THEN
                            belongs := belongs + 1;
                        END IF;
                        INSERT INTO S.change_log (plan_id, revision, xact, who, table_name, op, row_key, old_row, new_row)
                        VALUES (plan, belongs, txid_current(), session_user, tbl, op,
                                CASE tbl WHEN 'baseline_rows' THEN r->>'table_name'
                                         WHEN 'app_statements' THEN (r->>'release') || '#' || (r->>'position')
                                         ELSE coalesce(r->>'id', r->>'position') END,
                                old_row - 'plan_id', new_row - 'plan_id');
                    END $$)"_s),
                q(uR"(CREATE FUNCTION S.log_change() RETURNS trigger LANGUAGE plpgsql
                        SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
                    BEGIN
                        IF TG_OP = 'INSERT' THEN
                            PERFORM S.log_row(NEW.plan_id, TG_TABLE_NAME, TG_OP, NULL, to_jsonb(NEW));
                        ELSIF TG_OP = 'DELETE' THEN
                            PERFORM S.log_row(OLD.plan_id, TG_TABLE_NAME, TG_OP, to_jsonb(OLD), NULL);
                        ELSIF OLD.plan_id <> NEW.plan_id THEN -- out of one plan into another
                            PERFORM S.log_row(OLD.plan_id, TG_TABLE_NAME, 'DELETE', to_jsonb(OLD), NULL);
                            PERFORM S.log_row(NEW.plan_id, TG_TABLE_NAME, 'INSERT', NULL, to_jsonb(NEW));
                        ELSE
                            PERFORM S.log_row(NEW.plan_id, TG_TABLE_NAME, TG_OP, to_jsonb(OLD), to_jsonb(NEW));
                        END IF;
                        RETURN NULL;
                    END $$)"_s),
                q(uR"(CREATE OR REPLACE FUNCTION S.guard_plan() RETURNS trigger LANGUAGE plpgsql
                        SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
                    BEGIN
                        IF TG_OP = 'INSERT' THEN
                            NEW.revision := 0; -- its first edit makes revision 1
                            INSERT INTO S.edit_marks VALUES (NEW.plan_id, txid_current())
                                ON CONFLICT (plan_id) DO UPDATE SET xact = EXCLUDED.xact;
                            RETURN NEW;
                        END IF;
                        IF TG_OP = 'DELETE' THEN
                            IF pg_has_role(session_user, (SELECT relowner FROM pg_class WHERE oid = TG_RELID), 'MEMBER') THEN
                                DELETE FROM S.edit_marks WHERE plan_id = OLD.plan_id;
                                RETURN OLD;
                            END IF;
                            RAISE EXCEPTION 'only the owner of the plan storage removes a plan with its history (plan "%")', OLD.name
                                USING ERRCODE = '42501';
                        END IF;
                        IF (NEW.plan_id, NEW.name) <> (OLD.plan_id, OLD.name) OR NEW.revision <> OLD.revision + 1 THEN
                            RAISE EXCEPTION 'the revision of plan "%" moves on only by an edit, one at a time (not from % to %), and its name stays', OLD.name, OLD.revision, NEW.revision
                                USING ERRCODE = '42501';
                        END IF;
                        -- This transaction (the top-level one, also from a savepoint) makes an edit of the plan.
                        INSERT INTO S.edit_marks VALUES (NEW.plan_id, txid_current())
                            ON CONFLICT (plan_id) DO UPDATE SET xact = EXCLUDED.xact;
                        RETURN NEW;
                    END $$)"_s),
                q(uR"(CREATE OR REPLACE FUNCTION S.guard_edit() RETURNS trigger LANGUAGE plpgsql
                        SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
                    DECLARE
                        touched integer[];
                    BEGIN
                        IF TG_OP = 'INSERT' THEN
                            touched := ARRAY[NEW.plan_id];
                        ELSIF TG_OP = 'DELETE' THEN
                            touched := ARRAY[OLD.plan_id];
                        ELSE
                            touched := ARRAY[OLD.plan_id, NEW.plan_id];
                        END IF;
                        IF EXISTS (SELECT 1 FROM S.plans p WHERE p.plan_id = ANY (touched)
                                   AND NOT EXISTS (SELECT 1 FROM S.edit_marks m
                                                   WHERE m.plan_id = p.plan_id AND m.xact = txid_current())) THEN
                            RAISE EXCEPTION 'table %: a plan changes only by an edit, which moves its revision and records who, when and what', TG_TABLE_NAME
                                USING ERRCODE = '42501';
                        END IF;
                        RETURN NULL;
                    END $$)"_s),
                // What a deployed release shipped stays: its row may go out and come back (an
                // edit of its label) only with the same shipped record.
                q(u"ALTER TABLE S.deployed_out ADD COLUMN shipped_json text"_s),
                q(uR"(CREATE OR REPLACE FUNCTION S.guard_deployed() RETURNS trigger LANGUAGE plpgsql
                        SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
                    BEGIN
                        IF S.is_release_manager() THEN
                            RETURN coalesce(NEW, OLD);
                        END IF;
                        IF TG_OP = 'UPDATE' AND ((OLD.status = 'deployed') <> (NEW.status = 'deployed')
                               OR (OLD.status = 'deployed' AND (OLD.plan_id, OLD.id) <> (NEW.plan_id, NEW.id))) THEN
                            RAISE EXCEPTION 'only a release manager marks a release deployed or re-opens one (release "%")', OLD.id
                                USING ERRCODE = '42501';
                        END IF;
                        IF TG_OP = 'UPDATE' AND OLD.status = 'deployed'
                               AND S.shipped_record(OLD.shipped_json, OLD.baseline_sha256, OLD.baseline_algorithm)
                                   IS DISTINCT FROM S.shipped_record(NEW.shipped_json, NEW.baseline_sha256, NEW.baseline_algorithm) THEN
                            RAISE EXCEPTION 'what deployed release "%" shipped stays as it was recorded; only a release manager re-opens it', OLD.id
                                USING ERRCODE = '42501';
                        END IF;
                        IF TG_OP = 'DELETE' THEN
                            IF OLD.status = 'deployed' THEN
                                INSERT INTO S.deployed_out VALUES (txid_current(), OLD.plan_id, OLD.id,
                                    S.shipped_record(OLD.shipped_json, OLD.baseline_sha256, OLD.baseline_algorithm)::text)
                                    ON CONFLICT DO NOTHING;
                            END IF;
                            RETURN OLD;
                        END IF;
                        IF TG_OP = 'INSERT' AND NEW.status = 'deployed' THEN
                            DELETE FROM S.deployed_out
                                WHERE xact = txid_current() AND plan_id = NEW.plan_id AND id = NEW.id
                                  AND shipped_json IS NOT DISTINCT FROM
                                      S.shipped_record(NEW.shipped_json, NEW.baseline_sha256, NEW.baseline_algorithm)::text;
                            IF NOT FOUND THEN
                                IF EXISTS (SELECT 1 FROM S.deployed_out
                                           WHERE xact = txid_current() AND plan_id = NEW.plan_id AND id = NEW.id) THEN
                                    RAISE EXCEPTION 'what deployed release "%" shipped stays as it was recorded; only a release manager re-opens it', NEW.id
                                        USING ERRCODE = '42501';
                                END IF;
                                RAISE EXCEPTION 'only a release manager marks a release deployed (release "%")', NEW.id
                                    USING ERRCODE = '42501';
                            END IF;
                        END IF;
                        RETURN NEW;
                    END $$)"_s),
                // The baseline the deployed releases shipped on stays (a deployed release taken
                // out by this transaction counts: it must come back deployed).
                q(uR"(CREATE FUNCTION S.guard_baseline() RETURNS trigger LANGUAGE plpgsql
                        SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
                    DECLARE
                        plan integer;
                        shipped text;
                    BEGIN
                        IF S.is_release_manager() THEN
                            RETURN NULL;
                        END IF;
                        FOREACH plan IN ARRAY CASE TG_OP WHEN 'INSERT' THEN ARRAY[NEW.plan_id]
                                                         WHEN 'DELETE' THEN ARRAY[OLD.plan_id]
                                                         ELSE ARRAY[OLD.plan_id, NEW.plan_id] END LOOP
                            SELECT id INTO shipped FROM (
                                SELECT id, "position" FROM S.releases WHERE plan_id = plan AND status = 'deployed'
                                UNION ALL
                                SELECT id, -1 FROM S.deployed_out WHERE xact = txid_current() AND plan_id = plan) d
                                ORDER BY "position" LIMIT 1;
                            IF FOUND THEN
                                RAISE EXCEPTION 'the baseline of a plan stays as it was once a release is deployed (release "%" shipped on it); only a release manager re-opens the deployed releases', shipped
                                    USING ERRCODE = '42501';
                            END IF;
                        END LOOP;
                        RETURN NULL;
                    END $$)"_s),
                q(uR"(CREATE TRIGGER guard_baseline AFTER INSERT OR UPDATE OR DELETE ON S.baseline
                        FOR EACH ROW EXECUTE FUNCTION S.guard_baseline())"_s),
                q(u"REVOKE ALL ON FUNCTION S.guard_change_log(), S.log_row(integer, text, text, jsonb, jsonb), "
                  u"S.log_change(), S.guard_baseline() FROM PUBLIC"_s),
            };
            for (auto it = layout().constBegin(); it != layout().constEnd(); ++it)
                v4 << q(uR"(CREATE TRIGGER log_change AFTER INSERT OR UPDATE OR DELETE ON S.%1
                            FOR EACH ROW EXECUTE FUNCTION S.log_change())"_s.arg(it.key()));
            return v4;
        }(),
        // 5: the deploy / re-open history is the release manager's (issue 16, review of version
        // 4). Version 4 guarded the releases' status but not the history beside it: a planner
        // could delete a "reopened" entry or add a forged "deployed" one, under any name. Now
        // only a release manager adds an entry, its who is the session's role, and nobody
        // changes or removes one (unless the owner removes the plan as a whole).
        {
            q(uR"(CREATE FUNCTION S.guard_history() RETURNS trigger LANGUAGE plpgsql
                    SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
                DECLARE
                    entry jsonb;
                BEGIN
                    IF TG_OP = 'DELETE' AND NOT EXISTS (SELECT 1 FROM S.plans WHERE plan_id = OLD.plan_id) THEN
                        RETURN OLD; -- its plan is being removed as a whole (by the storage's owner)
                    END IF;
                    IF TG_OP <> 'INSERT' THEN
                        RAISE EXCEPTION 'the deploy history of a plan is never changed (no % of %)', TG_OP, TG_TABLE_NAME
                            USING ERRCODE = '42501';
                    END IF;
                    entry := NEW.json::jsonb;
                    IF NOT S.is_release_manager() THEN
                        RAISE EXCEPTION 'only a release manager records that a release was deployed or re-opened (entry "%" of release "%")', entry->>'action', entry->>'release'
                            USING ERRCODE = '42501';
                    END IF;
                    IF entry->>'who' IS DISTINCT FROM session_user::text THEN
                        NEW.json := (entry || jsonb_build_object('who', session_user::text))::text;
                    END IF;
                    RETURN NEW;
                END $$)"_s),
            q(uR"(CREATE TRIGGER guard_history BEFORE INSERT OR UPDATE OR DELETE ON S.history
                    FOR EACH ROW EXECUTE FUNCTION S.guard_history())"_s),
            q(uR"(CREATE TRIGGER guard_history_kept BEFORE TRUNCATE ON S.history
                    FOR EACH STATEMENT EXECUTE FUNCTION S.guard_history())"_s),
            q(u"REVOKE ALL ON FUNCTION S.guard_history() FROM PUBLIC"_s),
            // A row of the change log belongs to the revision its transaction made: log_row
            // can only guess it before the transaction moved the revision (under READ
            // COMMITTED another edit may commit in between), so each revision keeps its
            // transaction, and the log is matched to the revisions by it.
            q(u"ALTER TABLE S.revisions ADD COLUMN xact bigint"_s),
            q(uR"(CREATE OR REPLACE FUNCTION S.guard_revisions() RETURNS trigger LANGUAGE plpgsql
                    SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
                DECLARE
                    current bigint;
                BEGIN
                    IF TG_OP = 'TRUNCATE' THEN
                        RAISE EXCEPTION 'the history of a plan is never changed (no TRUNCATE of %)', TG_TABLE_NAME
                            USING ERRCODE = '42501';
                    END IF;
                    IF TG_OP = 'DELETE' AND NOT EXISTS (SELECT 1 FROM S.plans WHERE plan_id = OLD.plan_id) THEN
                        RETURN OLD; -- its plan is being removed as a whole (by the storage's owner)
                    END IF;
                    IF TG_OP <> 'INSERT' THEN
                        RAISE EXCEPTION 'the history of a plan is never changed (revision % stays as it was recorded)', OLD.revision
                            USING ERRCODE = '42501';
                    END IF;
                    SELECT revision INTO current FROM S.plans WHERE plan_id = NEW.plan_id;
                    IF current IS DISTINCT FROM NEW.revision THEN
                        RAISE EXCEPTION 'revision % is not the one an edit just made (the plan is at revision %): history is recorded by edits only', NEW.revision, current
                            USING ERRCODE = '42501';
                    END IF;
                    NEW.who := session_user;
                    NEW.at := now();
                    NEW.xact := txid_current();
                    RETURN NEW;
                END $$)"_s),
        },
    };
}

/** The tables storage version @p version adds that the viewers (and so everyone of the
 *  roles server-setup makes) read; the rest of what it adds is the owner's alone. */
QStringList viewerReads(int version)
{
    return version == 4 ? QStringList{u"change_log"_s} : QStringList{};
}

const QRegularExpression &schemaName()
{
    static const QRegularExpression re(u"^[a-z_][a-z0-9_]{0,46}$"_s);
    return re;
}

/** Values as both sides hold them: NULL, integers as qlonglong, the rest as (non-null) text. */
QVariant normal(const QVariant &value)
{
    if (!value.isValid() || value.isNull())
        return {};
    switch (value.typeId()) {
    case QMetaType::Bool:
    case QMetaType::Int:
    case QMetaType::UInt:
    case QMetaType::LongLong:
    case QMetaType::ULongLong:
        return value.toLongLong();
    case QMetaType::Double:
        if (value.toDouble() == double(qint64(value.toDouble())))
            return qint64(value.toDouble());
        return value;
    default: {
        const QString text = value.toString();
        return text.isNull() ? QVariant(u""_s) : QVariant(text);
    }
    }
}

QJsonArray rowJson(const QVariantList &row)
{
    QJsonArray array;
    for (const QVariant &value : row)
        array.append(value.isValid() ? QJsonValue::fromVariant(value) : QJsonValue());
    return array;
}

QVariantList rowFromJson(const QJsonArray &array)
{
    QVariantList row;
    for (const QJsonValue &value : array)
        row << (value.isNull() ? QVariant() : normal(value.toVariant()));
    return row;
}

/** A row's identity for the diff: each value with its kind and length, so that no two rows of
 *  different values share one (cheaper than the row as JSON, which an edit's diff of a large
 *  plan spent most of its time on). */
QByteArray rowKey(const QVariantList &row)
{
    QByteArray key;
    for (const QVariant &value : row) {
        if (!value.isValid()) {
            key += "N;";
        } else if (value.typeId() == QMetaType::LongLong) {
            key += 'I' + QByteArray::number(value.toLongLong()) + ';';
        } else {
            const QByteArray text = value.toString().toUtf8();
            key += 'S' + QByteArray::number(text.size()) + ':' + text;
        }
    }
    return key;
}

/** The tables and columns of a plan's storage, as the file writes them. */
const PlanRows &layout()
{
    static const PlanRows empty = [] {
        PlanRows rows;
        QString error;
        PlanStore::toRows(Plan{}, &rows, &error);
        for (TableRows &table : rows)
            table.rows.clear();
        return rows;
    }();
    return empty;
}

/** Whether storage version @p version has @p column of @p table (layout() is the current
 *  version's). A storage opened at an older version (the tests of the migrations) reads such a
 *  column as NULL and writes without it. */
bool hasColumn(int version, const QString &table, const QString &column)
{
    return version >= 4 || table != u"releases"_s
           || (column != u"baseline_sha256"_s && column != u"baseline_algorithm"_s);
}

/** What turns one plan's rows into another's: by table, rows removed and rows added. */
struct Change
{
    QList<QVariantList> removed;
    QList<QVariantList> added;
};

QMap<QString, Change> diff(const PlanRows &before, const PlanRows &after)
{
    QMap<QString, Change> changes;
    for (auto it = layout().constBegin(); it != layout().constEnd(); ++it) {
        const QList<QVariantList> &old = before.value(it.key()).rows;
        const QList<QVariantList> &now = after.value(it.key()).rows;
        // Each row's key once: a row of the old plan not matched by one of the new is removed.
        QList<QByteArray> oldKeys;
        oldKeys.reserve(old.size());
        QHash<QByteArray, int> count;
        for (const QVariantList &row : old)
            ++count[oldKeys.emplace_back(rowKey(row))];
        Change change;
        for (const QVariantList &row : now) {
            auto found = count.find(rowKey(row));
            if (found != count.end() && found.value() > 0)
                --found.value();
            else
                change.added << row;
        }
        for (qsizetype i = 0; i < old.size(); ++i) {
            auto found = count.find(oldKeys.at(i));
            if (found.value() > 0) {
                --found.value();
                change.removed << old.at(i);
            }
        }
        if (!change.removed.isEmpty() || !change.added.isEmpty())
            changes.insert(it.key(), change);
    }
    return changes;
}

QJsonObject changesJson(const QMap<QString, Change> &changes)
{
    QJsonObject object;
    for (auto it = changes.constBegin(); it != changes.constEnd(); ++it) {
        QJsonArray removed, added;
        for (const QVariantList &row : it.value().removed)
            removed.append(rowJson(row));
        for (const QVariantList &row : it.value().added)
            added.append(rowJson(row));
        object.insert(it.key(), QJsonObject{{u"columns"_s, QJsonArray::fromStringList(
                                                               layout().value(it.key()).columns)},
                                            {u"removed"_s, removed},
                                            {u"added"_s, added}});
    }
    return object;
}

/** Takes one revision back: what it added goes, what it removed returns. */
bool undoChanges(const QJsonObject &changes, PlanRows *rows)
{
    for (auto it = changes.constBegin(); it != changes.constEnd(); ++it) {
        TableRows &table = (*rows)[it.key()];
        const QJsonObject change = it.value().toObject();
        // A revision of an older storage version names fewer columns: the others were NULL.
        QList<qsizetype> from; // for each column of the table, its place in the change's rows
        const QJsonArray named = change.value(u"columns"_s).toArray();
        for (const QString &column : std::as_const(table.columns)) {
            qsizetype at = -1;
            for (qsizetype i = 0; i < named.size() && at < 0; ++i) {
                if (named.at(i).toString() == column)
                    at = i;
            }
            from << at;
        }
        if (named.size() != qsizetype(std::count_if(from.cbegin(), from.cend(), [](qsizetype i) { return i >= 0; })))
            return false; // a column the table does not have
        const auto widened = [&from](const QJsonValue &value) {
            const QVariantList row = rowFromJson(value.toArray());
            QVariantList full;
            for (qsizetype i : from)
                full << (i >= 0 ? row.value(i) : QVariant());
            return full;
        };
        for (const QJsonValue &row : change.value(u"added"_s).toArray()) {
            const QByteArray key = rowKey(widened(row));
            qsizetype at = -1;
            for (qsizetype i = 0; i < table.rows.size() && at < 0; ++i) {
                if (rowKey(table.rows.at(i)) == key)
                    at = i;
            }
            if (at < 0)
                return false;
            table.rows.removeAt(at);
        }
        for (const QJsonValue &row : change.value(u"removed"_s).toArray())
            table.rows << widened(row);
    }
    return true;
}

QString quoted(const QStringList &columns)
{
    QStringList list;
    for (const QString &column : columns)
        list << u'"' + column + u'"';
    return list.join(u", "_s);
}

} // namespace

bool ServerLocation::isLocation(const QString &text)
{
    return text.startsWith(u"postgresql://"_s, Qt::CaseInsensitive)
           || text.startsWith(u"postgres://"_s, Qt::CaseInsensitive);
}

bool ServerLocation::parse(const QString &text, ServerLocation *location, QString *error)
{
    if (!isLocation(text)) {
        *error = u"not a plan on a server (postgresql://user@host:port/database?plan=NAME)"_s;
        return false;
    }
    QUrl url(text, QUrl::StrictMode);
    if (!url.isValid()) {
        *error = u"not a valid server location: %1"_s.arg(
            url.errorString().section(u"; source was"_s, 0, 0));
        return false;
    }
    ServerLocation result;
    QUrlQuery query(url);
    QUrlQuery rest;
    for (const auto &item : query.queryItems(QUrl::FullyDecoded)) {
        if (item.first == u"plan"_s) {
            result.plan = item.second;
        } else if (item.first == u"schema"_s) {
            result.schema = item.second;
        } else if (item.first == u"revision"_s) {
            bool ok = false;
            result.revision = item.second.toLongLong(&ok);
            if (!ok || result.revision < 1) {
                *error = u"revision=%1: a revision is a number from 1"_s.arg(item.second);
                return false;
            }
        } else {
            rest.addQueryItem(item.first, item.second);
        }
    }
    if (!schemaName().match(result.schema).hasMatch()) {
        *error = u"schema=%1: the storage schema must be a lower-case name (letters, digits, _)"_s
                     .arg(result.schema);
        return false;
    }
    if (query.hasQueryItem(u"plan"_s) && result.plan.isEmpty()) {
        *error = u"plan= names no plan"_s;
        return false;
    }
    url.setQuery(rest);
    result.dsn = url.toString(QUrl::FullyEncoded);
    *location = result;
    return true;
}

namespace {

/** What the watchdog needs of libpq (the libpq the driver loaded): the connection's socket
 *  and a cancel request, which asks the server to end the statement it is running. */
struct LibPq
{
    using Socket = int (*)(const void *);
    using GetCancel = void *(*)(void *);
    using Cancel = int (*)(void *, char *, int);
    using FreeCancel = void (*)(void *);
    Socket socket = nullptr;
    GetCancel getCancel = nullptr;
    Cancel cancel = nullptr;
    FreeCancel freeCancel = nullptr;

    static const LibPq &get()
    {
        static const LibPq pq = [] {
            QLibrary libpq(u"pq"_s, 5);
            LibPq r;
            r.socket = reinterpret_cast<Socket>(libpq.resolve("PQsocket"));
            r.getCancel = reinterpret_cast<GetCancel>(libpq.resolve("PQgetCancel"));
            r.cancel = reinterpret_cast<Cancel>(libpq.resolve("PQcancel"));
            r.freeCancel = reinterpret_cast<FreeCancel>(libpq.resolve("PQfreeCancel"));
            return r;
        }();
        return pq;
    }
};

/** The PGconn of a QPSQL connection, or null. */
void *connectionOf(const QSqlDatabase &db)
{
    const QVariant handle = db.driver() ? db.driver()->handle() : QVariant();
    // PGconn is libpq's name for struct pg_conn, which is what Qt's type name says.
    if (!handle.isValid()
        || (qstrcmp(handle.typeName(), "pg_conn*") != 0 && qstrcmp(handle.typeName(), "PGconn*") != 0))
        return nullptr;
    return *static_cast<void *const *>(handle.constData());
}

/** The socket of a QPSQL connection (libpq's PQsocket), or -1. */
int socketOf(const QSqlDatabase &db)
{
    void *connection = connectionOf(db);
    return connection && LibPq::get().socket ? LibPq::get().socket(connection) : -1;
}

/** A cancel request for the statement running on a QPSQL connection (PQgetCancel), or null. */
void *cancelOf(const QSqlDatabase &db)
{
    void *connection = connectionOf(db);
    const LibPq &pq = LibPq::get();
    return connection && pq.getCancel && pq.cancel && pq.freeCancel ? pq.getCancel(connection) : nullptr;
}

/**
 * Ends a statement the server does not answer within a bound: from a thread of its own it
 * first sends the server a cancel request (the backend then ends the statement, and leaves a
 * lock queue it waited in); when no answer follows within a short grace it shuts the
 * connection's socket down (a copy of it, so that a descriptor libpq closed and the system
 * gave to someone else is never touched), and libpq, waiting for the answer, fails the
 * statement. TCP's
 * own options (keepalives, tcp_user_timeout) cannot notice a server that stopped answering
 * while a kernel on the way still acknowledges (a stopped process, a proxy that stopped
 * forwarding); this can.
 */
class Watchdog
{
public:
    ~Watchdog()
    {
        {
            std::lock_guard lock(m_mutex);
            m_stop = true;
        }
        m_wake.notify_all();
        if (m_thread.joinable())
            m_thread.join();
        release();
    }
    /** Watches the statement about to run on @p socket; @p cancel (PQgetCancel's, or null)
     *  is the watchdog's until disarm(). */
    void arm(int socket, void *cancel, std::chrono::milliseconds bound)
    {
        std::lock_guard lock(m_mutex);
        if (!m_thread.joinable())
            m_thread = std::thread([this] { run(); });
        release();
        m_socket = ::dup(socket);
        m_cancel = cancel;
        m_deadline = std::chrono::steady_clock::now() + bound;
        m_grace = std::min<std::chrono::milliseconds>(bound / 2, std::chrono::milliseconds(1000));
        m_armed = true;
        m_cancelled = false;
        m_fired = false;
        m_wake.notify_all();
    }
    /** Whether the bound passed (and the statement was cancelled, or its socket shut down)
     *  since arm(). */
    bool disarm()
    {
        std::lock_guard lock(m_mutex);
        m_armed = false;
        release();
        return m_fired;
    }

private:
    void run()
    {
        std::unique_lock lock(m_mutex);
        while (!m_stop) {
            if (!m_armed) {
                m_wake.wait(lock);
            } else if (std::chrono::steady_clock::now() >= m_deadline) {
                m_fired = true;
                if (!m_cancelled && m_cancel) {
                    // PQcancel is made to be called from another thread than the connection's;
                    // it connects to the server and waits for it, which a server that stopped
                    // answering never ends: a thread of its own sends it (and frees it), and
                    // the socket is shut down after the grace whether or not it got through.
                    std::thread([cancel = m_cancel] {
                        char reason[256];
                        LibPq::get().cancel(cancel, reason, int(sizeof reason));
                        LibPq::get().freeCancel(cancel);
                    }).detach();
                    m_cancel = nullptr;
                    m_cancelled = true;
                    m_deadline = std::chrono::steady_clock::now() + m_grace;
                } else {
                    if (m_socket >= 0)
                        ::shutdown(m_socket, SHUT_RDWR);
                    m_armed = false;
                }
            } else {
                m_wake.wait_until(lock, m_deadline);
            }
        }
    }

    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::thread m_thread;
    /** Closes the copy of the socket and frees the cancel request (m_mutex held). */
    void release()
    {
        if (m_socket >= 0)
            ::close(m_socket);
        m_socket = -1;
        if (m_cancel)
            LibPq::get().freeCancel(m_cancel);
        m_cancel = nullptr;
    }

    std::chrono::steady_clock::time_point m_deadline;
    std::chrono::milliseconds m_grace{1000};
    int m_socket = -1;
    void *m_cancel = nullptr;
    bool m_armed = false;
    bool m_cancelled = false;
    bool m_fired = false;
    bool m_stop = false;
};

/** How long a statement may wait for the server: the location's tcp_user_timeout (ms), as
 *  libpq is given it, or Connection's default (60 s). */
std::chrono::milliseconds answerBound(const QString &dsn)
{
    bool ok = false;
    const qint64 ms = QUrlQuery(QUrl(dsn)).queryItemValue(u"tcp_user_timeout"_s).toLongLong(&ok);
    return std::chrono::milliseconds(ok && ms > 0 ? ms : 60000);
}

} // namespace

struct ServerPlan::Private
{
    ServerPlan *q = nullptr;
    ServerLocation location;
    QString text; // the location as given
    std::unique_ptr<Connection> connection;
    int version = 0;
    qint64 planId = -1; // -1: not looked up yet
    qint64 revision = 0;
    PlanRows rows;      // the plan's rows at revision
    Plan plan;          // the plan they hold, when planKnown
    bool rowsKnown = false;
    bool planKnown = false;
    bool listening = false;
    QString role; // session_user: the login, as the server records it
    Watchdog watchdog;
    bool timedOut = false; // the last statement's answer did not come within answerBound()

    QSqlDatabase db() const { return connection ? connection->database() : QSqlDatabase(); }
    QString table(const QString &name) const { return location.schema + u'.' + name; }

    bool fail(QString *error, const QString &message) const
    {
        if (error)
            *error = Connection::redact(message, location.dsn);
        return false;
    }
    bool failSql(QString *error, const QSqlError &sqlError) const
    {
        QString text = sqlError.databaseText().trimmed();
        if (text.isEmpty())
            text = sqlError.text();
        return fail(error, text);
    }

    /** Runs @p sql with its ? replaced by @p values as the driver quotes them (libpq's
     *  escaping): one round trip, and no server-side prepared statement left behind by a
     *  transaction that failed. Our statements hold no other question mark. */
    bool exec(QSqlQuery *query, const QString &sql, const QVariantList &values, QString *error)
    {
        *query = QSqlQuery(db());
        QString text;
        if (values.isEmpty()) {
            text = sql;
        } else {
            QSqlDriver *driver = db().driver();
            qsizetype next = 0;
            text.reserve(sql.size() + 64 * values.size());
            for (const QChar c : sql) {
                if (c != u'?') {
                    text += c;
                    continue;
                }
                const QVariant value = values.value(next++);
                QSqlField field(QString(), value.metaType());
                field.setValue(value);
                text += driver->formatValue(field);
            }
        }
        if (guarded([&] { return query->exec(text); }))
            return true;
        if (query->lastError().nativeErrorCode() == u"55P03"_s) // lock_not_available: lock_timeout
            return fail(error, u"another edit holds the plan \"%1\" on the server (waited %2 ms for it); "
                               "nothing of this one was committed: try again in a moment"_s
                                   .arg(location.plan, QString::number(lockBound().count())));
        if (timedOut)
            return fail(error, u"the server did not answer within %1 ms (tcp_user_timeout): the statement "
                               "was cancelled or the connection ended; %2"_s
                                   .arg(QString::number(answerBound(location.dsn).count()),
                                        sql == u"COMMIT"_s
                                            ? u"whether the edit was committed is not known, read the plan again"_s
                                            : u"nothing of it was committed"_s));
        return failSql(error, query->lastError());
    }
    /** How long an edit waits for another edit's lock: half the answer bound. */
    std::chrono::milliseconds lockBound() const { return answerBound(location.dsn) / 2; }
    /** Runs @p statement with the watchdog armed: timedOut says whether it ended it. */
    bool guarded(const std::function<bool()> &statement)
    {
        timedOut = false;
        const int socket = socketOf(db());
        if (socket < 0)
            return statement();
        watchdog.arm(socket, cancelOf(db()), answerBound(location.dsn));
        const bool ok = statement();
        timedOut = watchdog.disarm();
        return ok;
    }
    /** @p sql (no values) under the watchdog, its answer in @p query when given; the error
     *  is the query's. */
    bool execGuarded(const QString &sql, QSqlQuery *query = nullptr)
    {
        QSqlQuery own(db());
        QSqlQuery *q = query ? query : &own;
        *q = QSqlQuery(db());
        return guarded([&] { return q->exec(sql); });
    }
    bool exec(const QString &sql, QString *error, const QVariantList &values = {})
    {
        QSqlQuery query(db());
        return exec(&query, sql, values, error);
    }

    bool reconnect(QString *error)
    {
        auto fresh = std::make_unique<Connection>();
        if (!fresh->open(location.dsn, error))
            return false;
        connection = std::move(fresh);
        if (listening) {
            listening = false;
            return q->listen(error);
        }
        return true;
    }

    /** One transaction; a connection the server ended is opened again once, first. */
    bool transaction(const std::function<bool(QString *)> &work, QString *error,
                     const QString &begin = u"BEGIN"_s)
    {
        if (!connection)
            return fail(error, u"no server is open"_s);
        QSqlQuery probe(db());
        if (!exec(&probe, begin, {}, error)) {
            if (timedOut)
                return false; // a server that does not answer is not asked again at once
            QString ignored;
            if (!reconnect(&ignored) || !execGuarded(begin))
                return failSql(error, probe.lastError());
        }
        if (!work(error)) {
            execGuarded(u"ROLLBACK"_s);
            return false;
        }
        return exec(u"COMMIT"_s, error); // a failed COMMIT (a deferred check) ends it too
    }

    bool migrate(int upTo, QString *error);
    bool mayUpgrade(int current, int upTo, QString *error);
    bool ownedByTheOwner(QString *error);
    bool findPlan(bool *found, QString *error);
    /** findPlan(), and a plan that is not there is the failure. */
    bool findExisting(QString *error)
    {
        bool found = false;
        if (!findPlan(&found, error))
            return false;
        return found || fail(error, u"no plan \"%1\" on this server (tideline-cli plans lists them)"_s
                                        .arg(location.plan));
    }
    bool readRows(PlanRows *out, QString *error);
    bool refusal(qint64 base, QString *error);
    /** The places in layout()'s columns of @p table of the columns this storage version has. */
    QList<qsizetype> columnsHere(const QString &tableName) const
    {
        QList<qsizetype> present;
        const QStringList &columns = layout().value(tableName).columns;
        for (qsizetype i = 0; i < columns.size(); ++i) {
            if (hasColumn(version, tableName, columns.at(i)))
                present << i;
        }
        return present;
    }
};

ServerPlan::ServerPlan(QObject *parent) : QObject(parent), d(std::make_unique<Private>())
{
    d->q = this;
}

ServerPlan::~ServerPlan() = default;

bool ServerPlan::Private::migrate(int upTo, QString *error)
{
    const QString s = location.schema;
    return transaction([&](QString *e) {
        // One Tideline at a time creates or migrates a storage.
        if (!exec(u"SELECT pg_advisory_xact_lock(hashtext('tideline storage ' || '%1'))"_s.arg(s), e))
            return false;
        QSqlQuery query(db());
        // The rest of the transaction runs as the storage's owner when this role may act as it
        // (a superuser, a member): what the owner's own objects do on the way (a trigger on
        // meta, a function a migration calls) then has the owner's rights, never more, and what
        // the migration creates is the owner's.
        if (!exec(&query, u"SELECT format('SET LOCAL ROLE %I', pg_get_userbyid(relowner)) FROM pg_class WHERE oid = to_regclass('%1.plans') "
                          u"AND relowner <> (SELECT oid FROM pg_roles WHERE rolname = current_user) "
                          u"AND pg_has_role(current_user, relowner, 'MEMBER')"_s.arg(s), {}, e))
            return false;
        if (query.next() && !exec(query.value(0).toString(), e))
            return fail(e, u"cannot act as the owner of the plan storage: %1"_s.arg(*e));
        if (!exec(&query, u"SELECT to_regclass('%1.meta') IS NOT NULL"_s.arg(s), {}, e))
            return false;
        query.next();
        int current = 0;
        if (query.value(0).toBool()) {
            if (!exec(&query, u"SELECT key, value FROM %1.meta WHERE key IN ('format', 'version')"_s.arg(s),
                      {}, e))
                return false;
            QString format;
            while (query.next()) {
                if (query.value(0).toString() == u"format"_s)
                    format = query.value(1).toString();
                else
                    current = query.value(1).toInt();
            }
            if (format != FormatTag)
                return fail(e, u"schema \"%1\" on this server is not a Tideline plan storage (no "
                                "format tag); choose another with &schema="_s.arg(s));
            if (current > StorageVersion)
                return fail(e, u"the plans on this server were written by a newer Tideline "
                                "(storage version %1; this build supports up to %2); use a newer "
                                "Tideline"_s.arg(QString::number(current), QString::number(StorageVersion)));
        } else if (!exec(u"CREATE SCHEMA IF NOT EXISTS %1"_s.arg(s), e)) {
            return false;
        }
        if (upTo <= current) {
            version = current;
            return true;
        }
        if (current > 0 && (!mayUpgrade(current, upTo, e) || !ownedByTheOwner(e)))
            return false;
        const QList<QStringList> all = migrations(s);
        for (int v = current + 1; v <= upTo; ++v) {
            for (const QString &sql : all.at(v - 1)) {
                if (!exec(sql, e))
                    return fail(e, u"cannot bring the plan storage on the server to version %1: %2"_s
                                       .arg(QString::number(v), *e));
            }
        }
        // Tables a migration adds are closed to the roles server-setup made (its SQL granted
        // on the tables there were): give them what that SQL gives, where the roles exist.
        for (int v = current + 1; v <= upTo; ++v) {
            for (const QString &table : viewerReads(v)) {
                if (!exec(uR"(DO $$ BEGIN
                                IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '%1_viewer') THEN
                                    GRANT SELECT ON %1.%2 TO %1_viewer;
                                END IF;
                              END $$)"_s.arg(s, table), e))
                    return fail(e, u"cannot let the viewers read %1 (version %2): %3"_s
                                       .arg(table, QString::number(v), *e));
            }
        }
        if (current > 0 && !ownedByTheOwner(e))
            return false;
        if (!exec(u"UPDATE %1.meta SET value = ? WHERE key = 'version'"_s.arg(s), e, {QString::number(upTo)}))
            return false;
        version = upTo;
        return true;
    }, error);
}

bool ServerPlan::Private::mayUpgrade(int current, int upTo, QString *error)
{
    // Only the storage's owner (the owner of its tables) may create and alter what a migration
    // does; anyone else would meet a bare "permission denied" halfway through.
    QSqlQuery query(db());
    if (!exec(&query, u"SELECT pg_get_userbyid(relowner), pg_has_role(current_user, relowner, 'USAGE') "
                      u"FROM pg_class WHERE oid = '%1'::regclass"_s.arg(table(u"plans"_s)), {}, error)
        || !query.next())
        return false;
    if (query.value(1).toBool())
        return true;
    const QString owner = query.value(0).toString();
    // Where, and nothing else: the other options of the location (sslpassword=, a password,
    // a certificate's path) are not the owner's and must not be shown on the way.
    const QUrl given(location.dsn);
    QUrl asOwner;
    asOwner.setScheme(given.scheme());
    asOwner.setUserName(owner);
    asOwner.setHost(given.host());
    asOwner.setPort(given.port());
    asOwner.setPath(given.path());
    const QUrlQuery givenOptions(given);
    QUrlQuery options;
    for (const QString &where : {u"host"_s, u"hostaddr"_s, u"port"_s, u"dbname"_s}) {
        if (givenOptions.hasQueryItem(where))
            options.addQueryItem(where, givenOptions.queryItemValue(where, QUrl::FullyDecoded));
    }
    options.addQueryItem(u"schema"_s, location.schema);
    asOwner.setQuery(options);
    return fail(error, u"the plan storage \"%1\" on this server is at version %2 and this Tideline needs "
                       "version %3: only the storage's owner, the PostgreSQL role \"%4\" (or a superuser), "
                       "can upgrade it, once, for everyone; ask them to run "
                       "tideline-cli plans '%5' (any Tideline command that opens a plan there as that "
                       "role upgrades it)"_s
                           .arg(location.schema, QString::number(current), QString::number(upTo), owner,
                                asOwner.toString()));
}

bool ServerPlan::Private::ownedByTheOwner(QString *error)
{
    // What a migration created belongs to whoever ran it (a superuser, a member of the owner's
    // role): give it to the storage's owner, so that its triggers run as the owner and the
    // owner's next migration may alter it. Tables take their sequences along.
    const QString s = location.schema;
    QSqlQuery query(db());
    if (!exec(&query, uR"(SELECT format('ALTER TABLE %s OWNER TO %I', c.oid::regclass, pg_get_userbyid(o.relowner))
                  FROM pg_class c, pg_class o
                  WHERE o.oid = '%1.plans'::regclass AND c.relnamespace = '%1'::regnamespace
                    AND c.relkind IN ('r', 'p') AND c.relowner <> o.relowner
                    AND pg_has_role(current_user, c.relowner, 'USAGE')
                  UNION ALL
                  SELECT format('ALTER FUNCTION %s OWNER TO %I', p.oid::regprocedure, pg_get_userbyid(o.relowner))
                  FROM pg_proc p, pg_class o
                  WHERE o.oid = '%1.plans'::regclass AND p.pronamespace = '%1'::regnamespace
                    AND p.proowner <> o.relowner AND pg_has_role(current_user, p.proowner, 'USAGE'))"_s.arg(s),
              {}, error))
        return false;
    QStringList statements;
    while (query.next())
        statements << query.value(0).toString();
    for (const QString &sql : std::as_const(statements)) {
        if (!exec(sql, error))
            return fail(error, u"cannot give what the upgrade made to the storage's owner: %1"_s.arg(*error));
    }
    return true;
}

bool ServerPlan::open(const QString &text, QString *error, int upTo)
{
    close();
    ServerLocation location;
    if (!ServerLocation::parse(text, &location, error)) {
        *error = Connection::redact(*error, text);
        return false;
    }
    d->location = location;
    d->text = text;
    auto connection = std::make_unique<Connection>();
    if (!connection->open(location.dsn, error))
        return false;
    d->connection = std::move(connection);
    if (!d->migrate(upTo, error)) {
        close();
        return false;
    }
    QSqlQuery who(d->db());
    d->role = d->execGuarded(u"SELECT session_user"_s, &who) && who.next() ? who.value(0).toString() : QString();
    return true;
}

void ServerPlan::close()
{
    d->connection.reset();
    d->planId = -1;
    d->revision = 0;
    d->rows.clear();
    d->rowsKnown = false;
    d->planKnown = false;
    d->listening = false;
    d->version = 0;
}

bool ServerPlan::isOpen() const
{
    return d->connection != nullptr;
}

const ServerLocation &ServerPlan::location() const
{
    return d->location;
}

QString ServerPlan::role() const
{
    return d->role;
}

QString ServerLocation::displayName() const
{
    const QUrl url(dsn);
    return u"plan %1 on %2/%3"_s.arg(plan, url.host(), url.path().mid(1));
}

int ServerPlan::storageVersion() const
{
    return d->version;
}

qint64 ServerPlan::revision() const
{
    return d->revision;
}

bool ServerPlan::Private::findPlan(bool *found, QString *error)
{
    if (location.plan.isEmpty())
        return fail(error, u"the location names no plan (?plan=NAME)"_s);
    QSqlQuery query(db());
    if (!exec(&query, u"SELECT plan_id FROM %1 WHERE name = ?"_s.arg(table(u"plans"_s)),
              {location.plan}, error))
        return false;
    *found = query.next();
    planId = *found ? query.value(0).toLongLong() : -1;
    return true;
}

bool ServerPlan::Private::readRows(PlanRows *out, QString *error)
{
    PlanRows result = layout();
    for (auto it = result.begin(); it != result.end(); ++it) {
        QSqlQuery query(db());
        query.setForwardOnly(true);
        const QList<qsizetype> present = columnsHere(it.key());
        QStringList names;
        for (qsizetype i : present)
            names << it->columns.at(i);
        if (!exec(&query, u"SELECT %1 FROM %2 WHERE plan_id = ?"_s.arg(quoted(names), table(it.key())),
                  {planId}, error))
            return false;
        const qsizetype n = it->columns.size();
        while (query.next()) {
            QVariantList row(n);
            for (int i = 0; i < int(present.size()); ++i)
                row[present.at(i)] = query.isNull(i) ? QVariant() : normal(query.value(i));
            it->rows << row;
        }
    }
    *out = result;
    return true;
}

bool ServerPlan::exists(bool *exists, QString *error)
{
    return d->findPlan(exists, error);
}

bool ServerPlan::load(Plan *plan, QString *error)
{
    return loadRevision(d->location.revision, plan, error);
}

bool ServerPlan::loadRevision(qint64 wanted, Plan *plan, QString *error)
{
    PlanRows rows;
    qint64 current = 0;
    const bool ok = d->transaction([&](QString *e) {
        if (!d->findExisting(e))
            return false;
        QSqlQuery query(d->db());
        if (!d->exec(&query, u"SELECT revision FROM %1 WHERE plan_id = ?"_s.arg(d->table(u"plans"_s)),
                     {d->planId}, e) || !query.next())
            return false;
        current = query.value(0).toLongLong();
        if (!d->readRows(&rows, e))
            return false;
        if (wanted < 0 || wanted == current)
            return true;
        if (wanted > current || wanted < 1)
            return d->fail(e, u"plan \"%1\" has no revision %2 (its revisions are 1 to %3)"_s.arg(
                                  d->location.plan, QString::number(wanted), QString::number(current)));
        if (!d->exec(&query, u"SELECT revision, changes::text FROM %1 WHERE plan_id = ? AND revision > ? "
                             u"ORDER BY revision DESC"_s.arg(d->table(u"revisions"_s)),
                     {d->planId, wanted}, e))
            return false;
        qint64 expected = current;
        while (query.next()) {
            if (query.value(0).toLongLong() != expected
                || !undoChanges(QJsonDocument::fromJson(query.value(1).toString().toUtf8()).object(), &rows))
                return d->fail(e, u"the history of plan \"%1\" does not reach back to revision %2"_s
                                      .arg(d->location.plan, QString::number(wanted)));
            --expected;
        }
        if (expected != wanted)
            return d->fail(e, u"the history of plan \"%1\" does not reach back to revision %2"_s
                                  .arg(d->location.plan, QString::number(wanted)));
        return true;
    }, error, u"BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"_s);
    if (!ok)
        return false;
    Plan result;
    QString problem;
    if (!PlanStore::fromRows(rows, &result, &problem))
        return d->fail(error, problem);
    if (wanted < 0 || wanted == current) {
        d->revision = current;
        d->rows = rows;
        d->plan = result;
        d->rowsKnown = true;
        d->planKnown = true;
    }
    *plan = result;
    return true;
}

bool ServerPlan::Private::refusal(qint64 base, QString *error)
{
    QList<ServerRevision> since;
    QString ignored;
    QStringList lines;
    if (q->log(&since, &ignored, base)) {
        for (const ServerRevision &r : std::as_const(since))
            lines << u"revision %1 by %2 at %3: %4"_s.arg(QString::number(r.revision), r.who,
                                                        r.at.toString(Qt::ISODate), r.what);
    }
    if (lines.isEmpty())
        lines << u"the plan was created or replaced meanwhile"_s;
    return fail(error, u"plan \"%1\" changed on the server since revision %2, which this edit was "
                       "made on (%3); reload it and make the edit again"_s
                           .arg(location.plan, QString::number(base), lines.join(u"; "_s)));
}

bool ServerPlan::commit(const Plan &after, const QString &what, QString *error, qint64 base)
{
    if (base < 0)
        base = d->revision;
    PlanRows afterRows;
    QString problem;
    // An edit of the plan read or written last: only the rows of what it changed are built.
    const bool edit = d->rowsKnown && d->planKnown && d->revision == base;
    if (!(edit ? PlanStore::toRows(after, d->plan, d->rows, &afterRows, &problem)
               : PlanStore::toRows(after, &afterRows, &problem)))
        return d->fail(error, problem);
    for (TableRows &table : afterRows) {
        for (QVariantList &row : table.rows) {
            for (QVariant &value : row)
                value = normal(value);
        }
    }
    bool stale = false;
    qint64 next = 0;
    const bool ok = d->transaction([&](QString *e) {
        // Waiting on another edit's lock of the plan ends before the watchdog's bound, as a
        // lock wait and not as a server that does not answer.
        if (!d->exec(u"SET LOCAL lock_timeout = %1"_s.arg(d->lockBound().count()), e))
            return false;
        bool found = false;
        if (!d->findPlan(&found, e))
            return false;
        if (!found) {
            if (base != 0) {
                stale = true;
                return d->fail(e, u"plan \"%1\" is no longer on the server"_s.arg(d->location.plan));
            }
            QSqlQuery insert(d->db());
            if (!d->exec(&insert, u"INSERT INTO %1 (name) VALUES (?) RETURNING plan_id"_s.arg(d->table(u"plans"_s)),
                         {d->location.plan}, e) || !insert.next())
                return false;
            d->planId = insert.value(0).toLongLong();
            d->rows = layout();
            d->rowsKnown = true;
            d->planKnown = false; // no plan's rows: the empty tables
        }
        // The revision this edit was made on must still be the plan's: PostgreSQL re-checks the
        // condition after a concurrent edit commits, so of two edits on one revision one wins.
        QSqlQuery query(d->db());
        if (!d->exec(&query, u"UPDATE %1 SET revision = revision + 1 WHERE plan_id = ? AND revision = ? "
                             u"RETURNING revision"_s.arg(d->table(u"plans"_s)),
                     {d->planId, base}, e))
            return false;
        if (!query.next()) {
            stale = true;
            return false;
        }
        next = query.value(0).toLongLong();
        PlanRows before = d->rows;
        if (!d->rowsKnown || d->revision != base) {
            if (!d->readRows(&before, e))
                return false;
        }
        const QMap<QString, Change> changes = diff(before, afterRows);
        for (auto it = changes.constBegin(); it != changes.constEnd(); ++it) {
            const QStringList &all = layout().value(it.key()).columns;
            const QList<qsizetype> present = d->columnsHere(it.key());
            QStringList columns;
            for (qsizetype i : present)
                columns << all.at(i);
            const auto values = [&present](const QVariantList &row) {
                QVariantList here;
                for (qsizetype i : present)
                    here << row.value(i);
                return here;
            };
            QStringList match;
            for (const QString &column : std::as_const(columns))
                match << u"\"%1\" IS NOT DISTINCT FROM ?"_s.arg(column);
            const QString remove = u"DELETE FROM %1 WHERE plan_id = ? AND %2"_s.arg(
                d->table(it.key()), match.join(u" AND "_s));
            for (const QVariantList &row : it->removed) {
                QSqlQuery del(d->db());
                if (!d->exec(&del, remove, QVariantList{d->planId} + values(row), e))
                    return false;
                if (del.numRowsAffected() != 1)
                    return d->fail(e, u"the plan on the server does not hold what this copy of it "
                                       "read (table %1); reload it"_s.arg(it.key()));
            }
            QStringList marks;
            for (qsizetype i = 0; i <= columns.size(); ++i)
                marks << u"?"_s;
            const QString insert = u"INSERT INTO %1 (plan_id, %2) VALUES (%3)"_s.arg(
                d->table(it.key()), quoted(columns), marks.join(u", "_s));
            for (const QVariantList &row : it->added) {
                if (!d->exec(insert, e, QVariantList{d->planId} + values(row)))
                    return false;
            }
        }
        const QString changesText = QString::fromUtf8(
            QJsonDocument(changesJson(changes)).toJson(QJsonDocument::Compact));
        QSqlQuery logged(d->db());
        if (!d->exec(&logged, u"INSERT INTO %1 (plan_id, revision, what, changes) VALUES (?, ?, ?, ?::jsonb) "
                              u"RETURNING who"_s.arg(d->table(u"revisions"_s)),
                     {d->planId, next, what, changesText}, e) || !logged.next())
            return false;
        const QJsonObject note{{u"plan"_s, d->location.plan},
                               {u"revision"_s, next},
                               {u"who"_s, logged.value(0).toString()},
                               {u"what"_s, what.left(500)}};
        return d->exec(u"SELECT pg_notify(?, ?)"_s, e,
                       {d->location.schema,
                        QString::fromUtf8(QJsonDocument(note).toJson(QJsonDocument::Compact))});
    }, error);
    if (!ok) {
        if (stale && base >= 0 && d->planId >= 0)
            d->refusal(base, error);
        return false;
    }
    d->revision = next;
    d->rows = afterRows;
    d->plan = after;
    d->rowsKnown = true;
    d->planKnown = true;
    return true;
}

bool ServerPlan::replace(const Plan &plan, const QString &what, QString *error)
{
    bool found = false;
    if (!d->findPlan(&found, error))
        return false;
    if (found) {
        Plan current;
        if (!loadRevision(-1, &current, error))
            return false;
    } else {
        d->revision = 0;
        d->rowsKnown = false;
    }
    return commit(plan, what, error, d->revision);
}

bool ServerPlan::plans(QList<QPair<QString, qint64>> *plans, QString *error)
{
    QSqlQuery query(d->db());
    if (!d->exec(&query, u"SELECT name, revision FROM %1 ORDER BY name"_s.arg(d->table(u"plans"_s)), {}, error))
        return false;
    plans->clear();
    while (query.next())
        plans->append({query.value(0).toString(), query.value(1).toLongLong()});
    return true;
}

bool ServerPlan::log(QList<ServerRevision> *revisions, QString *error, qint64 since)
{
    if (!d->findExisting(error))
        return false;
    QSqlQuery query(d->db());
    if (!d->exec(&query, u"SELECT revision, who, at, what FROM %1 WHERE plan_id = ? AND revision > ? "
                         u"ORDER BY revision"_s.arg(d->table(u"revisions"_s)),
                 {d->planId, since}, error))
        return false;
    revisions->clear();
    while (query.next()) {
        ServerRevision revision;
        revision.revision = query.value(0).toLongLong();
        revision.who = query.value(1).toString();
        revision.at = query.value(2).toDateTime().toUTC();
        revision.what = query.value(3).toString();
        revisions->append(revision);
    }
    return true;
}

namespace {

/** A row's key as the server's change log writes it (row_key): its id, its position, the
 *  table it counts (baseline_rows) or release#position (app_statements). */
QString rowKeyOf(const QString &table, const QJsonObject &row)
{
    const auto text = [&row](const QString &column) {
        const QJsonValue value = row.value(column);
        return value.isDouble() ? QString::number(value.toInteger()) : value.toString();
    };
    if (table == u"baseline_rows"_s)
        return text(u"table_name"_s);
    if (table == u"app_statements"_s)
        return text(u"release"_s) + u'#' + text(u"position"_s);
    return row.contains(u"id"_s) ? text(u"id"_s) : text(u"position"_s);
}

/** The keys of the rows a revision took out and put in, by table. */
struct Keys
{
    QMap<QString, QStringList> removed;
    QMap<QString, QStringList> added;
};

QString described(const QStringList &keys)
{
    if (keys.isEmpty())
        return u"none"_s;
    QStringList shown = keys.mid(0, 5);
    if (keys.size() > 5)
        shown << u"… %1 more"_s.arg(keys.size() - 5);
    return u"%1 (%2)"_s.arg(QString::number(keys.size()), shown.join(u", "_s));
}

/** Where the client's description of a revision (its changes) and the server's log differ. */
QStringList differences(const Keys &client, const Keys &server)
{
    QStringList tables = client.removed.keys() + client.added.keys() + server.removed.keys()
                         + server.added.keys();
    tables.sort();
    tables.removeDuplicates();
    QStringList found;
    for (const QString &table : std::as_const(tables)) {
        QStringList said[2] = {client.removed.value(table), client.added.value(table)};
        QStringList done[2] = {server.removed.value(table), server.added.value(table)};
        for (int i = 0; i < 2; ++i) {
            said[i].sort();
            done[i].sort();
        }
        if (said[0] == done[0] && said[1] == done[1])
            continue;
        found << u"table %1: the edit's own description removed %2, added %3; the server recorded "
                 "removed %4, added %5"_s
                     .arg(table, described(said[0]), described(said[1]), described(done[0]), described(done[1]));
    }
    return found;
}

} // namespace

bool ServerPlan::recorded(QList<ServerRevision> *revisions, QString *error)
{
    if (revisions->isEmpty())
        return true;
    if (!d->findExisting(error))
        return false;
    const qint64 since = revisions->constFirst().revision - 1;
    QHash<qint64, qsizetype> at;
    for (qsizetype i = 0; i < revisions->size(); ++i)
        at.insert(revisions->at(i).revision, i);
    QSqlQuery query(d->db());
    query.setForwardOnly(true);
    // The server has kept its log since storage version 4: from the revision after the one a
    // plan was at when its storage was upgraded (the whole history of a plan made since).
    qint64 from = 1;
    if (!d->exec(&query, u"SELECT value FROM %1 WHERE key = ?"_s.arg(d->table(u"meta"_s)),
                 {u"change_log_from %1"_s.arg(d->planId)}, error))
        return false;
    if (query.next())
        from = query.value(0).toLongLong();
    QHash<qint64, Keys> client, server;
    if (!d->exec(&query, u"SELECT revision, changes::text FROM %1 WHERE plan_id = ? AND revision > ?"_s
                             .arg(d->table(u"revisions"_s)), {d->planId, since}, error))
        return false;
    while (query.next()) {
        const QJsonObject changes = QJsonDocument::fromJson(query.value(1).toString().toUtf8()).object();
        Keys &keys = client[query.value(0).toLongLong()];
        for (auto it = changes.constBegin(); it != changes.constEnd(); ++it) {
            const QJsonObject change = it.value().toObject();
            const QJsonArray columns = change.value(u"columns"_s).toArray();
            for (const QString &side : {u"removed"_s, u"added"_s}) {
                for (const QJsonValue &row : change.value(side).toArray()) {
                    QJsonObject named;
                    const QJsonArray values = row.toArray();
                    for (qsizetype c = 0; c < columns.size() && c < values.size(); ++c)
                        named.insert(columns.at(c).toString(), values.at(c));
                    (side == u"removed"_s ? keys.removed : keys.added)[it.key()] << rowKeyOf(it.key(), named);
                }
            }
        }
    }
    // A row belongs to the revision its transaction made (storage version 5 keeps it); the
    // revision log_row noted is a guess, kept for the revisions made before.
    const QString byXact = d->version >= 5
        ? u"SELECT xact, max(revision) AS revision FROM %1 WHERE plan_id = ? AND xact IS NOT NULL GROUP BY xact"_s
              .arg(d->table(u"revisions"_s))
        : u"SELECT NULL::bigint AS xact, NULL::bigint AS revision WHERE ?::integer IS NULL"_s;
    if (!d->exec(&query, u"SELECT * FROM (SELECT coalesce(r.revision, c.revision) AS revision, c.table_name, c.op, "
                         u"c.row_key, c.who, c.seq FROM %1 c LEFT JOIN (%2) r ON r.xact = c.xact "
                         u"WHERE c.plan_id = ?) l WHERE revision > ? ORDER BY seq"_s
                             .arg(d->table(u"change_log"_s), byXact), {d->planId, d->planId, since}, error))
        return false;
    while (query.next()) {
        const qint64 revision = query.value(0).toLongLong();
        const auto found = at.constFind(revision);
        if (found == at.constEnd())
            continue;
        ServerRevision::Record &record = (*revisions)[found.value()].record;
        const QString table = query.value(1).toString();
        const QString op = query.value(2).toString();
        const QString key = query.value(3).toString();
        ++record.rows[table];
        QStringList *ids = table == u"releases"_s       ? &record.releases
                           : table == u"refactorings"_s ? &record.refactorings
                                                         : nullptr;
        if (ids && !ids->contains(key))
            *ids << key;
        if (!record.who.contains(query.value(4).toString()))
            record.who << query.value(4).toString();
        Keys &keys = server[revision];
        if (op != u"INSERT"_s)
            keys.removed[table] << key;
        if (op != u"DELETE"_s)
            keys.added[table] << key;
    }
    for (ServerRevision &revision : *revisions) {
        revision.record.kept = revision.revision >= from;
        if (revision.record.kept)
            revision.record.differences = differences(client.value(revision.revision), server.value(revision.revision));
    }
    return true;
}

bool ServerPlan::listen(QString *error)
{
    if (d->listening)
        return true;
    QSqlDriver *driver = d->db().driver();
    if (!driver || !driver->subscribeToNotification(d->location.schema))
        return d->fail(error, u"cannot listen to the server's notifications: %1"_s.arg(
                                  driver ? driver->lastError().text() : u"no connection"_s));
    connect(driver, &QSqlDriver::notification, this,
            [this](const QString &, QSqlDriver::NotificationSource, const QVariant &payload) {
                const QJsonObject note = QJsonDocument::fromJson(payload.toString().toUtf8()).object();
                const qint64 revision = note.value(u"revision"_s).toInteger();
                if (note.value(u"plan"_s).toString() == d->location.plan && revision > d->revision)
                    emit changedOnServer(revision, note.value(u"who"_s).toString(),
                                         note.value(u"what"_s).toString());
            });
    d->listening = true;
    return true;
}

bool ServerPlan::ping(QString *error)
{
    if (!d->connection)
        return d->fail(error, u"no server is open"_s);
    if (d->db().isOpen() && d->execGuarded(u"SELECT 1"_s))
        return true;
    return d->reconnect(error) && d->execGuarded(u"SELECT 1"_s);
}

qint64 ServerPlan::backendPid() const
{
    QSqlQuery query(d->db());
    return d->execGuarded(u"SELECT pg_backend_pid()"_s, &query) && query.next() ? query.value(0).toLongLong() : -1;
}

QString ServerPlan::setupSql(const QString &schema)
{
    const QString s = schema;
    QStringList content;
    for (auto it = layout().constBegin(); it != layout().constEnd(); ++it)
        content << s + u'.' + it.key();
    QString sql = uR"(-- Roles of the Tideline plans in schema %1 (issue 16). Run once as the owner of the
-- storage (the role that first opened a plan there) or a superuser; again after a Tideline
-- upgrade migrated the storage. Then give each person a login role and one of the three:
--   CREATE ROLE alice LOGIN;  GRANT %1_planner TO alice;
DO $$ BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '%1_viewer') THEN
        CREATE ROLE %1_viewer NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '%1_planner') THEN
        CREATE ROLE %1_planner NOLOGIN IN ROLE %1_viewer;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '%1_release_manager') THEN
        CREATE ROLE %1_release_manager NOLOGIN IN ROLE %1_planner;
    END IF;
END $$;
-- Viewers read every plan and its history, and write nothing.
GRANT USAGE ON SCHEMA %1 TO %1_viewer;
GRANT SELECT ON ALL TABLES IN SCHEMA %1 TO %1_viewer;
-- What only the owner's triggers read (tables of storage versions 3 and 4; an older storage
-- has them after its upgrade: run this again then).
DO $$ BEGIN
    IF to_regclass('%1.deployed_out') IS NOT NULL THEN
        REVOKE SELECT ON %1.deployed_out FROM %1_viewer;
    END IF;
    IF to_regclass('%1.edit_marks') IS NOT NULL THEN
        REVOKE SELECT ON %1.edit_marks FROM %1_viewer;
    END IF;
END $$;
GRANT EXECUTE ON FUNCTION %1.is_release_manager() TO %1_viewer;
-- Planners edit plans: each edit moves the plan's revision by one and adds its history entry,
-- whose who and when the server sets. The history is never updated or deleted, and the
-- revision never set otherwise (the triggers guard_revisions, guard_plan, guard_edit refuse
-- it to everyone); marking a release deployed or re-opening one is refused to them by the
-- trigger guard_deployed: only %1_release_manager may. Older setups granted more: taken back.
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON %1.plans, %1.revisions, %1.meta FROM %1_planner;
GRANT INSERT (name), UPDATE (revision) ON %1.plans TO %1_planner;
GRANT INSERT (plan_id, revision, what, changes) ON %1.revisions TO %1_planner;
GRANT INSERT, UPDATE, DELETE ON %2 TO %1_planner;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA %1 TO %1_planner;
-- The server's change log is written by the owner's triggers only (viewers read it).
DO $$ BEGIN
    IF to_regclass('%1.change_log_seq_seq') IS NOT NULL THEN
        REVOKE ALL ON SEQUENCE %1.change_log_seq_seq FROM %1_planner;
    END IF;
END $$;
)"_s.arg(s, content.join(u", "_s));
    return sql;
}

} // namespace Tideline
