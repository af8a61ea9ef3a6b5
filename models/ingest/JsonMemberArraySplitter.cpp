#include "JsonMemberArraySplitter.h"

#include <QIODevice>

namespace tb {

namespace {
bool isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}
constexpr int maxDepth = 512;
} // namespace

JsonMemberArraySplitter::JsonMemberArraySplitter(QIODevice *device, QStringList memberNames)
    : m_device(device)
    , m_names(std::move(memberNames)) {}

bool JsonMemberArraySplitter::fail(const QString &why) {
    if (m_error.isEmpty())
        m_error = QStringLiteral("line %1: %2").arg(m_line).arg(why);
    m_state = State::Done;
    return false;
}

bool JsonMemberArraySplitter::fill() {
    if (m_pos < m_buffer.size())
        return true;
    if (m_eof)
        return false;
    m_buffer.resize(256 * 1024);
    const qint64 got = m_device->read(m_buffer.data(), m_buffer.size());
    if (got <= 0) {
        m_buffer.clear();
        m_pos = 0;
        m_eof = true;
        if (got < 0)
            fail(QStringLiteral("read error: %1").arg(m_device->errorString()));
        return false;
    }
    m_buffer.resize(got);
    m_pos = 0;
    return true;
}

bool JsonMemberArraySplitter::get(char &c, QByteArray *into) {
    if (!fill())
        return false;
    c = m_buffer[m_pos++];
    if (c == '\n')
        ++m_line;
    if (into)
        *into += c;
    if (!m_sawMember && !m_wholeTooBig) {
        m_whole += c;
        if (m_whole.size() > maxUnitBytes) {
            m_whole.clear();
            m_wholeTooBig = true;
        }
    }
    return true;
}

bool JsonMemberArraySplitter::peekNonSpace(char &c) {
    while (fill()) {
        c = m_buffer[m_pos];
        if (!isSpace(c))
            return true;
        get(c, nullptr);
    }
    return false;
}

bool JsonMemberArraySplitter::readString(QByteArray *into) {
    char c;
    if (!get(c, into) || c != '"')
        return fail(QStringLiteral("expected a string"));
    bool escape = false;
    for (;;) {
        if (!get(c, into))
            return fail(QStringLiteral("the file ends inside a string (truncated?)"));
        if (escape)
            escape = false;
        else if (c == '\\')
            escape = true;
        else if (c == '"')
            return true;
    }
}

bool JsonMemberArraySplitter::readValue(QByteArray *into) {
    char c;
    if (!peekNonSpace(c))
        return fail(QStringLiteral("the file ends before a value (truncated?)"));
    if (c == '"')
        return readString(into);
    if (c != '{' && c != '[') { // a number, true, false or null runs to the next delimiter
        while (fill() && !isSpace(m_buffer[m_pos]) && m_buffer[m_pos] != ',' && m_buffer[m_pos] != '}' &&
               m_buffer[m_pos] != ']')
            get(c, into);
        return true;
    }
    int depth = 0;
    bool inString = false, escape = false;
    for (;;) {
        if (!get(c, into))
            return fail(QStringLiteral("the file ends inside a JSON value (truncated?)"));
        if (into && into->size() > maxUnitBytes)
            return fail(
                QStringLiteral("a JSON record is larger than %1 MiB").arg(maxUnitBytes / (1024 * 1024)));
        if (inString) {
            if (escape)
                escape = false;
            else if (c == '\\')
                escape = true;
            else if (c == '"')
                inString = false;
        } else if (c == '"') {
            inString = true;
        } else if (c == '{' || c == '[') {
            if (++depth > maxDepth)
                return fail(QStringLiteral("JSON nested deeper than %1 levels").arg(maxDepth));
        } else if ((c == '}' || c == ']') && --depth == 0) {
            return true;
        }
    }
}

bool JsonMemberArraySplitter::next(QByteArray &unit) {
    char c;
    for (;;) {
        switch (m_state) {
        case State::Done:
            return false;
        case State::Start:
            if (!peekNonSpace(c))
                return fail(QStringLiteral("the file is empty"));
            if (c != '{')
                return fail(QStringLiteral("expected a JSON object, found '%1'").arg(QLatin1Char(c)));
            get(c, nullptr);
            m_state = State::Key;
            break;
        case State::Key:
            if (!peekNonSpace(c))
                return fail(QStringLiteral("the file ends inside the top-level object (truncated?)"));
            if (c == ',') {
                get(c, nullptr);
                break;
            }
            if (c == '}') {
                get(c, nullptr);
                m_state = State::Done;
                if (m_sawMember)
                    return false;
                if (m_wholeTooBig)
                    return fail(
                        QStringLiteral("the object has none of the members %1 and is larger than %2 MiB")
                            .arg(m_names.join(QStringLiteral(", ")))
                            .arg(maxUnitBytes / (1024 * 1024)));
                unit = m_whole.trimmed(); // no record array: the object is the record
                m_unitLine = 1;
                ++m_unitIndex;
                return true;
            }
            m_key.clear();
            if (!readString(&m_key))
                return false;
            m_key = m_key.mid(1, m_key.size() - 2); // without its quotes
            m_state = State::Colon;
            break;
        case State::Colon:
            if (!peekNonSpace(c) || c != ':')
                return fail(QStringLiteral("expected ':' after \"%1\"").arg(QString::fromUtf8(m_key)));
            get(c, nullptr);
            m_state = State::Value;
            break;
        case State::Value:
            if (!peekNonSpace(c))
                return fail(QStringLiteral("the file ends inside the top-level object (truncated?)"));
            if (c == '[' && m_names.contains(QString::fromUtf8(m_key))) {
                get(c, nullptr);
                m_member = QString::fromUtf8(m_key);
                m_sawMember = true;
                m_whole.clear();
                m_state = State::Items;
                break;
            }
            if (!readValue(nullptr))
                return false;
            m_state = State::Key;
            break;
        case State::Items:
            if (!peekNonSpace(c))
                return fail(
                    QStringLiteral("the file ends inside the \"%1\" array (truncated?)").arg(m_member));
            if (c == ',') {
                get(c, nullptr);
                break;
            }
            if (c == ']') {
                get(c, nullptr);
                m_state = State::Key;
                break;
            }
            if (c != '{')
                return fail(QStringLiteral("an item of \"%1\" is not a JSON object (starts with '%2')")
                                .arg(m_member, QString(QLatin1Char(c))));
            m_unitLine = m_line;
            unit.clear();
            if (!readValue(&unit))
                return false;
            ++m_unitIndex;
            return true;
        }
    }
}

} // namespace tb
