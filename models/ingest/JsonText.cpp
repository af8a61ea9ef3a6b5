#include "JsonText.h"

namespace tb {

void appendJsonString(QString &out, QStringView value) {
    static const char hex[] = "0123456789abcdef";
    out += QLatin1Char('"');
    for (const QChar c : value) {
        const char16_t u = c.unicode();
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
            if (u < 0x20) {
                out += QLatin1String("\\u00");
                out += QLatin1Char(hex[u >> 4]);
                out += QLatin1Char(hex[u & 0xF]);
            } else {
                out += c;
            }
        }
    }
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
