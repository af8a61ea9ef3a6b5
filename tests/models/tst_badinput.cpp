#include "ingest/Importer.h"
#include "store/Workspace.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace tb;

// Every bad file gets its exact message, and the workspace stays as it was: an import is
// all-or-nothing per file, whatever the input.
class TestBadInput : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    Workspace m_workspace;

    static QString bad(const char *name) {
        return QStringLiteral(TEST_DATA_DIR "/bad/") + QLatin1String(name);
    }

    QString fingerprint() {
        return m_workspace.database().queryText(QStringLiteral(
            "SELECT (SELECT count(*) FROM events) || '/' || (SELECT ifnull(max(id), 0) FROM events) || "
            "'/' || (SELECT count(*) FROM imports WHERE status = 'completed')"));
    }

    // Files too big or too deep to keep in the repository, made on the fly.
    QString generated(const QString &name) {
        const QString path = m_dir.filePath(name);
        QFile file(path);
        file.open(QIODevice::WriteOnly);
        if (name == QLatin1String("huge_field.csv")) {
            file.write("_time,host,process\n2025-03-04T10:00:00Z,wks-1,\"");
            const QByteArray block(1024 * 1024, 'A');
            for (int i = 0; i < 50; ++i)
                file.write(block);
            file.write("\"\n");
        } else if (name == QLatin1String("deep.json")) {
            file.write("{\"ts\": 1741081277, \"host\": \"a\", \"x\": ");
            file.write(QByteArray(10000, '['));
            file.write(QByteArray(10000, ']'));
            file.write("}\n");
        }
        return path;
    }

private slots:
    void initTestCase() {
        QVERIFY(m_workspace.open(m_dir.filePath(QStringLiteral("w.tunebench"))));
        // Something already in the workspace, which a bad import must not disturb.
        QVERIFY(Importer(m_workspace.database())
                    .importFile(QStringLiteral(TEST_DATA_DIR
                                               "/formats/splunk/"
                                               "escu_scheduled_task_deleted_or_created_via_cmd.csv"),
                                {})
                    .ok());
    }

    void refusedWithExactMessage_data() {
        QTest::addColumn<QString>("file");
        QTest::addColumn<bool>("useMapping");
        QTest::addColumn<QString>("expected");
        QTest::newRow("truncated CSV")
            << bad("truncated.csv") << false
            << "truncated.csv:record 5: line 7: a quoted field is not closed before the "
               "end of the file";
        QTest::newRow("PNG renamed .csv")
            << bad("png_renamed.csv") << false
            << "png_renamed.csv: not a format Tunebench recognises (a PNG image, starting with bytes "
               "89 50 4e 47 0d 0a 1a 0a); known formats:";
        QTest::newRow("invalid UTF-8") << bad("invalid_utf8.csv") << false
                                       << "invalid_utf8.csv:record 5 (line 7): cell 2 is not valid UTF-8";
        QTest::newRow("NUL byte") << bad("nul_bytes.csv") << false
                                  << "nul_bytes.csv:record 5 (line 7): cell 3 holds a NUL byte";
        QTest::newRow("unbalanced quotes")
            << bad("unbalanced_quotes.csv") << false
            << "unbalanced_quotes.csv:record 5: line 7: a quote inside an unquoted "
               "field, or text after a closing quote (the CSV is malformed)";
        QTest::newRow("ragged row")
            << bad("ragged_rows.csv") << false
            << "ragged_rows.csv:record 5 (line 7): the row has 4 cells but the header has 3";
        QTest::newRow("50 MB field") << generated(QStringLiteral("huge_field.csv")) << false
                                     << "huge_field.csv:record 0: line 2: a field is larger than 16 MiB";
        QTest::newRow("JSON 10,000 deep") << generated(QStringLiteral("deep.json")) << true
                                          << "deep.json: line 1: JSON nested deeper than 512 levels";
        QTest::newRow("truncated NDJSON")
            << bad("truncated.ndjson") << true
            << "truncated.ndjson: line 2: the file ends inside a JSON value (truncated?)";
        QTest::newRow("invalid JSON record")
            << bad("not_json.ndjson") << true << "not_json.ndjson:record 1 (line 2): not a valid JSON object";
    }
    void refusedWithExactMessage() {
        QFETCH(QString, file);
        QFETCH(bool, useMapping);
        QFETCH(QString, expected);
        const QString before = fingerprint();
        ImportOptions options;
        options.maxErrors = 0; // so that one bad record fails the batch
        if (useMapping)
            options.mappingPath = bad("generic.mapping.json");
        const ImportSummary summary = Importer(m_workspace.database()).importFile(file, options);
        QVERIFY(!summary.ok());
        QVERIFY2(summary.error.contains(expected), qPrintable(summary.error));
        QCOMPARE(fingerprint(), before);
    }

    void badRecordsWithinTheLimitAreReportedAndSkipped() {
        const QString before = fingerprint();
        const ImportSummary summary =
            Importer(m_workspace.database()).importFile(bad("invalid_utf8.csv"), {});
        QVERIFY2(summary.ok(), qPrintable(summary.error));
        QCOMPARE(summary.eventsAdded, 5);
        QCOMPARE(summary.issues.size(), 1);
        QCOMPARE(summary.issues[0].toString(),
                 QStringLiteral("invalid_utf8.csv:record 5 (line 7): cell 2 is not valid UTF-8"));
        QVERIFY(fingerprint() != before);
    }
};

QTEST_GUILESS_MAIN(TestBadInput)
#include "tst_badinput.moc"
