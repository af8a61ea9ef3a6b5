// WindowsEventXml: one rendered event (or an <Events> root whose first event is taken) mapped onto
// the normalized fields, including its TaskContent.

#include "FuzzSupport.h"

#include "ingest/NormalizedEvent.h"
#include "ingest/WindowsEventXml.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    tb::NormalizedEvent event;
    QString error;
    const tb::TimeNormalizer times;
    if (tb::WindowsEventXml::apply(QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size)),
                                   event, times, &error))
        tb::fuzz::consume(event, QStringLiteral("windows.event.xml"));
    (void)error.toUtf8();
    return 0;
}
