// TaskContentParser: the input as Task Scheduler XML text, and, when the input is Windows event XML,
// each TaskContent / TaskContentNew value in it (unescaped once by the XML parser, as the readers
// hand it over), so that the 4698-4702 samples seed the parser with real definitions.

#include "FuzzSupport.h"

#include "ingest/NormalizedEvent.h"
#include "ingest/TaskContentParser.h"

#include <pugixml.hpp>

#include <cstring>

namespace {

void parse(const QString &xml) {
    tb::NormalizedEvent event;
    QString error;
    if (const auto task = tb::TaskContentParser::parse(xml, &error)) {
        tb::TaskContentParser::apply(*task, event);
        (void)task->firstAction().toUtf8();
    }
    (void)error.toUtf8();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    parse(QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size)));

    pugi::xml_document doc;
    if (!doc.load_buffer(data, size, pugi::parse_default, pugi::encoding_utf8))
        return 0;
    for (const pugi::xpath_node &node : doc.select_nodes("//*[local-name()='Data']")) {
        const char *name = node.node().attribute("Name").value();
        if (std::strncmp(name, "TaskContent", 11) == 0)
            parse(QString::fromUtf8(node.node().child_value()));
    }
    return 0;
}
