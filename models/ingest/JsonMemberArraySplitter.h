#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

class QIODevice;

namespace tb {

// Streams the items of one array member of a top-level JSON wrapper object — `{"Schema":[…],
// "Results":[{…},…]}`, `{"@odata.context":…,"value":[…]}`, `{"records":[…]}` — one object at a
// time, with bounded memory however long the array is (JsonRecordSplitter would hand out the
// whole wrapper). Only the framing is scanned; each item is parsed by the caller. Other members
// are skipped. A file whose object has none of the member names is handed out whole, once, as
// the single record (e.g. one alert from `GET /api/alerts/{id}`), if it is not too large.
class JsonMemberArraySplitter final {
public:
    JsonMemberArraySplitter(QIODevice *device, QStringList memberNames);

    // The next item; false at the end or on an error (then errorString() is not empty).
    bool next(QByteArray &unit);

    qint64 unitLine() const { return m_unitLine; } // 1-based line where the item starts
    qint64 unitIndex() const { return m_unitIndex; }
    QString errorString() const { return m_error; }
    QString memberName() const { return m_member; } // the array being read; empty for a whole object

    static constexpr qsizetype maxUnitBytes = 64 * 1024 * 1024;

private:
    enum class State { Start, Key, Colon, Value, Items, Done };

    bool fill();
    bool get(char &c, QByteArray *into); // takes the next byte (appending it to `into`), counting lines
    bool peekNonSpace(char &c);          // skips whitespace; looks at the next byte without taking it
    bool readString(QByteArray *into);
    bool readValue(QByteArray *into); // a whole JSON value; `into` may be null (skipped)
    bool fail(const QString &why);

    QIODevice *m_device;
    QStringList m_names;
    QByteArray m_buffer;
    qsizetype m_pos = 0;
    bool m_eof = false;
    qint64 m_line = 1;
    State m_state = State::Start;
    QString m_member;
    QByteArray m_key;
    bool m_sawMember = false;
    QByteArray m_whole; // the object so far, while no member array has been seen
    bool m_wholeTooBig = false;
    qint64 m_unitLine = 0;
    qint64 m_unitIndex = -1;
    QString m_error;
};

} // namespace tb
