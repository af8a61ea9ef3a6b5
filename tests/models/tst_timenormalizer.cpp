#include "ingest/TimeNormalizer.h"

#include <QTest>

using namespace tb;

class TestTimeNormalizer : public QObject {
    Q_OBJECT
private slots:
    void normalize_data() {
        QTest::addColumn<QString>("zone");
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("utc");
        QTest::addColumn<QString>("confidence");
        const QString utc = QStringLiteral("UTC");
        const QString berlin = QStringLiteral("Europe/Berlin");
        QTest::newRow("splunk _time with offset") << utc << "2025-03-04T10:41:17.402+01:00"
                                                  << "2025-03-04T09:41:17.402000Z"
                                                  << "exact";
        QTest::newRow("Z and microseconds") << utc << "2025-03-04T09:41:17.123456Z"
                                            << "2025-03-04T09:41:17.123456Z"
                                            << "exact";
        QTest::newRow("seven digits (Hayabusa -O)") << utc << "2022-02-22T10:10:10.1234567Z"
                                                    << "2022-02-22T10:10:10.123456Z"
                                                    << "exact";
        QTest::newRow("hayabusa local +09:00") << utc << "2025-03-04 18:41:17.402 +09:00"
                                               << "2025-03-04T09:41:17.402000Z"
                                               << "exact";
        QTest::newRow("offset without colon") << utc << "2025-03-04T04:41:17-0500"
                                              << "2025-03-04T09:41:17.000000Z"
                                              << "exact";
        QTest::newRow("GMT suffix") << utc << "2026-10-08 13:48:34.000 GMT"
                                    << "2026-10-08T13:48:34.000000Z"
                                    << "exact";
        QTest::newRow("ESCU firstTime, UTC assumed") << utc << "2025-03-04T10:41:17"
                                                     << "2025-03-04T10:41:17.000000Z"
                                                     << "assumed_tz";
        QTest::newRow("ESCU firstTime, Berlin assumed") << berlin << "2025-03-04T10:41:17"
                                                        << "2025-03-04T09:41:17.000000Z"
                                                        << "assumed_tz";
        QTest::newRow("Berlin summer time") << berlin << "2025-07-04 10:41:17"
                                            << "2025-07-04T08:41:17.000000Z"
                                            << "assumed_tz";
        QTest::newRow("offset beats assumed zone") << berlin << "2025-03-04T10:41:17Z"
                                                   << "2025-03-04T10:41:17.000000Z"
                                                   << "exact";
        QTest::newRow("epoch seconds") << utc << "1741081277"
                                       << "2025-03-04T09:41:17.000000Z"
                                       << "epoch";
        QTest::newRow("epoch with fraction") << utc << "1741081277.402"
                                             << "2025-03-04T09:41:17.402000Z"
                                             << "epoch";
        QTest::newRow("epoch milliseconds") << utc << "1741081277402"
                                            << "2025-03-04T09:41:17.402000Z"
                                            << "epoch";
        QTest::newRow("kibana") << berlin << "Mar 4, 2025 @ 10:46:21.733"
                                << "2025-03-04T09:46:21.733000Z"
                                << "assumed_tz";
        QTest::newRow("log analytics") << utc << "3/4/2025, 9:41:17.402 AM"
                                       << "2025-03-04T09:41:17.402000Z"
                                       << "assumed_tz";
        QTest::newRow("log analytics PM") << utc << "3/4/2025, 1:05:00.000 PM"
                                          << "2025-03-04T13:05:00.000000Z"
                                          << "assumed_tz";
        QTest::newRow("old ESCU US form") << utc << "03/04/2025 09:41:17"
                                          << "2025-03-04T09:41:17.000000Z"
                                          << "assumed_tz";
        QTest::newRow("date crossing") << utc << "2025-03-04T00:30:00+02:00"
                                       << "2025-03-03T22:30:00.000000Z"
                                       << "exact";
        QTest::newRow("empty") << utc << ""
                               << ""
                               << "";
        QTest::newRow("garbage") << utc << "yesterday"
                                 << ""
                                 << "";
        QTest::newRow("invalid month") << utc << "2025-13-04T10:00:00Z"
                                       << ""
                                       << "";
        QTest::newRow("trailing junk") << utc << "2025-03-04T10:00:00Zjunk"
                                       << ""
                                       << "";
        QTest::newRow("short number") << utc << "12345"
                                      << ""
                                      << "";
    }
    void normalize() {
        QFETCH(QString, zone);
        QFETCH(QString, input);
        QFETCH(QString, utc);
        QFETCH(QString, confidence);
        const TimeNormalizer normalizer{QTimeZone(zone.toUtf8())};
        const NormalizedTime result = normalizer.normalize(input);
        QCOMPARE(result.utc, utc);
        QCOMPARE(result.confidence, confidence);
    }
};

QTEST_GUILESS_MAIN(TestTimeNormalizer)
#include "tst_timenormalizer.moc"
