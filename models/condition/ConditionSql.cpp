#include "ConditionSql.h"

#include "ConditionMatcher.h"
#include "store/Database.h"
#include "store/StoreError.h"

#include <QCache>
#include <QRegularExpression>

#include <sqlite3.h>

namespace tb {

namespace {

// LIKE pattern for a Sigma value: wildcards become % and _, literal % _ and \ are escaped.
QString likePattern(const QString &value, bool anyStart, bool anyEnd) {
    QString out = anyStart ? QStringLiteral("%") : QString();
    for (qsizetype i = 0; i < value.size(); ++i) {
        const QChar c = value[i];
        if (c == QLatin1Char('\\') && i + 1 < value.size() &&
            (value[i + 1] == QLatin1Char('*') || value[i + 1] == QLatin1Char('?'))) {
            out += value[++i];
        } else if (c == QLatin1Char('*')) {
            out += QLatin1Char('%');
        } else if (c == QLatin1Char('?')) {
            out += QLatin1Char('_');
        } else if (c == QLatin1Char('%') || c == QLatin1Char('_') || c == QLatin1Char('\\')) {
            out += QLatin1Char('\\');
            out += c;
        } else {
            out += c;
        }
    }
    if (anyEnd)
        out += QLatin1Char('%');
    return out;
}

QString predicateSql(const FieldPredicate &p, const ConditionSettings &settings, QVariantList &parameters) {
    const QString column = QStringLiteral("events.") + eventFieldColumn(p.field);
    using K = FieldPredicate::Kind;
    if (p.kind == K::Exists) {
        const bool exists = p.values.value(0).compare(QLatin1String("false"), Qt::CaseInsensitive) != 0;
        return exists ? QStringLiteral("(%1 IS NOT NULL AND %1 <> '')").arg(column)
                      : QStringLiteral("(%1 IS NULL OR %1 = '')").arg(column);
    }
    const QStringList values = predicateValues(p, settings);
    if (values.isEmpty())
        return QStringLiteral("0");
    QStringList parts;
    for (const QString &value : values) {
        switch (p.kind) {
        case K::Regex:
            parts << QStringLiteral("tb_regexp(?, %1)").arg(column);
            parameters << value;
            break;
        case K::Cidr:
            parts << QStringLiteral("tb_cidr(%1, ?)").arg(column);
            parameters << value;
            break;
        default: {
            // ASCII needles use LIKE and NOCASE, which fold ASCII only and so can use the NOCASE
            // indexes; others compare folded text (foldCase) through tb_fold(), without an index.
            const bool unicode = needsUnicodeFold(value);
            const QString folded = unicode ? foldCase(value) : value;
            const QString operand = unicode ? QStringLiteral("tb_fold(%1)").arg(column) : column;
            if (p.kind == K::Equals && !hasWildcard(value)) {
                parts << (unicode ? QStringLiteral("%1 = ?") : QStringLiteral("%1 = ? COLLATE NOCASE"))
                             .arg(operand);
                parameters << QString(folded)
                                  .replace(QLatin1String("\\*"), QLatin1String("*"))
                                  .replace(QLatin1String("\\?"), QLatin1String("?"));
            } else {
                parts << QStringLiteral("%1 LIKE ? ESCAPE '\\'").arg(operand);
                parameters << likePattern(folded, p.kind == K::Contains || p.kind == K::EndsWith,
                                          p.kind == K::Contains || p.kind == K::StartsWith);
            }
        }
        }
    }
    return QLatin1Char('(') + parts.join(p.all ? QStringLiteral(" AND ") : QStringLiteral(" OR ")) +
           QLatin1Char(')');
}

void regexpFunction(sqlite3_context *context, int, sqlite3_value **argv) {
    const auto *pattern = reinterpret_cast<const char *>(sqlite3_value_text(argv[0]));
    const auto *value = reinterpret_cast<const char *>(sqlite3_value_text(argv[1]));
    if (!pattern || !value) {
        sqlite3_result_int(context, 0);
        return;
    }
    // One connection runs one statement at a time; a small per-thread cache avoids recompiling.
    thread_local QCache<QString, QRegularExpression> cache(64);
    const QString key = QString::fromUtf8(pattern);
    QRegularExpression *regex = cache.object(key);
    if (!regex) {
        regex = new QRegularExpression(key, QRegularExpression::CaseInsensitiveOption);
        cache.insert(key, regex);
    }
    // The C++ matcher searches folded text: so does SQL, for the same answer on every event.
    sqlite3_result_int(context, regex->match(foldCase(QString::fromUtf8(value))).hasMatch() ? 1 : 0);
}

void foldFunction(sqlite3_context *context, int, sqlite3_value **argv) {
    const auto *value = reinterpret_cast<const char *>(sqlite3_value_text(argv[0]));
    if (!value) {
        sqlite3_result_null(context);
        return;
    }
    const QByteArray folded = foldCase(QString::fromUtf8(value)).toUtf8();
    sqlite3_result_text(context, folded.constData(), int(folded.size()), SQLITE_TRANSIENT);
}

void cidrFunction(sqlite3_context *context, int, sqlite3_value **argv) {
    const auto *value = reinterpret_cast<const char *>(sqlite3_value_text(argv[0]));
    const auto *network = reinterpret_cast<const char *>(sqlite3_value_text(argv[1]));
    if (!value || !network) {
        sqlite3_result_int(context, 0);
        return;
    }
    FieldPredicate predicate;
    predicate.field = EventField::SourceIp;
    predicate.kind = FieldPredicate::Kind::Cidr;
    predicate.values = {QString::fromUtf8(network)};
    Condition condition;
    condition.match = {predicate};
    LoweredEvent event;
    event.values[size_t(EventField::SourceIp)] = QString::fromUtf8(value);
    sqlite3_result_int(context, ConditionMatcher(condition, {}).matches(event) ? 1 : 0);
}

} // namespace

QString ConditionSql::compile(const Condition &condition, const ConditionSettings &settings,
                              QVariantList &parameters) {
    if (condition.match.isEmpty())
        return QStringLiteral("0");
    QStringList match;
    for (const FieldPredicate &p : condition.match)
        match << predicateSql(p, settings, parameters);
    QString sql = match.join(QStringLiteral(" AND "));
    if (!condition.filter.isEmpty()) {
        QStringList filter;
        for (const FieldPredicate &p : condition.filter) {
            // NULL columns must count as "does not match", hence the coalesce.
            filter << QStringLiteral("coalesce(%1, 0)").arg(predicateSql(p, settings, parameters));
        }
        sql += QStringLiteral(" AND NOT (") + filter.join(QStringLiteral(" AND ")) + QLatin1Char(')');
    }
    return QLatin1Char('(') + sql + QLatin1Char(')');
}

void ConditionSql::registerFunctions(Database &db) {
    // Already there? Registering again fails while any statement of the connection is active.
    sqlite3_stmt *probe = nullptr;
    const bool registered =
        sqlite3_prepare_v2(db.handle(), "SELECT tb_fold(''), tb_regexp('', ''), tb_cidr('', '')", -1, &probe,
                           nullptr) == SQLITE_OK;
    sqlite3_finalize(probe);
    if (registered)
        return;
    const int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC;
    if (sqlite3_create_function(db.handle(), "tb_regexp", 2, flags, nullptr, &regexpFunction, nullptr,
                                nullptr) != SQLITE_OK ||
        sqlite3_create_function(db.handle(), "tb_cidr", 2, flags, nullptr, &cidrFunction, nullptr, nullptr) !=
            SQLITE_OK ||
        sqlite3_create_function(db.handle(), "tb_fold", 1, flags, nullptr, &foldFunction, nullptr, nullptr) !=
            SQLITE_OK)
        throw StoreError(
            QStringLiteral("%1: cannot register SQL functions: %2").arg(db.path(), db.errorMessage()));
}

} // namespace tb
