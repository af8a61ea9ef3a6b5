#include "ZircoliteMatch.h"

#include "JsonFlattener.h"
#include "NormalizedEvent.h"
#include "SigmaRule.h"
#include "WindowsEventBuilder.h"

namespace tb {

namespace {

// Zircolite's field-mapping names for the <System> part; every other field is EventData.
struct SystemField {
    const char *field;
    const char *element;
    const char *attribute; // nullptr: the element's text
};

constexpr SystemField systemFields[] = {
    {"Provider_Name", "Provider", "Name"},
    {"Guid", "Provider", "Guid"},
    {"EventID", "EventID", nullptr},
    {"Version", "Version", nullptr},
    {"Level", "Level", nullptr},
    {"Task", "Task", nullptr},
    {"Opcode", "Opcode", nullptr},
    {"Keywords", "Keywords", nullptr},
    {"SystemTime", "TimeCreated", "SystemTime"},
    {"EventRecordID", "EventRecordID", nullptr},
    {"Channel", "Channel", nullptr},
    {"Computer", "Computer", nullptr},
    {"UserID", "Security", "UserID"},
    // System/Execution's ProcessID: SQLite column names ignore case, so EventData's ProcessId
    // keeps its own spelling (FORMATS.md §5.3).
    {"ProcessID", "Execution", "ProcessID"},
    {"ThreadID", "Execution", "ThreadID"},
};

const SystemField *systemField(const QString &key) {
    for (const SystemField &f : systemFields) {
        if (key == QLatin1String(f.field))
            return &f;
    }
    return nullptr;
}

} // namespace

EventReader::Status ZircoliteMatch::toEvent(const FlatJson &match, const SigmaRule &rule,
                                            WindowsEventBuilder &builder, NormalizedEvent &event,
                                            const TimeNormalizer &times, ImportIssue &issue) {
    builder.clear();
    QStringList hashes;
    for (const auto &[key, value] : match.items()) {
        if (value.isEmpty() || key == QLatin1String("row_id") || key == QLatin1String("OriginalLogfile"))
            continue;
        if (const SystemField *f = systemField(key)) {
            const QString element = QLatin1String(f->element);
            if (f->attribute)
                builder.setSystemAttribute(element, QLatin1String(f->attribute), value);
            else
                builder.setSystem(element, value);
        } else if (key == QLatin1String("SHA1") || key == QLatin1String("MD5") ||
                   key == QLatin1String("SHA256") || key == QLatin1String("IMPHASH")) {
            hashes << key + QLatin1Char('=') + value; // Zircolite split Sysmon's Hashes apart
        } else {
            builder.addData(key, value);
        }
    }
    if (!hashes.isEmpty())
        builder.addData(QStringLiteral("Hashes"), hashes.join(QLatin1Char(',')));
    const QString logFile = match.value("OriginalLogfile");
    builder.setChannelFromLogFile(logFile);

    rule.apply(event, QStringLiteral("zircolite"));
    event.identity = logFile + QLatin1Char('|') + match.value("EventRecordID") + QLatin1Char('|') +
                     (rule.id.isEmpty() ? rule.title : rule.id);
    return builder.map(event, times, issue); // keeps the caller's raw_fields
}

} // namespace tb
