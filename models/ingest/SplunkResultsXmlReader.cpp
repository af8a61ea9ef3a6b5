#include "SplunkResultsXmlReader.h"

#include "FormatRegistry.h"
#include "SplunkFieldMapper.h"

#include <QIODevice>

#include <pugixml.hpp>

#include <algorithm>
#include <cstring>

namespace tb {

namespace {

bool isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

// True when `data` at `pos` starts the element `name` (not a longer name: "<result" vs "<results").
bool startsElement(const QByteArray &data, qsizetype pos, const char *name) {
    const qsizetype length = qsizetype(std::strlen(name));
    if (data.size() < pos + length + 1 || std::memcmp(data.constData() + pos, name, size_t(length)) != 0)
        return false;
    const char after = data[pos + length];
    return isSpace(after) || after == '>' || after == '/';
}

// Every character of an element's text, highlight segments (<sg>) included.
void appendText(const pugi::xml_node &node, QByteArray &out) {
    for (const pugi::xml_node &child : node.children()) {
        if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata)
            out += child.value();
        else if (child.type() == pugi::node_element)
            appendText(child, out);
    }
}

} // namespace

struct SplunkResultsXmlReader::Impl {
    Impl(QIODevice *dev, ReaderContext context)
        : device(dev)
        , fileName(context.fileName)
        , queue(std::move(context)) {}

    // Reads another chunk onto the buffer; false at the end of the input.
    bool readMore();
    // Index of `needle` at or after `from`, reading on as needed; -1 when the input ends first.
    qsizetype find(const char *needle, qsizetype from);
    // Makes at least `count` bytes from `pos` available, if the input has them.
    bool ensure(qsizetype count);
    void advanceTo(qsizetype newPos);
    // The end (one past '>') of the tag starting at `pos`, skipping quoted attribute values.
    qsizetype tagEnd(qsizetype pos);
    // Reads up to the next <result> element and queues it; false at the end or on an error.
    bool readResult();
    bool fail(const QString &why);
    SplunkPendingResult parseResult(const QByteArray &element, qint64 line);

    QIODevice *device;
    QString fileName;
    SplunkResultQueue queue;
    QByteArray buffer;
    qsizetype pos = 0;
    bool eof = false;
    bool started = false;
    bool preview = false; // of the <results> document being read
    qint64 line = 1;
    qint64 results = 0;
    QString error;
    qint64 errorLine = 0;
    pugi::xml_document document;
};

bool SplunkResultsXmlReader::Impl::readMore() {
    if (eof)
        return false;
    static constexpr qint64 chunkSize = 256 * 1024;
    const qsizetype old = buffer.size();
    buffer.resize(old + chunkSize);
    const qint64 got = device->read(buffer.data() + old, chunkSize);
    buffer.resize(old + std::max<qint64>(got, 0));
    if (got <= 0) {
        eof = true;
        if (got < 0)
            error = QStringLiteral("read error: %1").arg(device->errorString());
        return false;
    }
    return true;
}

qsizetype SplunkResultsXmlReader::Impl::find(const char *needle, qsizetype from) {
    const qsizetype length = qsizetype(std::strlen(needle));
    for (;;) {
        const qsizetype at = buffer.indexOf(needle, from);
        if (at >= 0)
            return at;
        if (buffer.size() - pos > maxResultBytes)
            return -1;
        from = std::max(from, buffer.size() - length + 1);
        if (!readMore())
            return -1;
    }
}

bool SplunkResultsXmlReader::Impl::ensure(qsizetype count) {
    while (buffer.size() < pos + count) {
        if (!readMore())
            return false;
    }
    return true;
}

void SplunkResultsXmlReader::Impl::advanceTo(qsizetype newPos) {
    line += std::count(buffer.constBegin() + pos, buffer.constBegin() + newPos, '\n');
    pos = newPos;
}

qsizetype SplunkResultsXmlReader::Impl::tagEnd(qsizetype at) {
    char quote = 0;
    for (qsizetype i = at + 1;; ++i) {
        if (i >= buffer.size() && !readMore())
            return -1;
        if (i - pos > maxResultBytes)
            return -1;
        const char c = buffer[i];
        if (quote) {
            if (c == quote)
                quote = 0;
        } else if (c == '"' || c == '\'') {
            quote = c;
        } else if (c == '>') {
            return i + 1;
        }
    }
}

bool SplunkResultsXmlReader::Impl::fail(const QString &why) {
    if (error.isEmpty()) { // a read error explains a truncation better than the truncation does
        error = why;
        errorLine = line;
    }
    return false;
}

bool SplunkResultsXmlReader::Impl::readResult() {
    if (!started) {
        started = true;
        ensure(3);
        if (buffer.startsWith("\xEF\xBB\xBF"))
            pos = 3;
    }
    for (;;) {
        // Drop what is consumed, now and then rather than per result (that would move the buffer
        // once per result): the buffer stays within a few chunks plus the largest result.
        if (pos >= 1024 * 1024 || pos == buffer.size()) {
            buffer.remove(0, pos);
            pos = 0;
        }
        const qsizetype open = find("<", pos);
        if (open < 0) {
            advanceTo(buffer.size());
            return false;
        }
        advanceTo(open);
        if (!ensure(9) && buffer.size() - pos < 2)
            return fail(QStringLiteral("the file ends inside a tag"));
        const QByteArray ahead = buffer.mid(pos, 10);
        if (ahead.startsWith("<!--")) {
            const qsizetype end = find("-->", pos + 4);
            if (end < 0)
                return fail(QStringLiteral("the file ends inside a comment"));
            advanceTo(end + 3);
            continue;
        }
        if (ahead.startsWith("<!")) // DOCTYPE, ENTITY, CDATA: none belongs between results
            return fail(ahead.startsWith("<!DOCTYPE") || ahead.startsWith("<!ENTITY")
                            ? QStringLiteral("the file declares a DOCTYPE or entities; Tunebench does not "
                                             "expand XML entities, so it refuses the file")
                            : QStringLiteral("unexpected markup \"%1\"").arg(QString::fromUtf8(ahead)));
        if (ahead.startsWith("<?")) {
            const qsizetype end = find("?>", pos + 2);
            if (end < 0)
                return fail(QStringLiteral("the file ends inside a processing instruction"));
            advanceTo(end + 2);
            continue;
        }
        if (startsElement(buffer, pos, "<result")) {
            // The element runs to its closing tag; comments and CDATA inside are skipped over.
            const qint64 startLine = line;
            qsizetype scan = pos + 7;
            qsizetype end = -1;
            while (end < 0) {
                const qsizetype lt = find("<", scan);
                if (lt < 0 || !(ensure(lt - pos + 12) || buffer.size() > lt + 1))
                    return fail(buffer.size() - pos > maxResultBytes
                                    ? QStringLiteral("a <result> is larger than %1 MiB")
                                          .arg(maxResultBytes / (1024 * 1024))
                                    : QStringLiteral("the file ends inside a <result> (truncated?)"));
                const QByteArray markup = buffer.mid(lt, 12);
                if (markup.startsWith("<![CDATA[")) {
                    const qsizetype close = find("]]>", lt + 9);
                    if (close < 0)
                        return fail(QStringLiteral("the file ends inside CDATA"));
                    scan = close + 3;
                } else if (markup.startsWith("<!--")) {
                    const qsizetype close = find("-->", lt + 4);
                    if (close < 0)
                        return fail(QStringLiteral("the file ends inside a comment"));
                    scan = close + 3;
                } else if (markup.startsWith("<!")) {
                    return fail(
                        QStringLiteral("the file declares a DOCTYPE or entities inside a <result>; "
                                       "Tunebench does not expand XML entities, so it refuses the file"));
                } else if (startsElement(buffer, lt, "</result")) {
                    end = tagEnd(lt);
                    if (end < 0)
                        return fail(QStringLiteral("the file ends inside a tag"));
                } else {
                    scan = lt + 1;
                }
            }
            const QByteArray element = buffer.mid(pos, end - pos);
            advanceTo(end);
            SplunkPendingResult result = parseResult(element, startLine);
            if (!error.isEmpty())
                return false;
            queue.offer(std::move(result), preview);
            return true;
        }
        // Any other tag: <results …> sets the preview flag; <meta>, <fieldOrder>, <messages> are skipped.
        const qsizetype end = tagEnd(pos);
        if (end < 0)
            return fail(QStringLiteral("the file ends inside a tag"));
        if (startsElement(buffer, pos, "<results")) {
            const QByteArray tag = buffer.mid(pos, end - pos);
            preview = tag.contains("preview='1'") || tag.contains("preview=\"1\"") ||
                      tag.contains("preview='true'") || tag.contains("preview=\"true\"");
        } else if (startsElement(buffer, pos, "<meta") && buffer[end - 2] != '/') {
            // The header: its <field>s name the columns, they are not data.
            const qsizetype close = find("</meta>", end);
            if (close < 0)
                return fail(QStringLiteral("the file ends inside <meta>"));
            advanceTo(close + 7);
            continue;
        }
        advanceTo(end);
    }
}

SplunkPendingResult SplunkResultsXmlReader::Impl::parseResult(const QByteArray &element, qint64 startLine) {
    SplunkPendingResult result;
    result.recordNo = results++;
    result.line = startLine;
    result.raw = QString::fromUtf8(element);
    // Default flags expand only the five predefined entities and character references;
    // whitespace text is kept because <v> highlight segments are separated by it.
    const pugi::xml_parse_result parsed =
        document.load_buffer(element.constData(), size_t(element.size()),
                             pugi::parse_default | pugi::parse_ws_pcdata, pugi::encoding_utf8);
    if (!parsed) {
        line = startLine;
        fail(QStringLiteral("a <result> is not well-formed XML: %1 (offset %2)")
                 .arg(QString::fromUtf8(parsed.description()))
                 .arg(parsed.offset));
        return result;
    }
    for (const pugi::xml_node &field : document.child("result").children("field")) {
        QByteArray value;
        bool first = true;
        for (const pugi::xml_node &child : field.children()) {
            if (child.type() != pugi::node_element)
                continue;
            if (!first)
                value += '\n';
            first = false;
            const pugi::xml_node textNode = child.child("text");
            appendText(std::strcmp(child.name(), "value") == 0 && textNode ? textNode : child, value);
        }
        result.names << QString::fromUtf8(field.attribute("k").value());
        result.values << QString::fromUtf8(value);
    }
    return result;
}

SplunkResultsXmlReader::SplunkResultsXmlReader(QIODevice *device, ReaderContext context)
    : d(std::make_unique<Impl>(device, std::move(context))) {}

SplunkResultsXmlReader::~SplunkResultsXmlReader() = default;

bool SplunkResultsXmlReader::matches(const FileHead &head) {
    const QByteArray &b = head.bytes;
    qsizetype i = 0;
    const auto skipSpace = [&] {
        while (i < b.size() && isSpace(b[i]))
            ++i;
    };
    skipSpace();
    if (b.mid(i, 5) == "<?xml") {
        const qsizetype end = b.indexOf("?>", i);
        if (end < 0)
            return false;
        i = end + 2;
        skipSpace();
    }
    // A DOCTYPE in front of <results> is still this format; the reader refuses it by name.
    if (b.mid(i, 9) == "<!DOCTYPE") {
        qsizetype j = i + 9;
        while (j < b.size() && isSpace(b[j]))
            ++j;
        return b.mid(j, 7) == "results";
    }
    return startsElement(b, i, "<results");
}

EventReader::Status SplunkResultsXmlReader::next(NormalizedEvent &event, ImportIssue &issue) {
    issue = ImportIssue();
    issue.file = d->fileName;
    while (d->queue.isEmpty() && !d->eof) {
        if (!d->readResult()) {
            if (!d->error.isEmpty()) {
                issue.record = d->results;
                issue.line = d->errorLine;
                issue.problem = d->error;
                return Status::Failed;
            }
            if (d->eof)
                d->queue.finish();
        }
        if (d->queue.holdsTooMuch()) {
            issue.record = d->results;
            issue.problem =
                QStringLiteral("more than %1 MiB of preview results and no final ones: export the "
                               "finished search")
                    .arg(SplunkResultQueue::maxHeldBytes / (1024 * 1024));
            return Status::Failed;
        }
    }
    if (d->queue.isEmpty())
        return Status::End;
    return d->queue.take(event, issue);
}

} // namespace tb
