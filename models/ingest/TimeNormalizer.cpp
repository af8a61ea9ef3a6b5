#include "TimeNormalizer.h"

#include <QDateTime>

#include <optional>

namespace tb {
namespace {

// A tiny cursor over the text; every read returns false instead of throwing.
class Cursor {
public:
    explicit Cursor(QStringView text)
        : m_text(text) {}
    bool atEnd() const { return m_pos >= m_text.size(); }
    QChar peek() const { return atEnd() ? QChar() : m_text[m_pos]; }
    bool take(QChar c) {
        if (peek() != c)
            return false;
        ++m_pos;
        return true;
    }
    void skipSpaces() {
        while (!atEnd() && peek().isSpace())
            ++m_pos;
    }
    // Reads between min and max digits.
    std::optional<int> number(int minDigits, int maxDigits, int *digitsRead = nullptr) {
        int value = 0;
        int digits = 0;
        while (digits < maxDigits && !atEnd() && peek().isDigit()) {
            value = value * 10 + peek().digitValue();
            ++m_pos;
            ++digits;
        }
        if (digitsRead)
            *digitsRead = digits;
        if (digits < minDigits)
            return std::nullopt;
        return value;
    }
    QStringView rest() const { return m_text.mid(m_pos); }
    QStringView word() {
        const qsizetype start = m_pos;
        while (!atEnd() && peek().isLetter())
            ++m_pos;
        return m_text.mid(start, m_pos - start);
    }

private:
    QStringView m_text;
    qsizetype m_pos = 0;
};

struct Parts {
    QDate date;
    int hour = 0, minute = 0, second = 0;
    int micros = 0;
    std::optional<int> offsetSeconds; // set when the text carries a zone
};

bool readClock(Cursor &c, Parts &p) {
    auto h = c.number(1, 2);
    if (!h || !c.take(QLatin1Char(':')))
        return false;
    auto m = c.number(2, 2);
    if (!m)
        return false;
    p.hour = *h;
    p.minute = *m;
    if (c.take(QLatin1Char(':'))) {
        auto s = c.number(2, 2);
        if (!s)
            return false;
        p.second = *s;
        if (c.take(QLatin1Char('.')) || c.take(QLatin1Char(','))) {
            int digits = 0;
            int value = 0;
            // Keep six digits; further digits (Hayabusa writes seven, Go nine) are dropped.
            while (!c.atEnd() && c.peek().isDigit()) {
                if (digits < 6)
                    value = value * 10 + c.peek().digitValue();
                ++digits;
                c.take(c.peek());
            }
            if (digits == 0)
                return false;
            for (int i = digits; i < 6; ++i)
                value *= 10;
            p.micros = value;
        }
    }
    return p.hour < 24 && p.minute < 60 && p.second < 61;
}

bool readMeridiem(Cursor &c, Parts &p) {
    c.skipSpaces();
    const QStringView w = c.word();
    if (w.isEmpty())
        return true;
    if (p.hour < 1 || p.hour > 12)
        return false;
    if (w.compare(QLatin1String("PM"), Qt::CaseInsensitive) == 0)
        p.hour = p.hour % 12 + 12;
    else if (w.compare(QLatin1String("AM"), Qt::CaseInsensitive) == 0)
        p.hour = p.hour % 12;
    else
        return false;
    return true;
}

bool readZone(Cursor &c, Parts &p) {
    c.skipSpaces();
    if (c.atEnd())
        return true;
    if (c.take(QLatin1Char('Z')) || c.take(QLatin1Char('z'))) {
        p.offsetSeconds = 0;
        return c.atEnd();
    }
    const QChar sign = c.peek();
    if (sign == QLatin1Char('+') || sign == QLatin1Char('-')) {
        c.take(sign);
        auto hh = c.number(2, 2);
        if (!hh)
            return false;
        c.take(QLatin1Char(':'));
        int mm = 0;
        if (!c.atEnd()) {
            auto m = c.number(2, 2);
            if (!m)
                return false;
            mm = *m;
        }
        if (*hh > 14 || mm > 59)
            return false;
        p.offsetSeconds = (sign == QLatin1Char('-') ? -1 : 1) * (*hh * 3600 + mm * 60);
        return c.atEnd();
    }
    const QStringView w = c.word();
    if (w == QLatin1String("GMT") || w == QLatin1String("UTC")) {
        p.offsetSeconds = 0;
        return c.atEnd();
    }
    return false;
}

bool parseIso(QStringView text, Parts &p) {
    Cursor c(text);
    auto y = c.number(4, 4);
    if (!y || !c.take(QLatin1Char('-')))
        return false;
    auto mo = c.number(2, 2);
    if (!mo || !c.take(QLatin1Char('-')))
        return false;
    auto d = c.number(2, 2);
    if (!d)
        return false;
    p.date = QDate(*y, *mo, *d);
    if (!p.date.isValid())
        return false;
    if (!c.take(QLatin1Char('T')) && !c.take(QLatin1Char(' ')))
        return c.atEnd(); // a bare date is midnight
    return readClock(c, p) && readZone(c, p);
}

int monthFromName(QStringView name) {
    static const char *const names[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                        "jul", "aug", "sep", "oct", "nov", "dec"};
    for (int i = 0; i < 12; ++i) {
        if (name.left(3).compare(QLatin1String(names[i]), Qt::CaseInsensitive) == 0)
            return i + 1;
    }
    return 0;
}

// Kibana's default dateFormat: "MMM D, YYYY @ HH:mm:ss.SSS".
bool parseKibana(QStringView text, Parts &p) {
    Cursor c(text);
    const int month = monthFromName(c.word());
    if (month == 0)
        return false;
    c.skipSpaces();
    auto d = c.number(1, 2);
    if (!d || !c.take(QLatin1Char(',')))
        return false;
    c.skipSpaces();
    auto y = c.number(4, 4);
    if (!y)
        return false;
    c.skipSpaces();
    if (!c.take(QLatin1Char('@')))
        return false;
    c.skipSpaces();
    p.date = QDate(*y, month, *d);
    return p.date.isValid() && readClock(c, p) && readZone(c, p);
}

// US forms: Log Analytics "3/4/2025, 9:41:17.402 AM", old ESCU "03/04/2025 09:41:17".
bool parseUs(QStringView text, Parts &p) {
    Cursor c(text);
    auto mo = c.number(1, 2);
    if (!mo || !c.take(QLatin1Char('/')))
        return false;
    auto d = c.number(1, 2);
    if (!d || !c.take(QLatin1Char('/')))
        return false;
    auto y = c.number(4, 4);
    if (!y)
        return false;
    c.take(QLatin1Char(','));
    c.skipSpaces();
    p.date = QDate(*y, *mo, *d);
    return p.date.isValid() && readClock(c, p) && readMeridiem(c, p) && readZone(c, p);
}

QString formatUtc(const QDateTime &utc, int micros) {
    return utc.toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss")) + QLatin1Char('.') +
           QString::number(micros).rightJustified(6, QLatin1Char('0')) + QLatin1Char('Z');
}

} // namespace

TimeNormalizer::TimeNormalizer(QTimeZone assumedZone)
    : m_zone(assumedZone.isValid() ? assumedZone : QTimeZone::utc()) {}

NormalizedTime TimeNormalizer::normalize(QStringView input) const {
    const QStringView text = input.trimmed();
    if (text.isEmpty())
        return {};

    // Epoch seconds (10 digits, optional fraction) or milliseconds (13 digits).
    bool allDigits = true;
    qsizetype dot = -1;
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text[i] == QLatin1Char('.') && dot < 0)
            dot = i;
        else if (!text[i].isDigit())
            allDigits = false;
    }
    if (allDigits) {
        const QStringView whole = dot < 0 ? text : text.left(dot);
        qint64 micros = 0;
        if (whole.size() == 13 && dot < 0) {
            micros = whole.toLongLong() * 1000;
        } else if (whole.size() >= 9 && whole.size() <= 10) {
            micros = whole.toLongLong() * 1000000;
            if (dot >= 0) {
                const QString fraction =
                    text.mid(dot + 1).left(6).toString().leftJustified(6, QLatin1Char('0'));
                micros += fraction.toLongLong();
            }
        } else {
            return {};
        }
        const QDateTime utc = QDateTime::fromSecsSinceEpoch(micros / 1000000, QTimeZone::utc());
        return {formatUtc(utc, int(micros % 1000000)), QStringLiteral("epoch")};
    }

    Parts p;
    if (!parseIso(text, p) && !(p = Parts{}, parseKibana(text, p)) && !(p = Parts{}, parseUs(text, p)))
        return {};

    const QTime clock(p.hour, p.minute, std::min(p.second, 59));
    if (p.offsetSeconds) {
        const QDateTime utc = QDateTime(p.date, clock, QTimeZone::utc()).addSecs(-*p.offsetSeconds);
        return {formatUtc(utc, p.micros), QStringLiteral("exact")};
    }
    const QDateTime utc = QDateTime(p.date, clock, m_zone).toUTC();
    return {formatUtc(utc, p.micros), QStringLiteral("assumed_tz")};
}

} // namespace tb
