#include "ingest/CsvRowReader.h"

#include <QBuffer>
#include <QTest>

using namespace tb;

using Rows = QList<QStringList>;

class TestCsvRowReader : public QObject {
    Q_OBJECT

    static Rows readAll(const QByteArray &data, char delimiter, QString *error = nullptr) {
        QBuffer buffer;
        buffer.setData(data);
        buffer.open(QIODevice::ReadOnly);
        CsvRowReader reader(&buffer, delimiter);
        Rows rows;
        QStringList row;
        while (reader.next(row))
            rows << row;
        if (error)
            *error = reader.errorString();
        return rows;
    }

private slots:
    void rows_data() {
        QTest::addColumn<QByteArray>("data");
        QTest::addColumn<char>("delimiter");
        QTest::addColumn<Rows>("rows");
        QTest::newRow("simple LF") << QByteArray("a,b\n1,2\n") << ',' << Rows{{"a", "b"}, {"1", "2"}};
        QTest::newRow("CRLF") << QByteArray("a,b\r\n1,2\r\n") << ',' << Rows{{"a", "b"}, {"1", "2"}};
        QTest::newRow("no final newline") << QByteArray("a,b\n1,2") << ',' << Rows{{"a", "b"}, {"1", "2"}};
        QTest::newRow("quoted comma and quotes")
            << QByteArray("a\n\"x, \"\"y\"\"\"\n") << ',' << Rows{{"a"}, {"x, \"y\""}};
        QTest::newRow("multi-line cell (Splunk multivalue)")
            << QByteArray("p,q\n\"line1\nline2\",z\n") << ',' << Rows{{"p", "q"}, {"line1\nline2", "z"}};
        QTest::newRow("CRLF inside a quoted cell kept")
            << QByteArray("p\n\"a\r\nb\"\n") << ',' << Rows{{"p"}, {"a\r\nb"}};
        QTest::newRow("spaces kept") << QByteArray("a,b\n  x , y  \n") << ','
                                     << Rows{{"a", "b"}, {"  x ", " y  "}};
        QTest::newRow("empty cells") << QByteArray("a,b,c\n,,\n") << ','
                                     << Rows{{"a", "b", "c"}, {"", "", ""}};
        QTest::newRow("semicolon (Zircolite)")
            << QByteArray("a;b\n1;\"2;3\"\n") << ';' << Rows{{"a", "b"}, {"1", "2;3"}};
        QTest::newRow("utf-8") << QByteArray("h\n\"täsk ✓\"\n") << ',' << Rows{{"h"}, {"täsk ✓"}};
    }
    void rows() {
        QFETCH(QByteArray, data);
        QFETCH(char, delimiter);
        QFETCH(Rows, rows);
        QString error;
        QCOMPARE(readAll(data, delimiter, &error), rows);
        QCOMPARE(error, QString());
    }

    void unclosedQuoteIsAnError() {
        QString error;
        const Rows rows = readAll("a,b\n1,2\n3,\"never closed\n4,5\n", ',', &error);
        QCOMPARE(rows.size(), 2);
        QVERIFY2(error.contains(QLatin1String("line 3")), qPrintable(error));
        QVERIFY(error.contains(QLatin1String("not closed")));
    }

    void strayQuoteIsAnError() {
        QString error;
        const Rows rows = readAll("a,b\n1,x\"y\n", ',', &error);
        QCOMPARE(rows.size(), 1);
        QVERIFY2(error.startsWith(QLatin1String("line 2: a quote inside an unquoted field")),
                 qPrintable(error));
    }

    void lineNumbersFollowMultiLineCells() {
        QBuffer buffer;
        buffer.setData("h\n\"a\nb\nc\"\nnext\n");
        buffer.open(QIODevice::ReadOnly);
        CsvRowReader reader(&buffer);
        QStringList row;
        QVERIFY(reader.next(row));
        QCOMPARE(reader.lineNumber(), 1);
        QVERIFY(reader.next(row));
        QCOMPARE(reader.lineNumber(), 2);
        QVERIFY(reader.next(row));
        QCOMPARE(row, QStringList{"next"});
        QCOMPARE(reader.lineNumber(), 5);
    }

    void oversizedFieldIsRefused() {
        QByteArray data = "h\n\"";
        data += QByteArray(2 * 1024 * 1024, 'x');
        data += "\"\n";
        QBuffer buffer;
        buffer.setData(data);
        buffer.open(QIODevice::ReadOnly);
        CsvRowReader reader(&buffer);
        reader.setMaxFieldBytes(1024 * 1024);
        QStringList row;
        QVERIFY(reader.next(row));
        QVERIFY(!reader.next(row));
        QVERIFY2(reader.errorString().contains(QLatin1String("larger than 1 MiB")),
                 qPrintable(reader.errorString()));
    }

    void manyRowsAcrossChunks() {
        QByteArray data = "n,text\n";
        for (int i = 0; i < 20000; ++i)
            data += QByteArray::number(i) + ",\"row " + QByteArray::number(i) + "\nsecond line\"\n";
        QString error;
        const Rows rows = readAll(data, ',', &error);
        QCOMPARE(error, QString());
        QCOMPARE(rows.size(), 20001);
        QCOMPARE(rows.last(), (QStringList{"19999", "row 19999\nsecond line"}));
    }
};

QTEST_GUILESS_MAIN(TestCsvRowReader)
#include "tst_csvrowreader.moc"
