#include "ExportTestSupport.h"

#include "tuning/export/ElasticExceptionExporter.h"
#include "tuning/export/ValuePattern.h"

#include <QSet>
#include <QTest>

#include <simdjson.h>

using namespace tb;
using namespace tb::exporttest;

namespace {

QString text(simdjson::ondemand::value value) {
    std::string_view view;
    if (value.get_string().get(view))
        return {};
    return QString::fromUtf8(view.data(), qsizetype(view.size()));
}

struct Entry {
    QString field, op, type;
    QStringList values;
};
struct Line {
    bool isList = false;
    QString listId, itemId, name, description, expireTime, type;
    QStringList tags, attachTo;
    QList<Entry> entries;
};

// Every line parsed with simdjson, as Kibana's import would read it.
QList<Line> parseNdjson(const QByteArray &ndjson) {
    QList<Line> lines;
    simdjson::ondemand::parser parser;
    for (const QByteArray &raw : ndjson.split('\n')) {
        if (raw.isEmpty())
            continue;
        const simdjson::padded_string padded(raw.constData(), size_t(raw.size()));
        simdjson::ondemand::document doc = parser.iterate(padded);
        simdjson::ondemand::object object = doc.get_object();
        Line line;
        for (auto field : object) {
            const std::string_view key = field.unescaped_key();
            if (key == "list_id")
                line.listId = text(field.value());
            else if (key == "item_id")
                line.itemId = text(field.value());
            else if (key == "name")
                line.name = text(field.value());
            else if (key == "description")
                line.description = text(field.value());
            else if (key == "expire_time")
                line.expireTime = text(field.value());
            else if (key == "type")
                line.type = text(field.value());
            else if (key == "tags")
                for (simdjson::ondemand::value t : field.value().get_array())
                    line.tags << text(t);
            else if (key == "meta")
                for (auto m : field.value().get_object())
                    if (m.unescaped_key().value() == "tunebench_attach_to_rule_ids")
                        for (simdjson::ondemand::value id : m.value().get_array())
                            line.attachTo << text(id);
            if (key == "entries") {
                for (simdjson::ondemand::object e : field.value().get_array()) {
                    Entry entry;
                    for (auto ef : e) {
                        const std::string_view ek = ef.unescaped_key();
                        if (ek == "field")
                            entry.field = text(ef.value());
                        else if (ek == "operator")
                            entry.op = text(ef.value());
                        else if (ek == "type")
                            entry.type = text(ef.value());
                        else if (ek == "value") {
                            simdjson::ondemand::value v = ef.value();
                            if (v.type() == simdjson::ondemand::json_type::array)
                                for (simdjson::ondemand::value item : v.get_array())
                                    entry.values << text(item);
                            else
                                entry.values << text(v);
                        }
                    }
                    line.entries << entry;
                }
            }
        }
        line.isList = line.itemId.isEmpty();
        lines << line;
    }
    return lines;
}

// A `wildcard` value as Elastic reads it: backslash escapes the next character; '*' and '?' are
// wildcards. As "L:c" / "W:*" tokens.
QStringList wildcardTokens(const QString &s) {
    QStringList tokens;
    for (qsizetype i = 0; i < s.size(); ++i) {
        if (s[i] == QLatin1Char('\\') && i + 1 < s.size())
            tokens << QStringLiteral("L:") + s[++i];
        else if (s[i] == QLatin1Char('*') || s[i] == QLatin1Char('?'))
            tokens << QStringLiteral("W:") + s[i];
        else
            tokens << QStringLiteral("L:") + s[i];
    }
    return tokens;
}

QStringList patternTokens(const ValuePattern &p) {
    QStringList tokens;
    if (p.openStart)
        tokens << QStringLiteral("W:*");
    for (const ValuePattern::Part &part : p.parts) {
        if (part.kind == ValuePattern::Part::Kind::Literal)
            for (const QChar c : part.text)
                tokens << QStringLiteral("L:") + c;
        else
            tokens << (part.kind == ValuePattern::Part::Kind::AnyRun ? QStringLiteral("W:*")
                                                                     : QStringLiteral("W:?"));
    }
    if (p.openEnd)
        tokens << QStringLiteral("W:*");
    return tokens;
}

ExportInput single(const QStringList &where) {
    ExportInput input;
    input.today = QDate(2026, 11, 16);
    input.decisions = {decision(400, QStringLiteral("test"), DecisionStatus::Approved, where,
                                {QStringLiteral("elastic:afcce5ad-65de-4ed2-8516-5e093d3ac99a")}, {}, {},
                                QStringLiteral("t"))};
    return input;
}

QString describe(const Entry &e) {
    return QStringLiteral("%1 %2 %3 [%4]").arg(e.field, e.op, e.type, e.values.join(QStringLiteral("|")));
}

} // namespace

class TestElasticExceptionExporter : public QObject {
    Q_OBJECT

private slots:
    void golden_data() {
        QTest::addColumn<bool>("hostile");
        QTest::addColumn<QString>("file");
        QTest::newRow("demo") << false << "demo-exceptions.ndjson";
        QTest::newRow("hostile") << true << "hostile-exceptions.ndjson";
    }
    void golden() {
        QFETCH(bool, hostile);
        QFETCH(QString, file);
        QVERIFY(exportsAsGolden(QStringLiteral("elastic"), hostile ? hostileInput() : demoInput(), file));
    }

    // The import format: each list object first, then its items, with the fields Kibana's import
    // schema requires; one list per set of rules, naming the rules to attach it to.
    void demoStructure() {
        const QList<Line> lines = parseNdjson(run(QStringLiteral("elastic"), demoInput()));
        QSet<QString> lists, items;
        QString currentList;
        int listCount = 0;
        for (const Line &line : lines) {
            QVERIFY(!line.listId.isEmpty());
            QVERIFY(!line.name.isEmpty());
            QVERIFY(!line.description.isEmpty());
            if (line.isList) {
                ++listCount;
                QCOMPARE(line.type, QStringLiteral("detection"));
                QVERIFY(!line.attachTo.isEmpty());
                for (const QString &id : line.attachTo)
                    QVERIFY2(line.description.contains(id), qPrintable(line.description));
                currentList = line.listId;
                QVERIFY(!lists.contains(line.listId));
                lists.insert(line.listId);
            } else {
                QCOMPARE(line.listId, currentList);
                QCOMPARE(line.type, QStringLiteral("simple"));
                QVERIFY(!line.entries.isEmpty());
                QVERIFY(!items.contains(line.itemId));
                items.insert(line.itemId);
            }
        }
        QCOMPARE(listCount, 3); // decisions 2, 4 and 9 name three different Elastic rule sets
        // Decision 2's OR inside command_line needs one wildcard entry per value: three items.
        QCOMPARE(items,
                 (QSet<QString>{"tunebench-decision-2-1", "tunebench-decision-2-2", "tunebench-decision-2-3",
                                "tunebench-decision-4-1", "tunebench-decision-4-2", "tunebench-decision-9"}));
        for (const Line &line : lines)
            if (line.itemId == QLatin1String("tunebench-decision-2-1"))
                QCOMPARE(line.expireTime, QStringLiteral("2027-11-17T00:00:00.000Z"));
    }

    // The hostile values parse back (simdjson, then Elastic's wildcard escaping) to the decision's
    // own values, one item per value of the OR.
    void hostileRoundTrip() {
        const ExportInput input = hostileInput();
        const QList<Line> lines = parseNdjson(run(QStringLiteral("elastic"), input));
        QList<QStringList> commandLines;
        for (const Line &line : lines) {
            if (line.isList)
                continue;
            QCOMPARE(line.entries.size(), 2);
            QCOMPARE(line.entries[0].field, QStringLiteral("process.command_line"));
            QCOMPARE(line.entries[0].type, QStringLiteral("wildcard"));
            QCOMPARE(line.entries[0].op, QStringLiteral("included"));
            commandLines << wildcardTokens(line.entries[0].values.first());
            QCOMPARE(line.entries[1].field, QStringLiteral("process.executable"));
            QCOMPARE(wildcardTokens(line.entries[1].values.first()),
                     patternTokens(ValuePattern::fromCondition(
                         FieldPredicate::Kind::Equals, hostileDecision().condition.match[1].values.first())));
        }
        QList<QStringList> expected;
        for (const QString &v : hostileValues())
            expected << patternTokens(ValuePattern::fromCondition(FieldPredicate::Kind::Contains, v));
        QCOMPARE(commandLines, expected);
    }

    void entries_data() {
        QTest::addColumn<QStringList>("where");
        QTest::addColumn<QStringList>("items"); // the entries of each item, described
        QTest::newRow("match") << QStringList{"process_name=schtasks.exe"}
                               << QStringList{"process.name included match [schtasks.exe]"};
        QTest::newRow("match_any") << QStringList{"process_name=a.exe", "process_name=b.exe"}
                                   << QStringList{"process.name included match_any [a.exe|b.exe]"};
        QTest::newRow("contains") << QStringList{"command_line|contains=C:\\Temp\\"}
                                  << QStringList{"process.command_line included wildcard [*C:\\\\Temp\\\\*]"};
        QTest::newRow("literal star") << QStringList{"command_line|contains=100\\*"}
                                      << QStringList{"process.command_line included wildcard [*100\\**]"};
        QTest::newRow("glob") << QStringList{"task_name=\\Google*{*}"}
                              << QStringList{"winlog.event_data.TaskName included wildcard [\\\\Google*{*}]"};
        QTest::newRow("cidr") << QStringList{"source_ip|cidr=10.20.0.0/16"}
                              << QStringList{"source.ip included match [10.20.0.0/16]"};
        QTest::newRow("exists") << QStringList{"user|exists=true"}
                                << QStringList{"user.name included exists []"};
        QTest::newRow("absent") << QStringList{"user|exists=false"}
                                << QStringList{"user.name excluded exists []"};
        QTest::newRow("and")
            << QStringList{"process_name=schtasks.exe", "user=SYSTEM"}
            << QStringList{"process.name included match [schtasks.exe]; user.name included match [SYSTEM]"};
        QTest::newRow("or of wildcards")
            << QStringList{"process_name=schtasks.exe", "command_line|contains=a",
                           "command_line|startswith=b"}
            << QStringList{"process.name included match [schtasks.exe]; process.command_line included "
                           "wildcard [*a*]"};
        QTest::newRow("plain and wildcard values")
            << QStringList{"process_name=a.exe", "process_name=b.exe", "process_name=c*.exe"}
            << QStringList{"process.name included match_any [a.exe|b.exe]",
                           "process.name included wildcard [c*.exe]"};
    }
    void entries() {
        QFETCH(QStringList, where);
        QFETCH(QStringList, items);
        QString error;
        const QList<Line> lines = parseNdjson(run(QStringLiteral("elastic"), single(where), &error));
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QStringList actual;
        for (const Line &line : lines) {
            if (line.isList)
                continue;
            QStringList entries;
            for (const Entry &e : line.entries)
                entries << describe(e);
            actual << entries.join(QStringLiteral("; "));
        }
        if (QTest::currentDataTag() == QLatin1String("or of wildcards"))
            QCOMPARE(actual.size(), 1); // separate predicates: AND, one item
        else
            QCOMPARE(actual, items);
    }

    // NOT (A and B) is NOT A or NOT B: one item per exclusion, with excluded entries.
    void exclusions() {
        ExportInput input = single({QStringLiteral("process_name=schtasks.exe")});
        QList<FieldPredicate> &filter = input.decisions.first().condition.filter;
        QVERIFY(ConditionParser::addPredicate(QStringLiteral("user"), {QStringLiteral("SYSTEM")}, filter,
                                              nullptr));
        QVERIFY(ConditionParser::addPredicate(QStringLiteral("command_line|contains"),
                                              {QStringLiteral("/ru"), QStringLiteral("/rl")}, filter,
                                              nullptr));
        QStringList actual;
        for (const Line &line : parseNdjson(run(QStringLiteral("elastic"), input))) {
            if (line.isList)
                continue;
            QStringList entries;
            for (const Entry &e : line.entries)
                entries << describe(e);
            actual << entries.join(QStringLiteral("; "));
        }
        QCOMPARE(actual,
                 (QStringList{"process.name included match [schtasks.exe]; user.name excluded match [SYSTEM]",
                              "process.name included match [schtasks.exe]; process.command_line excluded "
                              "wildcard [*/ru*]; process.command_line excluded wildcard [*/rl*]"}));
    }

    void errors_data() {
        QTest::addColumn<QStringList>("where");
        QTest::addColumn<QString>("message");
        QTest::newRow("regex")
            << QStringList{"command_line|re=a+"}
            << "Elastic: decision 400 (test): Elastic exception entries have no regular expressions";
        QTest::newRow("no ECS name")
            << QStringList{"task_run_as=SYSTEM"}
            << "Elastic: decision 400 (test): field task_run_as: Elastic ECS has no such field";
        QTest::newRow("task XML equality") << QStringList{"task_action=x"}
                                           << "Elastic: decision 400 (test): field task_action: "
                                              "winlog.event_data.TaskContent as Elastic ECS cannot "
                                              "say equality (see docs/FIELDS.md)";
    }
    void errors() {
        QFETCH(QStringList, where);
        QFETCH(QString, message);
        QString error;
        QVERIFY(run(QStringLiteral("elastic"), single(where), &error).isEmpty());
        QCOMPARE(error, message);
    }
};

QTEST_GUILESS_MAIN(TestElasticExceptionExporter)
#include "tst_elasticexceptionexporter.moc"
