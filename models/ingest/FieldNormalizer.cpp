#include "FieldNormalizer.h"

#include "NormalizedEvent.h"
#include "TaskCommandParser.h"
#include "TimeNormalizer.h"
#include "WindowsCommandLine.h"

namespace tb::normalize {

void setUser(NormalizedEvent &event, const QString &account) {
    const QString trimmed = account.trimmed();
    if (trimmed.isEmpty())
        return;
    const qsizetype slash = trimmed.indexOf(QLatin1Char('\\'));
    if (slash > 0) {
        event.setIfEmpty(EventField::UserDomain, trimmed.left(slash));
        event.setIfEmpty(EventField::User, trimmed.mid(slash + 1));
        return;
    }
    const qsizetype at = trimmed.indexOf(QLatin1Char('@'));
    if (at > 0 && !trimmed.startsWith(QLatin1String("system:"))) {
        event.setIfEmpty(EventField::User, trimmed.left(at));
        event.setIfEmpty(EventField::UserDomain, trimmed.mid(at + 1));
        return;
    }
    event.setIfEmpty(EventField::User, trimmed);
}

QString runAs(const QString &account) {
    QString trimmed = account.trimmed();
    if (trimmed.size() >= 2 && trimmed.startsWith(QLatin1Char('"')) && trimmed.endsWith(QLatin1Char('"')))
        trimmed = trimmed.mid(1, trimmed.size() - 2).trimmed(); // schtasks /ru "NT AUTHORITY\SYSTEM"
    // The SID, the account name with and without its NT AUTHORITY domain, and the service control
    // manager's one-word names (LocalSystem, LocalService, NetworkService).
    struct WellKnown {
        const char *canonical;
        const char *spellings[4]; // unused slots are null
    };
    static constexpr WellKnown accounts[] = {
        {"NT AUTHORITY\\SYSTEM", {"S-1-5-18", "SYSTEM", "LocalSystem", "Local System"}},
        {"NT AUTHORITY\\LOCAL SERVICE", {"S-1-5-19", "LOCAL SERVICE", "LocalService", nullptr}},
        {"NT AUTHORITY\\NETWORK SERVICE", {"S-1-5-20", "NETWORK SERVICE", "NetworkService", nullptr}},
    };
    static const QLatin1String domain("NT AUTHORITY\\");
    const QStringView name = trimmed.startsWith(domain, Qt::CaseInsensitive)
                                 ? QStringView(trimmed).mid(domain.size())
                                 : QStringView(trimmed);
    for (const WellKnown &account : accounts) {
        for (const char *spelling : account.spellings) {
            if (spelling && name.compare(QLatin1String(spelling), Qt::CaseInsensitive) == 0)
                return QLatin1String(account.canonical);
        }
    }
    return trimmed;
}

void setRunAs(NormalizedEvent &event, const QString &account) {
    if (event.value(EventField::TaskRunAs).isEmpty())
        event.set(EventField::TaskRunAs, runAs(account));
}

namespace {
bool isIpLiteral(const QString &text) {
    if (text.contains(QLatin1Char(':')))
        return true; // IPv6; host names never hold a colon
    for (const QChar c : text) {
        if (!c.isDigit() && c != QLatin1Char('.'))
            return false;
    }
    return true;
}
} // namespace

void setHost(NormalizedEvent &event, const QString &name) {
    const QString lower = name.trimmed().toLower();
    if (lower.isEmpty())
        return;
    if (isIpLiteral(lower) || !lower.contains(QLatin1Char('.'))) {
        event.setIfEmpty(EventField::Host, lower);
        return;
    }
    event.setIfEmpty(EventField::HostFqdn, lower);
    event.setIfEmpty(EventField::Host, lower.section(QLatin1Char('.'), 0, 0));
}

void setProcessImage(NormalizedEvent &event, const QString &image) {
    if (image.isEmpty())
        return;
    event.setIfEmpty(EventField::ProcessName, imageBaseName(image));
    if (image.contains(QLatin1Char('\\')) || image.contains(QLatin1Char('/')))
        event.setIfEmpty(EventField::ProcessImage, image);
}

void setParentImage(NormalizedEvent &event, const QString &image) {
    if (image.isEmpty())
        return;
    event.setIfEmpty(EventField::ParentName, imageBaseName(image));
    if (image.contains(QLatin1Char('\\')) || image.contains(QLatin1Char('/')))
        event.setIfEmpty(EventField::ParentImage, image);
}

QString pid(const QString &text) {
    const QString t = text.trimmed();
    bool ok = false;
    qint64 value = 0;
    if (t.startsWith(QLatin1String("0x"), Qt::CaseInsensitive))
        value = t.mid(2).toLongLong(&ok, 16);
    else
        value = t.toLongLong(&ok, 10);
    return ok && value >= 0 ? QString::number(value) : QString();
}

QString severity(const QString &raw) {
    const QString s = raw.trimmed().toLower();
    if (s.isEmpty())
        return {};
    if (s.startsWith(QLatin1String("info")))
        return QStringLiteral("informational");
    if (s == QLatin1String("low"))
        return QStringLiteral("low");
    if (s.startsWith(QLatin1String("med")))
        return QStringLiteral("medium");
    if (s == QLatin1String("high"))
        return QStringLiteral("high");
    if (s.startsWith(QLatin1String("crit")) || s.startsWith(QLatin1String("emer")))
        return QStringLiteral("critical");
    bool ok = false;
    const double score = s.toDouble(&ok); // 0–100 risk scores (Elastic's bands)
    if (ok) {
        if (score >= 99)
            return QStringLiteral("critical");
        if (score >= 73)
            return QStringLiteral("high");
        if (score >= 47)
            return QStringLiteral("medium");
        if (score >= 21)
            return QStringLiteral("low");
        return QStringLiteral("informational");
    }
    return {};
}

QString status(const QString &raw) {
    const QString s = raw.trimmed().toLower();
    if (s.isEmpty())
        return {};
    if (s == QLatin1String("new") || s == QLatin1String("open") || s == QLatin1String("unassigned"))
        return QStringLiteral("new");
    if (s.contains(QLatin1String("progress")) || s == QLatin1String("acknowledged") ||
        s == QLatin1String("pending") || s == QLatin1String("active"))
        return QStringLiteral("in_progress");
    if (s == QLatin1String("closed") || s == QLatin1String("resolved"))
        return QStringLiteral("closed");
    return {};
}

QString guessPlatform(const NormalizedEvent &event) {
    if (!event.value(EventField::K8sResource).isEmpty() || !event.value(EventField::K8sNamespace).isEmpty())
        return QStringLiteral("kubernetes");
    for (EventField f : {EventField::ProcessImage, EventField::TargetPath, EventField::CommandLine}) {
        const QString &v = event.value(f);
        if (v.startsWith(QLatin1Char('/')))
            return QStringLiteral("linux");
        if (v.size() > 2 && v[1] == QLatin1Char(':'))
            return QStringLiteral("windows");
    }
    if (!event.value(EventField::ProcessName).isEmpty() &&
        event.value(EventField::ProcessName).endsWith(QLatin1String(".exe"), Qt::CaseInsensitive))
        return QStringLiteral("windows");
    return {};
}

QString assign(NormalizedEvent &event, EventField field, const QString &value, const TimeNormalizer &times) {
    if (value.isEmpty())
        return {};
    switch (field) {
    case EventField::TimeUtc:
    case EventField::AlertTimeUtc: {
        const NormalizedTime time = times.normalize(value);
        if (!time.ok())
            return QStringLiteral("\"%1\" is not a time this reader understands").arg(value.left(64));
        event.set(field, time.utc);
        if (field == EventField::TimeUtc) {
            event.set(EventField::TimeOriginal, value);
            event.set(EventField::TimeConfidence, time.confidence);
        }
        return {};
    }
    case EventField::Host:
    case EventField::HostFqdn:
        setHost(event, value);
        return {};
    case EventField::User:
        setUser(event, value);
        return {};
    case EventField::ProcessImage:
    case EventField::ProcessName:
        setProcessImage(event, value);
        return {};
    case EventField::ParentImage:
    case EventField::ParentName:
        setParentImage(event, value);
        return {};
    case EventField::ProcessPid:
    case EventField::ParentPid:
        event.set(field, pid(value));
        return {};
    case EventField::Severity:
        event.set(EventField::SeverityRaw, value);
        event.set(EventField::Severity, severity(value));
        return {};
    case EventField::TaskRunAs:
        setRunAs(event, value);
        return {};
    case EventField::Status:
        event.set(EventField::StatusRaw, value);
        event.set(EventField::Status, status(value));
        return {};
    default:
        event.setIfEmpty(field, value);
        return {};
    }
}

void finish(NormalizedEvent &event) {
    if (const auto task = TaskCommandParser::parse(event.value(EventField::CommandLine)))
        TaskCommandParser::apply(*task, event);
    event.setIfEmpty(EventField::Platform, guessPlatform(event));
    if (event.value(EventField::TimeUtc).isEmpty())
        event.set(EventField::TimeConfidence, QStringLiteral("missing"));
}

} // namespace tb::normalize
