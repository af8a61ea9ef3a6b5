#include "WindowsCommandLine.h"

namespace tb {

QStringList splitWindowsCommandLine(QStringView line) {
    QStringList args;
    QString current;
    current.reserve(line.size());
    bool inQuotes = false;
    bool haveToken = false;
    const qsizetype n = line.size();
    for (qsizetype i = 0; i < n; ++i) {
        const QChar c = line[i];
        if (c == QLatin1Char('\\')) {
            qsizetype slashes = 0;
            while (i < n && line[i] == QLatin1Char('\\')) {
                ++slashes;
                ++i;
            }
            if (i < n && line[i] == QLatin1Char('"')) {
                current += QString(slashes / 2, QLatin1Char('\\'));
                if (slashes % 2 == 1) {
                    current += QLatin1Char('"');
                } else {
                    inQuotes = !inQuotes;
                }
            } else {
                current += QString(slashes, QLatin1Char('\\'));
                --i;
            }
            haveToken = true;
        } else if (c == QLatin1Char('"')) {
            if (inQuotes && i + 1 < n && line[i + 1] == QLatin1Char('"')) {
                current += QLatin1Char('"');
                ++i;
            } else {
                inQuotes = !inQuotes;
            }
            haveToken = true;
        } else if ((c == QLatin1Char(' ') || c == QLatin1Char('\t')) && !inQuotes) {
            if (haveToken) {
                args.append(QString(current.constData(), current.size()));
                current.resize(0); // keeps the reserved capacity
                haveToken = false;
            }
        } else {
            current += c;
            haveToken = true;
        }
    }
    if (haveToken)
        args.append(current);
    return args;
}

QString imageBaseName(QStringView path) {
    qsizetype cut = -1;
    for (qsizetype i = path.size() - 1; i >= 0; --i) {
        if (path[i] == QLatin1Char('\\') || path[i] == QLatin1Char('/')) {
            cut = i;
            break;
        }
    }
    return path.mid(cut + 1).toString();
}

} // namespace tb
