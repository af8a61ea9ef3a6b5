#include "AuditdReader.h"

#include "FieldNormalizer.h"
#include "FormatRegistry.h"
#include "JsonFlattener.h"
#include "LineReader.h"
#include "LinuxTaskActivity.h"
#include "NormalizedEvent.h"

#include <QRegularExpression>

#include <deque>
#include <map>

namespace tb {

namespace {

// One line: `[node=H ]type=T msg=audit(E:S): k=v … [0x1D K="v" …]`.
struct Record {
    QString type;
    QList<QPair<QString, QString>> fields; // raw spelling, quotes removed; ENRICHED keys are upper-case
    bool quoted(const QString &key) const { return m_quoted.contains(key); }
    QString value(const char *key) const {
        for (const auto &[k, v] : fields) {
            if (k == QLatin1String(key))
                return v;
        }
        return {};
    }
    QStringList m_quoted;
};

struct Group {
    QString key; // "1741089362.118:48211"
    QString node;
    std::vector<Record> records;
    QStringList lines;
    qint64 recordNo = 0; // 0-based index of the group's first line
    qint64 line = 0;     // 1-based

    const Record *find(const char *type) const {
        for (const Record &r : records) {
            if (r.type == QLatin1String(type))
                return &r;
        }
        return nullptr;
    }
};

// Record types that belong to a syscall event; any other type is an event on its own.
bool isSyscallPart(const QString &type) {
    static const QStringList parts{
        QStringLiteral("SYSCALL"), QStringLiteral("EXECVE"),     QStringLiteral("CWD"),
        QStringLiteral("PATH"),    QStringLiteral("PROCTITLE"),  QStringLiteral("SOCKADDR"),
        QStringLiteral("FD_PAIR"), QStringLiteral("MMAP"),       QStringLiteral("BPRM_FCAPS"),
        QStringLiteral("CAPSET"),  QStringLiteral("OBJ_PID"),    QStringLiteral("IPC"),
        QStringLiteral("EOE"),     QStringLiteral("SOCKETCALL"), QStringLiteral("NETFILTER_CFG")};
    return parts.contains(type);
}

bool isHex(QStringView v) {
    if (v.isEmpty() || v.size() % 2)
        return false;
    for (const QChar c : v) {
        if (!((c >= QLatin1Char('0') && c <= QLatin1Char('9')) ||
              (c >= QLatin1Char('A') && c <= QLatin1Char('F'))))
            return false;
    }
    return true;
}

// Values auditd hex-encodes when they hold blanks, quotes or control characters: unquoted upper-case hex.
QString decoded(const Record &r, const QString &key) {
    const QString v = r.value(key.toLatin1().constData());
    if (r.quoted(key) || !isHex(v))
        return v;
    QByteArray bytes = QByteArray::fromHex(v.toLatin1());
    bytes.replace('\0', ' '); // proctitle: argv separated by NULs
    return QString::fromUtf8(bytes).trimmed();
}

bool parseRecord(const QString &line, Record &record, QString &key, QString &node) {
    static const QRegularExpression head(
        QStringLiteral("^(?:node=(\\S+) )?type=(\\S+) msg=audit\\((\\d+\\.\\d+:\\d+)\\):\\s?"));
    const QRegularExpressionMatch m = head.match(line);
    if (!m.hasMatch())
        return false;
    node = m.captured(1);
    record.type = m.captured(2);
    key = m.captured(3);
    // key=value pairs: "quoted", 'quoted' (USER_* msg=) or bare; the 0x1D separator is a blank here.
    const QString rest = line.mid(m.capturedEnd());
    qsizetype i = 0;
    while (i < rest.size()) {
        while (i < rest.size() && (rest[i].isSpace() || rest[i] == QChar(0x1D)))
            ++i;
        const qsizetype eq = rest.indexOf(QLatin1Char('='), i);
        if (eq < 0)
            break;
        const QString name = rest.mid(i, eq - i);
        i = eq + 1;
        QString value;
        if (i < rest.size() && (rest[i] == QLatin1Char('"') || rest[i] == QLatin1Char('\''))) {
            const QChar quote = rest[i];
            const qsizetype end = rest.indexOf(quote, i + 1);
            value = rest.mid(i + 1, (end < 0 ? rest.size() : end) - i - 1);
            i = end < 0 ? rest.size() : end + 1;
            record.m_quoted << name;
        } else {
            qsizetype end = i;
            while (end < rest.size() && !rest[end].isSpace() && rest[end] != QChar(0x1D))
                ++end;
            value = rest.mid(i, end - i);
            i = end;
        }
        record.fields.append({name, value});
    }
    return true;
}

// x86_64 numbers of the syscalls that matter here, for RAW logs (ENRICHED ones name them).
QString syscallName(const Record &syscall) {
    if (const QString named = syscall.value("SYSCALL"); !named.isEmpty())
        return named;
    static const QHash<QString, QString> x86_64{{QStringLiteral("2"), QStringLiteral("open")},
                                                {QStringLiteral("59"), QStringLiteral("execve")},
                                                {QStringLiteral("82"), QStringLiteral("rename")},
                                                {QStringLiteral("87"), QStringLiteral("unlink")},
                                                {QStringLiteral("257"), QStringLiteral("openat")},
                                                {QStringLiteral("263"), QStringLiteral("unlinkat")},
                                                {QStringLiteral("264"), QStringLiteral("renameat")},
                                                {QStringLiteral("316"), QStringLiteral("renameat2")},
                                                {QStringLiteral("322"), QStringLiteral("execveat")},
                                                {QStringLiteral("85"), QStringLiteral("creat")}};
    const QString number = syscall.value("syscall");
    return syscall.value("arch") == QLatin1String("c000003e") ? x86_64.value(number, number) : number;
}

// A user name if the log interprets it, else the number (4294967295 is "unset").
QString account(const Record &r, const char *interpreted, const char *number) {
    const QString name = r.value(interpreted);
    if (!name.isEmpty() && name != QLatin1String("unset"))
        return name;
    const QString id = r.value(number);
    if (id == QLatin1String("0"))
        return QStringLiteral("root"); // the one id that is the same name everywhere
    return id == QLatin1String("4294967295") ? QString() : id;
}

// Why a syscall event cannot be imported as it is, or empty. `atEnd`: the file ended before it closed.
QString incompleteness(const Group &g, bool atEnd, bool fileHasProctitles) {
    const Record *syscall = g.find("SYSCALL");
    if (!syscall)
        return QStringLiteral(
                   "audit event %1 has no SYSCALL record: it began in the previous log file (rotated?); "
                   "the partial event is not imported")
            .arg(g.key);
    if (!atEnd)
        return {};
    QStringList missing;
    const int items = syscall->value("items").toInt();
    const int paths = int(std::count_if(g.records.cbegin(), g.records.cend(),
                                        [](const Record &r) { return r.type == QLatin1String("PATH"); }));
    if (paths < items)
        missing << QStringLiteral("items=%1 but %2 PATH record%3")
                       .arg(items)
                       .arg(paths)
                       .arg(paths == 1 ? QString() : QStringLiteral("s"));
    const QString name = syscallName(*syscall);
    if ((name == QLatin1String("execve") || name == QLatin1String("execveat")) && !g.find("EXECVE"))
        missing << QStringLiteral("no EXECVE record");
    if (fileHasProctitles && !g.find("PROCTITLE"))
        missing << QStringLiteral("no PROCTITLE");
    if (missing.isEmpty())
        return {};
    return QStringLiteral(
               "the file ends inside audit event %1 (%2): the rest is probably in the next log file; the "
               "partial event is not imported")
        .arg(g.key, missing.join(QStringLiteral(", ")));
}

} // namespace

struct AuditdReader::Impl {
    Impl(QIODevice *device, ReaderContext ctx)
        : lines(device)
        , context(std::move(ctx)) {}

    void close(const QString &key, bool atEnd);
    EventReader::Status toEvent(Group &group, bool atEnd, NormalizedEvent &event, ImportIssue &issue);

    LineReader lines;
    ReaderContext context;
    qint64 lineIndex = -1;

    std::map<QString, Group> open;            // by key
    std::deque<QString> openOrder;            // keys, oldest first (may hold closed ones)
    std::deque<std::pair<Group, bool>> ready; // with "closed by the end of the file"
    bool fileHasProctitles = false;
    bool ended = false;
};

void AuditdReader::Impl::close(const QString &key, bool atEnd) {
    const auto it = open.find(key);
    if (it == open.end())
        return;
    ready.emplace_back(std::move(it->second), atEnd);
    open.erase(it);
}

EventReader::Status AuditdReader::Impl::toEvent(Group &g, bool atEnd, NormalizedEvent &event,
                                                ImportIssue &issue) {
    event.clear();
    event.recordNo = g.recordNo;
    issue.record = g.recordNo;
    issue.line = g.line;
    event.raw = g.lines.join(QLatin1Char('\n'));
    const bool syscallEvent = std::any_of(g.records.cbegin(), g.records.cend(),
                                          [](const Record &r) { return isSyscallPart(r.type); });
    if (syscallEvent) {
        if (const QString why = incompleteness(g, atEnd, fileHasProctitles); !why.isEmpty()) {
            issue.problem = why;
            return Status::Skipped;
        }
    }

    FlatJson fields;
    QHash<QString, int> seen;
    for (const Record &r : g.records) {
        const int n = seen[r.type]++;
        const QString prefix =
            n == 0 ? r.type + QLatin1Char('.') : QStringLiteral("%1.%2.").arg(r.type).arg(n);
        for (const auto &[k, v] : r.fields)
            fields.add(prefix + k, v);
    }
    event.rawFields = fields.toJsonObject();

    const QString epoch = g.key.section(QLatin1Char(':'), 0, 0);
    normalize::assign(event, EventField::TimeUtc, epoch, context.times);
    normalize::setHost(event, g.node);
    event.set(EventField::RecordId, g.key.section(QLatin1Char(':'), 1));
    event.identity = g.node + QLatin1Char('|') + g.key;
    event.set(EventField::EventSource, QStringLiteral("auditd"));
    event.set(EventField::Platform, QStringLiteral("linux"));
    event.set(EventField::RuleSource, QStringLiteral("raw"));

    const Record *syscall = g.find("SYSCALL");
    const Record &main = syscall ? *syscall : g.records.front();
    event.set(EventField::EventCode, main.type);
    const QString ruleKey = main.value("key");
    const QString what = syscall ? syscallName(*syscall) : main.type;
    event.set(EventField::RuleName, !ruleKey.isEmpty() && ruleKey != QLatin1String("(null)")
                                        ? ruleKey
                                        : QStringLiteral("Linux audit %1").arg(what));

    const QString user = account(main, "AUID", "auid");
    const QString runAs = account(main, "UID", "uid");
    normalize::setUser(event, user.isEmpty() ? runAs : user);
    const QString uid = main.value("auid") != QLatin1String("4294967295") && !main.value("auid").isEmpty()
                            ? main.value("auid")
                            : main.value("uid");
    event.set(EventField::UserSid, uid);
    event.set(EventField::ProcessName, decoded(main, QStringLiteral("comm")));
    normalize::setProcessImage(event, decoded(main, QStringLiteral("exe")));
    event.set(EventField::ProcessPid, normalize::pid(main.value("pid")));
    event.set(EventField::ParentPid, normalize::pid(main.value("ppid")));

    QStringList argv;
    if (const Record *execve = g.find("EXECVE")) {
        const int argc = execve->value("argc").toInt();
        for (int i = 0; i < argc; ++i)
            argv << decoded(*execve, QStringLiteral("a%1").arg(i));
        event.set(EventField::CommandLine, argv.join(QLatin1Char(' ')));
    }
    if (const Record *title = g.find("PROCTITLE"); title && event.value(EventField::CommandLine).isEmpty())
        event.set(EventField::CommandLine, decoded(*title, QStringLiteral("proctitle")));

    // The file the syscall created (or removed), relative names resolved against their PARENT item or the
    // cwd.
    const Record *cwdRecord = g.find("CWD");
    const QString cwd = cwdRecord ? decoded(*cwdRecord, QStringLiteral("cwd")) : QString();
    QString parent, target, operation;
    for (const Record &r : g.records) {
        if (r.type != QLatin1String("PATH"))
            continue;
        const QString nametype = r.value("nametype");
        const QString name = decoded(r, QStringLiteral("name"));
        if (nametype == QLatin1String("PARENT")) {
            parent = name;
        } else if ((nametype == QLatin1String("CREATE") || nametype == QLatin1String("DELETE")) &&
                   operation != QLatin1String("created")) {
            const QString base = parent.isEmpty() ? cwd : parent;
            target = name.startsWith(QLatin1Char('/')) || base.isEmpty()
                         ? name
                         : (base.endsWith(QLatin1Char('/')) ? base : base + QLatin1Char('/')) + name;
            operation =
                nametype == QLatin1String("CREATE") ? QStringLiteral("created") : QStringLiteral("deleted");
        }
    }
    if (!target.isEmpty()) {
        event.set(EventField::TargetPath, target);
        LinuxTaskActivity::applyFile(event, target, operation);
    }
    LinuxTaskActivity::applyCommand(event, argv, runAs); // crontab edits the real user's table
    normalize::finish(event);
    return Status::Event;
}

AuditdReader::AuditdReader(QIODevice *device, ReaderContext context)
    : d(std::make_unique<Impl>(device, std::move(context))) {}

AuditdReader::~AuditdReader() = default;

bool AuditdReader::matches(const FileHead &head) {
    static const QRegularExpression record(
        QStringLiteral("^(node=\\S+ )?type=\\w+ msg=audit\\(\\d+\\.\\d+:\\d+\\): "));
    return record.match(head.firstLine).hasMatch();
}

EventReader::Status AuditdReader::next(NormalizedEvent &event, ImportIssue &issue) {
    for (;;) {
        issue = ImportIssue();
        issue.file = d->context.fileName;
        if (!d->ready.empty()) {
            auto [group, atEnd] = std::move(d->ready.front());
            d->ready.pop_front();
            return d->toEvent(group, atEnd, event, issue);
        }
        if (d->ended)
            return Status::End;
        QByteArray bytes;
        if (!d->lines.next(bytes)) {
            if (!d->lines.errorString().isEmpty()) {
                issue.record = d->lineIndex + 1;
                issue.problem = d->lines.errorString();
                return Status::Failed;
            }
            for (const QString &key : d->openOrder)
                d->close(key, true);
            d->openOrder.clear();
            d->ended = true;
            continue;
        }
        ++d->lineIndex;
        if (bytes.trimmed().isEmpty())
            continue;
        const QString line = QString::fromUtf8(bytes);
        Record record;
        QString key, node;
        if (!parseRecord(line, record, key, node)) {
            issue.record = d->lineIndex;
            issue.line = d->lineIndex + 1;
            issue.problem = QStringLiteral("not an audit record (expected \"type=… msg=audit(…): …\")");
            return Status::Skipped;
        }
        if (record.type == QLatin1String("PROCTITLE"))
            d->fileHasProctitles = true;
        auto it = d->open.find(key);
        if (it == d->open.end()) {
            Group g;
            g.key = key;
            g.node = node;
            g.recordNo = d->lineIndex;
            g.line = d->lineIndex + 1;
            it = d->open.emplace(key, std::move(g)).first;
            d->openOrder.push_back(key);
        }
        Group &g = it->second;
        // PROCTITLE (or EOE) is the last record of an event; other events close by distance or at the end.
        const bool closes = record.type == QLatin1String("PROCTITLE") || record.type == QLatin1String("EOE");
        g.records.push_back(std::move(record));
        g.lines << line;
        if (closes)
            d->close(key, false);
        // Records of one event sit close together: an event left open this long is complete.
        while (!d->openOrder.empty()) {
            const auto oldest = d->open.find(d->openOrder.front());
            if (oldest != d->open.end() && d->lineIndex - oldest->second.recordNo < groupWindowLines)
                break;
            if (oldest != d->open.end())
                d->close(d->openOrder.front(), false);
            d->openOrder.pop_front();
        }
    }
}

} // namespace tb
