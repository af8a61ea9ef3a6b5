#include "ChainsawCsvReader.h"

#include "CsvRecords.h"
#include "FieldNormalizer.h"
#include "FormatRegistry.h"
#include "JsonFlattener.h"
#include "NormalizedEvent.h"
#include "PendingEvents.h"
#include "SigmaRule.h"
#include "WindowsEventBuilder.h"

#include <QRegularExpression>

#include <yaml-cpp/yaml.h>

namespace tb {

namespace {

void flattenYaml(const YAML::Node &node, const QString &key, QList<QPair<QString, QString>> &out) {
    if (node.IsMap()) {
        for (const auto &item : node) {
            const QString name = QString::fromStdString(item.first.as<std::string>());
            flattenYaml(item.second, key.isEmpty() ? name : key + QLatin1Char('.') + name, out);
        }
    } else if (node.IsSequence()) {
        QStringList items;
        for (const auto &item : node)
            items << (item.IsScalar() ? QString::fromStdString(item.Scalar()) : QString());
        out.append({key, items.join(QLatin1Char('\n'))});
    } else {
        out.append({key, node.IsScalar() ? QString::fromStdString(node.Scalar()) : QString()});
    }
}

// 'It''s' → It's; "a\"b" → a"b; anything else as written.
QString unquote(const QString &value) {
    if (value.size() >= 2 && value.startsWith(QLatin1Char('\'')) && value.endsWith(QLatin1Char('\'')))
        return value.mid(1, value.size() - 2).replace(QLatin1String("''"), QLatin1String("'"));
    if (value.size() >= 2 && value.startsWith(QLatin1Char('"')) && value.endsWith(QLatin1Char('"')))
        return value.mid(1, value.size() - 2).replace(QLatin1String("\\\""), QLatin1String("\""));
    return value;
}

QList<QPair<QString, QString>> keyValueLines(const QString &text) {
    static const QRegularExpression keyLine(QStringLiteral("^([A-Za-z0-9_.-]+):(?: (.*))?$"));
    QList<QPair<QString, QString>> out;
    for (const QString &line : text.split(QLatin1Char('\n'))) {
        const QRegularExpressionMatch m = keyLine.match(line);
        if (m.hasMatch())
            out.append({m.captured(1), m.captured(2)});
        else if (!out.isEmpty())
            out.last().second += QLatin1Char('\n') + line; // the rest of a multi-line value
    }
    for (auto &item : out)
        item.second = unquote(item.second.trimmed());
    return out;
}

// Columns of Chainsaw's own rules whose field is not visible in the file: the alias is all there is.
void applyAliasColumn(const QString &column, const QString &value, NormalizedEvent &event) {
    if (column == QLatin1String("User Name"))
        normalize::setUser(event, value);
    else if (column == QLatin1String("Scheduled Task Name"))
        event.setIfEmpty(EventField::TaskName, value);
    else if (column == QLatin1String("Command Line"))
        event.setIfEmpty(EventField::CommandLine, value);
}

using Pending = PendingEvents::Item;

} // namespace

QList<QPair<QString, QString>> ChainsawCsvReader::eventData(const QString &yaml) {
    QList<QPair<QString, QString>> out;
    try {
        const YAML::Node root = YAML::Load(yaml.toStdString());
        if (root.IsMap()) {
            flattenYaml(root, {}, out);
            return out;
        }
    } catch (const YAML::Exception &) {
        // not valid YAML: read it as key/value lines below
    }
    return keyValueLines(yaml);
}

struct ChainsawCsvReader::Impl {
    Impl(QIODevice *device, ReaderContext ctx)
        : csv(device, ',', ctx.fileName)
        , context(std::move(ctx)) {}

    void queueRow(const QStringList &row, const ImportIssue &where);

    CsvRecords csv;
    ReaderContext context;
    WindowsEventBuilder builder;
    PendingEvents pending;
    qint64 recordNo = -1;
};

void ChainsawCsvReader::Impl::queueRow(const QStringList &row, const ImportIssue &where) {
    const QStringList &header = csv.header();
    FlatJson fields;
    QString timestamp, path;
    QStringList detections;
    builder.clear();
    QList<QPair<QString, QString>> aliases;
    for (qsizetype i = 0; i < header.size(); ++i) {
        const QString &column = header[i];
        const QString &cell = row[i];
        if (column == QLatin1String("Event Data")) {
            for (const auto &[name, value] : eventData(cell)) {
                builder.addData(name, value);
                fields.add(QStringLiteral("Event Data.") + name, value);
            }
            continue;
        }
        fields.add(column, cell);
        if (column == QLatin1String("timestamp"))
            timestamp = cell;
        else if (column == QLatin1String("detections"))
            detections = cell.split(QLatin1Char(';'), Qt::SkipEmptyParts);
        else if (column == QLatin1String("path"))
            path = cell;
        else if (column == QLatin1String("Event.System.Provider"))
            builder.setSystemAttribute(QStringLiteral("Provider"), QStringLiteral("Name"), cell);
        else if (column == QLatin1String("Event ID"))
            builder.setSystem(QStringLiteral("EventID"), cell);
        else if (column == QLatin1String("Record ID"))
            builder.setSystem(QStringLiteral("EventRecordID"), cell);
        else if (column == QLatin1String("Computer"))
            builder.setSystem(QStringLiteral("Computer"), cell);
        else if (column != QLatin1String("count"))
            aliases.append({column, cell});
    }
    builder.setChannelFromLogFile(path);
    const QString raw = csv.rawRow(row);
    const QString rawFields = fields.toJsonObject();
    const QString recordId = fields.value("Record ID");
    for (const QString &name : detections) {
        Pending out;
        NormalizedEvent &event = out.event;
        out.issue = where;
        event.recordNo = out.issue.record = ++recordNo;
        event.raw = raw;
        event.rawFields = rawFields;
        if (const QString problem = normalize::assign(event, EventField::TimeUtc, timestamp, context.times);
            !problem.isEmpty()) {
            out.issue.field = QStringLiteral("timestamp");
            out.issue.problem = problem;
            out.status = Status::Skipped;
            pending.push(std::move(out));
            continue;
        }
        SigmaRule rule;
        rule.title = name.trimmed();
        rule.apply(event, QStringLiteral("chainsaw"));
        event.set(EventField::RuleId, {}); // the CSV names rules but gives no ids
        event.set(EventField::RuleRefId, {});
        event.identity = path + QLatin1Char('|') + recordId + QLatin1Char('|') + rule.title;
        for (const auto &[column, value] : aliases)
            applyAliasColumn(column, value, event);
        out.status = builder.map(event, context.times, out.issue);
        pending.push(std::move(out));
    }
}

ChainsawCsvReader::ChainsawCsvReader(QIODevice *device, ReaderContext context)
    : d(std::make_unique<Impl>(device, std::move(context))) {}

ChainsawCsvReader::~ChainsawCsvReader() = default;

bool ChainsawCsvReader::matches(const FileHead &head) {
    return !head.isJson() && head.firstLine.startsWith(QLatin1String("timestamp,detections,path"));
}

EventReader::Status ChainsawCsvReader::next(NormalizedEvent &event, ImportIssue &issue) {
    while (d->pending.isEmpty()) {
        QStringList row;
        const Status status = d->csv.next(row, issue);
        if (status != Status::Event) {
            if (status == Status::Skipped)
                issue.record = ++d->recordNo;
            return status;
        }
        d->queueRow(row, issue);
        if (d->pending.isEmpty()) { // a row without any detection name
            issue.record = ++d->recordNo;
            issue.field = QStringLiteral("detections");
            issue.problem = QStringLiteral("the row names no rule");
            return Status::Skipped;
        }
    }
    return d->pending.take(event, issue);
}

} // namespace tb
