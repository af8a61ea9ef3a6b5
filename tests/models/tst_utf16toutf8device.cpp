#include "ingest/Utf16ToUtf8Device.h"

#include <QBuffer>
#include <QTest>

using namespace tb;

// UTF-16 exports (Event Viewer, PowerShell redirection) read as UTF-8, streaming.
class TestUtf16ToUtf8Device : public QObject {
    Q_OBJECT

    using Order = Utf16ToUtf8Device::ByteOrder;

    static QByteArray encode(const QString &text, Order order) {
        QByteArray bytes = order == Order::LittleEndian ? QByteArray("\xFF\xFE") : QByteArray("\xFE\xFF");
        for (const QChar c : text) {
            const char high = char(c.unicode() >> 8), low = char(c.unicode() & 0xFF);
            bytes.append(order == Order::LittleEndian ? low : high)
                .append(order == Order::LittleEndian ? high : low);
        }
        return bytes;
    }

    // Reads the device to its end in pieces of `piece` bytes; false when a read fails.
    static bool readAll(QIODevice &device, qint64 piece, QByteArray &out) {
        QByteArray buffer(piece, Qt::Uninitialized);
        for (;;) {
            const qint64 got = device.read(buffer.data(), piece);
            if (got < 0)
                return false;
            if (got == 0)
                return true;
            out += buffer.left(got);
        }
    }

private slots:
    void sniffs_data() {
        QTest::addColumn<QByteArray>("head");
        QTest::addColumn<int>("order"); // -1: not UTF-16
        QTest::newRow("UTF-16LE BOM") << QByteArray("\xFF\xFE<\0", 4) << int(Order::LittleEndian);
        QTest::newRow("UTF-16BE BOM") << QByteArray("\xFE\xFF\0<", 4) << int(Order::BigEndian);
        QTest::newRow("UTF-32LE BOM is not UTF-16") << QByteArray("\xFF\xFE\0\0", 4) << -1;
        QTest::newRow("UTF-8 BOM") << QByteArray("\xEF\xBB\xBF<Events>") << -1;
        QTest::newRow("plain") << QByteArray("<Events>") << -1;
        QTest::newRow("one byte") << QByteArray("\xFF") << -1;
    }
    void sniffs() {
        QFETCH(QByteArray, head);
        QFETCH(int, order);
        const auto sniffed = Utf16ToUtf8Device::sniff(head);
        QCOMPARE(sniffed ? int(*sniffed) : -1, order);
    }

    void decodes_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("order");
        QTest::addColumn<qint64>("piece");
        const QString events = QStringLiteral("<Events>\r\n<Event><Data Name='TaskName'>\\Jürgen\\Sicherung "
                                              "\U0001F642 ✓</Data></Event>\r\n</Events>\r\n");
        QTest::newRow("little endian") << events << int(Order::LittleEndian) << qint64(4096);
        QTest::newRow("big endian") << events << int(Order::BigEndian) << qint64(4096);
        QTest::newRow("one byte at a time") << events << int(Order::LittleEndian) << qint64(1);
        // The device decodes 128 KiB of UTF-16 at a time: a surrogate pair across that boundary.
        QString across =
            QString(65535, QLatin1Char('a')) + QStringLiteral("\U0001F642") + QStringLiteral("z");
        QTest::newRow("surrogate pair across the chunk boundary")
            << across << int(Order::LittleEndian) << qint64(100000);
        QTest::newRow("empty after the BOM") << QString() << int(Order::LittleEndian) << qint64(16);
    }
    void decodes() {
        QFETCH(QString, text);
        QFETCH(int, order);
        QFETCH(qint64, piece);
        QByteArray bytes = encode(text, Order(order));
        QBuffer source(&bytes);
        source.open(QIODevice::ReadOnly);
        Utf16ToUtf8Device device(&source, Order(order));
        QByteArray utf8;
        QVERIFY2(readAll(device, piece, utf8), qPrintable(device.errorString()));
        QCOMPARE(utf8, text.toUtf8());
        QCOMPARE(Utf16ToUtf8Device::decodeHead(bytes), text.toUtf8());
    }

    void refusesWhatIsNotUtf16_data() {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("error");
        QTest::newRow("odd byte at the end")
            << QByteArray("\xFF\xFE<\0E\0v", 7) << "the UTF-16 text ends in the middle of a character";
        QTest::newRow("unpaired low surrogate")
            << QByteArray("\xFF\xFE<\0\x42\xDE>\0", 8)
            << "the file is not valid UTF-16 (an unpaired surrogate) in bytes 0-7";
        QTest::newRow("high surrogate, then no low one")
            << QByteArray("\xFF\xFE<\0\x3D\xD8>\0", 8)
            << "the file is not valid UTF-16 (an unpaired surrogate) in bytes 0-7";
        QTest::newRow("high surrogate at the end")
            << QByteArray("\xFF\xFE<\0\x3D\xD8", 6) << "the UTF-16 text ends in the middle of a character";
    }
    void refusesWhatIsNotUtf16() {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, error);
        QBuffer source(&bytes);
        source.open(QIODevice::ReadOnly);
        Utf16ToUtf8Device device(&source, Order::LittleEndian);
        QByteArray utf8;
        QVERIFY(!readAll(device, 4096, utf8));
        QCOMPARE(device.errorString(), error);
    }
};

QTEST_GUILESS_MAIN(TestUtf16ToUtf8Device)
#include "tst_utf16toutf8device.moc"
