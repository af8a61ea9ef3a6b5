// JsonRecordSplitter (every framing) and JsonFlattener (simdjson) on each unit it hands out, as
// every JSON reader uses them; arrays are parsed again the way readers open them.

#include "FuzzSupport.h"

#include "ingest/JsonFlattener.h"
#include "ingest/JsonRecordSplitter.h"

#include <QBuffer>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    QByteArray input = tb::fuzz::bytes(data, size);
    for (const int maxDepth : {512, 4}) {
        QBuffer buffer(&input);
        buffer.open(QIODevice::ReadOnly);
        tb::JsonRecordSplitter splitter(&buffer);
        splitter.setMaxDepth(maxDepth);
        tb::JsonFlattener flattener;
        tb::FlatJson flat;
        QByteArray unit;
        while (splitter.next(unit)) {
            QString error;
            flat.clear();
            if (!flattener.flatten(unit, flat, &error)) {
                (void)error.toUtf8();
                continue;
            }
            (void)flat.toJsonObject().toUtf8();
            for (const auto &[key, value] : flat.items()) {
                if (value.startsWith(QLatin1Char('[')))
                    (void)tb::JsonFlattener::stringList(value);
            }
            (void)splitter.unitIndex();
            (void)splitter.unitLine();
        }
        (void)splitter.errorString().toUtf8();
        (void)splitter.sawTopLevelArray();
    }
    return 0;
}
