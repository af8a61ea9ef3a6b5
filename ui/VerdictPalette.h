#pragma once

#include <QColor>
#include <QString>

class QPalette;

namespace tb {

// The colours of verdicts, readable on the light and the dark palette: a row tint and a strong colour
// for charts and badges.
class VerdictPalette final {
public:
    static QColor tint(const QString &verdictName, const QPalette &palette); // invalid when unreviewed
    static QColor strong(const QString &verdictName);
    static bool isDark(const QPalette &palette);
};

} // namespace tb
