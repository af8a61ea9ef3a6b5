// TaskCommandParser on the input as one (multi-line) command line, then on each line alone, each
// applied to an event and finished the way readers finish one (FieldNormalizer).

#include "FuzzSupport.h"

#include "ingest/FieldNormalizer.h"
#include "ingest/NormalizedEvent.h"
#include "ingest/TaskCommandParser.h"

namespace {
void parse(const QString &commandLine) {
    tb::NormalizedEvent event;
    if (const auto command = tb::TaskCommandParser::parse(commandLine))
        tb::TaskCommandParser::apply(*command, event);
    event.set(tb::EventField::CommandLine, commandLine);
    tb::normalize::finish(event);
    tb::fuzz::consume(event, QStringLiteral("fuzz"));
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    const QByteArray input = tb::fuzz::bytes(data, size);
    parse(QString::fromUtf8(input));
    for (const QString &line : tb::fuzz::lines(input))
        parse(line);
    return 0;
}
