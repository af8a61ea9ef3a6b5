#include "ExportTestSupport.h"

#include "condition/ConditionMatcher.h"
#include "ingest/Importer.h"
#include "ingest/NormalizedEvent.h"
#include "knowledge/KnowledgeBase.h"
#include "store/Statement.h"
#include "store/Workspace.h"
#include "tuning/export/CsvReportExporter.h"
#include "tuning/export/MarkdownReportExporter.h"

#include <QTemporaryDir>
#include <QTest>

#include <simdjson.h>

using namespace tb;
using namespace tb::exporttest;

namespace {

// RFC 4180 reader for the test: records of fields, quotes doubled inside quoted fields.
QList<QStringList> parseCsv(const QString &text) {
    QList<QStringList> records;
    QStringList record;
    QString field;
    bool quoted = false, afterQuote = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (quoted) {
            if (c == QLatin1Char('"') && i + 1 < text.size() && text[i + 1] == QLatin1Char('"')) {
                field += c;
                ++i;
            } else if (c == QLatin1Char('"')) {
                quoted = false;
                afterQuote = true;
            } else {
                field += c;
            }
        } else if (c == QLatin1Char('"') && field.isEmpty() && !afterQuote) {
            quoted = true;
        } else if (c == QLatin1Char(',')) {
            record << field;
            field.clear();
            afterQuote = false;
        } else if (c == QLatin1Char('\r') && i + 1 < text.size() && text[i + 1] == QLatin1Char('\n')) {
            record << field;
            records << record;
            record.clear();
            field.clear();
            afterQuote = false;
            ++i;
        } else {
            field += c;
        }
    }
    return records;
}

QString text(simdjson::ondemand::value value) {
    std::string_view view;
    if (value.get_string().get(view))
        return {};
    return QString::fromUtf8(view.data(), qsizetype(view.size()));
}

} // namespace

class TestReportExporters : public QObject {
    Q_OBJECT

private slots:
    // The demo decisions are real: each suppresses the demo events counted in demoImpact().
    void demoDecisionsMatchDemoEvents() {
        QTemporaryDir dir;
        Workspace workspace;
        QVERIFY(workspace.open(dir.filePath(QStringLiteral("w.tunebench"))));
        for (const char *file : {"/splunk_notables.csv", "/elastic_alerts.ndjson"})
            QVERIFY(Importer(workspace.database())
                        .importFile(QStringLiteral(DEMO_DATA_DIR) + QLatin1String(file), {})
                        .ok());
        QString columns;
        for (const EventFieldInfo &info : eventFields())
            columns += (columns.isEmpty() ? QString() : QStringLiteral(", ")) + QLatin1String(info.column);
        Statement query = workspace.database().prepare(QStringLiteral("SELECT %1 FROM events").arg(columns));
        QList<NormalizedEvent> events;
        while (query.step()) {
            NormalizedEvent event;
            for (int f = 0; f < eventFieldCount; ++f)
                event.fields[size_t(f)] = query.columnText(f);
            events << event;
        }
        QCOMPARE(events.size(), 383);
        const KnowledgeBase &kb = KnowledgeBase::builtIn();
        QHash<qint64, qint64> counted;
        for (const Decision &d : demoDecisions()) {
            const ConditionMatcher matcher(d.condition, {});
            qint64 n = 0;
            for (const NormalizedEvent &e : events) {
                const Rule *rule =
                    kb.resolveRule(e.value(EventField::RuleName), e.value(EventField::RuleRefId),
                                   e.value(EventField::RuleId));
                const bool inRules =
                    d.scope.ruleIds.isEmpty() || (rule && d.scope.ruleIds.contains(rule->id));
                const bool onHost = d.scope.hosts.isEmpty() ||
                                    d.scope.hosts.contains(e.value(EventField::Host), Qt::CaseInsensitive);
                n += inRules && onHost && matcher.matches(LoweredEvent::from(e)) ? 1 : 0;
            }
            counted.insert(d.id, n);
            QVERIFY2(n > 0, qPrintable(QStringLiteral("decision %1 matches no demo event").arg(d.id)));
        }
        QCOMPARE(counted, demoImpact());
    }

    void golden_data() {
        QTest::addColumn<QString>("format");
        QTest::addColumn<QString>("file");
        QTest::newRow("csv") << "csv"
                             << "demo-report.csv";
        QTest::newRow("json") << "json"
                              << "demo-report.json";
        QTest::newRow("markdown") << "markdown"
                                  << "demo-report.md";
        QTest::newRow("hostile csv") << "csv"
                                     << "hostile-report.csv";
        QTest::newRow("hostile json") << "json"
                                      << "hostile-report.json";
        QTest::newRow("hostile markdown") << "markdown"
                                          << "hostile-report.md";
    }
    void golden() {
        QFETCH(QString, format);
        QFETCH(QString, file);
        ExportInput input = demoInput();
        if (file.startsWith(QLatin1String("hostile"))) {
            input = hostileInput();
            input.impact = {{100, 3}};
        }
        QVERIFY(exportsAsGolden(format, input, file));
    }

    // Reports list every decision, whatever its status, and say why it is or is not in the SIEM files.
    void reportsListEveryDecision() {
        const QByteArray bytes = run(QStringLiteral("csv"), demoInput());
        QVERIFY(bytes.startsWith("\xEF\xBB\xBFid,title,")); // UTF-8 byte-order mark for spreadsheets
        const QList<QStringList> records = parseCsv(QString::fromUtf8(bytes.mid(3)));
        QCOMPARE(records.size(), 11);
        const qsizetype exportColumn = records[0].indexOf(QStringLiteral("export"));
        QHash<QString, QString> state;
        for (const QStringList &r : records.mid(1))
            state.insert(r[0], r[exportColumn]);
        QCOMPARE(state.value(QStringLiteral("1")), QStringLiteral("exported"));
        QCOMPARE(state.value(QStringLiteral("6")), QStringLiteral("not exported: expired on 2026-11-10"));
        QCOMPARE(state.value(QStringLiteral("7")), QStringLiteral("not exported: status rejected"));
        QCOMPARE(state.value(QStringLiteral("8")),
                 QStringLiteral("not exported: action lower_severity is not a suppression"));
        QCOMPARE(state.value(QStringLiteral("10")), QStringLiteral("not exported: status proposed"));
    }

    void csvCell_data() {
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("cell");
        QTest::newRow("plain") << "abc"
                               << "abc";
        QTest::newRow("formula") << "=1+2"
                                 << "'=1+2";
        QTest::newRow("plus") << "+x"
                              << "'+x";
        QTest::newRow("minus") << "-x"
                               << "'-x";
        QTest::newRow("at") << "@SUM(A1)"
                            << "'@SUM(A1)";
        QTest::newRow("tab") << "\tx"
                             << "'\tx";
        QTest::newRow("carriage return") << "\rx"
                                         << "\"'\rx\"";
        QTest::newRow("comma") << "a,b"
                               << "\"a,b\"";
        QTest::newRow("quote") << "say \"hi\""
                               << "\"say \"\"hi\"\"\"";
        QTest::newRow("formula and quote") << "=HYPERLINK(\"x\")"
                                           << "\"'=HYPERLINK(\"\"x\"\")\"";
        QTest::newRow("newline") << "a\nb"
                                 << "\"a\nb\"";
        QTest::newRow("inner equals") << "a=b"
                                      << "a=b";
    }
    void csvCell() {
        QFETCH(QString, value);
        QFETCH(QString, cell);
        QCOMPARE(CsvReportExporter::cell(value), cell);
    }

    // Hostile text survives the CSV round trip, neutralized only by the leading apostrophe.
    void csvRoundTrip() {
        const ExportInput input = hostileInput();
        const QList<QStringList> records = parseCsv(QString::fromUtf8(run(QStringLiteral("csv"), input)));
        QCOMPARE(records.size(), 2);
        const QStringList header = records[0];
        const QStringList row = records[1];
        QCOMPARE(row[header.indexOf(QStringLiteral("title"))], QLatin1Char('\'') + hostileDecision().title);
        QCOMPARE(row[header.indexOf(QStringLiteral("rationale"))],
                 QLatin1Char('\'') + hostileDecision().rationale);
        QCOMPARE(row[header.indexOf(QStringLiteral("author"))], QStringLiteral("'@attacker"));
        QCOMPARE(
            row[header.indexOf(QStringLiteral("condition"))],
            QStringLiteral(
                "command_line|contains: ['say \"hi\"', 'C:\\Temp\\', 'a|b `whoami`', \"line1\\nline2\", ") +
                QString::fromUtf8("'Zo\xc3\xab \xe6\x97\xa5\xe6\x9c\xac'") +
                QStringLiteral(
                    ", '100\\*', 'what\\?', '=cmd|'' /C calc''!A0', '+x', '-x', '@x', '\\\\server\\share']\n"
                    "process_image: 'C:\\Program Files (x86)*\\app?.exe'"));
    }

    void markdownText_data() {
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("markdown");
        QTest::newRow("pipe") << "a|b"
                              << "a\\|b";
        QTest::newRow("html") << "<script>"
                              << "\\<script\\>";
        QTest::newRow("link") << "[x](y)"
                              << "\\[x\\](y)";
        QTest::newRow("emphasis") << "*a* _b_"
                                  << "\\*a\\* \\_b\\_";
        QTest::newRow("entity") << "&amp;"
                                << "&amp;amp;";
        QTest::newRow("backtick") << "`x`"
                                  << "\\`x\\`";
        QTest::newRow("newline") << "a\nb"
                                 << "a<br>b";
        QTest::newRow("backslash") << "C:\\Temp"
                                   << "C:\\\\Temp";
        QTest::newRow("unicode") << QString::fromUtf8("Zo\xc3\xab") << QString::fromUtf8("Zo\xc3\xab");
    }
    void markdownText() {
        QFETCH(QString, value);
        QFETCH(QString, markdown);
        QCOMPARE(MarkdownReportExporter::inlineText(value), markdown);
    }

    void markdownCodeFence() {
        QCOMPARE(MarkdownReportExporter::codeBlock(QStringLiteral("a")), QStringLiteral("```text\na\n```\n"));
        QCOMPARE(MarkdownReportExporter::codeBlock(QStringLiteral("x ```` y")),
                 QStringLiteral("`````text\nx ```` y\n`````\n"));
    }

    // The JSON report parses back (simdjson) to the same decisions: fields, modifiers and values.
    void jsonRoundTrip_data() {
        QTest::addColumn<bool>("hostile");
        QTest::newRow("demo") << false;
        QTest::newRow("hostile") << true;
    }
    void jsonRoundTrip() {
        QFETCH(bool, hostile);
        const ExportInput input = hostile ? hostileInput() : demoInput();
        const QByteArray json = run(QStringLiteral("json"), input);
        simdjson::ondemand::parser parser;
        const simdjson::padded_string padded(json.constData(), size_t(json.size()));
        simdjson::ondemand::document doc = parser.iterate(padded);
        qsizetype index = 0;
        for (simdjson::ondemand::object d : doc["decisions"].get_array()) {
            QVERIFY(index < input.decisions.size());
            const Decision &expected = input.decisions[index++];
            QCOMPARE(int64_t(d["id"]), expected.id);
            QCOMPARE(text(d["title"]), expected.title);
            QCOMPARE(text(d["status"]), decisionStatusName(expected.status));
            QCOMPARE(text(d["rationale"]), expected.rationale);
            QCOMPARE(text(d["author"]), expected.author);
            QList<FieldPredicate> predicates;
            for (simdjson::ondemand::object p : d["condition"]["match"].get_array()) {
                QString key = text(p["field"]);
                for (simdjson::ondemand::value m : p["modifiers"].get_array())
                    key += QLatin1Char('|') + text(m);
                QStringList values;
                for (simdjson::ondemand::value v : p["values"].get_array())
                    values << text(v);
                QString error;
                QVERIFY2(ConditionParser::addPredicate(key, values, predicates, &error), qPrintable(error));
            }
            QCOMPARE(predicates.size(), expected.condition.match.size());
            for (qsizetype i = 0; i < predicates.size(); ++i) {
                QCOMPARE(predicates[i].key(), expected.condition.match[i].key());
                QCOMPARE(predicates[i].values, expected.condition.match[i].values);
            }
        }
        QCOMPARE(index, input.decisions.size());
    }
};

QTEST_GUILESS_MAIN(TestReportExporters)
#include "tst_reportexporters.moc"
