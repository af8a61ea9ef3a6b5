#include "ExportTestSupport.h"

#include "tuning/export/SigmaFilterExporter.h"
#include "tuning/export/ValuePattern.h"

#include <QTest>

#include <yaml-cpp/yaml.h>

using namespace tb;
using namespace tb::exporttest;

namespace {

// A value as the Sigma specification reads it: '\*', '\?' and '\\' are literal, any other
// backslash is literal, '*' and '?' are wildcards. Written back as "L:c" / "W:*" tokens.
QStringList sigmaTokens(const QString &s) {
    QStringList tokens;
    for (qsizetype i = 0; i < s.size(); ++i) {
        const QChar c = s[i];
        if (c == QLatin1Char('\\') && i + 1 < s.size() &&
            (s[i + 1] == QLatin1Char('*') || s[i + 1] == QLatin1Char('?') || s[i + 1] == QLatin1Char('\\'))) {
            tokens << QStringLiteral("L:") + s[++i];
        } else if (c == QLatin1Char('*') || c == QLatin1Char('?')) {
            tokens << QStringLiteral("W:") + c;
        } else {
            tokens << QStringLiteral("L:") + c;
        }
    }
    return tokens;
}

QStringList patternTokens(const ValuePattern &p) {
    QStringList tokens;
    for (const ValuePattern::Part &part : p.parts) {
        if (part.kind == ValuePattern::Part::Kind::Literal)
            for (const QChar c : part.text)
                tokens << QStringLiteral("L:") + c;
        else
            tokens << (part.kind == ValuePattern::Part::Kind::AnyRun ? QStringLiteral("W:*")
                                                                     : QStringLiteral("W:?"));
    }
    return tokens;
}

// The node as flow text, quoted scalars in single quotes (yaml-cpp tags them "!"), so that a test
// sees both structure and which values are strings rather than numbers or booleans.
QString canonical(const YAML::Node &n) {
    if (n.IsMap()) {
        QStringList entries;
        for (const auto &kv : n)
            entries << canonical(kv.first) + QStringLiteral(": ") + canonical(kv.second);
        return QLatin1Char('{') + entries.join(QStringLiteral(", ")) + QLatin1Char('}');
    }
    if (n.IsSequence()) {
        QStringList items;
        for (const YAML::Node &item : n)
            items << canonical(item);
        return QLatin1Char('[') + items.join(QStringLiteral(", ")) + QLatin1Char(']');
    }
    const QString text = QString::fromStdString(n.Scalar());
    return n.Tag() == "!" ? QLatin1Char('\'') + text + QLatin1Char('\'') : text;
}

QString str(const YAML::Node &n) {
    return QString::fromStdString(n.as<std::string>());
}

ExportInput single(const QStringList &where, const QStringList &rules) {
    ExportInput input;
    input.today = QDate(2026, 11, 16);
    input.decisions = {decision(300, QStringLiteral("test"), DecisionStatus::Approved, where, rules, {}, {},
                                QStringLiteral("t"))};
    return input;
}

const QString processCreationRule = QStringLiteral("sigma:92626ddd-662c-49e3-ac59-f6535f12d189");
const QString securityRule = QStringLiteral("sigma:3a734d25-df5c-4b99-8034-af1ddb5883a4");

} // namespace

class TestSigmaFilterExporter : public QObject {
    Q_OBJECT

private slots:
    void golden_data() {
        QTest::addColumn<bool>("hostile");
        QTest::addColumn<QString>("file");
        QTest::newRow("demo") << false << "demo-filters.yml";
        QTest::newRow("hostile") << true << "hostile-filters.yml";
    }
    void golden() {
        QFETCH(bool, hostile);
        QFETCH(QString, file);
        QVERIFY(exportsAsGolden(QStringLiteral("sigma"), hostile ? hostileInput() : demoInput(), file));
    }

    // Every document of the demo export is a Sigma filter: title, id, logsource and a filter with
    // rules, selection and a condition that keeps what the selection matches out of the alerts.
    void demoDocumentsAreFilters() {
        const std::vector<YAML::Node> docs =
            YAML::LoadAll(run(QStringLiteral("sigma"), demoInput()).toStdString());
        QCOMPARE(int(docs.size()), 3); // decisions 1 and 2 (process_creation), 9 (security)
        QStringList ids;
        for (const YAML::Node &doc : docs) {
            QVERIFY(doc["title"].IsScalar());
            QVERIFY(doc["logsource"].IsMap());
            QVERIFY(doc["filter"]["rules"].IsSequence());
            QVERIFY(doc["filter"]["selection"].IsMap());
            QCOMPARE(str(doc["filter"]["condition"]), QStringLiteral("not selection"));
            ids << str(doc["id"]);
        }
        QCOMPARE(ids.first(), SigmaFilterExporter::filterId(1, QStringLiteral("process_creation/windows/")));
        QCOMPARE(str(docs[2]["logsource"]["service"]), QStringLiteral("security"));
        QCOMPARE(str(docs[2]["filter"]["selection"]["TaskName"]),
                 QStringLiteral("\\GoogleUpdaterTaskUser*{*}"));
        QCOMPARE(str(docs[2]["filter"]["selection"]["TaskContent|contains"]),
                 QStringLiteral("\\AppData\\Local\\Google\\GoogleUpdater\\"));
        QCOMPARE(str(docs[2]["filter"]["rules"][0]), QStringLiteral("3a734d25-df5c-4b99-8034-af1ddb5883a4"));
    }

    // The hostile values parse back (yaml-cpp, then the specification's escaping) to the decision's
    // own values: same fields, same modifiers, same literal characters and wildcards.
    void hostileRoundTrip() {
        const ExportInput input = hostileInput();
        const std::vector<YAML::Node> docs = YAML::LoadAll(run(QStringLiteral("sigma"), input).toStdString());
        QCOMPARE(int(docs.size()), 1);
        const YAML::Node selection = docs[0]["filter"]["selection"];
        QCOMPARE(int(selection.size()), 2);
        const YAML::Node contains = selection["CommandLine|contains"];
        QVERIFY(contains.IsSequence());
        const QStringList values = hostileValues();
        QCOMPARE(int(contains.size()), values.size());
        for (qsizetype i = 0; i < values.size(); ++i)
            QCOMPARE(sigmaTokens(str(contains[i])),
                     patternTokens(ValuePattern::fromCondition(FieldPredicate::Kind::Contains, values[i])));
        const QString image = hostileDecision().condition.match[1].values.first();
        QCOMPARE(sigmaTokens(str(selection["Image"])),
                 patternTokens(ValuePattern::fromCondition(FieldPredicate::Kind::Equals, image)));
        QCOMPARE(str(docs[0]["title"]), QStringLiteral("Tunebench decision 100: ") + hostileDecision().title);
        QVERIFY(str(docs[0]["description"]).contains(QStringLiteral("@line two <b>bold</b> & [link](x)")));
    }

    void sigmaValue_data() {
        QTest::addColumn<QString>("condition"); // a value of the condition language, equality
        QTest::addColumn<QString>("sigma");
        QTest::newRow("plain") << "schtasks.exe"
                               << "schtasks.exe";
        QTest::newRow("path") << "C:\\Windows\\Temp\\x.exe"
                              << "C:\\Windows\\Temp\\x.exe";
        QTest::newRow("trailing backslash") << "C:\\Temp\\"
                                            << "C:\\Temp\\";
        QTest::newRow("wildcards") << "a*b?c"
                                   << "a*b?c";
        QTest::newRow("literal star") << "100\\*"
                                      << "100\\*";
        QTest::newRow("literal question mark") << "what\\?"
                                               << "what\\?";
        QTest::newRow("backslash then literal star") << "x\\\\*"
                                                     << "x\\\\\\*";
        QTest::newRow("two backslashes") << "\\\\server\\share"
                                         << "\\\\\\server\\share";
        QTest::newRow("quote and pipe") << "say \"a|b\""
                                        << "say \"a|b\"";
    }
    void sigmaValue() {
        QFETCH(QString, condition);
        QFETCH(QString, sigma);
        const ValuePattern pattern = ValuePattern::fromCondition(FieldPredicate::Kind::Equals, condition);
        QCOMPARE(SigmaFilterExporter::sigmaValue(pattern, false), sigma);
        QCOMPARE(sigmaTokens(sigma), patternTokens(pattern));
    }

    // A backslash right before a wildcard is doubled, so it stays a backslash (spec: '\\*').
    void backslashBeforeWildcard() {
        ValuePattern p = ValuePattern::literal(QStringLiteral("C:\\Users\\"), false, true);
        QCOMPARE(SigmaFilterExporter::sigmaValue(p, false), QStringLiteral("C:\\Users\\"));
        QCOMPARE(SigmaFilterExporter::sigmaValue(p, true), QStringLiteral("C:\\Users\\\\*"));
        QCOMPARE(sigmaTokens(QStringLiteral("C:\\Users\\\\*")).last(), QStringLiteral("W:*"));
    }

    void selection_data() {
        QTest::addColumn<QStringList>("where");
        QTest::addColumn<QString>("rule");
        QTest::addColumn<QString>("filter"); // the filter map, flow style
        QTest::newRow("startswith") << QStringList{"command_line|startswith=cmd /c"} << processCreationRule
                                    << "{rules: [92626ddd-662c-49e3-ac59-f6535f12d189], selection: "
                                       "{CommandLine|startswith: 'cmd /c'}, condition: not selection}";
        QTest::newRow("process name as image path")
            << QStringList{"process_name=schtasks.exe"} << processCreationRule
            << "{rules: [92626ddd-662c-49e3-ac59-f6535f12d189], selection: {Image|endswith: "
               "['\\schtasks.exe', '/schtasks.exe']}, condition: not selection}";
        QTest::newRow("user with or without domain")
            << QStringList{"user=adm_backup"} << processCreationRule
            << "{rules: [92626ddd-662c-49e3-ac59-f6535f12d189], selection: {User: ['adm_backup', "
               "'*\\adm_backup']}, condition: not selection}";
        QTest::newRow("all") << QStringList{"command_line|contains|all=a", "command_line|contains|all=b"}
                             << processCreationRule
                             << "{rules: [92626ddd-662c-49e3-ac59-f6535f12d189], selection: "
                                "{CommandLine|contains|all: ['a', 'b']}, condition: not selection}";
        QTest::newRow("repeated key")
            << QStringList{"command_line|contains=a", "command_line|contains=b",
                           "process_image|endswith=x.exe"}
            << processCreationRule
            << "{rules: [92626ddd-662c-49e3-ac59-f6535f12d189], selection: {CommandLine|contains: ['a', "
               "'b'], Image|endswith: 'x.exe'}, condition: not selection}";
        QTest::newRow("regex ignores case") << QStringList{"command_line|re=-enc\\s"} << processCreationRule
                                            << "{rules: [92626ddd-662c-49e3-ac59-f6535f12d189], selection: "
                                               "{CommandLine|re|i: '-enc\\s'}, condition: not selection}";
        QTest::newRow("event id is a number")
            << QStringList{"event_code=4698", "task_name=\\x"} << securityRule
            << "{rules: [3a734d25-df5c-4b99-8034-af1ddb5883a4], selection: {EventID: 4698, TaskName: '\\x'}, "
               "condition: not selection}";
        QTest::newRow("exists") << QStringList{"hashes|exists=true"} << processCreationRule
                                << "{rules: [92626ddd-662c-49e3-ac59-f6535f12d189], selection: "
                                   "{Hashes|exists: true}, condition: not selection}";
    }
    void selection() {
        QFETCH(QStringList, where);
        QFETCH(QString, rule);
        QFETCH(QString, filter);
        QString error;
        const QByteArray out = run(QStringLiteral("sigma"), single(where, {rule}), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(canonical(YAML::Load(out.toStdString())["filter"]), filter);
    }

    // A decision's own exclusions: the filter keeps events that match them.
    void exclusions() {
        ExportInput input = single({QStringLiteral("process_name=schtasks.exe")}, {processCreationRule});
        QVERIFY(ConditionParser::addPredicate(QStringLiteral("command_line|contains"),
                                              {QStringLiteral("/ru system")},
                                              input.decisions.first().condition.filter, nullptr));
        const YAML::Node filter = YAML::Load(run(QStringLiteral("sigma"), input).toStdString())["filter"];
        QCOMPARE(str(filter["condition"]), QStringLiteral("not (selection and not exclusion)"));
        QCOMPARE(str(filter["exclusion"]["CommandLine|contains"]), QStringLiteral("/ru system"));
    }

    void errors_data() {
        QTest::addColumn<QStringList>("where");
        QTest::addColumn<QString>("rule");
        QTest::addColumn<QString>("message");
        QTest::newRow("log source without names")
            << QStringList{"target_path|startswith=/etc/cron.d/"}
            << "sigma:6c4e2f43-d94d-4ead-b64d-97e53fa2bd05"
            << "Sigma: decision 300 (test): rule sigma:6c4e2f43-d94d-4ead-b64d-97e53fa2bd05 has a log source "
               "without "
               "Sigma field names in Tunebench (process_creation and Windows security only)";
        QTest::newRow("unknown rule")
            << QStringList{"process_name=x"} << "sigma:00000000-0000-0000-0000-000000000000"
            << "Sigma: decision 300 (test): rule sigma:00000000-0000-0000-0000-000000000000 is "
               "not in the knowledge base, so its log source is unknown";
        QTest::newRow("no such field")
            << QStringList{"task_name=\\x"} << processCreationRule
            << "Sigma (Sigma process_creation): decision 300 (test): field task_name: Sigma "
               "process_creation has no such field";
        QTest::newRow("contains on a name")
            << QStringList{"process_name|contains=sch"} << processCreationRule
            << "Sigma (Sigma process_creation): decision 300 (test): field process_name: "
               "Image as Sigma process_creation cannot say |contains (see docs/FIELDS.md)";
    }
    void errors() {
        QFETCH(QStringList, where);
        QFETCH(QString, rule);
        QFETCH(QString, message);
        QString error;
        QVERIFY(run(QStringLiteral("sigma"), single(where, {rule}), &error).isEmpty());
        QCOMPARE(error, message);
    }
};

QTEST_GUILESS_MAIN(TestSigmaFilterExporter)
#include "tst_sigmafilterexporter.moc"
