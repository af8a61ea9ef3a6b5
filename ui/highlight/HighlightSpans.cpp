#include "HighlightSpans.h"

#include <QColor>
#include <QFont>
#include <QTextBlock>
#include <QTextDocument>
#include <QTextLayout>

namespace tb {

namespace {

// The character an entity such as "&lt;" or "&#39;" stands for; a null QChar when unknown.
QChar entity(QStringView name) {
    if (name == QLatin1String("lt"))
        return QLatin1Char('<');
    if (name == QLatin1String("gt"))
        return QLatin1Char('>');
    if (name == QLatin1String("amp"))
        return QLatin1Char('&');
    if (name == QLatin1String("quot"))
        return QLatin1Char('"');
    if (name == QLatin1String("apos"))
        return QLatin1Char('\'');
    if (name.startsWith(QLatin1Char('#'))) {
        bool ok = false;
        const bool hex = name.size() > 1 && (name[1] == QLatin1Char('x') || name[1] == QLatin1Char('X'));
        const uint code = hex ? name.mid(2).toUInt(&ok, 16) : name.mid(1).toUInt(&ok, 10);
        if (ok && code > 0 && code <= 0xFFFF)
            return QChar(char16_t(code));
    }
    return {};
}

QTextCharFormat formatOf(QStringView style) {
    QTextCharFormat format;
    for (QStringView property : style.split(QLatin1Char(';'), Qt::SkipEmptyParts)) {
        const qsizetype colon = property.indexOf(QLatin1Char(':'));
        if (colon < 0)
            continue;
        const QStringView name = property.left(colon).trimmed();
        const QStringView value = property.mid(colon + 1).trimmed();
        if (name == QLatin1String("color"))
            format.setForeground(QColor(value.toString()));
        else if (name == QLatin1String("background-color"))
            format.setBackground(QColor(value.toString()));
        else if (name == QLatin1String("font-weight") && value == QLatin1String("bold"))
            format.setFontWeight(QFont::Bold);
        else if (name == QLatin1String("font-style") && value == QLatin1String("italic"))
            format.setFontItalic(true);
        else if (name == QLatin1String("text-decoration")) {
            format.setFontUnderline(value.contains(QLatin1String("underline")));
            format.setFontStrikeOut(value.contains(QLatin1String("line-through")));
        }
    }
    return format;
}

} // namespace

int HighlightSpans::formatIndex(QStringView style) {
    for (int i = 0; i < m_styles.size(); ++i) {
        if (m_styles[i] == style)
            return i;
    }
    m_styles.append(style.toString());
    m_formats.append(formatOf(style));
    return int(m_formats.size()) - 1;
}

std::optional<HighlightSpans> HighlightSpans::fromToolHtml(QStringView html, QStringView text) {
    const qsizetype open = html.indexOf(QLatin1String("<pre>"));
    const qsizetype close = html.lastIndexOf(QLatin1String("</pre>"));
    if (open < 0 || close < open)
        return std::nullopt;
    QStringView body = html.mid(open + 5, close - open - 5);
    if (body.startsWith(QLatin1Char('\n')))
        body = body.mid(1); // the tool starts its text on the line after <pre>

    HighlightSpans result;
    QList<int> openFormats; // the spans opened and not closed yet, innermost last
    qsizetype at = 0;       // position in `text` of the next character
    qsizetype runStart = 0; // where the innermost open span's current run began
    auto flushRun = [&] {
        if (!openFormats.isEmpty() && at > runStart)
            result.m_spans.append({int(runStart), int(at - runStart), openFormats.last()});
        runStart = at;
    };
    // Each character of the body must be the next character of the text; the tool ends every line,
    // so one newline more than the text has is accepted at the end.
    bool endedWithNewline = false;
    auto take = [&](QChar c) {
        if (at < text.size() && text[at] == c) {
            ++at;
            return true;
        }
        if (at == text.size() && c == QLatin1Char('\n') && !endedWithNewline) {
            endedWithNewline = true; // not part of the text: not coloured either
            return true;
        }
        return false;
    };
    for (qsizetype i = 0; i < body.size();) {
        const QChar c = body[i];
        if (c == QLatin1Char('<')) {
            const qsizetype end = body.indexOf(QLatin1Char('>'), i);
            if (end < 0)
                return std::nullopt;
            const QStringView tag = body.mid(i, end - i + 1);
            if (tag.startsWith(QLatin1String("<span"))) {
                const qsizetype styleAt = tag.indexOf(QLatin1String("style=\""));
                const qsizetype styleEnd = styleAt < 0 ? -1 : tag.indexOf(QLatin1Char('"'), styleAt + 7);
                flushRun();
                openFormats.append(styleEnd < 0
                                       ? result.formatIndex({})
                                       : result.formatIndex(tag.mid(styleAt + 7, styleEnd - styleAt - 7)));
            } else if (tag == QLatin1String("</span>") && !openFormats.isEmpty()) {
                flushRun();
                openFormats.removeLast();
            } else {
                return std::nullopt; // not the tool's output
            }
            i = end + 1;
        } else if (c == QLatin1Char('&')) {
            const qsizetype end = body.indexOf(QLatin1Char(';'), i);
            const QChar decoded = end < 0 || end - i > 10 ? QChar() : entity(body.mid(i + 1, end - i - 1));
            if (decoded.isNull() || !take(decoded))
                return std::nullopt;
            i = end + 1;
        } else {
            if (!take(c))
                return std::nullopt;
            ++i;
        }
    }
    if (at < text.size())
        return std::nullopt;
    flushRun();
    result.m_textLength = text.size();
    result.m_styles.clear(); // only needed while parsing
    return result;
}

void HighlightSpans::applyTo(QTextDocument *document) const {
    qsizetype first = 0; // the first span that does not end before the block
    for (QTextBlock block = document->begin(); block.isValid(); block = block.next()) {
        const int blockStart = block.position();
        const int blockEnd = blockStart + block.length() - 1; // without the block separator
        while (first < m_spans.size() && m_spans[first].start + m_spans[first].length <= blockStart)
            ++first;
        QList<QTextLayout::FormatRange> ranges;
        for (qsizetype i = first; i < m_spans.size() && m_spans[i].start < blockEnd; ++i) {
            const Span &span = m_spans[i];
            const int start = std::max(span.start, blockStart);
            const int end = std::min(span.start + span.length, blockEnd);
            if (end > start)
                ranges.append({start - blockStart, end - start, m_formats[span.format]});
        }
        if (!ranges.isEmpty() || !block.layout()->formats().isEmpty())
            block.layout()->setFormats(ranges);
    }
    document->markContentsDirty(0, document->characterCount());
}

} // namespace tb
