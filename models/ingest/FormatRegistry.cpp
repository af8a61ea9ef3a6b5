#include "FormatRegistry.h"

#include "AksResourceLogReader.h"
#include "AuditdReader.h"
#include "ChainsawCsvReader.h"
#include "ChainsawJsonReader.h"
#include "DefenderHuntingCsvReader.h"
#include "ElasticAlertReader.h"
#include "EvtxFileReader.h"
#include "HayabusaCsvReader.h"
#include "HayabusaJsonReader.h"
#include "JsonRecordSplitter.h"
#include "K8sAuditReader.h"
#include "KibanaDiscoverCsvReader.h"
#include "LinuxSysmonSyslogReader.h"
#include "MdeAdvancedHuntingReader.h"
#include "MdeAlertsReader.h"
#include "SentinelAlertCsvReader.h"
#include "SplunkCsvReader.h"
#include "SplunkJsonReader.h"
#include "SplunkResultsXmlReader.h"
#include "Utf16ToUtf8Device.h"
#include "WindowsEventXmlReader.h"
#include "ZircoliteCsvReader.h"
#include "ZircoliteJsonReader.h"

#include <QBuffer>

namespace tb {

FileHead FileHead::fromBytes(const QByteArray &head) {
    FileHead result;
    result.utf16 = Utf16ToUtf8Device::sniff(head).has_value();
    result.bytes = Utf16ToUtf8Device::decodeHead(head);
    if (result.bytes.startsWith("\xEF\xBB\xBF")) {
        result.bytes.remove(0, 3);
        result.hadUtf8Bom = true;
    }
    for (const QByteArray &line : result.bytes.left(4096).split('\n')) {
        if (!line.trimmed().isEmpty()) {
            result.firstNonBlank = QString::fromUtf8(line.trimmed());
            break;
        }
    }
    if (result.firstNonBlank.startsWith(QLatin1Char('{')) ||
        result.firstNonBlank.startsWith(QLatin1Char('['))) {
        QBuffer buffer(&result.bytes);
        buffer.open(QIODevice::ReadOnly);
        JsonRecordSplitter splitter(&buffer);
        QByteArray unit;
        if (splitter.next(unit)) {
            JsonFlattener().flatten(unit, result.firstJson, nullptr);
            result.jsonTopLevelArray = splitter.sawTopLevelArray();
        }
    }

    qsizetype end = result.bytes.indexOf('\n');
    if (end < 0)
        end = result.bytes.size();
    QByteArray line = result.bytes.left(end);
    if (line.endsWith('\r'))
        line.chop(1);
    result.firstLine = QString::fromUtf8(line);

    // The delimiter is whichever of , ; TAB splits the first line into the most cells.
    int best = 0;
    for (const char candidate : {',', ';', '\t'}) {
        const int count = int(line.count(candidate));
        if (count > best) {
            best = count;
            result.delimiter = candidate;
        }
    }
    for (QString cell : result.firstLine.split(QLatin1Char(result.delimiter))) {
        if (cell.size() >= 2 && cell.startsWith(QLatin1Char('"')) && cell.endsWith(QLatin1Char('"')))
            cell = cell.mid(1, cell.size() - 2).replace(QLatin1String("\"\""), QLatin1String("\""));
        result.csvHeader.append(cell);
    }
    return result;
}

namespace {

bool hasColumns(const FileHead &head, std::initializer_list<const char *> columns) {
    for (const char *column : columns) {
        if (!head.csvHeader.contains(QLatin1String(column)))
            return false;
    }
    return true;
}

bool hasAnyColumn(const FileHead &head, std::initializer_list<const char *> columns) {
    for (const char *column : columns) {
        if (head.csvHeader.contains(QLatin1String(column)))
            return true;
    }
    return false;
}

// The factory of a reader whose constructor takes (device, context).
template <typename Reader> std::function<std::unique_ptr<EventReader>(QIODevice *, ReaderContext)> create() {
    return [](QIODevice *device, ReaderContext context) -> std::unique_ptr<EventReader> {
        return std::make_unique<Reader>(device, std::move(context));
    };
}

ImportFormat splunkCsv(SplunkCsvReader::Variant variant, QString title,
                       std::function<bool(const FileHead &)> matches) {
    return {SplunkCsvReader::formatId(variant), std::move(title), std::move(matches),
            [variant](QIODevice *device, ReaderContext context) -> std::unique_ptr<EventReader> {
                return std::make_unique<SplunkCsvReader>(device, std::move(context), variant);
            }};
}

} // namespace

FormatRegistry::FormatRegistry() {
    using V = SplunkCsvReader::Variant;
    using WX = WindowsEventXmlReader::Variant;
    const auto windowsXml = [this](WX variant) {
        m_formats.push_back(
            {WindowsEventXmlReader::formatId(variant), WindowsEventXmlReader::title(variant),
             [variant](const FileHead &h) { return WindowsEventXmlReader::matches(h, variant); },
             create<WindowsEventXmlReader>()});
    };
    m_formats.push_back({EvtxFileReader::formatId(), QStringLiteral("Windows event log (.evtx)"),
                         &EvtxFileReader::matches, create<EvtxFileReader>()});
    windowsXml(WX::LibevtxExport);
    windowsXml(WX::PythonEvtxDump);
    m_formats.push_back({SplunkResultsXmlReader::formatId(), QStringLiteral("Splunk search results (XML)"),
                         &SplunkResultsXmlReader::matches,
                         [](QIODevice *device, ReaderContext context) -> std::unique_ptr<EventReader> {
                             return std::make_unique<SplunkResultsXmlReader>(device, std::move(context));
                         }});
    windowsXml(WX::Wevtutil);
    using SJ = SplunkJsonReader::Variant;
    for (const SJ variant : {SJ::Export, SJ::Array}) {
        m_formats.push_back({SplunkJsonReader::formatId(variant),
                             variant == SJ::Export ? QStringLiteral("Splunk search export (JSON)")
                                                   : QStringLiteral("Splunk search results (JSON array)"),
                             [variant](const FileHead &h) { return SplunkJsonReader::matches(h, variant); },
                             [](QIODevice *device, ReaderContext context) -> std::unique_ptr<EventReader> {
                                 return std::make_unique<SplunkJsonReader>(device, std::move(context));
                             }});
    }
    m_formats.push_back({K8sAuditReader::formatId(),
                         QStringLiteral("Kubernetes API server audit log (JSON lines)"),
                         &K8sAuditReader::matches, create<K8sAuditReader>()});
    m_formats.push_back({AksResourceLogReader::formatId(),
                         QStringLiteral("Azure AKS audit resource logs (JSON)"),
                         &AksResourceLogReader::matches, create<AksResourceLogReader>()});
    m_formats.push_back({MdeAdvancedHuntingReader::formatId(),
                         QStringLiteral("Defender for Endpoint advanced hunting API (JSON)"),
                         &MdeAdvancedHuntingReader::matches, create<MdeAdvancedHuntingReader>()});
    m_formats.push_back({MdeAlertsReader::formatId(),
                         QStringLiteral("Defender for Endpoint alerts API (JSON)"), &MdeAlertsReader::matches,
                         create<MdeAlertsReader>()});
    m_formats.push_back({ElasticAlertReader::formatId(), QStringLiteral("Elastic Security alerts (JSON)"),
                         &ElasticAlertReader::matches,
                         [](QIODevice *device, ReaderContext context) -> std::unique_ptr<EventReader> {
                             return std::make_unique<ElasticAlertReader>(device, std::move(context));
                         }});
    using HJ = HayabusaJsonReader::Framing;
    for (const HJ framing : {HJ::Lines, HJ::Pretty}) {
        m_formats.push_back({HayabusaJsonReader::formatId(framing),
                             framing == HJ::Lines ? QStringLiteral("Hayabusa timeline (JSONL)")
                                                  : QStringLiteral("Hayabusa timeline (JSON)"),
                             [framing](const FileHead &h) { return HayabusaJsonReader::matches(h, framing); },
                             [](QIODevice *device, ReaderContext context) -> std::unique_ptr<EventReader> {
                                 return std::make_unique<HayabusaJsonReader>(device, std::move(context));
                             }});
    }
    using CJ = ChainsawJsonReader::Framing;
    for (const CJ framing : {CJ::Array, CJ::Lines}) {
        m_formats.push_back({ChainsawJsonReader::formatId(framing),
                             framing == CJ::Array ? QStringLiteral("Chainsaw hunt detections (JSON)")
                                                  : QStringLiteral("Chainsaw hunt detections (JSONL)"),
                             [framing](const FileHead &h) { return ChainsawJsonReader::matches(h, framing); },
                             create<ChainsawJsonReader>()});
    }
    m_formats.push_back({ZircoliteJsonReader::formatId(), QStringLiteral("Zircolite detected events (JSON)"),
                         &ZircoliteJsonReader::matches, create<ZircoliteJsonReader>()});
    m_formats.push_back({AuditdReader::formatId(), QStringLiteral("Linux audit log (auditd)"),
                         &AuditdReader::matches, create<AuditdReader>()});
    m_formats.push_back({LinuxSysmonSyslogReader::formatId(), QStringLiteral("Sysmon for Linux in syslog"),
                         &LinuxSysmonSyslogReader::matches, create<LinuxSysmonSyslogReader>()});
    m_formats.push_back({HayabusaCsvReader::formatId(), QStringLiteral("Hayabusa timeline (CSV)"),
                         &HayabusaCsvReader::matches,
                         [](QIODevice *device, ReaderContext context) -> std::unique_ptr<EventReader> {
                             return std::make_unique<HayabusaCsvReader>(device, std::move(context));
                         }});
    m_formats.push_back({ChainsawCsvReader::formatId(),
                         QStringLiteral("Chainsaw hunt detections (CSV directory file)"),
                         &ChainsawCsvReader::matches, create<ChainsawCsvReader>()});
    m_formats.push_back({ZircoliteCsvReader::formatId(), QStringLiteral("Zircolite detected events (CSV)"),
                         &ZircoliteCsvReader::matches, create<ZircoliteCsvReader>()});
    m_formats.push_back({SentinelAlertCsvReader::formatId(),
                         QStringLiteral("Microsoft Sentinel SecurityAlert (CSV)"),
                         &SentinelAlertCsvReader::matches, create<SentinelAlertCsvReader>()});
    m_formats.push_back({DefenderHuntingCsvReader::formatId(),
                         QStringLiteral("Defender XDR advanced hunting (CSV)"),
                         &DefenderHuntingCsvReader::matches, create<DefenderHuntingCsvReader>()});
    m_formats.push_back({KibanaDiscoverCsvReader::formatId(), QStringLiteral("Kibana Discover alerts (CSV)"),
                         &KibanaDiscoverCsvReader::matches,
                         [](QIODevice *device, ReaderContext context) -> std::unique_ptr<EventReader> {
                             return std::make_unique<KibanaDiscoverCsvReader>(device, std::move(context));
                         }});
    m_formats.push_back(
        splunkCsv(V::Notable, QStringLiteral("Splunk ES notable events (CSV)"), [](const FileHead &h) {
            return !h.isJson() && h.delimiter == ',' && hasColumns(h, {"rule_name", "urgency"}) &&
                   hasAnyColumn(h, {"status_label", "owner", "event_id"});
        }));
    m_formats.push_back(splunkCsv(
        V::EscuResults, QStringLiteral("Splunk ESCU detection results (CSV)"), [](const FileHead &h) {
            return !h.isJson() && h.delimiter == ',' && hasColumns(h, {"firstTime", "lastTime"}) &&
                   hasAnyColumn(h, {"dest", "process", "process_name", "TaskName"});
        }));
    m_formats.push_back(
        splunkCsv(V::Events, QStringLiteral("Splunk search results (CSV)"), [](const FileHead &h) {
            return !h.isJson() && h.delimiter == ',' && hasAnyColumn(h, {"_time", "_raw"});
        }));
}

const FormatRegistry &FormatRegistry::instance() {
    static const FormatRegistry registry;
    return registry;
}

const ImportFormat *FormatRegistry::detect(const FileHead &head) const {
    for (const ImportFormat &format : m_formats) {
        if (format.matches(head))
            return &format;
    }
    return nullptr;
}

QIODevice *FormatRegistry::textDevice(QIODevice *device, const QByteArray &head,
                                      std::unique_ptr<QIODevice> &holder) {
    const auto order = Utf16ToUtf8Device::sniff(head);
    if (!order)
        return device;
    holder = std::make_unique<Utf16ToUtf8Device>(device, *order);
    return holder.get();
}

const ImportFormat *FormatRegistry::byId(const QString &id) const {
    for (const ImportFormat &format : m_formats) {
        if (format.id == id)
            return &format;
    }
    return nullptr;
}

QStringList FormatRegistry::ids() const {
    QStringList result;
    for (const ImportFormat &format : m_formats)
        result << format.id;
    return result;
}

} // namespace tb
