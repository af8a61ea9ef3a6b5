#include "ExporterRegistry.h"

#include "CsvReportExporter.h"
#include "ElasticExceptionExporter.h"
#include "JsonReportExporter.h"
#include "KqlExporter.h"
#include "MarkdownReportExporter.h"
#include "SigmaFilterExporter.h"
#include "SplunkMacrosExporter.h"
#include "SplunkSearchExporter.h"

namespace tb {

QStringList ExporterRegistry::ids() {
    return {QStringLiteral("splunk"),  QStringLiteral("splunk-search"), QStringLiteral("sigma"),
            QStringLiteral("elastic"), QStringLiteral("kql"),           QStringLiteral("csv"),
            QStringLiteral("json"),    QStringLiteral("markdown")};
}

std::unique_ptr<Exporter> ExporterRegistry::create(const QString &id) {
    if (id == QLatin1String("splunk"))
        return std::make_unique<SplunkMacrosExporter>();
    if (id == QLatin1String("splunk-search"))
        return std::make_unique<SplunkSearchExporter>();
    if (id == QLatin1String("sigma"))
        return std::make_unique<SigmaFilterExporter>();
    if (id == QLatin1String("elastic"))
        return std::make_unique<ElasticExceptionExporter>();
    if (id == QLatin1String("kql"))
        return std::make_unique<KqlExporter>();
    if (id == QLatin1String("csv"))
        return std::make_unique<CsvReportExporter>();
    if (id == QLatin1String("json"))
        return std::make_unique<JsonReportExporter>();
    if (id == QLatin1String("markdown"))
        return std::make_unique<MarkdownReportExporter>();
    return nullptr;
}

} // namespace tb
