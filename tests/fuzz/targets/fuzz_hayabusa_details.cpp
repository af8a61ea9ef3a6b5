// HayabusaDetails: the Details / ExtraFieldInfo text split into pairs, resolved against the previous
// record's values, written to raw_fields and applied to events of each kind whose keys it reads.

#include "FuzzSupport.h"

#include "ingest/HayabusaDetails.h"
#include "ingest/JsonFlattener.h"
#include "ingest/NormalizedEvent.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    QHash<QString, QString> previous;
    for (const QString &text :
         tb::fuzz::lines(tb::fuzz::bytes(data, size)) +
             QStringList{QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size))}) {
        tb::HayabusaDetails details = tb::HayabusaDetails::parse(text);
        details.resolveDuplicates(previous);
        tb::FlatJson flat;
        details.addTo(flat, QStringLiteral("Details"));
        (void)flat.toJsonObject().toUtf8();
        (void)details.taskContent().toUtf8();
        (void)tb::hayabusaChannelName(text).toUtf8();
        for (const auto &[source, code] : {std::pair{"Security", "4698"},
                                           {"Security", "4688"},
                                           {"Microsoft-Windows-Sysmon/Operational", "1"},
                                           {"Microsoft-Windows-Sysmon/Operational", "11"},
                                           {"Microsoft-Windows-TaskScheduler/Operational", "106"}}) {
            tb::NormalizedEvent event;
            event.set(tb::EventField::EventSource, QLatin1String(source));
            event.set(tb::EventField::EventCode, QLatin1String(code));
            details.apply(event);
            tb::fuzz::consume(event, QStringLiteral("hayabusa.csv"));
        }
    }
    return 0;
}
