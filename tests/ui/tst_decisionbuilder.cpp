// The decision builder on one demo event: the explanation's fields come ticked, each row's operator
// and value become the decision's predicate, a generalization switches the operator to a wildcard,
// and the preview counts what DecisionImpact counts.
#include "DecisionBuilderDialog.h"
#include "DemoFixture.h"
#include "ImpactPreviewWidget.h"
#include "ingest/NormalizedEvent.h"
#include "knowledge/KnowledgeBase.h"
#include "tuning/DecisionDraft.h"
#include "tuning/DecisionImpact.h"
#include "workspace/EventDetail.h"

#include <QComboBox>
#include <QPushButton>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace tb;

class TestDecisionBuilder : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    Workspace m_workspace;
    const KnowledgeBase &m_kb = KnowledgeBase::builtIn();
    std::optional<EventDetail> m_event; // a per-user Edge updater task: GUIDs, a SID, a profile path

    static bool counted(DecisionBuilderDialog &builder) {
        return !builder.isPreviewPending() && builder.impact()->matched() >= 0;
    }
    static int rowOf(DecisionBuilderDialog &builder, EventField field) {
        for (int row = 0; row < builder.fieldTable()->rowCount(); ++row) {
            if (builder.fieldTable()->item(row, DecisionBuilderDialog::FieldColumn)->text() ==
                eventFieldColumn(field))
                return row;
        }
        return -1;
    }

private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        const QString error = openDemoWorkspace(m_dir, m_workspace);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const qint64 id = m_workspace.database().queryInt(
            QStringLiteral("SELECT min(id) FROM events WHERE task_name LIKE '\\MicrosoftEdgeUpdateTaskUser%' "
                           "AND task_action LIKE 'C:\\Users\\%'"));
        QVERIFY(id > 0);
        m_event = EventDetail::load(m_workspace.database(), m_kb, id, false);
        QVERIFY(m_event && !m_event->notes.isEmpty());
    }

    void proposesTheExplanationsFields() {
        DecisionBuilderDialog builder(*m_event, m_workspace.path(), m_kb);
        QCOMPARE(builder.noteId(), m_event->notes.first().noteId);
        const Decision draft =
            DecisionDraft::draft(DecisionDraft::eventFromFields(m_event->fields), builder.noteId(), m_kb);
        const Decision built = builder.decision();
        QCOMPARE(built.condition.match.size(), draft.condition.match.size());
        for (int i = 0; i < draft.condition.match.size(); ++i) {
            QCOMPARE(built.condition.match[i].field, draft.condition.match[i].field);
            QCOMPARE(built.condition.match[i].values, draft.condition.match[i].values);
        }
        QCOMPARE(built.scope.ruleIds, draft.scope.ruleIds);
        QCOMPARE(built.noteId, draft.noteId);
        QVERIFY(built.expiresAt.has_value());
        QVERIFY(!built.author.isEmpty());
    }

    void buildsThePredicate_data() {
        QTest::addColumn<int>("field");
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("value");
        using K = FieldPredicate::Kind;
        QTest::newRow("host equals") << int(EventField::Host) << int(K::Equals) << QString();
        QTest::newRow("action contains") << int(EventField::TaskAction) << int(K::Contains)
                                         << QStringLiteral("\\EdgeUpdate\\MicrosoftEdgeUpdate.exe");
        QTest::newRow("action ends with") << int(EventField::TaskAction) << int(K::EndsWith)
                                          << QStringLiteral("MicrosoftEdgeUpdate.exe /c");
        QTest::newRow("task starts with") << int(EventField::TaskName) << int(K::StartsWith)
                                          << QStringLiteral("\\MicrosoftEdgeUpdateTaskUser");
        QTest::newRow("task regex") << int(EventField::TaskName) << int(K::Regex)
                                    << QStringLiteral("^\\\\MicrosoftEdgeUpdateTaskUser.*Core");
        QTest::newRow("user equals") << int(EventField::User) << int(K::Equals) << QString();
    }

    void buildsThePredicate() {
        QFETCH(int, field);
        QFETCH(int, kind);
        QFETCH(QString, value);
        DecisionBuilderDialog builder(*m_event, m_workspace.path(), m_kb);
        for (int row = 0; row < builder.fieldTable()->rowCount(); ++row)
            builder.fieldTable()->item(row, DecisionBuilderDialog::FieldColumn)->setCheckState(Qt::Unchecked);
        QVERIFY(builder.decision().condition.isEmpty());
        QVERIFY(!builder.saveButton()->isEnabled());

        const auto f = EventField(field);
        QVERIFY(builder.setFieldTicked(f, true));
        QVERIFY(builder.setFieldOperator(f, FieldPredicate::Kind(kind)));
        if (!value.isEmpty())
            QVERIFY(builder.setFieldValue(f, value));
        const Decision d = builder.decision();
        QCOMPARE(d.condition.match.size(), 1);
        QCOMPARE(d.condition.match[0].field, f);
        QCOMPARE(int(d.condition.match[0].kind), kind);
        QCOMPARE(d.condition.match[0].values,
                 QStringList{value.isEmpty() ? ValueGeneralizer::literal(m_event->value(f)) : value});

        builder.refreshPreview();
        QTRY_VERIFY_WITH_TIMEOUT(counted(builder), 20000);
        const DecisionImpactReport expected = DecisionImpact(m_workspace.database(), m_kb).compute(d);
        QVERIFY2(expected.ok, qPrintable(expected.error));
        QCOMPARE(builder.impact()->matched(), expected.matched);
        QVERIFY(expected.matched >= 1); // the event itself
        QCOMPARE(builder.impact()->isBlocked(), expected.isBlocked());
        QCOMPARE(builder.saveButton()->isEnabled(), true);
        QCOMPARE(builder.approveButton()->isEnabled(), !expected.isBlocked());
    }

    void generalizationIsAWildcard_data() {
        QTest::addColumn<int>("field");
        QTest::newRow("task name (GUID, SID)") << int(EventField::TaskName);
        QTest::newRow("task action (profile path)") << int(EventField::TaskAction);
    }

    void generalizationIsAWildcard() {
        QFETCH(int, field);
        DecisionBuilderDialog builder(*m_event, m_workspace.path(), m_kb);
        const int row = rowOf(builder, EventField(field));
        QVERIFY(row >= 0);
        auto *op = qobject_cast<QComboBox *>(
            builder.fieldTable()->cellWidget(row, DecisionBuilderDialog::OperatorColumn));
        auto *value = qobject_cast<QComboBox *>(
            builder.fieldTable()->cellWidget(row, DecisionBuilderDialog::ValueColumn));
        QVERIFY(op && value);
        QVERIFY2(value->count() >= 2, "the value has safe generalizations");
        value->setCurrentIndex(0);
        QCOMPARE(op->currentText(), QStringLiteral("equals"));
        QCOMPARE(value->currentText(), ValueGeneralizer::literal(m_event->value(EventField(field))));
        value->setCurrentIndex(value->count() - 1);
        QCOMPARE(op->currentText(), QStringLiteral("wildcard"));
        QVERIFY(value->currentText().contains(QLatin1Char('*')));
        builder.setFieldTicked(EventField(field), true);
        bool found = false;
        for (const FieldPredicate &p : builder.decision().condition.match) {
            if (p.field == EventField(field)) {
                found = true;
                QCOMPARE(p.kind, FieldPredicate::Kind::Equals);
                QCOMPARE(p.values, QStringList{value->currentText()});
            }
        }
        QVERIFY(found);
    }
};

QTEST_MAIN(TestDecisionBuilder)
#include "tst_decisionbuilder.moc"
