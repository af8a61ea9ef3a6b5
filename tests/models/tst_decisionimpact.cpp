#include "condition/ConditionMatcher.h"
#include "condition/ConditionSql.h"
#include "ConditionTestSupport.h"
#include "ingest/Importer.h"
#include "ingest/NormalizedEvent.h"
#include "knowledge/KnowledgeBase.h"
#include "store/Statement.h"
#include "store/Workspace.h"
#include "tuning/DecisionImpact.h"
#include "tuning/DecisionQuery.h"
#include "workspace/DemoWorkspace.h"
#include "workspace/WorkspaceSettings.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using namespace tb;

// DecisionImpact on the explained demo workspace (plus the hostile-values file): its counts equal a
// brute-force C++ evaluation of the same condition and scope over every event.
class TestDecisionImpact : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    Workspace m_workspace;
    const KnowledgeBase &m_kb = KnowledgeBase::builtIn();

    struct Event {
        qint64 id;
        LoweredEvent lowered;
        QString host;    // as stored
        QString rule;    // catalog id, or the rule name when the catalog has none
        QString verdict; // "unreviewed" when none
        int counterPoints = 0;
    };
    QList<Event> m_events;

    static Condition parse(const QStringList &expressions) { return parseCondition(expressions); }

    void loadEvents() {
        QString columns = QStringLiteral("e.id, v.verdict, x.counter_evidence");
        for (const EventFieldInfo &info : eventFields())
            columns += QStringLiteral(", e.") + QLatin1String(info.column);
        Statement query = m_workspace.database().prepare(
            QStringLiteral("SELECT %1 FROM events e LEFT JOIN verdicts v ON v.event_id = e.id "
                           "LEFT JOIN event_assessments a ON a.event_id = e.id "
                           "LEFT JOIN explanation_sets x ON x.id = a.set_id ORDER BY e.id")
                .arg(columns));
        while (query.step()) {
            NormalizedEvent event;
            for (int f = 0; f < eventFieldCount; ++f)
                event.fields[size_t(f)] = query.columnText(f + 3);
            Event e{
                query.columnInt64(0), LoweredEvent::from(event), event.value(EventField::Host), {}, {}, 0};
            const Rule *rule =
                m_kb.resolveRule(event.value(EventField::RuleName), event.value(EventField::RuleRefId),
                                 event.value(EventField::RuleId));
            e.rule = rule ? rule->id
                          : (event.value(EventField::RuleName).isEmpty() ? QStringLiteral("(no rule)")
                                                                         : event.value(EventField::RuleName));
            e.verdict = query.isNull(1) ? QStringLiteral("unreviewed") : query.columnText(1);
            for (const QJsonValue &hit : QJsonDocument::fromJson(query.columnText(2).toUtf8()).array())
                e.counterPoints += hit.toObject().value(QStringLiteral("points")).toInt();
            m_events.append(e);
        }
    }

    static QHash<QString, qint64> counts(const QList<ImpactBucket> &buckets) {
        QHash<QString, qint64> result;
        for (const ImpactBucket &b : buckets)
            result.insert(b.key, b.events);
        return result;
    }

private slots:
    void initTestCase() {
        const QString path = m_dir.filePath(QStringLiteral("impact.tunebench"));
        {
            Workspace workspace;
            QVERIFY(workspace.open(path));
            QVERIFY(Importer(workspace.database())
                        .importFile(QStringLiteral(TEST_DATA_DIR "/condition/hostile_values.csv"), {})
                        .ok());
        }
        QString error;
        QVERIFY2(DemoWorkspace::ensure(path, &error), qPrintable(error));
        QVERIFY(m_workspace.open(path));
        // Verdicts on every seventh event, in turn, so that every verdict has events.
        m_workspace.database().exec(QStringLiteral(
            "INSERT INTO verdicts (event_id, verdict, analyst, decided_at) SELECT id, CASE (id / 7) % 4 "
            "WHEN 0 THEN 'true_positive' WHEN 1 THEN 'benign_true_positive' WHEN 2 THEN 'false_positive' "
            "ELSE 'needs_escalation' END, 'test', '2026-11-29T00:00:00.000Z' FROM events WHERE id % 7 = 0"));
        loadEvents();
        QVERIFY(m_events.size() > 390);
        QVERIFY(std::any_of(m_events.cbegin(), m_events.cend(), [](const Event &e) {
            return e.counterPoints >= DecisionImpact::StrongCounterPoints;
        }));
    }

    // For random conditions and scopes, every figure of the report and the paged ids equal what the
    // C++ matcher finds event by event.
    void countsEqualBruteForce() {
        QRandomGenerator random(8);
        const EventField fields[] = {EventField::Host,       EventField::User,        EventField::ProcessName,
                                     EventField::ParentName, EventField::TaskName,    EventField::CommandLine,
                                     EventField::TaskAction, EventField::SourceIp,    EventField::RuleName,
                                     EventField::TaskRunAs,  EventField::ParentImage, EventField::TaskRemote};
        const char *modifiers[] = {"",    "|contains", "|startswith", "|endswith",
                                   "|re", "|exists",   "|wildcard"};
        QStringList catalogRules;
        for (const Event &e : std::as_const(m_events)) {
            if (m_kb.rule(e.rule) && !catalogRules.contains(e.rule))
                catalogRules << e.rule;
        }
        QVERIFY(catalogRules.size() > 10);
        DecisionImpact impact(m_workspace.database(), m_kb);
        int nonTrivial = 0, blocked = 0, scoped = 0;
        for (int round = 0; round < 400; ++round) {
            QStringList expressions;
            const int predicates = 1 + int(random.bounded(2));
            for (int p = 0; p < predicates; ++p) {
                const EventField field = fields[random.bounded(int(std::size(fields)))];
                if (std::any_of(expressions.cbegin(), expressions.cend(),
                                [field](const QString &e) { return e.startsWith(eventFieldColumn(field)); }))
                    continue; // a repeated key would OR its values
                const QString sample = m_events[random.bounded(m_events.size())].lowered.value(field);
                const QString modifier = QLatin1String(modifiers[random.bounded(int(std::size(modifiers)))]);
                const QString value = valueFor(sample, modifier, random);
                expressions << eventFieldColumn(field) + modifier + QLatin1Char('=') + value;
            }
            const Condition condition = parse(expressions);
            QVERIFY2(!condition.isEmpty(), qPrintable(expressions.join(QLatin1String(" AND "))));
            DecisionScope scope;
            if (random.bounded(2)) {
                for (int r = 0, n = 1 + int(random.bounded(2)); r < n; ++r)
                    scope.ruleIds << catalogRules[random.bounded(catalogRules.size())];
            }
            if (random.bounded(4) == 0)
                scope.hosts << m_events[random.bounded(m_events.size())].host.toUpper();
            if (!scope.ruleIds.isEmpty() || !scope.hosts.isEmpty())
                ++scoped;

            // Brute force.
            const ConditionMatcher matcher(DecisionQuery::withHostScope(condition, scope), {});
            QHash<QString, qint64> rules, hosts, verdicts;
            QList<qint64> ids;
            qint64 strong = 0;
            for (const Event &e : std::as_const(m_events)) {
                if (!matcher.matches(e.lowered) ||
                    (!scope.ruleIds.isEmpty() && !scope.ruleIds.contains(e.rule)))
                    continue;
                ids << e.id;
                ++rules[e.rule];
                ++hosts[e.host.isEmpty() ? QStringLiteral("(no host)") : e.host];
                ++verdicts[e.verdict];
                strong += e.counterPoints >= DecisionImpact::StrongCounterPoints ? 1 : 0;
            }

            const QString what = expressions.join(QLatin1String(" AND ")) + QStringLiteral(" rules ") +
                                 scope.ruleIds.join(QLatin1Char(',')) + QStringLiteral(" hosts ") +
                                 scope.hosts.join(QLatin1Char(','));
            const DecisionImpactReport report = impact.compute(condition, scope);
            QVERIFY2(report.ok, qPrintable(report.error));
            QVERIFY2(
                report.matched == ids.size(),
                qPrintable(
                    QStringLiteral("%1: SQL %2 vs C++ %3").arg(what).arg(report.matched).arg(ids.size())));
            QVERIFY2(counts(report.byRule) == rules, qPrintable(what));
            QVERIFY2(counts(report.byHost) == hosts, qPrintable(what));
            QVERIFY2(counts(report.byVerdict) == verdicts, qPrintable(what));
            QCOMPARE(report.strongCounterEvidence, strong);
            QCOMPARE(report.truePositives, verdicts.value(QStringLiteral("true_positive")));
            QCOMPARE(report.isBlocked(), report.truePositives + strong > 0);
            QCOMPARE(report.workspaceEvents, qint64(m_events.size()));

            // The same ids, page by page (keyset paging).
            QList<qint64> paged;
            for (qint64 after = 0;;) {
                QList<qint64> page;
                QString error;
                QVERIFY2(impact.eventIds(condition, scope, after, 7, page, &error), qPrintable(error));
                paged += page;
                if (page.size() < 7)
                    break;
                after = page.last();
            }
            QVERIFY2(paged == ids, qPrintable(what));

            if (!ids.isEmpty() && ids.size() < m_events.size())
                ++nonTrivial;
            blocked += report.isBlocked() ? 1 : 0;
        }
        QVERIFY2(nonTrivial > 100, qPrintable(QString::number(nonTrivial)));
        QVERIFY2(blocked > 20, qPrintable(QString::number(blocked)));
        QVERIFY(scoped > 100);
    }

    // A preview object lives while its dialog is open; explanations redone meanwhile (a settings
    // change adds no event) must still count: its cached workspace figures only steer how it counts.
    void countsExplanationsChangedSinceItsFirstPreview() {
        Database &db = m_workspace.database();
        db.exec(QStringLiteral("CREATE TEMP TABLE saved AS SELECT id, counter_points FROM explanation_sets"));
        db.exec(QStringLiteral("UPDATE explanation_sets SET counter_points = 0"));
        const Condition everyHost = parse({QStringLiteral("host|exists=true")});
        DecisionImpact impact(db, m_kb);
        const DecisionImpactReport before = impact.compute(everyHost, {});
        db.exec(QStringLiteral("UPDATE explanation_sets SET counter_points = (SELECT s.counter_points FROM "
                               "saved s WHERE s.id = explanation_sets.id); DROP TABLE saved"));
        QVERIFY2(before.ok, qPrintable(before.error));
        QCOMPARE(before.strongCounterEvidence, 0);

        const DecisionImpactReport after = impact.compute(everyHost, {});
        const ConditionMatcher matcher(everyHost, {});
        const qint64 strong = std::count_if(m_events.cbegin(), m_events.cend(), [&matcher](const Event &e) {
            return matcher.matches(e.lowered) && e.counterPoints >= DecisionImpact::StrongCounterPoints;
        });
        QVERIFY(strong > 0);
        QCOMPARE(after.strongCounterEvidence, strong);
        QVERIFY(after.isBlocked());
    }

    void warnings_data() {
        QTest::addColumn<QStringList>("condition");
        QTest::addColumn<QStringList>("rules");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("everything: blocking and broad")
            << QStringList{"process_name|exists=true"} << QStringList{}
            << QStringList{"true_positive",    "strong_counter_evidence",
                           "needs_escalation", "many_rules",
                           "most_hosts",       "every_rule"};
        QTest::newRow("nothing") << QStringList{"host=no-such-host"} << QStringList{}
                                 << QStringList{"every_rule", "matches_nothing"};
        QTest::newRow("most hosts") << QStringList{"host|exists=true"} << QStringList{}
                                    << QStringList{"true_positive",    "strong_counter_evidence",
                                                   "needs_escalation", "many_rules",
                                                   "most_hosts",       "every_rule"};
    }
    void warnings() {
        QFETCH(QStringList, condition);
        QFETCH(QStringList, rules);
        QFETCH(QStringList, expected);
        DecisionImpact impact(m_workspace.database(), m_kb);
        const DecisionImpactReport report = impact.compute(parse(condition), DecisionScope{rules, {}});
        QVERIFY2(report.ok, qPrintable(report.error));
        QStringList codes;
        for (const ImpactWarning &w : report.warnings)
            codes << w.code;
        QCOMPARE(codes, expected);
        // Blocking warnings come first and say how many events they are about.
        for (const ImpactWarning &w : report.warnings) {
            if (w.severity == ImpactWarning::Severity::Blocking)
                QVERIFY(w.events > 0 && w.message.contains(QString::number(w.events)));
        }
    }

    // A vendor updater on the demo's hosts: a true positive on one of its events blocks it, and the
    // blocking events are listed.
    void blockingEventsAreListed() {
        DecisionImpact impact(m_workspace.database(), m_kb);
        const Condition condition = parse({"task_name=\\Adobe Acrobat Update Task"});
        QList<qint64> ids;
        QString error;
        QVERIFY(impact.eventIds(condition, {}, 0, 1000, ids, &error));
        QVERIFY(ids.size() >= 3);
        const DecisionImpactReport before = impact.compute(condition, {});
        QList<qint64> blocking;
        QVERIFY(impact.blockingEventIds(condition, {}, 100, blocking, &error));
        QCOMPARE(qint64(blocking.size()), before.truePositives + before.strongCounterEvidence);

        const qint64 victim = ids.at(1);
        Statement mark = m_workspace.database().prepare(QStringLiteral(
            "INSERT INTO verdicts (event_id, verdict, analyst, decided_at) VALUES (?1, 'true_positive', "
            "'test', "
            "'2026-11-29T00:00:00.000Z') ON CONFLICT(event_id) DO UPDATE SET verdict = 'true_positive'"));
        mark.bind(1, victim);
        mark.step();
        const DecisionImpactReport after = impact.compute(condition, {});
        QVERIFY(after.isBlocked());
        blocking.clear();
        QVERIFY(impact.blockingEventIds(condition, {}, 100, blocking, &error));
        QVERIFY(blocking.contains(victim));
        m_workspace.database().exec(QStringLiteral("DELETE FROM verdicts WHERE event_id = %1").arg(victim));
        loadEvents();
    }

    void reportAsJsonAndText() {
        DecisionImpact impact(m_workspace.database(), m_kb);
        const DecisionImpactReport report = impact.compute(parse({"host|exists=true"}), {});
        const QJsonObject json = report.toJson();
        QCOMPARE(json.value(QStringLiteral("matched")).toInteger(), report.matched);
        QCOMPARE(json.value(QStringLiteral("blocked")).toBool(), true);
        QCOMPARE(json.value(QStringLiteral("by_rule")).toArray().size(), report.byRule.size());
        QVERIFY(report.toText().contains(QLatin1String("BLOCKING: it would hide")));
        QVERIFY(report.toText().startsWith(
            QStringLiteral("matches %1 of %2 events").arg(report.matched).arg(report.workspaceEvents)));
    }

    void emptyConditionIsAnError() {
        DecisionImpact impact(m_workspace.database(), m_kb);
        const DecisionImpactReport report = impact.compute(Condition{}, {});
        QVERIFY(!report.ok);
        QVERIFY(report.error.contains(QLatin1String("condition is empty")));
    }
};

QTEST_GUILESS_MAIN(TestDecisionImpact)
#include "tst_decisionimpact.moc"
