#pragma once

#include <QString>
#include <QTimeZone>

namespace tb {

struct NormalizedTime {
    QString utc;        // YYYY-MM-DDTHH:MM:SS.ffffffZ, empty when the text is not a time
    QString confidence; // exact | assumed_tz | epoch (header_tz is set by readers that know)
    bool ok() const { return !utc.isEmpty(); }
};

// Turns the time strings of SIEM exports into UTC without losing microseconds.
// QDateTime::fromString truncates to milliseconds and reads offset-less text as local time
// (FORMATS.md §12), so the forms are parsed here and only the zone arithmetic is Qt's.
class TimeNormalizer final {
public:
    // assumedZone applies to times written without an offset (Splunk firstTime, Kibana CSV).
    explicit TimeNormalizer(QTimeZone assumedZone = QTimeZone::utc());

    // Accepts ISO 8601 (T or space, 0–9 fraction digits, Z / ±hh:mm / ±hhmm / ±hh / " GMT" / " UTC"),
    // epoch seconds or milliseconds, Kibana "Mar 4, 2025 @ 10:46:21.733", and US
    // "3/4/2025, 9:41:17.402 AM" / "03/04/2025 09:41:17".
    NormalizedTime normalize(QStringView text) const;

    QTimeZone assumedZone() const { return m_zone; }

private:
    QTimeZone m_zone;
};

} // namespace tb
