#include "ValueGeneralizer.h"

#include <QRegularExpression>

#include <algorithm>
#include <optional>
#include <vector>

namespace tb {

namespace {

// A pattern whose first capture group (or whole match) varies per machine, user or release.
struct Rule {
    const char *id;
    const char *description;
    const char *pattern;
    bool broad; // widens more than the varying part: offered on its own, last
};

// Profile folders that are not one user's: C:\Users\Public is world-writable, not a profile.
#define TB_NOT_SHARED_PROFILE "(?!(?:public|default|default user|all users)\\\\)"

constexpr Rule rules[] = {
    {"guid", "GUID → *", "([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})", false},
    {"sid", "user SID → *", "s-1-5-21-(\\d+-\\d+-\\d+(?:-\\d+)?)", false},
    {"hex_id", "hexadecimal id → *",
     "(?<![0-9a-z])((?=[0-9a-f]*[a-f])(?=[0-9a-f]*\\d)[0-9a-f]{16,})(?![0-9a-z])", false},
    {"version", "version number → *", "(?<![\\w.])v?(\\d+(?:\\.\\d+){1,3})(?!\\.?\\d)", false},
    {"user_folder", "user folder → *", "[a-z]:\\\\users\\\\" TB_NOT_SHARED_PROFILE "([^\\\\\"/]+)\\\\",
     false},
    {"home_folder", "home folder → *", "/(?:home|users)/([^/\\s\"']+)/", false},
    {"profile_path", "profile path → *",
     "(?<![^\\s\"'=])([a-z]:\\\\users\\\\" TB_NOT_SHARED_PROFILE "[^\\\\\"/]+)\\\\", true},
};

#undef TB_NOT_SHARED_PROFILE

const std::vector<QRegularExpression> &compiled() {
    static const std::vector<QRegularExpression> patterns = [] {
        std::vector<QRegularExpression> result;
        for (const Rule &rule : rules)
            result.emplace_back(QString::fromUtf8(rule.pattern), QRegularExpression::CaseInsensitiveOption);
        return result;
    }();
    return patterns;
}

// Character ranges of `value` that become '*'.
using Spans = QList<QPair<qsizetype, qsizetype>>; // start, length

Spans spansOf(size_t rule, const QString &value) {
    Spans spans;
    auto it = compiled()[rule].globalMatch(value);
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        const int group = m.lastCapturedIndex() >= 1 ? 1 : 0;
        spans.append({m.capturedStart(group), m.capturedLength(group)});
    }
    return spans;
}

// The value with the spans replaced by '*', the rest escaped. Backslashes right before a '*' are
// dropped (the star covers them), since "\\*" would mean a literal star.
QString render(const QString &value, Spans spans) {
    std::sort(spans.begin(), spans.end());
    QString out;
    qsizetype at = 0;
    for (const auto &[start, length] : spans) {
        const qsizetype end = start + length;
        if (end <= at) // inside a span already replaced
            continue;
        if (start >= at) {
            out += ValueGeneralizer::literal(value.mid(at, start - at));
            while (out.endsWith(QLatin1Char('\\')))
                out.chop(1);
            // Two spans with nothing between them are one star.
            if (!out.endsWith(QLatin1Char('*')) || out.endsWith(QLatin1String("\\*")))
                out += QLatin1Char('*');
        }
        at = end;
    }
    return out + ValueGeneralizer::literal(value.mid(at));
}

} // namespace

QString ValueGeneralizer::literal(const QString &value) {
    QString out;
    out.reserve(value.size());
    for (const QChar c : value) {
        if (c == QLatin1Char('*') || c == QLatin1Char('?'))
            out += QLatin1Char('\\');
        out += c;
    }
    return out;
}

bool ValueGeneralizer::generalizes(EventField field) {
    switch (field) {
    case EventField::TaskName:
    case EventField::TaskAction:
    case EventField::CommandLine:
    case EventField::ParentCommandLine:
    case EventField::ProcessImage:
    case EventField::ParentImage:
    case EventField::TargetPath:
    case EventField::ContainerImage:
    case EventField::UserAgent:
        return true;
    default:
        return false;
    }
}

QList<Generalization> ValueGeneralizer::generalize(EventField field, const QString &value) {
    QList<Generalization> result;
    if (!generalizes(field) || value.isEmpty())
        return result;
    Spans narrow;
    QStringList narrowIds, narrowNames;
    std::optional<size_t> broadRule;
    Spans broad;
    for (size_t r = 0; r < std::size(rules); ++r) {
        const Spans spans = spansOf(r, value);
        if (spans.isEmpty())
            continue;
        if (rules[r].broad) {
            broadRule = r;
            broad = spans;
            continue;
        }
        result.append({QString::fromLatin1(rules[r].id), QString::fromUtf8(rules[r].description),
                       render(value, spans)});
        narrow += spans;
        narrowIds << QString::fromLatin1(rules[r].id);
        narrowNames << QString::fromUtf8(rules[r].description);
    }
    if (narrowIds.size() > 1)
        result.append({narrowIds.join(QLatin1Char('+')), narrowNames.join(QStringLiteral(", ")),
                       render(value, narrow)});
    if (broadRule) {
        // The profile form replaces the user-folder one; the other narrow rules still apply.
        Spans combined = broad;
        QStringList ids{QString::fromLatin1(rules[*broadRule].id)};
        QStringList names{QString::fromUtf8(rules[*broadRule].description)};
        for (size_t r = 0; r < std::size(rules); ++r) {
            if (rules[r].broad || QLatin1String(rules[r].id) == QLatin1String("user_folder"))
                continue;
            const Spans spans = spansOf(r, value);
            if (!spans.isEmpty()) {
                combined += spans;
                ids << QString::fromLatin1(rules[r].id);
                names << QString::fromUtf8(rules[r].description);
            }
        }
        result.append(
            {ids.join(QLatin1Char('+')), names.join(QStringLiteral(", ")), render(value, combined)});
    }
    // Two rules can give the same text (a GUID that is also the whole hex id): keep the first.
    QStringList seen;
    result.erase(std::remove_if(result.begin(), result.end(),
                                [&seen](const Generalization &g) {
                                    if (seen.contains(g.value))
                                        return true;
                                    seen << g.value;
                                    return false;
                                }),
                 result.end());
    return result;
}

} // namespace tb
