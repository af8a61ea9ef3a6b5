// CsvRowReader (libcsv) with each delimiter the readers use, and with a small field limit so that
// the "cell too large" path runs too.

#include "FuzzSupport.h"

#include "ingest/CsvRowReader.h"

#include <QBuffer>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    QByteArray input = tb::fuzz::bytes(data, size);
    for (const char delimiter : {',', ';', '\t'}) {
        for (const qsizetype maxField : {qsizetype(16 * 1024 * 1024), qsizetype(64)}) {
            QBuffer buffer(&input);
            buffer.open(QIODevice::ReadOnly);
            tb::CsvRowReader reader(&buffer, delimiter);
            reader.setMaxFieldBytes(maxField);
            QStringList row;
            while (reader.next(row)) {
                volatile qsizetype seen = row.join(QLatin1Char('|')).size() + reader.rowProblem().size() +
                                          qsizetype(reader.rowIndex() + reader.lineNumber());
                (void)seen;
            }
            (void)reader.errorString().toUtf8();
        }
    }
    return 0;
}
