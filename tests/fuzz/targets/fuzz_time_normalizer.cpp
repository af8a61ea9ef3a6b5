// TimeNormalizer (every form it accepts, in assumed zones with DST and a half-hour offset) and
// HayabusaTimeParser on each line of the input and on each cell of a line split the way the CSV
// exports separate them (the first 256 texts: the seeds are whole exports).

#include "FuzzSupport.h"

#include "ingest/HayabusaDetails.h"
#include "ingest/TimeNormalizer.h"

#include <QRegularExpression>

namespace {
QList<tb::TimeNormalizer> g_normalizers;
}

extern "C" int LLVMFuzzerInitialize(int *, char ***) {
    for (const char *zone : {"UTC", "Europe/Berlin", "Asia/Kolkata"})
        g_normalizers << tb::TimeNormalizer(QTimeZone(zone));
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    static const QRegularExpression cells(QStringLiteral("[,;\\t\"]"));
    QStringList texts;
    for (const QString &line : tb::fuzz::lines(tb::fuzz::bytes(data, size))) {
        texts << line;
        const QStringList parts = line.split(cells, Qt::SkipEmptyParts);
        if (parts.size() > 1)
            texts << parts;
        if (texts.size() >= 256)
            break;
    }
    for (const tb::TimeNormalizer &times : g_normalizers) {
        tb::HayabusaTimeParser hayabusa(times);
        for (const QString &text : texts) {
            (void)times.normalize(text).utc.toUtf8();
            (void)hayabusa.normalize(text).utc.toUtf8();
        }
    }
    return 0;
}
