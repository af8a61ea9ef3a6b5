#include "condition/Condition.h"
#include "condition/ConditionMatcher.h"
#include "condition/ConditionSql.h"
#include "condition/LiteralScanner.h"
#include "condition/RequiredLiterals.h"
#include "ConditionTestSupport.h"
#include "ingest/Importer.h"
#include "ingest/NormalizedEvent.h"
#include "knowledge/KnowledgeBase.h"
#include "store/Statement.h"
#include "store/Workspace.h"

#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using namespace tb;

class TestCondition : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    Workspace m_workspace;

    static Condition parse(const QStringList &expressions) { return parseCondition(expressions); }

    // Every event of the workspace as the C++ matcher sees it, by id.
    QList<QPair<qint64, LoweredEvent>> allEvents() {
        QString columns = QStringLiteral("id");
        for (const EventFieldInfo &info : eventFields())
            columns += QStringLiteral(", ") + QLatin1String(info.column);
        Statement query =
            m_workspace.database().prepare(QStringLiteral("SELECT %1 FROM events").arg(columns));
        QList<QPair<qint64, LoweredEvent>> events;
        while (query.step()) {
            NormalizedEvent event;
            for (int f = 0; f < eventFieldCount; ++f)
                event.fields[size_t(f)] = query.columnText(f + 1);
            events.append({query.columnInt64(0), LoweredEvent::from(event)});
        }
        return events;
    }

private slots:
    void initTestCase() {
        QVERIFY(m_workspace.open(m_dir.filePath(QStringLiteral("w.tunebench"))));
        ConditionSql::registerFunctions(m_workspace.database());
        QVERIFY(Importer(m_workspace.database())
                    .importFile(QStringLiteral(DEMO_DATA_DIR "/splunk_notables.csv"), {})
                    .ok());
        QVERIFY(Importer(m_workspace.database())
                    .importFile(QStringLiteral(DEMO_DATA_DIR "/elastic_alerts.ndjson"), {})
                    .ok());
        QVERIFY(Importer(m_workspace.database())
                    .importFile(QStringLiteral(TEST_DATA_DIR "/condition/hostile_values.csv"), {})
                    .ok());
    }

    // The ids the compiled SQL selects, and those the C++ matcher accepts, for one condition.
    QPair<QSet<qint64>, QSet<qint64>> bothWays(const Condition &condition,
                                               const QList<QPair<qint64, LoweredEvent>> &events,
                                               const ConditionSettings &settings = {}) {
        const ConditionMatcher matcher(condition, settings);
        QSet<qint64> expected;
        for (const auto &[id, event] : events) {
            if (matcher.matches(event))
                expected.insert(id);
        }
        QVariantList parameters;
        const QString where = ConditionSql::compile(condition, settings, parameters);
        Statement query =
            m_workspace.database().prepare(QStringLiteral("SELECT id FROM events WHERE ") + where);
        for (int i = 0; i < parameters.size(); ++i)
            query.bind(i + 1, parameters[i]);
        QSet<qint64> actual;
        while (query.step())
            actual.insert(query.columnInt64(0));
        return {actual, expected};
    }

    // Fails the test when SQL and C++ select different events; counts the conditions that select
    // some events but not all.
    void checkAgreement(const QStringList &expressions, const QList<QPair<qint64, LoweredEvent>> &events,
                        int &nonTrivial) {
        const Condition condition = parse(expressions);
        QVERIFY2(!condition.isEmpty(), qPrintable(expressions.join(QLatin1String(" AND "))));
        const auto [actual, expected] = bothWays(condition, events);
        QVERIFY2(actual == expected, qPrintable(QStringLiteral("%1: SQL %2 vs C++ %3")
                                                    .arg(expressions.join(QLatin1String(" AND ")))
                                                    .arg(actual.size())
                                                    .arg(expected.size())));
        if (!expected.isEmpty() && expected.size() < events.size())
            ++nonTrivial;
    }

    // A glob made from a real value: runs become '*', characters '?', some letters change case,
    // and the value's own '*' and '?' are escaped.
    static QString globFrom(const QString &sample, QRandomGenerator &random) {
        QString glob;
        for (qsizetype i = 0; i < sample.size(); ++i) {
            const QChar c = sample[i];
            const int roll = int(random.bounded(100));
            if (c.isHighSurrogate() && i + 1 < sample.size()) {
                glob += c;
                glob += sample[++i];
            } else if (roll < 8) {
                glob += QLatin1Char('*');
                i += random.bounded(4); // swallow a few characters, never half a surrogate pair
                if (i + 1 < sample.size() && sample[i + 1].isLowSurrogate())
                    ++i;
            } else if (roll < 14) {
                glob += QLatin1Char('?');
            } else if (c == QLatin1Char('*') || c == QLatin1Char('?')) {
                glob += QLatin1Char('\\');
                glob += c;
            } else if (roll < 40) {
                glob += c.toUpper();
            } else {
                glob += c;
            }
        }
        return glob;
    }

    void matches_data() {
        QTest::addColumn<QStringList>("condition");
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("value");
        QTest::addColumn<bool>("expected");
        QTest::newRow("equals is case-insensitive")
            << QStringList{"process_name=SCHTASKS.EXE"} << "process_name"
            << "schtasks.exe" << true;
        QTest::newRow("equals is whole") << QStringList{"process_name=schtasks"} << "process_name"
                                         << "schtasks.exe" << false;
        QTest::newRow("wildcard star") << QStringList{"parent_name=*setup*.exe"} << "parent_name"
                                       << "ZoomSetup64.exe" << true;
        QTest::newRow("wildcard question") << QStringList{"host=wks-0??"} << "host"
                                           << "wks-012" << true;
        QTest::newRow("escaped star is literal") << QStringList{"task_name=a\\*b"} << "task_name"
                                                 << "axxb" << false;
        QTest::newRow("escaped star matches star") << QStringList{"task_name=a\\*b"} << "task_name"
                                                   << "a*b" << true;
        QTest::newRow("contains with backslashes")
            << QStringList{"task_action|contains=\\AppData\\Local\\Temp\\"} << "task_action"
            << "C:\\Users\\x\\AppData\\Local\\Temp\\a.exe" << true;
        QTest::newRow("startswith") << QStringList{"task_name|startswith=\\Microsoft\\"} << "task_name"
                                    << "\\microsoft\\windows\\x" << true;
        QTest::newRow("endswith") << QStringList{"target_path|endswith=ScheduledTasks.xml"} << "target_path"
                                  << "\\\\corp\\sysvol\\x\\ScheduledTasks.xml" << true;
        QTest::newRow("regex") << QStringList{"task_name|re=\\{[0-9a-f-]{36}\\}"} << "task_name"
                               << "GoogleUpdateTaskMachineUA{28398F9F-4BA7-1AB7-AC05-04A56CC6BE18}" << true;
        QTest::newRow("one of (OR)") << QStringList{"user=alice", "user=bob"} << "user"
                                     << "BOB" << true;
        QTest::newRow("all") << QStringList{"command_line|contains|all=-nop",
                                            "command_line|contains|all=-enc"}
                             << "command_line"
                             << "powershell -nop -w hidden -enc AAA" << true;
        QTest::newRow("all, one missing")
            << QStringList{"command_line|contains|all=-nop", "command_line|contains|all=-enc"}
            << "command_line"
            << "powershell -nop" << false;
        QTest::newRow("cidr v4") << QStringList{"source_ip|cidr=10.0.0.0/8"} << "source_ip"
                                 << "10.20.30.41" << true;
        QTest::newRow("cidr v4 outside") << QStringList{"source_ip|cidr=10.0.0.0/8"} << "source_ip"
                                         << "198.51.100.7" << false;
        QTest::newRow("cidr v6") << QStringList{"source_ip|cidr=::1/128"} << "source_ip"
                                 << "::1" << true;
        QTest::newRow("wildcard modifier")
            << QStringList{"task_name|wildcard=GoogleUpdateTask*{*}"} << "task_name"
            << "GoogleUpdateTaskMachineUA{28398F9F-4BA7-1AB7-AC05-04A56CC6BE18}" << true;
        QTest::newRow("wildcard modifier is whole-value")
            << QStringList{"task_name|wildcard=Google*"} << "task_name"
            << "\\GoogleUpdate" << false;
        QTest::newRow("wildcard with contains")
            << QStringList{"command_line|contains|wildcard=/tn ?Corp*Nightly"} << "command_line"
            << "schtasks /create /tn \\Corp\\NightlyBackup" << true;
        QTest::newRow("non-ASCII is case-insensitive") << QStringList{"user=JÜRGEN"} << "user"
                                                       << "jürgen" << true;
        QTest::newRow("non-ASCII glob")
            << QStringList{"task_action|wildcard=*\\ÜBERWACHUNG*.EXE"} << "task_action"
            << "c:\\überwachung\\ä.exe" << true;
        QTest::newRow("kelvin sign is not k")
            << QStringList{"task_name=kelvin"} << "task_name" << QString(QChar(0x212A)) + "elvin" << false;
        QTest::newRow("? is one character, also outside the BMP")
            << QStringList{"task_name=task ? x"} << "task_name"
            << QString::fromUtf8("task \xF0\x9F\x98\x80 x") << true;
        QTest::newRow("literal percent and underscore") << QStringList{"user=svc_100%_done"} << "user"
                                                        << "svc_100x_done" << false;
        QTest::newRow("exists") << QStringList{"source_ip|exists=true"} << "source_ip"
                                << "1.2.3.4" << true;
        QTest::newRow("not exists") << QStringList{"source_ip|exists=false"} << "source_ip"
                                    << "" << true;
        QTest::newRow("empty field never matches") << QStringList{"user|contains=a"} << "user"
                                                   << "" << false;
    }
    void matches() {
        QFETCH(QStringList, condition);
        QFETCH(QString, field);
        QFETCH(QString, value);
        QFETCH(bool, expected);
        NormalizedEvent event;
        event.set(*eventFieldByColumn(field), value);
        QCOMPARE(ConditionMatcher(parse(condition), {}).matches(LoweredEvent::from(event)), expected);
    }

    void filterExcludes() {
        Condition condition = parse({"task_remote=1"});
        QString error;
        QVERIFY(ConditionParser::addPredicate(QStringLiteral("user|expand"), {"%admin_accounts%"},
                                              condition.filter, &error));
        const ConditionSettings settings{{QStringLiteral("admin_accounts"), {"adm_*"}}};
        NormalizedEvent event;
        event.set(EventField::TaskRemote, QStringLiteral("1"));
        event.set(EventField::User, QStringLiteral("adm_backup"));
        QVERIFY(!ConditionMatcher(condition, settings).matches(LoweredEvent::from(event)));
        event.set(EventField::User, QStringLiteral("jdoe"));
        QVERIFY(ConditionMatcher(condition, settings).matches(LoweredEvent::from(event)));
        // With no admin accounts configured, nobody is excluded.
        QVERIFY(ConditionMatcher(condition, {}).matches(LoweredEvent::from(event)));
    }

    // |expand may list literal values beside its one '%setting%' (the loopback beside the analyst's
    // internal networks); an empty setting leaves the predicate undecided, literals or not.
    void expandMixesLiteralsAndASetting_data() {
        QTest::addColumn<QStringList>("internal");
        QTest::addColumn<QString>("ip");
        QTest::addColumn<bool>("expected");
        const QStringList tenSlashEight{QStringLiteral("10.0.0.0/8")};
        QTest::newRow("a literal network") << tenSlashEight << "127.0.0.1" << true;
        QTest::newRow("a literal address") << tenSlashEight << "::1" << true;
        QTest::newRow("the setting's network") << tenSlashEight << "10.42.5.230" << true;
        QTest::newRow("neither") << tenSlashEight << "203.0.113.9" << false;
        QTest::newRow("empty setting") << QStringList() << "127.0.0.1" << false;
    }
    void expandMixesLiteralsAndASetting() {
        QFETCH(QStringList, internal);
        QFETCH(QString, ip);
        QFETCH(bool, expected);
        Condition condition;
        QString error;
        QVERIFY2(ConditionParser::addPredicate(QStringLiteral("source_ip|cidr|expand"),
                                               {"127.0.0.0/8", "::1", "%internal_networks%"}, condition.match,
                                               &error),
                 qPrintable(error));
        QCOMPARE(condition.toText(),
                 QStringLiteral("source_ip|cidr|expand: 127.0.0.0/8, ::1, %internal_networks%"));
        ConditionSettings settings;
        if (!internal.isEmpty())
            settings.insert(QStringLiteral("internal_networks"), internal);
        NormalizedEvent event;
        event.set(EventField::SourceIp, ip);
        QCOMPARE(ConditionMatcher(condition, settings).matches(LoweredEvent::from(event)), expected);
        // SQL selects the same events of the workspace.
        const auto [actual, fromMatcher] = bothWays(condition, allEvents(), settings);
        QCOMPARE(actual, fromMatcher);
    }

    void parseErrors_data() {
        QTest::addColumn<QString>("expression");
        QTest::addColumn<QString>("expected");
        QTest::newRow("unknown field") << "hostname=a"
                                       << "hostname: \"hostname\" is not an event field";
        QTest::newRow("unknown modifier") << "host|fuzzy=a"
                                          << "host|fuzzy: unknown modifier \"fuzzy\"";
        QTest::newRow("no equals sign") << "host"
                                        << "host: expected field|modifier=value";
        QTest::newRow("bad exists") << "host|exists=maybe"
                                    << "host|exists: |exists takes true or false";
        QTest::newRow("wildcard with re") << "host|re|wildcard=a.*"
                                          << "host|re|wildcard: |wildcard does not combine with |re";
        QTest::newRow("expand without a setting")
            << "source_ip|cidr|expand=127.0.0.0/8"
            << "source_ip|cidr|expand: |expand takes one '%setting_name%'";
        QTest::newRow("empty value") << "host="
                                     << "host: empty value (an absent field is field|exists=false)";
    }
    void parseErrors() {
        QFETCH(QString, expression);
        QFETCH(QString, expected);
        Condition condition;
        QString error;
        QVERIFY(!ConditionParser::fromExpressions({expression}, condition, &error));
        QVERIFY2(error.startsWith(expected), qPrintable(error));
    }

    // Literal prefilters of regexes: every match must contain one of the returned strings.
    void requiredLiterals_data() {
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<QStringList>("expected"); // empty: no prefilter
        QTest::newRow("plain word, lower-cased") << "PowerShell" << QStringList{"powershell"};
        QTest::newRow("escaped backslashes") << "\\\\users\\\\public\\\\" << QStringList{"\\users\\public\\"};
        QTest::newRow("optional group and word boundary")
            << "^(/usr/bin/)?crontab\\b" << QStringList{"/usr/bin/crontab", "crontab"};
        QTest::newRow("non-capturing alternation then literal") << "(?:ab|cd)e" << QStringList{"abe", "cde"};
        QTest::newRow("alternation of requirements") << "a|b.*" << QStringList{"a", "b"};
        QTest::newRow("the longer side of a gap")
            << "at\\s+now" << QStringList{" now", "\tnow", "\nnow", "\x0bnow", "\fnow", "\rnow"};
        QTest::newRow("optional start then literal") << "a{0,3}b" << QStringList{"b"};
        QTest::newRow("small class") << "[/-]e" << QStringList{"/e", "-e"};
        QTest::newRow("repetition keeps its first and last character")
            << "x\\d+y" << QStringList{"x0", "x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8", "x9"};
        QTest::newRow("anything") << ".*" << QStringList{};
        QTest::newRow("optional only") << "(abc)?" << QStringList{};
        QTest::newRow("large class") << "[0-9a-f]{8}" << QStringList{};
        QTest::newRow("negated class") << "[^\\\\]+" << QStringList{};
        QTest::newRow("lookahead is outside the subset") << "(?=a)b" << QStringList{};
        QTest::newRow("backreference is outside the subset") << "(a)\\1" << QStringList{};
        QTest::newRow("branch without literal") << "abc|\\w+" << QStringList{};
    }
    void requiredLiterals() {
        QFETCH(QString, pattern);
        QFETCH(QStringList, expected);
        const std::optional<QStringList> found = tb::requiredLiterals(pattern);
        QStringList actual = found ? *found : QStringList();
        actual.sort();
        expected.sort();
        QCOMPARE(actual, expected);
    }

    // The prefilter is exact on the algebra: over random regexes of the subset and every short
    // string of a small alphabet, a string the regex matches contains one of the literals.
    void requiredLiteralsAreNecessary() {
        QRandomGenerator random(20261130);
        const QStringList atoms{"a",   "b",   "c",    "ab",   "ba",  " ", "1", ".",
                                "\\s", "\\d", "[ab]", "[^a]", "\\b", "^", "$", "A"};
        const QStringList quantifiers{"", "", "", "?", "*", "+", "{1,2}", "{0,1}", "{2}"};
        std::function<QString(int)> regex = [&](int depth) -> QString {
            QString out;
            const int parts = 1 + int(random.bounded(3));
            for (int i = 0; i < parts; ++i) {
                QString atom = depth < 2 && random.bounded(4) == 0
                                   ? QStringLiteral("(") + regex(depth + 1) + QLatin1Char('|') +
                                         regex(depth + 1) + QLatin1Char(')')
                                   : atoms[random.bounded(atoms.size())];
                if (atom != QLatin1String("^") && atom != QLatin1String("$") && atom != QLatin1String("\\b"))
                    atom += quantifiers[random.bounded(quantifiers.size())];
                out += atom;
            }
            return out;
        };
        QStringList strings{QString()};
        const QString alphabet = QStringLiteral("abc 1");
        for (qsizetype begin = 0, length = 0; length < 5; ++length) {
            const qsizetype end = strings.size();
            for (qsizetype i = begin; i < end; ++i) {
                for (QChar c : alphabet)
                    strings << strings[i] + c;
            }
            begin = end;
        }
        int checked = 0;
        for (int round = 0; round < 300; ++round) {
            const QString pattern = regex(0);
            const std::optional<QStringList> literals = tb::requiredLiterals(pattern);
            if (!literals)
                continue;
            ++checked;
            const QRegularExpression re(pattern, QRegularExpression::CaseInsensitiveOption);
            QVERIFY2(re.isValid(), qPrintable(pattern));
            for (const QString &s : std::as_const(strings)) {
                if (!re.match(s).hasMatch())
                    continue;
                const bool found = std::any_of(literals->begin(), literals->end(),
                                               [&s](const QString &l) { return s.contains(l); });
                QVERIFY2(found,
                         qPrintable(pattern + QStringLiteral(" matches \"") + s +
                                    QStringLiteral("\" without any of ") + literals->join(QLatin1Char('|'))));
            }
        }
        QVERIFY2(checked > 100, qPrintable(QString::number(checked)));
    }

    // ... and on the knowledge base's own predicates, over the demo workspace's values.
    void knowledgeBaseLiteralsAreNecessary() {
        const auto events = allEvents();
        int checked = 0;
        auto check = [&](const Condition &condition) {
            for (const QList<FieldPredicate> *list : {&condition.match, &condition.filter}) {
                for (const FieldPredicate &predicate : *list) {
                    bool missing = false;
                    const FieldMatcher matcher(predicate, {}, &missing);
                    if (!matcher.requiredLiterals())
                        continue;
                    ++checked;
                    for (const auto &[id, event] : events) {
                        const QString &value = event.value(predicate.field);
                        if (!matcher.matches(value))
                            continue;
                        const QStringList &literals = *matcher.requiredLiterals();
                        QVERIFY2(std::any_of(literals.begin(), literals.end(),
                                             [&value](const QString &l) { return value.contains(l); }),
                                 qPrintable(predicate.key() + QStringLiteral(": ") + value));
                    }
                }
            }
        };
        for (const EvidencePredicate &p : KnowledgeBase::builtIn().evidence())
            check(p.condition);
        QVERIFY2(checked > 40, qPrintable(QString::number(checked)));
    }

    void literalScanner_data() {
        QTest::addColumn<QStringList>("literals"); // literal i marks group i
        QTest::addColumn<QString>("text");
        QTest::addColumn<QList<int>>("groups");
        QTest::addColumn<bool>("ascii");
        QTest::newRow("overlapping") << QStringList{"he", "she", "hers", "his"} << "ushers"
                                     << QList<int>{0, 1, 2} << true;
        QTest::newRow("case-insensitive")
            << QStringList{"powershell", "curl"} << "PowerShell.EXE -enc" << QList<int>{0} << true;
        QTest::newRow("none") << QStringList{"wget", "curl"} << "schtasks /create" << QList<int>{} << true;
        QTest::newRow("backslashes") << QStringList{"\\temp\\", "\\users\\public\\"}
                                     << "C:\\Users\\Public\\a.exe" << QList<int>{1} << true;
        QTest::newRow("literal at the end") << QStringList{"xyz"} << "abcxyz" << QList<int>{0} << true;
        QTest::newRow("not ASCII: no answer")
            << QStringList{"abc"} << QStringLiteral("abc\u00e9") << QList<int>{} << false;
    }
    void literalScanner() {
        QFETCH(QStringList, literals);
        QFETCH(QString, text);
        QFETCH(QList<int>, groups);
        QFETCH(bool, ascii);
        LiteralScanner scanner;
        for (int i = 0; i < literals.size(); ++i)
            scanner.add(literals[i], size_t(i));
        scanner.build();
        LiteralScanner::Groups found;
        const QByteArray utf8 = text.toUtf8();
        QCOMPARE(scanner.scan(std::string_view(utf8.constData(), size_t(utf8.size())), found), ascii);
        if (!ascii)
            return;
        LiteralScanner::Groups expected;
        for (int g : groups)
            expected.set(size_t(g));
        QCOMPARE(found, expected);
    }

    // The compact automaton finds what a plain case-insensitive search finds, on random literals
    // and texts over a small alphabet (overlapping literals, upper case, bytes no literal has).
    void literalScannerFindsWhatSearchFinds() {
        QRandomGenerator random(20261130);
        const QByteArray alphabet = "abAB\\.-x ";
        auto randomText = [&](int maxLength) {
            QByteArray text;
            for (int i = int(random.bounded(maxLength + 1)); i > 0; --i)
                text += alphabet[random.bounded(alphabet.size())];
            return text;
        };
        for (int round = 0; round < 500; ++round) {
            LiteralScanner scanner;
            QList<QByteArray> literals;
            for (int i = int(random.bounded(1, 12)); i > 0; --i) {
                const QByteArray literal = randomText(5).toLower();
                if (literal.isEmpty())
                    continue;
                scanner.add(QString::fromLatin1(literal), size_t(literals.size()));
                literals << literal;
            }
            scanner.build();
            for (int t = 0; t < 20; ++t) {
                const QByteArray text = randomText(30);
                LiteralScanner::Groups found, expected;
                QVERIFY(scanner.scan(std::string_view(text.constData(), size_t(text.size())), found));
                for (qsizetype i = 0; i < literals.size(); ++i)
                    expected.set(size_t(i), text.toLower().contains(literals[i]));
                QCOMPARE(found, expected);
            }
        }
    }

    // The SQL a condition compiles to selects exactly the events the C++ matcher accepts,
    // over random conditions built from the demo workspace's own values.
    void sqlAgreesWithMatcher() {
        const auto events = allEvents();
        QVERIFY(events.size() > 300);
        QRandomGenerator random(20261129);
        const EventField fields[] = {EventField::Host,       EventField::User,       EventField::ProcessName,
                                     EventField::ParentName, EventField::TaskName,   EventField::CommandLine,
                                     EventField::TaskAction, EventField::SourceIp,   EventField::RuleName,
                                     EventField::TaskRunAs,  EventField::TargetPath, EventField::TaskRemote};
        const char *modifiers[] = {"", "|contains", "|startswith", "|endswith", "|re", "|exists"};
        int nonTrivial = 0;
        for (int round = 0; round < 300; ++round) {
            QStringList expressions;
            const int predicates = 1 + int(random.bounded(3));
            for (int p = 0; p < predicates; ++p) {
                const EventField field = fields[random.bounded(int(std::size(fields)))];
                const QString sample = events[random.bounded(events.size())].second.value(field);
                const QString modifier = QLatin1String(modifiers[random.bounded(int(std::size(modifiers)))]);
                expressions << eventFieldColumn(field) + modifier + QLatin1Char('=') +
                                   valueFor(sample, modifier, random);
            }
            checkAgreement(expressions, events, nonTrivial);
            if (QTest::currentTestFailed())
                return;
        }
        QVERIFY2(nonTrivial > 50, qPrintable(QString::number(nonTrivial)));
    }

    // The same agreement for wildcards: globs made from real values (ASCII and not, with literal
    // '%', '_', '*', '?' and backslashes), under every modifier that takes a glob, in any case.
    void sqlAgreesWithMatcherOnWildcards() {
        const auto events = allEvents();
        QRandomGenerator random(1129);
        const EventField fields[] = {EventField::Host,        EventField::User,       EventField::TaskName,
                                     EventField::CommandLine, EventField::TaskAction, EventField::ParentImage,
                                     EventField::ProcessName, EventField::RuleName};
        const char *modifiers[] = {"",          "|wildcard",         "|contains", "|startswith",
                                   "|endswith", "|contains|wildcard"};
        int nonTrivial = 0, unicode = 0;
        for (int round = 0; round < 400; ++round) {
            QStringList expressions;
            const int predicates = 1 + int(random.bounded(2));
            for (int p = 0; p < predicates; ++p) {
                const EventField field = fields[random.bounded(int(std::size(fields)))];
                // The hostile events are the last ones: pick them often.
                const qsizetype index = random.bounded(3) == 0 ? events.size() - 1 - random.bounded(9)
                                                               : random.bounded(events.size());
                QString sample = events[index].second.value(field);
                const QString modifier = QLatin1String(modifiers[random.bounded(int(std::size(modifiers)))]);
                if (modifier.contains(QLatin1String("contains")) && sample.size() > 6)
                    sample =
                        sample.mid(random.bounded(sample.size() / 2), 3 + random.bounded(sample.size() / 2));
                QString value = globFrom(sample, random);
                if (value.isEmpty() || value == QLatin1String("\\"))
                    value = QStringLiteral("x*");
                if (needsUnicodeFold(value))
                    ++unicode;
                expressions << eventFieldColumn(field) + modifier + QLatin1Char('=') + value;
            }
            checkAgreement(expressions, events, nonTrivial);
            if (QTest::currentTestFailed())
                return;
        }
        QVERIFY2(nonTrivial > 100, qPrintable(QString::number(nonTrivial)));
        QVERIFY2(unicode > 20, qPrintable(QString::number(unicode)));
    }
};

QTEST_GUILESS_MAIN(TestCondition)
#include "tst_condition.moc"
