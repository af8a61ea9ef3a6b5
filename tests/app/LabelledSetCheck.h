#pragma once

// The checks every labelled evaluation set of tests/data gets through the real tunebench-cli: each
// export imports completely, every label names an imported event and every event has a label, and
// `evaluate` prints its figures with the settings the set's README gives. Used from Qt Test slots:
// the Q* macros return from these functions, and the test framework records the failure.

#include "CliRun.h"

#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QStringList>
#include <QTest>

namespace tb::testing {

class LabelledSetCheck final {
public:
    // `folder` under tests/data; `settings` as `explain --set` takes them; `db` a fresh workspace path.
    LabelledSetCheck(QString folder, QStringList settings, QString db)
        : m_folder(std::move(folder))
        , m_settings(std::move(settings))
        , m_db(std::move(db)) {}

    QString file(const QString &name) const {
        return QStringLiteral(TEST_DATA_DIR "/") + m_folder + QLatin1Char('/') + name;
    }
    QString labelsFile() const { return file(QStringLiteral("labels.csv")); }

    void readLabels(int files) {
        QFile labels(labelsFile());
        QVERIFY(labels.open(QIODevice::ReadOnly | QIODevice::Text));
        QCOMPARE(labels.readLine().trimmed(), QByteArray("source_file,record_no,verdict,notes,scenario"));
        while (!labels.atEnd()) {
            const QByteArray line = labels.readLine().trimmed();
            if (line.isEmpty())
                continue;
            ++m_labelsPerFile[QString::fromUtf8(line.left(line.indexOf(',')))];
            ++m_labels;
        }
        QCOMPARE(m_labelsPerFile.size(), files);
    }

    // `options`: extra import options, e.g. `--rule <name>` for an export that names no rule.
    void importsCompletely(const QString &name, const QString &format, const QStringList &options = {}) {
        const CliRun r =
            run(QStringList{QStringLiteral("import"), QStringLiteral("--db"), m_db, QStringLiteral("--json")}
                << options << file(name));
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonObject summary = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(summary.value(QStringLiteral("status")).toString(), QStringLiteral("completed"));
        QCOMPARE(summary.value(QStringLiteral("format")).toString(), format);
        QCOMPARE(summary.value(QStringLiteral("duplicates")).toInt(), 0);
        QVERIFY2(summary.value(QStringLiteral("errors")).toArray().isEmpty(), qPrintable(r.out));
        // one label per record: the generators write both from the same list
        QCOMPARE(summary.value(QStringLiteral("records")).toInt(), m_labelsPerFile.value(name));
        QCOMPARE(summary.value(QStringLiteral("added")).toInt(), m_labelsPerFile.value(name));
    }

    void everyEventHasALabel() {
        const CliRun r =
            run({QStringLiteral("events"), QStringLiteral("--db"), m_db, QStringLiteral("--json"),
                 QStringLiteral("--limit"), QString::number(m_labels + 100)});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QHash<QString, int> events;
        QSet<QString> keys;
        for (const QString &line : r.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
            const QJsonObject event = QJsonDocument::fromJson(line.toUtf8()).object();
            const QString source = event.value(QStringLiteral("source_file")).toString();
            ++events[source];
            keys.insert(source + QLatin1Char(':') +
                        QString::number(event.value(QStringLiteral("record_no")).toInt()));
        }
        QCOMPARE(events, m_labelsPerFile);
        QCOMPARE(keys.size(), m_labels);
    }

    // Explains with the README's settings, prints the text report under `title`, checks both reports'
    // shape and returns the engine's figures (the JSON report's "engine" object) in `engine`.
    // A tuning set's figures may not fall below what the engine reached on it (a regression guard;
    // a blind set's figures are only printed).
    static void holdsItsFigures(const QJsonObject &engine, double benign, double malicious, double auc) {
        QVERIFY2(engine.value(QStringLiteral("benign_likely_fp")).toDouble() >= benign,
                 qPrintable(QStringLiteral("benign >= 50 under %1").arg(benign)));
        QVERIFY2(engine.value(QStringLiteral("malicious_likely_fp")).toDouble() <= malicious,
                 qPrintable(QStringLiteral("malicious >= 50 over %1").arg(malicious)));
        QVERIFY2(engine.value(QStringLiteral("roc_auc")).toDouble() >= auc,
                 qPrintable(QStringLiteral("AUC under %1").arg(auc)));
    }

    // evaluate(), then holdsItsFigures() on what it returned: a tuning set's regression guard.
    void evaluateAndHold(const QString &title, double benign, double malicious, double auc) {
        QJsonObject engine;
        evaluate(title, &engine);
        if (!QTest::currentTestFailed())
            holdsItsFigures(engine, benign, malicious, auc);
    }

    void evaluate(const QString &title, QJsonObject *engine) {
        QStringList explain{QStringLiteral("explain"), QStringLiteral("--db"), m_db};
        for (const QString &setting : m_settings)
            explain << QStringLiteral("--set") << setting;
        explain << QStringLiteral("--limit") << QStringLiteral("1");
        const CliRun explained = run(explain);
        QVERIFY2(explained.exitCode == 0, qPrintable(explained.err));

        const CliRun text = run({QStringLiteral("evaluate"), QStringLiteral("--db"), m_db,
                                 QStringLiteral("--labels"), labelsFile()});
        QVERIFY2(text.exitCode == 0, qPrintable(text.err));
        qInfo().noquote() << title << ":\n" << text.out;
        QVERIFY2(text.out.startsWith(QString::number(m_labels) + QLatin1String(" labelled events")),
                 qPrintable(text.out));
        QVERIFY2(text.out.contains(QLatin1String("; 0 labels matched no event")), qPrintable(text.out));
        for (const char *figure :
             {"top-1 note (benign)", "top-3 notes (benign)", "benign with likelihood >= 50",
              "malicious with likelihood >= 50", "ROC AUC of the likelihood", "theme confusion"})
            QVERIFY2(text.out.contains(QLatin1String(figure)), figure);

        const CliRun json = run({QStringLiteral("evaluate"), QStringLiteral("--db"), m_db,
                                 QStringLiteral("--labels"), labelsFile(), QStringLiteral("--json")});
        QVERIFY2(json.exitCode == 0, qPrintable(json.err));
        const QJsonObject report = QJsonDocument::fromJson(json.out.toUtf8()).object();
        QCOMPARE(report.value(QStringLiteral("unmatched_labels")).toInt(-1), 0);
        for (const char *side : {"engine", "baseline_rule_only"}) {
            const QJsonObject figures = report.value(QLatin1String(side)).toObject();
            QCOMPARE(figures.value(QStringLiteral("labelled")).toInt(), m_labels);
            QVERIFY(figures.value(QStringLiteral("benign")).toInt() > 0);
            QVERIFY(figures.value(QStringLiteral("malicious")).toInt() > 0);
            for (const char *share : {"top1", "top3", "benign_likely_fp", "malicious_likely_fp", "roc_auc"}) {
                const double value = figures.value(QLatin1String(share)).toDouble(-1);
                QVERIFY2(value >= 0 && value <= 1, share);
            }
        }
        *engine = report.value(QStringLiteral("engine")).toObject();
    }

private:
    static CliRun run(const QStringList &arguments) { return runCli(arguments, 300000); }

    QString m_folder;
    QStringList m_settings;
    QString m_db;
    QHash<QString, int> m_labelsPerFile;
    int m_labels = 0;
};

} // namespace tb::testing
