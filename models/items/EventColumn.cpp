#include "EventColumn.h"

#include <QCoreApplication>

namespace tb {

namespace {
QString tr(const char *text) {
    return QCoreApplication::translate("tb::EventTableModel", text);
}
} // namespace

QString EventColumn::key() const {
    switch (kind) {
    case Kind::Likelihood:
        return QStringLiteral("fp_likelihood");
    case Kind::TopExplanation:
        return QStringLiteral("top_explanation");
    case Kind::Verdict:
        return QStringLiteral("verdict");
    case Kind::SuppressedBy:
        return QStringLiteral("suppressed_by");
    case Kind::Field:
        break;
    }
    return eventFieldColumn(field);
}

std::optional<EventColumn> EventColumn::fromKey(const QString &key) {
    for (const EventColumn &column : all()) {
        if (column.key() == key)
            return column;
    }
    return std::nullopt;
}

QString EventColumn::title() const {
    switch (kind) {
    case Kind::Likelihood:
        return tr("FP");
    case Kind::TopExplanation:
        return tr("Top explanation");
    case Kind::Verdict:
        return tr("Verdict");
    case Kind::SuppressedBy:
        return tr("Suppressed by");
    case Kind::Field:
        break;
    }
    switch (field) {
    case EventField::TimeUtc:
        return tr("Time (UTC)");
    case EventField::Host:
        return tr("Host");
    case EventField::User:
        return tr("User");
    case EventField::RuleName:
        return tr("Rule");
    case EventField::TaskName:
        return tr("Task");
    case EventField::TaskOperation:
        return tr("Operation");
    case EventField::TaskAction:
        return tr("Task action");
    case EventField::TaskOtherActions:
        return tr("Other task actions");
    case EventField::ParentName:
        return tr("Parent");
    case EventField::ProcessName:
        return tr("Process");
    case EventField::CommandLine:
        return tr("Command line");
    case EventField::Severity:
        return tr("Severity");
    default:
        return eventFieldColumn(field);
    }
}

std::vector<EventColumn> EventColumn::all() {
    std::vector<EventColumn> columns{likelihood(), topExplanation(), verdict(), suppressedBy()};
    for (const EventFieldInfo &info : eventFields())
        columns.push_back(of(info.field));
    return columns;
}

} // namespace tb
