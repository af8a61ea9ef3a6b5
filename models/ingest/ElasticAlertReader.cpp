#include "ElasticAlertReader.h"

#include "FieldNormalizer.h"
#include "FormatRegistry.h"
#include "JsonFlattener.h"
#include "JsonRecordSplitter.h"
#include "JsonText.h"
#include "NormalizedEvent.h"
#include "TaskCommandParser.h"
#include "TaskContentParser.h"
#include "WindowsEventXml.h"

#include <QBuffer>
#include <QRegularExpression>

#include <simdjson.h>

#include <cstring>
#include <deque>

namespace tb {

namespace {

constexpr qsizetype chunkSize = 256 * 1024;
constexpr qsizetype maxRecordBytes = 64 * 1024 * 1024;

QString text(std::string_view view) {
    return QString::fromUtf8(view.data(), qsizetype(view.size()));
}

// Strings unescaped, null empty, numbers and booleans in their JSON spelling (the FlatJson rules).
QString scalar(simdjson::dom::element element) {
    using T = simdjson::dom::element_type;
    switch (element.type()) {
    case T::STRING:
        return text(std::string_view(element));
    case T::NULL_VALUE:
        return {};
    default:
        return text(simdjson::minify(element));
    }
}

void walk(simdjson::dom::element element, const QString &key, FlatJson &out) {
    if (element.type() == simdjson::dom::element_type::OBJECT) {
        for (auto field : simdjson::dom::object(element)) {
            const QString name = text(field.key);
            walk(field.value, key.isEmpty() ? name : key + QLatin1Char('.') + name, out);
        }
        return;
    }
    out.add(key, scalar(element)); // arrays stay compact JSON text
}

// A hit's `_source` becomes the document; `_index`, `_id` and `_score` stay beside it. A hit
// without `_source` (search API `fields` option) carries one-element arrays per dotted field.
void flattenRecord(simdjson::dom::element root, FlatJson &out) {
    using T = simdjson::dom::element_type;
    simdjson::dom::element source, fields;
    const bool hasSource = root["_source"].get(source) == simdjson::SUCCESS && source.type() == T::OBJECT;
    const bool hasFields = root["fields"].get(fields) == simdjson::SUCCESS && fields.type() == T::OBJECT &&
                           root["_id"].error() == simdjson::SUCCESS;
    if (!hasSource && !hasFields) {
        walk(root, {}, out);
        return;
    }
    for (auto field : simdjson::dom::object(root)) {
        const QString key = text(field.key);
        if (hasSource && key == QLatin1String("_source")) {
            walk(field.value, {}, out);
        } else if (key == QLatin1String("fields")) {
            if (hasSource)
                continue; // the same values again, as arrays
            for (auto f : simdjson::dom::object(field.value)) {
                simdjson::dom::array values;
                if (f.value.get(values) == simdjson::SUCCESS && values.size() == 1)
                    walk(values.at(0), text(f.key), out);
                else
                    walk(f.value, text(f.key), out);
            }
        } else if (field.value.type() != T::OBJECT) {
            out.add(key, scalar(field.value));
        }
    }
}

// `hits.hits` of a _search response, `response.hits.hits` of an _async_search one.
const char *hitsPointer(simdjson::dom::element root) {
    for (const char *pointer : {"/hits/hits", "/response/hits/hits"}) {
        simdjson::dom::element hits;
        if (root.at_pointer(pointer).get(hits) == simdjson::SUCCESS &&
            hits.type() == simdjson::dom::element_type::ARRAY)
            return pointer;
    }
    return nullptr;
}

// Replays bytes already read, then reads on from the device: the framing is sniffed from the
// start of the file before the JSON splitter takes over.
class ReplayDevice final : public QIODevice {
public:
    ReplayDevice(QByteArray prefix, QIODevice *device)
        : m_prefix(std::move(prefix))
        , m_device(device) {
        open(QIODevice::ReadOnly | QIODevice::Unbuffered);
    }
    bool isSequential() const override { return true; }

protected:
    qint64 readData(char *data, qint64 maxSize) override {
        if (m_pos < m_prefix.size()) {
            const qint64 n = qMin(maxSize, qint64(m_prefix.size() - m_pos));
            memcpy(data, m_prefix.constData() + m_pos, size_t(n));
            m_pos += n;
            if (m_pos == m_prefix.size()) {
                m_prefix.clear();
                m_pos = 0;
            }
            return n;
        }
        return m_device->read(data, maxSize);
    }
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    QByteArray m_prefix;
    qint64 m_pos = 0;
    QIODevice *m_device;
};

QStringList mitreFromThreat(const QString &threat) {
    if (!threat.startsWith(QLatin1Char('[')))
        return {};
    thread_local simdjson::dom::parser parser;
    const QByteArray bytes = threat.toUtf8();
    simdjson::dom::array threats;
    if (parser.parse(bytes.constData(), size_t(bytes.size()), true).get(threats) != simdjson::SUCCESS)
        return {};
    QStringList ids;
    auto add = [&ids](simdjson::dom::element item) {
        std::string_view id;
        if (item["id"].get(id) == simdjson::SUCCESS && !ids.contains(text(id)))
            ids << text(id);
    };
    for (simdjson::dom::element entry : threats) {
        simdjson::dom::array techniques;
        if (entry["technique"].get(techniques) != simdjson::SUCCESS)
            continue;
        for (simdjson::dom::element technique : techniques) {
            add(technique);
            simdjson::dom::array subs;
            if (technique["subtechnique"].get(subs) == simdjson::SUCCESS) {
                for (simdjson::dom::element sub : subs)
                    add(sub);
            }
        }
    }
    return ids;
}

QString jsonArray(const QStringList &items) {
    if (items.isEmpty())
        return {};
    QString out = QStringLiteral("[");
    for (qsizetype i = 0; i < items.size(); ++i) {
        if (i > 0)
            out += QLatin1Char(',');
        appendJsonString(out, items[i]);
    }
    return out + QLatin1Char(']');
}

QString mitre(const FlatJson &doc) {
    QStringList ids;
    for (const char *key : {"kibana.alert.rule.threat", "signal.rule.threat"}) {
        if (const QString threat = doc.value(key); !threat.isEmpty()) {
            ids = mitreFromThreat(threat);
            break;
        }
    }
    // Discover CSV columns of the flattened threat objects.
    if (ids.isEmpty()) {
        for (const char *key : {"kibana.alert.rule.threat.technique.id",
                                "kibana.alert.rule.threat.technique.subtechnique.id"}) {
            for (const QString &id : JsonFlattener::stringList(doc.value(key))) {
                if (!id.isEmpty() && !ids.contains(id))
                    ids << id;
            }
        }
    }
    return jsonArray(ids);
}

// Winlogbeat's event.action names for 4698–4702 (FORMATS.md §4.1).
QString operationFromAction(const QString &action) {
    static const QLatin1String prefix("scheduled-task-");
    if (!action.startsWith(prefix))
        return {};
    const QStringView verb = QStringView(action).mid(prefix.size());
    for (const char *op : {"created", "deleted", "enabled", "disabled", "updated"}) {
        if (verb == QLatin1String(op))
            return QLatin1String(op);
    }
    return {};
}

// "A scheduled task was created." opens the rendered 4698–4702 message: the operation when a
// Discover CSV has no event.code column.
QString operationFromMessage(const QString &message) {
    static const QLatin1String lead("A scheduled task was ");
    if (!message.startsWith(lead))
        return {};
    const QStringView rest = QStringView(message).mid(lead.size());
    const QStringView verb = rest.left(rest.indexOf(QLatin1Char('.')));
    for (const char *op : {"created", "deleted", "enabled", "disabled", "updated"}) {
        if (verb == QLatin1String(op))
            return QLatin1String(op);
    }
    return {};
}

// cron, at and systemd files (FORMATS.md §8.5): the file is the task.
bool isLinuxSchedulerPath(const QString &path) {
    for (const char *prefix : {"/etc/cron", "/var/spool/cron/", "/var/spool/at/", "/etc/systemd/system/",
                               "/usr/lib/systemd/system/", "/lib/systemd/system/", "/run/systemd/system/"}) {
        if (path.startsWith(QLatin1String(prefix)))
            return true;
    }
    return path.contains(QLatin1String("/.config/systemd/user/"));
}

QString fileOperation(const FlatJson &doc) {
    const QString action = doc.value("event.action").toLower() + QLatin1Char(' ') + doc.value("event.type");
    if (action.contains(QLatin1String("delet")))
        return QStringLiteral("deleted");
    if (action.contains(QLatin1String("creat")))
        return QStringLiteral("created");
    if (action.contains(QLatin1String("rename")) || action.contains(QLatin1String("modif")) ||
        action.contains(QLatin1String("change")) || action.contains(QLatin1String("overwrite")))
        return QStringLiteral("updated");
    return {};
}

// The rendered 4698 message carries the definition when the event_data field is not exported
// (Discover CSV with a `message` column).
QString taskContentFromMessage(const QString &message) {
    qsizetype start = message.indexOf(QLatin1String("<?xml"));
    const qsizetype task = message.indexOf(QLatin1String("<Task"));
    if (task < 0)
        return {};
    if (start < 0 || start > task)
        start = task;
    const qsizetype end = message.indexOf(QLatin1String("</Task>"), task);
    return end < 0 ? QString() : message.mid(start, end + 7 - start);
}

QString joinedArgs(const QString &args) {
    return JsonFlattener::stringList(args).join(QLatin1Char(' '));
}

bool setTime(const FlatJson &doc, const char *key, EventField field, NormalizedEvent &event,
             const TimeNormalizer &times, ImportIssue &issue) {
    const QString value = doc.value(key);
    if (value.isEmpty())
        return true;
    const NormalizedTime time = times.normalize(value);
    if (!time.ok()) {
        issue.field = QLatin1String(key);
        issue.problem = QStringLiteral("\"%1\" is not a time this reader understands").arg(value.left(64));
        return false;
    }
    event.set(field, time.utc);
    if (field == EventField::TimeUtc) {
        event.set(EventField::TimeOriginal, value);
        event.set(EventField::TimeConfidence, time.confidence);
    }
    return true;
}

} // namespace

struct ElasticAlertReader::Impl {
    enum class Mode { Unknown, Lines, Units };
    struct Pending {
        QByteArray json;
        qint64 line = 0;
    };

    Impl(QIODevice *dev, ReaderContext ctx)
        : device(dev)
        , context(std::move(ctx)) {}

    QIODevice *device;
    ReaderContext context;
    Mode mode = Mode::Unknown;

    // Lines mode (NDJSON): a bad line is one skipped record, the next line starts afresh.
    QByteArray buffer;
    qsizetype pos = 0;
    bool eof = false;
    qint64 line = 1; // of the byte at `pos`

    // Units mode (arrays, pretty or wrapper objects): the shared splitter.
    std::unique_ptr<ReplayDevice> replay;
    std::unique_ptr<JsonRecordSplitter> splitter;

    std::deque<Pending> pending; // hits of a _search response, one record each
    simdjson::dom::parser parser;
    simdjson::ondemand::parser ondemand;
    qint64 recordNo = -1;

    bool fill(QString &error) {
        if (eof)
            return false;
        if (pos > 0) {
            buffer.remove(0, pos);
            pos = 0;
        }
        const qsizetype old = buffer.size();
        buffer.resize(old + chunkSize);
        const qint64 got = device->read(buffer.data() + old, chunkSize);
        buffer.resize(old + qMax<qint64>(got, 0));
        if (got <= 0) {
            eof = true;
            if (got < 0)
                error = QStringLiteral("read error: %1").arg(device->errorString());
            return false;
        }
        return true;
    }

    // The next non-blank line; false at the end (error set on a read failure or a huge line).
    bool readLine(QByteArray &out, qint64 &lineNo, QString &error) {
        qsizetype searched = 0; // bytes after `pos` known to hold no line break (a long line spans fills)
        for (;;) {
            const qsizetype nl = buffer.indexOf('\n', pos + searched);
            if (nl < 0 && !eof) {
                searched = buffer.size() - pos;
                if (searched > maxRecordBytes) {
                    error = QStringLiteral("line %1: a JSON record is larger than %2 MiB")
                                .arg(line)
                                .arg(maxRecordBytes / (1024 * 1024));
                    return false;
                }
                if (!fill(error) && !error.isEmpty())
                    return false;
                continue;
            }
            if (pos >= buffer.size())
                return false;
            const qsizetype end = nl < 0 ? buffer.size() : nl;
            out = buffer.mid(pos, end - pos).trimmed();
            lineNo = line;
            pos = end + (nl < 0 ? 0 : 1);
            ++line;
            searched = 0;
            if (!out.isEmpty())
                return true;
        }
    }

    // NDJSON when the first non-blank line is a whole JSON object; anything else goes to the splitter.
    void sniff(QString &error) {
        qsizetype searched = 0; // bytes after `pos` already looked at
        for (;;) {
            qsizetype first = -1;
            for (qsizetype i = pos; i < buffer.size(); ++i) {
                if (!QChar::isSpace(uchar(buffer[i]))) {
                    first = i;
                    break;
                }
            }
            const qsizetype nl = first < 0 ? -1 : buffer.indexOf('\n', qMax(first, pos + searched));
            if ((first < 0 || nl < 0) && !eof && buffer.size() - pos <= maxRecordBytes) {
                searched = buffer.size() - pos;
                fill(error);
                if (!error.isEmpty())
                    return;
                continue;
            }
            const QByteArray firstLine =
                first < 0 ? QByteArray() : buffer.mid(first, (nl < 0 ? buffer.size() : nl) - first).trimmed();
            simdjson::dom::element root;
            if (firstLine.isEmpty() ||
                (firstLine.startsWith('{') &&
                 parser.parse(firstLine.constData(), size_t(firstLine.size()), true).get(root) ==
                     simdjson::SUCCESS &&
                 root.type() == simdjson::dom::element_type::OBJECT)) {
                mode = Mode::Lines;
                return;
            }
            mode = Mode::Units;
            replay = std::make_unique<ReplayDevice>(buffer.mid(pos), device);
            buffer.clear();
            pos = 0;
            splitter = std::make_unique<JsonRecordSplitter>(replay.get());
            splitter->setMaxUnitBytes(maxRecordBytes);
            return;
        }
    }

    bool nextUnit(QByteArray &unit, qint64 &unitLine, QString &error) {
        if (mode == Mode::Unknown) {
            sniff(error);
            if (!error.isEmpty())
                return false;
        }
        if (mode == Mode::Lines)
            return readLine(unit, unitLine, error);
        if (!splitter->next(unit)) {
            error = splitter->errorString();
            return false;
        }
        unitLine = splitter->unitLine();
        return true;
    }

    // The hits of a search response, each as the exact text the file holds.
    bool queueHits(const QByteArray &unit, const char *pointer, qint64 unitLine, QString &error) {
        const simdjson::padded_string padded(unit.constData(), size_t(unit.size()));
        simdjson::ondemand::document doc;
        simdjson::ondemand::array hits;
        std::string_view raw;
        if (ondemand.iterate(padded).get(doc) != simdjson::SUCCESS ||
            doc.at_pointer(pointer).get_array().get(hits) != simdjson::SUCCESS ||
            hits.raw_json().get(raw) != simdjson::SUCCESS) {
            error = QStringLiteral("the search response's hits cannot be read");
            return false;
        }
        const qsizetype offset = raw.data() - padded.data();
        const qint64 firstLine = unitLine + unit.left(offset).count('\n');
        QByteArray array(raw.data(), qsizetype(raw.size()));
        QBuffer buffer(&array);
        buffer.open(QIODevice::ReadOnly);
        JsonRecordSplitter hitSplitter(&buffer);
        QByteArray hit;
        while (hitSplitter.next(hit))
            pending.push_back({hit, firstLine + hitSplitter.unitLine() - 1});
        if (!hitSplitter.errorString().isEmpty()) {
            error = hitSplitter.errorString();
            return false;
        }
        return true;
    }
};

ElasticAlertReader::ElasticAlertReader(QIODevice *device, ReaderContext context)
    : d(std::make_unique<Impl>(device, std::move(context))) {}

ElasticAlertReader::~ElasticAlertReader() = default;

QString ElasticAlertReader::formatId() {
    return QStringLiteral("elastic.alerts.json");
}

bool ElasticAlertReader::matches(const FileHead &head) {
    static const QLatin1String ruleName("kibana.alert.rule.name"), uuid("kibana.alert.uuid");
    for (const auto &[key, value] : head.firstJson.items()) {
        // Dotted or nested, at the top, under _source or fields.
        if (key.endsWith(ruleName) || key.endsWith(uuid))
            return true;
        if ((key == QLatin1String("hits.hits") || key == QLatin1String("response.hits.hits")) &&
            (value.contains(QLatin1String("\"kibana.alert.")) ||
             value.contains(QLatin1String("\"kibana\":{\"alert\""))))
            return true;
    }
    // The first object did not fit in the head (a big _search response): look for the key itself.
    if (!head.firstNonBlank.startsWith(QLatin1Char('{')) && !head.firstNonBlank.startsWith(QLatin1Char('[')))
        return false;
    if (head.bytes.contains("\"kibana.alert.rule.name\"") || head.bytes.contains("\"kibana.alert.uuid\""))
        return true;
    static const QRegularExpression nested(QStringLiteral("\"kibana\"\\s*:\\s*\\{\\s*\"alert\"\\s*:"));
    return nested.match(QString::fromUtf8(head.bytes)).hasMatch();
}

EventReader::Status ElasticAlertReader::next(NormalizedEvent &event, ImportIssue &issue) {
    issue.file = d->context.fileName;
    for (;;) {
        QByteArray unit;
        qint64 line = 0;
        const bool fromWrapper = !d->pending.empty();
        if (fromWrapper) {
            unit = std::move(d->pending.front().json);
            line = d->pending.front().line;
            d->pending.pop_front();
        } else {
            QString error;
            if (!d->nextUnit(unit, line, error)) {
                if (error.isEmpty())
                    return Status::End;
                issue.record = d->recordNo + 1;
                issue.problem = error;
                return Status::Failed;
            }
        }

        simdjson::dom::element root;
        const auto code = d->parser.parse(unit.constData(), size_t(unit.size()), true).get(root);
        const bool isObject = code == simdjson::SUCCESS && root.type() == simdjson::dom::element_type::OBJECT;
        if (isObject && !fromWrapper) {
            if (const char *pointer = hitsPointer(root)) {
                QString error;
                if (!d->queueHits(unit, pointer, line, error)) {
                    issue.record = d->recordNo + 1;
                    issue.line = line;
                    issue.problem = error;
                    return Status::Failed;
                }
                continue; // the response itself is no record
            }
        }

        ++d->recordNo;
        event.clear();
        event.recordNo = d->recordNo;
        issue.record = d->recordNo;
        issue.line = line;
        if (!isObject) {
            issue.problem = code != simdjson::SUCCESS
                                ? QStringLiteral("not valid JSON (%1); the line may be truncated")
                                      .arg(QString::fromUtf8(simdjson::error_message(code)))
                                : QStringLiteral("not a JSON object");
            return Status::Skipped;
        }
        FlatJson doc;
        flattenRecord(root, doc);
        event.raw = QString::fromUtf8(unit);
        event.rawFields = doc.toJsonObject();
        return mapDocument(doc, event, d->context.times, issue) ? Status::Event : Status::Skipped;
    }
}

bool ElasticAlertReader::mapDocument(const FlatJson &doc, NormalizedEvent &event, const TimeNormalizer &times,
                                     ImportIssue &issue) {
    // Source event time; the alert's own @timestamp when the document has no original time.
    const char *timeKey = !doc.value("kibana.alert.original_time").isEmpty() ? "kibana.alert.original_time"
                          : !doc.value("signal.original_time").isEmpty()     ? "signal.original_time"
                                                                             : "@timestamp";
    if (!setTime(doc, timeKey, EventField::TimeUtc, event, times, issue) ||
        !setTime(doc, "@timestamp", EventField::AlertTimeUtc, event, times, issue))
        return false;
    if (event.value(EventField::TimeUtc).isEmpty())
        event.set(EventField::TimeConfidence, QStringLiteral("missing"));

    event.set(EventField::RuleName, doc.first({"kibana.alert.rule.name", "signal.rule.name"}));
    event.set(EventField::RuleId, doc.first({"kibana.alert.rule.uuid", "signal.rule.id"}));
    event.set(EventField::RuleRefId,
              doc.first({"kibana.alert.rule.rule_id", "kibana.alert.rule.parameters.rule_id",
                         "signal.rule.rule_id"}));
    event.set(EventField::RuleSource, QStringLiteral("elastic"));
    const QString severityRaw = doc.first({"kibana.alert.severity", "signal.rule.severity"});
    const QString risk = doc.first({"kibana.alert.risk_score", "signal.rule.risk_score"});
    event.set(EventField::SeverityRaw, severityRaw);
    event.set(EventField::Severity, normalize::severity(severityRaw.isEmpty() ? risk : severityRaw));
    event.set(EventField::RiskScore, risk);
    const QString statusRaw = doc.first({"kibana.alert.workflow_status", "signal.status"});
    event.set(EventField::StatusRaw, statusRaw);
    event.set(EventField::Status, normalize::status(statusRaw));
    // "False Positive" and friends: the prior analyst verdict (FORMATS.md §10).
    event.set(EventField::DispositionRaw,
              JsonFlattener::stringList(doc.value("kibana.alert.workflow_tags")).join(QStringLiteral("; ")));
    event.set(EventField::Mitre, mitre(doc));
    if (event.identity.isEmpty())
        event.identity = doc.first({"kibana.alert.uuid", "_id"});

    const auto data = [&doc](const char *name) {
        const QString v = doc.value(QStringLiteral("winlog.event_data.") + QLatin1String(name));
        return v == QLatin1String("-") ? QString() : v;
    };
    const QString eventCode = doc.first({"event.code", "winlog.event_id"});
    event.set(EventField::EventCode, eventCode);
    event.set(EventField::EventSource, doc.first({"winlog.channel", "event.dataset", "event.module"}));
    event.set(EventField::RecordId, doc.value("winlog.record_id"));

    for (const char *key : {"host.name", "host.hostname", "winlog.computer_name"})
        normalize::setHost(event, doc.value(key));

    const QString userName = doc.first({"user.name", "winlog.event_data.SubjectUserName"});
    normalize::setUser(event, userName == QLatin1String("-") ? QString() : userName);
    event.setIfEmpty(EventField::UserDomain,
                     doc.first({"user.domain", "winlog.event_data.SubjectDomainName"}));
    event.setIfEmpty(EventField::UserSid, doc.first({"user.id", "winlog.event_data.SubjectUserSid"}));

    normalize::setProcessImage(event, doc.first({"process.executable", "winlog.event_data.NewProcessName"}));
    normalize::setProcessImage(event, doc.value("process.name"));
    event.set(EventField::ProcessPid, normalize::pid(doc.value("process.pid")));
    event.set(EventField::CommandLine, doc.first({"process.command_line", "winlog.event_data.CommandLine"}));
    event.setIfEmpty(EventField::CommandLine, joinedArgs(doc.value("process.args")));
    normalize::setParentImage(
        event, doc.first({"process.parent.executable", "winlog.event_data.ParentProcessName"}));
    normalize::setParentImage(event, doc.value("process.parent.name"));
    event.set(EventField::ParentPid, normalize::pid(doc.value("process.parent.pid")));
    event.set(EventField::ParentCommandLine, doc.value("process.parent.command_line"));
    event.setIfEmpty(EventField::ParentCommandLine, joinedArgs(doc.value("process.parent.args")));
    QStringList hashes;
    for (const char *algorithm : {"sha1", "md5", "sha256"}) {
        if (const QString h = doc.value(QStringLiteral("process.hash.") + QLatin1String(algorithm));
            !h.isEmpty())
            hashes << QLatin1String(algorithm).toString().toUpper() + QLatin1Char('=') + h;
    }
    event.set(EventField::Hashes, hashes.join(QLatin1Char(',')));

    event.set(EventField::TargetPath, doc.first({"file.path", "registry.path"}));
    if (const QString share = data("ShareName"); !share.isEmpty())
        event.setIfEmpty(EventField::TargetPath, share + QLatin1Char('\\') + data("RelativeTargetName"));
    event.setIfEmpty(EventField::TargetPath, data("TargetFilename"));
    event.setIfEmpty(EventField::TargetPath, data("TargetObject"));
    const QString sourceIp = doc.first({"source.ip", "client.ip"});
    event.set(EventField::SourceIp, sourceIp.isEmpty() ? data("IpAddress") : sourceIp);

    // Security 4698–4702 as Winlogbeat ships them; "TaskContent is not parsed" by Elastic itself.
    event.set(EventField::TaskName, data("TaskName"));
    const QString provider = doc.first({"winlog.provider_name", "event.provider"});
    event.set(EventField::TaskOperation, operationFromAction(doc.value("event.action")));
    event.setIfEmpty(EventField::TaskOperation, WindowsEventXml::taskOperation(provider, eventCode));
    event.setIfEmpty(EventField::TaskOperation, operationFromMessage(doc.value("message")));
    if (const QString client = data("ClientProcessId"); !client.isEmpty()) {
        const bool remote = client == QLatin1String("0"); // registered over RPC from elsewhere
        event.set(EventField::TaskRemote, remote ? QStringLiteral("1") : QStringLiteral("0"));
        if (!remote)
            event.setIfEmpty(EventField::ProcessPid, normalize::pid(client));
    }
    if (const QString parent = normalize::pid(data("ParentProcessId")); parent != QLatin1String("0"))
        event.setIfEmpty(EventField::ParentPid, parent);
    QString content = data("TaskContentNew");
    if (content.isEmpty())
        content = data("TaskContent");
    if (content.isEmpty() && !event.value(EventField::TaskName).isEmpty())
        content = taskContentFromMessage(doc.value("message"));
    if (!content.isEmpty())
        TaskContentParser::apply(content, event); // a broken definition still leaves the alert
    event.setIfEmpty(EventField::TaskAction, data("ActionName")); // TaskScheduler 200/201

    // Kubernetes audit events shipped by the Elastic integration.
    event.set(EventField::K8sNamespace, doc.first({"kubernetes.audit.objectRef.namespace",
                                                   "orchestrator.namespace", "kubernetes.namespace"}));
    event.set(EventField::K8sResource,
              doc.first({"kubernetes.audit.objectRef.resource", "orchestrator.resource.type"}));
    event.set(EventField::K8sVerb, doc.value("kubernetes.audit.verb"));
    event.set(EventField::UserAgent, doc.first({"kubernetes.audit.userAgent", "user_agent.original"}));
    event.set(EventField::ContainerImage, doc.value("container.image.name"));
    event.setIfEmpty(EventField::SourceIp,
                     JsonFlattener::stringList(doc.value("kubernetes.audit.sourceIPs")).value(0));
    normalize::setUser(event, doc.value("kubernetes.audit.user.username"));
    if (const QString name = doc.value("kubernetes.audit.objectRef.name");
        !name.isEmpty() && event.value(EventField::K8sResource) == QLatin1String("cronjobs")) {
        const QString ns = event.value(EventField::K8sNamespace);
        event.setIfEmpty(EventField::TaskName, ns.isEmpty() ? name : ns + QLatin1Char('/') + name);
        const QString verb = event.value(EventField::K8sVerb);
        event.setIfEmpty(EventField::TaskOperation,
                         verb == QLatin1String("create")   ? QStringLiteral("created")
                         : verb == QLatin1String("delete") ? QStringLiteral("deleted")
                                                           : QStringLiteral("updated"));
    }
    if (const QString schedule = doc.value("kubernetes.audit.requestObject.spec.schedule");
        !schedule.isEmpty())
        event.setIfEmpty(EventField::TaskTrigger, QStringLiteral("cron(%1)").arg(schedule));

    // Linux cron / at / systemd files: the file is the task.
    if (const QString path = event.value(EventField::TargetPath); isLinuxSchedulerPath(path)) {
        event.setIfEmpty(EventField::TaskName, path);
        event.setIfEmpty(EventField::TaskOperation, fileOperation(doc));
    }

    if (const auto task = TaskCommandParser::parse(event.value(EventField::CommandLine)))
        TaskCommandParser::apply(*task, event);

    const QString os = doc.first({"host.os.type", "host.os.platform"}).toLower();
    if (os == QLatin1String("windows") || os == QLatin1String("linux") || os == QLatin1String("macos"))
        event.set(EventField::Platform, os);
    else
        event.set(EventField::Platform, normalize::guessPlatform(event));
    return true;
}

} // namespace tb
