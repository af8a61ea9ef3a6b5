#include "JsonText.h"

namespace tb {

void appendJsonString(QString &out, QStringView value) {
    static const char hex[] = "0123456789abcdef";
    out += QLatin1Char('"');
    // Copy runs that need no escaping in one append: most values have none.
    qsizetype runStart = 0;
    const qsizetype n = value.size();
    for (qsizetype i = 0; i < n; ++i) {
        const char16_t u = value[i].unicode();
        if (u >= 0x20 && u != u'"' && u != u'\\')
            continue;
        out.append(value.mid(runStart, i - runStart));
        runStart = i + 1;
        switch (u) {
        case u'"':
            out += QLatin1String("\\\"");
            break;
        case u'\\':
            out += QLatin1String("\\\\");
            break;
        case u'\n':
            out += QLatin1String("\\n");
            break;
        case u'\r':
            out += QLatin1String("\\r");
            break;
        case u'\t':
            out += QLatin1String("\\t");
            break;
        default:
            out += QLatin1String("\\u00");
            out += QLatin1Char(hex[u >> 4]);
            out += QLatin1Char(hex[u & 0xF]);
        }
    }
    out.append(value.mid(runStart));
    out += QLatin1Char('"');
}

QString csvRowToJsonObject(const QStringList &header, const QStringList &row) {
    QString out;
    out.reserve(64 + row.size() * 32);
    out += QLatin1Char('{');
    for (qsizetype i = 0; i < row.size(); ++i) {
        if (i > 0)
            out += QLatin1Char(',');
        appendJsonString(out, i < header.size() ? QStringView(header[i])
                                                : QStringView(QStringLiteral("column_%1").arg(i + 1)));
        out += QLatin1Char(':');
        appendJsonString(out, row[i]);
    }
    out += QLatin1Char('}');
    return out;
}

} // namespace tb
